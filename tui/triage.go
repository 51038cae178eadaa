package tui

import (
	"maps"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tovholder/db"
	"tovholder/forms"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"triage.title":           {Da: "Visitering", En: "Triage"},
	"triage.heading":         {Da: "Henvendelser, der venter på visitering, ældste først", En: "Referrals awaiting triage, oldest first"},
	"triage.count":           {Da: "%d venter", En: "%d waiting"},
	"triage.empty":           {Da: "Ingen henvendelser venter på visitering.", En: "No referrals await triage."},
	"triage.col.date":        {Da: "Henvendt", En: "Referred"},
	"triage.col.wait":        {Da: "Venter", En: "Waiting"},
	"triage.col.name":        {Da: "Borger", En: "Citizen"},
	"triage.col.cpr":         {Da: "CPR", En: "CPR"},
	"triage.col.target":      {Da: "Målgruppe", En: "Target group"},
	"triage.col.source":      {Da: "Henviser", En: "Referred by"},
	"triage.waited":          {Da: "%d hd.", En: "%d wd"},
	"triage.notScreened":     {Da: "ikke screenet", En: "not screened"},
	"triage.unknown":         {Da: "ukendt", En: "unknown"},
	"triage.key.accept":      {Da: "tildel sagsbehandler", En: "accept and assign"},
	"triage.key.reject":      {Da: "afvis", En: "reject"},
	"triage.key.open":        {Da: "åbn sagen", En: "open the case"},
	"triage.key.reload":      {Da: "genindlæs", En: "reload"},
	"triage.detail.referred": {Da: "Henvist %s af %s · modtaget af %s", En: "Referred %s by %s · received by %s"},
	"triage.detail.none":     {Da: "Ikke screenet.", En: "Not screened."},
	"triage.detail.override": {Da: "Afgørelse ved henvendelsen: %s, mod reglens anbefaling. Begrundelse: %s",
		En: "Decision at referral: %s, against the rule's recommendation. Justification: %s"},
	"triage.accept.title":    {Da: "Tildel sagsbehandler · %s", En: "Assign a caseworker · %s"},
	"triage.accept.to":       {Da: "Sagsbehandler", En: "Caseworker"},
	"triage.accept.date":     {Da: "Dato", En: "Date"},
	"triage.accept.deadline": {Da: "Første frist: %s senest %s.", En: "First deadline: %s by %s."},
	"triage.accepted":        {Da: "%s er tildelt %s.", En: "%s is assigned to %s."},
	"triage.reject.title":    {Da: "Afvis henvendelsen · %s", En: "Reject the referral · %s"},
	"triage.reject.reason":   {Da: "Begrundelse", En: "Reason"},
	"triage.reject.date":     {Da: "Dato", En: "Date"},
	"triage.reject.explain": {Da: "Henvendelsen hører ikke til fremskudt sagsbehandling og gives tilbage til henviser, %s, med begrundelsen.",
		En: "The referral is not for outreach casework and goes back to the referrer, %s, with the reason."},
	"triage.rejected": {Da: "%s er afvist og gives tilbage til henviser: %s.", En: "%s is rejected and goes back to the referrer: %s."},
})

// Triage is the coordinator's list of referrals awaiting triage (DOMAIN.md
// step 3), oldest first: accept and assign a caseworker, or reject back to
// the referrer. Everyone may look; only coordinators act.
type Triage struct {
	c     *Common
	rows  []db.Entry // from the triage index, oldest first
	cases map[string]triageCase
	listCursor
	w, h    int
	loadErr error
	// Reads of the store, off the update loop (see Queue.read).
	loaded, reading, keysWait, again, againKeys bool
	fetching                                    bool   // cases of rows on screen are being read
	gen                                         uint64 // moves on with every change: older reads of cases are dropped
}

// triageCase is a case read for a row on screen.
type triageCase struct {
	c   model.Case
	err error
}

// detailLines is the height of the pane about the selected referral.
const detailLines = 8

// NewTriage makes the list of referrals awaiting triage; it reads them
// once started (Init).
func NewTriage(c *Common) Screen {
	return &Triage{c: c, w: 80, h: 20, cases: map[string]triageCase{}}
}

// triageRead is the triage index as read.
type triageRead struct {
	t    *Triage
	rows []db.Entry
	err  error
}

func (m triageRead) target() Screen { return m.t }

// triageCases are cases read for rows on screen.
type triageCases struct {
	t     *Triage
	gen   uint64
	cases map[string]triageCase
}

func (m triageCases) target() Screen { return m.t }

// read reads the triage index (never the cases) off the update loop; a
// read asked for during another comes after it. keys: the next keys wait.
func (t *Triage) read(keys bool) tea.Cmd {
	if t.reading {
		t.again, t.againKeys = true, t.againKeys || keys
		return nil
	}
	t.reading, t.keysWait = true, keys
	st := t.c.Store
	return func() tea.Msg {
		var m triageRead
		m.t = t
		m.err = st.Triage(func(e db.Entry) bool {
			e.Name, e.CaseID = model.CleanLine(e.Name), model.CleanLine(e.CaseID) // shown: never raw
			m.rows = append(m.rows, e)
			return true
		})
		return m
	}
}

// readDone takes in the index, keeping the cursor on the same referral if
// it is still there, else at the same place; then reads the cases of the
// rows on screen.
func (t *Triage) readDone(m triageRead) tea.Cmd {
	t.reading = false
	keep := ""
	if e, ok := t.selected(); ok {
		keep = e.CaseID
	}
	t.rows, t.loadErr, t.loaded = m.rows, m.err, true
	for i, e := range t.rows {
		if e.CaseID == keep {
			t.cursor = i
			break
		}
	}
	cmd := t.scroll()
	if t.again {
		k := t.againKeys
		t.again, t.againKeys = false, false
		cmd = tea.Batch(cmd, t.read(k))
	}
	return cmd
}

// Busy: keys wait for the first read, reads they asked for, and the cases
// of the rows on screen (accept and reject show the referral).
func (t *Triage) Busy() bool { return !t.loaded || (t.reading && t.keysWait) || t.fetching }

// fetch reads, off the update loop, the cases of the rows on screen that
// are not read yet.
func (t *Triage) fetch() tea.Cmd {
	if t.fetching {
		return nil // when it comes, fetch looks again
	}
	var ids []string
	for i := t.offset; i < t.offset+t.listRows() && i < len(t.rows); i++ {
		if _, ok := t.cases[t.rows[i].CaseID]; !ok {
			ids = append(ids, t.rows[i].CaseID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	t.fetching = true
	st, gen := t.c.Store, t.gen
	return func() tea.Msg {
		m := triageCases{t: t, gen: gen, cases: map[string]triageCase{}}
		for _, id := range ids {
			m.cases[id] = readTriageCase(st, id)
		}
		return m
	}
}

// readTriageCase reads a case for the screen, its text cleaned for the terminal.
func readTriageCase(st *db.Store, id string) triageCase {
	cs, err := st.Case(id)
	model.Normalize(&cs)
	return triageCase{cs, err}
}

func (t *Triage) Init() tea.Cmd { return t.read(true) }

func (t *Triage) Title() string { return t.c.T("triage.title") }

func (t *Triage) Capturing() bool { return false }

func (t *Triage) Dirty() bool { return false }

// ReadOnly: only coordinators triage.
func (t *Triage) ReadOnly() (short, long string) {
	if p := t.c.Role.MayRecord(model.Assigned); p != nil {
		return t.c.readOnlyWords(*p)
	}
	return "", ""
}

func (t *Triage) SetSize(w, h int) {
	t.w, t.h = w, h
	t.listCursor.scroll(len(t.rows), t.listRows()) // the cases on screen come with the next key or read
}

func (t *Triage) Keys() []key.Binding {
	k, nav := t.c.Keys.Triage, t.c.Keys.Nav
	keys := []key.Binding{k.Open, nav.Up, nav.Down, t.c.Keys.Back, nav.PgUp, nav.PgDown, nav.Home, nav.End, k.Reload}
	if t.c.Role.MayRecord(model.Assigned) == nil {
		keys = append([]key.Binding{k.Accept, k.Reject}, keys...) // only coordinators triage
	}
	return keys
}

// withDetail: the pane about the selected referral shows when there is room.
func (t *Triage) withDetail() bool { return t.h >= 16 }

// listRows is how many rows fit: the body less the heading, the column
// header and, when shown, the detail pane and the blank line above it.
func (t *Triage) listRows() int {
	n := t.h - 2
	if t.withDetail() {
		n -= detailLines + 1
	}
	return max(n, 1)
}

func (t *Triage) scroll() tea.Cmd {
	t.listCursor.scroll(len(t.rows), t.listRows())
	return t.fetch()
}

func (t *Triage) move(d int) tea.Cmd {
	t.listCursor.move(d, len(t.rows), t.listRows())
	return t.fetch()
}

// selected is the entry under the cursor.
func (t *Triage) selected() (db.Entry, bool) {
	if len(t.rows) == 0 {
		return db.Entry{}, false
	}
	return t.rows[t.cursor], true
}

func (t *Triage) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case triageRead:
		return t, t.readDone(msg)
	case triageCases:
		t.fetching = false
		if msg.gen == t.gen {
			maps.Copy(t.cases, msg.cases)
		}
		return t, t.fetch()
	case changedMsg:
		// The changed cases are read again when on screen.
		t.gen++
		if msg.all {
			clear(t.cases)
		}
		for _, id := range msg.ids {
			delete(t.cases, id)
		}
		return t, t.read(!msg.live)
	case tea.KeyMsg:
		k := t.c.Keys.Triage
		if d, ok := t.c.Keys.Nav.step(msg, t.listRows(), len(t.rows)); ok {
			return t, t.move(d)
		}
		switch {
		case key.Matches(msg, t.c.Keys.Back):
			return t, pop
		case key.Matches(msg, k.Reload):
			t.gen++
			clear(t.cases)
			return t, t.read(true)
		case key.Matches(msg, k.Open):
			if e, ok := t.selected(); ok {
				return t, push(openCase(t.c, e.CaseID))
			}
		case key.Matches(msg, k.Accept), key.Matches(msg, k.Reject):
			e, ok := t.selected()
			if !ok {
				return t, nil
			}
			if p := t.c.Role.MayRecord(model.Assigned); p != nil {
				return t, status(t.c.problemWords(*p))
			}
			if key.Matches(msg, k.Accept) {
				return t, push(t.acceptForm(e))
			}
			return t, push(t.rejectForm(e))
		}
	}
	return t, nil
}

// referralOf is the case's first referral event, if the case could be read.
func (t *Triage) referralOf(id string) (model.Event, *model.Case) {
	tc, ok := t.cases[id]
	if !ok { // keys wait for the cases on screen: only if the store failed
		tc = readTriageCase(t.c.Store, id)
		t.cases[id] = tc
	}
	if tc.err != nil {
		return model.Event{}, nil
	}
	ev, _ := tc.c.First(model.ReferralReceived)
	return ev, &tc.c
}

// sourceWords says who referred: the person and the source category.
func (c *Common) sourceWords(ev model.Event) string {
	src := ev.Source
	if o, ok := model.Lookup(model.ReferralSources, src); ok {
		src = o.Label(c.langCode())
	}
	switch {
	case ev.Referrer != "" && src != "":
		return ev.Referrer + " (" + src + ")"
	case ev.Referrer != "":
		return ev.Referrer
	case src != "":
		return src
	}
	return c.T("triage.unknown")
}

func (t *Triage) acceptForm(e db.Entry) Screen {
	c := t.c
	ref, cs := t.referralOf(e.CaseID)
	f := NewForm(c, c.T("triage.accept.title", e.CaseID))
	workerFields(c, f, "")
	f.Date("date", c.T("triage.accept.date"), c.T("days.today"), true, forms.Past)
	f.Live = func(f *Form) string {
		lines := []string{t.summary(e, ref), workersHint(c, f.w)}
		if cs != nil && f.DateValue("date") != model.NoDate {
			// The deadline the assignment starts, by the case's own rules.
			after := *cs
			after.Events = append(append([]model.Event(nil), cs.Events...),
				model.Event{Type: model.Assigned, Date: f.DateValue("date"), To: chosenWorker(f)})
			if st, err := model.StatusOf(&after, c.Store.Calendar()); err == nil && st.Has {
				lines = append(lines, c.T("triage.accept.deadline", c.ruleWords(st.Next.Rule, st.Next.Label), st.Next.Due))
			}
		}
		return strings.Join(lines, "\n")
	}
	f.OnSave = func(f *Form) (tea.Cmd, error) {
		ev := model.Event{Type: model.Assigned, Date: f.DateValue("date"), To: chosenWorker(f), By: c.User}
		if err := t.record(f, e.CaseID, ev); err != nil {
			return nil, err
		}
		return tea.Batch(pop, changed(e.CaseID), status(c.T("triage.accepted", e.CaseID, ev.To))), nil
	}
	return f
}

func (t *Triage) rejectForm(e db.Entry) Screen {
	c := t.c
	ref, _ := t.referralOf(e.CaseID)
	f := NewForm(c, c.T("triage.reject.title", e.CaseID))
	f.Text("reason", c.T("triage.reject.reason"), "", true, nil)
	f.Date("date", c.T("triage.reject.date"), c.T("days.today"), true, forms.Past)
	f.Live = func(f *Form) string {
		return t.summary(e, ref) + "\n" + ansi.Wrap(c.T("triage.reject.explain", c.sourceWords(ref)), max(t.w-2, 20), "")
	}
	f.OnSave = func(f *Form) (tea.Cmd, error) {
		ev := model.Event{Type: model.Rejected, Date: f.DateValue("date"), Reason: f.Value("reason"), By: c.User}
		if err := t.record(f, e.CaseID, ev); err != nil {
			return nil, err
		}
		return tea.Batch(pop, changed(e.CaseID), status(c.T("triage.rejected", e.CaseID, c.sourceWords(ref)))), nil
	}
	return f
}

// summary heads the accept and reject forms: which referral.
func (t *Triage) summary(e db.Entry, ref model.Event) string {
	s := t.c.Styles.Bold.Render(e.CaseID + " · " + e.Name + " · " + t.c.maskedCPR(e.CPR))
	if ref.Date != model.NoDate {
		s += "\n" + t.c.T("triage.detail.referred", ref.Date, t.c.sourceWords(ref), orDash(ref.ReceivedBy))
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// record adds the triage event through the desk's one write path: the
// referral must still await triage (another desk may have triaged it
// meanwhile), and the date be neither after today nor before the referral.
func (t *Triage) record(f *Form, id string, ev model.Event) error {
	// On any version: that the referral still awaits triage is what
	// matters, and the check says so when another desk triaged it.
	return t.c.recordIf(f, id, db.AnyVersion, ev, func(cs *model.Case) *model.Problem {
		if cs.Phase() != model.PhaseReferral {
			return &model.Problem{Code: model.ProblemTriaged}
		}
		return nil
	})
}

// triageColumns: widths for a body w wide; name and source share the rest.
func triageColumns(w int) (date, wait, name, cpr, target, source int) {
	date, wait, cpr, target = 10, 7, 11, 13
	rest := max(w-2-date-wait-cpr-target-5, 12)
	name = rest * 45 / 100
	source = rest - name
	return
}

// verdictWords is a row's target-group column: the decision taken at
// referral, * when it went against the rule.
func (t *Triage) verdictWords(tc triageCase, ok bool) string {
	switch {
	case !ok:
		return ""
	case tc.err != nil:
		return "?"
	case tc.c.Screening == nil:
		return t.c.T("triage.notScreened")
	}
	s := t.c.yesNo(tc.c.Screening.InTargetGroup)
	if tc.c.Screening.InTargetGroup != tc.c.Screening.Recommended {
		s += "*"
	}
	return s
}

func (t *Triage) View() string {
	st := t.c.Styles
	var lines []string
	count := ""
	if t.loaded {
		count = st.Subtle.Render(t.c.T("triage.count", len(t.rows)))
	}
	lines = append(lines, spread(st.Label.Render(t.c.T("triage.heading")), count, t.w))
	date, wait, name, cpr, target, source := triageColumns(t.w)
	header := "  " + strings.Join([]string{cell(t.c.T("triage.col.date"), date), cell(t.c.T("triage.col.wait"), wait),
		cell(t.c.T("triage.col.name"), name), cell(t.c.T("triage.col.cpr"), cpr),
		cell(t.c.T("triage.col.target"), target), cell(t.c.T("triage.col.source"), source)}, " ")
	lines = append(lines, st.Header.Render(header))
	if t.loadErr != nil {
		return strings.Join(append(lines, st.Error.Render(t.c.T("app.error", t.loadErr.Error()))), "\n")
	}
	if !t.loaded {
		return strings.Join(append(lines, st.Subtle.Render(t.c.T("app.loading"))), "\n")
	}
	if len(t.rows) == 0 {
		return strings.Join(append(lines, st.Subtle.Render(t.c.T("triage.empty"))), "\n")
	}
	today := t.c.Today()
	cal := t.c.Store.Calendar()
	for i := t.offset; i < t.offset+t.listRows() && i < len(t.rows); i++ {
		e := t.rows[i]
		tc, ok := t.cases[e.CaseID]
		refDate, waited := "", ""
		if e.Due != model.NoDate { // in the triage index, Due is the referral date
			refDate = e.Due.String()
			waited = t.c.T("triage.waited", cal.WorkdaysBetween(e.Due, today))
		}
		src := ""
		if ok && tc.err == nil {
			if ev, found := tc.c.First(model.ReferralReceived); found {
				src = t.c.sourceWords(ev)
			}
		}
		row := strings.Join([]string{cell(refDate, date), cell(waited, wait), cell(e.Name, name),
			cell(t.c.maskedCPR(e.CPR), cpr), cell(t.verdictWords(tc, ok), target), cell(src, source)}, " ")
		if i == t.cursor {
			lines = append(lines, st.Selected.Render("> "+row))
		} else {
			lines = append(lines, "  "+row)
		}
	}
	if t.withDetail() {
		for len(lines) < t.h-detailLines {
			lines = append(lines, "")
		}
		lines = append(lines, t.detail()...)
	}
	return strings.Join(lines, "\n")
}

// detail is the pane about the selected referral: who referred, and the
// screening with its reason and any justification.
func (t *Triage) detail() []string {
	st := t.c.Styles
	e, _ := t.selected()
	w := max(t.w-2, 20)
	rule := "── " + e.CaseID + " · " + e.Name + " "
	out := []string{st.Subtle.Render(rule + strings.Repeat("─", max(t.w-ansi.StringWidth(rule), 0)))}
	tc, ok := t.cases[e.CaseID]
	if !ok {
		return out
	}
	if tc.err != nil {
		return append(out, st.Error.Render(t.c.T("app.error", tc.err.Error())))
	}
	cs := tc.c
	if ref, found := cs.First(model.ReferralReceived); found {
		out = append(out, t.c.T("triage.detail.referred", ref.Date, t.c.sourceWords(ref), orDash(ref.ReceivedBy)))
	}
	r := cs.EvaluateScreening()
	if cs.Screening == nil {
		age := t.c.T("screen.ageUnknown")
		if r.Age >= 0 {
			age = t.c.T("screen.age", r.Age)
		}
		out = append(out, st.Bold.Render(t.c.T("triage.detail.none"))+" "+age)
		return out
	}
	s := cs.Screening
	// What the rule said when the referral was screened, and the decision.
	r.Recommended = s.Recommended
	if s.Reason != "" {
		r.Reason = model.ReasonCode(s.Reason)
	}
	verdict, reason := t.c.screeningWords(r)
	out = append(out, st.Bold.Render(verdict))
	out = append(out, strings.Split(ansi.Wrap(reason, w, ""), "\n")...)
	if s.InTargetGroup != s.Recommended {
		out = append(out, strings.Split(ansi.Wrap(t.c.T("triage.detail.override", t.c.yesNo(s.InTargetGroup), s.Justification), w, ""), "\n")...)
	}
	if len(out) > detailLines {
		out = out[:detailLines]
		out[detailLines-1] = truncate(out[detailLines-1]+" …", w)
	}
	return out
}
