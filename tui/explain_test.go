package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/model"
)

// explainCase imports a case and opens the explanation of its deadline of
// rule on top of the desk.
func explainCase(t *testing.T, c *Common, cs model.Case, rule string) *App {
	t.Helper()
	model.Normalize(&cs)
	if err := c.Store.Import([]model.Case{cs}, "anne"); err != nil {
		t.Fatal(err)
	}
	a := caseOpen(t, c, cs.ID)
	cv := a.top().(*CaseView)
	for i, o := range cv.obs {
		if o.Rule == rule {
			cv.sel = i
			return send(t, a, keys("enter")...)
		}
	}
	t.Fatalf("no %s deadline on %s: %+v", rule, cs.ID, cv.obs)
	return nil
}

func christmasCase() model.Case {
	return model.Case{ID: "K-2026-0101", Citizen: model.Citizen{Name: "Jens Jul", CPR: "2412801234"},
		Events: []model.Event{{Type: model.ReferralReceived, Date: td("2026-12-21")},
			{Type: model.Assigned, Date: td("2026-12-23"), To: "anne"}}}
}

func easterCase() model.Case {
	yes := true
	return model.Case{ID: "K-2027-0042", Citizen: model.Citizen{Name: "Påske Hansen", CPR: "0104851234"},
		Events: []model.Event{{Type: model.ReferralReceived, Date: td("2027-03-10")},
			{Type: model.Assigned, Date: td("2027-03-11"), To: "anne"},
			{Type: model.ContactAttempt, Date: td("2027-03-12"), Channel: "phone", Reached: &yes},
			{Type: model.FirstMeeting, Date: td("2027-03-22")},
			{Type: model.CoordinationPlanned, Date: td("2027-03-22"), Scope: "external"}}}
}

// Wed 23 Dec 2026: 24 Dec closed, 25–26 Dec holidays, 27 Dec Sunday; Mon
// 28 is 1, Tue 29 is 2.
func TestExplainChristmasGolden(t *testing.T) {
	a := explainCase(t, newTestCommon(t, Danish), christmasCase(), "contact")
	v := a.View()
	want := "2 arbejdsdage efter tildelt ons 23. dec: 24. dec lukkedag (juleaftensdag), 25.–26. dec helligdage (juledag, 2. juledag), 27. dec søndag, man 28. dec er 1, tir 29. dec er 2 → frist tir 29. dec 2026"
	if !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
		t.Errorf("the count should read\n%s\nin\n%s", want, v)
	}
	requireGolden(t, v)
}

func TestExplainChristmasGoldenEnglish(t *testing.T) {
	a := explainCase(t, newTestCommon(t, English), christmasCase(), "contact")
	v := a.View()
	want := "2 working days after assigned Wed 23 Dec: 24 Dec closed (Christmas Eve), 25–26 Dec holidays (Christmas Day, Boxing Day), 27 Dec Sunday, Mon 28 Dec is 1, Tue 29 Dec is 2 → due Tue 29 Dec 2026"
	if !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
		t.Errorf("the count should read\n%s\nin\n%s", want, v)
	}
	requireGolden(t, v)
}

// 14 working days after a first meeting on Mon 22 Mar 2027, across Easter.
func TestExplainEasterGolden(t *testing.T) {
	requireGolden(t, explainCase(t, newTestCommon(t, Danish), easterCase(), "coordinating_meeting").View())
}

func TestExplainEasterGoldenEnglishNarrow(t *testing.T) {
	a := explainCase(t, newTestCommon(t, English), easterCase(), "coordinating_meeting")
	requireGolden(t, send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24}).View())
}

// A month from Wed 25 Nov 2026 is Christmas Day: moved on to Mon 28 Dec.
func TestExplainMonthsGolden(t *testing.T) {
	cs := easterCase()
	cs.ID = "K-2026-0102"
	cs.Events = []model.Event{{Type: model.ReferralReceived, Date: td("2026-11-20")}, {Type: model.Assigned, Date: td("2026-11-23"), To: "anne"},
		{Type: model.FirstMeeting, Date: td("2026-11-25")}}
	requireGolden(t, explainCase(t, newTestCommon(t, Danish), cs, "needs_assessment").View())
}

// Every rule of the profile has words for why, and every count reads to
// the date the engine computed.
func TestExplainEveryRule(t *testing.T) {
	for _, lang := range []Lang{Danish, English} {
		c := newTestCommon(t, lang)
		p, _ := model.ProfileByName("")
		for _, r := range p.Rules {
			if tx := c.T("why." + r.Name); strings.Contains(tx, "⟦") {
				t.Errorf("no words for rule %s", r.Name)
			}
		}
		for _, id := range []string{"K-2026-0001", "K-2026-0002", "K-2026-0003", "K-2026-0007", "K-2026-0008"} {
			cs, _ := c.Store.Case(id)
			for _, o := range p.Obligations(&cs, c.Store.Calendar()) {
				lines := strings.Join(c.explainLines(&cs, o, 200), " ")
				if !strings.Contains(lines, c.T("explain.result", c.dateWords(o.Due))) && o.Basis.Workdays+o.Basis.Months > 0 {
					t.Errorf("%s %s: the count does not end on %v:\n%s", id, o.Rule, o.Due, lines)
				}
			}
		}
	}
}
