package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/model"
)

var ctrlO = tea.KeyMsg{Type: tea.KeyCtrlO}

// The network map's rows are offered as participants: the workplace as
// the unit, external unless in the caseworker's section.
func TestDocsParticipantsFromMap(t *testing.T) {
	c := newTestCommon(t, Danish)
	if err := storeEdit(c, "K-2026-0008", "anne", func(cs *model.Case) (string, error) {
		cs.SaveNetworkMap(model.NetworkMap{Rows: []model.NetworkRow{
			{Section: "private", Name: "Mor Hansen", Email: "mor@example.dk"},
			{Section: "housing", Workplace: "Boligforeningen"},
			{Section: "caseworker", Name: "Anne Andersen", Workplace: "Fremskudt team", Email: "anne@kommune.dk"},
			{Section: "health"}, // nobody named: not offered
		}}, c.Today())
		return "", nil
	}); err != nil {
		t.Fatal(err)
	}
	a := docsOpen(t, c)
	a = send(t, a, keys("j j enter")...)
	a = send(t, a, typeText("10/12")...)
	a = send(t, a, keys("ctrl+s")...)
	ps, ok := a.top().(*participantsScreen)
	if !ok {
		t.Fatalf("top is %T, want the participants (status %q)", a.top(), a.status.text)
	}
	a = send(t, a, ctrlO)
	f, ok := a.top().(*Form)
	if !ok || len(f.fields) != 4 {
		var labels []string
		if ok {
			for _, fl := range f.fields {
				labels = append(labels, fl.Label)
			}
		}
		t.Fatalf("top is %T, want the network map's three named rows and the own GP: %q", a.top(), labels)
	}
	a = send(t, a, keys("space tab tab tab space ctrl+s")...) // the map orders its rows by section
	if a.top() != Screen(ps) {
		t.Fatalf("top is %T after picking", a.top())
	}
	rows := ps.Rows()
	if len(rows) != 2 || rows[0]["name"] != "Mor Hansen" || rows[0]["email"] != "mor@example.dk" || rows[0]["external"] != "yes" ||
		rows[1]["name"] != "Anne Andersen" || rows[1]["unit"] != "Fremskudt team" || rows[1]["external"] != "no" {
		t.Fatalf("rows %v", rows)
	}
	// Picked again: no one twice.
	a = send(t, a, ctrlO)
	a = send(t, a, keys("space tab space ctrl+s")...)
	rows = ps.Rows()
	if len(rows) != 3 || rows[2]["name"] != "Boligforeningen" || rows[2]["unit"] != "" {
		t.Fatalf("rows %v", rows)
	}
	if !strings.Contains(a.status.text, "1 deltagere") {
		t.Errorf("status %q", a.status.text)
	}
}

func TestDocsParticipantsFromNoMap(t *testing.T) {
	c := newTestCommon(t, English)
	a := docsOpen(t, c)
	a = send(t, a, keys("j j enter")...)
	a = send(t, a, typeText("10/12")...)
	a = send(t, a, keys("ctrl+s")...)
	a = send(t, a, ctrlO)
	if _, ok := a.top().(*participantsScreen); !ok || !strings.Contains(a.status.text, "no named rows") {
		t.Fatalf("top %T, status %q", a.top(), a.status.text)
	}
}

// Apologies are typed on the meeting's form, one per line or separated
// by commas, and stored as names.
func TestDocsMeetingApologies(t *testing.T) {
	c := newTestCommon(t, Danish)
	a := docsOpen(t, c)
	a = send(t, a, keys("j j enter")...)
	a = send(t, a, typeText("10/12")...)
	a = send(t, a, tabs(8)...)
	a = send(t, a, typeText("Mor Hansen, Dr. Berg")...)
	a = send(t, a, keys("enter")...)
	a = send(t, a, typeText("Jobcenteret")...)
	a = send(t, a, keys("ctrl+s ctrl+s ctrl+s")...)
	if _, ok := a.top().(*docsScreen); !ok {
		t.Fatalf("top is %T after saving, status %q", a.top(), a.status.text)
	}
	cs := storedCase(t, c)
	if len(cs.Meetings) != 1 || strings.Join(cs.Meetings[0].Apologies, "|") != "Mor Hansen|Dr. Berg|Jobcenteret" {
		t.Fatalf("meetings %+v", cs.Meetings)
	}
	// Opened again (the cursor is on it): one per line.
	a = send(t, a, keys("enter")...)
	f := a.top().(*Form)
	if got := f.Value("apologies"); got != "Mor Hansen\nDr. Berg\nJobcenteret" {
		t.Errorf("apologies %q", got)
	}
}
