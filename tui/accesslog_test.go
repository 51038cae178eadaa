package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/db"
	"tovholder/model"
)

// loggedDesk is a leader's desk on a store whose log has entries a minute
// apart: the import, openings, changes by several people.
func loggedDesk(t *testing.T, lang Lang) *Common {
	t.Helper()
	at := testNow.Add(-3 * time.Hour)
	c := newTestCommonClock(t, lang, func() time.Time { at = at.Add(time.Minute); return at })
	c.User, c.Role = "lene", model.Leader
	for _, step := range []func() error{
		func() error { _, _, err := c.Store.OpenCase("K-2026-0001", "anne"); return err },
		func() error {
			return storeRecord(c, "K-2026-0001", "anne", model.Event{Type: model.ContactAttempt, Date: td("2026-11-25"), Channel: "phone", Reached: reached(true), By: "anne"})
		},
		func() error { _, _, err := c.Store.OpenCase("K-2026-0002", "bo"); return err },
		func() error {
			return storeRecord(c, "K-2026-0002", "bo", model.Event{Type: model.Note, Date: td("2026-11-25"), Note: "Hemmeligt", By: "bo"})
		},
		func() error {
			return storeRecord(c, "K-2026-0004", "kim", model.Event{Type: model.Assigned, Date: td("2026-11-25"), To: "bo", By: "kim"})
		},
		func() error {
			_, err := c.Store.Change(asCoordinator("bo"), "K-2026-0002", db.AnyVersion, db.Change{Action: "annul", Apply: func(cs *model.Case) (string, error) {
				cs.Events[len(cs.Events)-1].Annulled = &model.Annulment{Date: td("2026-11-25"), By: "bo", Reason: "fejl"}
				return `{"event":3,"was":{"type":"note"}}`, nil
			}})
			return err
		},
		func() error { return c.Store.LogAccess("kim", "export", "", "") },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func openLog(t *testing.T, c *Common) *App {
	t.Helper()
	a := startApp(t, c)
	a = send(t, a, keys("L")...)
	if _, ok := a.top().(*AccessLog); !ok {
		t.Fatalf("L: top %T, status %q", a.top(), a.status.text)
	}
	return a
}

func TestAccessLogGolden(t *testing.T) {
	c := loggedDesk(t, Danish)
	a := openLog(t, c)
	requireGolden(t, a.View())
}

func TestAccessLogGoldenNarrowEnglish(t *testing.T) {
	c := loggedDesk(t, English)
	a := openLog(t, c)
	requireGolden(t, send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24}).View())
}

// The log is newest first, in words, and reading it is logged; / finds by
// case or user; enter opens the case, which logs the leader's opening.
func TestAccessLog(t *testing.T) {
	c := loggedDesk(t, Danish)
	a := openLog(t, c)
	l := a.top().(*AccessLog)
	first := l.entries[0]
	if first.User != "lene" || first.Action != "audit" || c.actionWords(first) != "læste adgangsloggen" {
		t.Errorf("the newest entry should be lene reading the log: %+v", first)
	}
	for i := 1; i < len(l.entries); i++ {
		if l.entries[i].At.After(l.entries[i-1].At) {
			t.Fatalf("entry %d is newer than the one before it", i)
		}
	}
	v := a.View()
	for _, want := range []string{"registrerede kontaktforsøg", "skrev et notat", "annullerede notat", "tildelte sagen til bo", "åbnede sagen", "eksporterede", "importerede sagen"} {
		if !strings.Contains(v, want) {
			t.Errorf("the log does not say %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Hemmeligt") {
		t.Error("the log shows a note's text")
	}
	a = send(t, a, keys("/")...)
	a = send(t, a, typeText("0002")...)
	for _, i := range l.shown {
		if l.entries[i].Case != "K-2026-0002" {
			t.Errorf("the search for 0002 shows %+v", l.entries[i])
		}
	}
	if len(l.shown) != 4 { // imported, opened, the note, its annulment
		t.Errorf("%d entries of K-2026-0002, want 4", len(l.shown))
	}
	a = send(t, a, keys("esc")...)
	a = send(t, a, typeText("/kim")...)
	a = send(t, a, keys("enter")...) // done searching
	if len(l.shown) != 2 {
		t.Errorf("%d entries by kim, want 2", len(l.shown))
	}
	a = send(t, a, keys("enter")...) // kim's export is about no case
	if a.status.text != "Posten handler ikke om en sag." {
		t.Errorf("enter on an entry without a case: %q", a.status.text)
	}
	a = send(t, a, keys("j enter")...)
	if v, ok := a.top().(*CaseView); !ok || v.id != "K-2026-0004" {
		t.Fatalf("enter on kim's assignment: top %T", a.top())
	}
	h, err := c.Store.History("K-2026-0004")
	if err != nil {
		t.Fatal(err)
	}
	if last := h[len(h)-1]; last.User != "lene" || last.Action != "open" {
		t.Errorf("opening the case from the log is not logged as lene's: %+v", last)
	}
}

// Only leaders and admins have the key, and only they may read the log.
func TestAccessLogOnlyForLeaders(t *testing.T) {
	for _, role := range model.Roles {
		c := newTestCommon(t, Danish)
		c.Role = role
		a := startApp(t, c)
		offered := false
		for _, k := range a.top().Keys() {
			offered = offered || k.Help().Key == "L"
		}
		if offered != role.MayReadAccessLog() {
			t.Errorf("%s: L offered %v", role, offered)
		}
		help := send(t, a, keys("?")...).View()
		if strings.Contains(help, "adgangslog") != role.MayReadAccessLog() {
			t.Errorf("%s: ? lists the access log: %v", role, !role.MayReadAccessLog())
		}
		a = send(t, a, keys("esc L")...)
		if _, ok := a.top().(*AccessLog); ok != role.MayReadAccessLog() {
			t.Errorf("%s: L opens the log: %v (status %q)", role, ok, a.status.text)
		}
	}
}

// A long log is read as its newest entries; a search reads the whole log
// for the newest that match.
func TestAccessLogLong(t *testing.T) {
	c := newTestCommon(t, English)
	c.Role = model.Admin
	for i := range logLimit + 10 {
		id := "K-2026-0003"
		if i == 0 {
			id = "K-2026-0005" // the oldest opening: left out of the newest
		}
		if _, _, err := c.Store.OpenCase(id, fmt.Sprintf("u%d", i%7)); err != nil {
			t.Fatal(err)
		}
	}
	a := openLog(t, c)
	l := a.top().(*AccessLog)
	if len(l.entries) != logLimit || !l.more || !strings.Contains(a.View(), "The newest 2000 entries.") {
		t.Fatalf("%d entries, more %v:\n%s", len(l.entries), l.more, a.View())
	}
	a = send(t, a, typeText("/0005")...)
	if len(l.shown) != 0 {
		t.Errorf("typing filters what was read: %d", len(l.shown))
	}
	a = send(t, a, keys("enter")...)
	if len(l.shown) != 2 || l.entries[l.shown[0]].Case != "K-2026-0005" { // the import and the opening
		t.Errorf("the search did not read the whole log: %d shown\n%s", len(l.shown), a.View())
	}
	a = send(t, a, keys("esc")...)
	if len(l.entries) != logLimit || l.readFor != "" {
		t.Errorf("clearing the search reads the newest again: %d, %q", len(l.entries), l.readFor)
	}
}

// The access log binds no key twice, searching or not.
func TestAccessLogKeysOnce(t *testing.T) {
	c := loggedDesk(t, Danish)
	a := openLog(t, c)
	for _, state := range []string{"", "/"} {
		a = send(t, a, keys(state)...)
		s := a.top()
		bindings := s.Keys()
		if s.Capturing() {
			bindings = append(bindings, c.Keys.F1, c.Keys.ForceQuit)
		} else {
			bindings = append(bindings, c.Keys.Help, c.Keys.Quit, c.Keys.ForceQuit)
		}
		owner := map[string]string{}
		for _, b := range bindings {
			for _, k := range b.Keys() {
				if other, dup := owner[k]; dup {
					t.Errorf("searching %v: %q is bound to %q and %q", s.Capturing(), k, other, b.Help().Desc)
				}
				owner[k] = b.Help().Desc
			}
		}
	}
}
