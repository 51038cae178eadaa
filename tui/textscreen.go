package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// textScreen shows lines of text to read, scrolled with the list keys:
// an event in full, or why a deadline falls where it does.
type textScreen struct {
	c      *Common
	title  string
	lines  func(w int) []string // the text laid out for a width
	offset int
	w, h   int
	// print, when set, prints what is shown (the print key).
	print func() tea.Cmd
}

func newTextScreen(c *Common, title string, lines func(w int) []string) *textScreen {
	return &textScreen{c: c, title: title, lines: lines, w: c.Width, h: max(c.Height-3, 1)}
}

func (s *textScreen) Init() tea.Cmd    { return nil }
func (s *textScreen) Title() string    { return s.title }
func (s *textScreen) Capturing() bool  { return false }
func (s *textScreen) Dirty() bool      { return false }
func (s *textScreen) SetSize(w, h int) { s.w, s.h = w, h; s.scroll(0) }
func (s *textScreen) View() string     { return strings.Join(s.visible(), "\n") }
func (s *textScreen) scroll(d int)     { s.offset = max(0, min(s.offset+d, len(s.lines(s.w))-s.h)) }
func (s *textScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return s, nil
	}
	if key.Matches(km, s.c.Keys.Back) {
		return s, pop
	}
	if s.print != nil && key.Matches(km, s.c.Keys.Docs.Print) {
		return s, s.print()
	}
	if d, ok := s.c.Keys.Nav.step(km, max(s.h-1, 1), len(s.lines(s.w))); ok {
		s.scroll(d)
	}
	return s, nil
}

func (s *textScreen) Keys() []key.Binding {
	nav := s.c.Keys.Nav
	keys := []key.Binding{s.c.Keys.Back}
	if s.print != nil {
		keys = append(keys, s.c.Keys.Docs.Print)
	}
	return append(keys, nav.Up, nav.Down, nav.PgUp, nav.PgDown, nav.Home, nav.End)
}

func (s *textScreen) visible() []string {
	lines := s.lines(s.w)
	return lines[min(s.offset, len(lines)):min(s.offset+s.h, len(lines))]
}
