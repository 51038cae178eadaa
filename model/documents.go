package model

import (
	"slices"
	"strconv"
	"strings"
)

// The method's documents (DOMAIN.md; seed 000's templates): the network
// map, the collaboration agreement, the agenda that is also invitation and
// minutes, and the consent. They are parts of a case, exported and
// imported with it. The dates in them that must be kept are the case's
// own goals and tasks (Case.Goals, Case.Tasks), which the deadline rules
// read: an agreement's goal is a Goal, a meeting's decision a Task.

// NetworkMap is the citizen's network: who they have, by section, the
// citizen's own people first.
type NetworkMap struct {
	PreparedBy string `json:"prepared_by,omitempty"`
	Updated    Date   `json:"updated,omitempty"` // set when it is saved
	// Interpreter is the language the citizen needs interpreting into, "" for none.
	Interpreter string       `json:"interpreter,omitempty"`
	FullConsent *bool        `json:"full_consent,omitempty"` // the citizen has consented in full
	Rows        []NetworkRow `json:"rows,omitempty"`
}

// NetworkRow is one person or place in a section of the network map.
type NetworkRow struct {
	Section    string `json:"section"` // an id of NetworkSections
	HasContact *bool  `json:"has_contact,omitempty"`
	Name       string `json:"name,omitempty"`
	Workplace  string `json:"workplace,omitempty"`
	Email      string `json:"email,omitempty"`
	Phone      string `json:"phone,omitempty"`
}

// NetworkSections are the network map's sections in the order the map
// shows them: the citizen's own people and resources first (seed 003's
// recovery principles), the caseworker last.
var NetworkSections = []Option{
	{ID: "private", Da: "Privat netværk", En: "Private network"},
	{ID: "daily_life", Da: "Dagligdag i hjemmet", En: "Daily life at home"},
	{ID: "housing", Da: "Bolig", En: "Housing"},
	{ID: "employment", Da: "Beskæftigelse", En: "Employment"},
	{ID: "education", Da: "Uddannelse", En: "Education"},
	{ID: "health", Da: "Sundhed og behandling", En: "Health and treatment"},
	{ID: "social_admin", Da: "Social forvaltning", En: "Social administration"},
	{ID: "probation", Da: "Kriminalforsorgen", En: "Probation service"},
	{ID: "interpreter", Da: "Tolk", En: "Interpreters"},
	{ID: "caseworker", Da: "Fremskudt sagsbehandler", En: "Outreach caseworker"},
}

// Agreement is one saved version of the collaboration agreement: every
// save keeps the one before, so older versions can be read and compared.
// Its goals are the case's goals as they stood when it was saved.
type Agreement struct {
	Saved   Date   `json:"saved"` // when this version was saved
	SavedBy string `json:"saved_by,omitempty"`
	Agreed  Date   `json:"agreed,omitempty"` // when and where it was agreed with the citizen
	Place   string `json:"place,omitempty"`
	Present string `json:"present,omitempty"`
	// The dialogue, in the citizen's own words.
	Situation  string `json:"situation,omitempty"`
	Hopes      string `json:"hopes,omitempty"`      // goals for the next three months
	Challenges string `json:"challenges,omitempty"` // the citizen's and the caseworker's view
	Easier     string `json:"easier,omitempty"`     // what could make it easier
	Goals      []Goal `json:"goals,omitempty"`
	// The caseworker's part: coordination with others, as agreed with the
	// citizen, and tasks in three columns.
	Coordination    string `json:"coordination,omitempty"`
	TasksCoordinate string `json:"tasks_coordination,omitempty"`
	TasksAuthority  string `json:"tasks_authority,omitempty"` // benefits, the adult assessment method (VUM), advice
	TasksOther      string `json:"tasks_other,omitempty"`     // accompanying, regular visits
	// The follow-up.
	FollowUp    Date   `json:"follow_up,omitempty"`
	Status      string `json:"status,omitempty"`
	NewGoals    *bool  `json:"new_goals,omitempty"`
	Signed      *bool  `json:"signed,omitempty"` // signed on paper by the citizen and the caseworker
	SignedNotes string `json:"signed_notes,omitempty"`
}

// GoalAreas are the areas a goal may belong to (seed 002's form).
var GoalAreas = []Option{
	{ID: "vocational", Da: "Beskæftigelse: faglige kompetencer", En: "Employment: vocational"},
	{ID: "everyday", Da: "Beskæftigelse: hverdagsliv", En: "Employment: everyday life"},
	{ID: "health", Da: "Helbred", En: "Health"},
	{ID: "network", Da: "Netværk og venner", En: "Network and friends"},
	{ID: "development", Da: "Udvikling og adfærd", En: "Development and behaviour"},
	{ID: "housing", Da: "Bolig", En: "Housing"},
	{ID: "money", Da: "Økonomi", En: "Money"},
	{ID: "family", Da: "Familie", En: "Family"},
	{ID: "other", Da: "Andet", En: "Other"},
}

// Meeting is a coordinating meeting's one document: invitation, agenda and
// minutes. Its decisions become the case's tasks.
type Meeting struct {
	Date        Date          `json:"date"`
	Start       string        `json:"start,omitempty"` // HH:MM
	End         string        `json:"end,omitempty"`
	Venue       string        `json:"venue,omitempty"`
	Whereabouts string        `json:"whereabouts,omitempty"` // where the citizen is staying now
	Leader      string        `json:"leader,omitempty"`
	MinuteTaker string        `json:"minute_taker,omitempty"`
	Invited     []Participant `json:"invited,omitempty"`
	Apologies   []string      `json:"apologies,omitempty"` // names of the invited who sent apologies
	Items       []AgendaItem  `json:"items,omitempty"`
	MinutesSent Date          `json:"minutes_sent,omitempty"`
}

// Participant is someone invited to a coordinating meeting.
type Participant struct {
	Name  string `json:"name"`
	Unit  string `json:"unit,omitempty"` // their workplace or role
	Email string `json:"email,omitempty"`
	// External: from outside the municipality's own units (the GP, a
	// housing association): inviting them needs consent on file.
	External bool `json:"external,omitempty"`
}

// AgendaItem is one row of the agenda, and its minutes.
type AgendaItem struct {
	Topic       string `json:"topic"`
	Responsible string `json:"responsible,omitempty"`
	Aim         string `json:"aim,omitempty"` // what we want to achieve
	Minutes     int    `json:"minutes,omitempty"`
	Decision    string `json:"decision,omitempty"` // the decision, and who does what
}

// DefaultAgenda is the eleven rows a new agenda starts with (seed 000).
var DefaultAgenda = []Text{
	{Da: "Velkomst og præsentation", En: "Welcome and introductions"},
	{Da: "Valg af referent", En: "Choose a minute-taker"},
	{Da: "Formålet med mødet (mødeleder)", En: "The purpose of the meeting (meeting leader)"},
	{Da: "Status siden sidste møde", En: "Status since earlier meetings"},
	{Da: "", En: ""},
	{Da: "", En: ""},
	{Da: "", En: ""},
	{Da: "Opdatering af netværkskortet", En: "Update the network map"},
	{Da: "Eventuelt", En: "Any other business"},
	{Da: "Næste møde", En: "Next meeting"},
	{Da: "Opsamling ved referenten: aftalte opgaver og hvem", En: "Summary by the minute-taker: agreed tasks and owners"},
}

// MeetingGuideline is how long a coordinating meeting should last, in minutes.
const MeetingGuideline = 60

// ItemsDeadlineDays: participants may send items until this many days before.
const ItemsDeadlineDays = 4

// PlannedMinutes is the sum of the agenda's minutes.
func (m *Meeting) PlannedMinutes() int {
	n := 0
	for _, it := range m.Items {
		n += it.Minutes
	}
	return n
}

// LastDayForItems is the last day participants may send items.
func (m *Meeting) LastDayForItems() Date {
	if m.Date == NoDate {
		return NoDate
	}
	return m.Date.AddDays(-ItemsDeadlineDays)
}

// Consent is the citizen's consent to exchange information.
type Consent struct {
	Date    Date     `json:"date"`
	GivenBy string   `json:"given_by,omitempty"` // the citizen, or who gave it on their behalf
	Parties []string `json:"parties,omitempty"`  // units and persons that may exchange information
	May     string   `json:"may,omitempty"`      // what may be exchanged
	MayNot  string   `json:"may_not,omitempty"`  // what may not
	How     string   `json:"how,omitempty"`      // an id of ConsentForms
	NotedBy string   `json:"noted_by,omitempty"` // who took it, for an oral consent above all
	Revoked Date     `json:"revoked,omitempty"`
}

// ConsentForms are how a consent may be given.
var ConsentForms = []Option{
	{ID: "signed", Da: "Underskrevet på papir", En: "Signed on paper"},
	{ID: "digital", Da: "Digitalt", En: "Digitally"},
	{ID: "oral", Da: "Mundtligt (noteret)", En: "Orally (noted)"},
}

// ConsentParties is seed 002's checklist of units and persons the consent
// may cover; others may be typed in.
var ConsentParties = []Option{
	{ID: "gp", Da: "Egen læge", En: "Own GP"},
	{ID: "psychiatry", Da: "Distriktspsykiatrien", En: "District psychiatry"},
	{ID: "hospital", Da: "Hospital", En: "Hospital"},
	{ID: "job_centre", Da: "Jobcenter", En: "Job centre"},
	{ID: "unemployment_fund", Da: "A-kasse", En: "Unemployment fund"},
	{ID: "housing", Da: "Boligforening", En: "Housing association"},
	{ID: "social_services", Da: "Socialforvaltningen", En: "Social services"},
	{ID: "benefits", Da: "Ydelseskontor", En: "Benefits office"},
	{ID: "probation", Da: "Kriminalforsorgen", En: "Probation service"},
	{ID: "education", Da: "Uddannelsessted", En: "Place of education"},
	{ID: "network", Da: "Pårørende og netværk", En: "Relatives and network"},
}

// ConsentOn is the consent in force on day: given on or before it and not
// revoked by then; the latest such. ok is false when there is none.
func (c *Case) ConsentOn(day Date) (Consent, bool) {
	var found Consent
	ok := false
	for _, k := range c.Consents {
		if k.InForce(day) && (!ok || k.Date >= found.Date) {
			found, ok = k, true
		}
	}
	return found, ok
}

// InForce says whether the consent holds on day: given by then and not
// revoked by then.
func (k Consent) InForce(day Date) bool {
	return k.Date != NoDate && k.Date <= day && (k.Revoked == NoDate || k.Revoked > day)
}

// Covers says whether the consent names the party: by a checklist id or a
// name typed in, in any case.
func (k Consent) Covers(party string) bool {
	p := strings.ToLower(strings.TrimSpace(party))
	if p == "" {
		return false
	}
	for _, q := range k.Parties {
		q = strings.ToLower(strings.TrimSpace(q))
		if q == p {
			return true
		}
		if o, ok := Lookup(ConsentParties, q); ok && (strings.ToLower(o.Da) == p || strings.ToLower(o.En) == p) {
			return true
		}
	}
	return false
}

// The problems of consent.
const (
	ProblemNoConsent      = "no_consent"      // no consent in force on the day (Args: the party)
	ProblemConsentRevoked = "consent_revoked" // the consent was revoked (Args: the party, the date)
	ProblemNotCovered     = "not_covered"     // the consent in force does not name the party (Args: the party)
)

// CheckExternal says whether information may be exchanged with an
// external party on day: inviting them to a meeting, or recording what
// they told. Nil when a consent in force names them.
func CheckExternal(c *Case, party string, day Date) *Problem {
	k, ok := c.ConsentOn(day)
	if !ok {
		for _, r := range c.Consents {
			if r.Revoked != NoDate && r.Revoked <= day {
				return &Problem{Code: ProblemConsentRevoked, Args: []any{party, r.Revoked}}
			}
		}
		return &Problem{Code: ProblemNoConsent, Args: []any{party}}
	}
	if !k.Covers(party) {
		return &Problem{Code: ProblemNotCovered, Args: []any{party}}
	}
	return nil
}

// validateDocuments checks the documents of a case; bad reports a problem.
func (c *Case) validateDocuments(bad func(field, format string, args ...any)) {
	if m := c.NetworkMap; m != nil {
		for i, r := range m.Rows {
			at := "network_map.rows[" + strconv.Itoa(i) + "]."
			if _, ok := Lookup(NetworkSections, r.Section); !ok {
				bad(at+"section", "%q is not one of %s", r.Section, strings.Join(IDs(NetworkSections), ", "))
			}
			if r.Email != "" && !looksLikeEmail(r.Email) {
				bad(at+"email", "%q is not an e-mail address", r.Email)
			}
		}
	}
	for i, a := range c.Agreements {
		at := "agreements[" + strconv.Itoa(i) + "]."
		if a.Saved == NoDate {
			bad(at+"saved", "is missing")
		}
		for j, g := range a.Goals {
			if g.Area != "" {
				if _, ok := Lookup(GoalAreas, g.Area); !ok {
					bad(at+"goals["+strconv.Itoa(j)+"].area", "%q is not one of %s", g.Area, strings.Join(IDs(GoalAreas), ", "))
				}
			}
		}
	}
	for i, g := range c.Goals {
		if g.Area != "" {
			if _, ok := Lookup(GoalAreas, g.Area); !ok {
				bad("goals["+strconv.Itoa(i)+"].area", "%q is not one of %s", g.Area, strings.Join(IDs(GoalAreas), ", "))
			}
		}
	}
	for i, m := range c.Meetings {
		at := "meetings[" + strconv.Itoa(i) + "]."
		if m.Date == NoDate {
			bad(at+"date", "is missing")
		}
		for _, f := range []struct{ name, v string }{{"start", m.Start}, {"end", m.End}} {
			if f.v != "" && !isClock(f.v) {
				bad(at+f.name, "%q is not a time of day (HH:MM)", f.v)
			}
		}
		for j, p := range m.Invited {
			if strings.TrimSpace(p.Name) == "" {
				bad(at+"invited["+strconv.Itoa(j)+"].name", "is missing")
			}
			if p.Email != "" && !looksLikeEmail(p.Email) {
				bad(at+"invited["+strconv.Itoa(j)+"].email", "%q is not an e-mail address", p.Email)
			}
		}
		for j, it := range m.Items {
			if it.Minutes < 0 || it.Minutes > 600 {
				bad(at+"items["+strconv.Itoa(j)+"].minutes", "%d is not a number of minutes from 0 to 600", it.Minutes)
			}
		}
	}
	for i, k := range c.Consents {
		at := "consents[" + strconv.Itoa(i) + "]."
		if k.Date == NoDate {
			bad(at+"date", "is missing")
		}
		if k.How != "" {
			if _, ok := Lookup(ConsentForms, k.How); !ok {
				bad(at+"how", "%q is not one of %s", k.How, strings.Join(IDs(ConsentForms), ", "))
			}
		}
		if k.Revoked != NoDate && k.Date != NoDate && k.Revoked < k.Date {
			bad(at+"revoked", "is before the consent was given (%s)", k.Date)
		}
	}
}

// looksLikeEmail: something@something.something, with no spaces.
func looksLikeEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".") && !strings.ContainsAny(s, " \t") && !strings.HasSuffix(s, ".")
}

// isClock: HH:MM, 00:00 to 23:59.
func isClock(s string) bool {
	if len(s) != 5 || s[2] != ':' {
		return false
	}
	h, err1 := strconv.Atoi(s[:2])
	m, err2 := strconv.Atoi(s[3:])
	return err1 == nil && err2 == nil && h >= 0 && h < 24 && m >= 0 && m < 60
}

// cleanDocuments cleans every text of the documents (see cleanText).
func (c *Case) cleanDocuments(line func(...*string)) {
	if m := c.NetworkMap; m != nil {
		line(&m.PreparedBy, &m.Interpreter)
		for i := range m.Rows {
			r := &m.Rows[i]
			line(&r.Section, &r.Name, &r.Workplace, &r.Email, &r.Phone)
		}
	}
	for i := range c.Agreements {
		a := &c.Agreements[i]
		line(&a.SavedBy, &a.Place, &a.Present, &a.Status, &a.SignedNotes)
		for _, s := range []*string{&a.Situation, &a.Hopes, &a.Challenges, &a.Easier, &a.Coordination, &a.TasksCoordinate, &a.TasksAuthority, &a.TasksOther} {
			*s = CleanText(*s)
		}
		for j := range a.Goals {
			cleanGoal(&a.Goals[j], line)
		}
	}
	for i := range c.Meetings {
		m := &c.Meetings[i]
		line(&m.Start, &m.End, &m.Venue, &m.Whereabouts, &m.Leader, &m.MinuteTaker)
		for j := range m.Invited {
			p := &m.Invited[j]
			line(&p.Name, &p.Unit, &p.Email)
		}
		for j := range m.Apologies {
			line(&m.Apologies[j])
		}
		for j := range m.Items {
			it := &m.Items[j]
			line(&it.Topic, &it.Responsible)
			it.Aim, it.Decision = CleanText(it.Aim), CleanText(it.Decision)
		}
	}
	for i := range c.Consents {
		k := &c.Consents[i]
		line(&k.GivenBy, &k.How, &k.NotedBy)
		k.May, k.MayNot = CleanText(k.May), CleanText(k.MayNot)
		for j := range k.Parties {
			line(&k.Parties[j])
		}
	}
}

func cleanGoal(g *Goal, line func(...*string)) {
	line(&g.Title, &g.Area)
	g.CitizenActions, g.CaseworkerActions = CleanText(g.CitizenActions), CleanText(g.CaseworkerActions)
	g.WentWell, g.LessWell = CleanText(g.WentWell), CleanText(g.LessWell)
}

// OwnGP is the network map's row that is always there: the citizen's own
// general practitioner, under health.
var OwnGP = Text{Da: "Egen læge", En: "Own GP"}

// SaveNetworkMap puts m on the case as saved on day: "last updated" is the
// day, the own GP is always a row (an empty one when none was given), and
// rows come in the sections' order, the citizen's own people first, each
// section keeping the order its rows were given in.
func (c *Case) SaveNetworkMap(m NetworkMap, day Date) {
	m.Updated = day
	hasGP := false
	for _, r := range m.Rows {
		if r.Section == "health" && (strings.EqualFold(r.Name, OwnGP.Da) || strings.EqualFold(r.Name, OwnGP.En) || strings.EqualFold(r.Workplace, OwnGP.Da)) {
			hasGP = true
		}
	}
	rows := append([]NetworkRow(nil), m.Rows...)
	if !hasGP {
		rows = append(rows, NetworkRow{Section: "health", Name: OwnGP.Da})
	}
	order := map[string]int{}
	for i, s := range NetworkSections {
		order[s.ID] = i
	}
	slices.SortStableFunc(rows, func(a, b NetworkRow) int { return order[a.Section] - order[b.Section] })
	m.Rows = rows
	c.NetworkMap = &m
}

// SaveAgreement keeps a as the newest version of the agreement, saved on
// day by who, and makes its goals the case's: a goal already on the case
// (the same title) keeps whether and when it was followed up; a goal the
// new version leaves out goes, unless it was followed up already, which
// stays on the case as history (not in the new version). The goals' follow-up dates are the case's
// goal_followup deadlines from then on.
func (c *Case) SaveAgreement(a Agreement, day Date, who string) {
	a.Saved, a.SavedBy = day, who
	var goals []Goal
	kept := map[int]bool{}
	for _, g := range a.Goals {
		if strings.TrimSpace(g.Title) == "" {
			continue
		}
		for i, old := range c.Goals {
			if !kept[i] && strings.EqualFold(strings.TrimSpace(old.Title), strings.TrimSpace(g.Title)) {
				kept[i] = true
				if old.FollowedUp && !g.FollowedUp {
					g.FollowedUp, g.FollowedUpOn = true, old.FollowedUpOn
				}
				break
			}
		}
		goals = append(goals, g)
	}
	// The version holds the goals agreed now; the case keeps, beside
	// them, the goals followed up before, as history.
	a.Goals = append([]Goal(nil), goals...)
	for i, old := range c.Goals {
		if !kept[i] && old.FollowedUp {
			goals = append(goals, old)
		}
	}
	c.Goals = goals
	c.Agreements = append(c.Agreements, a)
}

// Agreement is the agreement in force: the newest version, ok false when
// there is none.
func (c *Case) Agreement() (Agreement, bool) {
	if len(c.Agreements) == 0 {
		return Agreement{}, false
	}
	return c.Agreements[len(c.Agreements)-1], true
}

// CheckInvites says, for each external participant of m, why they cannot
// be invited on day (CheckExternal); nil when every one can.
func (m Meeting) CheckInvites(c *Case, day Date) []Problem {
	var out []Problem
	for _, p := range m.Invited {
		if !p.External {
			continue
		}
		party := p.Unit
		if party == "" {
			party = p.Name
		}
		if pr := CheckExternal(c, party, day); pr != nil && (p.Unit == "" || CheckExternal(c, p.Name, day) != nil) {
			out = append(out, *pr)
		}
	}
	return out
}

// SaveMeeting puts meeting m on the case, as meeting i (i = len to add a
// new one), and the tasks its decisions made, with owner and due date:
// they are task deadlines from then on. When sent, the minutes are
// recorded as sent on day (a minutes_sent event), unless they were
// already. Inviting an external participant without a consent in force
// that names them is refused, with the reasons, and nothing changes.
func (c *Case) SaveMeeting(i int, m Meeting, tasks []Task, sent bool, day Date) []Problem {
	if probs := m.CheckInvites(c, day); len(probs) > 0 {
		return probs
	}
	if sent && m.MinutesSent == NoDate {
		m.MinutesSent = day
		c.Events = append(c.Events, Event{Type: MinutesSent, Date: day})
	}
	if i >= 0 && i < len(c.Meetings) {
		c.Meetings[i] = m
	} else {
		c.Meetings = append(c.Meetings, m)
	}
	for _, t := range tasks {
		if strings.TrimSpace(t.Title) != "" {
			c.Tasks = append(c.Tasks, t)
		}
	}
	return nil
}
