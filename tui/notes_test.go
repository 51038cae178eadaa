package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/model"
)

// writeNote opens K-2026-0008 and writes a two-line journal note on it.
func writeNote(t *testing.T, c *Common) *App {
	t.Helper()
	caseRich(t, c)
	a := caseOpen(t, c, "K-2026-0008")
	a = send(t, a, keys("n")...)
	a = send(t, a, typeText("Ringede til broren.")...)
	a = send(t, a, keys("enter")...)
	a = send(t, a, typeText("Han har ikke set borgeren i en uge.")...)
	return a
}

func TestNoteFormGolden(t *testing.T) {
	requireGolden(t, writeNote(t, newTestCommon(t, Danish)).View())
}

func TestNoteFormGoldenNarrow(t *testing.T) {
	a := writeNote(t, newTestCommon(t, Danish))
	requireGolden(t, send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24}).View())
}

func TestNoteInHistoryGolden(t *testing.T) {
	a := writeNote(t, newTestCommon(t, Danish))
	requireGolden(t, send(t, a, keys("ctrl+s G")...).View())
}

func TestNoteInHistoryGoldenNarrow(t *testing.T) {
	a := writeNote(t, newTestCommon(t, English))
	a = send(t, a, keys("ctrl+s G")...)
	requireGolden(t, send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24}).View())
}

// A note is an event of its own: stored with its lines, found by the
// history's search, and kept out of the audit log's words.
func TestNoteStoredAndSearchable(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := writeNote(t, c)
	a = send(t, a, keys("ctrl+s")...)
	evs := caseEvents(t, c, "K-2026-0008")
	n := evs[len(evs)-1]
	if n.Type != model.Note || n.Note != "Ringede til broren.\nHan har ikke set borgeren i en uge." || n.By != "anne" || n.Date != td("2026-11-25") {
		t.Fatalf("note stored as %+v", n)
	}
	hist, err := c.Store.History("K-2026-0008")
	if err != nil {
		t.Fatal(err)
	}
	last := hist[len(hist)-1]
	if last.Action != "note" || last.User != "anne" || strings.Contains(last.Detail, "broren") {
		t.Errorf("audit entry %+v: who wrote a note, not what", last)
	}
	cv := a.top().(*CaseView)
	a = send(t, a, keys("/")...)
	a = send(t, a, typeText("broren")...)
	if ev := cv.shownEvents(); len(ev) != 1 || cv.cs.Events[ev[0]].Type != model.Note {
		t.Errorf("search for broren finds %v", ev)
	}
	if _, ev, _ := cv.selected(); ev < 0 || cv.cs.Events[ev].Type != model.Note {
		t.Error("the cursor goes to the first event found")
	}
	a = send(t, a, keys("enter esc")...)
	if len(cv.shownEvents()) != len(cv.events) {
		t.Error("esc clears the search")
	}
}

// annulFirstAttempt annuls K-2026-0008's contact attempt of 4 November.
func annulFirstAttempt(t *testing.T, c *Common) *App {
	t.Helper()
	caseRich(t, c)
	a := caseOpen(t, c, "K-2026-0008")
	cv := a.top().(*CaseView)
	for i := 0; i < 20; i++ {
		if _, ev, _ := cv.selected(); ev >= 0 && cv.cs.Events[ev].Type == model.ContactAttempt {
			break
		}
		a = send(t, a, keys("j")...)
	}
	a = send(t, a, keys("u")...)
	return send(t, a, typeText("Forkert dato; det var den 5.")...)
}

func TestAnnulFormGolden(t *testing.T) {
	requireGolden(t, annulFirstAttempt(t, newTestCommon(t, Danish)).View())
}

func TestAnnulledGolden(t *testing.T) {
	a := annulFirstAttempt(t, newTestCommon(t, Danish))
	requireGolden(t, send(t, a, keys("ctrl+s")...).View())
}

func TestAnnulledGoldenNarrow(t *testing.T) {
	a := annulFirstAttempt(t, newTestCommon(t, English))
	a = send(t, a, keys("ctrl+s")...)
	requireGolden(t, send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24}).View())
}

// An annulled event stays, marked; the deadlines are counted without it;
// the audit log has the annulment; it cannot be annulled twice.
func TestAnnulRecomputes(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := annulFirstAttempt(t, c)
	a = send(t, a, keys("ctrl+s")...)
	cs, _ := c.Store.Case("K-2026-0008")
	e := cs.Events[2]
	if e.Type != model.ContactAttempt || e.Annulled == nil || e.Annulled.Reason != "Forkert dato; det var den 5." || e.Annulled.By != "anne" {
		t.Fatalf("event %+v", e)
	}
	st, _ := model.StatusOf(&cs, c.Store.Calendar())
	obs, _ := model.ProfileByName("")
	for _, o := range obs.Obligations(&cs, c.Store.Calendar()) {
		if o.Rule == "contact_retry" {
			t.Errorf("the annulled unreached attempt still starts %+v", o)
		}
		if o.Rule == "contact" && o.MetOn != td("2026-11-05") {
			t.Errorf("contact met on %v, want the remaining attempt of 5 Nov", o.MetOn)
		}
	}
	_ = st
	hist, _ := c.Store.History("K-2026-0008")
	if last := hist[len(hist)-1]; last.Action != "annul" || strings.Contains(last.Detail, "Forkert") {
		t.Errorf("audit %+v", last)
	}
	if v := a.View(); !strings.Contains(v, "ANNULLERET 2026-11-25 af anne") {
		t.Errorf("the history marks it:\n%s", v)
	}
	a = send(t, a, keys("u")...)
	if _, ok := a.top().(*CaseView); !ok || !strings.Contains(a.status.text, "allerede annulleret") {
		t.Errorf("annulling twice: top %T, status %q", a.top(), a.status.text)
	}
}

// Annulling the only assignment sends the case back to triage: asked first.
func TestAnnulAsksWhenItChangesThePhase(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := caseOpen(t, c, "K-2026-0001") // referral, assignment
	a = send(t, a, keys("G u")...)
	a = send(t, a, typeText("Forkert sag")...)
	a = send(t, a, keys("ctrl+s")...)
	f, ok := a.top().(*Form)
	if !ok || f.warn == nil || !strings.Contains(a.View(), "går tilbage til visitering") {
		t.Fatalf("no question asked:\n%s", a.View())
	}
	a = send(t, a, keys("j")...)
	if cs, _ := c.Store.Case("K-2026-0001"); cs.Phase() != model.PhaseReferral {
		t.Errorf("phase %s after annulling the assignment", cs.Phase())
	}
}

// The header wraps at 80 columns: nothing is pushed off the screen.
func TestCaseHeaderWrapsGoldenNarrow(t *testing.T) {
	c := newTestCommon(t, Danish)
	err := storeEdit(c, "K-2026-0002", "anne", func(cs *model.Case) (string, error) {
		cs.Citizen.Name = "Bjørn Christoffer Prøvesen-Mikkelsen Andersen"
		cs.Citizen.Address = "Langgade 117, 3. tv., c/o Hansen, 4000 Roskilde"
		cs.Citizen.Email = "bjoern.christoffer.proevesen@example.com"
		return "", nil
	})
	if err != nil {
		t.Fatal(err)
	}
	a := caseOpen(t, c, "K-2026-0002")
	a = send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24})
	v := a.View()
	for _, want := range []string{"150285-••••", "K-2026-0002", "12 34 56 78", "bjoern.christoffer.proevesen@example.com", "Kontaktforsøg: 1 (telefon 1), truffet 2026-11-24"} {
		if !strings.Contains(v, want) {
			t.Errorf("the header lacks %q:\n%s", want, v)
		}
	}
	requireGolden(t, v)
}

func TestAnnulFormGoldenNarrow(t *testing.T) {
	a := annulFirstAttempt(t, newTestCommon(t, English))
	requireGolden(t, send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24}).View())
}

// A note of what an external party told is refused without a consent
// naming them, on the field, with the typed note kept; with one it is saved.
func TestNoteFromExternalPartyNeedsConsent(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := caseOpen(t, c, "K-2026-0008")
	a = send(t, a, keys("n")...)
	a = send(t, a, typeText("Jobcentret siger, at borgeren er i praktik.")...)
	a = send(t, a, keys("tab tab")...)
	a = send(t, a, typeText("Jobcenter")...)
	a = send(t, a, keys("ctrl+s")...)
	f, ok := a.top().(*Form)
	if !ok || !strings.Contains(a.View(), "Der er intet samtykke, der dækker Jobcenter") || f.Value("note") == "" {
		t.Fatalf("saved without consent, or the input is lost:\n%s", a.View())
	}
	if err := storeEdit(c, "K-2026-0008", "bo", func(cs *model.Case) (string, error) {
		cs.Consents = []model.Consent{{Date: td("2026-11-20"), Parties: []string{"job_centre"}, How: "oral", NotedBy: "bo"}}
		return "", nil
	}); err != nil {
		t.Fatal(err)
	}
	a = send(t, a, keys("ctrl+s")...) // the conflict: the case changed since
	a = send(t, a, keys("ctrl+s")...)
	if _, still := a.top().(*Form); still {
		t.Fatalf("not saved with a consent:\n%s", a.View())
	}
	cs, _ := c.Store.Case("K-2026-0008")
	last := cs.Events[len(cs.Events)-1]
	if last.Type != model.Note || last.Party != "Jobcenter" {
		t.Fatalf("stored %+v", last)
	}
}
