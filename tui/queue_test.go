package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/model"
)

func TestQueueGolden(t *testing.T) {
	a := startApp(t, newTestCommon(t, Danish))
	requireGolden(t, a.View())
}

func TestQueueGoldenEnglish(t *testing.T) {
	a := startApp(t, newTestCommon(t, English))
	requireGolden(t, a.View())
}

func TestQueueGoldenNarrow(t *testing.T) {
	a := startApp(t, newTestCommon(t, Danish))
	a = send(t, a, tea.WindowSizeMsg{Width: 80, Height: 16})
	requireGolden(t, a.View())
}

func TestQueueOrderAndMarks(t *testing.T) {
	a := startApp(t, newTestCommon(t, Danish))
	q := a.top().(*Queue)
	var ids []string
	for _, i := range q.shown {
		ids = append(ids, q.open.entries[i].CaseID)
	}
	// DEADLINES.md order: next deadline ascending, then id; no deadline last.
	want := []string{"K-2026-0001", "K-2026-0008", "K-2026-0003", "K-2026-0002", "K-2026-0007", "K-2026-0004", "K-2026-0005"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Fatalf("queue order\n got %v\nwant %v", ids, want)
	}
	lines := strings.Split(a.View(), "\n")
	// Title, view line, header, then rows: the first rows are overdue (!), then due soon (•).
	if !strings.HasPrefix(lines[3], "!> ") || !strings.Contains(lines[3], "Åse") || !strings.HasPrefix(lines[4], "•  ") {
		t.Errorf("first row should be overdue and Åse's, the next due soon: %q", lines[3])
	}
}

func TestQueueNavigationAndViews(t *testing.T) {
	a := startApp(t, newTestCommon(t, Danish))
	q := a.top().(*Queue)
	a = send(t, a, keys("j j")...)
	if q.cursor != 2 {
		t.Fatalf("cursor after j j = %d", q.cursor)
	}
	a = send(t, a, keys("k G")...)
	if q.cursor != len(q.shown)-1 {
		t.Fatalf("G should go to the last row, cursor %d of %d", q.cursor, len(q.shown))
	}
	a = send(t, a, keys("tab")...) // mine: anne's cases
	for _, i := range q.shown {
		if q.open.entries[i].Caseworker != "anne" {
			t.Errorf("my cases shows %s of %s", q.open.entries[i].CaseID, q.open.entries[i].Caseworker)
		}
	}
	if len(q.shown) != 2 {
		t.Errorf("anne has 2 open cases, view shows %d", len(q.shown))
	}
	a = send(t, a, keys("tab")...) // overdue
	for _, i := range q.shown {
		if !q.open.entries[i].Overdue(td("2026-11-25")) {
			t.Errorf("overdue view shows %s due %s", q.open.entries[i].CaseID, q.open.entries[i].Due)
		}
	}
	a = send(t, a, keys("tab")...) // every case, closed and rejected too
	if v := q.views[q.view]; v.kind != "everything" || len(q.shown) != 8 {
		t.Errorf("fourth view is %+v with %d rows, want all 8 cases", v, len(q.shown))
	}
	a = send(t, a, keys("tab")...) // first caseworker: anne
	if v := q.views[q.view]; v.kind != "worker" || v.worker != "anne" {
		t.Errorf("fifth view is %+v", v)
	}
	send(t, a, keys("shift+tab shift+tab shift+tab shift+tab")...)
	if q.view != 0 || len(q.shown) != 7 {
		t.Errorf("back to all: view %d, %d rows", q.view, len(q.shown))
	}
}

func TestQueueSearch(t *testing.T) {
	a := startApp(t, newTestCommon(t, Danish))
	q := a.top().(*Queue)
	a = send(t, a, keys("/")...)
	if !q.Capturing() {
		t.Fatal("/ should start typing a search")
	}
	a = send(t, a, typeText("bjørn")...)
	if len(q.shown) != 1 || q.Selected() != "K-2026-0002" {
		t.Fatalf("search bjørn: %d rows, selected %s", len(q.shown), q.Selected())
	}
	// q while typing is text, not quit.
	a = send(t, a, keys("backspace backspace backspace backspace backspace")...)
	a = send(t, a, typeText("150285-1235")...)
	if len(q.shown) != 1 || q.Selected() != "K-2026-0002" {
		t.Fatalf("search by CPR with dash: %d rows", len(q.shown))
	}
	a = send(t, a, keys("enter")...)
	if q.Capturing() || q.search.Value() == "" {
		t.Fatal("enter keeps the search and stops typing")
	}
	send(t, a, keys("esc")...)
	if q.search.Value() != "" || len(q.shown) != 7 {
		t.Fatalf("esc clears the search: %q, %d rows", q.search.Value(), len(q.shown))
	}
}

func TestHelpShowsEveryKey(t *testing.T) {
	a := startApp(t, newTestCommon(t, English))
	a = send(t, a, keys("?")...)
	v := a.View()
	for _, k := range a.top().Keys() {
		if !strings.Contains(v, k.Help().Key) {
			t.Errorf("help lacks %q", k.Help().Key)
		}
	}
	a = send(t, a, keys("esc")...)
	if a.help {
		t.Fatal("esc closes help")
	}
}

func TestQuitKey(t *testing.T) {
	a := startApp(t, newTestCommon(t, Danish))
	if _, quit := drive(a, keys("q")...); !quit {
		t.Fatal("q on the queue quits")
	}
}

// A caseworker's view stays that caseworker's when the list of caseworkers changes.
func TestQueueViewSurvivesReload(t *testing.T) {
	c := newTestCommon(t, English)
	a := startApp(t, c)
	q := a.top().(*Queue)
	a = send(t, a, keys("tab tab tab tab tab")...) // all, mine, overdue, everything, anne, bo
	if v := q.views[q.view]; v.worker != "bo" {
		t.Fatalf("view %+v, want bo's", v)
	}
	// Bo's cases go to anne: bo leaves the list of caseworkers.
	for _, id := range []string{"K-2026-0002", "K-2026-0007", "K-2026-0008"} {
		if err := storeEdit(c, id, "anne", func(k *model.Case) (string, error) {
			k.Events = append(k.Events, model.Event{Type: model.Assigned, Date: td("2026-11-25"), To: "anne"})
			return "", nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	send(t, a, tea.KeyMsg{Type: tea.KeyCtrlR})
	if v := q.views[q.view]; v.kind != "all" {
		t.Errorf("bo's view is gone: back to all, not %+v", v)
	}
}

func TestCaseViewTinyWindow(t *testing.T) {
	a := startApp(t, newTestCommon(t, Danish))
	a = send(t, a, keys("enter")...)
	for _, w := range []int{1, 10, 19, 20, 40} {
		a = send(t, a, tea.WindowSizeMsg{Width: w, Height: 10})
		_ = a.View() // must not panic
	}
}

// Searching must not reveal the hidden last four digits of a CPR number
// one digit at a time: they match only as a whole, exact number.
func TestQueueSearchDoesNotRevealCPR(t *testing.T) {
	a := startApp(t, newTestCommon(t, Danish))
	q := a.top().(*Queue)
	for _, tc := range []struct {
		typed string
		rows  int
	}{
		{"150285", 1},      // the birth date, shown in the list anyway
		{"150285-1", 0},    // a first hidden digit: no answer either way
		{"1502851", 0},     //
		{"150285-1235", 1}, // the whole number
		{"150285-1234", 0}, // a wrong whole number
	} {
		a = send(t, a, keys("/")...)
		q.search.clear()
		a = send(t, a, typeText(tc.typed)...)
		if len(q.shown) != tc.rows {
			t.Errorf("search %q: %d rows, want %d", tc.typed, len(q.shown), tc.rows)
		}
		a = send(t, a, keys("enter")...)
		if strings.Contains(a.View(), "1235") {
			t.Errorf("search %q: the screen shows the hidden digits", tc.typed)
		}
	}
}

func TestCtrlCQuitsFromHelp(t *testing.T) {
	a := startApp(t, newTestCommon(t, Danish))
	a = send(t, a, keys("?")...)
	if _, quit := drive(a, keys("ctrl+c")...); !quit {
		t.Fatal("ctrl+c quits even with the help open")
	}
}

// While typing, ? is text: the help line names the key that works then.
func TestHelpLineWhileTyping(t *testing.T) {
	a := startApp(t, newTestCommon(t, English))
	lines := strings.Split(a.View(), "\n")
	if !strings.Contains(lines[len(lines)-1], "? all keys") {
		t.Fatalf("help line: %q", lines[len(lines)-1])
	}
	a = send(t, a, keys("/")...)
	lines = strings.Split(a.View(), "\n")
	if !strings.Contains(lines[len(lines)-1], "f1 all keys") {
		t.Errorf("while typing the help line should offer f1: %q", lines[len(lines)-1])
	}
	a = send(t, a, keys("f1")...)
	if !a.help {
		t.Error("f1 opens the help while typing")
	}
}
