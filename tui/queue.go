package tui

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"tovholder/db"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"queue.title":      {Da: "Kø", En: "Queue"},
	"queue.view":       {Da: "Visning", En: "View"},
	"queue.all":        {Da: "alle sager", En: "all cases"},
	"queue.mine":       {Da: "mine sager", En: "my cases"},
	"queue.overdue":    {Da: "overskredne", En: "overdue"},
	"queue.worker":     {Da: "sagsbehandler %s", En: "caseworker %s"},
	"queue.search":     {Da: "Søg", En: "Search"},
	"queue.searchHint": {Da: "navn, CPR eller sags-id", En: "name, CPR or case id"},
	"queue.count":      {Da: "%d–%d af %d", En: "%d–%d of %d"},
	"queue.empty":      {Da: "Ingen sager i denne visning.", En: "No cases in this view."},
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
})

// queueView is one of the queue's views.
type queueView struct {
	kind   string // all, mine, overdue, worker
	worker string
}

// Queue is the home screen: every open case sorted by its next deadline.
type Queue struct {
	c      *Common
	all    []db.Entry // the whole queue, in queue order
	lower  []string   // per entry: name, CPR and id in lower case, for search
	shown  []int32    // indexes into all that the view and search let through
	views  []queueView
	view   int
	search textinput.Model
	typing bool
	listCursor
	w, h    int
	keys    queueKeys
	loadErr error
}

type queueKeys struct {
	nav                                                               navKeys
	open, search, view, viewBack, triage, newRef, reload, clear, done key.Binding
}

// NewQueue loads the queue from the store.
func NewQueue(c *Common) *Queue {
	q := &Queue{c: c}
	q.keys = queueKeys{
		nav:      newNavKeys(c),
		open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.T("key.open"))),
		search:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", c.T("queue.key.search"))),
		view:     key.NewBinding(key.WithKeys("tab", "v"), key.WithHelp("tab", c.T("queue.key.view"))),
		viewBack: key.NewBinding(key.WithKeys("shift+tab", "V"), key.WithHelp("shift+tab", c.T("queue.key.view"))),
		triage:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", c.T("queue.key.triage"))),
		newRef:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", c.T("queue.key.new"))),
		reload:   key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", c.T("queue.key.reload"))), // r is reject and reassign elsewhere
		clear:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", c.T("queue.key.clear"))),
		done:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.T("queue.key.done"))),
	}
	q.search = textinput.New()
	q.search.Prompt = ""
	q.search.Placeholder = c.T("queue.searchHint")
	q.search.CharLimit = 40
	q.search.Cursor.SetMode(cursor.CursorStatic) // a blinking cursor redraws twice a second over SSH
	q.load()
	return q
}

// load reads the whole queue index; only the index, never the cases.
func (q *Queue) load() {
	n := q.c.Store.QueueLen() + 16 // room for a few cases added meanwhile
	q.all, q.lower = make([]db.Entry, 0, n), make([]string, 0, n)
	q.shown = make([]int32, 0, n)
	q.loadErr = q.c.Store.Queue(func(e db.Entry) bool {
		q.all = append(q.all, e)
		// The search text holds only the birth date of the CPR number, which
		// the list shows anyway: searching digit by digit must not reveal
		// the last four. A whole CPR number is matched exactly (filter).
		q.lower = append(q.lower, strings.ToLower(e.Name+"\x00"+string(e.CPR[:min(len(e.CPR), 6)])+"\x00"+e.CaseID))
		return true
	})
	workers := map[string]bool{}
	for _, e := range q.all {
		if e.Caseworker != "" {
			workers[e.Caseworker] = true
		}
	}
	names := make([]string, 0, len(workers))
	for w := range workers {
		names = append(names, w)
	}
	sort.Strings(names)
	// Keep the view the user chose, by what it is, not by its place in
	// a list that changes when caseworkers come and go.
	var current queueView
	if q.view < len(q.views) {
		current = q.views[q.view]
	}
	q.views = []queueView{{kind: "all"}, {kind: "mine"}, {kind: "overdue"}}
	for _, w := range names {
		q.views = append(q.views, queueView{kind: "worker", worker: w})
	}
	q.view = max(slices.Index(q.views, current), 0)
	q.filter()
}

// filter recomputes which entries the view and the search let through.
func (q *Queue) filter() {
	v := q.views[q.view]
	today := q.c.Today()
	needle := strings.ToLower(strings.TrimSpace(q.search.Value()))
	fullCPR, _ := model.ParseCPR(needle) // a whole number typed: match it exactly
	digits := strings.ReplaceAll(needle, "-", "")
	q.shown = q.shown[:0]
	for i, e := range q.all {
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
		switch {
		case needle == "":
		case fullCPR != "":
			if e.CPR != fullCPR {
				continue
			}
		case !strings.Contains(q.lower[i], needle) && !strings.Contains(q.lower[i], digits):
			continue
		}
		q.shown = append(q.shown, int32(i))
	}
	q.scroll()
}

func (q *Queue) Init() tea.Cmd { return nil }

func (q *Queue) Title() string { return q.c.T("queue.title") }

func (q *Queue) Capturing() bool { return q.typing }

func (q *Queue) Dirty() bool { return false }

func (q *Queue) SetSize(w, h int) {
	q.w, q.h = w, h
	q.search.Width = max(min(30, w-50), 10) // leave room for the row count
	q.scroll()
}

func (q *Queue) Keys() []key.Binding {
	k := q.keys
	if q.typing {
		return []key.Binding{k.done, k.clear}
	}
	return []key.Binding{k.open, k.nav.up, k.nav.down, k.search, k.view, k.triage, k.newRef, k.nav.pgUp, k.nav.pgDown, k.nav.home, k.nav.end, k.viewBack, k.reload, k.clear}
}

// Selected is the case id under the cursor, or "".
func (q *Queue) Selected() string {
	if len(q.shown) == 0 {
		return ""
	}
	return q.all[q.shown[q.cursor]].CaseID
}

// rows is how many queue rows fit: the body less the view line and the header.
func (q *Queue) rows() int { return max(q.h-3, 1) }

func (q *Queue) scroll()    { q.listCursor.scroll(len(q.shown), q.rows()) }
func (q *Queue) move(d int) { q.listCursor.move(d, len(q.shown), q.rows()) }

func (q *Queue) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case changedMsg:
		keep := q.Selected()
		q.load()
		q.reselect(keep)
		return q, nil
	case tea.KeyMsg:
		if q.typing {
			return q.updateSearch(msg)
		}
		k := q.keys
		if d, ok := k.nav.step(msg, q.rows(), len(q.shown)); ok {
			q.move(d)
			return q, nil
		}
		switch {
		case key.Matches(msg, k.open):
			if id := q.Selected(); id != "" {
				return q, push(NewCaseView(q.c, id))
			}
		case key.Matches(msg, k.search):
			q.typing = true
			return q, q.search.Focus()
		case key.Matches(msg, k.view):
			q.view = (q.view + 1) % len(q.views)
			q.cursor = 0
			q.filter()
		case key.Matches(msg, k.viewBack):
			q.view = (q.view + len(q.views) - 1) % len(q.views)
			q.cursor = 0
			q.filter()
		case key.Matches(msg, k.triage):
			return q, push(NewTriage(q.c))
		case key.Matches(msg, k.newRef):
			if q.c.Role == Leader {
				return q, status(q.c.T("app.readOnly"))
			}
			return q, push(NewIntake(q.c))
		case key.Matches(msg, k.reload):
			keep := q.Selected()
			q.load()
			q.reselect(keep)
		case key.Matches(msg, k.clear):
			if q.search.Value() != "" {
				q.search.SetValue("")
				q.filter()
			}
		}
	}
	return q, nil
}

func (q *Queue) updateSearch(msg tea.KeyMsg) (Screen, tea.Cmd) {
	switch msg.String() {
	case "enter":
		q.typing = false
		q.search.Blur()
		return q, nil
	case "esc":
		q.typing = false
		q.search.Blur()
		q.search.SetValue("")
		q.filter()
		return q, nil
	case "up", "down":
		q.move(map[string]int{"up": -1, "down": 1}[msg.String()])
		return q, nil
	}
	before := q.search.Value()
	var cmd tea.Cmd
	q.search, cmd = q.search.Update(msg)
	if q.search.Value() != before {
		q.cursor = 0
		q.filter()
	}
	return q, cmd
}

func (q *Queue) reselect(id string) {
	for i, idx := range q.shown {
		if q.all[idx].CaseID == id {
			q.cursor = i
			break
		}
	}
	q.scroll()
}

// narrowQueue is the width under which due dates are written short (24/11).
const narrowQueue = 100

// column widths for a body w columns wide; what and name share the rest.
func queueColumns(w int) (due, left, what, name, cpr, worker, phase int) {
	due, left, cpr, worker, phase = 10, 11, 11, 8, 10
	if w < narrowQueue {
		due = 5
	}
	rest := max(w-2-due-left-cpr-worker-phase-6, 10)
	what = rest * 55 / 100
	name = rest - what
	return
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
		first, last = q.offset+1, min(q.offset+q.rows(), len(q.shown))
	}
	left := st.Label.Render(q.c.T("queue.view")+": ") + viewName
	if q.typing || q.search.Value() != "" {
		left += "   " + st.Label.Render(q.c.T("queue.search")+": ")
		if q.typing {
			left += q.search.View()
		} else if cpr, err := model.ParseCPR(strings.TrimSpace(q.search.Value())); err == nil {
			left += cpr.Masked() // the number stays on screen: mask it like the list
		} else {
			left += q.search.Value()
		}
	}
	b.WriteString(spread(left, st.Subtle.Render(q.c.T("queue.count", first, last, len(q.shown))), q.w) + "\n")

	due, dleft, what, name, cpr, worker, phase := queueColumns(q.w)
	header := "  " + strings.Join([]string{cell(q.c.T("queue.col.due"), due), cell(q.c.T("queue.col.left"), dleft),
		cell(q.c.T("queue.col.what"), what), cell(q.c.T("queue.col.name"), name), cell(q.c.T("queue.col.cpr"), cpr),
		cell(q.c.T("queue.col.worker"), worker), cell(q.c.T("queue.col.phase"), phase)}, " ")
	b.WriteString(st.Header.Render(header) + "\n")
	if q.loadErr != nil {
		b.WriteString(st.Error.Render(q.c.T("app.error", q.loadErr.Error())))
		return b.String()
	}
	if len(q.shown) == 0 {
		b.WriteString(st.Subtle.Render(q.c.T("queue.empty")))
		return b.String()
	}
	for i := q.offset; i < q.offset+q.rows() && i < len(q.shown); i++ {
		e := q.all[q.shown[i]]
		mark, style := "  ", st.Bold.UnsetBold()
		switch q.c.urgency(e.Due) {
		case 2:
			mark, style = "! ", st.Overdue
		case 1:
			mark, style = "• ", st.Soon
		}
		dueText := ""
		if e.Due != model.NoDate {
			dueText = e.Due.String()
			if q.w < narrowQueue {
				_, m, d := e.Due.YMD()
				dueText = fmt.Sprintf("%02d/%02d", d, m)
			}
		}
		row := mark + strings.Join([]string{cell(dueText, due), cell(q.c.daysWords(e.Due), dleft),
			cell(q.c.ruleWords(e.Rule, e.Label), what), cell(e.Name, name), cell(q.c.maskedCPR(e.CPR), cpr),
			cell(e.Caseworker, worker), cell(q.c.T("phase."+string(e.Phase)), phase)}, " ")
		if i == q.cursor {
			style = style.Inherit(st.Selected).Reverse(true)
		}
		b.WriteString(style.Render(row))
		if i+1 < q.offset+q.rows() && i+1 < len(q.shown) {
			b.WriteString("\n")
		}
	}
	return b.String()
}
