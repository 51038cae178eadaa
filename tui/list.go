package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// navKeys move through a list or scroll a page: the same keys on every screen.
type navKeys struct{ up, down, pgUp, pgDown, home, end key.Binding }

func newNavKeys(c *Common) navKeys {
	return navKeys{
		up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", c.T("key.up"))),
		down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", c.T("key.down"))),
		pgUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", c.T("key.pgup"))),
		pgDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", c.T("key.pgdown"))),
		home:   key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", c.T("key.home"))),
		end:    key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", c.T("key.end"))),
	}
}

// step is how far msg moves in a list of n rows shown page at a time;
// ok is false when msg is not a navigation key.
func (k navKeys) step(msg tea.KeyMsg, page, n int) (d int, ok bool) {
	switch {
	case key.Matches(msg, k.up):
		return -1, true
	case key.Matches(msg, k.down):
		return 1, true
	case key.Matches(msg, k.pgUp):
		return -page, true
	case key.Matches(msg, k.pgDown):
		return page, true
	case key.Matches(msg, k.home):
		return -n, true
	case key.Matches(msg, k.end):
		return n, true
	}
	return 0, false
}

// listCursor is the selected row of a list shown page rows at a time, and
// the first row shown, kept so that the selected row is in view.
type listCursor struct{ cursor, offset int }

func (l *listCursor) move(d, n, page int) {
	l.cursor = max(0, min(l.cursor+d, n-1))
	l.scroll(n, page)
}

func (l *listCursor) scroll(n, page int) {
	l.cursor = max(0, min(l.cursor, n-1))
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+page {
		l.offset = l.cursor - page + 1
	}
	l.offset = max(0, min(l.offset, n-page))
}
