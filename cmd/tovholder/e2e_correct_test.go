package main

import (
	"strings"
	"testing"

	"tovholder/model"
)

// moveCursorTo presses down on a case view until the selected row (the
// line the > marks) holds every one of parts.
func (d *tmuxDesk) moveCursorTo(parts ...string) string {
	d.t.Helper()
	s := d.screen()
	for range 30 {
		l := cursorLine(s)
		if lineWith(l, parts...) != "" {
			return l
		}
		d.keys("Down")
		s = d.waitUntil("the cursor moving down from "+l, func(s string) bool { return cursorLine(s) != l })
	}
	d.t.Fatalf("the cursor never reached a row with %q:\n%s", parts, s)
	return ""
}

// TestDeskCorrectAMistake: a contact attempt typed with the wrong date
// (2/11, read as the nearest past 2 November) is annulled from the
// history with a reason: it stays, marked ANNULLERET, and the deadlines
// are counted without it; then the attempt is recorded with the right
// date. And a step out of order (minutes with no coordinating meeting)
// asks before saving: n keeps the form, j saves.
func TestDeskCorrectAMistake(t *testing.T) {
	t.Parallel()
	needTmux(t)
	bin := buildBinary(t)
	cases := []model.Case{
		// Assigned Wednesday 28/10: contact due WD(28/10, 2) = 30/10.
		{ID: "K-2026-0001", Citizen: model.Citizen{Name: "Karin Fejlsen", CPR: "1111801234"}, Events: []model.Event{
			fxReferral("2026-10-26"), fxAssigned("2026-10-28", "anne")}},
	}
	dbPath := importCases(t, bin, cases)
	d := startDesk(t, 100, 30, deskArgs(bin, dbPath)...)
	d.waitFor("Karin Fejlsen")
	d.keys("Enter")
	d.waitForAll("Sag K-2026-0001", "Kontaktforsøg: ingen endnu")

	// The mistake: 2/11 for 24/11.
	d.contactAttempt("K-2026-0001", "2/11", "tel", "Telefon", true)
	s := d.waitFor("Kontaktforsøg: 1 (telefon 1), truffet 2026-11-02")
	if l := lineWith(s, "Første samtale", "2026-11-09"); !strings.Contains(l, "overskredet") {
		t.Errorf("reached on 2/11, the first meeting was due WD(2/11, 5) = 9/11:\n%s", s)
	}

	// To the attempt in the history, and u.
	d.moveCursorTo("2026-11-02", "Kontaktforsøg")
	if h := d.helpLine(d.screen()); !strings.Contains(h, "vis hændelsen") {
		t.Errorf("on an event, enter shows it: %q", h)
	}
	d.keys("u")
	s = d.waitFor("Annullér hændelse · K-2026-0001")
	if lineWith(s, "2026-11-02", "Kontaktforsøg", "Telefon", "truffet") == "" {
		t.Errorf("the annul form should say which event it annuls:\n%s", s)
	}
	d.typeText("Forkert dato, var 24/11")
	d.keys("Enter") // the reason is the only field: enter saves
	s = d.waitForAll("Hændelsen er annulleret.", "ANNULLERET 2026-11-25 af anne")
	if !strings.Contains(s, "Forkert dato, var 24/11") || lineWith(s, "2026-11-02", "Kontaktforsøg") == "" {
		t.Errorf("the annulled attempt stays in the history with the reason:\n%s", s)
	}
	if l := lineWith(s, "Kontakt borgeren", "2026-10-30"); !strings.Contains(l, "overskredet") {
		t.Errorf("without the attempt the contact deadline (30/10) is overdue again:\n%s", s)
	}
	if lineWith(s, "Første samtale", "2026-11-09") != "" || !strings.Contains(s, "Kontaktforsøg: ingen endnu") {
		t.Errorf("the annulled attempt counts no more:\n%s", s)
	}

	// The attempt again, with the right date.
	d.contactAttempt("K-2026-0001", "24/11", "tel", "Telefon", true)
	s = d.waitFor("Kontaktforsøg: 1 (telefon 1), truffet 2026-11-24")
	if l := lineWith(s, "Første samtale", "2026-12-01"); !strings.Contains(l, "aktiv") {
		t.Errorf("reached on 24/11, the first meeting is due WD(24/11, 5) = 1/12:\n%s", s)
	}
	if l := lineWith(s, "Kontakt borgeren", "2026-10-30"); !strings.Contains(l, "overholdt for sent 2026-11-24") {
		t.Errorf("the contact deadline was met late on 24/11:\n%s", s)
	}

	// Minutes with no coordinating meeting: the desk asks.
	d.keys("s")
	d.waitFor("Referat sendt · K-2026-0001")
	d.keys("C-s")
	d.waitForAll("Der er ikke registreret noget koordinerende møde", "Gem alligevel? (j/n)")
	d.keys("n")
	s = d.waitGone("Gem alligevel?")
	if !strings.Contains(s, "Referat sendt · K-2026-0001") {
		t.Errorf("n keeps the form:\n%s", s)
	}
	d.keys("C-s")
	d.waitFor("Gem alligevel? (j/n)")
	d.keys("j")
	d.waitLine("2026-11-25", "Referat sendt", "af anne")
	d.keys("Escape")
	d.waitFor("Visning: alle åbne sager")
	d.keys("q")
	d.waitFor("EXITED 0")

	karin := exportedCase(t, exportCases(t, bin, dbPath), "K-2026-0001")
	var got []string
	for _, e := range karin.Events[2:] {
		s := string(e.Type) + " " + e.Date.String()
		if a := e.Annulled; a != nil {
			s += " annulled " + a.Date.String() + " by " + a.By + ": " + a.Reason
		}
		got = append(got, s)
	}
	want := []string{
		"contact_attempt 2026-11-02 annulled 2026-11-25 by anne: Forkert dato, var 24/11",
		"contact_attempt 2026-11-24",
		"minutes_sent 2026-11-25",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := queueRowOf(t, bin, dbPath, "K-2026-0001"), (queueRow{"K-2026-0001", "2026-12-01", "first_meeting", false}); got != want {
		t.Errorf("queue --json: got %+v, want %+v", got, want)
	}
}
