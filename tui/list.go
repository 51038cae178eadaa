package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// step is how far msg moves in a list of n rows shown page at a time;
// ok is false when msg is not a navigation key.
func (k NavKeys) step(msg tea.KeyMsg, page, n int) (d int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PgUp):
		return -page, true
	case key.Matches(msg, k.PgDown):
		return page, true
	case key.Matches(msg, k.Home):
		return -n, true
	case key.Matches(msg, k.End):
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
