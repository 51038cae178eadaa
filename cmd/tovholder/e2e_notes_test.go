package main

import (
	"strings"
	"testing"

	"tovholder/model"
)

// TestDeskJournalNote: n on a case view writes a journal note of two
// lines (enter in the note box is a new line, ctrl+s saves); the history
// shows both lines; export has the note, export --redact neither the note
// nor the citizen; the audit log says who wrote a note, never what.
func TestDeskJournalNote(t *testing.T) {
	t.Parallel()
	d, bin, dbPath := deskOnCaseload(t, 100, 30)
	d.keys("Enter")
	d.waitFor("Sag K-2026-0001")

	d.keys("n")
	s := d.waitFor("Notat · K-2026-0001")
	if !strings.Contains(s, "logges ikke i") {
		t.Errorf("the note form should say the audit log keeps no note text:\n%s", s)
	}
	d.typeText("Ringede til udlejeren om huslejen.")
	d.keys("Enter")
	d.typeText("Aftalt besøg på fredag kl. 10.")
	s = d.waitFor("Aftalt besøg på fredag kl. 10.")
	if lineWith(s, "Ringede til udlejeren om huslejen.", "Aftalt besøg") != "" {
		t.Errorf("enter in the note box starts a new line:\n%s", s)
	}
	d.keys("C-s")
	// The status can show before the case view has read the case again:
	// wait for the history's row, whose last line ends "af anne".
	d.waitLine("Aftalt besøg på fredag kl. 10.", "af anne")
	s = d.waitForAll("Gemt.", "Sag K-2026-0001")
	first := lineWith(s, "2026-11-25", "Notat", "Ringede til udlejeren om huslejen.")
	second := lineWith(s, "Aftalt besøg på fredag kl. 10.")
	if first == "" || second == "" || strings.Contains(second, "Notat") {
		t.Errorf("the history should show the note's two lines, the second under the first:\n%s", s)
	}
	d.keys("Escape")
	d.waitFor("Visning: alle åbne sager")
	d.keys("q")
	d.waitFor("EXITED 0")

	const text = "Ringede til udlejeren om huslejen.\nAftalt besøg på fredag kl. 10."
	aase := exportedCase(t, exportCases(t, bin, dbPath), "K-2026-0001")
	var notes []model.Event
	for _, e := range aase.Events {
		if e.Type == model.Note {
			notes = append(notes, e)
		}
	}
	if len(notes) != 1 || notes[0].Note != text || notes[0].By != "anne" || notes[0].Date.String() != "2026-11-25" {
		t.Errorf("export should hold the note, by anne today, with its line break: %+v", notes)
	}

	redacted := runBin(t, bin, "export", "--db", dbPath, "--redact")
	for _, secret := range []string{`"note"`, "udlejeren", "fredag", "Åse", "Fiktivsen", "0101901234"} {
		if strings.Contains(redacted, secret) {
			t.Errorf("export --redact shows %s", secret)
		}
	}
	if !strings.Contains(redacted, "K-2026-0001") {
		t.Errorf("export --redact should still hold the case:\n%s", redacted)
	}

	audit := runBin(t, bin, "audit", "--db", dbPath, "--case", "K-2026-0001")
	if line := lineWith(audit, "anne", "note", "K-2026-0001"); line == "" {
		t.Errorf("the audit log should say anne wrote a note on K-2026-0001:\n%s", audit)
	}
	for _, secret := range []string{"udlejeren", "huslejen", "fredag", "Ringede"} {
		if strings.Contains(audit, secret) {
			t.Errorf("the audit log shows the note's text (%s):\n%s", secret, audit)
		}
	}
}
