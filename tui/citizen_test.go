package tui

import (
	"strings"
	"testing"
)

// Typing the CPR number of a citizen the desk knows shows their case
// before saving; a second open case is asked about; a closed one is linked.
func TestIntakeShowsKnownCitizen(t *testing.T) {
	c := newTestCommon(t, Danish)
	a, in := openIntake(t, c)
	a = focusOn(t, a, in, "name")
	a = send(t, a, typeText("Åse Fiktivsen")...)
	a = focusOn(t, a, in, "cpr")
	a = send(t, a, typeText("010190-1234")...)
	if v := a.View(); !strings.Contains(v, "Borgeren har allerede sager: K-2026-0001 Åse Fiktivsen (kontakt)") {
		t.Fatalf("the known case is not shown:\n%s", v)
	}
	a = focusOn(t, a, in, "source")
	a = send(t, a, keys("right ctrl+s")...)
	if in.warn == nil || !strings.Contains(a.View(), "Borgeren har en åben sag (K-2026-0001). Opret en ny alligevel?") {
		t.Fatalf("saving a second open case should ask:\n%s", a.View())
	}
	n := c.Store.Count()
	a = send(t, a, keys("n")...) // no: back to the form, nothing written
	if c.Store.Count() != n || a.top() != Screen(in) {
		t.Fatal("answering no wrote something or left the form")
	}
	a = send(t, a, keys("ctrl+s j")...)
	if c.Store.Count() != n+1 {
		t.Fatal("answering yes did not create the case")
	}
}

// Without a CPR number the same name and birth date find the case.
func TestIntakeFindsByNameAndBirthDate(t *testing.T) {
	c := newTestCommon(t, English)
	a, in := openIntake(t, c)
	a = focusOn(t, a, in, "name")
	a = send(t, a, typeText("hanne  afsluttet")...)
	a = focusOn(t, a, in, "birth")
	a = send(t, a, keys("backspace backspace backspace backspace backspace")...)
	a = send(t, a, typeText("6/6/1966")...)
	if v := a.View(); !strings.Contains(v, "K-2026-0007 Hanne Afsluttet (closed, same name and birth date)") {
		t.Fatalf("the case by name and birth date is not shown:\n%s", v)
	}
	if strings.Contains(a.View(), "linked to the earlier case") {
		t.Error("a name and birth date may be two people: no link without a CPR number")
	}
}

// A closed case's citizen is referred again from the case: the form comes
// filled in, and the new case names the old one.
func TestReferAgain(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := caseOpen(t, c, "K-2026-0007") // closed
	a = send(t, a, keys("N")...)
	in, ok := a.top().(*Intake)
	if !ok {
		t.Fatalf("N opened %T", a.top())
	}
	if in.Value("name") != "Hanne Afsluttet" || in.Value("cpr") != "060666-••••" || !strings.Contains(a.View(), "Sagen knyttes til den tidligere sag K-2026-0007") {
		t.Fatalf("the form is not filled in, with the CPR number masked:\n%s", a.View())
	}
	if strings.Contains(a.View(), "1230") {
		t.Fatalf("the whole CPR number is on screen:\n%s", a.View())
	}
	a = focusOn(t, a, in, "source")
	a = send(t, a, keys("right ctrl+s")...)
	if v := a.View(); !strings.Contains(v, "Borgerens andre sager: K-2026-0009 (henvisning)") {
		t.Errorf("back on the closed case, its header lists the new one:\n%s", v)
	}
	cs, err := c.Store.Case("K-2026-0009")
	if err != nil || cs.Previous != "K-2026-0007" || cs.Citizen.Name != "Hanne Afsluttet" || cs.Citizen.CPR != "0606661230" || cs.Citizen.Address == "" {
		t.Fatalf("new case %+v, %v", cs, err)
	}
	a = caseOpen(t, c, "K-2026-0009")
	if v := a.View(); !strings.Contains(v, "tidligere sag K-2026-0007") || !strings.Contains(v, "Borgerens andre sager: K-2026-0007 (afsluttet)") {
		t.Errorf("the new case does not show the old:\n%s", v)
	}
	// An open case is not referred again.
	a = caseOpen(t, c, "K-2026-0001")
	a = send(t, a, keys("N")...)
	if _, ok := a.top().(*CaseView); !ok || !strings.Contains(a.status.text, "denne er åben") {
		t.Errorf("N on an open case: top %T, status %q", a.top(), a.status.text)
	}
}

// Typing another person's CPR number on a form opened from a closed case
// drops the link to it.
func TestReferAgainAnotherCitizenIsNotLinked(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := caseOpen(t, c, "K-2026-0007")
	a = send(t, a, keys("N")...)
	in := a.top().(*Intake)
	a = focusOn(t, a, in, "cpr")
	for range 11 {
		a = send(t, a, keys("backspace")...)
	}
	a = send(t, a, typeText("1111111118")...)
	if strings.Contains(a.View(), "knyttes til den tidligere sag") {
		t.Errorf("still linked:\n%s", a.View())
	}
}
