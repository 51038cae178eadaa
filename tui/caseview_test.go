package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/model"
)

// caseRich gives K-2026-0008 a fuller history than the fixture's: a place
// and a note at the first meeting, a planned coordinating meeting that is
// now overdue, and a follow-up meeting with a note long enough to wrap.
func caseRich(t *testing.T, c *Common) {
	t.Helper()
	err := storeEdit(c, "K-2026-0008", "bo", func(cs *model.Case) (string, error) {
		for i := range cs.Events {
			if cs.Events[i].Type == model.FirstMeeting {
				cs.Events[i].Place, cs.Events[i].Note, cs.Events[i].By = "Caféen på torvet", "Borgeren vil selv styre tempoet.", "bo"
			}
		}
		return "", nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []model.Event{
		{Type: model.CoordinationPlanned, Date: td("2026-11-12"), Scope: "internal", By: "bo"},
		{Type: model.MeetingHeld, Date: td("2026-11-20"), Kind: "followup", By: "bo",
			Note: "Borgeren vil gerne have hjælp til at få styr på økonomien; vi mødes igen med boligforeningen og jobcentret, når borgeren er klar."},
	} {
		if err := storeRecord(c, "K-2026-0008", "bo", e); err != nil {
			t.Fatal(err)
		}
	}
}

// caseOpen starts the desk and opens a case on top of the queue.
func caseOpen(t *testing.T, c *Common, id string) *App {
	t.Helper()
	a := startApp(t, c)
	a = send(t, a, pushMsg{openCase(c, id)})
	if _, ok := a.top().(*CaseView); !ok {
		t.Fatalf("top screen is %T, want the case view", a.top())
	}
	return a
}

// caseEvents reads a case's events from the store.
func caseEvents(t *testing.T, c *Common, id string) []model.Event {
	t.Helper()
	cs, err := c.Store.Case(id)
	if err != nil {
		t.Fatal(err)
	}
	return cs.Events
}

func TestCaseViewGolden(t *testing.T) {
	c := newTestCommon(t, Danish)
	caseRich(t, c)
	a := caseOpen(t, c, "K-2026-0008")
	requireGolden(t, a.View())
}

func TestCaseViewGoldenEnglish(t *testing.T) {
	c := newTestCommon(t, English)
	caseRich(t, c)
	a := caseOpen(t, c, "K-2026-0008")
	requireGolden(t, a.View())
}

func TestCaseViewGoldenNarrow(t *testing.T) {
	c := newTestCommon(t, Danish)
	caseRich(t, c)
	a := caseOpen(t, c, "K-2026-0008")
	a = send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24})
	requireGolden(t, a.View())
}

func TestCaseContactFormGolden(t *testing.T) {
	a := caseOpen(t, newTestCommon(t, Danish), "K-2026-0001")
	a = send(t, a, keys("c")...)
	requireGolden(t, a.View())
}

func TestCaseViewOverdueMarkAndMaskedCPR(t *testing.T) {
	a := caseOpen(t, newTestCommon(t, Danish), "K-2026-0001")
	v := a.View()
	if strings.Contains(v, "0101901234") || strings.Contains(v, "010190-1234") || !strings.Contains(v, "010190-••••") {
		t.Error("the case view shows the CPR number masked, never in full")
	}
	// Assigned Tue 2026-11-17: contact due WD(…, 2) = Thu 2026-11-19, overdue on the 25th.
	found := false
	for _, l := range strings.Split(v, "\n") {
		if strings.Contains(l, "Kontakt borgeren") && strings.Contains(l, "2026-11-19") {
			found = true
			if !strings.HasPrefix(l[1:], "! ") || !strings.Contains(l, "overskredet, 4 hd. over") {
				t.Errorf("the overdue contact deadline should be marked: %q", l)
			}
		}
	}
	if !found {
		t.Errorf("no contact deadline in\n%s", v)
	}
}

func TestCaseOpenFromQueueAndBack(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := startApp(t, c)
	a = send(t, a, keys("enter")...) // the first row: K-2026-0001
	cv, ok := a.top().(*CaseView)
	if !ok || cv.id != "K-2026-0001" {
		t.Fatalf("enter should open K-2026-0001, top is %T", a.top())
	}
	if v := a.View(); !strings.Contains(v, "Åse Fiktivsen") || !strings.Contains(v, "Sag K-2026-0001") {
		t.Errorf("case view lacks the citizen or the title:\n%s", v)
	}
	a = send(t, a, keys("esc")...)
	if _, ok := a.top().(*Queue); !ok || len(a.stack) != 1 {
		t.Fatalf("esc should go back to the queue, top is %T", a.top())
	}
}

func TestCaseScroll(t *testing.T) {
	c := newTestCommon(t, Danish)
	caseRich(t, c)
	a := caseOpen(t, c, "K-2026-0008")
	a = send(t, a, tea.WindowSizeMsg{Width: 80, Height: 16})
	cv := a.top().(*CaseView)
	last := "Møde holdt"
	if strings.Contains(a.View(), last) {
		t.Fatal("the test needs a case longer than the window")
	}
	// The cursor starts on the next deadline, the overdue coordinating meeting.
	if o, _, _ := cv.selected(); o == nil || o.Rule != "coordinating_meeting" {
		t.Fatalf("the cursor starts on %+v", o)
	}
	a = send(t, a, keys("j j")...)
	if o, _, _ := cv.selected(); o == nil || o.Rule != "needs_assessment" {
		t.Errorf("j j: on %+v", o)
	}
	a = send(t, a, keys("G")...)
	if _, ev, _ := cv.selected(); !strings.Contains(a.View(), last) || ev < 0 || cv.cs.Events[ev].Type != model.MeetingHeld {
		t.Errorf("G goes to the last event and shows it:\n%s", a.View())
	}
	a = send(t, a, keys("down pgdown")...)
	if !strings.Contains(a.View(), last) || cv.sel != cv.rowCount()-1 {
		t.Error("moving stops at the end")
	}
	a = send(t, a, keys("g")...)
	if cv.offset != 0 || cv.sel != 0 {
		t.Errorf("g: offset %d, row %d", cv.offset, cv.sel)
	}
	a = send(t, a, keys("pgdown")...)
	if cv.sel != cv.pageRows() || cv.offset == 0 {
		t.Errorf("pgdown: row %d, offset %d, page %d", cv.sel, cv.offset, cv.pageRows())
	}
	// Every row the cursor stands on is on screen, all its lines.
	for i := 0; i < cv.rowCount(); i++ {
		a = send(t, a, keys("j")...)
		_, rows := cv.body()
		if r := rows[cv.sel]; r[0] < cv.offset || r[1] >= cv.offset+cv.page() {
			t.Fatalf("row %d (lines %v) out of view at offset %d", cv.sel, r, cv.offset)
		}
	}
}

func TestCaseLogContactAttempt(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := startApp(t, c)
	a = send(t, a, keys("enter c")...) // open K-2026-0001, then the contact form
	if _, ok := a.top().(*Form); !ok {
		t.Fatalf("c should open the contact form, top is %T", a.top())
	}
	// The date is preset to "i dag"; → picks the first channel, space ticks reached.
	a = send(t, a, keys("tab right tab space tab")...)
	a = send(t, a, typeText("Mødt ved åen, glad for besøget")...)
	a = send(t, a, keys("ctrl+s")...)

	if _, ok := a.top().(*CaseView); !ok {
		t.Fatalf("saving goes back to the case view, top is %T", a.top())
	}
	if a.status.text != "Gemt." || a.status.err {
		t.Errorf("status %+v", a.status)
	}
	evs := caseEvents(t, c, "K-2026-0001")
	e := evs[len(evs)-1]
	if e.Type != model.ContactAttempt || e.Date != td("2026-11-25") || e.Channel != "phone" ||
		!e.IsReached() || e.Note != "Mødt ved åen, glad for besøget" || e.By != "anne" {
		t.Errorf("stored event %+v", e)
	}
	// The case view reloaded: the new event is in its history.
	if v := a.View(); !strings.Contains(v, "Telefon · truffet") {
		t.Errorf("the case view should show the attempt:\n%s", v)
	}
	// The queue reloaded too. Reached on Wed 2026-11-25, the first meeting
	// is due WD(2026-11-25, 5): Thu 26, Fri 27, Mon 30, Tue 1, Wed 2 December.
	q := a.stack[0].(*Queue)
	for _, e := range q.open.entries {
		if e.CaseID == "K-2026-0001" && (e.Rule != "first_meeting" || e.Due != td("2026-12-02")) {
			t.Errorf("queue entry after the attempt: %s due %s, want first_meeting due 2026-12-02", e.Rule, e.Due)
		}
	}
	hist, err := c.Store.History("K-2026-0001")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, h := range hist {
		if h.User == "anne" {
			got[h.Action] = true
		}
	}
	if !got["open"] || !got["event"] {
		t.Errorf("audit history should have anne's open and event: %+v", hist)
	}
}

func TestCaseInvalidDateKeepsInput(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := caseOpen(t, c, "K-2026-0001")
	before := len(caseEvents(t, c, "K-2026-0001"))
	a = send(t, a, keys("c")...)
	a = send(t, a, keys("backspace backspace backspace backspace backspace")...)
	a = send(t, a, typeText("31/2")...)
	a = send(t, a, keys("tab right tab tab")...)
	a = send(t, a, typeText("note")...)
	a = send(t, a, keys("ctrl+s")...)
	f, ok := a.top().(*Form)
	if !ok {
		t.Fatalf("an invalid date keeps the form open, top is %T", a.top())
	}
	if v := a.View(); !strings.Contains(v, "findes ikke") {
		t.Errorf("the date field should say why:\n%s", v)
	}
	if f.Value("date") != "31/2" || f.Value("note") != "note" || f.Chosen("channel") != "phone" {
		t.Error("everything typed is kept")
	}
	if n := len(caseEvents(t, c, "K-2026-0001")); n != before {
		t.Errorf("nothing should be written: %d events, was %d", n, before)
	}
}

func TestCaseFutureDateRefused(t *testing.T) {
	for _, tc := range []struct{ key, date string }{{"c", "+2"}, {"p", "i morgen"}} {
		c := newTestCommon(t, Danish)
		id := "K-2026-0003"
		a := caseOpen(t, c, id)
		before := len(caseEvents(t, c, id))
		a = send(t, a, keys(tc.key+" backspace backspace backspace backspace backspace")...)
		a = send(t, a, typeText(tc.date)...)
		a = send(t, a, keys("tab right ctrl+s")...) // the first choice of the form's choice field
		if _, ok := a.top().(*Form); !ok {
			t.Fatalf("%s %s: a future date keeps the form open, top is %T", tc.key, tc.date, a.top())
		}
		if v := a.View(); !strings.Contains(v, "↳ ligger efter i dag") {
			t.Errorf("%s %s: the date field should say why:\n%s", tc.key, tc.date, v)
		}
		if !a.status.err {
			t.Errorf("%s: status should be an error: %+v", tc.key, a.status)
		}
		if n := len(caseEvents(t, c, id)); n != before {
			t.Errorf("%s: nothing should be written", tc.key)
		}
	}
}

func TestCaseDateBeforeReferralRefused(t *testing.T) {
	c := newTestCommon(t, English)
	a := caseOpen(t, c, "K-2026-0001") // referred 2026-11-16
	a = send(t, a, keys("a backspace backspace backspace backspace backspace")...)
	a = send(t, a, typeText("2026-11-10")...)
	a = send(t, a, keys("ctrl+s")...)
	if v := a.View(); !strings.Contains(v, "↳ is before the referral (Mon 16 Nov 2026)") {
		t.Errorf("a date before the referral is refused:\n%s", v)
	}
}

func TestCaseEscOnFormAsks(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := caseOpen(t, c, "K-2026-0001")
	a = send(t, a, keys("c tab right tab tab")...)
	a = send(t, a, typeText("halvt")...)
	a = send(t, a, keys("esc")...)
	if v := a.View(); !strings.Contains(v, "Kassér det indtastede? (j/n)") {
		t.Fatalf("esc on typed input should ask:\n%s", v)
	}
	a = send(t, a, keys("n")...)
	f, ok := a.top().(*Form)
	if !ok || f.Value("note") != "halvt" || f.Chosen("channel") != "phone" {
		t.Fatalf("n keeps the form and its input (top %T)", a.top())
	}
	a = send(t, a, keys("esc j")...)
	if _, ok := a.top().(*CaseView); !ok {
		t.Fatalf("j discards and goes back, top is %T", a.top())
	}
	// An untouched form goes back at once.
	a = send(t, a, keys("c esc")...)
	if _, ok := a.top().(*CaseView); !ok {
		t.Fatalf("esc on an untouched form goes back, top is %T", a.top())
	}
}

func TestCaseLeaderCannotAct(t *testing.T) {
	c := newTestCommon(t, Danish)
	c.Role = model.Leader
	a := caseOpen(t, c, "K-2026-0001")
	for _, act := range caseActions {
		k := act.binding(&c.Keys.Case).Keys()[0]
		a = send(t, a, keys(k)...)
		if _, ok := a.top().(*CaseView); !ok {
			t.Fatalf("%s: a leader got %T", k, a.top())
		}
		if a.status.text != c.T("problem.read_only") {
			t.Errorf("%s: status %q", k, a.status.text)
		}
	}
}

func TestCaseRefusals(t *testing.T) {
	for _, tc := range []struct {
		id, key, want string
	}{
		{"K-2026-0006", "c", "Sagen blev afvist ved visiteringen"},
		{"K-2026-0006", "o", "Sagen blev afvist ved visiteringen"},
		{"K-2026-0007", "c", "Sagen er afsluttet"},
		{"K-2026-0007", "x", "Sagen er afsluttet"},
		{"K-2026-0004", "c", "ikke visiteret endnu"},
		{"K-2026-0003", "o", "først registreres, når sagen er afsluttet"},
		{"K-2026-0003", "f", "Første samtale er allerede registreret (tir 27. okt 2026)"},
	} {
		c := newTestCommon(t, Danish)
		a := caseOpen(t, c, tc.id)
		before := len(caseEvents(t, c, tc.id))
		a = send(t, a, keys(tc.key)...)
		if _, ok := a.top().(*CaseView); !ok {
			t.Errorf("%s %s: should be refused, got %T", tc.id, tc.key, a.top())
			continue
		}
		if !strings.Contains(a.status.text, tc.want) {
			t.Errorf("%s %s: status %q, want %q", tc.id, tc.key, a.status.text, tc.want)
		}
		if len(caseEvents(t, c, tc.id)) != before {
			t.Errorf("%s %s: something was written", tc.id, tc.key)
		}
	}
}

func TestCaseFollowupAfterClose(t *testing.T) {
	c := newTestCommon(t, English)
	a := caseOpen(t, c, "K-2026-0007") // closed 2026-06-01, follow-up due 2026-12-01
	a = send(t, a, keys("o ctrl+s")...)
	evs := caseEvents(t, c, "K-2026-0007")
	if e := evs[len(evs)-1]; e.Type != model.FollowupDone || e.Date != td("2026-11-25") {
		t.Fatalf("follow-up not recorded: %+v", e)
	}
	if v := a.View(); !strings.Contains(v, "met on 2026-11-25") {
		t.Errorf("the follow-up deadline should be met:\n%s", v)
	}
}

// Each action records its event with the fields its form asks for.
func TestCaseActionsRecordEvents(t *testing.T) {
	for _, tc := range []struct {
		keys  string
		warns bool // the save asks first
		check func(e model.Event) bool
	}{
		{"a tab", false, func(e model.Event) bool { return e.Type == model.AdviceGiven }},
		{"p tab right right", false, func(e model.Event) bool { return e.Type == model.CoordinationPlanned && e.Scope == "external" }},
		{"m tab right", false, func(e model.Event) bool { return e.Type == model.MeetingHeld && e.Kind == "coordinating" }},
		{"s", true, func(e model.Event) bool { return e.Type == model.MinutesSent }}, // no coordinating meeting yet
		{"b tab right", false, func(e model.Event) bool { return e.Type == model.NeedsAssessed && e.Outcome == "ordinary_casework" }},
		{"x tab right right right", true, func(e model.Event) bool { return e.Type == model.Closed && e.Reason == "declined" }}, // needs unassessed
		{"n", false, func(e model.Event) bool { return e.Type == model.Note && e.Note == "Ringede" }},
	} {
		c := newTestCommon(t, Danish)
		a := caseOpen(t, c, "K-2026-0003")
		a = send(t, a, keys(tc.keys)...)
		if tc.keys == "n" {
			a = send(t, a, typeText("Ringede")...)
		}
		a = send(t, a, keys("ctrl+s")...)
		if f, ok := a.top().(*Form); ok && tc.warns && f.warn != nil {
			if len(caseEvents(t, c, "K-2026-0003")) != 5 {
				t.Errorf("%q: written before the warning was answered", tc.keys)
			}
			a = send(t, a, keys("j")...)
		} else if tc.warns {
			t.Errorf("%q: should have asked first", tc.keys)
		}
		if _, ok := a.top().(*CaseView); !ok {
			t.Errorf("%q: not saved, top %T, status %q\n%s", tc.keys, a.top(), a.status.text, a.View())
			continue
		}
		evs := caseEvents(t, c, "K-2026-0003")
		if e := evs[len(evs)-1]; !tc.check(e) || e.Date != td("2026-11-25") || e.By != "anne" {
			t.Errorf("%q: stored %+v", tc.keys, e)
		}
	}
}

func TestCaseRequiredChoice(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := caseOpen(t, c, "K-2026-0003")
	a = send(t, a, keys("x ctrl+s")...)
	if _, ok := a.top().(*Form); !ok {
		t.Fatal("closing without a reason is refused")
	}
	if !strings.Contains(a.View(), "Årsag *") || !strings.Contains(a.View(), "↳ skal udfyldes") {
		t.Errorf("the reason should be marked:\n%s", a.View())
	}
}

func TestCaseReassign(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := caseOpen(t, c, "K-2026-0001") // anne's; bo is the only other caseworker
	a = send(t, a, keys("r right")...)
	f, ok := a.top().(*Form)
	if !ok || f.Chosen("to") != "bo" {
		t.Fatalf("r offers the other caseworkers (top %T)", a.top())
	}
	a = send(t, a, keys("ctrl+s")...)
	cs, _ := c.Store.Case("K-2026-0001")
	e := cs.Events[len(cs.Events)-1]
	if e.Type != model.Assigned || e.To != "bo" || e.By != "anne" || cs.Caseworker() != "bo" {
		t.Errorf("reassignment stored %+v, caseworker %s", e, cs.Caseworker())
	}
	if v := a.View(); !strings.Contains(v, "Sagsbehandler: bo") {
		t.Errorf("the header should show the new caseworker:\n%s", v)
	}

	c.Role = model.Caseworker
	a = send(t, a, keys("r")...)
	if a.status.text != c.T("problem.not_allowed") {
		t.Errorf("a caseworker cannot reassign: %q", a.status.text)
	}
}

func TestCaseHelpListsActions(t *testing.T) {
	a := caseOpen(t, newTestCommon(t, English), "K-2026-0001")
	a = send(t, a, keys("?")...)
	v := a.View()
	for _, k := range a.top().Keys() {
		if !strings.Contains(v, k.Help().Key) || !strings.Contains(v, k.Help().Desc) {
			t.Errorf("help lacks %q %q", k.Help().Key, k.Help().Desc)
		}
	}
}

// A task's deadline is met from the desk: d, choose it, save.
func TestCaseMarkTaskDone(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := startApp(t, c)
	q := a.top().(*Queue)
	a = send(t, a, keys("/")...)
	a = send(t, a, typeText("Ib")...)
	a = send(t, a, keys("enter enter")...)
	if q.Selected() != "K-2026-0008" {
		t.Fatalf("selected %s", q.Selected())
	}
	a = send(t, a, keys("d")...)
	if _, ok := a.top().(*Form); !ok {
		t.Fatalf("d opened %T; status %q", a.top(), a.status.text)
	}
	a = send(t, a, keys("ctrl+s")...) // the only open task is chosen already; today
	cs, err := c.Store.Case("K-2026-0008")
	if err != nil {
		t.Fatal(err)
	}
	if !cs.Tasks[0].Done || cs.Tasks[0].DoneOn != td("2026-11-25") {
		t.Fatalf("task: %+v", cs.Tasks[0])
	}
	// The task no longer leads the case: needs assessment (2026-12-10) does.
	for _, i := range q.shown {
		if e := q.open.entries[i]; e.CaseID == "K-2026-0008" && (e.Rule != "needs_assessment" || e.Due != td("2026-12-10")) {
			t.Errorf("queue row after the task is done: %s %s", e.Rule, e.Due)
		}
	}
	a = send(t, a, keys("d")...)
	if a.status.text == "" || !strings.Contains(a.status.text, "ingen åbne") {
		t.Errorf("with nothing open, d says so: %q", a.status.text)
	}
}
