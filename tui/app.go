package tui

import (
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"tovholder/db"
	"tovholder/model"
)

// Screen is one screen of the desk. The app keeps them in a stack: enter
// pushes, esc pops.
type Screen interface {
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	View() string
	SetSize(width, height int)
	Title() string
	// Keys lists every key that works on the screen now, for ? and the help line.
	Keys() []key.Binding
	// Capturing is true while letters are input, not commands: in a text
	// field, and everywhere in a form (a choice field takes letters to
	// find an option). Then q is a letter and ? a question mark.
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
		info bool // news, such as another desk's change: said plainly
	}
	// changedMsg tells every screen that cases changed in the store: by
	// a save of this desk, or heard from the store (Common.Live), where
	// every desk's changes come, this desk's own too.
	changedMsg struct {
		ids     []string // the cases changed
		all     bool     // many changed at once (an import): read everything again
		created bool     // a case was created among them: a citizen's cases may be more
		live    bool     // heard from the store, not the desk's own save
		by      []string // who changed them, when heard from the store
	}
	// liveMsg brings the notices of the store's changes since the last,
	// oldest first; nil once the subscription is closed.
	liveMsg []db.Notice
	// resumeKeysMsg: the command a key started has run; go on with the
	// keys that arrived with it or after it.
	resumeKeysMsg struct{}
	// idleMsg: time to see whether the desk has been idle long enough to lock.
	idleMsg struct{}
)

// screenMsg is the answer to one screen's command, such as its read of
// the store: the app gives it to that screen wherever it is on the stack,
// and drops it when the screen is gone.
type screenMsg interface{ target() Screen }

// readOnlyScreen is a screen that may be read-only for the user: it says
// why, short for the help line and long for the help ("" when it is not).
type readOnlyScreen interface{ ReadOnly() (short, long string) }

// busyScreen is a screen that may be reading what the next key acts on:
// its first read, or a read after the desk's own change. Keys wait for it.
type busyScreen interface{ Busy() bool }

func push(s Screen) tea.Cmd { return func() tea.Msg { return pushMsg{s} } }
func pop() tea.Msg          { return popMsg{} }
func status(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text} }
}
func failure(err error) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: err.Error(), err: true} }
}
func changed(id string) tea.Cmd {
	return func() tea.Msg { return changedMsg{ids: []string{id}} }
}
func created(id string) tea.Cmd {
	return func() tea.Msg { return changedMsg{ids: []string{id}, created: true} }
}
func resumeKeys() tea.Msg { return resumeKeysMsg{} }

// has reports whether case id is among the changed.
func (m changedMsg) has(id string) bool { return m.all || slices.Contains(m.ids, id) }

// listen waits for the store's next notices, off the update loop.
func listen(sub *db.Subscription) tea.Cmd {
	return func() tea.Msg { return liveMsg(sub.Wait()) }
}

// The largest window the desk draws; a larger one gets a frame this size.
const (
	MaxWidth  = 400
	MaxHeight = 200
)

// App is the desk's root model.
type App struct {
	c          *Common
	stack      []Screen
	help       bool
	confirmEnd bool // asking whether to quit with unsaved input
	status     statusMsg
	// Keys not yet handled, oldest first, and whether a command one of them
	// started is still running (see handleKey).
	pending []tea.KeyMsg
	waiting bool
	// The idle lock (Common.IdleAfter): locked hides everything until a
	// key; lastKey is when the last key came; ticking, that a check is
	// on its way.
	locked  bool
	lastKey time.Time
	ticking bool
	// notice is a word from outside (NoticeMsg), shown until a key.
	notice string
}

// New opens the desk on its home screen, the queue.
func New(c *Common) *App {
	a := &App{c: c}
	a.stack = []Screen{NewQueue(c)}
	// Draw at the default size until the terminal says its own (over a
	// pipe it never does).
	a.stack[0].SetSize(a.bodySize())
	return a
}

// Init starts the home screen, and listens for changes when the desk
// has a subscription to the store.
func (a *App) Init() tea.Cmd {
	cmds := []tea.Cmd{a.top().Init()}
	if a.c.Live != nil {
		cmds = append(cmds, listen(a.c.Live))
	}
	if a.c.IdleAfter > 0 {
		a.lastKey = a.c.Now()
		cmds = append(cmds, a.checkIdle(a.c.IdleAfter))
	}
	return tea.Batch(cmds...)
}

// checkIdle asks for an idleMsg after d, when none is on its way: the
// desk wakes once when it could first be idle long enough, not on a beat.
func (a *App) checkIdle(d time.Duration) tea.Cmd {
	if a.ticking {
		return nil
	}
	a.ticking = true
	return a.c.after(max(d, time.Second), func(time.Time) tea.Msg { return idleMsg{} })
}

// idle locks the desk when no key has come for IdleAfter, else looks again
// when that could first be so.
func (a *App) idle() tea.Cmd {
	a.ticking = false
	if a.c.IdleAfter <= 0 || a.locked {
		return nil // locked: the key that unlocks starts the clock again
	}
	since := a.c.Now().Sub(a.lastKey)
	if since >= a.c.IdleAfter {
		a.locked = true
		return nil
	}
	return a.checkIdle(a.c.IdleAfter - since)
}

func (a *App) top() Screen { return a.stack[len(a.stack)-1] }

// Update routes a message: window size to every screen, keys to the top
// screen unless they are the app's own, changes to every screen.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		// The size comes from the client: over SSH anyone logged in could
		// say 65535x65535, and every frame is padded to the window.
		a.c.Width, a.c.Height = min(max(msg.Width, 1), MaxWidth), min(max(msg.Height, 1), MaxHeight)
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
		return a, a.broadcast(msg)
	case liveMsg:
		if msg == nil {
			return a, nil // the subscription is closed: the session is ending
		}
		if text := a.liveWords(msg); text != "" && !a.status.err {
			a.status = statusMsg{text: text, info: true}
		}
		var cmd tea.Cmd
		if m := changes(msg); m.all || len(m.ids) > 0 {
			cmd = a.broadcast(m)
		}
		if a.c.Live != nil {
			cmd = tea.Batch(cmd, listen(a.c.Live))
		}
		return a, cmd
	case idleMsg:
		return a, a.idle()
	case NoticeMsg:
		a.notice = model.CleanLine(msg.Text)
		return a, nil
	case tea.KeyMsg:
		a.lastKey = a.c.Now()
		a.notice = ""
		if a.locked {
			// The first key only unlocks: it was typed at a screen
			// that showed nothing, so it is not acted on.
			a.locked = false
			return a, a.checkIdle(a.c.IdleAfter)
		}
		ks := splitKeys(msg)
		if a.waiting || a.busy() {
			// ctrl+c is not held up by a read that is slow to come.
			if slices.ContainsFunc(ks, func(k tea.KeyMsg) bool { return key.Matches(k, a.c.Keys.ForceQuit) }) {
				a.pending = nil
				return a, a.quit()
			}
		}
		a.pending = append(a.pending, ks...)
		if a.waiting {
			return a, nil // the keys wait for the command before them
		}
		return a, a.drainKeys()
	case resumeKeysMsg:
		a.waiting = false
		return a, a.drainKeys()
	case screenMsg:
		var cmd tea.Cmd
		for i, s := range a.stack {
			if s == msg.target() {
				a.stack[i], cmd = s.Update(msg)
				break
			}
		}
		if !a.waiting {
			cmd = tea.Batch(cmd, a.drainKeys()) // keys that waited for the read
		}
		return a, cmd
	}
	var cmd tea.Cmd
	a.stack[len(a.stack)-1], cmd = a.top().Update(msg)
	return a, cmd
}

// busy reports whether the top screen is reading what keys act on.
func (a *App) busy() bool {
	b, ok := a.top().(busyScreen)
	return ok && b.Busy()
}

// broadcast gives a message to every screen on the stack.
func (a *App) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for i, s := range a.stack {
		var cmd tea.Cmd
		a.stack[i], cmd = s.Update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// changes folds the store's notices into one change for the screens.
func changes(notices []db.Notice) changedMsg {
	m := changedMsg{live: true}
	for _, n := range notices {
		if n.Account != "" {
			continue // a user account changed, no case
		}
		switch {
		case n.Case == "":
			m.all = true
		case !slices.Contains(m.ids, n.Case):
			m.ids = append(m.ids, n.Case)
		}
		if n.Action == "create" {
			m.created = true
		}
		if !slices.Contains(m.by, n.User) {
			m.by = append(m.by, n.User)
		}
	}
	return m
}

// liveWords says on the status line what others changed: "bo ændrede
// K-2026-0012". The desk's own changes, heard back, say nothing: its
// saves say what they did.
func (a *App) liveWords(notices []db.Notice) string {
	var users, ids []string
	many, create := false, false
	for _, n := range notices {
		if (n.User == a.c.User && n.User != "") || n.Account != "" {
			continue
		}
		if u := model.CleanLine(n.User); u != "" && !slices.Contains(users, u) {
			users = append(users, u)
		}
		switch id := model.CleanLine(n.Case); {
		case id == "":
			many = true
		case !slices.Contains(ids, id):
			ids = append(ids, id)
			create = create || n.Action == "create"
		}
	}
	who := strings.Join(users, ", ")
	switch {
	case many && who == "":
		return a.c.T("live.many")
	case many:
		return a.c.T("live.manyBy", who)
	case len(ids) == 0:
		return ""
	case who == "":
		who = a.c.T("live.someone")
	}
	switch {
	case len(ids) > 1:
		return a.c.T("live.cases", who, len(ids))
	case create:
		return a.c.T("live.created", who, ids[0])
	}
	return a.c.T("live.changed", who, ids[0])
}

// splitKeys turns one key message into the keys it holds. Keys that
// arrive in one read (over SSH, typed fast, sent by tmux) come as one
// message with several runes; each rune is a key of its own, or "/J"
// would be no key at all. A paste stays whole: it is text, never
// commands. Runes are cleaned of control characters on the way in.
//
// The desk binds no alt keys: a terminal reads esc and the key typed
// right after it as alt and that key, so alt+x is esc, then x.
func splitKeys(msg tea.KeyMsg) []tea.KeyMsg {
	if msg.Alt && !msg.Paste {
		msg.Alt = false
		return append([]tea.KeyMsg{{Type: tea.KeyEsc}}, splitKeys(msg)...)
	}
	if msg.Type != tea.KeyRunes {
		return []tea.KeyMsg{msg}
	}
	runes := []rune(model.CleanText(string(msg.Runes)))
	if len(runes) == 0 {
		return nil
	}
	if msg.Paste || len(runes) == 1 {
		msg.Runes = runes
		return []tea.KeyMsg{msg}
	}
	out := make([]tea.KeyMsg, len(runes))
	for i, r := range runes {
		out[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
	}
	return out
}

// drainKeys handles the pending keys in order. A key whose handling
// starts a command (opening a screen, saving) must see that command's
// messages arrive before the next key is handled, or the next key would
// go to the screen that is about to be left: so every key after it, in
// this message or in messages still on their way, waits until the
// command has run. Keys wait too while the top screen reads what they
// would act on: a key typed after enter on the queue acts on the case
// once it is read, not on the queue or on nothing.
func (a *App) drainKeys() tea.Cmd {
	for len(a.pending) > 0 && !a.busy() {
		k := a.pending[0]
		a.pending = a.pending[1:]
		if cmd := a.handleKey(k); cmd != nil {
			a.waiting = true
			return tea.Sequence(cmd, resumeKeys)
		}
	}
	return nil
}

// handleKey gives one key to the app or the top screen.
func (a *App) handleKey(msg tea.KeyMsg) tea.Cmd {
	if cmd, done := a.appKey(msg); done {
		return cmd
	}
	if msg.Paste && !a.top().Capturing() {
		return status(a.c.T("app.pasteNowhere"))
	}
	var cmd tea.Cmd
	a.stack[len(a.stack)-1], cmd = a.top().Update(msg)
	return cmd
}

// appKey handles the keys that work everywhere. done is false when the
// key belongs to the screen.
func (a *App) appKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := a.c.Keys
	if a.confirmEnd {
		a.confirmEnd = false
		if key.Matches(msg, k.Yes) {
			return tea.Quit, true
		}
		return nil, true
	}
	capturing := a.top().Capturing()
	if a.help {
		switch {
		case key.Matches(msg, k.ForceQuit), key.Matches(msg, k.Quit):
			return a.quit(), true
		case key.Matches(msg, k.Help), key.Matches(msg, k.Back):
			a.help = false
		}
		return nil, true
	}
	switch {
	case key.Matches(msg, k.ForceQuit), key.Matches(msg, k.Quit) && !capturing:
		return a.quit(), true
	case key.Matches(msg, k.F1), key.Matches(msg, k.Help) && !capturing:
		a.help = true
		return nil, true
	}
	a.status = statusMsg{}
	return nil, false
}

// quit ends the desk, after asking when something typed would be lost.
func (a *App) quit() tea.Cmd {
	if a.dirty() {
		a.confirmEnd = true
		return nil
	}
	return tea.Quit
}

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
	if a.locked {
		return a.lockView()
	}
	titleLeft := a.c.T("app.name") + " · " + model.CleanLine(a.top().Title())
	titleRight := model.CleanLine(a.c.User) + " (" + a.c.T("role."+string(a.c.Role)) + ") · " + a.c.Today().String()
	// A long title gives way to who and when, which say whose desk this is.
	titleLeft = truncate(titleLeft, max(w-2-lipgloss.Width(titleRight)-1, 10))
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
	case a.notice != "":
		line = st.Bold.Render(a.notice)
	case a.status.err:
		line = st.Error.Render(a.c.T("app.error", model.CleanLine(a.status.text)))
	case a.status.info:
		line = model.CleanLine(a.status.text)
	case a.status.text != "":
		line = st.OK.Render(model.CleanLine(a.status.text))
	}
	return lipgloss.JoinVertical(lipgloss.Left, title, body, truncate(line, w), a.shortHelp(w))
}

// lockView hides everything of the desk's work: nothing about a case is
// on the screen while no one is at it.
func (a *App) lockView() string {
	st := a.c.Styles
	w, h := a.bodySize()
	titleRight := model.CleanLine(a.c.User) + " (" + a.c.T("role."+string(a.c.Role)) + ") · " + a.c.Today().String()
	title := st.Title.Width(w).Render(spread(a.c.T("app.name")+" · "+a.c.T("lock.title"), titleRight, w-2))
	body := fit("\n"+wrap(st.Bold.Render(a.c.T("lock.text", a.idleWords())), max(w-4, 20)), w, h)
	help := st.Key.Render(a.c.T("lock.key")) + " " + st.Help.Render(a.c.T("lock.continue"))
	return lipgloss.JoinVertical(lipgloss.Left, title, body, truncate(st.Bold.Render(a.notice), w), truncate(help, w))
}

// idleWords says how long the desk waits before it locks: "15 minutters".
func (a *App) idleWords() string {
	d := a.c.IdleAfter
	switch m := int((d + 30*time.Second) / time.Minute); {
	case d < time.Minute:
		return a.c.T("lock.seconds", int(d/time.Second))
	case m == 1:
		return a.c.T("lock.minute")
	default:
		return a.c.T("lock.minutes", m)
	}
}

// shortHelp is the always-visible help line: the screen's first keys, then
// the help key (f1 where ? is typed as text).
func (a *App) shortHelp(w int) string {
	st := a.c.Styles
	var parts []string
	helpKey := a.c.Keys.Help.Help()
	if a.help {
		parts = append(parts, st.Key.Render("esc")+" "+st.Help.Render(a.c.T("app.closeHelp")))
	} else {
		for _, b := range a.top().Keys() {
			if b.Help().Key != "" { // a help-only binding (no keys of its own) says how typing works
				parts = append(parts, st.Key.Render(b.Help().Key)+" "+st.Help.Render(b.Help().Desc))
			}
		}
		if a.top().Capturing() {
			helpKey.Key = "f1"
		}
		parts = append(parts, st.Key.Render(helpKey.Key)+" "+st.Help.Render(helpKey.Desc))
	}
	// Keep what fits, in order, but always end with the help key; a
	// read-only screen always starts by saying why.
	last := parts[len(parts)-1]
	out := ""
	if ro, ok := a.top().(readOnlyScreen); ok && !a.help {
		if short, _ := ro.ReadOnly(); short != "" {
			out = st.Bold.Render(short) + " · "
		}
	}
	for _, p := range parts[:len(parts)-1] {
		if lipgloss.Width(out+p+" · "+last) <= w {
			out += p + " · "
		}
	}
	return truncate(out+last, w)
}

// helpView lists every key of the top screen and the keys that always work.
func (a *App) helpView(w, h int) string {
	st := a.c.Styles
	k := a.c.Keys
	var b strings.Builder
	b.WriteString(st.Header.Render(a.c.T("app.helpTitle")) + "\n\n")
	if ro, ok := a.top().(readOnlyScreen); ok {
		if _, long := ro.ReadOnly(); long != "" {
			b.WriteString(wrap(long, max(w-2, 20)) + "\n\n")
		}
	}
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
	if a.top().Capturing() {
		row(k.F1)
		row(k.ForceQuit)
	} else {
		row(key.NewBinding(key.WithHelp("? / f1", k.Help.Help().Desc)))
		row(key.NewBinding(key.WithHelp("q / ctrl+c", a.c.T("app.quit"))))
	}
	return b.String()
}
