package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Screen is one screen of the desk. The app keeps them in a stack: enter
// pushes, esc pops.
type Screen interface {
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	View() string
	SetSize(width, height int)
	Title() string
	// Keys lists every key of the screen, for ? and the help line.
	Keys() []key.Binding
	// Capturing is true while the user types into a text field: then
	// letters are text, not commands, and ? is a question mark.
	Capturing() bool
	// Dirty is true while the screen holds input not yet saved.
	Dirty() bool
}

// Messages screens send to the app.
type (
	pushMsg   struct{ screen Screen }
	popMsg    struct{}
	statusMsg struct {
		text string
		err  bool
	}
	// changedMsg tells every screen that a case changed in the store.
	changedMsg struct{ caseID string }
)

func push(s Screen) tea.Cmd { return func() tea.Msg { return pushMsg{s} } }
func pop() tea.Msg          { return popMsg{} }
func status(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text} }
}
func failure(err error) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: err.Error(), err: true} }
}
func changed(id string) tea.Cmd { return func() tea.Msg { return changedMsg{id} } }

// App is the desk's root model.
type App struct {
	c          *Common
	stack      []Screen
	help       bool
	confirmEnd bool // asking whether to quit with unsaved input
	status     statusMsg
	keys       appKeys
}

type appKeys struct{ help, quit, forceQuit key.Binding }

// New opens the desk on its home screen, the queue.
func New(c *Common) *App {
	a := &App{c: c}
	a.keys = appKeys{
		help:      key.NewBinding(key.WithKeys("?", "f1"), key.WithHelp("?", c.T("app.help"))),
		quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", c.T("app.quit"))),
		forceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", c.T("app.quit"))),
	}
	a.stack = []Screen{NewQueue(c)}
	// Draw at the default size until the terminal says its own (over a
	// pipe it never does).
	a.stack[0].SetSize(a.bodySize())
	return a
}

// Init starts the home screen.
func (a *App) Init() tea.Cmd { return a.top().Init() }

func (a *App) top() Screen { return a.stack[len(a.stack)-1] }

// Update routes a message: window size to every screen, keys to the top
// screen unless they are the app's own, changes to every screen.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.c.Width, a.c.Height = msg.Width, msg.Height
		for _, s := range a.stack {
			s.SetSize(a.bodySize())
		}
		return a, nil
	case pushMsg:
		msg.screen.SetSize(a.bodySize()) // a screen is made before it knows the window
		a.stack = append(a.stack, msg.screen)
		a.status = statusMsg{}
		return a, msg.screen.Init()
	case popMsg:
		if len(a.stack) > 1 {
			a.stack = a.stack[:len(a.stack)-1]
		}
		return a, nil
	case statusMsg:
		a.status = msg
		return a, nil
	case changedMsg:
		var cmds []tea.Cmd
		for i, s := range a.stack {
			var cmd tea.Cmd
			a.stack[i], cmd = s.Update(msg)
			cmds = append(cmds, cmd)
		}
		return a, tea.Batch(cmds...)
	case tea.KeyMsg:
		if cmd, done := a.appKey(msg); done {
			return a, cmd
		}
	}
	var cmd tea.Cmd
	a.stack[len(a.stack)-1], cmd = a.top().Update(msg)
	return a, cmd
}

// appKey handles the keys that work everywhere. done is false when the
// key belongs to the screen.
func (a *App) appKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	if a.confirmEnd {
		a.confirmEnd = false
		if isYes(msg) {
			return tea.Quit, true
		}
		return nil, true
	}
	if a.help && !key.Matches(msg, a.keys.forceQuit) {
		if msg.String() == "?" || msg.String() == "f1" || msg.String() == "esc" || msg.String() == "q" {
			a.help = false
		}
		return nil, true
	}
	capturing := a.top().Capturing()
	switch {
	case key.Matches(msg, a.keys.forceQuit) || (key.Matches(msg, a.keys.quit) && !capturing && len(a.stack) == 1):
		if a.dirty() {
			a.confirmEnd = true
			return nil, true
		}
		return tea.Quit, true
	case msg.String() == "f1" || (msg.String() == "?" && !capturing):
		a.help = true
		return nil, true
	}
	a.status = statusMsg{}
	return nil, false
}

func isYes(msg tea.KeyMsg) bool { s := msg.String(); return s == "y" || s == "j" }

func (a *App) dirty() bool {
	for _, s := range a.stack {
		if s.Dirty() {
			return true
		}
	}
	return false
}

// The body is the window less the title bar, the status line and the help line.
func (a *App) bodySize() (int, int) { return a.c.Width, max(a.c.Height-3, 1) }

// View draws title bar, body, status line and help line, exactly the window's size.
func (a *App) View() string {
	st := a.c.Styles
	w, h := a.bodySize()
	titleLeft := a.c.T("app.name") + " · " + a.top().Title()
	titleRight := a.c.User + " (" + a.c.T("role."+string(a.c.Role)) + ") · " + a.c.Today().String()
	title := st.Title.Width(w).Render(spread(titleLeft, titleRight, w-2))

	var body string
	if a.help {
		body = a.helpView(w, h)
	} else {
		body = a.top().View()
	}
	body = fit(body, w, h)

	line := ""
	switch {
	case a.confirmEnd:
		line = st.Error.Render(a.c.T("app.quitDirty"))
	case a.status.err:
		line = st.Error.Render(a.c.T("app.error", a.status.text))
	case a.status.text != "":
		line = st.OK.Render(a.status.text)
	}
	return lipgloss.JoinVertical(lipgloss.Left, title, body, truncate(line, w), a.shortHelp(w))
}

// shortHelp is the always-visible help line: the screen's first keys, then ? and quit.
func (a *App) shortHelp(w int) string {
	st := a.c.Styles
	var parts []string
	if a.help {
		parts = append(parts, st.Key.Render("esc")+" "+st.Help.Render(a.c.T("app.closeHelp")))
	} else {
		for _, b := range a.top().Keys() {
			if b.Enabled() && b.Help().Key != "" {
				parts = append(parts, st.Key.Render(b.Help().Key)+" "+st.Help.Render(b.Help().Desc))
			}
		}
		helpKey := a.keys.help.Help().Key
		if a.top().Capturing() {
			helpKey = "f1" // in a text field ? is a question mark
		}
		parts = append(parts, st.Key.Render(helpKey)+" "+st.Help.Render(a.keys.help.Help().Desc))
	}
	// Keep what fits, but always end with the help key.
	last := parts[len(parts)-1]
	out := ""
	for _, p := range parts[:len(parts)-1] {
		if lipgloss.Width(out+p+" · "+last) > w {
			break
		}
		out += p + " · "
	}
	return truncate(out+last, w)
}

// helpView lists every key of the top screen and the keys that always work.
func (a *App) helpView(w, h int) string {
	st := a.c.Styles
	var b strings.Builder
	b.WriteString(st.Header.Render(a.c.T("app.helpTitle")) + "\n\n")
	row := func(k key.Binding) {
		if k.Help().Key == "" {
			return
		}
		b.WriteString("  " + st.Key.Render(padRight(k.Help().Key, 14)) + " " + k.Help().Desc + "\n")
	}
	for _, k := range a.top().Keys() {
		row(k)
	}
	b.WriteString("\n" + st.Header.Render(a.c.T("app.helpGlobal")) + "\n\n")
	row(key.NewBinding(key.WithHelp("esc", a.c.T("app.back"))))
	row(a.keys.help)
	row(key.NewBinding(key.WithHelp("q / ctrl+c", a.c.T("app.quit"))))
	return b.String()
}
