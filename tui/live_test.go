package tui

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"tovholder/db"
	"tovholder/model"
)

// hear delivers what the store told a subscription since the last time,
// as the desk's listening command would: the test makes the changes first,
// so Wait returns at once.
func hear(t *testing.T, a *App, sub *db.Subscription) *App {
	t.Helper()
	return send(t, a, liveMsg(sub.Wait()))
}

// The queue after changes holds what a scan of the store's indexes gives.
func requireQueueAsRead(t *testing.T, c *Common, q *Queue) {
	t.Helper()
	open, every := scanRows(t, c.Store.Queue), scanRows(t, c.Store.AllCases)
	if !reflect.DeepEqual(q.open.entries, open.entries) || !reflect.DeepEqual(q.open.lower, open.lower) {
		t.Errorf("queue after the changes differs from the index:\n got %v\nwant %v", rowIDs(q.open.entries), rowIDs(open.entries))
	}
	if q.everyRd && (!reflect.DeepEqual(q.every.entries, every.entries) || !reflect.DeepEqual(q.every.lower, every.lower)) {
		t.Errorf("all cases after the changes differ from the index:\n got %v\nwant %v", rowIDs(q.every.entries), rowIDs(every.entries))
	}
	fresh := NewQueue(c)
	for _, m := range runCmd(fresh.Init()) {
		fresh.Update(m)
	}
	if !reflect.DeepEqual(q.views, fresh.views) {
		t.Errorf("views %v, want %v", q.views, fresh.views)
	}
}

// scanRows reads an index whole, cleaned as the screen shows it.
func scanRows(t *testing.T, scan func(func(db.Entry) bool) error) queueRows {
	t.Helper()
	var r queueRows
	err := scan(func(e db.Entry) bool {
		e.Name, e.Caseworker, e.Label = model.CleanLine(e.Name), model.CleanLine(e.Caseworker), model.CleanLine(e.Label)
		e.CaseID = model.CleanLine(e.CaseID)
		r.entries = append(r.entries, e)
		r.lower = append(r.lower, strings.ToLower(e.Name+"\x00"+string(e.CPR[:min(len(e.CPR), 6)])+"\x00"+e.CaseID))
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func rowIDs(es []db.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.CaseID+"@"+e.Due.String()+"/"+e.Rule+"/"+e.Caseworker+"/"+string(e.Phase))
	}
	return out
}

// Another desk's change shows at once, on the queue and with a word on
// the status line; the queue reads only the changed case.
func TestLiveQueueShowsAnotherDesksChange(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := startApp(t, c)
	q := a.top().(*Queue)
	sub := c.Store.Subscribe()
	defer sub.Close()
	a = send(t, a, keys("j j")...) // Ditte, K-2026-0003
	id := q.Selected()
	// bo assesses her needs: her case moves on in the queue.
	if err := storeRecord(c, "K-2026-0003", "bo", model.Event{Type: model.NeedsAssessed, Date: td("2026-11-25"), By: "bo"}); err != nil {
		t.Fatal(err)
	}
	a = hear(t, a, sub)
	if got := a.status.text; got != "bo ændrede K-2026-0003" {
		t.Errorf("status %q", got)
	}
	if !strings.Contains(a.View(), "bo ændrede K-2026-0003") {
		t.Errorf("the status line does not say who changed what:\n%s", a.View())
	}
	if q.Selected() != id {
		t.Errorf("the cursor left %s for %s", id, q.Selected())
	}
	requireQueueAsRead(t, c, q)

	// Every kind of change: a case triaged, one closed, one created, a view
	// of all cases read before the changes.
	a = send(t, a, keys("tab tab tab")...) // all cases, closed too
	if err := storeRecord(c, "K-2026-0004", "bo", model.Event{Type: model.Assigned, Date: td("2026-11-25"), To: "carl", By: "bo"}); err != nil {
		t.Fatal(err)
	}
	if err := storeRecord(c, "K-2026-0002", "bo", model.Event{Type: model.Closed, Date: td("2026-11-25"), Reason: "other", By: "bo"}); err != nil {
		t.Fatal(err)
	}
	newID, err := c.Store.CreateReferral(asCoordinator("bo"), model.Case{Citizen: model.Citizen{Name: "Ny Borger"},
		Events: []model.Event{{Type: model.ReferralReceived, Date: td("2026-11-25"), Source: "doctor"}}}, 2026)
	if err != nil {
		t.Fatal(err)
	}
	a = hear(t, a, sub)
	if got := a.status.text; got != "bo ændrede 3 sager" {
		t.Errorf("status %q", got)
	}
	requireQueueAsRead(t, c, q)
	found := false
	for _, e := range q.every.entries {
		found = found || e.CaseID == newID
	}
	if !found {
		t.Errorf("the new case %s is not among all cases", newID)
	}
	// carl holds a case now: he has a view of his own.
	if !slices.ContainsFunc(q.views, func(v queueView) bool { return v.worker == "carl" }) {
		t.Errorf("no view for carl: %v", q.views)
	}
}

// The desk's own change, heard back from the store, says nothing more
// than its save did.
func TestLiveOwnChangeSaysNothing(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := startApp(t, c)
	sub := c.Store.Subscribe()
	defer sub.Close()
	if err := storeRecord(c, "K-2026-0001", "anne", model.Event{Type: model.Note, Date: td("2026-11-25"), Note: "x", By: "anne"}); err != nil {
		t.Fatal(err)
	}
	a = hear(t, a, sub)
	if a.status.text != "" {
		t.Errorf("status %q after the desk's own change", a.status.text)
	}
}

// An error on the status line stays: news of another desk's change does
// not hide it.
func TestLiveKeepsAnError(t *testing.T) {
	c := newTestCommon(t, English)
	a := startApp(t, c)
	sub := c.Store.Subscribe()
	defer sub.Close()
	a = send(t, a, statusMsg{text: "broken", err: true})
	if err := storeRecord(c, "K-2026-0001", "bo", model.Event{Type: model.Note, Date: td("2026-11-25"), Note: "x", By: "bo"}); err != nil {
		t.Fatal(err)
	}
	a = hear(t, a, sub)
	if a.status.text != "broken" {
		t.Errorf("status %q", a.status.text)
	}
}

// An open case shows another desk's change, and keeps its new version.
func TestLiveCaseViewShowsAnotherDesksChange(t *testing.T) {
	c := newTestCommon(t, English)
	a := caseOpen(t, c, "K-2026-0001")
	v := a.top().(*CaseView)
	sub := c.Store.Subscribe()
	defer sub.Close()
	if err := storeRecord(c, "K-2026-0001", "bo", model.Event{Type: model.ContactAttempt, Date: td("2026-11-25"), Channel: "sms", Reached: reached(false), By: "bo"}); err != nil {
		t.Fatal(err)
	}
	a = hear(t, a, sub)
	if !strings.Contains(a.View(), "Contact attempts: 1 (text message 1)") {
		t.Errorf("the case does not show bo's contact attempt:\n%s", a.View())
	}
	if want, _ := c.Store.Version("K-2026-0001"); v.version != want {
		t.Errorf("version %d, want %d", v.version, want)
	}
	if a.status.text != "bo changed K-2026-0001" {
		t.Errorf("status %q", a.status.text)
	}
}

// The triage list shows a referral triaged at another desk gone.
func TestLiveTriageShowsAnotherDesksChange(t *testing.T) {
	c := newTestCommon(t, Danish)
	a, tr := openTriage(t, c)
	sub := c.Store.Subscribe()
	defer sub.Close()
	n := len(tr.rows)
	if err := storeRecord(c, tr.rows[0].CaseID, "bo", model.Event{Type: model.Assigned, Date: td("2026-11-25"), To: "bo", By: "bo"}); err != nil {
		t.Fatal(err)
	}
	hear(t, a, sub)
	if len(tr.rows) != n-1 {
		t.Errorf("%d referrals await triage, want %d", len(tr.rows), n-1)
	}
}

// Many cases changed at once (an import) read the queue again.
func TestLiveManyChanged(t *testing.T) {
	c := newTestCommon(t, English)
	a := startApp(t, c)
	q := a.top().(*Queue)
	sub := c.Store.Subscribe()
	defer sub.Close()
	extra := model.Case{ID: "K-2026-0100", Citizen: model.Citizen{Name: "Imported Person"},
		Events: []model.Event{{Type: model.ReferralReceived, Date: td("2026-11-24"), Source: "doctor"}}}
	model.Validate(&extra)
	if err := c.Store.Import([]model.Case{extra}, "bo"); err != nil {
		t.Fatal(err)
	}
	a = hear(t, a, sub)
	if a.status.text != "bo changed many cases" {
		t.Errorf("status %q", a.status.text)
	}
	requireQueueAsRead(t, c, q)
	if !strings.Contains(a.View(), "Imported Person") {
		t.Errorf("the imported case is not in the queue:\n%s", a.View())
	}
}

// With a subscription, the desk listens from the start and after every
// notice, until the subscription is closed.
func TestLiveListens(t *testing.T) {
	c := newTestCommon(t, Danish)
	c.Live = c.Store.Subscribe()
	a := New(c)
	if err := storeRecord(c, "K-2026-0001", "bo", model.Event{Type: model.Note, Date: td("2026-11-25"), Note: "x", By: "bo"}); err != nil {
		t.Fatal(err)
	}
	msgs := runCmd(a.Init()) // the notice is waiting: Wait returns at once
	heard := false
	for _, m := range msgs {
		if l, ok := m.(liveMsg); ok && len(l) == 1 && l[0].Case == "K-2026-0001" {
			heard = true
		}
	}
	if !heard {
		t.Fatalf("Init did not listen: %v", msgs)
	}
	// Closed, the next Wait returns nil, and the desk stops listening.
	c.Live.Close()
	m, _ := drive(a, msgs...)
	if got := m.(*App).status.text; got != "bo ændrede K-2026-0001" {
		t.Errorf("status %q", got)
	}
}

// In a running program, with a subscription: a change made elsewhere in
// the process shows on the queue and on the status line.
func TestProgramLive(t *testing.T) {
	c := newTestCommon(t, Danish)
	c.Live = c.Store.Subscribe()
	defer c.Live.Close()
	tm := teatest.NewTestModel(t, New(c), teatest.WithInitialTermSize(testW, testH))
	// Each wait reads the output from where the last stopped.
	waitFor := func(wants ...string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			for _, w := range wants {
				if !bytes.Contains(b, []byte(w)) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	waitFor("Frida Testrup")
	if err := storeEdit(c, "K-2026-0005", "bo", func(cs *model.Case) (string, error) {
		cs.Citizen.Name = "Frida Omdøbt"
		return "", nil
	}); err != nil {
		t.Fatal(err)
	}
	waitFor("bo ændrede K-2026-0005", "Frida Omdøbt")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if v := tm.FinalModel(t).View(); !strings.Contains(v, "Frida Omdøbt") {
		t.Errorf("the queue does not show the new name:\n%s", v)
	}
}
