package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// idleDesk is a desk that locks after 10 minutes, on a clock the test
// moves; the idle checks it asks for are noted, not waited for.
func idleDesk(t *testing.T, lang Lang) (c *Common, now *time.Time, asked *[]time.Duration) {
	t.Helper()
	c = newTestCommon(t, lang)
	at := testNow
	var ds []time.Duration
	c.Now = func() time.Time { return at }
	c.IdleAfter = 10 * time.Minute
	c.tick = func(d time.Duration, _ func(time.Time) tea.Msg) tea.Cmd {
		ds = append(ds, d)
		return nil
	}
	return c, &at, &ds
}

// After IdleAfter without a key the desk shows only that it is locked;
// the first key unlocks and does nothing else; what was typed is kept.
func TestIdleLock(t *testing.T) {
	c, now, asked := idleDesk(t, Danish)
	a := startApp(t, c)
	if len(*asked) != 1 || (*asked)[0] != 10*time.Minute {
		t.Fatalf("the start should ask for one check in 10 minutes: %v", *asked)
	}
	a = send(t, a, keys("enter c tab")...)
	a = send(t, a, typeText("tel")...)
	*now = now.Add(9 * time.Minute)
	a = send(t, a, idleMsg{}) // 9 minutes idle: not yet
	if a.locked || len(*asked) != 2 || (*asked)[1] != time.Minute {
		t.Fatalf("after 9 minutes: locked %v, checks %v (want the next in 1 minute)", a.locked, *asked)
	}
	*now = now.Add(time.Minute)
	a = send(t, a, idleMsg{})
	if !a.locked {
		t.Fatal("not locked after 10 minutes without a key")
	}
	if len(*asked) != 2 {
		t.Errorf("a locked desk asks for checks: %v", *asked)
	}
	v := a.View()
	if !strings.Contains(v, "Skrivebordet er låst efter 10 minutters inaktivitet. Tryk på en tast for at fortsætte.") {
		t.Errorf("the lock screen:\n%s", v)
	}
	for _, secret := range []string{"Åse", "K-2026", "010190", "Kontaktforsøg", "Telefon"} {
		if strings.Contains(v, secret) {
			t.Errorf("the lock screen shows %q:\n%s", secret, v)
		}
	}
	requireGolden(t, send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24}).View())
	a = send(t, a, run("x")) // unlocks; x is not typed anywhere
	f, ok := a.top().(*Form)
	if a.locked || !ok {
		t.Fatalf("after a key: locked %v, top %T", a.locked, a.top())
	}
	if f.Chosen("channel") != "phone" || f.field("channel").typed != "tel" {
		t.Errorf("the form's input changed: %q typed %q", f.Chosen("channel"), f.field("channel").typed)
	}
	if len(*asked) != 3 || (*asked)[2] != 10*time.Minute {
		t.Errorf("unlocking should start the clock again: %v", *asked)
	}
	a = send(t, a, keys("ctrl+s")...)
	if _, ok := a.top().(*CaseView); !ok {
		t.Errorf("after unlocking the desk works: top %T, status %q", a.top(), a.status.text)
	}
}

func TestIdleLockEnglishMinute(t *testing.T) {
	c, now, _ := idleDesk(t, English)
	c.IdleAfter = time.Minute
	a := startApp(t, c)
	*now = now.Add(time.Minute)
	a = send(t, a, idleMsg{})
	if v := a.View(); !strings.Contains(v, "The desk is locked after 1 minute of inactivity. Press a key to continue.") {
		t.Errorf("the lock screen:\n%s", v)
	}
}

// Without IdleAfter the desk never locks, and asks for no checks.
func TestNoIdleLock(t *testing.T) {
	c, now, asked := idleDesk(t, Danish)
	c.IdleAfter = 0
	a := startApp(t, c)
	*now = now.Add(24 * time.Hour)
	a = send(t, a, idleMsg{})
	if a.locked || len(*asked) != 0 {
		t.Errorf("locked %v, checks %v", a.locked, *asked)
	}
}
