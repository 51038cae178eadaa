// Package tui is the desk: Bubble Tea screens over the store. Nothing in
// it is global and mutable: every program gets its own Common, so many
// desks can run in one process (one per SSH session), sharing the store.
package tui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"tovholder/db"
	"tovholder/model"
)

// Lang is the language the desk speaks.
type Lang int

const (
	Danish Lang = iota
	English
)

// ParseLang reads "da" or "en".
func ParseLang(s string) (Lang, error) {
	switch s {
	case "", "da":
		return Danish, nil
	case "en":
		return English, nil
	}
	return Danish, fmt.Errorf("unknown language %q (da or en)", s)
}

// Code names the language as model.Text.In takes it: "da" or "en".
func (l Lang) Code() string {
	if l == English {
		return "en"
	}
	return "da"
}

// langCode is the desk's language as model.Text.In takes it.
func (c *Common) langCode() string { return c.Lang.Code() }

// Common is what every screen of one desk shares: the store, who is
// working, the language, the clock and the styles of its terminal.
type Common struct {
	Store  *db.Store
	User   string
	Role   model.Role
	Lang   Lang
	Keys   KeyMap
	Now    func() time.Time // the clock; fixed in tests
	Styles Styles
	Width  int
	Height int
	// Live, when set, brings the notices of changes other desks make: the
	// desk shows them as they come. The desk that made it closes it.
	Live *db.Subscription
	// Outbox takes the desk's printouts (nil: the desk cannot print).
	Outbox Outbox
	// IdleAfter locks the desk after that long without a key (0: never).
	IdleAfter time.Duration
	// tick is tea.Tick, or in tests a stand-in that does not wait: the
	// tests send the idle check by hand, with the clock (Now) moved on.
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

// after is a command that sends fn's message after d.
func (c *Common) after(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	if c.tick != nil {
		return c.tick(d, fn)
	}
	return tea.Tick(d, fn)
}

// NoticeMsg is a word from outside the desk, such as the server saying it
// is stopping: the desk shows it on the status line until a key is pressed.
type NoticeMsg struct{ Text string }

// Theme is the terminal's background, which the styles fit.
type Theme int

const (
	Dark Theme = iota
	Light
)

// SetTheme makes the styles fit a light or a dark background, for the
// terminal of renderer r (nil: standard output).
func (c *Common) SetTheme(t Theme, r *lipgloss.Renderer) {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	c.Styles = newStyles(r, t)
}

// NewCommon builds a desk's shared context. The renderer is the
// terminal's (each SSH session has its own); nil means standard output.
func NewCommon(store *db.Store, user string, role model.Role, lang Lang, now func() time.Time, r *lipgloss.Renderer) *Common {
	if now == nil {
		now = time.Now
	}
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	if role == "" {
		role = model.Coordinator
	}
	c := &Common{Store: store, User: user, Role: role, Lang: lang, Now: now, Styles: NewStyles(r), Width: 80, Height: 24}
	c.Keys = NewKeyMap(c.T)
	return c
}

// Actor is who works at this desk, as the store checks them.
func (c *Common) Actor() model.Actor { return model.Actor{Name: c.User, Role: c.Role} }

// Today is the date in Denmark now.
func (c *Common) Today() model.Date { return model.DateOf(c.Now().In(copenhagen)) }

var copenhagen = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/Copenhagen"); err == nil {
		return loc
	}
	return time.UTC
}()

// T translates a message key, formatting args into it.
func (c *Common) T(key string, args ...any) string { return translate(c.Lang, key, args...) }

// Styles are the desk's looks, made from one terminal's renderer.
type Styles struct {
	Title, Subtle, Bold, Selected, Overdue, Soon, Error, OK, Header, Key, Help, Box, Label, Focus, Annulled lipgloss.Style
}

// NewStyles makes the styles for a renderer, for a dark background.
func NewStyles(r *lipgloss.Renderer) Styles { return newStyles(r, Dark) }

// palette is the colours of a theme.
type palette struct{ subtle, overdue, soon, err, ok, key string }

var palettes = map[Theme]palette{
	// Bright colours on black.
	Dark: {subtle: "245", overdue: "9", soon: "11", err: "9", ok: "10", key: "12"},
	// Darker ones on white: no bright yellow or white text, which a
	// white background swallows.
	Light: {subtle: "240", overdue: "160", soon: "136", err: "160", ok: "28", key: "25"},
}

// newStyles makes the styles for a renderer and a background. Colour is
// never the only mark: overdue rows carry !, the selected row >, errors
// their words and bold, so that a terminal without colour (or with
// colours not seen) misses nothing.
func newStyles(r *lipgloss.Renderer, t Theme) Styles {
	p := palettes[t]
	s := r.NewStyle
	fg := func(c string) lipgloss.Style { return s().Foreground(lipgloss.Color(c)) }
	return Styles{
		Title:    s().Bold(true).Foreground(lipgloss.Color("15")).Background(lipgloss.Color("24")).Padding(0, 1), // white on blue reads on both
		Subtle:   fg(p.subtle),
		Bold:     s().Bold(true),
		Selected: s().Reverse(true),
		Overdue:  fg(p.overdue).Bold(true),
		Soon:     fg(p.soon),
		Error:    fg(p.err).Bold(true),
		OK:       fg(p.ok),
		Header:   s().Bold(true).Underline(true),
		Key:      fg(p.key).Bold(true),
		Help:     fg(p.subtle),
		Box:      s().Border(lipgloss.NormalBorder()).Padding(0, 1),
		Label:    s().Bold(true),
		Focus:    fg(p.key).Bold(true),
		Annulled: s().Strikethrough(true).Faint(true), // and the words say ANNULLED: no colour needed
	}
}
