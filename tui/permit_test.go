package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/model"
)

// actionKeys are the case actions a screen offers.
func actionKeys(c *Common, s Screen) []string {
	var out []string
	for _, k := range s.Keys() {
		for _, act := range caseActions {
			if k.Help().Key == act.binding(&c.Keys.Case).Help().Key && k.Help().Desc == act.binding(&c.Keys.Case).Help().Desc {
				out = append(out, k.Help().Key)
			}
		}
		if k.Help().Desc == c.Keys.Case.Annul.Help().Desc {
			out = append(out, k.Help().Key)
		}
	}
	return out
}

// A caseworker sees a colleague's case read-only, and is told why: on
// the help line, in the case's header and in the help. A key of an
// action says why it cannot be done.
func TestCaseworkerSeesColleaguesCaseReadOnly(t *testing.T) {
	c := newTestCommon(t, Danish)
	c.User, c.Role = "bo", model.Caseworker
	a := caseOpen(t, c, "K-2026-0001") // anne's
	if got := actionKeys(c, a.top()); len(got) > 0 {
		t.Errorf("bo is offered %v on anne's case", got)
	}
	v := a.View()
	if line := lastLine(v); !strings.HasPrefix(line, "kun læsning: sagen hører til anne · esc tilbage") {
		t.Errorf("help line %q", line)
	}
	if !strings.Contains(v, "Kun læsning: Sagen hører til anne; kun sagsbehandleren og koordinatorer kan ændre den.") {
		t.Errorf("the header does not say why the case is read-only:\n%s", v)
	}
	a = send(t, a, keys("c")...)
	if _, ok := a.top().(*CaseView); !ok || a.status.text != "Sagen hører til anne; kun sagsbehandleren og koordinatorer kan ændre den." {
		t.Errorf("c on anne's case: top %T, status %q", a.top(), a.status.text)
	}
	a = send(t, a, keys("G u")...)
	if _, ok := a.top().(*CaseView); !ok || !strings.HasPrefix(a.status.text, "Sagen hører til anne") {
		t.Errorf("u on anne's case: top %T, status %q", a.top(), a.status.text)
	}
	a = send(t, a, keys("?")...)
	if v := a.View(); !strings.Contains(v, "Kun læsning: Sagen hører til anne") {
		t.Errorf("the help does not say why the case is read-only:\n%s", v)
	}
	requireGolden(t, send(t, a, append(keys("esc"), tea.WindowSizeMsg{Width: 80, Height: 24})...).View())

	// His own case offers what its rules allow.
	a = caseOpen(t, c, "K-2026-0002")
	if got := actionKeys(c, a.top()); !strings.Contains(strings.Join(got, " "), "c") {
		t.Errorf("bo is offered only %v on his own case", got)
	}
	if line := lastLine(a.View()); strings.Contains(line, "kun læsning") {
		t.Errorf("his own case says read-only: %q", line)
	}
	// A case not yet triaged is no caseworker's.
	a = caseOpen(t, c, "K-2026-0004")
	if got := actionKeys(c, a.top()); len(got) > 0 || !strings.HasPrefix(lastLine(a.View()), "kun læsning: sagen er ikke visiteret") {
		t.Errorf("an untriaged case offers %v to a caseworker, help line %q", got, lastLine(a.View()))
	}
}

// Leaders and admins change nothing, and every screen says so.
func TestLeaderChangesNothing(t *testing.T) {
	for _, role := range []model.Role{model.Leader, model.Admin} {
		c := newTestCommon(t, English)
		c.Role = role
		a := startApp(t, c)
		for _, k := range a.top().Keys() {
			if k.Help().Key == "n" {
				t.Errorf("%s is offered a new referral", role)
			}
		}
		a = send(t, a, keys("t")...)
		if line := lastLine(a.View()); !strings.HasPrefix(line, "read-only: your role changes nothing") {
			t.Errorf("%s: triage help line %q", role, line)
		}
		a = send(t, a, keys("esc enter")...)
		if got := actionKeys(c, a.top()); len(got) > 0 {
			t.Errorf("%s is offered %v", role, got)
		}
		a = send(t, a, keys("n")...)
		if a.status.text != "You have read-only access." {
			t.Errorf("%s: n on a case says %q", role, a.status.text)
		}
	}
	c := newTestCommon(t, English)
	c.Role = model.Caseworker
	a := startApp(t, c)
	a = send(t, a, keys("t")...)
	if line := lastLine(a.View()); !strings.HasPrefix(line, "read-only: only coordinators triage") {
		t.Errorf("caseworker: triage help line %q", line)
	}
}

// A refusal from the store says the problem in words: anne's case was
// given to bo while she typed.
func TestStoreRefusalInWords(t *testing.T) {
	c := newTestCommon(t, Danish)
	c.Role = model.Caseworker
	a := caseOpen(t, c, "K-2026-0001")
	a = send(t, a, keys("c tab")...)
	a = send(t, a, typeText("tel")...)
	if err := storeRecord(c, "K-2026-0001", "kim", model.Event{Type: model.Assigned, Date: td("2026-11-25"), To: "bo", By: "kim"}); err != nil {
		t.Fatal(err)
	}
	a = send(t, a, keys("ctrl+s")...)
	f, ok := a.top().(*Form)
	if !ok || !a.status.err || a.status.text != "Sagen hører til bo; kun sagsbehandleren og koordinatorer kan ændre den." {
		t.Fatalf("top %T, status %q", a.top(), a.status.text)
	}
	if f.Chosen("channel") != "phone" {
		t.Errorf("the form lost its input: channel %q", f.Chosen("channel"))
	}
}
