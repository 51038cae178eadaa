package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// searchBox is the one-line search of the queue and the case view: its
// key opens it, typing filters, enter keeps the filter and esc clears it.
type searchBox struct {
	c      *Common
	input  textinput.Model
	typing bool
}

func newSearchBox(c *Common, placeholder string) searchBox {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.CharLimit = 40
	in.Cursor.SetMode(cursor.CursorStatic) // a blinking cursor redraws twice a second over SSH
	return searchBox{c: c, input: in}
}

// open starts typing.
func (s *searchBox) open() tea.Cmd {
	s.typing = true
	return s.input.Focus()
}

// Value is what is searched for, trimmed.
func (s *searchBox) Value() string { return strings.TrimSpace(s.input.Value()) }

// clear empties the box, and reports whether there was anything in it.
func (s *searchBox) clear() bool {
	had := s.input.Value() != ""
	s.input.SetValue("")
	return had
}

// keys are the keys while typing.
func (s *searchBox) keys() []key.Binding {
	return []key.Binding{s.c.Keys.Search.Done, s.c.Keys.Search.Clear}
}

// update handles a key while typing: enter stops typing and keeps the
// text, esc stops and clears it, anything else edits it. changed reports
// that the text changed.
func (s *searchBox) update(msg tea.KeyMsg) (changed bool, cmd tea.Cmd) {
	k := s.c.Keys.Search
	switch {
	case key.Matches(msg, k.Done):
		s.typing = false
		s.input.Blur()
		return false, nil
	case key.Matches(msg, k.Clear):
		s.typing = false
		s.input.Blur()
		return s.clear(), nil
	}
	before := s.input.Value()
	s.input, cmd = s.input.Update(msg)
	return s.input.Value() != before, cmd
}

// view is the box after its label, while typing or while it filters;
// shown, when given, says the text as it should appear once typed.
func (s *searchBox) view(label string, shown func(string) string) string {
	if !s.typing && s.input.Value() == "" {
		return ""
	}
	out := s.c.Styles.Label.Render(label+": ") + s.input.View()
	if !s.typing {
		v := s.input.Value()
		if shown != nil {
			v = shown(v)
		}
		out = s.c.Styles.Label.Render(label+": ") + v
	}
	return out
}
