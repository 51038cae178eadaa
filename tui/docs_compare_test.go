package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/model"
)

// twoVersions saves an agreement with one goal, then a second version
// with a place, the goal's follow-up moved and a second goal.
func twoVersions(t *testing.T, c *Common) {
	t.Helper()
	no := false
	v1 := model.Agreement{Agreed: td("2026-11-20"), Situation: "Bor hos sin mor.", NewGoals: &no,
		Goals: []model.Goal{{Title: "Egen bolig", Area: "housing", FollowUp: td("2027-01-15")}}}
	v2 := v1
	v2.Place, v2.Situation = "Hjemme hos borgeren", "Bor hos sin mor.\nVil flytte."
	v2.Goals = []model.Goal{{Title: "Egen bolig", Area: "housing", FollowUp: td("2027-02-01")}, {Title: "Praktik", FollowUp: td("2027-03-01")}}
	for _, a := range []model.Agreement{v1, v2} {
		if err := storeEdit(c, "K-2026-0008", "anne", func(cs *model.Case) (string, error) {
			cs.SaveAgreement(a, c.Today(), "anne")
			return "", nil
		}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDocsCompareVersions(t *testing.T) {
	for _, lang := range []Lang{Danish, English} {
		c := newTestCommon(t, lang)
		twoVersions(t, c)
		a := docsOpen(t, c)
		a = send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24})
		a = send(t, a, keys("j v j c")...)
		if _, ok := a.top().(*textScreen); !ok {
			t.Fatalf("top is %T, want the comparison (status %q)", a.top(), a.status.text)
		}
		view := a.View()
		want := []string{"Sted", "(tomt) → Hjemme hos borgeren", "Bor hos sin mor. → Bor hos sin mor. / Vil flytte.",
			"Mål »Egen bolig« · Opfølgningsdato", "2027-01-15 → 2027-02-01", "Mål »Praktik«", "  tilføjet"}
		if lang == English {
			want = []string{"Place", "(empty) → Hjemme hos borgeren", "Goal \"Egen bolig\" · Follow-up date", "  added"}
		} else {
			requireGolden(t, view)
		}
		for _, w := range want {
			if !strings.Contains(view, w) {
				t.Errorf("%v: no %q in\n%s", lang, w, view)
			}
		}
		// The version in force against itself: no differences.
		a = send(t, a, keys("esc k c")...)
		if !strings.Contains(a.View(), c.T("compare.same")[:20]) {
			t.Errorf("%v: in force against itself:\n%s", lang, a.View())
		}
	}
}
