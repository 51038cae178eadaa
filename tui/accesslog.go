package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tovholder/db"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"log.title":      {Da: "Adgangslog", En: "Access log"},
	"log.heading":    {Da: "Hvem åbnede og ændrede hvad, nyeste først", En: "Who opened and changed what, newest first"},
	"log.count":      {Da: "%d–%d af %d", En: "%d–%d of %d"},
	"log.newest":     {Da: "De nyeste %d poster. Søg (/, enter) for at finde ældre i hele loggen.", En: "The newest %d entries. Search (/, enter) to find older ones in the whole log."},
	"log.newestHits": {Da: "De nyeste %d poster med »%s« i hele loggen.", En: "The newest %d entries with \"%s\" in the whole log."},
	"log.empty":      {Da: "Ingen poster.", En: "No entries."},
	"log.noHits":     {Da: "Ingen poster med »%s«.", En: "No entries with \"%s\"."},
	"log.search":     {Da: "Søg", En: "Search"},
	"log.searchHint": {Da: "sags-id eller bruger", En: "case id or user"},
	"log.col.at":     {Da: "Tidspunkt", En: "Time"},
	"log.col.user":   {Da: "Bruger", En: "User"},
	"log.col.action": {Da: "Handling", En: "Action"},
	"log.col.case":   {Da: "Sag", En: "Case"},
	"log.noCase":     {Da: "Posten handler ikke om en sag.", En: "The entry is not about a case."},
	"log.notAllowed": {Da: "Kun ledere og administratorer kan læse adgangsloggen.", En: "Only leaders and admins read the access log."},
	"log.key.open":   {Da: "åbn sagen", En: "open the case"},
	"log.key.search": {Da: "søg på sag eller bruger", En: "search by case or user"},
	"log.key.reload": {Da: "genindlæs", En: "reload"},
})

// logLimit is how many entries the access log reads: the newest. At
// 100,000 cases the log holds hundreds of thousands; a search finds older
// ones, reading the newest that match.
const logLimit = 2000

// AccessLog lists the audit log, newest first, for leaders and admins,
// who answer for how the team handles personal data: who opened which
// case, who changed what, exports and the like. Reading it is logged too.
type AccessLog struct {
	c       *Common
	entries []db.AuditEntry // newest first, at most logLimit
	more    bool            // the log holds more (older) entries that match than were read
	readFor string          // the search the store was read with, "" for all
	shown   []int           // indexes into entries that the search lets through
	search  searchBox
	listCursor
	w, h    int
	err     error
	loaded  bool
	reading bool
	logged  bool // the reading is in the audit log
}

func newAccessLog(c *Common) *AccessLog {
	return &AccessLog{c: c, w: c.Width, h: max(c.Height-3, 1), search: newSearchBox(c, c.T("log.searchHint"))}
}

// logRead is the log as read.
type logRead struct {
	l       *AccessLog
	entries []db.AuditEntry
	more    bool
	readFor string
	err     error
}

func (m logRead) target() Screen { return m.l }

// logMatch is the search: part of the case id or of the user's name.
func logMatch(needle string) func(e *db.AuditEntry) bool {
	needle = strings.ToLower(needle)
	return func(e *db.AuditEntry) bool {
		return needle == "" || strings.Contains(strings.ToLower(e.Case), needle) || strings.Contains(strings.ToLower(e.User), needle)
	}
}

// read reads the newest logLimit entries that match the search, off the
// update loop, and the first time logs that the user read the log. The
// store walks the log newest first and stops after logLimit, so the
// time and the memory are the same however long the log is.
func (l *AccessLog) read() tea.Cmd {
	if l.reading {
		return nil
	}
	l.reading = true
	st, user, log, needle := l.c.Store, l.c.User, !l.logged, l.search.Value()
	return func() tea.Msg {
		m := logRead{l: l, readFor: needle}
		if log {
			if m.err = st.LogAccess(user, "audit", "", ""); m.err != nil {
				return m // no reading that is not logged
			}
		}
		match := logMatch(needle)
		m.err = st.AuditNewest(func(e db.AuditEntry) bool {
			if !match(&e) {
				return true
			}
			if len(m.entries) == logLimit {
				m.more = true
				return false
			}
			e.User, e.Case = model.CleanLine(e.User), model.CleanLine(e.Case)
			m.entries = append(m.entries, e)
			return true
		})
		return m
	}
}

func (l *AccessLog) readDone(m logRead) {
	l.reading, l.loaded = false, true
	l.logged = l.logged || m.err == nil
	l.entries, l.more, l.readFor, l.err = m.entries, m.more, m.readFor, m.err
	l.cursor, l.offset = 0, 0
	l.filter()
}

// filter shows the entries read that the search lets through.
func (l *AccessLog) filter() {
	match := logMatch(l.search.Value())
	l.shown = l.shown[:0]
	for i := range l.entries {
		if match(&l.entries[i]) {
			l.shown = append(l.shown, i)
		}
	}
	l.scroll()
}

func (l *AccessLog) Init() tea.Cmd   { return l.read() }
func (l *AccessLog) Title() string   { return l.c.T("log.title") }
func (l *AccessLog) Capturing() bool { return l.search.typing }
func (l *AccessLog) Dirty() bool     { return false }

// Busy: keys wait for the log to be read.
func (l *AccessLog) Busy() bool { return l.reading }

func (l *AccessLog) SetSize(w, h int) {
	l.w, l.h = w, h
	l.search.input.Width = max(min(30, w-50), 10)
	l.scroll()
}

func (l *AccessLog) Keys() []key.Binding {
	if l.search.typing {
		return l.search.keys()
	}
	k, nav := l.c.Keys.Log, l.c.Keys.Nav
	return []key.Binding{k.Open, nav.Up, nav.Down, k.Search, l.c.Keys.Back, nav.PgUp, nav.PgDown, nav.Home, nav.End, k.Reload}
}

// page is how many rows fit: the body less the heading, the column
// header and, when older entries were left out, the line that says so.
func (l *AccessLog) page() int {
	if l.more {
		return max(l.h-3, 1)
	}
	return max(l.h-2, 1)
}

func (l *AccessLog) scroll()    { l.listCursor.scroll(len(l.shown), l.page()) }
func (l *AccessLog) move(d int) { l.listCursor.move(d, len(l.shown), l.page()) }

func (l *AccessLog) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case logRead:
		l.readDone(msg)
	case tea.KeyMsg:
		if l.search.typing {
			return l, l.updateSearch(msg)
		}
		if d, ok := l.c.Keys.Nav.step(msg, l.page(), len(l.shown)); ok {
			l.move(d)
			return l, nil
		}
		k := l.c.Keys.Log
		switch {
		case key.Matches(msg, l.c.Keys.Back):
			if l.search.clear() {
				return l, l.searched()
			}
			return l, pop
		case key.Matches(msg, k.Search):
			return l, l.search.open()
		case key.Matches(msg, k.Reload):
			return l, l.read()
		case key.Matches(msg, k.Open):
			if len(l.shown) == 0 {
				return l, nil
			}
			e := l.entries[l.shown[l.cursor]]
			if e.Case == "" {
				return l, status(l.c.T("log.noCase"))
			}
			return l, push(openCase(l.c, e.Case)) // logged as the leader's opening, as every opening is
		}
	}
	return l, nil
}

// updateSearch filters what was read as the user types; done or cleared,
// the store is read for the search when what was read may lack matches.
func (l *AccessLog) updateSearch(msg tea.KeyMsg) tea.Cmd {
	changed, cmd := l.search.update(msg)
	if changed {
		l.cursor, l.offset = 0, 0
		l.filter()
	}
	if !l.search.typing {
		return tea.Batch(cmd, l.searched())
	}
	return cmd
}

// searched reads the store again when the search differs from the one it
// was read with and the read left entries out: those may match.
func (l *AccessLog) searched() tea.Cmd {
	if v := l.search.Value(); v != l.readFor && (l.more || l.readFor != "") {
		return l.read()
	}
	l.filter()
	return nil
}

// logColumns: time, user and case at fixed widths, the action the rest.
func logColumns(w int) (at, user, action, id int) {
	at, user, id = 16, 12, 11
	if w < 90 {
		user = 10
	}
	return at, user, max(w-2-at-user-id-3, 12), id
}

func (l *AccessLog) View() string {
	st, c := l.c.Styles, l.c
	first, last := 0, 0
	if len(l.shown) > 0 {
		first, last = l.offset+1, min(l.offset+l.page(), len(l.shown))
	}
	left := st.Label.Render(c.T("log.heading"))
	if s := l.search.view(c.T("log.search"), nil); s != "" {
		left = s
	}
	lines := []string{spread(left, st.Subtle.Render(c.T("log.count", first, last, len(l.shown))), l.w)}
	at, user, action, id := logColumns(l.w)
	lines = append(lines, st.Header.Render("  "+strings.Join([]string{cell(c.T("log.col.at"), at), cell(c.T("log.col.user"), user),
		cell(c.T("log.col.action"), action), cell(c.T("log.col.case"), id)}, " ")))
	switch {
	case !l.loaded:
		return strings.Join(append(lines, st.Subtle.Render(c.T("app.loading"))), "\n")
	case l.err != nil:
		return strings.Join(append(lines, st.Error.Render(c.T("app.error", l.err.Error()))), "\n")
	case l.more && l.readFor != "":
		lines = append(lines, st.Subtle.Render(c.T("log.newestHits", len(l.entries), model.CleanLine(l.readFor))))
	case l.more:
		lines = append(lines, st.Subtle.Render(c.T("log.newest", len(l.entries))))
	}
	if len(l.shown) == 0 {
		if v := l.search.Value(); v != "" {
			return strings.Join(append(lines, st.Subtle.Render(c.T("log.noHits", model.CleanLine(v)))), "\n")
		}
		return strings.Join(append(lines, st.Subtle.Render(c.T("log.empty"))), "\n")
	}
	for i := l.offset; i < l.offset+l.page() && i < len(l.shown); i++ {
		e := l.entries[l.shown[i]]
		row := strings.Join([]string{cell(e.At.In(copenhagen).Format("2006-01-02 15:04"), at), cell(e.User, user),
			cell(c.actionWords(e), action), cell(e.Case, id)}, " ")
		if i == l.cursor {
			lines = append(lines, st.Selected.Render("> "+row))
		} else {
			lines = append(lines, "  "+row)
		}
	}
	return strings.Join(lines, "\n")
}
