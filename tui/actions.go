package tui

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tovholder/db"
	"tovholder/forms"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"action.contact":        {Da: "kontaktforsøg", En: "contact attempt"},
	"action.first":          {Da: "første samtale", En: "first meeting"},
	"action.advice":         {Da: "råd og vejledning givet", En: "advice given"},
	"action.plan":           {Da: "koordinerende møde planlagt", En: "coordinating meeting planned"},
	"action.held":           {Da: "møde holdt", En: "meeting held"},
	"action.minutes":        {Da: "referat sendt", En: "minutes sent"},
	"action.needs":          {Da: "behov vurderet", En: "needs assessed"},
	"action.close":          {Da: "afslut sagen", En: "close the case"},
	"action.followup":       {Da: "opfølgning efter afslutning", En: "follow-up after closing"},
	"action.reassign":       {Da: "skift sagsbehandler", En: "reassign"},
	"action.done":           {Da: "mål fulgt op / opgave løst", En: "goal followed up / task done"},
	"action.note":           {Da: "notat", En: "note"},
	"action.annul":          {Da: "annullér hændelsen", En: "annul the event"},
	"action.referAgain":     {Da: "ny henvendelse på borgeren", En: "refer the citizen again"},
	"action.item":           {Da: "Mål eller opgave", En: "Goal or task"},
	"action.goalItem":       {Da: "Mål: %s (opfølgning %s)", En: "Goal: %s (follow-up %s)"},
	"action.taskItem":       {Da: "Opgave: %s (frist %s)", En: "Task: %s (due %s)"},
	"action.no.nothingOpen": {Da: "Sagen har ingen åbne mål eller opgaver med en dato.", En: "The case has no open goals or tasks with a date."},
	"action.date":           {Da: "Dato", En: "Date"},
	"action.plannedOn":      {Da: "Planlagt den", En: "Planned on"},
	"action.channel":        {Da: "Kanal", En: "Channel"},
	"action.reached":        {Da: "Borgeren blev truffet", En: "Citizen reached"},
	"action.place":          {Da: "Sted (borgerens valg)", En: "Place (citizen's choice)"},
	"action.scope":          {Da: "Parter", En: "Parties"},
	"action.kind":           {Da: "Mødetype", En: "Kind of meeting"},
	"action.outcome":        {Da: "Resultat", En: "Outcome"},
	"action.reason":         {Da: "Årsag", En: "Reason"},
	"action.noteText":       {Da: "Notat", En: "Note"},
	"action.party":          {Da: "Fra ekstern part", En: "From an external party"},
	"action.noteHint":       {Da: "Notatet er personoplysninger: det vises i forløbet og eksporteres, men logges ikke i revisionssporet. Kommer oplysningerne fra en ekstern part, så skriv hvem: det kræver et samtykke, der nævner dem.", En: "The note is personal data: it shows in the history and is exported, but the audit log keeps only that it was written. If the information comes from an external party, say who: that needs a consent naming them."},
	"action.no.noWorker":    {Da: "Der er ingen anden sagsbehandler at give sagen til.", En: "There is no other caseworker to give the case to."},
	"annul.title":           {Da: "Annullér hændelse · %s", En: "Annul an event · %s"},
	"annul.reason":          {Da: "Hvorfor", En: "Why"},
	"annul.explain":         {Da: "Hændelsen bliver stående i forløbet, overstreget og mærket ANNULLERET, og fristerne regnes uden den. Registrér den rigtige bagefter.", En: "The event stays in the history, struck through and marked ANNULLED, and the deadlines are counted without it. Record the right one afterwards."},
	"annul.choose":          {Da: "Stil markøren på en hændelse i forløbet (↓) for at annullere den.", En: "Put the cursor on an event in the history (↓) to annul it."},
	"annul.done":            {Da: "Hændelsen er annulleret.", En: "The event is annulled."},
	"annul.changed":         {Da: "Sagen er ændret imens; åbn den igen.", En: "The case was changed meanwhile; open it again."},
	"refer.onlyClosed":      {Da: "Kun en afsluttet eller afvist sag kan få en ny henvendelse; denne er åben.", En: "Only a closed or rejected case can be referred again; this one is open."},
	"event.title":           {Da: "%s · %s", En: "%s · %s"},
})

// caseAction is one thing a caseworker records on a case from the case view.
type caseAction struct {
	name    string          // action.<name> says it in words
	event   model.EventType // the event it records; "" marks a goal or task done
	binding func(k *CaseKeys) key.Binding
}

// caseActions in workflow order, which is also their order in the help.
var caseActions = []caseAction{
	{"contact", model.ContactAttempt, func(k *CaseKeys) key.Binding { return k.Contact }},
	{"first", model.FirstMeeting, func(k *CaseKeys) key.Binding { return k.FirstMeeting }},
	{"advice", model.AdviceGiven, func(k *CaseKeys) key.Binding { return k.Advice }},
	{"plan", model.CoordinationPlanned, func(k *CaseKeys) key.Binding { return k.Plan }},
	{"held", model.MeetingHeld, func(k *CaseKeys) key.Binding { return k.Held }},
	{"minutes", model.MinutesSent, func(k *CaseKeys) key.Binding { return k.Minutes }},
	{"needs", model.NeedsAssessed, func(k *CaseKeys) key.Binding { return k.Needs }},
	{"close", model.Closed, func(k *CaseKeys) key.Binding { return k.Close }},
	{"followup", model.FollowupDone, func(k *CaseKeys) key.Binding { return k.Followup }},
	{"reassign", model.Assigned, func(k *CaseKeys) key.Binding { return k.Reassign }},
	{"done", "", func(k *CaseKeys) key.Binding { return k.Done }},
	{"note", model.Note, func(k *CaseKeys) key.Binding { return k.Note }},
}

// withNote are the events whose form has a free-text note.
var withNote = map[model.EventType]bool{
	model.ContactAttempt: true, model.FirstMeeting: true, model.AdviceGiven: true, model.MeetingHeld: true,
	model.NeedsAssessed: true, model.Closed: true, model.FollowupDone: true, model.Assigned: true,
}

// act opens an action's form, or says in words why it cannot be done.
func (v *CaseView) act(a caseAction) tea.Cmd {
	c := v.c
	if v.err != nil {
		return failure(v.err)
	}
	// Whether this person may change this case: the store asks the same.
	if p := model.Permit(c.Actor(), &v.cs, a.event); p != nil {
		return status(c.problemWords(*p))
	}
	if a.event == "" {
		return v.doneForm()
	}
	if p := model.CanRecord(&v.cs, a.event); p != nil {
		return status(c.problemWords(*p))
	}
	if a.event == model.Assigned && !v.cs.Has(model.Assigned) {
		return status(c.problemWords(model.Problem{Code: model.ProblemUntriaged}))
	}
	return push(v.actionForm(a))
}

// citizenLine heads every form of the case: a form must never leave
// doubt whose case it is.
func (v *CaseView) citizenLine() string {
	return v.c.Styles.Bold.Render(v.cs.Citizen.Name) + "   " + v.c.maskedCPR(v.cs.Citizen.CPR) + "   " + v.id
}

// actionForm builds the short form of an action.
func (v *CaseView) actionForm(a caseAction) *Form {
	c := v.c
	f := NewForm(c, caseCapitalize(c.T("action."+a.name))+" · "+v.id)
	f.Live = func(*Form) string { return v.citizenLine() }
	if a.event == model.Note {
		// The note first: it is what the user came to write; the date is most often today.
		f.Box("note", c.T("action.noteText"), "", true)
		f.Live = func(f *Form) string {
			return v.citizenLine() + "\n" + wrap(c.Styles.Subtle.Render(c.T("action.noteHint")), max(f.w-2, 20))
		}
	}
	switch a.event {
	case model.Assigned:
		// Reassigning happens now; a back-dated one could lose to the current assignment.
	case model.CoordinationPlanned:
		f.Date("date", c.T("action.plannedOn"), c.T("days.today"), true, forms.Past)
	default:
		f.Date("date", c.T("action.date"), c.T("days.today"), true, forms.Past)
	}
	switch a.event {
	case model.ContactAttempt:
		f.Choice("channel", c.T("action.channel"), model.Channels, "", true)
		f.Check("reached", c.T("action.reached"), false)
	case model.FirstMeeting:
		f.Text("place", c.T("action.place"), "", false, nil)
	case model.CoordinationPlanned:
		f.Choice("scope", c.T("action.scope"), model.Scopes, "", true)
	case model.MeetingHeld:
		f.Choice("kind", c.T("action.kind"), model.Kinds, "", true)
	case model.NeedsAssessed:
		f.Choice("outcome", c.T("action.outcome"), model.Outcomes, "", false)
	case model.Closed:
		f.Choice("reason", c.T("action.reason"), model.CloseReasons, "", true)
	case model.Assigned:
		workerFields(c, f, v.cs.Caseworker())
		f.Live = func(f *Form) string { return v.citizenLine() + "\n" + workersHint(c, f.w) }
	}
	if withNote[a.event] {
		f.Text("note", c.T("action.noteText"), "", false, nil)
	}
	if a.event == model.Note {
		// Information from outside the municipality's own units (step 7)
		// needs a consent that names the party: the store checks it.
		f.Text("party", c.T("action.party"), "", false, nil)
	}
	seen := v.version // the version the user sees as the form opens: the change is made on it
	f.OnSave = func(f *Form) (tea.Cmd, error) { return v.save(f, a, &seen) }
	return f
}

// save records the form's event through the desk's one write path, on
// the version seen.
func (v *CaseView) save(f *Form, a caseAction, seen *uint64) (tea.Cmd, error) {
	c := v.c
	e := model.Event{Type: a.event, Date: c.Today(), By: c.User}
	if a.event != model.Assigned {
		e.Date = f.DateValue("date")
	}
	switch a.event {
	case model.ContactAttempt:
		ok := f.Checked("reached")
		e.Channel, e.Reached = f.Chosen("channel"), &ok
	case model.FirstMeeting:
		e.Place = f.Value("place")
	case model.CoordinationPlanned:
		e.Scope = f.Chosen("scope")
	case model.MeetingHeld:
		e.Kind = f.Chosen("kind")
	case model.NeedsAssessed:
		e.Outcome = f.Chosen("outcome")
	case model.Closed:
		e.Reason = f.Chosen("reason")
	case model.Assigned:
		e.To = chosenWorker(f)
	}
	if withNote[a.event] || a.event == model.Note {
		e.Note = f.Value("note")
	}
	if a.event == model.Note {
		e.Party = f.Value("party")
	}
	if err := c.record(f, v.id, *seen, e); err != nil {
		return v.refused(f, seen, err)
	}
	// Batch, not Sequence: the order does not matter here, and the test
	// driver runs a batch in order.
	return tea.Batch(pop, changed(v.id), status(c.T("form.saved"))), nil
}

// refused handles a save the store refused. When someone else changed the
// case since the version seen, the form stays open with everything typed
// and says who changed what and when; the case is read again, and the
// next save is made on the new version, the rules checked again inside
// the write. Any other refusal is said as it is.
func (v *CaseView) refused(f *Form, seen *uint64, err error) (tea.Cmd, error) {
	var ce *db.ConflictError
	if !errors.As(err, &ce) {
		return nil, err
	}
	*seen = ce.Now
	words := v.c.conflictWords(ce)
	f.SetNote(words)
	return v.read(false), errors.New(words)
}

// openItems are the case's goals and tasks with a date still to be met,
// as choices: "g:<index>" for a goal, "t:<index>" for a task.
func (v *CaseView) openItems() []model.Option {
	c := v.c
	var out []model.Option
	for i, g := range v.cs.Goals {
		if g.FollowUp != model.NoDate && !g.FollowedUp {
			out = append(out, labelledOption(fmt.Sprintf("g:%d", i), c.T("action.goalItem", g.Title, g.FollowUp)))
		}
	}
	for i, t := range v.cs.Tasks {
		if t.Due != model.NoDate && !t.Done {
			out = append(out, labelledOption(fmt.Sprintf("t:%d", i), c.T("action.taskItem", t.Title, t.Due)))
		}
	}
	return out
}

// doneForm marks a goal followed up or a task done, which meets its deadline.
func (v *CaseView) doneForm() tea.Cmd {
	c := v.c
	items := v.openItems()
	if len(items) == 0 {
		return status(c.T("action.no.nothingOpen"))
	}
	f := NewForm(c, caseCapitalize(c.T("action.done"))+" · "+v.id)
	f.Live = func(*Form) string { return v.citizenLine() }
	chosen := ""
	if len(items) == 1 {
		chosen = items[0].ID
	}
	f.Choice("item", c.T("action.item"), items, chosen, true)
	f.Date("date", c.T("action.date"), c.T("days.today"), true, forms.Past)
	seen := v.version
	f.OnSave = func(f *Form) (tea.Cmd, error) {
		on := f.DateValue("date")
		item := f.Chosen("item")
		var kind string
		var i int
		fmt.Sscanf(item, "%1s:%d", &kind, &i)
		_, err := c.Store.Change(c.Actor(), v.id, seen, db.Change{Action: "done", Apply: func(cs *model.Case) (string, error) {
			if p := model.CheckItemDone(cs, on, c.Today()); p != nil {
				return "", &problemError{*p, c.problemWords(*p)}
			}
			switch {
			case kind == "g" && i < len(cs.Goals):
				cs.Goals[i].FollowedUp, cs.Goals[i].FollowedUpOn = true, on
			case kind == "t" && i < len(cs.Tasks):
				cs.Tasks[i].Done, cs.Tasks[i].DoneOn = true, on
			default:
				return "", errors.New(c.T("action.no.nothingOpen"))
			}
			return fmt.Sprintf(`{"item":%q,"on":%q}`, item, on), nil
		}})
		if err := c.markField(f, err); err != nil {
			return v.refused(f, &seen, err)
		}
		return tea.Batch(pop, changed(v.id), status(c.T("form.saved"))), nil
	}
	return push(f)
}

// annul opens the form that annuls event i of the case, with a reason.
func (v *CaseView) annul(i int) tea.Cmd {
	c := v.c
	if p := model.Permit(c.Actor(), &v.cs, ""); p != nil {
		return status(c.problemWords(*p))
	}
	if p, _ := model.CheckAnnul(&v.cs, i); p != nil {
		return status(c.problemWords(*p))
	}
	e := v.cs.Events[i]
	f := NewForm(c, c.T("annul.title", v.id))
	f.Live = func(f *Form) string {
		what := e.Date.String() + "  " + c.T("case.ev."+string(e.Type))
		if d := v.eventDetails(e); len(d) > 0 {
			what += " · " + strings.Join(d, " · ")
		}
		return v.citizenLine() + "\n\n" + c.Styles.Bold.Render(truncate(model.CleanLine(what), max(f.w-2, 20))) + "\n" +
			wrap(c.Styles.Subtle.Render(c.T("annul.explain")), max(f.w-2, 20))
	}
	f.Text("reason", c.T("annul.reason"), "", true, nil)
	seen := v.version
	f.OnSave = func(f *Form) (tea.Cmd, error) {
		reason := f.Value("reason")
		_, err := c.Store.Change(c.Actor(), v.id, seen, db.Change{Action: "annul", Apply: func(cs *model.Case) (string, error) {
			if i >= len(cs.Events) || cs.Events[i].Type != e.Type || cs.Events[i].Date != e.Date {
				return "", errors.New(c.T("annul.changed"))
			}
			refusal, warnings := model.CheckAnnul(cs, i)
			if refusal != nil {
				return "", errors.New(c.problemWords(*refusal))
			}
			if len(warnings) > 0 && !f.Confirmed {
				return "", c.confirmation(warnings)
			}
			cs.Events[i].Annulled = &model.Annulment{Date: c.Today(), By: c.User, Reason: reason}
			// The audit entry names the event taken back, not the reason's words.
			return fmt.Sprintf(`{"event":%d,"was":%s}`, i, db.EventDetail(e)), nil
		}})
		if err != nil {
			return v.refused(f, &seen, c.storeError(err))
		}
		return tea.Batch(pop, changed(v.id), status(c.T("annul.done"))), nil
	}
	return push(f)
}

// eventScreen shows one event whole: every detail, a note at full length.
func (v *CaseView) eventScreen(i int) Screen {
	c := v.c
	e := v.cs.Events[i]
	title := c.T("event.title", c.T("case.ev."+string(e.Type)), v.id)
	return newTextScreen(c, title, func(w int) []string {
		lines := []string{v.citizenLine(), "", c.Styles.Bold.Render(c.dateWords(e.Date) + " · " + c.T("case.ev."+string(e.Type))), ""}
		for _, d := range v.eventDetails(e) {
			lines = append(lines, strings.Split(wrap(d, max(w-2, 20)), "\n")...)
		}
		return lines
	})
}

// caseOptionLabel says a stored value in words; values from an import that
// are not in the vocabulary are shown as they are.
func caseOptionLabel(c *Common, opts []model.Option, id string) string {
	if o, ok := model.Lookup(opts, id); ok {
		return o.Label(c.langCode())
	}
	return id
}

func caseCapitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// labelledOption is a choice with an id of its own and words already in
// the desk's language.
func labelledOption(id, label string) model.Option { return model.Option{ID: id, Da: label, En: label} }
