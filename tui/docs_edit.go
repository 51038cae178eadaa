package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/forms"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"map.title":                 {Da: "Netværkskort · %s", En: "Network map · %s"},
	"map.section":               {Da: "Område", En: "Section"},
	"map.contact":               {Da: "Kontakt", En: "Contact"},
	"map.name":                  {Da: "Navn", En: "Name"},
	"map.workplace":             {Da: "Arbejdssted", En: "Workplace"},
	"map.email":                 {Da: "E-mail", En: "E-mail"},
	"map.phone":                 {Da: "Telefon", En: "Phone"},
	"map.badEmail":              {Da: "er ikke en e-mailadresse", En: "is not an e-mail address"},
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
	"agreement.newGoals":        {Da: "Nye mål?", En: "New goals?"},
	"agreement.note":            {Da: "Hver gemning gemmer en dateret version; hvert måls opfølgningsdato bliver en frist i køen. ctrl+s går videre til målene.", En: "Every save keeps a dated version; each goal's follow-up date becomes a deadline in the queue. ctrl+s goes on to the goals."},
	"agreement.goals":           {Da: "Mål · %s", En: "Goals · %s"},
	"agreement.saved":           {Da: "Samarbejdsaftalen er gemt som en ny version.", En: "The agreement is saved as a new version."},
	"goal.title":                {Da: "Mål", En: "Goal"},
	"goal.area":                 {Da: "Område", En: "Area"},
	"goal.citizen":              {Da: "Borgeren gør", En: "Citizen does"},
	"goal.caseworker":           {Da: "Sagsbehandleren gør", En: "Caseworker does"},
	"goal.followUp":             {Da: "Opfølgning", En: "Follow-up"},
	"goal.reached":              {Da: "Nået", En: "Reached"},
	"goal.wentWell":             {Da: "Gik godt", En: "Went well"},
	"goal.lessWell":             {Da: "Gik mindre godt", En: "Went less well"},
	"meeting.title":             {Da: "Koordinerende møde · %s", En: "Coordinating meeting · %s"},
	"meeting.date":              {Da: "Dato", En: "Date"},
	"meeting.start":             {Da: "Start (TT:MM)", En: "Start (HH:MM)"},
	"meeting.end":               {Da: "Slut (TT:MM)", En: "End (HH:MM)"},
	"meeting.venue":             {Da: "Mødested", En: "Venue"},
	"meeting.whereabouts":       {Da: "Borgerens opholdssted", En: "Citizen's whereabouts"},
	"meeting.leader":            {Da: "Mødeleder", En: "Meeting leader"},
	"meeting.minuteTaker":       {Da: "Referent", En: "Minute-taker"},
	"meeting.sent":              {Da: "Referatet er sendt", En: "The minutes are sent"},
	"meeting.badClock":          {Da: "skal være et klokkeslæt, fx 09:30", En: "must be a time of day, e.g. 09:30"},
	"meeting.note":              {Da: "ctrl+s går videre til deltagerne og derefter dagsordenen.", En: "ctrl+s goes on to the participants, then the agenda."},
	"meeting.participants":      {Da: "Deltagere", En: "Participants"},
	"meeting.participantsTitle": {Da: "Deltagere %s", En: "Participants %s"},
	"meeting.name":              {Da: "Navn", En: "Name"},
	"meeting.unit":              {Da: "Enhed", En: "Unit"},
	"meeting.email":             {Da: "E-mail", En: "E-mail"},
	"meeting.external":          {Da: "Ekstern", En: "External"},
	"meeting.agenda":            {Da: "Dagsorden", En: "Agenda"},
	"meeting.agendaTitle":       {Da: "Dagsorden %s · %d/%d min · punkter senest %s", En: "Agenda %s · %d/%d min · items by %s"},
	"meeting.topic":             {Da: "Punkt", En: "Topic"},
	"meeting.responsible":       {Da: "Ansvarlig", En: "Responsible"},
	"meeting.aim":               {Da: "Formål", En: "Aim"},
	"meeting.minutes":           {Da: "Min", En: "Min"},
	"meeting.decision":          {Da: "Beslutning", En: "Decision"},
	"meeting.owner":             {Da: "Opgave hos", En: "Task owner"},
	"meeting.due":               {Da: "Frist", En: "Due"},
	"meeting.saved":             {Da: "Mødet er gemt (%d nye opgaver).", En: "The meeting is saved (%d new tasks)."},
})

func yesNoValue(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "yes"
	}
	return "no"
}

func yesNoPtr(s string) *bool {
	switch s {
	case "yes":
		b := true
		return &b
	case "no":
		b := false
		return &b
	}
	return nil
}

func dateValue(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		return model.NoDate
	}
	return d
}

func dateText(d model.Date) string {
	if d == model.NoDate {
		return ""
	}
	return d.String()
}

// networkMapTable edits the case's network map.
func (v *CaseView) networkMapTable() *Table {
	c := v.c
	cols := []Column{
		{Key: "section", Label: model.Text{Da: "Område", En: "Section"}, Kind: ColChoice, Options: model.NetworkSections, Weight: 2, Required: true},
		{Key: "contact", Label: model.Text{Da: "Kontakt", En: "Contact"}, Kind: ColYesNo},
		{Key: "name", Label: model.Text{Da: "Navn", En: "Name"}, Weight: 3},
		{Key: "workplace", Label: model.Text{Da: "Arbejdssted", En: "Workplace"}, Weight: 3},
		{Key: "email", Label: model.Text{Da: "E-mail", En: "E-mail"}, Weight: 3},
		{Key: "phone", Label: model.Text{Da: "Telefon", En: "Phone"}, Weight: 1},
	}
	var rows []Row
	if m := v.cs.NetworkMap; m != nil {
		for _, r := range m.Rows {
			rows = append(rows, Row{"section": r.Section, "contact": yesNoValue(r.HasContact), "name": r.Name,
				"workplace": r.Workplace, "email": r.Email, "phone": r.Phone})
		}
	} else {
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
		bad := false
		for i, tr := range t.rows {
			if e := strings.TrimSpace(tr.vals["email"]); e != "" && forms.Email(e) != nil {
				t.SetError(i, "email", c.T("map.badEmail"))
				if !bad {
					t.row, t.col = i, 4
				}
				bad = true
			}
		}
		if bad {
			return nil, errors.New(c.T("form.fix"))
		}
		var out []model.NetworkRow
		for _, r := range t.Rows() {
			if r["name"] == "" && r["workplace"] == "" && r["email"] == "" && r["phone"] == "" {
				continue // a section's empty row
			}
			out = append(out, model.NetworkRow{Section: r["section"], HasContact: yesNoPtr(r["contact"]), Name: r["name"],
				Workplace: r["workplace"], Email: r["email"], Phone: r["phone"]})
		}
		cmd, err := v.saveDoc("networkmap", &seen, nil, func(cs *model.Case) (string, error) {
			m := model.NetworkMap{PreparedBy: c.User, Rows: out}
			if old := cs.NetworkMap; old != nil {
				m.Interpreter, m.FullConsent = old.Interpreter, old.FullConsent
			}
			cs.SaveNetworkMap(m, c.Today())
			return fmt.Sprintf(`{"rows":%d}`, len(cs.NetworkMap.Rows)), nil
		})
		if err != nil {
			return cmd, err
		}
		return v.saved(1, c.T("map.saved")), nil
	}
	return t
}

// agreementForm edits the agreement, prefilled from the one in force; its
// save goes on to the goals, whose save keeps a new version.
func (v *CaseView) agreementForm() *Form {
	c := v.c
	a, _ := v.cs.Agreement()
	f := NewForm(c, c.T("agreement.title", v.id))
	f.Live = func(f *Form) string {
		return v.citizenLine() + "\n" + wrap(c.Styles.Subtle.Render(c.T("agreement.note")), max(f.w-2, 20))
	}
	agreed := dateText(a.Agreed)
	if agreed == "" {
		agreed = c.T("days.today")
	}
	f.Date("agreed", c.T("agreement.agreed"), agreed, true, forms.Past)
	f.Text("place", c.T("agreement.place"), a.Place, false, nil)
	f.Text("present", c.T("agreement.present"), a.Present, false, nil)
	f.Box("situation", c.T("agreement.situation"), a.Situation, false)
	f.Box("hopes", c.T("agreement.hopes"), a.Hopes, false)
	f.Box("challenges", c.T("agreement.challenges"), a.Challenges, false)
	f.Box("easier", c.T("agreement.easier"), a.Easier, false)
	f.Box("coordination", c.T("agreement.coordination"), a.Coordination, false)
	f.Box("tasks_coordination", c.T("agreement.tasksCoordinate"), a.TasksCoordinate, false)
	f.Box("tasks_authority", c.T("agreement.tasksAuthority"), a.TasksAuthority, false)
	f.Box("tasks_other", c.T("agreement.tasksOther"), a.TasksOther, false)
	f.Date("follow_up", c.T("agreement.followUp"), dateText(a.FollowUp), false, forms.Future)
	f.Text("status", c.T("agreement.status"), a.Status, false, nil)
	f.Check("new_goals", c.T("agreement.newGoals"), a.NewGoals != nil && *a.NewGoals)
	seen := v.version
	goals := a.Goals
	f.OnSave = func(f *Form) (tea.Cmd, error) {
		ng := f.Checked("new_goals")
		na := model.Agreement{Agreed: f.DateValue("agreed"), Place: f.Value("place"), Present: f.Value("present"),
			Situation: f.Value("situation"), Hopes: f.Value("hopes"), Challenges: f.Value("challenges"), Easier: f.Value("easier"),
			Coordination: f.Value("coordination"), TasksCoordinate: f.Value("tasks_coordination"),
			TasksAuthority: f.Value("tasks_authority"), TasksOther: f.Value("tasks_other"),
			FollowUp: f.DateValue("follow_up"), Status: f.Value("status"), NewGoals: &ng,
			Signed: a.Signed, SignedNotes: a.SignedNotes}
		return push(v.goalsTable(na, goals, &seen)), nil
	}
	return f
}

// goalsTable edits the agreement's goals; its save keeps the agreement
// as a new version, on the version seen when the form opened.
func (v *CaseView) goalsTable(a model.Agreement, goals []model.Goal, seen *uint64) *Table {
	c := v.c
	cols := []Column{
		{Key: "title", Label: model.Text{Da: "Mål", En: "Goal"}, Weight: 3, Required: true},
		{Key: "area", Label: model.Text{Da: "Område", En: "Area"}, Kind: ColChoice, Options: model.GoalAreas, Weight: 2},
		{Key: "citizen", Label: model.Text{Da: "Borgeren gør", En: "Citizen does"}, Kind: ColLong, Weight: 2},
		{Key: "caseworker", Label: model.Text{Da: "Sagsbehandleren gør", En: "Caseworker does"}, Kind: ColLong, Weight: 2},
		{Key: "follow_up", Label: model.Text{Da: "Opfølgning", En: "Follow-up"}, Kind: ColDate, Dir: forms.Future},
		{Key: "reached", Label: model.Text{Da: "Nået", En: "Reached"}, Kind: ColYesNo},
		{Key: "went_well", Label: model.Text{Da: "Gik godt", En: "Went well"}, Kind: ColLong, Weight: 1},
		{Key: "less_well", Label: model.Text{Da: "Gik mindre godt", En: "Went less well"}, Kind: ColLong, Weight: 1},
	}
	var rows []Row
	for _, g := range goals {
		rows = append(rows, Row{"title": g.Title, "area": g.Area, "citizen": g.CitizenActions, "caseworker": g.CaseworkerActions,
			"follow_up": dateText(g.FollowUp), "reached": yesNoValue(g.Reached), "went_well": g.WentWell, "less_well": g.LessWell})
	}
	t := NewTable(c, c.T("agreement.goals", v.id), cols, rows)
	t.OnSave = func(t *Table) (tea.Cmd, error) {
		a.Goals = nil
		for _, r := range t.Rows() {
			a.Goals = append(a.Goals, model.Goal{Title: r["title"], Area: r["area"], CitizenActions: r["citizen"],
				CaseworkerActions: r["caseworker"], FollowUp: dateValue(r["follow_up"]), Reached: yesNoPtr(r["reached"]),
				WentWell: r["went_well"], LessWell: r["less_well"]})
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

func checkClock(s string) error {
	if len(s) == 5 && s[2] == ':' {
		h, err1 := strconv.Atoi(s[:2])
		m, err2 := strconv.Atoi(s[3:])
		if err1 == nil && err2 == nil && h >= 0 && h < 24 && m >= 0 && m < 60 {
			return nil
		}
	}
	return errors.New("clock")
}

// meetingForm plans or edits coordinating meeting i (-1: a new one): its
// head, then the participants, then the agenda and minutes.
func (v *CaseView) meetingForm(i int) *Form {
	c := v.c
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
	clock := func(s string) error {
		if checkClock(s) != nil {
			return errors.New(c.T("meeting.badClock"))
		}
		return nil
	}
	f.Date("date", c.T("meeting.date"), dateText(m.Date), true, forms.Nearest)
	f.Text("start", c.T("meeting.start"), m.Start, false, clock)
	f.Text("end", c.T("meeting.end"), m.End, false, clock)
	f.Text("venue", c.T("meeting.venue"), m.Venue, false, nil)
	f.Text("whereabouts", c.T("meeting.whereabouts"), m.Whereabouts, false, nil)
	f.Text("leader", c.T("meeting.leader"), m.Leader, false, nil)
	f.Text("minute_taker", c.T("meeting.minuteTaker"), m.MinuteTaker, false, nil)
	f.Check("sent", c.T("meeting.sent"), m.MinutesSent != model.NoDate)
	seen := v.version
	f.OnSave = func(f *Form) (tea.Cmd, error) {
		nm := m
		nm.Date, nm.Start, nm.End = f.DateValue("date"), f.Value("start"), f.Value("end")
		nm.Venue, nm.Whereabouts = f.Value("venue"), f.Value("whereabouts")
		nm.Leader, nm.MinuteTaker = f.Value("leader"), f.Value("minute_taker")
		return push(v.participantsTable(i, nm, f.Checked("sent"), &seen)), nil
	}
	return f
}

func (v *CaseView) participantsTable(i int, m model.Meeting, sent bool, seen *uint64) *Table {
	c := v.c
	cols := []Column{
		{Key: "name", Label: model.Text{Da: "Navn", En: "Name"}, Weight: 3, Required: true},
		{Key: "unit", Label: model.Text{Da: "Enhed", En: "Unit"}, Weight: 3},
		{Key: "email", Label: model.Text{Da: "E-mail", En: "E-mail"}, Weight: 3},
		{Key: "external", Label: model.Text{Da: "Ekstern", En: "External"}, Kind: ColYesNo},
	}
	var rows []Row
	for _, p := range m.Invited {
		ext := "no"
		if p.External {
			ext = "yes"
		}
		rows = append(rows, Row{"name": p.Name, "unit": p.Unit, "email": p.Email, "external": ext})
	}
	t := NewTable(c, c.T("meeting.participantsTitle", m.Date), cols, rows)
	t.OnSave = func(t *Table) (tea.Cmd, error) {
		bad := false
		for j, tr := range t.rows {
			if e := strings.TrimSpace(tr.vals["email"]); e != "" && forms.Email(e) != nil {
				t.SetError(j, "email", c.T("map.badEmail"))
				bad = true
			}
		}
		if bad {
			return nil, errors.New(c.T("form.fix"))
		}
		nm := m
		nm.Invited = nil
		for _, r := range t.Rows() {
			nm.Invited = append(nm.Invited, model.Participant{Name: r["name"], Unit: r["unit"], Email: r["email"], External: r["external"] == "yes"})
		}
		// Refused here already, before the agenda is typed: the store checks again.
		if now, _, err := c.Store.CaseAt(v.id); err == nil {
			if probs := nm.CheckInvites(&now, c.Today()); len(probs) > 0 {
				return nil, errors.New(v.problemsWords(probs))
			}
		}
		return push(v.agendaTable(i, nm, sent, seen)), nil
	}
	return t
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

func (v *CaseView) agendaTable(i int, m model.Meeting, sent bool, seen *uint64) *agendaTable {
	c := v.c
	cols := []Column{
		{Key: "topic", Label: model.Text{Da: "Punkt", En: "Topic"}, Weight: 3},
		{Key: "responsible", Label: model.Text{Da: "Ansvarlig", En: "Responsible"}, Weight: 1},
		{Key: "aim", Label: model.Text{Da: "Formål", En: "Aim"}, Kind: ColLong, Weight: 2},
		{Key: "minutes", Label: model.Text{Da: "Min", En: "Min"}, Kind: ColNumber},
		{Key: "decision", Label: model.Text{Da: "Beslutning", En: "Decision"}, Kind: ColLong, Weight: 3},
		{Key: "owner", Label: model.Text{Da: "Opgave hos", En: "Task owner"}, Weight: 1},
		{Key: "due", Label: model.Text{Da: "Frist", En: "Due"}, Kind: ColDate, Dir: forms.Future},
	}
	var rows []Row
	for _, it := range m.Items {
		r := Row{"topic": it.Topic, "responsible": it.Responsible, "aim": it.Aim, "decision": it.Decision}
		if it.Minutes > 0 {
			r["minutes"] = strconv.Itoa(it.Minutes)
		}
		rows = append(rows, r)
	}
	if len(m.Items) == 0 && i < 0 {
		for _, tx := range model.DefaultAgenda {
			rows = append(rows, Row{"topic": tx.In(c.langCode())})
		}
	}
	t := NewTable(c, "", cols, rows)
	at := &agendaTable{Table: t, date: m.Date}
	t.OnSave = func(t *Table) (tea.Cmd, error) {
		nm := m
		nm.Items = nil
		var tasks []model.Task
		for _, r := range t.Rows() {
			n, _ := strconv.Atoi(r["minutes"])
			nm.Items = append(nm.Items, model.AgendaItem{Topic: r["topic"], Responsible: r["responsible"], Aim: r["aim"], Minutes: n, Decision: r["decision"]})
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
