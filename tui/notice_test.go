package tui

import (
	"strings"
	"testing"

	"tovholder/model"
)

// A word from outside, such as the server stopping, stays on the status
// line until a key, whatever else happens meanwhile; locked too.
func TestNoticeUntilKey(t *testing.T) {
	c, now, _ := idleDesk(t, Danish)
	sub := c.Store.Subscribe()
	defer sub.Close()
	a := startApp(t, c)
	const stop = "Serveren stopper om lidt; dit gemte arbejde er i sikkerhed."
	a = send(t, a, NoticeMsg{Text: stop + "\x1b[2J"})
	if line := statusLine(a.View()); strings.TrimSpace(line) != stop {
		t.Errorf("status line %q", line)
	}
	// Another desk's change does not hide it.
	if err := storeRecord(c, "K-2026-0001", "bo", model.Event{Type: model.Note, Date: td("2026-11-25"), Note: "x", By: "bo"}); err != nil {
		t.Fatal(err)
	}
	a = hear(t, a, sub)
	if line := statusLine(a.View()); strings.TrimSpace(line) != stop {
		t.Errorf("status line after a change %q", line)
	}
	// Nor does the lock.
	*now = now.Add(c.IdleAfter)
	a = send(t, a, idleMsg{})
	if line := statusLine(a.View()); !a.locked || strings.TrimSpace(line) != stop {
		t.Errorf("locked %v, status line %q", a.locked, line)
	}
	a = send(t, a, run("j")) // unlocks
	if line := statusLine(a.View()); strings.Contains(line, "Serveren") {
		t.Errorf("the notice stays after a key: %q", line)
	}
	a = send(t, a, NoticeMsg{Text: stop})
	a = send(t, a, keys("j")...)
	if line := statusLine(a.View()); strings.Contains(line, "Serveren") {
		t.Errorf("the notice stays after a key: %q", line)
	}
}

// statusLine is the line above the help line.
func statusLine(view string) string {
	lines := strings.Split(view, "\n")
	return lines[len(lines)-2]
}
