package main

import (
	"strings"
	"testing"
)

// TestDeskFindAndReferAgainAClosedCase: the queue's fourth view lists
// closed and rejected cases too; a search from the first view says when
// it finds a closed case; N on a closed case refers its citizen again,
// the intake form filled in, and the new case names the earlier one. On
// intake, the CPR number of a citizen with a case shows that case before
// anything is saved.
func TestDeskFindAndReferAgainAClosedCase(t *testing.T) {
	t.Parallel()
	d, bin, dbPath := deskOnCaseload(t, 100, 30)
	d.waitFor("1–6 af 6")

	// The fourth view: every case, closed and rejected too.
	d.keys("Tab", "Tab", "Tab")
	s := d.waitForAll("Visning: alle sager, også lukkede og afviste", "1–8 af 8")
	if lineWith(s, "Hanne Lukket", "Afsluttet") == "" || lineWith(s, "Rolf Afvist", "Afvist") == "" {
		t.Errorf("the view of every case lists Hanne's closed and Rolf's rejected case:\n%s", s)
	}
	d.keys("BTab", "BTab", "BTab")
	s = d.waitForAll("Visning: alle åbne sager", "1–6 af 6")
	if strings.Contains(s, "Hanne") || strings.Contains(s, "Rolf") {
		t.Errorf("the first view has open cases only:\n%s", s)
	}

	// A search from the first view finds the closed case elsewhere.
	d.send("/hanne")
	s = d.waitForAll("Søgningen finder også", "tab til »alle sager, også lukkede og afviste«")
	if !strings.Contains(s, "Ingen sager i denne visning") {
		t.Errorf("Hanne has no open case:\n%s", s)
	}
	d.keys("Enter") // the search is done: tab is the queue's again
	d.waitUntil("the queue's help line", func(s string) bool { return strings.Contains(d.helpLine(s), "skift visning") })
	d.keys("Tab", "Tab", "Tab")
	s = d.waitForAll("Visning: alle sager, også lukkede og afviste", "1–1 af 1")
	if lineWith(s, "Hanne Lukket", "Afsluttet") == "" {
		t.Errorf("the search in the view of every case finds Hanne's closed case:\n%s", s)
	}
	d.keys("Enter")
	d.waitForAll("Sag K-2026-0005", "Fase: afsluttet")

	// N: a new referral of Hanne, filled in from her closed case.
	d.keys("N")
	s = d.waitFor("Ny henvendelse på borgeren fra K-2026-0005")
	if lineWith(s, "Navn", "Hanne Lukket") == "" || lineWith(s, "CPR-nummer", "060666-••••") == "" || strings.Contains(s, "1239") {
		t.Errorf("the intake form should hold Hanne's name and CPR number, masked:\n%s", s)
	}
	if !strings.Contains(s, "Sagen knyttes til den tidligere sag K-2026-0005.") {
		t.Errorf("the form should say the new case is linked to the closed one:\n%s", s)
	}
	d.keys("C-s")
	d.waitFor("Ret de markerede felter før du gemmer.")
	d.typeText("bol") // the field missing is who refers; the cursor is on it
	d.waitLine("Hvem henviser", "Boligforeninger")
	d.keys("C-s")
	s = d.waitUntil("the referral saved, or a question", func(s string) bool {
		return strings.Contains(s, "Henvendelsen er oprettet som") || strings.Contains(s, "(j/n)")
	})
	if strings.Contains(s, "(j/n)") {
		d.keys("j")
	}
	// After saving, the desk is back on the closed case. (The status may
	// show a moment before the form closes.)
	d.waitForAll("Henvendelsen er oprettet som K-2026-0009.", "Sag K-2026-0005")

	// The new case names the earlier one.
	d.keys("Escape")
	d.waitFor("1–2 af 2") // both of Hanne's cases, in the view of every case
	d.keys("Escape")      // clear the search
	d.waitFor("1–9 af 9")
	d.send("/K-2026-0009\r\r")
	s = d.waitForAll("Sag K-2026-0009", "tidligere sag K-2026-0005")
	if !strings.Contains(s, "Hanne Lukket") || !strings.Contains(s, "Fase: henvisning") {
		t.Errorf("the new case is Hanne's, awaiting triage:\n%s", s)
	}
	d.keys("Escape")
	d.waitFor("Søg: K-2026-0009")

	// Intake: the CPR number of a citizen with an open case shows her case
	// above the fields as soon as it is typed, and saving asks.
	d.keys("n")
	d.waitFor("Ny henvendelse")
	d.typeText("Åse Fiktivsen")
	d.keys("Tab", "Tab", "Tab", "Tab", "010190-1234")
	s = d.waitFor("Borgeren har allerede sager: K-2026-0001 Åse Fiktivsen (kontakt)")
	if strings.Index(s, "Borgeren har allerede sager") > strings.Index(s, "Kontaktoplysninger") {
		t.Errorf("the citizen's cases show in the panel above the fields:\n%s", s)
	}
	d.keys("Tab", "Tab", "Tab", "bol")
	d.waitLine("Hvem henviser", "Boligforeninger")
	d.keys("C-s")
	d.waitForAll("Borgeren har en åben sag (K-2026-0001). Opret en ny alligevel?", "Gem alligevel? (j/n)")
	d.keys("n")
	d.waitGone("Gem alligevel?")
	d.keys("Escape")
	d.waitFor("Kassér det indtastede? (j/n)")
	d.keys("j")
	d.waitFor("Søg: K-2026-0009")
	d.keys("q")
	d.waitFor("EXITED 0")

	cases := exportCases(t, bin, dbPath)
	if len(cases) != 9 {
		t.Errorf("one new case, Hanne's; the second referral of Åse was not saved: %d cases", len(cases))
	}
	again := exportedCase(t, cases, "K-2026-0009")
	if again.Previous != "K-2026-0005" || again.Citizen.Name != "Hanne Lukket" || again.Citizen.CPR != "0606661239" {
		t.Errorf("the new case: previous %q, citizen %+v", again.Previous, again.Citizen)
	}
}

// TestDeskReferAgainListedOnEarlierCase: back on the closed case after
// referring its citizen again, the header's list of the citizen's other
// cases names the new one, as it does when the case is opened afresh.
//
// Fails while the case view reads the case again only on a change of its
// own case (CaseView.Update, changedMsg): the new referral is another case,
// so the header stays as it was until the case is left and opened again.
func TestDeskReferAgainListedOnEarlierCase(t *testing.T) {
	t.Parallel()
	d, _, _ := deskOnCaseload(t, 100, 30)
	d.waitFor("Åse Fiktivsen")
	d.send("/K-2026-0005\r")
	d.waitUntil("the search done", func(s string) bool {
		return strings.Contains(s, "Søgningen finder også") && strings.Contains(d.helpLine(s), "skift visning")
	})
	d.keys("Tab", "Tab", "Tab")
	d.waitForAll("Visning: alle sager, også lukkede og afviste", "Hanne Lukket")
	d.keys("Enter")
	s := d.waitForAll("Sag K-2026-0005", "Fase: afsluttet")
	if strings.Contains(s, "Borgerens andre sager") {
		t.Fatalf("the fixture: Hanne has one case:\n%s", s)
	}
	d.keys("N")
	d.waitFor("Ny henvendelse på borgeren fra K-2026-0005")
	d.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "bol")
	d.waitLine("Hvem henviser", "Boligforeninger")
	d.keys("C-s")
	d.waitForAll("Henvendelsen er oprettet som K-2026-0009.", "Sag K-2026-0005")
	d.waitFor("Borgerens andre sager: K-2026-0009 (henvisning)")
}
