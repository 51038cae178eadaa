package main

import (
	"strings"
	"testing"
)

// Keys that arrive in one read (typed fast, over SSH, or sent by tmux in
// one write) are each handled, in order, by the screen they were meant
// for: a key that opens a screen is followed by keys for that screen.

// TestDeskKeysInOneWriteQueue: on the queue, jj moves two rows and kk
// two back; / and a name in one write search.
func TestDeskKeysInOneWriteQueue(t *testing.T) {
	t.Parallel()
	d, _, _ := deskOnCaseload(t, 100, 30)
	d.waitForAll("Åse Fiktivsen", "1–6 af 6")

	// jj: two rows down, from Åse to Dorte; enter opens the case under the
	// cursor, which says where the cursor was.
	d.send("jj")
	d.keys("Enter")
	d.waitFor("Sag K-2026-0004")
	d.keys("Escape")
	d.waitFor("Visning: alle åbne sager")
	d.send("kk")
	d.keys("Enter")
	d.waitFor("Sag K-2026-0001")
	d.keys("Escape")
	d.waitFor("Visning: alle åbne sager")
	// Moves and enter in one write: down three, up one, open: Dorte again.
	d.send("jjjk\r")
	d.waitFor("Sag K-2026-0004")
	d.keys("Escape")
	d.waitFor("Visning: alle åbne sager")

	// / and the name in one write: the search field gets every letter.
	d.send("/bjø")
	s := d.waitForAll("Søg: bjø", "1–1 af 1")
	if strings.Contains(s, "Åse") || !strings.Contains(s, "Bjørn Prøvesen") {
		t.Errorf("a search for bjø shows Bjørn only:\n%s", s)
	}
	d.send("rn")
	d.waitFor("Søg: bjørn")
	// Enter ends the search, the next enter opens the one case found.
	d.send("\r\r")
	d.waitFor("Sag K-2026-0002")
	d.keys("Escape")
	d.waitFor("Visning: alle åbne sager")
	// A search typed, ended and opened in one write: "/" is no letter of a
	// name, and the enters are the search's and then the queue's.
	d.keys("Escape") // clear the search
	d.waitFor("1–6 af 6")
	d.send("/carl\r\r")
	d.waitFor("Sag K-2026-0003")
	s = d.waitFor("Carl Testesen")
	if !strings.Contains(s, "Sagsbehandler: tove") {
		t.Errorf("the case view should show Carl's case, tove's:\n%s", s)
	}
	d.keys("Escape")
	d.waitFor("Visning: alle åbne sager")
	d.keys("q")
	d.waitFor("EXITED 0")
}

// TestDeskKeysInOneWriteTriage: t and the triage screen's keys in one
// write: t opens triage, j moves to the second referral, a opens its
// accept form, and letters typed on go to the form.
func TestDeskKeysInOneWriteTriage(t *testing.T) {
	t.Parallel()
	d, bin, dbPath := deskOnCaseload(t, 100, 30)

	d.send("tja")
	s := d.waitForAll("Tildel sagsbehandler · K-2026-0008", "Ivan Venter")
	if strings.Contains(s, "Gitte") {
		t.Errorf("j on triage moves to the second referral, Ivan's; the form is about Gitte:\n%s", s)
	}
	d.keys("Escape") // nothing typed: back to triage at once
	d.waitFor("2 venter")
	// Back on Ivan's row; k, a, a caseworker typed and saved, in one write.
	d.send("kabo\x13")
	d.waitForAll("K-2026-0007 er tildelt bo.", "1 venter")
	d.keys("q") // q quits from the triage screen
	d.waitFor("EXITED 0")

	gitte := exportedCase(t, exportCases(t, bin, dbPath), "K-2026-0007")
	if gitte.Caseworker() != "bo" {
		t.Errorf("Gitte's case should be bo's: %+v", gitte.Events)
	}
}

// TestDeskKeysInOneWriteCase: on a case view an action key and the
// typing in its form in one write, the save too.
func TestDeskKeysInOneWriteCase(t *testing.T) {
	t.Parallel()
	d, bin, dbPath := deskOnCaseload(t, 100, 30)
	d.keys("Enter")
	d.waitForAll("Sag K-2026-0001", "Kontaktforsøg: ingen endnu")

	// n opens the note form on the note itself; the text and the save in
	// the same write.
	d.send("nRinger igen i morgen\x13")
	d.waitLine("Notat", "Ringer igen i morgen", "af anne")
	// r and the caseworker typed on the choice, and the save.
	d.send("rbo\x13")
	d.waitFor("Sagsbehandler: bo")
	d.waitLine("Tildelt", "til bo")
	d.keys("Escape")
	d.waitFor("Visning: alle åbne sager")
	d.keys("q")
	d.waitFor("EXITED 0")

	aase := exportedCase(t, exportCases(t, bin, dbPath), "K-2026-0001")
	var got []string
	for _, e := range aase.Events[2:] {
		got = append(got, string(e.Type)+" "+e.Date.String()+" "+e.To+" "+e.Note)
	}
	want := []string{"note 2026-11-25  Ringer igen i morgen", "assigned 2026-11-25 bo "}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events recorded:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDeskKeyAfterOpeningKey: a key that opens or leaves a screen, then
// keys that are not letters (enter, tab, space, ctrl+s) or letters after
// such a key, in the same write. The terminal gives them to the desk as
// separate key messages; each must go to the screen the key before
// opened, as the letters of one message do.
//
// Fails while App.drainKeys waits for a key's command only when more keys
// of the SAME message are pending: the key of the next message (c after
// enter, enter after t, tab after c, n after ctrl+s) is handled by the
// screen being left, before the push or pop arrives.
func TestDeskKeyAfterOpeningKey(t *testing.T) {
	t.Parallel()
	needTmux(t)
	bin := buildBinary(t)
	onCase := func(d *tmuxDesk) { // Åse's case view
		d.keys("Enter")
		d.waitForAll("Sag K-2026-0001", "Kontaktforsøg: ingen endnu")
	}
	for _, tc := range []struct {
		name    string
		setup   func(d *tmuxDesk) // from the queue to where typed goes; nil: the queue
		typed   string            // in one write
		screen  []string          // what the screen must show after
		wrong   []string          // what it shows only when keys went astray: fail at once
		history []string          // the events recorded on Åse's case, after her assignment
	}{
		{name: "enter then c", typed: "\rc", screen: []string{"Kontaktforsøg · K-2026-0001", "Kanal *"}},
		{name: "t then enter", typed: "t\r", screen: []string{"Tildel sagsbehandler · K-2026-0007"},
			wrong: []string{"Sag K-2026-0001"}},
		{name: "c then tab", setup: onCase, typed: "c\ttel\t \tTalte med Åse\x13",
			screen:  []string{"Kontaktforsøg: 1 (telefon 1), truffet 2026-11-25", "Telefon · truffet · notat: Talte med Åse"},
			wrong:   []string{"ikke truffet", "Ret de markerede felter"},
			history: []string{"contact_attempt phone Talte med Åse"}},
		{name: "ctrl+s then n", setup: func(d *tmuxDesk) {
			onCase(d)
			d.keys("c")
			d.waitForAll("Kontaktforsøg · K-2026-0001", "Kanal *")
		}, typed: "\tsms\x13nRinger igen i morgen\x13", // the channel, save, and the next action, a note
			screen:  []string{"Ringer igen i morgen", "Kontaktforsøg: 1 (sms 1), ikke truffet endnu"},
			wrong:   []string{"Ret de markerede felter"},
			history: []string{"contact_attempt sms ", "note  Ringer igen i morgen"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d, _, dbPath := deskOnCaseload(t, 100, 30)
			if tc.setup != nil {
				tc.setup(d)
			}
			d.send(tc.typed)
			d.waitForUnless(tc.wrong, tc.screen...)
			if tc.history == nil {
				return
			}
			d.quit()
			aase := exportedCase(t, exportCases(t, bin, dbPath), "K-2026-0001")
			var got []string
			for _, e := range aase.Events[2:] {
				got = append(got, string(e.Type)+" "+e.Channel+" "+e.Note)
			}
			if strings.Join(got, "\n") != strings.Join(tc.history, "\n") {
				t.Errorf("events recorded:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.history, "\n"))
			}
		})
	}
}

// paste pastes s into the desk's terminal as a terminal does for a
// paste, in brackets (the desk asks for bracketed paste).
func (d *tmuxDesk) paste(s string) {
	d.t.Helper()
	d.tmux("set-buffer", "-b", "e2e", s)
	d.tmux("paste-buffer", "-p", "-d", "-b", "e2e", "-t", d.session)
}

// TestDeskPaste: pasted text goes into text fields only; on the queue it
// is no keys, and a note pasted keeps its lines.
func TestDeskPaste(t *testing.T) {
	t.Parallel()
	d, bin, dbPath := deskOnCaseload(t, 100, 30)

	d.paste("jjt")
	d.waitFor("Indsæt tekst i et tekstfelt; her er taster kommandoer.")
	d.keys("Enter") // the cursor did not move: Åse's case
	d.waitFor("Sag K-2026-0001")
	d.keys("Escape")
	d.waitFor("Visning: alle åbne sager")
	d.keys("/")
	d.waitUntil("the search typing", func(s string) bool { return strings.Contains(d.helpLine(s), "ryd søgning") })
	d.paste("bjø")
	d.waitForAll("Søg: bjø", "1–1 af 1")
	d.send("\r\r")
	d.waitFor("Sag K-2026-0002")
	d.keys("n")
	d.waitFor("Notat · K-2026-0002")
	d.paste("Første linje\nAnden linje")
	d.waitFor("Anden linje")
	d.keys("C-s")
	d.waitLine("2026-11-25", "Notat", "Første linje")
	d.quit()
	bjorn := exportedCase(t, exportCases(t, bin, dbPath), "K-2026-0002")
	if e := bjorn.Events[len(bjorn.Events)-1]; e.Type != "note" || e.Note != "Første linje\nAnden linje" {
		t.Errorf("the pasted note: %+v", e)
	}
}
