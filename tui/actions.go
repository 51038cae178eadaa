package tui

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/db"
	"tovholder/forms"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"action.contact":            {Da: "kontaktforsøg", En: "contact attempt"},
	"action.first":              {Da: "første samtale", En: "first meeting"},
	"action.advice":             {Da: "råd og vejledning givet", En: "advice given"},
	"action.plan":               {Da: "koordinerende møde planlagt", En: "coordinating meeting planned"},
	"action.held":               {Da: "møde holdt", En: "meeting held"},
	"action.minutes":            {Da: "referat sendt", En: "minutes sent"},
	"action.needs":              {Da: "behov vurderet", En: "needs assessed"},
	"action.close":              {Da: "afslut sagen", En: "close the case"},
	"action.followup":           {Da: "opfølgning efter afslutning", En: "follow-up after closing"},
	"action.reassign":           {Da: "skift sagsbehandler", En: "reassign"},
	"action.done":               {Da: "mål fulgt op / opgave løst", En: "goal followed up / task done"},
	"action.item":               {Da: "Mål eller opgave", En: "Goal or task"},
	"action.goalItem":           {Da: "Mål: %s (opfølgning %s)", En: "Goal: %s (follow-up %s)"},
	"action.taskItem":           {Da: "Opgave: %s (frist %s)", En: "Task: %s (due %s)"},
	"action.no.nothingOpen":     {Da: "Sagen har ingen åbne mål eller opgaver med en dato.", En: "The case has no open goals or tasks with a date."},
	"action.date":               {Da: "Dato", En: "Date"},
	"action.plannedOn":          {Da: "Planlagt den", En: "Planned on"},
	"action.channel":            {Da: "Kanal", En: "Channel"},
	"action.reached":            {Da: "Borgeren blev truffet", En: "Citizen reached"},
	"action.place":              {Da: "Sted (borgerens valg)", En: "Place (citizen's choice)"},
	"action.scope":              {Da: "Parter", En: "Parties"},
	"action.kind":               {Da: "Mødetype", En: "Kind of meeting"},
	"action.outcome":            {Da: "Resultat", En: "Outcome"},
	"action.reason":             {Da: "Årsag", En: "Reason"},
	"action.to":                 {Da: "Ny sagsbehandler", En: "New caseworker"},
	"action.note":               {Da: "Notat", En: "Note"},
	"action.err.future":         {Da: "ligger efter i dag; registrér det, når det er sket", En: "is after today; record it once it has happened"},
	"action.err.beforeReferral": {Da: "ligger før henvendelsen (%s)", En: "is before the referral (%s)"},
	"action.err.beforeClose":    {Da: "ligger før afslutningen (%s)", En: "is before the closing (%s)"},
	"action.err.sameWorker":     {Da: "har allerede sagen", En: "has the case already"},
	"action.no.rejected":        {Da: "Sagen blev afvist ved visiteringen; der kan ikke registreres mere på den.", En: "The case was rejected at triage; nothing more can be recorded on it."},
	"action.no.closed":          {Da: "Sagen er afsluttet; kun opfølgningen efter afslutning kan registreres.", En: "The case is closed; only the follow-up after closing can be recorded."},
	"action.no.notClosed":       {Da: "Opfølgningen efter afslutning kan først registreres, når sagen er afsluttet.", En: "The follow-up after closing can only be recorded once the case is closed."},
	"action.no.untriaged":       {Da: "Sagen er ikke visiteret endnu; visitér den først (t i køen).", En: "The case has not been triaged yet; triage it first (t in the queue)."},
	"action.no.firstTwice":      {Da: "Første samtale er allerede registreret (%s).", En: "The first meeting is recorded already (%s)."},
	"action.no.noWorker":        {Da: "Der er ingen anden sagsbehandler at give sagen til.", En: "There is no other caseworker to give the case to."},
})

// caseAction is one thing a caseworker records on a case from the case view.
type caseAction struct {
	key   string          // the key on the case view
	name  string          // action.<name> says it in words
	event model.EventType // the event it records
}

// caseActions in workflow order, which is also their order in the help.
// The letters keep clear of the view's own j/k/g/G and the app's q/?.
var caseActions = []caseAction{
	{"c", "contact", model.ContactAttempt},
	{"f", "first", model.FirstMeeting},
	{"a", "advice", model.AdviceGiven},
	{"p", "plan", model.CoordinationPlanned},
	{"m", "held", model.MeetingHeld},
	{"s", "minutes", model.MinutesSent},
	{"n", "needs", model.NeedsAssessed},
	{"x", "close", model.Closed},
	{"o", "followup", model.FollowupDone},
	{"r", "reassign", model.Assigned},
	{"d", "done", ""}, // not an event: marks a goal or a task on the case
}

// withNote are the events whose form has a free-text note.
var withNote = map[model.EventType]bool{
	model.ContactAttempt: true, model.FirstMeeting: true, model.AdviceGiven: true, model.MeetingHeld: true,
	model.NeedsAssessed: true, model.Closed: true, model.FollowupDone: true, model.Assigned: true,
}

// act opens an action's form, or says in words why it cannot be done.
func (v *CaseView) act(a caseAction) tea.Cmd {
	c := v.c
	switch {
	case c.Role == Leader:
		return status(c.T("app.readOnly"))
	case a.event == model.Assigned && c.Role != Coordinator:
		return status(c.T("app.notAllowed")) // assigning is the coordinator's job (DOMAIN.md, roles)
	case v.err != nil:
		return failure(v.err)
	}
	if why := actionRefusal(c, &v.cs, a); why != "" {
		return status(why)
	}
	if a.name == "done" {
		return v.doneForm()
	}
	var workers []model.Option
	if a.event == model.Assigned {
		workers = v.otherWorkers()
		if len(workers) == 0 {
			return status(c.T("action.no.noWorker"))
		}
	}
	return push(v.actionForm(a, workers))
}

// actionRefusal says why an action makes no sense on the case as it is
// now, or "" when it may be recorded.
func actionRefusal(c *Common, cs *model.Case, a caseAction) string {
	switch {
	case cs.Has(model.Rejected):
		return c.T("action.no.rejected")
	case a.event == model.FollowupDone && !cs.Has(model.Closed):
		return c.T("action.no.notClosed")
	case a.event != model.FollowupDone && cs.Has(model.Closed):
		return c.T("action.no.closed")
	case !cs.Has(model.Assigned):
		// Before triage nobody owns the case; assigning is triage's job.
		return c.T("action.no.untriaged")
	}
	if fm, ok := cs.First(model.FirstMeeting); ok && a.event == model.FirstMeeting {
		// Only the first one counts for the deadlines; a second would mislead.
		return c.T("action.no.firstTwice", fm.Date.String())
	}
	return ""
}

// otherWorkers offers the caseworkers who hold open cases, and the user,
// less the one who has this case now.
func (v *CaseView) otherWorkers() []model.Option {
	seen := map[string]bool{v.c.User: true}
	_ = v.c.Store.Queue(func(e db.Entry) bool {
		if e.Caseworker != "" {
			seen[e.Caseworker] = true
		}
		return true
	})
	delete(seen, v.cs.Caseworker())
	var out []model.Option
	for w := range seen {
		out = append(out, plainOption(w))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// actionForm builds the short form of an action.
func (v *CaseView) actionForm(a caseAction, workers []model.Option) *Form {
	c := v.c
	f := NewForm(c, caseCapitalize(c.T("action."+a.name))+" · "+v.id)
	// The citizen above the fields: a form must never leave doubt whose case it is.
	f.Live = func(*Form) string {
		return c.Styles.Bold.Render(v.cs.Citizen.Name) + "   " + c.maskedCPR(v.cs.Citizen.CPR) + "   " + v.id
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
		f.Choice("to", c.T("action.to"), workers, "", true)
	}
	if withNote[a.event] {
		f.Text("note", c.T("action.note"), "", false, nil)
	}
	f.OnSave = func(f *Form) (tea.Cmd, error) { return v.save(f, a) }
	return f
}

// save records the form's event. The refusal is checked again inside the
// write, so a case closed meanwhile on another desk is not written to.
func (v *CaseView) save(f *Form, a caseAction) (tea.Cmd, error) {
	c := v.c
	e := model.Event{Type: a.event, Date: c.Today(), By: c.User}
	if a.event != model.Assigned {
		e.Date = f.DateValue("date")
		if why := actionDateProblem(c, &v.cs, a, e.Date); why != "" {
			f.SetError("date", why)
			return nil, errors.New(c.T("form.fix"))
		}
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
		e.To = f.Chosen("to")
	}
	if withNote[a.event] {
		e.Note = f.Value("note")
	}
	err := c.Store.Update(v.id, c.User, "event", func(cs *model.Case) (string, error) {
		if why := actionRefusal(c, cs, a); why != "" {
			return "", errors.New(why)
		}
		if a.event == model.Assigned && cs.Caseworker() == e.To {
			f.SetError("to", c.T("action.err.sameWorker"))
			return "", errors.New(c.T("form.fix"))
		}
		cs.Events = append(cs.Events, e)
		b, err := json.Marshal(e) // the same audit detail as Store.AddEvent
		return string(b), err
	})
	if err != nil {
		return nil, err
	}
	// Batch, not Sequence: the order does not matter here, and the test
	// driver runs a batch in order.
	return tea.Batch(pop, changed(v.id), status(c.T("form.saved"))), nil
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
	f.Live = func(*Form) string {
		return c.Styles.Bold.Render(v.cs.Citizen.Name) + "   " + c.maskedCPR(v.cs.Citizen.CPR) + "   " + v.id
	}
	chosen := ""
	if len(items) == 1 {
		chosen = items[0].ID
	}
	f.Choice("item", c.T("action.item"), items, chosen, true)
	f.Date("date", c.T("action.date"), c.T("days.today"), true, forms.Past)
	f.OnSave = func(f *Form) (tea.Cmd, error) {
		on := f.DateValue("date")
		if on > c.Today() {
			f.SetError("date", c.T("action.err.future"))
			return nil, errors.New(c.T("form.fix"))
		}
		item := f.Chosen("item")
		var kind string
		var i int
		fmt.Sscanf(item, "%1s:%d", &kind, &i)
		err := c.Store.Update(v.id, c.User, "done", func(cs *model.Case) (string, error) {
			if why := actionRefusal(c, cs, caseAction{name: "done"}); why != "" {
				return "", errors.New(why)
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
		})
		if err != nil {
			return nil, err
		}
		return tea.Batch(pop, changed(v.id), status(c.T("form.saved"))), nil
	}
	return push(f)
}

// actionDateProblem says why a date cannot be the date of the action, or "".
// Every action records something that has happened, so no future dates.
func actionDateProblem(c *Common, cs *model.Case, a caseAction, d model.Date) string {
	if d > c.Today() {
		return c.T("action.err.future")
	}
	if r, ok := cs.First(model.ReferralReceived); ok && d < r.Date {
		return c.T("action.err.beforeReferral", r.Date.String())
	}
	if cl, ok := cs.First(model.Closed); ok && a.event == model.FollowupDone && d < cl.Date {
		// A follow-up before closing does not meet the follow-up deadline.
		return c.T("action.err.beforeClose", cl.Date.String())
	}
	return ""
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
