package main

import (
	"encoding/json"
	"strings"
	"testing"

	"tovholder/model"
)

// queueRow is one row of `queue --json`.
type queueRow struct {
	Case    string `json:"case"`
	Due     string `json:"due"`
	Rule    string `json:"rule"`
	Overdue bool   `json:"overdue"`
}

// queueRowOf is the queue --json row of one case.
func queueRowOf(t *testing.T, bin, dbPath, id string) queueRow {
	t.Helper()
	out := queueJSON(t, bin, dbPath)
	var rows []queueRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("queue --json does not decode: %v\n%s", err, out)
	}
	for _, r := range rows {
		if r.Case == id {
			return r
		}
	}
	t.Fatalf("queue --json has no row for %s:\n%s", id, out)
	return queueRow{}
}

// TestDeskContactRetry: a citizen tried once and not reached is due
// another attempt within two working days of it (contact_retry), in the
// queue and in queue --json; each unreached attempt logged at the desk
// moves that to two working days after it; the case view counts the
// attempts by channel; an attempt that reaches the citizen hands over to
// the first meeting.
func TestDeskContactRetry(t *testing.T) {
	t.Parallel()
	needTmux(t)
	bin := buildBinary(t)
	cases := []model.Case{
		// Tried by phone on Thursday 19/11: another attempt is due
		// WD(19/11, 2) = Monday 23/11, overdue by today.
		{ID: "K-2026-0001", Citizen: model.Citizen{Name: "Mette Uopnået", CPR: "1212921234"}, Events: []model.Event{
			fxReferral("2026-11-16"), fxAssigned("2026-11-17", "anne"), fxAttempt("2026-11-19", "phone", false)}},
		{ID: "K-2026-0002", Citizen: model.Citizen{Name: "Bjørn Prøvesen", CPR: "1502851235"}, Events: []model.Event{
			fxReferral("2026-11-18"), fxAssigned("2026-11-23", "bo"), fxAttempt("2026-11-24", "phone", true)}},
	}
	dbPath := importCases(t, bin, cases)
	if got, want := queueRowOf(t, bin, dbPath, "K-2026-0001"), (queueRow{"K-2026-0001", "2026-11-23", "contact_retry", true}); got != want {
		t.Errorf("queue --json before the desk: got %+v, want %+v", got, want)
	}

	d := startDesk(t, 100, 30, deskArgs(bin, dbPath)...)
	row := d.waitLine("Mette Uopnået", "Nyt kontaktforsøg")
	if !strings.Contains(row, "2026-11-23") || !strings.Contains(row, "2 hd. over") || !strings.HasPrefix(row, "!") {
		t.Errorf("the queue row should say a new attempt was due 2026-11-23, overdue (!):\n%s", row)
	}
	d.keys("Enter")
	s := d.waitForAll("Sag K-2026-0001", "Kontaktforsøg: 1 (telefon 1), ikke truffet endnu")
	if l := lineWith(s, "Nyt kontaktforsøg", "2026-11-23"); !strings.Contains(l, "overskredet, 2 hd. over") {
		t.Errorf("the case view should show the retry overdue:\n%s", s)
	}
	if l := lineWith(s, "Kontakt borgeren", "2026-11-19"); !strings.Contains(l, "overholdt 2026-11-19") {
		t.Errorf("the first attempt met the contact deadline:\n%s", s)
	}

	// Another attempt, by SMS on Tuesday 24/11, not reached: the next is
	// due WD(24/11, 2) = Thursday 26/11.
	d.contactAttempt("K-2026-0001", "24/11", "sms", "SMS", false)
	s = d.waitFor("Kontaktforsøg: 2 (telefon 1, sms 1), ikke truffet endnu")
	if l := lineWith(s, "Nyt kontaktforsøg", "2026-11-26"); !strings.Contains(l, "aktiv, 1 hd. tilbage") {
		t.Errorf("the next attempt is due 2026-11-26:\n%s", s)
	}
	if l := lineWith(s, "Nyt kontaktforsøg", "2026-11-23"); !strings.Contains(l, "overholdt for sent 2026-11-24") {
		t.Errorf("the retry due 23/11 was met late by the attempt of 24/11:\n%s", s)
	}
	d.keys("Escape")
	row = d.waitLine("Mette Uopnået", "Nyt kontaktforsøg", "2026-11-26")
	if strings.HasPrefix(row, "!") {
		t.Errorf("the case is no longer overdue:\n%s", row)
	}
	d.keys("q")
	d.waitFor("EXITED 0")
	if got, want := queueRowOf(t, bin, dbPath, "K-2026-0001"), (queueRow{"K-2026-0001", "2026-11-26", "contact_retry", false}); got != want {
		t.Errorf("queue --json after the second attempt: got %+v, want %+v", got, want)
	}

	// A visit today reaches her: the first meeting is due WD(25/11, 5) = 2/12.
	d = startDesk(t, 100, 30, deskArgs(bin, dbPath)...)
	d.waitLine("Mette Uopnået", "Nyt kontaktforsøg")
	d.keys("Enter")
	d.waitFor("Kontaktforsøg: 2 (telefon 1, sms 1)")
	d.contactAttempt("K-2026-0001", "", "bes", "Besøg", true)
	s = d.waitFor("Kontaktforsøg: 3 (telefon 1, sms 1, besøg 1), truffet 2026-11-25")
	if l := lineWith(s, "Første samtale", "2026-12-02"); !strings.Contains(l, "aktiv") {
		t.Errorf("the first meeting is due 2026-12-02:\n%s", s)
	}
	if l := lineWith(s, "Nyt kontaktforsøg", "2026-11-26"); !strings.Contains(l, "overholdt 2026-11-25") {
		t.Errorf("the visit met the retry due 26/11:\n%s", s)
	}
	d.keys("Escape")
	row = d.waitLine("Mette Uopnået", "Første samtale")
	if !strings.Contains(row, "2026-12-02") {
		t.Errorf("the queue should show the first meeting due 2026-12-02:\n%s", row)
	}
	d.keys("q")
	d.waitFor("EXITED 0")
	if got, want := queueRowOf(t, bin, dbPath, "K-2026-0001"), (queueRow{"K-2026-0001", "2026-12-02", "first_meeting", false}); got != want {
		t.Errorf("queue --json after reaching her: got %+v, want %+v", got, want)
	}
	var attempts []string
	mette := exportedCase(t, exportCases(t, bin, dbPath), "K-2026-0001")
	for _, e := range mette.ContactAttempts() {
		attempts = append(attempts, e.Date.String()+" "+e.Channel+" "+map[bool]string{true: "reached", false: "not reached"}[e.IsReached()])
	}
	if got, want := strings.Join(attempts, ", "), "2026-11-19 phone not reached, 2026-11-24 sms not reached, 2026-11-25 visit reached"; got != want {
		t.Errorf("attempts:\n got %s\nwant %s", got, want)
	}
}
