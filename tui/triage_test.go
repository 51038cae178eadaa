package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/db"
	"tovholder/model"
)

// openTriage starts the desk and opens triage from the queue.
func openTriage(t *testing.T, c *Common) (*App, *Triage) {
	t.Helper()
	a := send(t, startApp(t, c), keys("t")...)
	tr, ok := a.top().(*Triage)
	if !ok {
		t.Fatalf("t opened %T, want triage", a.top())
	}
	return a, tr
}

func triageIDs(t *testing.T, st *db.Store) []string {
	t.Helper()
	var ids []string
	if err := st.Triage(func(e db.Entry) bool { ids = append(ids, e.CaseID); return true }); err != nil {
		t.Fatal(err)
	}
	return ids
}

func queueEntry(t *testing.T, st *db.Store, id string) (db.Entry, bool) {
	t.Helper()
	var found db.Entry
	ok := false
	_ = st.Queue(func(e db.Entry) bool {
		if e.CaseID == id {
			found, ok = e, true
			return false
		}
		return true
	})
	return found, ok
}

// addScreenedReferral stores a referral with a screening decided against
// the rule, so the list and the detail pane have one of each kind.
func addScreenedReferral(t *testing.T, c *Common) {
	t.Helper()
	cs := model.Case{
		Citizen: model.Citizen{Name: "Søren Ærø Ågård", CPR: "1005014234"},
		Screening: &model.Screening{Date: td("2026-11-25"), Category2: []string{"a_no_contact", "a_absence"},
			Recommended: false, Reason: string(model.ReasonYoungOneTopic), InTargetGroup: true,
			Justification: "Udsat for udsættelse; kender ikke andre i kommunen"},
		Events: []model.Event{{Type: model.ReferralReceived, Date: td("2026-11-25"), Source: "housing_association",
			Referrer: "Kim Ægidius", ReceivedBy: "bo", By: "bo"}},
	}
	if _, err := c.Store.CreateReferral(asCoordinator("bo"), cs, 2026); err != nil {
		t.Fatal(err)
	}
}

func TestTriageGolden(t *testing.T) {
	c := newTestCommon(t, Danish)
	addScreenedReferral(t, c)
	a, _ := openTriage(t, c)
	a = send(t, a, keys("j j")...)
	requireGolden(t, a.View())
}

func TestTriageGoldenEnglishNarrow(t *testing.T) {
	c := newTestCommon(t, English)
	addScreenedReferral(t, c)
	a, _ := openTriage(t, c)
	a = send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24})
	requireGolden(t, a.View())
}

func TestTriageListOldestFirst(t *testing.T) {
	c := newTestCommon(t, Danish)
	addScreenedReferral(t, c)
	a, tr := openTriage(t, c)
	var ids []string
	for _, e := range tr.rows {
		ids = append(ids, e.CaseID)
	}
	if strings.Join(ids, " ") != "K-2026-0004 K-2026-0005 K-2026-0009" {
		t.Fatalf("triage rows %v", ids)
	}
	lines := strings.Split(a.View(), "\n")
	// Title, heading, column header, then the rows; the cursor on the first.
	if !strings.HasPrefix(lines[3], "> 2026-11-20 3 hd.") || !strings.Contains(lines[3], "Erik Demo") ||
		!strings.Contains(lines[3], "030360-••••") || !strings.Contains(lines[3], "ikke screenet") {
		t.Errorf("first row %q", lines[3])
	}
	if strings.Contains(a.View(), "0303601237") {
		t.Error("the full CPR number is shown")
	}
	if !strings.Contains(lines[5], "ja*") {
		t.Errorf("the override should show as ja*: %q", lines[5])
	}
	a = send(t, a, keys("j down")...)
	if e, _ := tr.selected(); e.CaseID != "K-2026-0009" {
		t.Fatalf("selected %s", e.CaseID)
	}
	a = send(t, a, keys("k up")...)
	if tr.cursor != 0 {
		t.Fatalf("cursor %d", tr.cursor)
	}
	if _, popped := send(t, a, keys("esc")...).top().(*Queue); !popped {
		t.Error("esc goes back to the queue")
	}
}

func TestTriageAccept(t *testing.T) {
	c := newTestCommon(t, Danish)
	a, tr := openTriage(t, c)
	a = send(t, a, keys("a")...)
	f, ok := a.top().(*Form)
	if !ok {
		t.Fatalf("a opened %T", a.top())
	}
	var names []string
	for _, o := range f.field("to").options {
		names = append(names, o.ID)
	}
	if strings.Join(names, " ") != "anne bo" {
		t.Errorf("caseworkers %v", names)
	}
	a = send(t, a, keys("b")...) // jump to bo
	if f.Chosen("to") != "bo" {
		t.Fatalf("chosen %q", f.Chosen("to"))
	}
	if !strings.Contains(a.View(), "Første frist: Kontakt borgeren senest 2026-11-27.") {
		t.Errorf("the form does not say the contact deadline:\n%s", a.View())
	}
	a = send(t, a, keys("enter enter enter")...) // past "or someone new" to the date, and enter on the last field saves
	if a.top() != Screen(tr) {
		t.Fatalf("after accepting, top is %T", a.top())
	}
	cs, err := c.Store.Case("K-2026-0004")
	if err != nil {
		t.Fatal(err)
	}
	last := cs.Events[len(cs.Events)-1]
	if last.Type != model.Assigned || last.To != "bo" || last.By != "anne" || last.Date != td("2026-11-25") {
		t.Fatalf("event %+v", last)
	}
	if ids := triageIDs(t, c.Store); strings.Join(ids, " ") != "K-2026-0005" {
		t.Errorf("triage index after accepting %v", ids)
	}
	if len(tr.rows) != 1 || tr.rows[0].CaseID != "K-2026-0005" {
		t.Errorf("the triage list did not reload: %v", tr.rows)
	}
	e, ok := queueEntry(t, c.Store, "K-2026-0004")
	if !ok || e.Caseworker != "bo" || e.Rule != "contact" || e.Due != td("2026-11-27") {
		t.Errorf("queue entry %+v (found %v), want bo, contact, due 2026-11-27", e, ok)
	}
	if !strings.Contains(a.status.text, "K-2026-0004 er tildelt bo") {
		t.Errorf("status %q", a.status.text)
	}
	// The queue below has reloaded too.
	q := a.stack[0].(*Queue)
	for _, i := range q.shown {
		if en := q.open.entries[i]; en.CaseID == "K-2026-0004" && en.Due != td("2026-11-27") {
			t.Errorf("queue shows %+v", en)
		}
	}
}

func TestTriageAcceptNeedsCaseworker(t *testing.T) {
	c := newTestCommon(t, Danish)
	a, _ := openTriage(t, c)
	a = send(t, a, keys("enter ctrl+s")...)
	f := a.top().(*Form)
	if f.field("to").err == "" {
		t.Fatal("a caseworker must be chosen")
	}
	if cs, _ := c.Store.Case("K-2026-0004"); cs.Has(model.Assigned) {
		t.Fatal("assigned without a caseworker")
	}
	// A date before the referral is refused at the field.
	a = send(t, a, keys("right tab tab")...)
	a = send(t, a, keys("backspace backspace backspace backspace backspace")...)
	a = send(t, a, typeText("2026-11-19")...)
	a = send(t, a, keys("ctrl+s")...)
	if f.field("date").err == "" || a.top() != Screen(f) {
		t.Fatalf("date before the referral accepted: err %q", f.field("date").err)
	}
	if cs, _ := c.Store.Case("K-2026-0004"); cs.Has(model.Assigned) {
		t.Fatal("assigned before the referral")
	}
}

func TestTriageReject(t *testing.T) {
	c := newTestCommon(t, Danish)
	a, tr := openTriage(t, c)
	a = send(t, a, keys("j r")...)
	f, ok := a.top().(*Form)
	if !ok {
		t.Fatalf("r opened %T", a.top())
	}
	if !strings.Contains(a.View(), "gives tilbage til henviser, Kim Fiktiv") {
		t.Errorf("the form does not say the referral goes back:\n%s", a.View())
	}
	a = send(t, a, keys("ctrl+s")...)
	if f.field("reason").err == "" {
		t.Fatal("the reason is required")
	}
	a = send(t, a, typeText("Borgeren har allerede en koordinerende sagsbehandler")...)
	a = send(t, a, keys("ctrl+s")...)
	if a.top() != Screen(tr) {
		t.Fatalf("after rejecting, top is %T", a.top())
	}
	cs, err := c.Store.Case("K-2026-0005")
	if err != nil {
		t.Fatal(err)
	}
	last := cs.Events[len(cs.Events)-1]
	if last.Type != model.Rejected || last.Reason != "Borgeren har allerede en koordinerende sagsbehandler" ||
		last.By != "anne" || last.Date != td("2026-11-25") {
		t.Fatalf("event %+v", last)
	}
	if ids := triageIDs(t, c.Store); strings.Join(ids, " ") != "K-2026-0004" {
		t.Errorf("triage index after rejecting %v", ids)
	}
	if _, ok := queueEntry(t, c.Store, "K-2026-0005"); ok {
		t.Error("a rejected referral stays in the queue")
	}
	if !strings.Contains(a.status.text, "afvist og gives tilbage til henviser: Kim Fiktiv") {
		t.Errorf("status %q", a.status.text)
	}
	if len(tr.rows) != 1 {
		t.Errorf("list not reloaded: %v", tr.rows)
	}
}

func TestTriageCaseworkerMayOnlyLook(t *testing.T) {
	c := newTestCommon(t, Danish)
	c.Role = model.Caseworker
	a, tr := openTriage(t, c)
	for _, k := range []string{"a", "enter", "r"} {
		a = send(t, a, keys(k)...)
		if a.top() != Screen(tr) {
			t.Fatalf("%s opened %T for a caseworker", k, a.top())
		}
		if a.status.text != c.T("problem.not_allowed") {
			t.Errorf("%s: status %q", k, a.status.text)
		}
	}
	if ids := triageIDs(t, c.Store); len(ids) != 2 {
		t.Errorf("triage changed: %v", ids)
	}
	a = send(t, a, keys("j")...)
	if tr.cursor != 1 {
		t.Error("a caseworker may still move through the list")
	}
}

func TestTriageOpenCase(t *testing.T) {
	a, _ := openTriage(t, newTestCommon(t, Danish))
	n := len(a.stack)
	a = send(t, a, keys("o")...)
	if len(a.stack) != n+1 {
		t.Fatalf("o did not open the case view (stack %d)", len(a.stack))
	}
}

func TestTriageAlreadyTriagedElsewhere(t *testing.T) {
	c := newTestCommon(t, Danish)
	a, _ := openTriage(t, c)
	a = send(t, a, keys("a right")...)
	// Another desk assigns it meanwhile.
	if err := storeRecord(c, "K-2026-0004", "bo", model.Event{Type: model.Assigned, Date: td("2026-11-25"), To: "bo"}); err != nil {
		t.Fatal(err)
	}
	a = send(t, a, keys("ctrl+s")...)
	if !a.status.err || !strings.Contains(a.status.text, "allerede visiteret") {
		t.Errorf("status %+v", a.status)
	}
	cs, _ := c.Store.Case("K-2026-0004")
	n := 0
	for _, e := range cs.Events {
		if e.Type == model.Assigned {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d assignments", n)
	}
}

func TestTriageEmpty(t *testing.T) {
	c := newTestCommon(t, Danish)
	a, _ := openTriage(t, c)
	a = send(t, a, keys("r")...)
	a = send(t, a, typeText("Ikke i målgruppen")...)
	a = send(t, a, keys("ctrl+s r")...)
	a = send(t, a, typeText("Ikke i målgruppen")...)
	a = send(t, a, keys("ctrl+s")...)
	if !strings.Contains(a.View(), "Ingen henvendelser venter på visitering.") {
		t.Errorf("empty list:\n%s", a.View())
	}
	a = send(t, a, keys("a r o")...) // nothing to act on: nothing happens
	if _, ok := a.top().(*Triage); !ok {
		t.Errorf("top %T", a.top())
	}
}

func TestTriageGoldenAcceptForm(t *testing.T) {
	a, _ := openTriage(t, newTestCommon(t, Danish))
	a = send(t, a, keys("a right tab tab")...)
	a = send(t, a, keys("backspace backspace backspace backspace backspace")...)
	a = send(t, a, typeText("+1")...)
	requireGolden(t, a.View())
}

func TestTriageGoldenRejectForm(t *testing.T) {
	a, _ := openTriage(t, newTestCommon(t, English))
	a = send(t, a, keys("r ctrl+s")...)
	requireGolden(t, a.View())
}

func TestTriageRefusesFutureDate(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := startApp(t, c)
	a = send(t, a, keys("t a b tab tab")...)
	f := a.top().(*Form)
	a = send(t, a, keys("backspace backspace backspace backspace backspace")...)
	a = send(t, a, typeText("+3")...)
	a = send(t, a, keys("ctrl+s")...)
	if a.top() != Screen(f) || f.field("date").err == "" {
		t.Fatalf("a future triage date must be refused at the field; top %T, error %q", a.top(), f.field("date").err)
	}
	if cs, _ := c.Store.Case("K-2026-0004"); cs.Has(model.Assigned) {
		t.Fatal("nothing may be written")
	}
}
