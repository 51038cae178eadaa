package main

import (
	"strings"
	"testing"
)

// TestDeskTriageCaseworkerChoice: on the accept form, typing Ole on the
// caseworker choice never picks tove; the choice offers the caseworkers
// the desk knows (anne, bo, tove) and a field to type someone new; ole
// typed there is assigned, and offered from then on. q quits from the
// triage screen.
func TestDeskTriageCaseworkerChoice(t *testing.T) {
	t.Parallel()
	d, bin, dbPath := deskOnCaseload(t, 100, 30)
	d.keys("t")
	d.waitForAll("Henvendelser, der venter på visitering", "2 venter")
	d.keys("a")
	d.waitFor("Tildel sagsbehandler · K-2026-0007")

	d.send("Ole")
	s := d.waitFor("»ole«")
	if l := lineWith(s, "Sagsbehandler"); strings.Contains(l, "tove") || !strings.Contains(l, "(intet valgt)") {
		t.Errorf("no caseworker has a word starting with ole: nothing is chosen, tove least of all:\n%s", s)
	}
	// The choices: every caseworker who holds a case or is in the audit log, in order, and round.
	for _, who := range []string{"anne", "bo", "tove", "anne"} {
		d.keys("Right")
		d.waitLine("Sagsbehandler", "‹ "+who+" ›")
	}
	d.keys("Escape")
	d.waitFor("Kassér det indtastede? (j/n)")
	d.keys("j")
	d.waitForAll("Henvendelser, der venter på visitering", "2 venter")

	// Someone new, typed in the field for it.
	d.keys("a")
	s = d.waitFor("Tildel sagsbehandler · K-2026-0007")
	if !strings.Contains(s, "… eller en ny (navn)") {
		t.Errorf("the accept form has a field for a caseworker not on the list:\n%s", s)
	}
	d.keys("Tab", "ole")
	d.waitLine("eller en ny", "ole")
	d.keys("C-s")
	d.waitForAll("K-2026-0007 er tildelt ole.", "1 venter")

	// ole is on the list now.
	d.keys("a")
	d.waitFor("Tildel sagsbehandler · K-2026-0008")
	d.send("ol")
	d.waitLine("Sagsbehandler", "‹ ole ›")
	d.keys("Escape")
	d.waitFor("Kassér det indtastede? (j/n)")
	d.keys("j")
	d.waitForAll("Henvendelser, der venter på visitering", "1 venter")
	d.keys("q")
	d.waitFor("EXITED 0")

	gitte := exportedCase(t, exportCases(t, bin, dbPath), "K-2026-0007")
	if who := gitte.Caseworker(); who != "ole" {
		t.Errorf("Gitte's case should be ole's, is %q", who)
	}
}

// Every action's words in the help, for checking which are offered.
var actionWords = []string{"kontaktforsøg", "første samtale", "råd og vejledning givet", "koordinerende møde planlagt",
	"møde holdt", "referat sendt", "behov vurderet", "afslut sagen", "opfølgning efter afslutning",
	"skift sagsbehandler", "mål fulgt op", "notat", "annullér hændelsen", "ny henvendelse på borgeren"}

// openHanne opens the closed case from the view of every case.
func openHanne(d *tmuxDesk) {
	d.t.Helper()
	d.waitFor("Åse Fiktivsen")
	d.send("/hanne\r")
	d.waitUntil("the search for hanne done", func(s string) bool {
		return strings.Contains(s, "Søgningen finder også") && strings.Contains(d.helpLine(s), "skift visning")
	})
	d.keys("Tab", "Tab", "Tab")
	d.waitForAll("Visning: alle sager, også lukkede og afviste", "Hanne Lukket")
	d.keys("Enter")
	d.waitForAll("Sag K-2026-0005", "Fase: afsluttet")
}

// helpScreen opens ? and returns the list of keys, then closes it.
func (d *tmuxDesk) helpScreen() string {
	d.t.Helper()
	d.keys("?")
	s := d.waitFor("Taster på denne skærm")
	d.keys("Escape")
	d.waitGone("Taster på denne skærm")
	return s[strings.Index(s, "Taster på denne skærm"):strings.Index(s, "Altid")]
}

// TestDeskClosedCaseOffersWhatWorks: on a closed case the help line and
// the list of keys offer only the actions that work there (a note, the
// follow-up after closing, a new referral; no contact attempt); a leader,
// who changes nothing, is offered no action at all.
func TestDeskClosedCaseOffersWhatWorks(t *testing.T) {
	t.Parallel()
	d, bin, dbPath := deskOnCaseload(t, 100, 30)
	openHanne(d)
	s := d.screen()
	help := d.helpLine(s)
	for _, gone := range []string{"kontaktforsøg", "første samtale", "afslut sagen", "skift sagsbehandler"} {
		if strings.Contains(help, gone) {
			t.Errorf("the help line of a closed case offers %q: %q", gone, help)
		}
	}
	keys := d.helpScreen()
	for _, w := range actionWords {
		offered := strings.Contains(keys, " "+w)
		want := w == "notat" || w == "opfølgning efter afslutning" || w == "ny henvendelse på borgeren"
		if offered != want {
			t.Errorf("on a closed case, %q offered: %v, want %v:\n%s", w, offered, want, keys)
		}
	}
	d.quit()

	d = startDesk(t, 100, 30, deskArgs(bin, dbPath, "--role", "leader")...)
	openHanne(d)
	s = d.screen()
	if !strings.Contains(s, "anne (leder)") {
		t.Errorf("the title bar should say the role:\n%s", s)
	}
	help = d.helpLine(s)
	keys = d.helpScreen()
	for _, w := range actionWords {
		if strings.Contains(help, w) || strings.Contains(keys, " "+w) {
			t.Errorf("a leader is offered %q:\nhelp line: %s\n%s", w, help, keys)
		}
	}
	// A leader can still look: down to an event, enter shows it whole.
	d.keys("G", "Enter")
	d.waitFor("Afsluttet · K-2026-0005")
	d.keys("Escape")
	d.waitFor("Fase: afsluttet")
	d.keys("n") // no note: the status line says why
	d.waitFor("Du har kun læseadgang.")
	d.quit()
}

// TestDeskQueueCursorStaysOnCase: after an action saved on a case, esc
// goes back to the queue with the cursor on the same case, though the
// case moved in the queue.
func TestDeskQueueCursorStaysOnCase(t *testing.T) {
	t.Parallel()
	d, _, _ := deskOnCaseload(t, 100, 30)
	s := d.waitFor("Carl Testesen")
	if strings.Index(s, "Carl Testesen") > strings.Index(s, "Dorte Eksempel") {
		t.Fatalf("the fixture: Carl (26/11) comes before Dorte (27/11):\n%s", s)
	}
	d.keys("j", "Enter")
	d.waitForAll("Sag K-2026-0003", "Carl Testesen")
	// Reached by SMS today: the first meeting is due 2/12, after Bjørn's
	// (1/12): Carl's case moves from the second row to the fourth.
	d.contactAttempt("K-2026-0003", "", "sms", "SMS", true)
	d.waitLine("Første samtale", "2026-12-02")
	d.keys("Escape")
	d.waitLine("Carl Testesen", "Første samtale")
	s = d.screen()
	if strings.Index(s, "Carl Testesen") < strings.Index(s, "Bjørn Prøvesen") {
		t.Errorf("Carl's case moved after Bjørn's:\n%s", s)
	}
	d.keys("Enter")
	d.waitForAll("Sag K-2026-0003", "Kontaktforsøg: 1 (sms 1), truffet")
	d.keys("Escape")
	d.waitFor("Visning: alle åbne sager")
	d.keys("q")
	d.waitFor("EXITED 0")
}

// TestDeskQueueNarrow: at 80×24 the queue keeps the citizen's name
// readable and the due date with its year.
func TestDeskQueueNarrow(t *testing.T) {
	t.Parallel()
	d, _, _ := deskOnCaseload(t, 80, 24)
	s := d.waitFor("1–6 af 6")
	for _, row := range [][]string{
		{"2026-11-19", "Åse Fiktivsen"}, {"2026-11-26", "Carl Testesen"},
		{"2026-11-27", "Dorte Eksempel"}, {"2026-12-01", "Bjørn Prøvesen"},
	} {
		if lineWith(s, row...) == "" {
			t.Errorf("at 80 columns a row should show %q whole:\n%s", row, s)
		}
	}
	d.quit()
}
