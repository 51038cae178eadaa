package tui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Every binding of the key map says what it does, in both languages.
func TestKeyMapHelp(t *testing.T) {
	for _, lang := range []Lang{Danish, English} {
		c := newTestCommon(t, lang)
		var walk func(v reflect.Value, path string)
		walk = func(v reflect.Value, path string) {
			if b, ok := v.Interface().(key.Binding); ok {
				if h := b.Help(); h.Desc != "" && strings.Contains(h.Desc, "⟦") {
					t.Errorf("%s: help %q is not in the catalog", path, h.Desc)
				}
				return
			}
			if v.Kind() == reflect.Struct {
				for i := 0; i < v.NumField(); i++ {
					walk(v.Field(i), path+"."+v.Type().Field(i).Name)
				}
			}
		}
		walk(reflect.ValueOf(c.Keys), "Keys")
	}
}

// No screen, in any of its states, binds one key to two things: what
// its help line and ? list, and the keys that always work.
func TestNoScreenBindsAKeyTwice(t *testing.T) {
	c := newTestCommon(t, Danish)
	caseRich(t, c)
	check := func(name string, a *App) {
		t.Helper()
		s := a.top()
		bindings := append([]key.Binding(nil), s.Keys()...)
		k := c.Keys
		if s.Capturing() {
			bindings = append(bindings, k.F1, k.ForceQuit)
		} else {
			bindings = append(bindings, k.Help, k.Quit, k.ForceQuit)
		}
		owner := map[string]string{}
		for _, b := range bindings {
			if !b.Enabled() {
				continue
			}
			for _, kk := range b.Keys() {
				if other, dup := owner[kk]; dup {
					t.Errorf("%s: %q is bound to %q and %q", name, kk, other, b.Help().Desc)
				}
				owner[kk] = b.Help().Desc
			}
		}
		if len(owner) == 0 {
			t.Errorf("%s: no keys", name)
		}
	}
	states := []struct {
		name, top string // top: the screen's type, to be sure the state was reached
		keys      []tea.Msg
	}{
		{"queue", "*tui.Queue", nil},
		{"queue searching", "*tui.Queue", keys("/")},
		{"triage", "*tui.Triage", keys("t")},
		{"case on a deadline", "*tui.CaseView", keys("j enter")},
		{"case on an event", "*tui.CaseView", keys("j enter G")},
		{"case searching", "*tui.CaseView", keys("j enter /")},
		{"explanation", "*tui.textScreen", keys("j enter k enter")},
		{"event", "*tui.textScreen", keys("j enter G enter")},
		{"form on a date", "*tui.Form", keys("j enter c")},
		{"form on a choice", "*tui.Form", keys("j enter c tab")},
		{"form on a tick box", "*tui.Form", keys("j enter c tab tab")},
		{"form on the last field", "*tui.Form", keys("j enter c tab tab tab")},
		{"form asking to discard", "*tui.Form", keys("j enter c tab right esc")},
		{"note box", "*tui.Form", keys("j enter n")},
		{"warning", "*tui.Form", keys("j enter s ctrl+s")},
		{"intake", "*tui.Intake", keys("n")},
		{"accept form", "*tui.Form", keys("t a")},
		{"documents", "*tui.docsScreen", keys("j enter D")},
		{"documents on a consent", "*tui.docsScreen", keys("j enter D G")},
		{"network map", "*tui.Table", keys("j enter D enter")},
		{"agreement form", "*tui.Form", keys("j enter D j enter")},
		{"goals", "*tui.Table", keys("j enter D j enter ctrl+s")},
		{"meeting form", "*tui.Form", keys("j enter D j j enter")},
		{"participants", "*tui.participantsScreen", append(append(keys("j enter D j j enter"), typeText("10/12")...), keys("ctrl+s")...)},
		{"consent form", "*tui.Form", keys("j enter D G enter")},
	}
	for _, st := range states {
		a := startApp(t, c)
		a = send(t, a, st.keys...)
		if got := reflect.TypeOf(a.top()).String(); got != st.top {
			t.Errorf("%s: top is %s, want %s", st.name, got, st.top)
		}
		check(st.name, a)
	}
}
