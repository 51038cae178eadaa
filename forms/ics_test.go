package forms

import (
	"strings"
	"testing"
	"time"
)

var icsStamp = time.Date(2026, 10, 2, 8, 0, 0, 0, time.UTC)

// The invitation's iCalendar file: golden, and without anything that
// points at the citizen.
func TestICS(t *testing.T) {
	c := fixtureCase(t)
	got, err := ICS(&c, &c.Meetings[0], "da", icsStamp)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "agenda.da.ics", []byte(got))
	for _, want := range []string{"SUMMARY:Koordinerende møde", "CLASS:PRIVATE", "DTSTART:20261008T080000Z", "DTEND:20261008T090000Z",
		"UID:K-2026-0101-20261008@tovholder", "mailto:bo@example.dk", "LOCATION:Borgerservice"} {
		if !strings.Contains(unfold(got), want) {
			t.Errorf("the file lacks %q:\n%s", want, got)
		}
	}
	noCitizen(t, got)
	// The same meeting again: the same UID, so Outlook updates it.
	again, _ := ICS(&c, &c.Meetings[0], "da", icsStamp.Add(time.Hour))
	if !strings.Contains(again, "UID:K-2026-0101-20261008@tovholder") {
		t.Error("the UID is not stable")
	}
	// The citizen invited with an e-mail address: still not in the file.
	c.Meetings[0].Invited[0].Email = "soeren@example.dk"
	got, _ = ICS(&c, &c.Meetings[0], "en", icsStamp)
	noCitizen(t, got)
	if !strings.Contains(got, "SUMMARY:Coordinating meeting") {
		t.Errorf("in English:\n%s", got)
	}
	c.Meetings[0].Start = ""
	if got, _ = ICS(&c, &c.Meetings[0], "da", icsStamp); !strings.Contains(got, "DTSTART;VALUE=DATE:20261008") {
		t.Errorf("no start: an all-day event:\n%s", got)
	}
}

func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

// noCitizen fails when s holds the citizen's CPR number, its birth-date
// digits, name, e-mail or what the meeting says about health.
func noCitizen(t *testing.T, s string) {
	t.Helper()
	s = unfold(s)
	for _, bad := range []string{"1502851235", "150285", "1235", "Søren", "Åsen", "soeren@", "læge", "Læge", "Huslejerestance", "Egen"} {
		if strings.Contains(s, bad) {
			t.Errorf("the file holds %q:\n%s", bad, s)
		}
	}
}
