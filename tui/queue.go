package tui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tovholder/db"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"queue.title":      {Da: "Kø", En: "Queue"},
	"queue.view":       {Da: "Visning", En: "View"},
	"queue.all":        {Da: "alle åbne sager", En: "all open cases"},
	"queue.mine":       {Da: "mine sager", En: "my cases"},
	"queue.overdue":    {Da: "overskredne", En: "overdue"},
	"queue.everything": {Da: "alle sager, også lukkede og afviste", En: "all cases, closed and rejected too"},
	"queue.worker":     {Da: "sagsbehandler %s", En: "caseworker %s"},
	"queue.search":     {Da: "Søg", En: "Search"},
	"queue.searchHint": {Da: "navn, CPR eller sags-id", En: "name, CPR or case id"},
	"queue.count":      {Da: "%d–%d af %d", En: "%d–%d of %d"},
	"queue.empty":      {Da: "Ingen sager i denne visning.", En: "No cases in this view."},
	"queue.elsewhere": {Da: "Søgningen finder også %d lukkede eller afviste sager: tab til »alle sager, også lukkede og afviste«.",
		En: "The search also finds %d closed or rejected cases: tab to \"all cases, closed and rejected too\"."},
	"queue.elsewhere1": {Da: "Søgningen finder også en lukket eller afvist sag: tab til »alle sager, også lukkede og afviste«.",
		En: "The search also finds a closed or rejected case: tab to \"all cases, closed and rejected too\"."},
	"queue.col.due":    {Da: "Frist", En: "Due"},
	"queue.col.left":   {Da: "Tilbage", En: "Left"},
	"queue.col.what":   {Da: "Hvad", En: "What"},
	"queue.col.name":   {Da: "Borger", En: "Citizen"},
	"queue.col.cpr":    {Da: "CPR", En: "CPR"},
	"queue.col.worker": {Da: "Sagsbeh.", En: "Worker"},
	"queue.col.phase":  {Da: "Fase", En: "Phase"},
	"queue.key.search": {Da: "søg", En: "search"},
	"queue.key.view":   {Da: "skift visning", En: "change view"},
	"queue.key.triage": {Da: "visitering", En: "triage"},
	"queue.key.new":    {Da: "ny henvendelse", En: "new referral"},
	"queue.key.reload": {Da: "genindlæs", En: "reload"},
	"queue.key.clear":  {Da: "ryd søgning", En: "clear search"},
	"queue.key.done":   {Da: "færdig", En: "done"},
	"queue.key.log":    {Da: "adgangslog", En: "access log"},
})

// queueView is one of the queue's views.
type queueView struct {
	kind   string // all, mine, overdue, everything, worker
	worker string
}

// Queue is the home screen: every open case sorted by its next deadline,
// and a view of every case, closed and rejected ones too.
type Queue struct {
	c         *Common
	open      queueRows // the queue index: open cases in queue order
	every     queueRows // the all-cases index, read when first needed
	everyRd   bool      // every has been read
	wantEvery bool      // the view or a search needs every: read it with the queue
	loaded    bool      // the first read has come
	reading   bool      // a read is under way
	keysWait  bool      // … that the next keys wait for
	again     bool      // a change came during the read: read again after it
	againKeys bool
	views     []queueView
	view      int
	search    searchBox
	shown     []int32 // indexes into rows() that the view and search let through
	elsewhere int     // search hits among closed and rejected cases, outside this view
	listCursor
	w, h int
}

// queueRows are index entries with their search text: a snapshot of an
// index, which the store shares between every desk of the process and
// nobody changes (db.Snapshot). The text was cleaned as it was read:
// whatever a database holds never reaches the terminal raw.
type queueRows struct {
	entries []db.Entry
	lower   []string // name, birth date digits of the CPR number and id, in lower case
	err     error
}

func rowsOf(sn *db.Snapshot, err error) queueRows {
	if err != nil {
		return queueRows{err: err}
	}
	return queueRows{entries: sn.Entries, lower: sn.Search}
}

// NewQueue makes the queue; it reads the store once started (Init).
func NewQueue(c *Common) *Queue {
	q := &Queue{c: c, search: newSearchBox(c, c.T("queue.searchHint"))}
	q.setViews(nil)
	return q
}

// queueRead is what a read of the store brought.
type queueRead struct {
	q           *Queue
	open, every queueRows
	withEvery   bool
	names       []string
	err         error
}

func (m queueRead) target() Screen { return m.q }

// read reads the queue (and all cases, once needed) off the update loop:
// the store's snapshots, which after a change it makes anew by reading
// only the cases that changed. A read asked for during another waits for
// it, so that what is shown is never older than what was. keys: the next
// keys wait for it (the first read, the desk's own change, a view that
// needs all cases); a change heard from another desk does not hold them.
func (q *Queue) read(keys bool) tea.Cmd {
	if q.reading {
		q.again, q.againKeys = true, q.againKeys || keys
		return nil
	}
	q.reading, q.keysWait = true, keys
	st, every := q.c.Store, q.wantEvery
	return func() tea.Msg {
		m := queueRead{q: q, withEvery: every}
		m.open = rowsOf(st.QueueSnapshot())
		if every {
			m.every = rowsOf(st.AllSnapshot())
		}
		m.names, m.err = st.Caseworkers()
		return m
	}
}

// loaded takes in a read: the cursor stays on its case, at the same line
// of the screen; a case that left the view leaves the cursor where it was.
func (q *Queue) readDone(m queueRead) tea.Cmd {
	q.reading = false
	q.keepCursor(func() {
		q.open = m.open
		if m.err != nil && q.open.err == nil {
			q.open.err = m.err
		}
		if m.withEvery {
			q.every, q.everyRd = m.every, true
		}
		q.setViews(m.names)
	})
	q.loaded = true
	switch {
	case q.again:
		k := q.againKeys
		q.again, q.againKeys = false, false
		return q.read(k)
	case q.wantEvery && !q.everyRd:
		return q.read(true)
	}
	return nil
}

// Busy: the keys wait for the first read and for reads they asked for.
func (q *Queue) Busy() bool { return !q.loaded || (q.reading && q.keysWait) }

// needEvery notes that all cases are needed (their view, or a search
// that counts the closed cases it finds), and reads them if not read.
func (q *Queue) needEvery() tea.Cmd {
	q.wantEvery = true
	if q.everyRd {
		return nil
	}
	return q.read(true)
}

// setViews makes the list of views, one for each caseworker, and filters.
func (q *Queue) setViews(names []string) {
	// Keep the view the user chose, by what it is, not by its place in
	// a list that changes when caseworkers come and go.
	var current queueView
	if q.view < len(q.views) {
		current = q.views[q.view]
	}
	q.views = []queueView{{kind: "all"}, {kind: "mine"}, {kind: "overdue"}, {kind: "everything"}}
	for _, w := range names {
		q.views = append(q.views, queueView{kind: "worker", worker: model.CleanLine(w)})
	}
	q.view = max(slices.Index(q.views, current), 0)
	q.filter()
}

// rows are the entries of the current view's index (none yet while all
// cases are being read).
func (q *Queue) rows() *queueRows {
	if q.views[q.view].kind == "everything" {
		return &q.every
	}
	return &q.open
}

// filter recomputes which entries the view and the search let through.
func (q *Queue) filter() {
	v := q.views[q.view]
	rows := q.rows()
	today := q.c.Today()
	match := q.matcher()
	q.shown = q.shown[:0]
	for i, e := range rows.entries {
		switch v.kind {
		case "mine":
			if e.Caseworker != q.c.User {
				continue
			}
		case "overdue":
			if !e.Overdue(today) {
				continue
			}
		case "worker":
			if e.Caseworker != v.worker {
				continue
			}
		}
		if match(i, rows) {
			q.shown = append(q.shown, int32(i))
		}
	}
	// A citizen referred again may have only closed cases: say so, from
	// any view, rather than show nothing.
	q.elsewhere = 0
	if q.search.Value() != "" && v.kind != "everything" {
		listed := make(map[string]bool, len(q.shown)) // a closed case owing its follow-up is in the queue
		for _, i := range q.shown {
			listed[rows.entries[i].CaseID] = true
		}
		for i, e := range q.every.entries {
			if (e.Phase == model.PhaseClosed || e.Phase == model.PhaseRejected) && !listed[e.CaseID] && match(i, &q.every) {
				q.elsewhere++
			}
		}
	}
	q.scroll()
}

// matcher is the search: a whole CPR number matches exactly, anything else
// as part of a name, the birth-date digits of a CPR number or an id.
func (q *Queue) matcher() func(i int, rows *queueRows) bool {
	needle := strings.ToLower(q.search.Value())
	if needle == "" {
		return func(int, *queueRows) bool { return true }
	}
	if cpr, err := model.ParseCPR(needle); err == nil {
		return func(i int, rows *queueRows) bool { return rows.entries[i].CPR == cpr }
	}
	digits := strings.ReplaceAll(needle, "-", "")
	return func(i int, rows *queueRows) bool {
		return strings.Contains(rows.lower[i], needle) || strings.Contains(rows.lower[i], digits)
	}
}

func (q *Queue) Init() tea.Cmd { return q.read(true) }

func (q *Queue) Title() string { return q.c.T("queue.title") }

func (q *Queue) Capturing() bool { return q.search.typing }

func (q *Queue) Dirty() bool { return false }

func (q *Queue) SetSize(w, h int) {
	q.w, q.h = w, h
	q.search.input.Width = max(min(30, w-50), 10) // leave room for the row count
	q.scroll()
}

func (q *Queue) Keys() []key.Binding {
	k := q.c.Keys.Queue
	if q.search.typing {
		return append(q.search.keys(), k.SearchUp, k.SearchDown)
	}
	nav := q.c.Keys.Nav
	keys := []key.Binding{k.Open, nav.Up, nav.Down, k.Search, k.NextView, k.Triage}
	if q.c.Role.MayRecord(model.ReferralReceived) == nil {
		keys = append(keys, k.NewReferral)
	}
	keys = append(keys, nav.PgUp, nav.PgDown, nav.Home, nav.End, k.PrevView, k.Reload, k.ClearSearch)
	if q.c.Role.MayReadAccessLog() {
		keys = append(keys, k.AccessLog)
	}
	return keys
}

// Selected is the case id under the cursor, or "".
func (q *Queue) Selected() string {
	if len(q.shown) == 0 {
		return ""
	}
	return q.rows().entries[q.shown[q.cursor]].CaseID
}

// page is how many queue rows fit: the body less the view line, the
// header and, when there is one, the line about other hits.
func (q *Queue) page() int {
	if q.elsewhere > 0 {
		return max(q.h-4, 1)
	}
	return max(q.h-3, 1)
}

func (q *Queue) scroll()    { q.listCursor.scroll(len(q.shown), q.page()) }
func (q *Queue) move(d int) { q.listCursor.move(d, len(q.shown), q.page()) }

func (q *Queue) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case queueRead:
		return q, q.readDone(msg)
	case changedMsg:
		// The store's snapshot is made anew from the changed cases alone.
		return q, q.read(!msg.live)
	case tea.KeyMsg:
		if q.search.typing {
			return q.updateSearch(msg)
		}
		k := q.c.Keys.Queue
		if d, ok := q.c.Keys.Nav.step(msg, q.page(), len(q.shown)); ok {
			q.move(d)
			return q, nil
		}
		switch {
		case key.Matches(msg, k.Open):
			if id := q.Selected(); id != "" {
				return q, push(openCase(q.c, id))
			}
		case key.Matches(msg, k.Search):
			return q, q.search.open()
		case key.Matches(msg, k.NextView):
			return q, q.setView(q.view + 1)
		case key.Matches(msg, k.PrevView):
			return q, q.setView(q.view - 1)
		case key.Matches(msg, k.Triage):
			return q, push(NewTriage(q.c))
		case key.Matches(msg, k.NewReferral):
			if p := q.c.Role.MayRecord(model.ReferralReceived); p != nil {
				return q, status(q.c.problemWords(*p))
			}
			return q, push(NewIntake(q.c))
		case key.Matches(msg, k.Reload):
			return q, q.read(true)
		case key.Matches(msg, k.AccessLog):
			if !q.c.Role.MayReadAccessLog() {
				return q, status(q.c.T("log.notAllowed"))
			}
			return q, push(newAccessLog(q.c))
		case key.Matches(msg, k.ClearSearch):
			if q.search.clear() {
				q.filter()
			}
		}
	}
	return q, nil
}

func (q *Queue) setView(i int) tea.Cmd {
	q.view = (i + len(q.views)) % len(q.views)
	q.cursor, q.offset = 0, 0
	q.filter()
	if q.views[q.view].kind == "everything" {
		return q.needEvery()
	}
	return nil
}

func (q *Queue) updateSearch(msg tea.KeyMsg) (Screen, tea.Cmd) {
	k := q.c.Keys.Queue
	switch {
	case key.Matches(msg, k.SearchUp):
		q.move(-1)
		return q, nil
	case key.Matches(msg, k.SearchDown):
		q.move(1)
		return q, nil
	}
	changed, cmd := q.search.update(msg)
	if changed {
		q.cursor, q.offset = 0, 0
		q.filter()
		if q.search.Value() != "" {
			cmd = tea.Batch(cmd, q.needEvery()) // to count the closed cases found
		}
	}
	return q, cmd
}

// keepCursor runs fn, which changes the rows, and puts the cursor back on
// its case, at the same line of the screen; a case that left the view
// leaves the cursor where it was.
func (q *Queue) keepCursor(fn func()) {
	keep, line := q.Selected(), q.cursor-q.offset
	fn()
	for i, idx := range q.shown {
		if q.rows().entries[idx].CaseID == keep {
			q.cursor = i
			break
		}
	}
	q.offset = q.cursor - line
	q.scroll()
}

// queueCols are the column widths for a body w wide; 0 leaves a column
// out. A narrow window gives up the phase, then the caseworker, then the
// CPR number, before the citizen's name gets too short to read; the due
// date keeps its year.
type queueCols struct{ due, left, what, name, cpr, worker, phase int }

func queueColumns(w int) queueCols {
	c := queueCols{due: 10, left: 11, cpr: 11, worker: 8, phase: 10}
	if w < 100 {
		c.phase = 0
	}
	if w < 80 {
		c.worker = 0
	}
	if w < 66 {
		c.cpr = 0
	}
	used := 3 + c.due + 1 + c.left + 1 + 1 // marks, due, left, and the space after what
	for _, n := range []int{c.cpr, c.worker, c.phase} {
		if n > 0 {
			used += n + 1
		}
	}
	rest := max(w-used, 20)
	c.name = max(rest*45/100, min(16, rest-8))
	c.what = rest - c.name
	return c
}

// cells lays out one row of the queue's columns.
func (c queueCols) cells(due, left, what, name, cpr, worker, phase string) string {
	parts := []string{cell(due, c.due), cell(left, c.left), cell(what, c.what), cell(name, c.name)}
	for _, p := range []struct {
		s string
		w int
	}{{cpr, c.cpr}, {worker, c.worker}, {phase, c.phase}} {
		if p.w > 0 {
			parts = append(parts, cell(p.s, p.w))
		}
	}
	return strings.Join(parts, " ")
}

func (q *Queue) View() string {
	st := q.c.Styles
	var b strings.Builder
	v := q.views[q.view]
	viewName := q.c.T("queue." + v.kind)
	if v.kind == "worker" {
		viewName = q.c.T("queue.worker", v.worker)
	}
	first, last := 0, 0
	if len(q.shown) > 0 {
		first, last = q.offset+1, min(q.offset+q.page(), len(q.shown))
	}
	left := st.Label.Render(q.c.T("queue.view")+": ") + viewName
	if s := q.search.view(q.c.T("queue.search"), maskCPR); s != "" {
		left += "   " + s
	}
	b.WriteString(spread(left, st.Subtle.Render(q.c.T("queue.count", first, last, len(q.shown))), q.w) + "\n")

	cols := queueColumns(q.w)
	c := q.c
	header := "   " + cols.cells(c.T("queue.col.due"), c.T("queue.col.left"), c.T("queue.col.what"), c.T("queue.col.name"),
		c.T("queue.col.cpr"), c.T("queue.col.worker"), c.T("queue.col.phase"))
	b.WriteString(st.Header.Render(header) + "\n")
	rows := q.rows()
	switch {
	case rows.err != nil:
		b.WriteString(st.Error.Render(c.T("app.error", rows.err.Error())))
		return b.String()
	case q.elsewhere == 1:
		b.WriteString(st.Subtle.Render(c.T("queue.elsewhere1")) + "\n")
	case q.elsewhere > 1:
		b.WriteString(st.Subtle.Render(c.T("queue.elsewhere", q.elsewhere)) + "\n")
	}
	if len(q.shown) == 0 {
		if !q.loaded || (v.kind == "everything" && !q.everyRd) {
			b.WriteString(st.Subtle.Render(c.T("app.loading")))
		} else {
			b.WriteString(st.Subtle.Render(c.T("queue.empty")))
		}
		return b.String()
	}
	for i := q.offset; i < q.offset+q.page() && i < len(q.shown); i++ {
		e := rows.entries[q.shown[i]]
		// The marks say in text what the colours say: ! overdue, • due
		// soon, > the cursor. Without colour (or reverse) they are all there is.
		mark, style := " ", st.Bold.UnsetBold()
		switch c.urgency(e.Due) {
		case 2:
			mark, style = "!", st.Overdue
		case 1:
			mark, style = "•", st.Soon
		}
		if i == q.cursor {
			mark += "> "
		} else {
			mark += "  "
		}
		what := c.ruleWords(e.Rule, e.Label)
		if e.Rule == "" && (e.Phase == model.PhaseClosed || e.Phase == model.PhaseRejected) {
			what = caseCapitalize(c.T("phase." + string(e.Phase)))
		}
		row := mark + cols.cells(e.Due.String(), c.daysWords(e.Due), what, e.Name, c.maskedCPR(e.CPR),
			e.Caseworker, c.T("phase."+string(e.Phase)))
		if i == q.cursor {
			style = style.Inherit(st.Selected).Reverse(true)
		}
		b.WriteString(style.Render(row))
		if i+1 < q.offset+q.page() && i+1 < len(q.shown) {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// maskCPR masks a whole CPR number typed as a search: it stays on screen,
// so it is shown as the list shows it.
func maskCPR(s string) string {
	if cpr, err := model.ParseCPR(strings.TrimSpace(s)); err == nil {
		return cpr.Masked()
	}
	return s
}
