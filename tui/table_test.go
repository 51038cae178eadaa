package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/forms"
	"tovholder/model"
)

// networkColumns is a network-map-like table.
func networkColumns() []Column {
	return []Column{
		{Key: "contact", Label: model.Text{Da: "Kontakt", En: "Contact"}, Kind: ColYesNo},
		{Key: "name", Label: model.Text{Da: "Navn", En: "Name"}, Kind: ColText, Weight: 2, Required: true},
		{Key: "work", Label: model.Text{Da: "Arbejdssted", En: "Workplace"}, Kind: ColText, Weight: 2},
		{Key: "email", Label: model.Text{Da: "E-mail", En: "E-mail"}, Kind: ColText, Weight: 2},
		{Key: "phone", Label: model.Text{Da: "Telefon", En: "Phone"}, Kind: ColText, Weight: 1},
	}
}

func networkRows() []Row {
	return []Row{
		{"contact": "yes", "name": "Dorte Lægesen", "work": "Lægehuset Prøvevej", "email": "dorte@laegehuset.example", "phone": "12345678"},
		{"contact": "no", "name": "Karsten Fiktiv", "work": "Jobcenter Roskilde, Team Unge og Uddannelse", "email": "karsten.fiktiv@jobcenter.example.dk", "phone": "87654321"},
		{"contact": "yes", "name": "Mor", "work": "", "email": "", "phone": "11223344"},
	}
}

var goalAreas = []model.Option{
	{ID: "housing", Da: "Bolig", En: "Housing"},
	{ID: "health", Da: "Helbred og trivsel", En: "Health and well-being"},
	{ID: "work", Da: "Beskæftigelse", En: "Work"},
	{ID: "money", Da: "Økonomi", En: "Money"},
}

// agreementColumns is an agreement-like table with long cells.
func agreementColumns() []Column {
	return []Column{
		{Key: "goal", Label: model.Text{Da: "Mål", En: "Goal"}, Kind: ColText, Weight: 2, Required: true},
		{Key: "area", Label: model.Text{Da: "Område", En: "Area"}, Kind: ColChoice, Options: goalAreas, Weight: 1},
		{Key: "citizen", Label: model.Text{Da: "Borgeren gør", En: "Citizen does"}, Kind: ColLong, Weight: 2},
		{Key: "worker", Label: model.Text{Da: "Rådgiver gør", En: "Caseworker does"}, Kind: ColLong, Weight: 2},
		{Key: "followup", Label: model.Text{Da: "Opfølgning", En: "Follow-up"}, Kind: ColDate, Dir: forms.Future},
		{Key: "reached", Label: model.Text{Da: "Nået", En: "Reached"}, Kind: ColYesNo},
		{Key: "notes", Label: model.Text{Da: "Gik godt / mindre godt", En: "Went well / less well"}, Kind: ColLong, Weight: 2},
	}
}

func agreementRows() []Row {
	return []Row{
		{"goal": "Egen bolig inden sommer", "area": "housing",
			"citizen":  "Søger boliger hver uge på boligportalen og går til fremvisninger sammen med sin bror, som har bil. Skriver ned hvilke boliger der er søgt.",
			"worker":   "Kontakter boligforeningen om akut boliganvisning og hjælper med ansøgningen om boligstøtte.\nFølger op med borgeren hver anden uge.",
			"followup": "2026-12-15", "reached": "", "notes": ""},
		{"goal": "Komme til tandlæge", "area": "health", "citizen": "Ringer selv og bestiller tid.",
			"worker": "Undersøger tilskud til tandbehandling.", "followup": "2027-01-12", "reached": "no",
			"notes": "Gik godt: tiden er bestilt. Mindre godt: borgeren aflyste første tid, fordi transporten ikke var på plads."},
	}
}

// tkeys is keys with the table's own ctrl keys.
func tkeys(s string) []tea.Msg {
	ctrl := map[string]tea.KeyType{"ctrl+n": tea.KeyCtrlN, "ctrl+d": tea.KeyCtrlD}
	var out []tea.Msg
	for _, w := range strings.Fields(s) {
		if k, ok := ctrl[w]; ok {
			out = append(out, tea.KeyMsg{Type: k})
			continue
		}
		out = append(out, keys(w)...)
	}
	return out
}

// openTable puts tbl on the desk at w×h and returns the desk.
func openTable(t *testing.T, c *Common, tbl *Table, w, h int) *App {
	t.Helper()
	a := startApp(t, c)
	return send(t, a, tea.WindowSizeMsg{Width: w, Height: h}, pushMsg{tbl})
}

func cellOf(tbl *Table, row int, key string) string { return tbl.rows[row].vals[key] }

func TestTableEditAddMoveDelete(t *testing.T) {
	c := newTestCommon(t, Danish)
	tbl := NewTable(c, "Netværkskort", networkColumns(), networkRows())
	saved := 0
	tbl.OnSave = func(*Table) (tea.Cmd, error) { saved++; return nil, nil }
	a := openTable(t, c, tbl, 80, 24)

	// enter edits the name; typing ends up after the old value; esc undoes.
	a = send(t, a, keys("right enter")...)
	a = send(t, a, typeText(" X")...)
	a = send(t, a, keys("esc")...)
	if got := cellOf(tbl, 0, "name"); got != "Dorte Lægesen" || tbl.Dirty() {
		t.Fatalf("esc should undo the cell: %q, dirty %v", got, tbl.Dirty())
	}
	// Typing starts editing; tab keeps it and moves on.
	a = send(t, a, keys("backspace")...) // backspace alone types nothing
	a = send(t, a, typeText("Ny")...)
	a = send(t, a, keys("tab")...)
	if got := cellOf(tbl, 0, "name"); got != "Dorte LægesenNy" {
		t.Fatalf("name %q", got)
	}
	if r, col := tbl.Cursor(); r != 0 || col != 2 || !tbl.Dirty() {
		t.Fatalf("cursor %d,%d dirty %v", r, col, tbl.Dirty())
	}
	// Add a row below the first, fill it, move it down, delete another.
	a = send(t, a, tkeys("ctrl+n")...)
	if len(tbl.rows) != 4 {
		t.Fatalf("%d rows", len(tbl.rows))
	}
	a = send(t, a, typeText("j")...) // the contact column: j finds ja
	a = send(t, a, keys("tab")...)
	a = send(t, a, typeText("Bror")...)
	a = send(t, a, keys("enter")...)
	if got := cellOf(tbl, 1, "name"); got != "Bror" || cellOf(tbl, 1, "contact") != "yes" {
		t.Fatalf("new row %v", tbl.rows[1].vals)
	}
	a = send(t, a, tea.KeyMsg{Type: tea.KeyShiftDown})
	if cellOf(tbl, 2, "name") != "Bror" {
		t.Fatalf("moved down: %v", tbl.Rows())
	}
	if r, _ := tbl.Cursor(); r != 2 {
		t.Fatalf("the cursor follows the moved row, at %d", r)
	}
	a = send(t, a, tea.KeyMsg{Type: tea.KeyCtrlUp})
	if cellOf(tbl, 1, "name") != "Bror" {
		t.Fatalf("moved up: %v", tbl.Rows())
	}
	// ctrl+d asks; n keeps the row, j deletes it.
	a = send(t, a, tea.KeyMsg{Type: tea.KeyCtrlD})
	if !strings.Contains(a.View(), "Slet række 2? (j/n)") {
		t.Fatalf("delete should ask:\n%s", a.View())
	}
	a = send(t, a, typeText("n")...)
	if len(tbl.rows) != 4 {
		t.Fatal("n should keep the row")
	}
	a = send(t, a, tea.KeyMsg{Type: tea.KeyCtrlD})
	a = send(t, a, typeText("j")...)
	if len(tbl.rows) != 3 || cellOf(tbl, 1, "name") != "Karsten Fiktiv" {
		t.Fatalf("after delete: %v", tbl.Rows())
	}
	a = send(t, a, keys("ctrl+s")...)
	if saved != 1 || tbl.Dirty() {
		t.Fatalf("saved %d, dirty %v", saved, tbl.Dirty())
	}
	if _, ok := a.top().(*Table); !ok {
		t.Fatal("the table stays open after saving")
	}
}

func TestTableValidation(t *testing.T) {
	for _, lang := range []Lang{Danish, English} {
		c := newTestCommon(t, lang)
		cols := append(agreementColumns(), Column{Key: "min", Label: model.Text{Da: "Minutter", En: "Minutes"}, Kind: ColNumber})
		tbl := NewTable(c, "Aftale", cols, []Row{{"goal": "Mål", "area": "nope"}})
		saved := false
		tbl.OnSave = func(*Table) (tea.Cmd, error) { saved = true; return nil, nil }
		a := openTable(t, c, tbl, 100, 30)
		// A date typed without a year, in a field for the future: the next 3/12.
		a = send(t, a, keys("right right right right enter")...)
		a = send(t, a, typeText("3/12")...)
		a = send(t, a, keys("enter")...)
		if got := cellOf(tbl, 0, "followup"); got != "2026-12-03" {
			t.Fatalf("date stored as %q", got)
		}
		a = send(t, a, typeText("31/2")...) // typing on a cell replaces nothing: it appends
		a = send(t, a, keys("esc")...)
		a = send(t, a, keys("enter")...)
		for range 10 {
			a = send(t, a, keys("backspace")...)
		}
		a = send(t, a, typeText("31/2")...)
		a = send(t, a, keys("tab")...)
		wantDate := forms.CodeText[forms.CodeDateImpossible].In(lang.Code())
		if tbl.rows[0].errs["followup"] != wantDate || !strings.Contains(a.View(), "↳ "+wantDate[:20]) {
			t.Fatalf("%v: date error %q, view:\n%s", lang, tbl.rows[0].errs["followup"], a.View())
		}
		a = send(t, a, keys("right right")...)
		a = send(t, a, typeText("tolv")...)
		a = send(t, a, keys("enter")...)
		if e := tbl.rows[0].errs["min"]; e != c.T("table.number") {
			t.Fatalf("number error %q", e)
		}
		// Saving refuses, and puts the cursor on the first bad cell: the
		// choice loaded with a value not among its options.
		a = send(t, a, keys("ctrl+s")...)
		if saved {
			t.Fatal("saved with errors")
		}
		if r, col := tbl.Cursor(); r != 0 || col != 1 {
			t.Fatalf("cursor %d,%d", r, col)
		}
		if !strings.Contains(a.View(), c.T("form.fix")) {
			t.Fatalf("no word on the status line:\n%s", a.View())
		}
		// A required cell empty in a row that is not empty.
		a = send(t, a, keys("left enter")...)
		for range 5 {
			a = send(t, a, keys("backspace")...)
		}
		a = send(t, a, keys("enter")...)
		a = send(t, a, keys("ctrl+s")...)
		if tbl.rows[0].errs["goal"] != c.T("form.required") {
			t.Fatalf("required: %v", tbl.rows[0].errs)
		}
		// An added row left empty is no row at all.
		tbl2 := NewTable(c, "t", networkColumns(), nil)
		tbl2.OnSave = func(*Table) (tea.Cmd, error) { return nil, nil }
		b := openTable(t, c, tbl2, 80, 24)
		b = send(t, b, tkeys("ctrl+n ctrl+s")...)
		if tbl2.Dirty() || len(tbl2.Rows()) != 0 {
			t.Fatalf("empty row: dirty %v rows %v", tbl2.Dirty(), tbl2.Rows())
		}
		_ = b
	}
}

func TestTableDiscardGuard(t *testing.T) {
	c := newTestCommon(t, Danish)
	tbl := NewTable(c, "t", networkColumns(), networkRows())
	a := openTable(t, c, tbl, 80, 24)
	a = send(t, a, keys("esc")...)
	if _, ok := a.top().(*Table); ok {
		t.Fatal("esc on an unchanged table closes it")
	}
	tbl = NewTable(c, "t", networkColumns(), networkRows())
	a = send(t, a, pushMsg{tbl})
	a = send(t, a, tkeys("ctrl+n esc")...)
	if !strings.Contains(a.View(), "Kassér det indtastede? (j/n)") {
		t.Fatalf("esc on a changed table asks:\n%s", a.View())
	}
	a = send(t, a, typeText("n")...)
	if _, ok := a.top().(*Table); !ok {
		t.Fatal("n keeps the table")
	}
	a = send(t, a, keys("esc")...)
	a = send(t, a, typeText("j")...)
	if _, ok := a.top().(*Table); ok {
		t.Fatal("j discards")
	}
	// An open edit with a new value counts as unsaved: quitting asks.
	tbl = NewTable(c, "t", networkColumns(), networkRows())
	a = send(t, a, pushMsg{tbl})
	a = send(t, a, keys("right")...)
	a = send(t, a, typeText("x")...)
	if !tbl.Dirty() {
		t.Fatal("an edit in progress is a change")
	}
	a = send(t, a, keys("ctrl+c")...)
	if !a.confirmEnd {
		t.Fatal("ctrl+c with an open edit should ask")
	}
}

func TestTableLongCellEditor(t *testing.T) {
	c := newTestCommon(t, English)
	tbl := NewTable(c, "Agreement", agreementColumns(), agreementRows())
	a := openTable(t, c, tbl, 80, 24)
	a = send(t, a, keys("right right enter")...)
	v := a.View()
	if !strings.Contains(v, "Citizen does · row 1") || !strings.Contains(v, "done, back to the table") {
		t.Fatalf("the larger editor should fill the body:\n%s", v)
	}
	a = send(t, a, keys("enter")...) // a new line at the end
	a = send(t, a, typeText("Second line.")...)
	a = send(t, a, keys("tab")...)
	want := agreementRows()[0]["citizen"] + "\nSecond line."
	if got := cellOf(tbl, 0, "citizen"); got != want {
		t.Fatalf("long cell %q", got)
	}
	// Typing on a long cell opens the editor with the letter in it; esc undoes.
	a = send(t, a, keys("down")...)
	a = send(t, a, typeText("Z")...)
	if !strings.Contains(a.View(), "Citizen does · row 2") {
		t.Fatalf("typing should open the editor:\n%s", a.View())
	}
	a = send(t, a, keys("esc")...)
	if got := cellOf(tbl, 1, "citizen"); got != "Ringer selv og bestiller tid." {
		t.Fatalf("esc should undo: %q", got)
	}
}

func TestTablePasteIsCleaned(t *testing.T) {
	c := newTestCommon(t, Danish)
	tbl := NewTable(c, "t", agreementColumns(), []Row{{"goal": "x\x1b]0;hacked\x07y"}})
	if got := cellOf(tbl, 0, "goal"); got != "xy" {
		t.Fatalf("stored text is cleaned: %q", got)
	}
	a := openTable(t, c, tbl, 80, 24)
	paste := func(s string) tea.Msg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true} }
	a = send(t, a, paste("\x1b[31mRød\x1b[0m\nlinje"), keys("enter")[0])
	if got := cellOf(tbl, 0, "goal"); got != "xyRød linje" {
		t.Fatalf("a paste in a line cell: %q", got)
	}
	a = send(t, a, keys("right right")...)
	a = send(t, a, paste("én\r\nto\u009b2J"), keys("tab")[0])
	if got := cellOf(tbl, 0, "citizen"); got != "én\nto" {
		t.Fatalf("a paste in a long cell keeps its lines: %q", got)
	}
}

// A whole row typed in one read: the runes come as one message, the
// tabs between them as keys of their own, as Bubble Tea reads them.
func TestTableTypesARowInOneBatch(t *testing.T) {
	c := newTestCommon(t, Danish)
	tbl := NewTable(c, "t", networkColumns(), nil)
	a := openTable(t, c, tbl, 80, 24)
	runes := func(s string) tea.Msg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	tab := tea.KeyMsg{Type: tea.KeyTab}
	a = send(t, a, tea.KeyMsg{Type: tea.KeyCtrlN}, runes("jj"), tab, runes("Anne Jensen"), tab, runes("Jobcenter"), tab,
		runes("anne@jc.example"), tab, runes("12345678"), tea.KeyMsg{Type: tea.KeyEnter})
	want := []Row{{"contact": "yes", "name": "Anne Jensen", "work": "Jobcenter", "email": "anne@jc.example", "phone": "12345678"}}
	if got := tbl.Rows(); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows %v", got)
	}
	// "jjx" on a cell: all three letters typed.
	a = send(t, a, keys("left")...)
	a = send(t, a, runes("jjx"), tea.KeyMsg{Type: tea.KeyEnter})
	if got := cellOf(tbl, 0, "email"); got != "anne@jc.examplejjx" {
		t.Fatalf("batch typed %q", got)
	}
	_ = a
}

// No state of the table binds one key to two things (as
// TestNoScreenBindsAKeyTwice checks for the other screens).
func TestTableBindsNoKeyTwice(t *testing.T) {
	c := newTestCommon(t, Danish)
	states := []struct {
		name string
		keys []tea.Msg
	}{
		{"grid", nil},
		{"editing text", keys("right enter")},
		{"editing a date", keys("right right right right enter")},
		{"editing a choice", keys("right enter")},
		{"editing a yes/no", keys("right right right right right enter")},
		{"long editor", keys("right right enter")},
		{"asking to delete", tkeys("ctrl+d")},
		{"asking to discard", tkeys("ctrl+n esc")},
	}
	for _, st := range states {
		tbl := NewTable(c, "t", agreementColumns(), agreementRows())
		a := openTable(t, c, tbl, 80, 24)
		a = send(t, a, st.keys...)
		if a.top() != Screen(tbl) {
			t.Fatalf("%s: the table is not on top", st.name)
		}
		bindings := append(tbl.Keys(), c.Keys.F1, c.Keys.ForceQuit)
		owner := map[string]string{}
		for _, b := range bindings {
			if !b.Enabled() {
				continue
			}
			for _, kk := range b.Keys() {
				if other, dup := owner[kk]; dup {
					t.Errorf("%s: %q is bound to %q and %q", st.name, kk, other, b.Help().Desc)
				}
				owner[kk] = b.Help().Desc
			}
		}
		if len(owner) == 0 {
			t.Errorf("%s: no keys", st.name)
		}
	}
}

func TestTableGolden(t *testing.T) {
	for _, lang := range []Lang{Danish, English} {
		for _, size := range [][2]int{{80, 24}, {100, 30}} {
			for _, doc := range []string{"network", "agreement"} {
				t.Run(fmt.Sprintf("%s_%dx%d_%s", doc, size[0], size[1], lang.Code()), func(t *testing.T) {
					c := newTestCommon(t, lang)
					tbl := NewTable(c, "Netværkskort", networkColumns(), networkRows())
					if doc == "agreement" {
						tbl = NewTable(c, "Samarbejdsaftale", agreementColumns(), agreementRows())
					}
					a := openTable(t, c, tbl, size[0], size[1])
					// On the second row, a cell further right.
					a = send(t, a, keys("down right right")...)
					requireGolden(t, a.View())
				})
			}
			// The agreement with a bad date, and its long cell in the larger editor.
			t.Run(fmt.Sprintf("agreement_edit_%dx%d_%s", size[0], size[1], lang.Code()), func(t *testing.T) {
				c := newTestCommon(t, lang)
				tbl := NewTable(c, "Samarbejdsaftale", agreementColumns(), agreementRows())
				a := openTable(t, c, tbl, size[0], size[1])
				a = send(t, a, keys("right right right right")...)
				a = send(t, a, typeText("x")...)
				a = send(t, a, keys("enter left left")...)
				requireGolden(t, a.View())
				t.Run("box", func(t *testing.T) {
					a = send(t, a, keys("enter")...)
					requireGolden(t, a.View())
				})
			})
		}
	}
}
