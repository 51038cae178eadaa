package main

import (
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// guard wraps the model of a desk served over SSH. Bubble Tea recovers
// from a panic in Update, View or a command itself (v1.3.10: Run returns
// ErrProgramPanic), but prints it on the server's standard output and
// leaves the person with a dead screen; the guard catches it first: it
// logs the panic with its stack and who had the desk, quits that desk
// alone, and deskSession tells the person. It also counts the commands
// (tea.Cmd) the desk has running, saves among them, so that a shutdown
// can let them finish.
type guard struct {
	inner tea.Model
	s     *server
	d     *desk
	dead  bool
}

// crashedMsg tells the guard that a command of the desk panicked.
type crashedMsg struct{}

func (g *guard) Init() (cmd tea.Cmd) {
	defer g.recover("Init", &cmd)
	return g.wrap(g.inner.Init())
}

func (g *guard) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	if _, ok := msg.(crashedMsg); ok || g.dead {
		g.dead = true
		return g, tea.Quit
	}
	m = g
	defer g.recover("Update", &cmd)
	inner, cmd := g.inner.Update(msg)
	g.inner = inner
	return g, g.wrap(cmd)
}

func (g *guard) View() (view string) {
	if g.dead {
		return ""
	}
	defer func() {
		if r := g.crash("View", recover()); r {
			view = ""
			if p := g.program(); p != nil {
				go p.Quit() // View cannot return a command; Quit waits for the loop that runs View
			}
		}
	}()
	return g.inner.View()
}

// recover ends a panicking Init or Update: the desk quits.
func (g *guard) recover(where string, cmd *tea.Cmd) {
	if g.crash(where, recover()) {
		*cmd = tea.Quit
	}
}

// crash logs a panic r (nil: none) and marks the desk crashed; it says
// whether there was one.
func (g *guard) crash(where string, r any) bool {
	if r == nil {
		return false
	}
	g.dead = true
	g.markCrashed()
	g.s.log.Printf("panic in the desk of %s (%s): %v\n%s", g.d.user.Name, where, r, debug.Stack())
	return true
}

func (g *guard) markCrashed() {
	g.d.mu.Lock()
	g.d.crashed = true
	g.d.mu.Unlock()
}

func (g *guard) program() *tea.Program {
	g.d.mu.Lock()
	defer g.d.mu.Unlock()
	return g.d.prog
}

// cmdType is tea.Cmd, for finding messages that carry commands.
var cmdType = reflect.TypeOf((tea.Cmd)(nil))

// wrap makes cmd count as running while it runs, and turns a panic in it
// into the end of the desk. A command that yields more commands (tea.Batch,
// tea.Sequence) has them wrapped too.
func (g *guard) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	counted := !isTimer(cmd)
	return func() (msg tea.Msg) {
		if counted {
			g.s.cmds.add()
			defer g.s.cmds.leave()
		}
		defer func() {
			if r := recover(); r != nil {
				g.markCrashed()
				g.s.log.Printf("panic in a command of the desk of %s: %v\n%s", g.d.user.Name, r, debug.Stack())
				msg = crashedMsg{}
			}
		}()
		return g.wrapMsg(cmd())
	}
}

// wrapMsg wraps the commands of a message that is a list of them
// (tea.BatchMsg, and tea.Sequence's message, whose type is unexported).
func (g *guard) wrapMsg(msg tea.Msg) tea.Msg {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
		return msg
	}
	out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	for i := range v.Len() {
		c, _ := v.Index(i).Interface().(tea.Cmd)
		out.Index(i).Set(reflect.ValueOf(g.wrap(c)))
	}
	return out.Interface()
}

// isTimer says whether cmd is a timer of Bubble Tea's (tea.Tick, tea.Every):
// it waits, then makes a message, and changes nothing, so a shutdown need
// not wait for it (the desk's idle lock keeps one waiting for minutes).
func isTimer(cmd tea.Cmd) bool {
	f := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer())
	if f == nil {
		return false
	}
	name := f.Name()
	return strings.HasPrefix(name, "github.com/charmbracelet/bubbletea.Tick.") ||
		strings.HasPrefix(name, "github.com/charmbracelet/bubbletea.Every.")
}
