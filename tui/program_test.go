package tui

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestProgramQueue runs the desk in a real Bubble Tea program (renderer,
// goroutines, quitting) rather than the synchronous driver of the other
// tests: open, search, open a case, back, quit.
func TestProgramQueue(t *testing.T) {
	c := newTestCommon(t, Danish)
	tm := teatest.NewTestModel(t, New(c), teatest.WithInitialTermSize(testW, testH))
	waitFor := func(want string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
			teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	waitFor("Åse Fiktivsen")
	for _, m := range append(keys("/"), typeText("ditte")...) {
		tm.Send(m)
	}
	waitFor("1–1 af 1")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // stop typing
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // open
	waitFor("Frister")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	waitFor("skift visning") // the queue's help line: back on the queue
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	final := tm.FinalModel(t).(*App)
	if _, ok := final.top().(*Queue); !ok || len(final.stack) != 1 {
		t.Fatalf("after esc the queue should be the only screen, stack %d, top %T", len(final.stack), final.top())
	}
	requireGolden(t, final.View())
}
