package tui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/db"
	"tovholder/model"
)

// openIntake starts the desk and opens the referral form from the queue.
func openIntake(t *testing.T, c *Common) (*App, *Intake) {
	t.Helper()
	a := send(t, startApp(t, c), keys("n")...)
	in, ok := a.top().(*Intake)
	if !ok {
		t.Fatalf("n opened %T, want the intake form", a.top())
	}
	return a, in
}

// focusOn tabs forward to the field with the given key.
func focusOn(t *testing.T, a *App, in *Intake, field string) *App {
	t.Helper()
	for range in.fields {
		if in.fields[in.focus].Key == field {
			return a
		}
		a = send(t, a, keys("tab")...)
	}
	t.Fatalf("no field %q on the form", field)
	return a
}

// tick ticks the criteria with the given ids.
func tick(t *testing.T, a *App, in *Intake, ids ...string) *App {
	t.Helper()
	for _, id := range ids {
		a = focusOn(t, a, in, "c:"+id)
		a = send(t, a, keys("space")...)
	}
	return a
}

// fillContact types a name and a CPR number of someone 25 on 2026-11-25
// (born 2001-05-10; the 7th digit 4 puts a 01 year in the 2000s).
func fillContact(t *testing.T, a *App, in *Intake) *App {
	t.Helper()
	a = focusOn(t, a, in, "name")
	a = send(t, a, typeText("Søren Ærø Ågård")...)
	a = focusOn(t, a, in, "cpr")
	a = send(t, a, typeText("100501-4234")...)
	a = focusOn(t, a, in, "source")
	return send(t, a, keys("right")...) // the first source: citizens and relatives
}

// bodyLine is line n of the screen body (line 0 is the title bar).
func bodyLine(a *App, n int) string { return strings.Split(a.View(), "\n")[n+1] }

func TestIntakeGoldenEmpty(t *testing.T) {
	a, _ := openIntake(t, newTestCommon(t, Danish))
	requireGolden(t, a.View())
}

func TestIntakeGoldenTicked(t *testing.T) {
	a, in := openIntake(t, newTestCommon(t, Danish))
	a = fillContact(t, a, in)
	a = tick(t, a, in, "c1_no_help", "a_no_contact", "b_no_income")
	requireGolden(t, a.View())
}

func TestIntakeGoldenTickedEnglish(t *testing.T) {
	a, in := openIntake(t, newTestCommon(t, English))
	a = fillContact(t, a, in)
	a = tick(t, a, in, "c1_no_help", "a_no_contact", "b_no_income")
	requireGolden(t, a.View())
}

// The decision part, at the bottom of the form, at the narrow size.
func TestIntakeGoldenDecisionNarrow(t *testing.T) {
	a, in := openIntake(t, newTestCommon(t, Danish))
	a = send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24})
	a = fillContact(t, a, in)
	a = tick(t, a, in, "a_no_contact", "a_absence")
	a = focusOn(t, a, in, "decision")
	a = send(t, a, keys("right")...) // yes, against the rule
	a = send(t, a, keys("ctrl+s")...)
	requireGolden(t, a.View())
}

func TestIntakeLiveVerdict(t *testing.T) {
	a, in := openIntake(t, newTestCommon(t, Danish))
	if v := bodyLine(a, 0); !strings.Contains(v, "I målgruppen efter reglen: nej") || !strings.Contains(v, "kategori 1: 0 · kategori 2: 0 i 0 emner") {
		t.Fatalf("empty form verdict: %q", v)
	}
	if v := bodyLine(a, 1); !strings.Contains(v, "Alderen er ukendt") {
		t.Errorf("without a CPR the age is unknown, and said so: %q", v)
	}
	a = fillContact(t, a, in)
	if got := in.Value("name"); got != "Søren Ærø Ågård" {
		t.Fatalf("name typed with Danish letters reads %q", got)
	}
	if r := in.evaluate(); r.Age != 25 {
		t.Fatalf("age at referral = %d, want 25", r.Age)
	}

	// Two category-2 criteria in two topics: a 25-year-old is in the target group.
	a = tick(t, a, in, "a_no_contact", "b_no_income")
	if v := bodyLine(a, 0); !strings.Contains(v, "I målgruppen efter reglen: ja") || !strings.Contains(v, "kategori 2: 2 i 2 emner") {
		t.Errorf("two topics: verdict %q", v)
	}
	if !strings.Contains(a.View(), "17–29 år og mindst 2 kriterier") {
		t.Errorf("the reason is not said in words:\n%s", a.View())
	}

	// Two in the same topic: not.
	a = tick(t, a, in, "b_no_income", "a_absence") // untick b, tick a second in topic a
	if got := in.CheckedKeys("c:"); !slices.Equal(got, []string{"a_no_contact", "a_absence"}) {
		t.Fatalf("ticked %v", got)
	}
	if v := bodyLine(a, 0); !strings.Contains(v, "I målgruppen efter reglen: nej") || !strings.Contains(v, "kategori 2: 2 i 1 emne") {
		t.Errorf("one topic: verdict %q", v)
	}
	if r := in.evaluate(); r.Reason != model.ReasonYoungOneTopic {
		t.Errorf("reason %s", r.Reason)
	}

	// The verdict follows the referral date: before the birth, the age is unknown.
	a = focusOn(t, a, in, "date")
	a = send(t, a, keys("backspace backspace backspace backspace backspace")...)
	a = send(t, a, typeText("1/1/2000")...)
	if r := in.evaluate(); r.Reason != model.ReasonAgeUnknown {
		t.Errorf("referral before the birth: reason %s", r.Reason)
	}
	if !strings.Contains(a.View(), "Alderen er ukendt") {
		t.Errorf("unknown age not said")
	}
}

func TestIntakeLiveVerdictEnglish(t *testing.T) {
	a, in := openIntake(t, newTestCommon(t, English))
	a = fillContact(t, a, in)
	a = tick(t, a, in, "a_no_contact", "b_no_income")
	if v := bodyLine(a, 0); !strings.Contains(v, "In the target group by the rule: yes") || !strings.Contains(v, "category 2: 2 in 2 topics") {
		t.Errorf("English verdict %q", v)
	}
	if !strings.Contains(a.View(), "Age at referral: 25.") {
		t.Errorf("English age missing:\n%s", a.View())
	}
}

func TestScreeningReasonWords(t *testing.T) {
	for _, lang := range []Lang{Danish, English} {
		c := &Common{Lang: lang}
		seen := map[string]bool{}
		for _, code := range model.ReasonCodes {
			w := c.reasonWords(code)
			if w == "" || w == string(code) || seen[w] {
				t.Errorf("lang %d: reason %s has no words of its own: %q", lang, code, w)
			}
			seen[w] = true
		}
	}
}

func TestIntakeInvalidCPRKeepsInput(t *testing.T) {
	c := newTestCommon(t, Danish)
	a, in := openIntake(t, c)
	before := c.Store.Count()
	a = send(t, a, typeText("Søren Ærø Ågård")...)
	a = focusOn(t, a, in, "cpr")
	a = send(t, a, typeText("3113901234")...)
	a = focusOn(t, a, in, "source")
	a = send(t, a, keys("right")...)
	a = send(t, a, keys("ctrl+s")...)
	if c.Store.Count() != before {
		t.Fatalf("an invalid CPR was saved: %d cases, want %d", c.Store.Count(), before)
	}
	if a.top() != Screen(in) {
		t.Fatalf("the form closed on an invalid CPR")
	}
	if in.fields[in.focus].Key != "cpr" || in.field("cpr").err == "" {
		t.Fatalf("focus %q, cpr error %q", in.fields[in.focus].Key, in.field("cpr").err)
	}
	if in.Value("name") != "Søren Ærø Ågård" || in.Value("cpr") != "3113901234" || in.Chosen("source") == "" {
		t.Errorf("typed input lost: %q %q %q", in.Value("name"), in.Value("cpr"), in.Chosen("source"))
	}
	v := a.View()
	if !strings.Contains(v, "↳ er ikke et cpr-nummer") || !strings.Contains(v, "Ret de markerede felter") {
		t.Errorf("the CPR is not marked with its reason:\n%s", v)
	}
	// Esc asks before throwing the input away; n keeps it.
	a = send(t, a, keys("esc")...)
	if !strings.Contains(a.View(), "Kassér det indtastede?") {
		t.Fatalf("esc did not ask")
	}
	a = send(t, a, keys("n")...)
	if a.top() != Screen(in) || in.Value("name") != "Søren Ærø Ågård" {
		t.Fatalf("n should keep the form and its input")
	}
}

func TestIntakeRequiredFields(t *testing.T) {
	c := newTestCommon(t, Danish)
	a, in := openIntake(t, c)
	before := c.Store.Count()
	a = send(t, a, keys("ctrl+s")...)
	if c.Store.Count() != before || a.top() != Screen(in) {
		t.Fatal("an empty referral was saved")
	}
	if in.field("name").err == "" || in.field("source").err == "" {
		t.Errorf("name and source are required: %q %q", in.field("name").err, in.field("source").err)
	}
	if in.field("cpr").err != "" {
		t.Errorf("a referral may come without a CPR number: %q", in.field("cpr").err)
	}
}

func TestIntakeOverrideNeedsJustification(t *testing.T) {
	c := newTestCommon(t, Danish)
	a, in := openIntake(t, c)
	before := c.Store.Count()
	a = fillContact(t, a, in)
	a = tick(t, a, in, "a_no_contact", "b_no_income") // the rule says yes
	a = focusOn(t, a, in, "decision")
	a = send(t, a, keys("right right")...) // no
	if in.Chosen("decision") != decisionNo {
		t.Fatalf("decision %q", in.Chosen("decision"))
	}
	if !strings.Contains(a.View(), "mod reglens anbefaling: skriv en begrundelse") {
		t.Errorf("the live panel does not warn about the missing justification:\n%s", a.View())
	}
	a = send(t, a, keys("ctrl+s")...)
	if c.Store.Count() != before || a.top() != Screen(in) {
		t.Fatal("an override without justification was saved")
	}
	if in.fields[in.focus].Key != "justification" || !strings.Contains(in.field("justification").err, "afviger fra reglens anbefaling") {
		t.Fatalf("focus %q, justification error %q", in.fields[in.focus].Key, in.field("justification").err)
	}
	if !strings.Contains(a.View(), "↳ skal udfyldes, når afgørelsen afviger") {
		t.Errorf("the field is not marked:\n%s", a.View())
	}
	if !in.Dirty() {
		t.Error("the refused form must still count as unsaved")
	}

	// Back to following the rule: no justification needed, the mark goes.
	a = send(t, a, keys("shift+tab left left")...)
	if in.Chosen("decision") != decisionFollow || in.field("justification").Required || in.field("justification").err != "" {
		t.Fatalf("following the rule: decision %q, required %v, err %q", in.Chosen("decision"), in.field("justification").Required, in.field("justification").err)
	}

	// Override again and justify: saved, with the rule's recommendation kept.
	a = send(t, a, keys("right right tab")...)
	a = send(t, a, typeText("Har netop fået en fast kontaktperson i jobcentret")...)
	a = send(t, a, keys("enter")...) // enter on the last field saves
	if c.Store.Count() != before+1 {
		t.Fatalf("the justified override was not saved")
	}
	cs, err := c.Store.Case("K-2026-0009")
	if err != nil {
		t.Fatal(err)
	}
	s := cs.Screening
	if s == nil || !s.Recommended || s.InTargetGroup || s.Reason != string(model.ReasonYoungMet) ||
		s.Justification != "Har netop fået en fast kontaktperson i jobcentret" {
		t.Fatalf("screening %+v", s)
	}
}

func TestIntakeSaveCreatesCase(t *testing.T) {
	c := newTestCommon(t, Danish)
	a, in := openIntake(t, c)
	before := c.Store.Count()
	a = fillContact(t, a, in)
	a = focusOn(t, a, in, "phone")
	a = send(t, a, typeText("+45 22 33 44 55")...)
	a = focusOn(t, a, in, "email")
	a = send(t, a, typeText("soren@example.dk")...)
	a = focusOn(t, a, in, "referrer")
	a = send(t, a, typeText("Kim Ægidius")...)
	a = tick(t, a, in, "c1_no_answer", "a_no_contact", "c_lonely")
	a = send(t, a, keys("ctrl+s")...)

	if c.Store.Count() != before+1 {
		t.Fatalf("no case created")
	}
	if _, still := a.top().(*Intake); still {
		t.Fatal("the form stays open after saving")
	}
	if !strings.Contains(a.status.text, "K-2026-0009") {
		t.Errorf("status %q does not name the new case", a.status.text)
	}
	cs, err := c.Store.Case("K-2026-0009")
	if err != nil {
		t.Fatal(err)
	}
	want := model.Citizen{Name: "Søren Ærø Ågård", CPR: "1005014234", Phone: "22334455", Email: "soren@example.dk"}
	if cs.Citizen != want {
		t.Errorf("citizen %+v, want %+v", cs.Citizen, want)
	}
	s := cs.Screening
	if s == nil {
		t.Fatal("no screening stored")
	}
	if s.Date != td("2026-11-25") || !slices.Equal(s.Category1, []string{"c1_no_answer"}) ||
		!slices.Equal(s.Category2, []string{"a_no_contact", "c_lonely"}) || !s.Recommended || !s.InTargetGroup ||
		s.Reason != string(model.ReasonYoungMet) || s.Justification != "" {
		t.Errorf("screening %+v", *s)
	}
	if len(cs.Events) != 1 {
		t.Fatalf("events %+v", cs.Events)
	}
	ev := cs.Events[0]
	if ev.Type != model.ReferralReceived || ev.Date != td("2026-11-25") || ev.Source != model.ReferralSources[0].ID ||
		ev.Referrer != "Kim Ægidius" || ev.ReceivedBy != "anne" || ev.By != "anne" {
		t.Errorf("event %+v", ev)
	}

	// It awaits triage, newest last, and the queue has reloaded with it.
	var triage []string
	_ = c.Store.Triage(func(e db.Entry) bool { triage = append(triage, e.CaseID); return true })
	if len(triage) == 0 || triage[len(triage)-1] != "K-2026-0009" {
		t.Errorf("triage index %v", triage)
	}
	q := a.top().(*Queue)
	if !slices.ContainsFunc(q.open.entries, func(e db.Entry) bool { return e.CaseID == "K-2026-0009" }) {
		t.Error("the queue did not reload with the new case")
	}
	a = send(t, a, keys("t")...)
	tr := a.top().(*Triage)
	if e, _ := tr.selected(); len(tr.rows) != 3 || tr.rows[2].CaseID != "K-2026-0009" || e.CaseID != "K-2026-0004" {
		t.Errorf("triage list %v", tr.rows)
	}
	if !strings.Contains(a.View(), "Søren Ærø Ågård") {
		t.Errorf("triage does not show the new referral:\n%s", a.View())
	}
}

// The form is longer than the screen: whichever field has the focus is in
// view, with the verdict kept at the top.
func TestIntakeScrollsToFocus(t *testing.T) {
	for _, size := range []tea.WindowSizeMsg{{Width: 80, Height: 24}, {Width: 100, Height: 30}} {
		a, in := openIntake(t, newTestCommon(t, Danish))
		a = send(t, a, size)
		for i := range in.fields {
			if in.focus != i {
				t.Fatalf("%v: focus %d, want %d", size, in.focus, i)
			}
			lines := strings.Split(a.View(), "\n")
			if len(lines) != size.Height {
				t.Fatalf("%v: view is %d lines", size, len(lines))
			}
			if !strings.HasPrefix(lines[1], "I målgruppen efter reglen") {
				t.Fatalf("%v, field %d: the verdict left the top: %q", size, i, lines[1])
			}
			label := []rune(in.fields[i].Label)
			label = label[:min(len(label), 20)]
			found := false
			for _, l := range lines[1 : size.Height-2] {
				if strings.HasPrefix(l, "> ") && strings.Contains(l, string(label)) {
					found = true
				}
			}
			if !found {
				t.Fatalf("%v: focused field %d (%s) not in view:\n%s", size, i, string(label), a.View())
			}
			a = send(t, a, keys("tab")...)
		}
	}
}
