package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/model"
)

// Until its first read comes, the queue says it is loading, and keys wait
// for it.
func TestQueueLoading(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := New(c)
	read := a.Init()
	m, _ := a.Update(tea.WindowSizeMsg{Width: testW, Height: testH})
	a = m.(*App)
	if v := a.View(); !strings.Contains(v, "Henter …") || strings.Contains(v, "Åse") {
		t.Errorf("before its read the queue should say it is loading:\n%s", v)
	}
	m, _ = a.Update(run("jj")) // typed before the queue came: they wait for it
	a = m.(*App)
	a = send(t, a, runCmd(read)...)
	if q := a.top().(*Queue); q.cursor != 2 {
		t.Errorf("cursor %d: the keys typed while the queue was read should move it to row 2", q.cursor)
	}
}

// A key typed while a case is read acts on the case once it is read, not
// on the queue, and not on a case not there yet.
func TestKeyWhileCaseLoads(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := startApp(t, c)
	// driveLate: the keys are all in before any command's message.
	a = driveLate(a, tea.KeyMsg{Type: tea.KeyEnter}, run("j")).(*App)
	v, ok := a.top().(*CaseView)
	if !ok {
		t.Fatalf("top %T, want the case", a.top())
	}
	first := 0
	for i, o := range v.obs {
		if o.State == model.Active {
			first = i
			break
		}
	}
	if v.sel != first+1 {
		t.Errorf("the cursor is on row %d; j after enter should move it from the next deadline (row %d) one down", v.sel, first)
	}
	// The case view says it is loading until it is read.
	a = send(t, a, keys("esc")...)
	m, cmd := a.Update(pushMsg{openCase(c, "K-2026-0003")})
	a = m.(*App)
	if v := a.View(); !strings.Contains(v, "Henter …") || strings.Contains(v, "Ditte") {
		t.Errorf("before its read the case should say it is loading:\n%s", v)
	}
	a = send(t, a, runCmd(cmd)...)
	if v := a.View(); !strings.Contains(v, "Ditte") {
		t.Errorf("the case read shows nothing of Ditte:\n%s", v)
	}
}

// A change heard from another desk is read without holding keys up; the
// desk's own change holds them until the screen has read it.
func TestLiveReadDoesNotHoldKeys(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := startApp(t, c)
	q := a.top().(*Queue)
	m, _ := a.Update(changedMsg{ids: []string{"K-2026-0001"}, live: true}) // its read not run yet
	a = m.(*App)
	m, _ = a.Update(run("j"))
	a = m.(*App)
	if q.cursor != 1 {
		t.Errorf("a key waited for a read of another desk's change: cursor %d", q.cursor)
	}
	q.reading = false
	m, read := a.Update(changedMsg{ids: []string{"K-2026-0001"}}) // the desk's own
	a = m.(*App)
	m, _ = a.Update(run("j"))
	a = m.(*App)
	if q.cursor != 1 {
		t.Errorf("a key did not wait for the read of the desk's own change: cursor %d", q.cursor)
	}
	send(t, a, runCmd(read)...)
	if q.cursor != 2 {
		t.Errorf("after the read the key should act: cursor %d", q.cursor)
	}
}

// ctrl+c is not held up by a read.
func TestForceQuitWhileLoading(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := New(c)
	_, cmd := a.Update(tea.KeyMsg{Type: tea.KeyCtrlC})
	if cmd == nil {
		t.Fatal("ctrl+c while the queue is read does nothing")
	}
	if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Error("ctrl+c while the queue is read does not quit")
	}
}
