package forms

import (
	"fmt"

	"tovholder/model"
)

// The four documents' definitions (seed 000's templates, seed 002's
// consent checklist; DOMAIN.md). Field keys are the interchange format's
// keys (docs/FORMAT.md, "The documents").

type (
	nm  = model.NetworkMap
	nr  = model.NetworkRow
	agr = model.Agreement
	gl  = model.Goal
	mt  = model.Meeting
	pt  = model.Participant
	ai  = model.AgendaItem
	cs  = model.Consent
)

// NetworkMapDoc is the network map: who the citizen has, section by
// section, their own people first.
var NetworkMapDoc = &Document{
	ID:      "networkmap",
	Title:   model.Text{Da: "Netværkskort", En: "Network map"},
	Intro:   model.Text{Da: "Overblik over dem, der er med i din sag.", En: "An overview of the people involved in your case."},
	Citizen: true,
	Sections: []Section{
		{Key: "about", Title: model.Text{Da: "Om kortet", En: "About the map"}, Fields: []Field{
			text("prepared_by", model.Text{Da: "Udarbejdet af", En: "Prepared by"}, func(m *nm) *string { return &m.PreparedBy }),
			date("updated", model.Text{Da: "Senest opdateret", En: "Last updated"}, Past, func(m *nm) *model.Date { return &m.Updated }),
			text("interpreter", model.Text{Da: "Tolkning, sprog", En: "Interpreting, language"}, func(m *nm) *string { return &m.Interpreter }),
			yesNo("full_consent", model.Text{Da: "Fuldt samtykke", En: "Full consent"}, func(m *nm) **bool { return &m.FullConsent }),
		}},
		{Key: "rows", Title: model.Text{Da: "Netværket", En: "The network"},
			Table: grouped("section", table("rows", model.Text{Da: "Netværket", En: "The network"}, func(m *nm) *[]model.NetworkRow { return &m.Rows },
				required(choice("section", model.Text{Da: "Område", En: "Section"}, model.NetworkSections, func(r *nr) *string { return &r.Section })),
				yesNo("has_contact", model.Text{Da: "Kontakt", En: "In contact"}, func(r *nr) **bool { return &r.HasContact }),
				text("name", model.Text{Da: "Navn", En: "Name"}, func(r *nr) *string { return &r.Name }),
				text("workplace", model.Text{Da: "Arbejdssted", En: "Workplace"}, func(r *nr) *string { return &r.Workplace }),
				strField("email", model.Text{Da: "E-mail", En: "E-mail"}, KindEmail, false, func(r *nr) *string { return &r.Email }),
				strField("phone", model.Text{Da: "Telefon", En: "Phone"}, KindPhone, false, func(r *nr) *string { return &r.Phone }),
			))},
	},
}

// AgreementDoc is one version of the collaboration agreement.
var AgreementDoc = &Document{
	ID:    "agreement",
	Title: model.Text{Da: "Samarbejdsaftale", En: "Collaboration agreement"},
	Intro: model.Text{Da: "En fælles plan for dig og din fremskudte sagsbehandler: hvad vi vil, hvem gør hvad, og hvornår vi følger op.",
		En: "A shared plan for you and your outreach caseworker: what we aim for, who does what, and when we follow up."},
	Signatures: true,
	Sections: []Section{
		{Key: "made", Title: model.Text{Da: "Aftalen", En: "The agreement"}, Fields: []Field{
			date("agreed", model.Text{Da: "Indgået den", En: "Agreed on"}, Past, func(a *agr) *model.Date { return &a.Agreed }),
			text("place", model.Text{Da: "Sted", En: "Place"}, func(a *agr) *string { return &a.Place }),
			text("present", model.Text{Da: "Til stede", En: "Present"}, func(a *agr) *string { return &a.Present }),
		}},
		{Key: "dialogue", Title: model.Text{Da: "Dialog", En: "Dialogue"}, Fields: []Field{
			longText("situation", model.Text{Da: "Din situation lige nu", En: "Your situation now"}, func(a *agr) *string { return &a.Situation }),
			longText("hopes", model.Text{Da: "Mål for de næste tre måneder", En: "Goals for the next three months"}, func(a *agr) *string { return &a.Hopes }),
			longText("challenges", model.Text{Da: "Udfordringer på vejen", En: "Challenges on the way"}, func(a *agr) *string { return &a.Challenges }),
			longText("easier", model.Text{Da: "Det kan gøre det lettere", En: "What could make it easier"}, func(a *agr) *string { return &a.Easier }),
		}},
		{Key: "goals", Title: model.Text{Da: "Aftaler", En: "Agreements"},
			Help: model.Text{Da: "Hvad skal der ske de næste tre måneder?", En: "What happens in the next three months?"},
			Table: cards(table("goals", model.Text{Da: "Mål", En: "Goals"}, func(a *agr) *[]model.Goal { return &a.Goals },
				required(text("title", model.Text{Da: "Mål", En: "Goal"}, func(g *gl) *string { return &g.Title })),
				choice("area", model.Text{Da: "Område", En: "Area"}, model.GoalAreas, func(g *gl) *string { return &g.Area }),
				longText("citizen_actions", model.Text{Da: "Det gør du", En: "What you do"}, func(g *gl) *string { return &g.CitizenActions }),
				longText("caseworker_actions", model.Text{Da: "Det gør sagsbehandleren", En: "What the caseworker does"}, func(g *gl) *string { return &g.CaseworkerActions }),
				date("follow_up", model.Text{Da: "Opfølgningsdato", En: "Follow-up date"}, Future, func(g *gl) *model.Date { return &g.FollowUp }),
				yesNo("reached", model.Text{Da: "Er målet nået?", En: "Goal reached?"}, func(g *gl) **bool { return &g.Reached }),
				longText("went_well", model.Text{Da: "Gået godt", En: "Went well"}, func(g *gl) *string { return &g.WentWell }),
				longText("less_well", model.Text{Da: "Gået mindre godt", En: "Went less well"}, func(g *gl) *string { return &g.LessWell }),
			))},
		{Key: "caseworker", Title: model.Text{Da: "Sagsbehandlerens opgaver", En: "The caseworker's tasks"}, Fields: []Field{
			longText("coordination", model.Text{Da: "Koordinering med andre (efter aftale med dig)", En: "Coordination with others (as agreed with you)"}, func(a *agr) *string { return &a.Coordination }),
			longText("tasks_coordination", model.Text{Da: "Koordinerende opgaver", En: "Coordinating tasks"}, func(a *agr) *string { return &a.TasksCoordinate }),
			longText("tasks_authority", model.Text{Da: "Myndighedsopgaver", En: "Authority tasks"}, func(a *agr) *string { return &a.TasksAuthority }),
			longText("tasks_other", model.Text{Da: "Andre opgaver", En: "Other tasks"}, func(a *agr) *string { return &a.TasksOther }),
		}},
		{Key: "follow", Title: model.Text{Da: "Opfølgning", En: "Follow-up"}, Fields: []Field{
			date("follow_up", model.Text{Da: "Næste opfølgning", En: "Next follow-up"}, Future, func(a *agr) *model.Date { return &a.FollowUp }),
			text("status", model.Text{Da: "Status", En: "Status"}, func(a *agr) *string { return &a.Status }),
			yesNo("new_goals", model.Text{Da: "Nye mål aftalt", En: "New goals agreed"}, func(a *agr) **bool { return &a.NewGoals }),
			yesNo("signed", model.Text{Da: "Underskrevet på papir", En: "Signed on paper"}, func(a *agr) **bool { return &a.Signed }),
			text("signed_notes", model.Text{Da: "Note om underskrift", En: "Note on signing"}, func(a *agr) *string { return &a.SignedNotes }),
		}},
	},
}

// AgendaDoc is a coordinating meeting: invitation, agenda and minutes.
var AgendaDoc = &Document{
	ID:    "agenda",
	Title: model.Text{Da: "Dagsorden til koordinerende møde", En: "Agenda of a coordinating meeting"},
	Intro: model.Text{Da: "Du inviteres til et koordinerende møde. Punkter til dagsordenen sendes til den fremskudte sagsbehandler senest den dag, der står nedenfor.",
		En: "You are invited to a coordinating meeting. Send items for the agenda to the outreach caseworker by the day given below."},
	Citizen: true,
	Sections: []Section{
		{Key: "head", Title: model.Text{Da: "Mødet", En: "The meeting"}, Fields: []Field{
			required(date("date", model.Text{Da: "Dato", En: "Date"}, Future, func(m *mt) *model.Date { return &m.Date })),
			timeField("start", model.Text{Da: "Start", En: "Start"}, func(m *mt) *string { return &m.Start }),
			timeField("end", model.Text{Da: "Slut", En: "End"}, func(m *mt) *string { return &m.End }),
			text("venue", model.Text{Da: "Mødested", En: "Venue"}, func(m *mt) *string { return &m.Venue }),
			text("whereabouts", model.Text{Da: "Borgerens aktuelle opholdssted", En: "Where the citizen stays now"}, func(m *mt) *string { return &m.Whereabouts }),
			text("leader", model.Text{Da: "Mødeleder", En: "Meeting leader"}, func(m *mt) *string { return &m.Leader }),
			text("minute_taker", model.Text{Da: "Referent", En: "Minute-taker"}, func(m *mt) *string { return &m.MinuteTaker }),
			computed("last_day_for_items", model.Text{Da: "Sidste frist for punkter", En: "Last day for items"}, func(m *mt, lang string) string {
				if d := m.LastDayForItems(); d != model.NoDate {
					return d.String()
				}
				return ""
			}),
			computed("planned_minutes", model.Text{Da: "Planlagt tid", En: "Planned time"}, func(m *mt, lang string) string {
				return fmt.Sprintf(model.Text{Da: "%d af %d minutter", En: "%d of %d minutes"}.In(lang), m.PlannedMinutes(), model.MeetingGuideline)
			}),
		}},
		{Key: "invited", Title: model.Text{Da: "Deltagere", En: "Participants"},
			Table: table("invited", model.Text{Da: "Deltagere", En: "Participants"}, func(m *mt) *[]model.Participant { return &m.Invited },
				required(text("name", model.Text{Da: "Navn", En: "Name"}, func(p *pt) *string { return &p.Name })),
				text("unit", model.Text{Da: "Arbejdssted/rolle", En: "Workplace/role"}, func(p *pt) *string { return &p.Unit }),
				strField("email", model.Text{Da: "E-mail", En: "E-mail"}, KindEmail, false, func(p *pt) *string { return &p.Email }),
				boolField("external", model.Text{Da: "Ekstern", En: "External"}, func(p *pt) *bool { return &p.External }),
			)},
		{Key: "apologies", Title: model.Text{Da: "Afbud", En: "Apologies"}, Fields: []Field{
			list("apologies", model.Text{Da: "Afbud", En: "Apologies"}, nil, func(m *mt) *[]string { return &m.Apologies }),
		}},
		{Key: "items", Title: model.Text{Da: "Dagsorden og referat", En: "Agenda and minutes"},
			Table: table("items", model.Text{Da: "Punkter", En: "Items"}, func(m *mt) *[]model.AgendaItem { return &m.Items },
				text("topic", model.Text{Da: "Emne", En: "Topic"}, func(i *ai) *string { return &i.Topic }),
				text("responsible", model.Text{Da: "Ansvarlig", En: "Responsible"}, func(i *ai) *string { return &i.Responsible }),
				longText("aim", model.Text{Da: "Hvad skal vi opnå?", En: "What do we want to achieve?"}, func(i *ai) *string { return &i.Aim }),
				number("minutes", model.Text{Da: "Min.", En: "Min."}, func(i *ai) *int { return &i.Minutes }),
				longText("decision", model.Text{Da: "Beslutning, og hvem gør hvad", En: "Decision, and who does what"}, func(i *ai) *string { return &i.Decision }),
			)},
		{Key: "after", Title: model.Text{Da: "Efter mødet", En: "After the meeting"}, Fields: []Field{
			date("minutes_sent", model.Text{Da: "Referat sendt", En: "Minutes sent"}, Past, func(m *mt) *model.Date { return &m.MinutesSent }),
		}},
	},
	rules: func(rec any) []Problem {
		m := as[mt](rec)
		if m.Start != "" && m.End != "" && m.End <= m.Start {
			if _, ok1 := clock(m.Start); ok1 {
				if _, ok2 := clock(m.End); ok2 {
					return []Problem{{Path: "end", Label: model.Text{Da: "Slut", En: "End"}, Err: &InputError{Code: CodeOrder, Value: m.End}}}
				}
			}
		}
		return nil
	},
}

// ConsentDoc is the citizen's consent to exchange information.
var ConsentDoc = &Document{
	ID:    "consent",
	Title: model.Text{Da: "Samtykke til udveksling af oplysninger", En: "Consent to exchange information"},
	Intro: model.Text{Da: "Du giver samtykke til, at de enheder og personer, der er nævnt nedenfor, må indhente og give oplysninger til hinanden. Du kan til enhver tid trække samtykket tilbage.",
		En: "You consent that the units and persons named below may obtain and pass on information to each other. You may withdraw the consent at any time."},
	Signatures: true,
	Sections: []Section{
		{Key: "given", Title: model.Text{Da: "Samtykket", En: "The consent"}, Fields: []Field{
			required(date("date", model.Text{Da: "Dato", En: "Date"}, Past, func(k *cs) *model.Date { return &k.Date })),
			required(text("given_by", model.Text{Da: "Givet af", En: "Given by"}, func(k *cs) *string { return &k.GivenBy })),
			required(choice("how", model.Text{Da: "Hvordan", En: "How"}, model.ConsentForms, func(k *cs) *string { return &k.How })),
			text("noted_by", model.Text{Da: "Noteret af", En: "Noted by"}, func(k *cs) *string { return &k.NotedBy }),
		}},
		{Key: "parties", Title: model.Text{Da: "Hvem må udveksle oplysninger", En: "Who may exchange information"}, Fields: []Field{
			required(list("parties", model.Text{Da: "Enheder og personer", En: "Units and persons"}, model.ConsentParties, func(k *cs) *[]string { return &k.Parties })),
		}},
		{Key: "what", Title: model.Text{Da: "Hvad må udveksles", En: "What may be exchanged"}, Fields: []Field{
			longText("may", model.Text{Da: "Må udveksles", En: "May be exchanged"}, func(k *cs) *string { return &k.May }),
			longText("may_not", model.Text{Da: "Må ikke udveksles", En: "May not be exchanged"}, func(k *cs) *string { return &k.MayNot }),
		}},
		{Key: "revoked", Title: model.Text{Da: "Tilbagekaldelse", En: "Withdrawal"}, Fields: []Field{
			date("revoked", model.Text{Da: "Trukket tilbage den", En: "Withdrawn on"}, Past, func(k *cs) *model.Date { return &k.Revoked }),
		}},
	},
	Footer: model.Text{Da: "Oplysninger udveksles efter retssikkerhedslovens §§ 11 a-c og forvaltningslovens § 28.",
		En: "Information is exchanged under the Danish Act on Legal Protection, sections 11 a-c, and the Public Administration Act, section 28."},
	rules: func(rec any) []Problem {
		k := as[cs](rec)
		var out []Problem
		if k.How == "oral" && k.NotedBy == "" {
			out = append(out, Problem{Path: "noted_by", Label: model.Text{Da: "Noteret af", En: "Noted by"}, Err: &InputError{Code: CodeRequired}})
		}
		if k.Revoked != model.NoDate && k.Date != model.NoDate && k.Revoked < k.Date {
			out = append(out, Problem{Path: "revoked", Label: model.Text{Da: "Trukket tilbage den", En: "Withdrawn on"}, Err: &InputError{Code: CodeOrder, Value: k.Revoked.String()}})
		}
		return out
	},
}

func timeField[T any](key string, label model.Text, p func(*T) *string) Field {
	return strField(key, label, KindTime, false, p)
}

func grouped(key string, t *Table) *Table { t.Group = key; return t }

func cards(t *Table) *Table { t.Cards = true; return t }
