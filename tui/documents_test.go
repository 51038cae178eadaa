package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/model"
)

func tabs(n int) []tea.Msg {
	var out []tea.Msg
	for range n {
		out = append(out, keys("tab")...)
	}
	return out
}

func docsOpen(t *testing.T, c *Common) *App {
	t.Helper()
	a := caseOpen(t, c, "K-2026-0008")
	a = send(t, a, keys("D")...)
	if _, ok := a.top().(*docsScreen); !ok {
		t.Fatalf("top is %T, want the documents screen", a.top())
	}
	return a
}

func storedCase(t *testing.T, c *Common) model.Case {
	t.Helper()
	cs, err := c.Store.Case("K-2026-0008")
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestDocsConsentAndRevoke(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := docsOpen(t, c)
	a = send(t, a, keys("G enter")...)
	if _, ok := a.top().(*Form); !ok {
		t.Fatalf("top is %T, want the consent form", a.top())
	}
	a = send(t, a, keys("tab tab space")...) // Egen læge
	a = send(t, a, tabs(14)...)
	a = send(t, a, keys("right ctrl+s")...)
	if _, ok := a.top().(*docsScreen); !ok {
		t.Fatalf("top is %T after saving, status %q", a.top(), a.status.text)
	}
	cs := storedCase(t, c)
	if len(cs.Consents) != 1 || strings.Join(cs.Consents[0].Parties, ",") != "gp" || cs.Consents[0].Date != td("2026-11-25") || cs.Consents[0].How != "signed" {
		t.Fatalf("consents: %+v", cs.Consents)
	}
	if !strings.Contains(a.View(), "gælder") {
		t.Errorf("documents screen does not say the consent is in force:\n%s", a.View())
	}
	a = send(t, a, keys("G k r")...)
	a = send(t, a, keys("ctrl+s")...)
	cs = storedCase(t, c)
	if cs.Consents[0].Revoked != td("2026-11-25") {
		t.Fatalf("not revoked: %+v (status %q)", cs.Consents, a.status.text)
	}
	if !strings.Contains(a.View(), "trukket tilbage 2026-11-25") {
		t.Errorf("documents screen:\n%s", a.View())
	}
}

func TestDocsNetworkMap(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := docsOpen(t, c)
	a = send(t, a, keys("enter")...)
	tb, ok := a.top().(*Table)
	if !ok {
		t.Fatalf("top is %T, want the network map", a.top())
	}
	if len(tb.rows) != len(model.NetworkSections)+1 {
		t.Fatalf("new map has %d rows", len(tb.rows))
	}
	a = send(t, a, keys("tab tab")...)
	a = send(t, a, append(typeText("Mor Hansen"), keys("enter tab tab")...)...)
	a = send(t, a, append(typeText("mor@"), keys("enter ctrl+s")...)...)
	if a.top() != Screen(tb) || tb.rows[0].errs["email"] == "" {
		t.Fatalf("a bad e-mail was not refused: top %T, errs %v", a.top(), tb.rows[0].errs)
	}
	a = send(t, a, append(typeText("example.dk"), keys("enter ctrl+s")...)...)
	if _, ok := a.top().(*docsScreen); !ok {
		t.Fatalf("top is %T after saving, status %q", a.top(), a.status.text)
	}
	cs := storedCase(t, c)
	m := cs.NetworkMap
	if m == nil || len(m.Rows) != 2 || m.Rows[0].Name != "Mor Hansen" || m.Rows[0].Email != "mor@example.dk" || m.Rows[0].Section != "private" ||
		m.Rows[1].Section != "health" || m.Rows[1].Name != "Egen læge" || m.Updated != td("2026-11-25") || m.PreparedBy != "anne" {
		t.Fatalf("map: %+v", m)
	}
}

func TestDocsAgreementVersions(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := docsOpen(t, c)
	a = send(t, a, keys("j enter")...)
	if _, ok := a.top().(*Form); !ok {
		t.Fatalf("top is %T, want the agreement form", a.top())
	}
	a = send(t, a, keys("ctrl+s")...)
	if _, ok := a.top().(*Table); !ok {
		t.Fatalf("top is %T, want the goals (status %q)", a.top(), a.status.text)
	}
	a = send(t, a, append(typeText("Egen bolig"), keys("enter tab tab tab tab")...)...)
	a = send(t, a, append(typeText("15/1"), keys("enter ctrl+s")...)...)
	if _, ok := a.top().(*docsScreen); !ok {
		t.Fatalf("top is %T after saving, status %q", a.top(), a.status.text)
	}
	cs := storedCase(t, c)
	if len(cs.Agreements) != 1 || len(cs.Goals) != 1 || cs.Goals[0].Title != "Egen bolig" || cs.Goals[0].FollowUp != td("2027-01-15") {
		t.Fatalf("agreements %+v goals %+v", cs.Agreements, cs.Goals)
	}
	// A second save keeps a second version, the goals prefilled.
	a = send(t, a, keys("enter ctrl+s ctrl+s")...)
	cs = storedCase(t, c)
	if len(cs.Agreements) != 2 || len(cs.Goals) != 1 || len(cs.Agreements[1].Goals) != 1 {
		t.Fatalf("agreements %+v goals %+v (status %q)", cs.Agreements, cs.Goals, a.status.text)
	}
	a = send(t, a, keys("v")...)
	if _, ok := a.top().(*versionsScreen); !ok {
		t.Fatalf("top is %T, want the versions", a.top())
	}
	a = send(t, a, keys("enter")...)
	if !strings.Contains(a.View(), "Egen bolig") {
		t.Errorf("version:\n%s", a.View())
	}
}

func TestDocsMeetingConsent(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := docsOpen(t, c)
	a = send(t, a, keys("j j enter")...)
	a = send(t, a, typeText("10/12")...)
	a = send(t, a, tabs(7)...)
	a = send(t, a, keys("space ctrl+s")...)
	if _, ok := a.top().(*participantsScreen); !ok {
		t.Fatalf("top is %T, want the participants (status %q)", a.top(), a.status.text)
	}
	a = send(t, a, append(typeText("Dr. Hansen"), keys("enter tab")...)...)
	a = send(t, a, append(typeText("Lægehuset"), keys("enter tab tab j enter ctrl+s")...)...)
	if _, ok := a.top().(*participantsScreen); !ok || !strings.Contains(a.status.text, "Lægehuset") {
		t.Fatalf("not refused without consent: top %T, status %q", a.top(), a.status.text)
	}
	if err := storeEdit(c, "K-2026-0008", "bo", func(cs *model.Case) (string, error) {
		cs.Consents = append(cs.Consents, model.Consent{Date: td("2026-11-20"), Parties: []string{"Lægehuset"}, How: "signed"})
		return "", nil
	}); err != nil {
		t.Fatal(err)
	}
	a = send(t, a, keys("ctrl+s")...)
	at, ok := a.top().(*agendaTable)
	if !ok {
		t.Fatalf("top is %T, want the agenda (status %q)", a.top(), a.status.text)
	}
	if len(at.rows) != 11 {
		t.Errorf("agenda has %d rows", len(at.rows))
	}
	a = send(t, a, keys("tab tab tab 10 enter tab")...)
	a = send(t, a, append(typeText("Ring til lægen"), keys("tab tab anne enter tab 1/12 enter")...)...)
	if got := at.Title(); got != "Dagsorden 2026-12-10 · 10/60 min · punkter senest 2026-12-06" {
		t.Errorf("title %q", got)
	}
	a = send(t, a, keys("ctrl+s")...) // the case changed meanwhile: said, input kept
	if a.top() != Screen(at) {
		t.Fatalf("top is %T after a conflict", a.top())
	}
	a = send(t, a, keys("ctrl+s")...)
	if _, ok := a.top().(*docsScreen); !ok {
		t.Fatalf("top is %T after saving, status %q", a.top(), a.status.text)
	}
	cs := storedCase(t, c)
	if len(cs.Meetings) != 1 || cs.Meetings[0].Date != td("2026-12-10") || cs.Meetings[0].MinutesSent != td("2026-11-25") ||
		len(cs.Meetings[0].Invited) != 1 || !cs.Meetings[0].Invited[0].External || cs.Meetings[0].Items[0].Minutes != 10 {
		t.Fatalf("meetings %+v", cs.Meetings)
	}
	last := cs.Tasks[len(cs.Tasks)-1]
	if last.Title != "Ring til lægen" || last.Owner != "anne" || last.Due != td("2026-12-01") {
		t.Fatalf("tasks %+v", cs.Tasks)
	}
}

func TestDocsGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang Lang
		w, h int
		keys string
	}{
		{"documents", Danish, 100, 30, ""},
		{"documents_narrow", Danish, 80, 24, ""},
		{"documents_english", English, 100, 30, ""},
		{"networkmap", Danish, 100, 30, "enter"},
		{"networkmap_narrow", Danish, 80, 24, "enter"},
		{"agreement", Danish, 100, 30, "j enter"},
		{"agreement_narrow", Danish, 80, 24, "j enter"},
		{"meeting", Danish, 100, 30, "j j enter"},
		{"meeting_narrow", Danish, 80, 24, "j j enter"},
		{"consent", Danish, 100, 30, "G enter"},
		{"consent_narrow", Danish, 80, 24, "G enter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCommon(t, tc.lang)
			a := docsOpen(t, c)
			a = send(t, a, tea.WindowSizeMsg{Width: tc.w, Height: tc.h})
			a = send(t, a, keys(tc.keys)...)
			requireGolden(t, a.View())
		})
	}
}

// A leader reads the documents and saves nothing.
func TestDocsReadOnly(t *testing.T) {
	c := newTestCommon(t, Danish)
	c.Role = model.Leader
	a := docsOpen(t, c)
	if !strings.Contains(a.View(), "kun læsning") {
		t.Errorf("no read-only words:\n%s", a.View())
	}
	a = send(t, a, keys("enter")...)
	if _, ok := a.top().(*textScreen); !ok {
		t.Fatalf("top is %T, want the map to read", a.top())
	}
}

// A case's goals from before any agreement are in the first agreement's
// goals table: saving it does not drop them.
func TestDocsAgreementKeepsTheCasesGoals(t *testing.T) {
	c := newTestCommon(t, Danish)
	if err := storeEdit(c, "K-2026-0008", "bo", func(cs *model.Case) (string, error) {
		cs.Goals = []model.Goal{{Title: "Importeret mål", FollowUp: td("2027-02-01")}, {Title: "Nået mål", FollowUp: td("2026-11-01"), FollowedUp: true, FollowedUpOn: td("2026-11-02")}}
		return "", nil
	}); err != nil {
		t.Fatal(err)
	}
	a := docsOpen(t, c)
	a = send(t, a, keys("j enter ctrl+s")...)
	if !strings.Contains(a.View(), "Importeret mål") || strings.Contains(a.View(), "Nået mål") {
		t.Fatalf("the goals table should hold the open goal only:\n%s", a.View())
	}
	a = send(t, a, keys("ctrl+s")...)
	cs := storedCase(t, c)
	if len(cs.Goals) != 2 || cs.Goals[0].Title != "Importeret mål" || !cs.Goals[1].FollowedUp {
		t.Fatalf("goals after the first agreement: %+v", cs.Goals)
	}
}

// An impossible date on a document's form says it is no date, not that
// the field is empty.
func TestDocsBadDateSaysSo(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := docsOpen(t, c)
	a = send(t, a, keys("j j enter")...)
	a = send(t, a, typeText("31/2")...)
	a = send(t, a, keys("ctrl+s")...)
	v := a.View()
	if strings.Contains(v, c.T("form.required")) || !strings.Contains(v, "31/2") {
		t.Fatalf("the meeting's date 31/2:\n%s", v)
	}
}

// Many versions: the cursor stays in view.
func TestDocsVersionsScroll(t *testing.T) {
	c := newTestCommon(t, Danish)
	if err := storeEdit(c, "K-2026-0008", "bo", func(cs *model.Case) (string, error) {
		for i := 0; i < 40; i++ {
			cs.SaveAgreement(model.Agreement{Status: fmt.Sprint(i)}, td("2026-11-01").AddDays(i), "bo")
		}
		return "", nil
	}); err != nil {
		t.Fatal(err)
	}
	a := docsOpen(t, c)
	a = send(t, a, keys("j v G")...)
	if v := a.View(); !strings.Contains(v, "> Gemt 2026-11-01") {
		t.Fatalf("the oldest version is not in view at the end:\n%s", v)
	}
}
