package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tovholder/forms"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"map.title":                 {Da: "Netværkskort · %s", En: "Network map · %s"},
	"map.saved":                 {Da: "Netværkskortet er gemt.", En: "The network map is saved."},
	"agreement.title":           {Da: "Samarbejdsaftale · %s", En: "Collaboration agreement · %s"},
	"agreement.agreed":          {Da: "Aftalt den", En: "Agreed on"},
	"agreement.place":           {Da: "Sted", En: "Place"},
	"agreement.present":         {Da: "Til stede", En: "Present"},
	"agreement.situation":       {Da: "Situationen nu", En: "The situation now"},
	"agreement.hopes":           {Da: "Ønsker for de næste 3 måneder", En: "Hopes for the next 3 months"},
	"agreement.challenges":      {Da: "Udfordringer", En: "Challenges"},
	"agreement.easier":          {Da: "Hvad kan gøre det lettere", En: "What could make it easier"},
	"agreement.coordination":    {Da: "Koordinering med andre", En: "Coordination with others"},
	"agreement.tasksCoordinate": {Da: "Opgaver: koordinering", En: "Tasks: coordination"},
	"agreement.tasksAuthority":  {Da: "Opgaver: myndighed", En: "Tasks: authority"},
	"agreement.tasksOther":      {Da: "Opgaver: andet", En: "Tasks: other"},
	"agreement.followUp":        {Da: "Opfølgning den", En: "Follow-up on"},
	"agreement.status":          {Da: "Status", En: "Status"},
	"agreement.note":            {Da: "Hver gemning gemmer en dateret version; hvert måls opfølgningsdato bliver en frist i køen. ctrl+s går videre til målene.", En: "Every save keeps a dated version; each goal's follow-up date becomes a deadline in the queue. ctrl+s goes on to the goals."},
	"agreement.goals":           {Da: "Mål · %s", En: "Goals · %s"},
	"agreement.saved":           {Da: "Samarbejdsaftalen er gemt som en ny version.", En: "The agreement is saved as a new version."},
	"goal.title":                {Da: "Mål", En: "Goal"},
	"meeting.title":             {Da: "Koordinerende møde · %s", En: "Coordinating meeting · %s"},
	"meeting.date":              {Da: "Dato", En: "Date"},
	"meeting.venue":             {Da: "Mødested", En: "Venue"},
	"meeting.leader":            {Da: "Mødeleder", En: "Meeting leader"},
	"meeting.minuteTaker":       {Da: "Referent", En: "Minute-taker"},
	"meeting.sent":              {Da: "Referatet er sendt", En: "The minutes are sent"},
	"meeting.note":              {Da: "ctrl+s går videre til deltagerne og derefter dagsordenen.", En: "ctrl+s goes on to the participants, then the agenda."},
	"meeting.participants":      {Da: "Deltagere", En: "Participants"},
	"meeting.participantsTitle": {Da: "Deltagere %s", En: "Participants %s"},
	"meeting.agenda":            {Da: "Dagsorden", En: "Agenda"},
	"meeting.agendaTitle":       {Da: "Dagsorden %s · %d/%d min · punkter senest %s", En: "Agenda %s · %d/%d min · items by %s"},
	"meeting.key.fromMap":       {Da: "deltagere fra netværkskortet", En: "participants from the network map"},
	"meeting.fromMapTitle":      {Da: "Deltagere fra netværkskortet · %s", En: "Participants from the network map · %s"},
	"meeting.fromMapNone":       {Da: "Netværkskortet har ingen navngivne rækker at invitere.", En: "The network map has no named rows to invite."},
	"meeting.fromMapGroup":      {Da: "Sæt kryds ved dem, der skal inviteres (ctrl+s tilføjer dem)", En: "Tick those to invite (ctrl+s adds them)"},
	"meeting.fromMapAdded":      {Da: "%d deltagere tilføjet fra netværkskortet.", En: "%d participants added from the network map."},
	"meeting.saved":             {Da: "Mødet er gemt (%d nye opgaver).", En: "The meeting is saved (%d new tasks)."},
})

func dateValue(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		return model.NoDate
	}
	return d
}

// docRefused is the error of a save the definition's checks refused: the
// problems on no field or cell of this screen in words, or "fix the marked".
func (c *Common) docRefused(rest []forms.Problem) error {
	if len(rest) > 0 {
		return errors.New(c.problemsLine(rest))
	}
	return errors.New(c.T("form.fix"))
}

// networkMapTable edits the case's network map: its columns are
// forms.NetworkMapDoc's "rows" table.
func (v *CaseView) networkMapTable() *Table {
	c := v.c
	d := docDef("networkmap")
	ft := docTable(d, "rows")
	// Desk-only: the columns' shares of the width.
	cols := docColumns(ft, map[string]int{"section": 2, "name": 3, "workplace": 3, "email": 3, "phone": 1})
	var rows []Row
	if m := v.cs.NetworkMap; m != nil {
		rows = docRows(ft, m)
	} else {
		// Desk-only: a new map offers one row per section, and the
		// citizen's own GP.
		for _, s := range model.NetworkSections {
			rows = append(rows, Row{"section": s.ID})
			if s.ID == "health" {
				rows = append(rows, Row{"section": "health", "name": model.OwnGP.In(c.langCode())})
			}
		}
	}
	t := NewTable(c, c.T("map.title", v.id), cols, rows)
	seen := v.version
	t.OnSave = func(t *Table) (tea.Cmd, error) {
		m := model.NetworkMap{PreparedBy: c.User}
		at, err := readDocRows(t, ft, &m, func(r Row) bool {
			return r["name"] != "" || r["workplace"] != "" || r["email"] != "" || r["phone"] != "" // not a section's empty row
		})
		if err != nil {
			return nil, err
		}
		if probs := d.Validate(&m); len(probs) > 0 {
			return nil, c.docRefused(showTableProblems(t, ft, at, probs))
		}
		cmd, err := v.saveDoc("networkmap", &seen, nil, func(cs *model.Case) (string, error) {
			nm := m
			if old := cs.NetworkMap; old != nil {
				nm.Interpreter, nm.FullConsent = old.Interpreter, old.FullConsent
			}
			cs.SaveNetworkMap(nm, c.Today())
			return fmt.Sprintf(`{"rows":%d}`, len(cs.NetworkMap.Rows)), nil
		})
		if err != nil {
			return cmd, err
		}
		return v.saved(1, c.T("map.saved")), nil
	}
	return t
}

// agreementSections are forms.AgreementDoc's sections of fields the
// agreement's form edits, in order; the goals are a table after it.
var agreementSections = []string{"made", "dialogue", "caseworker", "follow"}

func agreementFields(d *forms.Document) []forms.Field {
	var out []forms.Field
	for _, s := range agreementSections {
		out = append(out, docSection(d, s)...)
	}
	return out
}

// agreementForm edits the agreement, prefilled from the one in force; its
// save goes on to the goals, whose save keeps a new version.
func (v *CaseView) agreementForm() *Form {
	c := v.c
	d := docDef("agreement")
	fields := agreementFields(d)
	a, _ := v.cs.Agreement()
	f := NewForm(c, c.T("agreement.title", v.id))
	f.Live = func(f *Form) string {
		return v.citizenLine() + "\n" + wrap(c.Styles.Subtle.Render(c.T("agreement.note")), max(f.w-2, 20))
	}
	docFields(f, fields, &a)
	// Desk-only: the date agreed is required here, today unless typed.
	f.formField("agreed").Required = true
	if a.Agreed == model.NoDate {
		f.SetValue("agreed", c.T("days.today"))
	}
	read := func(f *Form) (model.Agreement, error) {
		var na model.Agreement
		return na, readDocFields(f, fields, &na)
	}
	f.Validate = func(f *Form) bool {
		na, err := read(f)
		if err != nil {
			return false
		}
		probs := d.Validate(&na)
		return len(showFormProblems(f, probs)) == len(probs) // the goals are checked on their screen
	}
	seen := v.version
	// The goals to edit are the case's open ones, not the snapshot in the
	// last version: goals imported before any agreement, or followed up
	// since, are the case's; SaveAgreement keeps those followed up.
	var goals []model.Goal
	for _, g := range v.cs.Goals {
		if !g.FollowedUp {
			goals = append(goals, g)
		}
	}
	f.OnSave = func(f *Form) (tea.Cmd, error) {
		na, err := read(f)
		if err != nil {
			return nil, err
		}
		return push(v.goalsTable(na, goals, &seen)), nil
	}
	return f
}

// goalsTable edits the agreement's goals (forms.AgreementDoc's "goals"
// table); its save keeps the agreement as a new version, on the version
// seen when the form opened.
func (v *CaseView) goalsTable(a model.Agreement, goals []model.Goal, seen *uint64) *Table {
	c := v.c
	d := docDef("agreement")
	ft := docTable(d, "goals")
	// Desk-only: the columns' shares of the width.
	cols := docColumns(ft, map[string]int{"title": 3, "area": 2, "citizen_actions": 2, "caseworker_actions": 2, "went_well": 1, "less_well": 1})
	t := NewTable(c, c.T("agreement.goals", v.id), cols, docRows(ft, &model.Agreement{Goals: goals}))
	t.OnSave = func(t *Table) (tea.Cmd, error) {
		at, err := readDocRows(t, ft, &a, nil)
		if err != nil {
			return nil, err
		}
		if probs := d.Validate(&a); len(probs) > 0 {
			return nil, c.docRefused(showTableProblems(t, ft, at, probs))
		}
		cmd, err := v.saveDoc("agreement", seen, nil, func(cs *model.Case) (string, error) {
			cs.SaveAgreement(a, c.Today(), c.User)
			return fmt.Sprintf(`{"version":%d,"goals":%d}`, len(cs.Agreements), len(a.Goals)), nil
		})
		if err != nil {
			return cmd, err
		}
		return v.saved(2, c.T("agreement.saved")), nil
	}
	return t
}

// meetingForm plans or edits coordinating meeting i (-1: a new one): its
// head (forms.AgendaDoc's "head" section), then the participants, then
// the agenda and minutes.
func (v *CaseView) meetingForm(i int) *Form {
	c := v.c
	d := docDef("agenda")
	head := docSection(d, "head")
	var m model.Meeting
	if i >= 0 && i < len(v.cs.Meetings) {
		m = v.cs.Meetings[i]
	} else {
		i = -1
		m.Leader = c.User
	}
	f := NewForm(c, c.T("meeting.title", v.id))
	f.Live = func(f *Form) string {
		return v.citizenLine() + "\n" + wrap(c.Styles.Subtle.Render(c.T("meeting.note")), max(f.w-2, 20))
	}
	docFields(f, head, &m)
	// Desk-only: the minutes of a meeting held are written here too, so a
	// date without a year is the nearest one, not the next (the
	// definition's Future is the invitation's).
	f.formField("date").dir = forms.Nearest
	// Desk-only: whether the minutes are sent, which records today as
	// the definition's minutes_sent on save (Case.SaveMeeting).
	f.Check("sent", c.T("meeting.sent"), m.MinutesSent != model.NoDate)
	// The apologies (forms.AgendaDoc's "apologies" section), last so that
	// the head's fields keep their places; names one per line, or
	// separated by commas.
	apologies := docSection(d, "apologies")
	docFields(f, apologies, &m)
	read := func(f *Form) (model.Meeting, error) {
		nm := m
		err := readDocFields(f, head, &nm)
		for _, fd := range apologies {
			names := strings.ReplaceAll(f.Value(fd.Key), ",", "\n")
			if e := fd.Set(&nm, names, c.Today()); e != nil {
				f.SetError(fd.Key, f.errText(e))
				err = errors.New(c.T("form.fix"))
			}
		}
		return nm, err
	}
	f.Validate = func(f *Form) bool {
		nm, err := read(f)
		if err != nil {
			return false
		}
		probs := d.Validate(&nm)
		return len(showFormProblems(f, probs)) == len(probs) // rows are checked on their screens
	}
	seen := v.version
	f.OnSave = func(f *Form) (tea.Cmd, error) {
		nm, err := read(f)
		if err != nil {
			return nil, err
		}
		return push(v.participantsTable(i, nm, f.Checked("sent"), &seen)), nil
	}
	return f
}

// participantsTable edits the meeting's participants (forms.AgendaDoc's
// "invited" table).
func (v *CaseView) participantsTable(i int, m model.Meeting, sent bool, seen *uint64) *participantsScreen {
	c := v.c
	d := docDef("agenda")
	ft := docTable(d, "invited")
	// Desk-only: the columns' shares of the width.
	cols := docColumns(ft, map[string]int{"name": 3, "unit": 3, "email": 3})
	t := NewTable(c, c.T("meeting.participantsTitle", m.Date), cols, docRows(ft, &m))
	ps := &participantsScreen{Table: t, v: v, date: m.Date}
	t.OnSave = func(t *Table) (tea.Cmd, error) {
		nm := m
		at, err := readDocRows(t, ft, &nm, nil)
		if err != nil {
			return nil, err
		}
		// Only this table's problems here: the agenda is checked on its screen.
		if probs := d.Validate(&nm); len(showTableProblems(t, ft, at, probs)) < len(probs) {
			return nil, errors.New(c.T("form.fix"))
		}
		// Refused here already, before the agenda is typed: the store checks again.
		if now, _, err := c.Store.CaseAt(v.id); err == nil {
			if probs := nm.CheckInvites(&now, c.Today()); len(probs) > 0 {
				return nil, errors.New(v.problemsWords(probs))
			}
		}
		return push(v.agendaTable(i, nm, sent, seen)), nil
	}
	return ps
}

// participantsScreen is the participants' table, and a key that offers
// the network map's rows to invite.
type participantsScreen struct {
	*Table
	v    *CaseView
	date model.Date
}

func (p *participantsScreen) idle() bool { return !p.editing && !p.askDelete && !p.askDiscard }

func (p *participantsScreen) Keys() []key.Binding {
	if p.idle() {
		return append([]key.Binding{p.c.Keys.Docs.FromMap}, p.Table.Keys()...)
	}
	return p.Table.Keys()
}

func (p *participantsScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && p.idle() && key.Matches(km, p.c.Keys.Docs.FromMap) {
		return p, p.fromMap()
	}
	_, cmd := p.Table.Update(msg)
	return p, cmd
}

// mapParticipant is a network map's row as a participant: the name (the
// workplace when there is none), the workplace as the unit, the e-mail;
// external unless the row is in the caseworker's section.
func mapParticipant(r model.NetworkRow) (Row, bool) {
	name := strings.TrimSpace(r.Name)
	unit := strings.TrimSpace(r.Workplace)
	if name == "" {
		name, unit = unit, ""
	}
	if name == "" {
		return nil, false
	}
	ext := "yes"
	if r.Section == "caseworker" {
		ext = "no"
	}
	return Row{"name": name, "unit": unit, "email": strings.TrimSpace(r.Email), "external": ext}, true
}

// fromMap opens a form of the network map's rows, each a tick box; its
// save adds the ticked ones as participants, leaving out names already there.
func (p *participantsScreen) fromMap() tea.Cmd {
	c := p.c
	var offer []Row
	if m := p.v.cs.NetworkMap; m != nil {
		for _, r := range m.Rows {
			if row, ok := mapParticipant(r); ok {
				offer = append(offer, row)
			}
		}
	}
	if len(offer) == 0 {
		return status(c.T("meeting.fromMapNone"))
	}
	f := NewForm(c, c.T("meeting.fromMapTitle", p.date))
	for i, r := range offer {
		label := strings.Join(nonEmpty(r["name"], r["unit"], r["email"]), " · ")
		f.Check(fmt.Sprintf("row.%d", i), model.CleanLine(label), false).Group = c.T("meeting.fromMapGroup")
	}
	f.OnSave = func(f *Form) (tea.Cmd, error) {
		have := map[string]bool{}
		for _, tr := range p.rows {
			have[strings.ToLower(strings.TrimSpace(tr.vals["name"]))] = true
		}
		added := 0
		for _, k := range f.CheckedKeys("row.") {
			n, _ := strconv.Atoi(k)
			r := offer[n]
			if have[strings.ToLower(r["name"])] {
				continue
			}
			have[strings.ToLower(r["name"])] = true
			// Into the first empty row, else at the end.
			if j := len(p.rows) - 1; j >= 0 && p.rows[j].empty() {
				p.rows = p.rows[:j]
			}
			p.rows = append(p.rows, p.newRow(r))
			added++
		}
		if added > 0 {
			p.dirty = true
			p.row, p.col = len(p.rows)-1, 0
		}
		return tea.Batch(pop, status(c.T("meeting.fromMapAdded", added))), nil
	}
	return push(f)
}

func (v *CaseView) problemsWords(probs []model.Problem) string {
	var words []string
	for _, p := range probs {
		words = append(words, v.c.problemWords(p))
	}
	return strings.Join(words, " ")
}

// agendaTable is the agenda and minutes: its title sums the minutes.
type agendaTable struct {
	*Table
	date model.Date
}

func (a *agendaTable) Update(msg tea.Msg) (Screen, tea.Cmd) {
	_, cmd := a.Table.Update(msg)
	return a, cmd
}

func (a *agendaTable) Title() string {
	sum := 0
	for _, tr := range a.rows {
		n, _ := strconv.Atoi(strings.TrimSpace(tr.vals["minutes"]))
		sum += n
	}
	m := model.Meeting{Date: a.date}
	return a.c.T("meeting.agendaTitle", a.date, sum, model.MeetingGuideline, m.LastDayForItems())
}

// agendaTable edits the agenda and minutes: forms.AgendaDoc's "items"
// table, and two desk-only columns.
func (v *CaseView) agendaTable(i int, m model.Meeting, sent bool, seen *uint64) *agendaTable {
	c := v.c
	d := docDef("agenda")
	ft := docTable(d, "items")
	// Desk-only: the columns' shares of the width.
	cols := docColumns(ft, map[string]int{"topic": 3, "responsible": 1, "aim": 2, "decision": 3})
	// Desk-only columns, in no document: a decision with an owner and a
	// due date becomes a task of the case (a task deadline in the queue);
	// they are not stored on the agenda item, so they start empty.
	cols = append(cols,
		Column{Key: "owner", Label: model.Text{Da: "Opgave hos", En: "Task owner"}, Weight: 1},
		Column{Key: "due", Label: model.Text{Da: "Frist", En: "Due"}, Kind: ColDate, Dir: forms.Future})
	rows := docRows(ft, &m)
	if len(m.Items) == 0 && i < 0 {
		for _, tx := range model.DefaultAgenda {
			rows = append(rows, Row{"topic": tx.In(c.langCode())})
		}
	}
	t := NewTable(c, "", cols, rows)
	at := &agendaTable{Table: t, date: m.Date}
	t.OnSave = func(t *Table) (tea.Cmd, error) {
		nm := m
		at, err := readDocRows(t, ft, &nm, nil)
		if err != nil {
			return nil, err
		}
		if probs := d.Validate(&nm); len(probs) > 0 {
			return nil, c.docRefused(showTableProblems(t, ft, at, probs))
		}
		var tasks []model.Task
		for _, r := range t.Rows() {
			if r["decision"] != "" && r["owner"] != "" && r["due"] != "" {
				tasks = append(tasks, model.Task{Title: r["decision"], Owner: r["owner"], Due: dateValue(r["due"])})
			}
		}
		added := 0
		cmd, err := v.saveDoc("meeting", seen, nil, func(cs *model.Case) (string, error) {
			var fresh []model.Task
			for _, t := range tasks {
				dup := false
				for _, o := range cs.Tasks {
					if o.Title == t.Title && o.Owner == t.Owner && o.Due == t.Due {
						dup = true
					}
				}
				if !dup {
					fresh = append(fresh, t)
				}
			}
			at := i
			if at < 0 {
				at = len(cs.Meetings)
			}
			if probs := cs.SaveMeeting(at, nm, fresh, sent, c.Today()); len(probs) > 0 {
				return "", errors.New(v.problemsWords(probs))
			}
			added = len(fresh)
			return fmt.Sprintf(`{"meeting":%d,"items":%d,"tasks":%d,"sent":%t}`, at, len(nm.Items), len(fresh), sent), nil
		})
		if err != nil {
			return cmd, err
		}
		return v.saved(3, c.T("meeting.saved", added)), nil
	}
	return at
}

// consentDocForm records a new consent: its fields are forms.ConsentDoc's,
// in the desk's order, and the definition checks it.
func (v *CaseView) consentDocForm() *Form {
	c := v.c
	d := docDef("consent")
	field := func(key string) forms.Field {
		fd, ok := d.Field(key)
		if !ok {
			panic("tui: the consent has no field " + key)
		}
		return fd
	}
	// Desk-only defaults: given today by the citizen, noted by the user.
	k0 := model.Consent{GivenBy: c.T("consent.citizen"), NotedBy: c.User}
	f := NewForm(c, c.T("consent.title", v.id))
	f.Live = func(*Form) string { return v.citizenLine() }
	docField(f, field("date"), &k0)
	f.SetValue("date", c.T("days.today"))
	docField(f, field("given_by"), &k0)
	// The definition's parties are a list of ids of model.ConsentParties
	// or names typed; the desk ticks the options and types the others.
	parties := field("parties")
	for _, o := range parties.Options {
		fl := f.Check("party."+o.ID, model.CleanLine(o.Label(c.langCode())), false)
		fl.Group = c.docLabel(parties)
	}
	f.Text("others", c.T("consent.others"), "", false, nil)
	var fields []forms.Field
	for _, key := range []string{"may", "may_not", "how", "noted_by"} {
		docField(f, field(key), &k0)
	}
	for _, key := range []string{"date", "given_by", "may", "may_not", "how", "noted_by"} {
		fields = append(fields, field(key))
	}
	read := func(f *Form) (model.Consent, error) {
		k := model.Consent{Parties: consentParties(f)}
		return k, readDocFields(f, fields, &k)
	}
	f.Validate = func(f *Form) bool {
		k, err := read(f)
		if err != nil {
			return false
		}
		ok := true
		for _, p := range showFormProblems(f, d.Validate(&k)) {
			if p.Path == "parties" {
				f.SetError("others", c.T("consent.noParty"))
			}
			ok = false
		}
		for _, fl := range f.fields {
			ok = ok && fl.err == ""
		}
		return ok
	}
	seen := v.version
	f.OnSave = func(f *Form) (tea.Cmd, error) {
		k, err := read(f)
		if err != nil {
			return nil, err
		}
		cmd, err := v.saveDoc("consent", &seen, f.SetNote, func(cs *model.Case) (string, error) {
			cs.Consents = append(cs.Consents, k)
			return fmt.Sprintf(`{"date":%q,"parties":%d}`, k.Date, len(k.Parties)), nil
		})
		if err != nil {
			return cmd, err
		}
		return v.saved(1, c.T("consent.saved")), nil
	}
	return f
}
