package main

import (
	"path/filepath"
	"strings"
	"testing"

	"tovholder/model"
)

// TestDeskWholeCaseTypedFast takes one referral through the whole
// workflow in one desk session, as a caseworker who knows the desk types:
// each screen's keys in one write, waiting only to see the screen a key
// opens. Intake with screening (16/11), triage (17/11), an attempt that
// does not reach the citizen (18/11) and one that does (19/11), the first
// meeting (23/11), advice and a coordinating meeting planned (24/11), a
// journal note, the meeting held, minutes sent, needs assessed and the
// case closed (25/11). The screen is checked at each step, the database
// at the end.
func TestDeskWholeCaseTypedFast(t *testing.T) {
	t.Parallel()
	needTmux(t)
	bin := buildBinary(t)
	dbPath := filepath.Join(t.TempDir(), "desk.db")
	d := startDesk(t, 120, 50, deskArgs(bin, dbPath)...)
	d.waitFor("Ingen sager i denne visning")

	// Intake: the contact block, the referral dated 16/11, who refers.
	d.keys("n")
	d.waitFor("Ny henvendelse")
	d.send("Søren Ærø Ågård\tPrøvevej 3, 4000 Roskilde\t12345678\t\t100501-4234\t\t\x1516/11\tbol\tKim Ægidius\t")
	// The write ends on who received it, anne: wait for the cursor there.
	d.waitLine("> Modtaget af", "anne")
	s := d.waitForAll("→ 2026-11-16", "Boligforeninger", "Kim Ægidius", "Alder ved henvendelsen: 25 år.")
	if lineWith(s, "Navn", "Søren Ærø Ågård") == "" || lineWith(s, "CPR-nummer", "100501-4234") == "" {
		t.Errorf("the contact block as typed:\n%s", s)
	}
	// Screening: one box of category 1, two of category 2 in two topics.
	d.send("\t \t\t\t \t\t\t ")
	d.waitForAll("I målgruppen efter reglen: ja", "kategori 1: 1 · kategori 2: 2 i 2 emner")
	d.keys("C-s")
	// The status may show a moment before the form closes: wait for the queue.
	d.waitForAll("Henvendelsen er oprettet som K-2026-0001.", "Visning: alle åbne sager", "Søren Ærø Ågård")

	// Triage: a, the caseworker typed, the date 17/11.
	d.keys("t")
	d.waitForAll("Henvendelser, der venter på visitering", "1 venter")
	d.send("aan\t\t\x1517/11")
	d.waitForAll("Tildel sagsbehandler · K-2026-0001", "→ 2026-11-17", "Første frist: Kontakt borgeren senest 2026-11-19.")
	d.waitLine("  Sagsbehandler", "anne")
	d.keys("C-s")
	d.waitForAll("K-2026-0001 er tildelt anne.", "0 venter")
	d.keys("Escape")
	row := d.waitLine("Søren Ærø Ågård", "Kontakt borgeren")
	if !strings.HasPrefix(row, "!") || !strings.Contains(row, "2026-11-19") {
		t.Errorf("the contact deadline, 19/11, is overdue:\n%s", row)
	}
	d.keys("Enter")
	d.waitForAll("Sag K-2026-0001", "Prøvevej 3, 4000 Roskilde · tlf. 12 34 56 78", "Kontaktforsøg: ingen endnu")

	// record presses an action's key, waits for its form, types the rest
	// in one write and waits for the case view to show the result.
	record := func(key, form, typed string, shows ...string) string {
		t.Helper()
		d.keys(key)
		d.waitFor(form + " · K-2026-0001")
		d.send(typed)
		return d.waitLine(shows...)
	}
	record("c", "Kontaktforsøg", "\x1518/11\tsms\t\tSendt sms om et møde\x13", "Nyt kontaktforsøg", "2026-11-20")
	s = d.waitFor("Kontaktforsøg: 1 (sms 1), ikke truffet endnu")
	if l := lineWith(s, "2026-11-18", "Kontaktforsøg"); !strings.Contains(l, "SMS · ikke truffet · notat: Sendt sms om et møde") {
		t.Errorf("the first attempt:\n%s", s)
	}
	record("c", "Kontaktforsøg", "\x1519/11\ttel\t \tTalte med Søren\x13", "Første samtale", "2026-11-26")
	d.waitFor("Kontaktforsøg: 2 (sms 1, telefon 1), truffet 2026-11-19")
	record("f", "Første samtale", "\x1523/11\tCaféen på torvet\tSøren vil selv styre tempoet\x13", "2026-11-23", "sted: Caféen på torvet")
	s = d.waitForAll("Fase: behov", "Behovsvurdering")
	for _, due := range [][]string{{"Råd og vejledning", "2026-11-25"}, {"Behovsvurdering", "2026-12-23"}} {
		if lineWith(s, due...) == "" {
			t.Errorf("after the first meeting %s is due %s:\n%s", due[0], due[1], s)
		}
	}
	record("a", "Råd og vejledning givet", "\x1524/11\tBoligstøtte og gældsrådgivning\x13", "2026-11-24", "Råd og vejledning givet", "Boligstøtte")

	// The note: n and the text in one write (the note box comes first).
	d.send("nSøren ønsker et møde med jobcentret.\rBoligforeningen deltager.\x13")
	// The form's box shows the text too: wait for the history's row,
	// which ends "af anne".
	d.waitLine("Boligforeningen deltager.", "af anne")
	d.waitLine("2026-11-25", "Notat", "Søren ønsker et møde med jobcentret.")

	record("p", "Koordinerende møde planlagt", "\x1524/11\tint\x13", "Koordinerende møde", "2026-11-30")
	d.waitLine("Koordinerende møde planlagt", "Interne parter i kommunen")
	record("m", "Møde holdt", "\tkoo\tJobcentret og boligforeningen deltog\x13", "Send referat", "2026-12-02")
	d.waitLine("Møde holdt", "Koordinerende møde", "Jobcentret")
	record("s", "Referat sendt", "\x13", "2026-11-25", "Referat sendt", "af anne")
	record("b", "Behov vurderet", "\tord\x13", "Behov vurderet", "Ordinær sagsbehandling")
	d.waitFor("Fase: overgang")
	record("x", "Afslut sagen", "\tove\x13", "Afsluttet", "Overdraget til ordinær indsats")
	s = d.waitForAll("Fase: afsluttet", "Opfølgning efter afslutning")
	if l := lineWith(s, "Opfølgning efter afslutning", "2027-05-25"); !strings.Contains(l, "åbner 2027-02-25") {
		t.Errorf("after closing, the follow-up falls between 3 and 6 months on:\n%s", s)
	}
	if strings.Contains(s, "for sent") || strings.Contains(s, "ikke overholdt") || strings.Contains(s, "overskredet") {
		t.Errorf("every deadline was met on time:\n%s", s)
	}
	d.keys("Escape")
	row = d.waitLine("Søren Ærø Ågård", "Opfølgning efter")
	if !strings.Contains(row, "2027-05-25") {
		t.Errorf("the queue shows the follow-up after closing due 2027-05-25:\n%s", row)
	}
	d.keys("q")
	d.waitFor("EXITED 0")

	// The database.
	cases := exportCases(t, bin, dbPath)
	if len(cases) != 1 {
		t.Fatalf("want 1 case, got %d", len(cases))
	}
	c := cases[0]
	if c.ID != "K-2026-0001" || c.Citizen.Name != "Søren Ærø Ågård" || c.Citizen.CPR != "1005014234" ||
		c.Citizen.Address != "Prøvevej 3, 4000 Roskilde" || c.Citizen.Phone != "12345678" {
		t.Errorf("citizen: %+v", c.Citizen)
	}
	if s := c.Screening; s == nil || !s.Recommended || !s.InTargetGroup || len(s.Category1) != 1 || len(s.Category2) != 2 || s.Date.String() != "2026-11-16" {
		t.Errorf("screening: %+v", c.Screening)
	}
	var got []string
	for _, e := range c.Events {
		f := []string{string(e.Type), e.Date.String()}
		for _, v := range []string{e.Source, e.Referrer, e.To, e.Channel, e.Place, e.Scope, e.Kind, e.Outcome, e.Reason, e.Note} {
			if v != "" {
				f = append(f, v)
			}
		}
		if e.Type == model.ContactAttempt {
			f = append(f, map[bool]string{true: "reached", false: "not reached"}[e.IsReached()])
		}
		if e.By != "anne" {
			f = append(f, "by "+e.By)
		}
		got = append(got, strings.Join(f, " | "))
	}
	want := []string{
		"referral_received | 2026-11-16 | housing_association | Kim Ægidius",
		"assigned | 2026-11-17 | anne",
		"contact_attempt | 2026-11-18 | sms | Sendt sms om et møde | not reached",
		"contact_attempt | 2026-11-19 | phone | Talte med Søren | reached",
		"first_meeting | 2026-11-23 | Caféen på torvet | Søren vil selv styre tempoet",
		"advice_given | 2026-11-24 | Boligstøtte og gældsrådgivning",
		"note | 2026-11-25 | Søren ønsker et møde med jobcentret.\nBoligforeningen deltager.",
		"coordination_planned | 2026-11-24 | internal",
		"meeting_held | 2026-11-25 | coordinating | Jobcentret og boligforeningen deltog",
		"minutes_sent | 2026-11-25",
		"needs_assessed | 2026-11-25 | ordinary_casework",
		"closed | 2026-11-25 | handed_over",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := queueJSON(t, bin, dbPath), `[{"case":"K-2026-0001","due":"2027-05-25","rule":"followup_after_close","overdue":false}]`; got != want {
		t.Errorf("queue --json:\n got %s\nwant %s", got, want)
	}
}
