package tui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tovholder/db"
	"tovholder/forms"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"docs.title":          {Da: "Dokumenter · %s", En: "Documents · %s"},
	"docs.map":            {Da: "Netværkskort", En: "Network map"},
	"docs.agreement":      {Da: "Samarbejdsaftale", En: "Collaboration agreement"},
	"docs.meetings":       {Da: "Møder", En: "Meetings"},
	"docs.consents":       {Da: "Samtykke", En: "Consent"},
	"docs.none":           {Da: "ikke udfyldt endnu", En: "not filled in yet"},
	"docs.mapLine":        {Da: "opdateret %s · %d rækker", En: "updated %s · %d rows"},
	"docs.agreementLine":  {Da: "%d versioner · gældende fra %s", En: "%d versions · in force from %s"},
	"docs.meetingLine":    {Da: "Møde %s %s · %s · %d deltagere", En: "Meeting %s %s · %s · %d participants"},
	"docs.newMeeting":     {Da: "+ nyt møde", En: "+ new meeting"},
	"docs.consentLine":    {Da: "Givet %s af %s · %s", En: "Given %s by %s · %s"},
	"docs.inForce":        {Da: "gælder", En: "in force"},
	"docs.notInForce":     {Da: "gælder ikke", En: "not in force"},
	"docs.revokedOn":      {Da: "trukket tilbage %s", En: "revoked %s"},
	"docs.newConsent":     {Da: "+ nyt samtykke", En: "+ new consent"},
	"docs.key.open":       {Da: "åbn", En: "open"},
	"docs.key.versions":   {Da: "aftalens versioner", En: "the agreement's versions"},
	"docs.key.revoke":     {Da: "træk samtykket tilbage", En: "revoke the consent"},
	"docs.key.documents":  {Da: "dokumenter", En: "documents"},
	"docs.noVersions":     {Da: "Der er ingen samarbejdsaftale endnu.", En: "There is no collaboration agreement yet."},
	"docs.notRevocable":   {Da: "Stil markøren på et samtykke, der gælder, for at trække det tilbage.", En: "Put the cursor on a consent in force to revoke it."},
	"docs.versions":       {Da: "Samarbejdsaftalens versioner · %s", En: "Versions of the collaboration agreement · %s"},
	"docs.versionLine":    {Da: "Gemt %s af %s · aftalt %s · %d mål", En: "Saved %s by %s · agreed %s · %d goals"},
	"docs.version":        {Da: "Samarbejdsaftale gemt %s · %s", En: "Collaboration agreement saved %s · %s"},
	"consent.title":       {Da: "Samtykke · %s", En: "Consent · %s"},
	"consent.date":        {Da: "Dato", En: "Date"},
	"consent.givenBy":     {Da: "Givet af", En: "Given by"},
	"consent.citizen":     {Da: "borgeren", En: "the citizen"},
	"consent.parties":     {Da: "Må udveksle oplysninger med", En: "May exchange information with"},
	"consent.others":      {Da: "Andre (adskil med komma)", En: "Others (comma-separated)"},
	"consent.may":         {Da: "Må udveksles", En: "May be exchanged"},
	"consent.mayNot":      {Da: "Må ikke udveksles", En: "May not be exchanged"},
	"consent.how":         {Da: "Givet hvordan", En: "Given how"},
	"consent.notedBy":     {Da: "Noteret af", En: "Noted by"},
	"consent.saved":       {Da: "Samtykket er gemt.", En: "The consent is saved."},
	"consent.revokeTitle": {Da: "Træk samtykke tilbage · %s", En: "Revoke consent · %s"},
	"consent.revokeDate":  {Da: "Trukket tilbage den", En: "Revoked on"},
	"consent.revoked":     {Da: "Samtykket er trukket tilbage.", En: "The consent is revoked."},
	"consent.gone":        {Da: "Samtykket er ændret imens; åbn dokumenterne igen.", En: "The consent was changed meanwhile; open the documents again."},
	"consent.noParty":     {Da: "sæt mindst ét kryds, eller skriv en anden", En: "tick at least one, or type another"},
	"docs.read.none":      {Da: "(tomt)", En: "(empty)"},
})

// docRow is one row of the documents screen: a document, or a new one.
type docRow struct {
	kind string // map, agreement, meeting, consent
	i    int    // the meeting's or consent's index; -1: a new one
	ver  int    // an agreement's version, from 1, oldest first; 0: the one in force
}

// docsScreen lists a case's documents: the network map, the agreement,
// the coordinating meetings and the consents. It reads the case from the
// case view under it, which reads it again after every change.
type docsScreen struct {
	c    *Common
	v    *CaseView
	sel  int
	w, h int
}

func newDocsScreen(v *CaseView) *docsScreen {
	return &docsScreen{c: v.c, v: v, w: v.c.Width, h: max(v.c.Height-3, 1)}
}

func (d *docsScreen) Init() tea.Cmd    { return nil }
func (d *docsScreen) Title() string    { return d.c.T("docs.title", d.v.id) }
func (d *docsScreen) Capturing() bool  { return false }
func (d *docsScreen) Dirty() bool      { return false }
func (d *docsScreen) SetSize(w, h int) { d.w, d.h = w, h }

// readOnly is why this user may save no document on the case, or nil.
func (d *docsScreen) readOnly() *model.Problem {
	return model.Permit(d.c.Actor(), &d.v.cs, "")
}

// ReadOnly says, for the help line and the help, why nothing can be saved.
func (d *docsScreen) ReadOnly() (short, long string) {
	if p := d.readOnly(); p != nil {
		return d.c.readOnlyWords(*p)
	}
	return "", ""
}

func (d *docsScreen) rows() []docRow {
	cs := &d.v.cs
	out := []docRow{{kind: "map"}, {kind: "agreement"}}
	for i := range cs.Meetings {
		out = append(out, docRow{kind: "meeting", i: i})
	}
	out = append(out, docRow{kind: "meeting", i: -1})
	for i := range cs.Consents {
		out = append(out, docRow{kind: "consent", i: i})
	}
	return append(out, docRow{kind: "consent", i: -1})
}

func (d *docsScreen) current() docRow {
	rs := d.rows()
	d.sel = max(0, min(d.sel, len(rs)-1))
	return rs[d.sel]
}

// consentInForce: consent i is in force today.
func (d *docsScreen) consentInForce(i int) bool {
	return d.v.cs.Consents[i].InForce(d.c.Today())
}

func (d *docsScreen) Keys() []key.Binding {
	k, nav := d.c.Keys.Docs, d.c.Keys.Nav
	keys := []key.Binding{d.c.Keys.Back, k.Open}
	r := d.current()
	if r.kind == "agreement" && len(d.v.cs.Agreements) > 0 {
		keys = append(keys, k.Versions)
	}
	if r.kind == "consent" && r.i >= 0 && d.consentInForce(r.i) && d.readOnly() == nil {
		keys = append(keys, k.Revoke)
	}
	if d.v.printable(r) {
		keys = append(keys, k.Print)
	}
	return append(keys, nav.Up, nav.Down, nav.Home, nav.End)
}

func (d *docsScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return d, nil
	}
	k := d.c.Keys.Docs
	n := len(d.rows())
	if step, ok := d.c.Keys.Nav.step(km, max(d.h-4, 1), n); ok {
		d.sel = max(0, min(d.sel+step, n-1))
		return d, nil
	}
	r := d.current()
	switch {
	case key.Matches(km, d.c.Keys.Back):
		return d, pop
	case key.Matches(km, k.Open):
		return d, d.open(r)
	case key.Matches(km, k.Versions):
		if len(d.v.cs.Agreements) == 0 {
			return d, status(d.c.T("docs.noVersions"))
		}
		return d, push(newVersionsScreen(d.v))
	case key.Matches(km, k.Revoke):
		if r.kind != "consent" || r.i < 0 || !d.consentInForce(r.i) {
			return d, status(d.c.T("docs.notRevocable"))
		}
		if p := d.readOnly(); p != nil {
			return d, status(d.c.problemWords(*p))
		}
		return d, push(d.v.revokeForm(r.i))
	case key.Matches(km, k.Print):
		return d, d.v.printForm(r)
	}
	return d, nil
}

// open opens a document: its editor, or for a read-only user its text.
func (d *docsScreen) open(r docRow) tea.Cmd {
	v, c := d.v, d.c
	if p := d.readOnly(); p != nil {
		if r.i < 0 {
			return status(c.problemWords(*p))
		}
		return push(v.docTextScreen(r))
	}
	switch r.kind {
	case "map":
		return push(v.networkMapTable())
	case "agreement":
		return push(v.agreementForm())
	case "meeting":
		return push(v.meetingForm(r.i))
	case "consent":
		if r.i >= 0 {
			return push(v.docTextScreen(r))
		}
		return push(v.consentDocForm())
	}
	return nil
}

func (d *docsScreen) View() string {
	c, st, cs := d.c, d.c.Styles, &d.v.cs
	lines := []string{d.v.citizenLine(), ""}
	rows := d.rows()
	d.current()
	heading := ""
	for i, r := range rows {
		h := map[string]string{"map": "docs.map", "agreement": "docs.agreement", "meeting": "docs.meetings", "consent": "docs.consents"}[r.kind]
		if h != heading {
			if heading != "" {
				lines = append(lines, "")
			}
			heading = h
			lines = append(lines, st.Header.Render(c.T(h)))
		}
		text := ""
		switch {
		case r.kind == "map":
			text = c.T("docs.none")
			if m := cs.NetworkMap; m != nil {
				text = c.T("docs.mapLine", m.Updated, len(m.Rows))
			}
		case r.kind == "agreement":
			text = c.T("docs.none")
			if a, ok := cs.Agreement(); ok {
				from := a.Agreed
				if from == model.NoDate {
					from = a.Saved
				}
				text = c.T("docs.agreementLine", len(cs.Agreements), from)
			}
		case r.kind == "meeting" && r.i < 0:
			text = c.T("docs.newMeeting")
		case r.kind == "meeting":
			m := cs.Meetings[r.i]
			text = c.T("docs.meetingLine", m.Date, m.Start, model.CleanLine(m.Venue), len(m.Invited))
		case r.kind == "consent" && r.i < 0:
			text = c.T("docs.newConsent")
		default:
			k := cs.Consents[r.i]
			state := c.T("docs.notInForce")
			switch {
			case k.Revoked != model.NoDate:
				state = c.T("docs.revokedOn", k.Revoked)
			case d.consentInForce(r.i):
				state = c.T("docs.inForce")
			}
			text = c.T("docs.consentLine", k.Date, model.CleanLine(k.GivenBy), state)
		}
		text = truncate(model.CleanLine(text), max(d.w-4, 10))
		if i == d.sel {
			lines = append(lines, st.Focus.Render("> ")+st.Selected.Render(text))
		} else {
			lines = append(lines, "  "+text)
		}
	}
	if len(lines) > d.h {
		// Keep the cursor in view: drop lines from the top.
		cut := 0
		for i, l := range lines {
			if strings.HasPrefix(l, st.Focus.Render("> ")) {
				cut = max(0, i-d.h+2)
			}
		}
		lines = lines[min(cut, len(lines)):]
		lines = lines[:min(d.h, len(lines))]
	}
	return strings.Join(lines, "\n")
}

// saveDoc changes the case through the desk's one write path, on the
// version seen. On a conflict, seen moves to the case's version and the
// case is read again: the next save is made on it, with the input kept.
func (v *CaseView) saveDoc(action string, seen *uint64, note func(string), apply func(cs *model.Case) (string, error)) (tea.Cmd, error) {
	c := v.c
	_, err := c.Store.Change(c.Actor(), v.id, *seen, db.Change{Action: action, Apply: apply})
	if err == nil {
		return nil, nil
	}
	var ce *db.ConflictError
	if errors.As(err, &ce) {
		*seen = ce.Now
		words := c.conflictWords(ce)
		if note != nil {
			note(words)
		}
		return v.read(false), errors.New(words)
	}
	return nil, c.storeError(err)
}

// saved is what a document's save does after the store took it: back to
// the documents (n screens down), the case read again, the status line.
func (v *CaseView) saved(n int, words string) tea.Cmd {
	cmds := []tea.Cmd{}
	for range n {
		cmds = append(cmds, pop)
	}
	return tea.Batch(append(cmds, changed(v.id), status(words))...)
}

// consentParties are the ticked parties' ids and the others typed in.
func consentParties(f *Form) []string {
	out := f.CheckedKeys("party.")
	for _, s := range strings.Split(f.Value("others"), ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// revokeForm revokes consent i with a date.
func (v *CaseView) revokeForm(i int) *Form {
	c := v.c
	was := v.cs.Consents[i]
	f := NewForm(c, c.T("consent.revokeTitle", v.id))
	f.Live = func(*Form) string {
		return v.citizenLine() + "\n\n" + truncate(model.CleanLine(c.T("docs.consentLine", was.Date, was.GivenBy, c.T("docs.inForce"))), max(f.w-2, 20))
	}
	f.Date("date", c.T("consent.revokeDate"), c.T("days.today"), true, forms.Past)
	seen := v.version
	f.OnSave = func(f *Form) (tea.Cmd, error) {
		on := f.DateValue("date")
		cmd, err := v.saveDoc("consent.revoke", &seen, f.SetNote, func(cs *model.Case) (string, error) {
			if i >= len(cs.Consents) || cs.Consents[i].Date != was.Date || cs.Consents[i].Revoked != model.NoDate {
				return "", errors.New(c.T("consent.gone"))
			}
			cs.Consents[i].Revoked = on
			return fmt.Sprintf(`{"consent":%d,"revoked":%q}`, i, on), nil
		})
		if err != nil {
			return cmd, err
		}
		return v.saved(1, c.T("consent.revoked")), nil
	}
	return f
}

// docTextScreen shows row r's document to read; p prints it.
func (v *CaseView) docTextScreen(r docRow) *textScreen {
	title, lines := v.docText(r)
	ts := newTextScreen(v.c, title, lines)
	if v.printable(r) {
		ts.print = func() tea.Cmd { return v.printForm(r) }
	}
	return ts
}

// docText is a document as text to read: for a read-only user, a
// consent, an older version of the agreement.
func (v *CaseView) docText(r docRow) (string, func(w int) []string) {
	c, cs := v.c, &v.cs
	var title string
	var pairs [][2]string
	add := func(label, value string) { pairs = append(pairs, [2]string{label, value}) }
	switch r.kind {
	case "map":
		title = c.T("docs.map") + " · " + v.id
		if m := cs.NetworkMap; m != nil {
			add(c.T("docs.map"), c.T("docs.mapLine", m.Updated, len(m.Rows)))
			for _, row := range m.Rows {
				add(caseOptionLabel(c, model.NetworkSections, row.Section), strings.Join(nonEmpty(row.Name, row.Workplace, row.Email, row.Phone), " · "))
			}
		}
	case "agreement":
		title = c.T("docs.agreement") + " · " + v.id
		if a, ok := cs.Agreement(); ok {
			pairs = agreementPairs(c, a)
		}
	case "meeting":
		m := cs.Meetings[r.i]
		title = c.T("meeting.title", v.id)
		add(c.T("meeting.date"), strings.Join(nonEmpty(m.Date.String(), m.Start, m.End), " "))
		add(c.T("meeting.venue"), m.Venue)
		add(c.T("meeting.leader"), m.Leader)
		add(c.T("meeting.minuteTaker"), m.MinuteTaker)
		for _, p := range m.Invited {
			add(c.T("meeting.participants"), strings.Join(nonEmpty(p.Name, p.Unit, p.Email), " · "))
		}
		for _, it := range m.Items {
			add(c.T("meeting.agenda"), strings.Join(nonEmpty(it.Topic, it.Decision), ": "))
		}
		if m.MinutesSent != model.NoDate {
			add(c.T("meeting.sent"), m.MinutesSent.String())
		}
	case "consent":
		k := cs.Consents[r.i]
		title = c.T("consent.title", v.id)
		add(c.T("consent.date"), k.Date.String())
		add(c.T("consent.givenBy"), k.GivenBy)
		var parties []string
		for _, p := range k.Parties {
			parties = append(parties, caseOptionLabel(c, model.ConsentParties, p))
		}
		add(c.T("consent.parties"), strings.Join(parties, ", "))
		add(c.T("consent.may"), k.May)
		add(c.T("consent.mayNot"), k.MayNot)
		add(c.T("consent.how"), caseOptionLabel(c, model.ConsentForms, k.How))
		add(c.T("consent.notedBy"), k.NotedBy)
		if k.Revoked != model.NoDate {
			add(c.T("consent.revokeDate"), k.Revoked.String())
		}
	}
	return title, pairsText(v, pairs)
}

// agreementPairs is one version of the agreement as labelled values.
func agreementPairs(c *Common, a model.Agreement) [][2]string {
	var pairs [][2]string
	add := func(label, value string) { pairs = append(pairs, [2]string{label, value}) }
	add(c.T("agreement.agreed"), a.Agreed.String())
	add(c.T("agreement.place"), a.Place)
	add(c.T("agreement.present"), a.Present)
	add(c.T("agreement.situation"), a.Situation)
	add(c.T("agreement.hopes"), a.Hopes)
	add(c.T("agreement.challenges"), a.Challenges)
	add(c.T("agreement.easier"), a.Easier)
	for _, g := range a.Goals {
		add(c.T("goal.title"), strings.Join(nonEmpty(g.Title, caseOptionLabel(c, model.GoalAreas, g.Area), g.FollowUp.String()), " · "))
	}
	add(c.T("agreement.coordination"), a.Coordination)
	add(c.T("agreement.tasksCoordinate"), a.TasksCoordinate)
	add(c.T("agreement.tasksAuthority"), a.TasksAuthority)
	add(c.T("agreement.tasksOther"), a.TasksOther)
	add(c.T("agreement.followUp"), a.FollowUp.String())
	add(c.T("agreement.status"), a.Status)
	return pairs
}

// pairsText lays labelled values out for reading, wrapped to the width.
func pairsText(v *CaseView, pairs [][2]string) func(w int) []string {
	c := v.c
	return func(w int) []string {
		lines := []string{v.citizenLine(), ""}
		if len(pairs) == 0 {
			return append(lines, c.Styles.Subtle.Render(c.T("docs.read.none")))
		}
		for _, p := range pairs {
			val := strings.TrimSpace(model.CleanText(p[1]))
			if val == "" || val == model.NoDate.String() {
				continue
			}
			lines = append(lines, c.Styles.Bold.Render(model.CleanLine(p[0])))
			for _, l := range strings.Split(val, "\n") {
				lines = append(lines, strings.Split(wrap("  "+model.CleanLine(l), max(w-2, 20)), "\n")...)
			}
		}
		return lines
	}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// versionsScreen lists the agreement's versions, newest first; enter
// shows one to read.
type versionsScreen struct {
	c    *Common
	v    *CaseView
	sel  int
	w, h int
}

func newVersionsScreen(v *CaseView) *versionsScreen {
	return &versionsScreen{c: v.c, v: v, w: v.c.Width, h: max(v.c.Height-3, 1)}
}

func (s *versionsScreen) Init() tea.Cmd    { return nil }
func (s *versionsScreen) Title() string    { return s.c.T("docs.versions", s.v.id) }
func (s *versionsScreen) Capturing() bool  { return false }
func (s *versionsScreen) Dirty() bool      { return false }
func (s *versionsScreen) SetSize(w, h int) { s.w, s.h = w, h }
func (s *versionsScreen) Keys() []key.Binding {
	nav := s.c.Keys.Nav
	return []key.Binding{s.c.Keys.Back, s.c.Keys.Docs.Open, s.c.Keys.Docs.Compare, s.c.Keys.Docs.Print, nav.Up, nav.Down, nav.Home, nav.End}
}

// version is the i-th row's agreement: newest first.
func (s *versionsScreen) version(i int) model.Agreement {
	as := s.v.cs.Agreements
	return as[len(as)-1-i]
}

func (s *versionsScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return s, nil
	}
	n := len(s.v.cs.Agreements)
	if d, ok := s.c.Keys.Nav.step(km, max(s.h-3, 1), n); ok {
		s.sel = max(0, min(s.sel+d, n-1))
		return s, nil
	}
	switch {
	case key.Matches(km, s.c.Keys.Back):
		return s, pop
	case key.Matches(km, s.c.Keys.Docs.Open) && s.sel < n:
		a := s.version(s.sel)
		return s, push(newTextScreen(s.c, s.c.T("docs.version", a.Saved, s.v.id), pairsText(s.v, agreementPairs(s.c, a))))
	case key.Matches(km, s.c.Keys.Docs.Compare) && s.sel < n:
		return s, s.v.compareScreen(s.version(s.sel)) // tui/docs_compare.go
	case key.Matches(km, s.c.Keys.Docs.Print) && s.sel < n:
		return s, s.v.printForm(docRow{kind: "agreement", ver: n - s.sel}) // newest first on the screen
	}
	return s, nil
}

func (s *versionsScreen) View() string {
	c, st := s.c, s.c.Styles
	lines := []string{s.v.citizenLine(), ""}
	// The rows in view: those around the cursor, as many as fit.
	page := max(s.h-len(lines), 1)
	first := max(0, min(s.sel-page+1, len(s.v.cs.Agreements)-page))
	for i := first; i < min(first+page, len(s.v.cs.Agreements)); i++ {
		a := s.version(i)
		text := truncate(model.CleanLine(c.T("docs.versionLine", a.Saved, a.SavedBy, a.Agreed, len(a.Goals))), max(s.w-4, 10))
		if i == s.sel {
			lines = append(lines, st.Focus.Render("> ")+st.Selected.Render(text))
		} else {
			lines = append(lines, "  "+text)
		}
	}
	return strings.Join(lines[:min(len(lines), s.h)], "\n")
}
