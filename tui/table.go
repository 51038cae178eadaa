package tui

import (
	"errors"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"tovholder/forms"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"table.key.move":       {Da: "flyt mellem felter", En: "move between cells"},
	"table.key.next":       {Da: "næste felt", En: "next cell"},
	"table.key.prev":       {Da: "forrige felt", En: "previous cell"},
	"table.key.edit":       {Da: "ret feltet", En: "edit the cell"},
	"table.key.type":       {Da: "skriv: ret feltet", En: "type: edit the cell"},
	"table.key.add":        {Da: "ny række under", En: "new row below"},
	"table.key.delete":     {Da: "slet rækken (spørger)", En: "delete the row (asks)"},
	"table.key.moveUp":     {Da: "flyt rækken op", En: "move the row up"},
	"table.key.moveDown":   {Da: "flyt rækken ned", En: "move the row down"},
	"table.key.commit":     {Da: "færdig med feltet", En: "done with the cell"},
	"table.key.commitNext": {Da: "færdig, næste felt", En: "done, next cell"},
	"table.key.commitPrev": {Da: "færdig, forrige felt", En: "done, previous cell"},
	"table.key.cancelEdit": {Da: "fortryd feltet", En: "undo the cell"},
	"table.key.boxDone":    {Da: "færdig, tilbage til tabellen", En: "done, back to the table"},
	"table.row":            {Da: "Række %d af %d", En: "Row %d of %d"},
	"table.empty":          {Da: "(ingen rækker: ctrl+n tilføjer en)", En: "(no rows: ctrl+n adds one)"},
	"table.deleteAsk":      {Da: "Slet række %d? (j/n)", En: "Delete row %d? (y/n)"},
	"table.number":         {Da: "er ikke et helt tal", En: "is not a whole number"},
	"table.boxTitle":       {Da: "%s · række %d", En: "%s · row %d"},
	"table.more":           {Da: "… (enter viser alt)", En: "… (enter shows all)"},
})

// ColumnKind is what a table column holds, which decides how its cells
// are edited, checked and stored.
type ColumnKind int

const (
	ColText   ColumnKind = iota // one line of text
	ColLong                     // several lines; edited in a larger editor
	ColDate                     // a date as typed (3/12, i dag, +2), stored as 2026-12-03
	ColYesNo                    // "yes", "no" or "" (YesNoOptions)
	ColChoice                   // one of Column.Options, stored as the option's ID
	ColNumber                   // a whole number, stored in decimal
)

// YesNoOptions are the values of a ColYesNo cell: "yes" and "no".
var YesNoOptions = []model.Option{{ID: "yes", Da: "ja", En: "yes"}, {ID: "no", Da: "nej", En: "no"}}

// Column declares one column of a table.
type Column struct {
	Key     string
	Label   model.Text
	Kind    ColumnKind
	Options []model.Option  // ColChoice
	Dir     forms.Direction // ColDate: where a date typed without a year lies
	// Weight is the column's share of the width left once every column
	// has its least width; 0 keeps it at its least width (a date, yes/no).
	Weight   int
	Required bool // checked on save, in rows that are not empty
}

// Row is one row's values by column key, as stored (see ColumnKind).
type Row map[string]string

// tableRow is a row and its cells' errors, which move with it.
type tableRow struct {
	vals Row
	errs map[string]string
}

// Table edits repeating rows: a grid of the rows, and under it the
// current row in full, wrapped, so that a column cut short in the grid
// hides nothing. Keyboard only; a long cell opens in a larger editor.
// It keeps everything until it is saved or the user confirms discarding.
type Table struct {
	c     *Common
	title string
	cols  []Column
	rows  []*tableRow
	row   int // the cursor
	col   int
	w, h  int
	dirty bool
	// The cell being edited, if any: input for text, date and number,
	// box for long text, choice for a choice or yes/no.
	editing bool
	input   textinput.Model
	box     textarea.Model
	choice  *Field
	orig    string // the cell's value when the edit began
	// Questions: delete the current row; discard the changes.
	askDelete, askDiscard bool
	offset, colOff        int // the first row and column shown
	// OnSave stores the rows (read them with Rows); an error stays on the
	// screen with everything typed. nil: the table just closes.
	OnSave func(t *Table) (tea.Cmd, error)
	// NewRow gives an added row its first values; nil: an empty row.
	NewRow func() Row
}

// NewTable makes a table editor over a copy of rows. Stored text is
// cleaned of control characters.
func NewTable(c *Common, title string, cols []Column, rows []Row) *Table {
	t := &Table{c: c, title: title, cols: cols, w: 80, h: 20}
	for _, r := range rows {
		t.rows = append(t.rows, t.newRow(r))
	}
	return t
}

func (t *Table) newRow(r Row) *tableRow {
	tr := &tableRow{vals: Row{}, errs: map[string]string{}}
	for _, col := range t.cols {
		v := r[col.Key]
		if col.Kind == ColLong {
			v = model.CleanText(v)
		} else {
			v = model.CleanLine(v)
		}
		tr.vals[col.Key] = v
	}
	return tr
}

// Rows gives the rows in their order, values trimmed, leaving out rows
// whose every cell is empty (added and never filled).
func (t *Table) Rows() []Row {
	var out []Row
	for _, tr := range t.rows {
		if tr.empty() {
			continue
		}
		r := Row{}
		for k, v := range tr.vals {
			r[k] = strings.TrimSpace(v)
		}
		out = append(out, r)
	}
	return out
}

func (tr *tableRow) empty() bool {
	for _, v := range tr.vals {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// SetError marks a cell with a reason, e.g. from a check across cells.
func (t *Table) SetError(row int, key, reason string) {
	if row >= 0 && row < len(t.rows) {
		t.rows[row].errs[key] = reason
	}
}

// Cursor is the current row and column index.
func (t *Table) Cursor() (row, col int) { return t.row, t.col }

func (t *Table) Init() tea.Cmd    { return nil }
func (t *Table) Title() string    { return t.title }
func (t *Table) SetSize(w, h int) { t.w, t.h = w, h }

// Capturing: letters typed on a cell start editing it, as in a form, so
// q and ? are never commands here (f1 is the help).
func (t *Table) Capturing() bool { return true }

// Dirty is true after any change, and while an edit holds a new value.
func (t *Table) Dirty() bool { return t.dirty || (t.editing && t.editValue() != t.orig) }

func (t *Table) label(col Column) string { return model.CleanLine(col.Label.In(t.c.langCode())) }

func (t *Table) Keys() []key.Binding {
	k := t.c.Keys.Table
	if t.askDelete || t.askDiscard {
		return []key.Binding{t.c.Keys.Yes, key.NewBinding(key.WithHelp("…", t.c.T("form.anyKey")))}
	}
	if t.editing {
		switch {
		case t.cols[t.col].Kind == ColLong:
			return []key.Binding{k.BoxDone, t.c.Keys.Form.NewLine, k.Save, k.CancelEdit}
		case t.choice != nil:
			f := t.c.Keys.Form
			return []key.Binding{k.Commit, k.CommitNext, k.CommitPrev, f.Choose, f.Jump, f.Erase, k.Save, k.CancelEdit}
		}
		return []key.Binding{k.Commit, k.CommitNext, k.CommitPrev, k.Save, k.CancelEdit}
	}
	return []key.Binding{k.Save, k.Edit, k.Add, k.Delete, k.MoveUp, k.MoveDown, k.Type,
		k.Up, k.Down, k.Left, k.Right, k.Next, k.Prev, k.Cancel}
}

// Update handles keys, each key of a batch in turn ("abc" typed in one
// read is three keys; a paste stays whole).
func (t *Table) Update(msg tea.Msg) (Screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return t, nil
	}
	var cmds []tea.Cmd
	for _, k := range splitKeys(km) {
		cmds = append(cmds, t.key(k))
	}
	return t, tea.Batch(cmds...)
}

func (t *Table) key(km tea.KeyMsg) tea.Cmd {
	k := t.c.Keys.Table
	switch {
	case t.askDelete:
		t.askDelete = false
		if key.Matches(km, t.c.Keys.Yes) {
			t.deleteRow()
		}
		return nil
	case t.askDiscard:
		t.askDiscard = false
		if key.Matches(km, t.c.Keys.Yes) {
			return pop
		}
		return nil
	case t.editing:
		return t.editKey(km)
	}
	switch {
	case key.Matches(km, k.Cancel):
		if t.dirty {
			t.askDiscard = true
			return nil
		}
		return pop
	case key.Matches(km, k.Save):
		return t.save()
	case key.Matches(km, k.Up):
		t.moveTo(t.row-1, t.col)
	case key.Matches(km, k.Down):
		t.moveTo(t.row+1, t.col)
	case key.Matches(km, k.Left):
		t.moveTo(t.row, t.col-1)
	case key.Matches(km, k.Right):
		t.moveTo(t.row, t.col+1)
	case key.Matches(km, k.Next):
		t.step(1)
	case key.Matches(km, k.Prev):
		t.step(-1)
	case key.Matches(km, k.Add):
		t.addRow()
	case key.Matches(km, k.Delete):
		t.askDelete = len(t.rows) > 0
	case key.Matches(km, k.MoveUp):
		t.swap(t.row - 1)
	case key.Matches(km, k.MoveDown):
		t.swap(t.row + 1)
	case key.Matches(km, k.Edit):
		t.startEdit(nil)
	case km.Type == tea.KeyRunes || km.Type == tea.KeySpace:
		t.startEdit(&km)
	}
	return nil
}

func (t *Table) moveTo(row, col int) {
	t.row = max(0, min(row, len(t.rows)-1))
	t.col = max(0, min(col, len(t.cols)-1))
}

// step moves to the next or previous cell, on to the next row at the end.
func (t *Table) step(d int) {
	if len(t.rows) == 0 {
		return
	}
	i := t.row*len(t.cols) + t.col + d
	i = max(0, min(i, len(t.rows)*len(t.cols)-1))
	t.row, t.col = i/len(t.cols), i%len(t.cols)
}

func (t *Table) addRow() {
	var r Row
	if t.NewRow != nil {
		r = t.NewRow()
	}
	at := 0
	if len(t.rows) > 0 {
		at = t.row + 1
	}
	t.rows = append(t.rows[:at], append([]*tableRow{t.newRow(r)}, t.rows[at:]...)...)
	t.row, t.col = at, 0
	t.dirty = true
}

func (t *Table) deleteRow() {
	if len(t.rows) == 0 {
		return
	}
	t.rows = append(t.rows[:t.row], t.rows[t.row+1:]...)
	t.row = max(0, min(t.row, len(t.rows)-1))
	t.dirty = true
}

// swap moves the current row to position to, the cursor with it.
func (t *Table) swap(to int) {
	if to < 0 || to >= len(t.rows) {
		return
	}
	t.rows[t.row], t.rows[to] = t.rows[to], t.rows[t.row]
	t.row = to
	t.dirty = true
}

// startEdit opens the current cell for editing; first is the key that
// started it by typing, which goes into the cell.
func (t *Table) startEdit(first *tea.KeyMsg) {
	if len(t.rows) == 0 {
		t.addRow()
	}
	col := t.cols[t.col]
	v := t.rows[t.row].vals[col.Key]
	t.editing, t.orig, t.choice = true, v, nil
	switch col.Kind {
	case ColLong:
		ta := textarea.New()
		ta.Prompt = ""
		ta.ShowLineNumbers = false
		ta.CharLimit = 0
		ta.FocusedStyle, ta.BlurredStyle = textarea.Style{}, textarea.Style{}
		ta.Cursor.SetMode(cursor.CursorStatic)
		ta.KeyMap.Paste.SetEnabled(false) // a paste comes as keys; no clipboard read
		ta.SetWidth(max(t.w-2, 20))
		ta.SetHeight(max(t.h-4, 3))
		ta.SetValue(v)
		ta.Focus()
		t.box = ta
	case ColChoice, ColYesNo:
		opts := col.Options
		if col.Kind == ColYesNo {
			opts = YesNoOptions
		}
		fl := &Field{kind: choiceField, options: opts, choice: -1}
		for i, o := range opts {
			fl.labels = append(fl.labels, model.CleanLine(o.Label(t.c.langCode())))
			if o.ID == v {
				fl.choice = i
			}
		}
		t.choice = fl
	default:
		in := textinput.New()
		in.Prompt = ""
		in.CharLimit = 500
		in.Cursor.SetMode(cursor.CursorStatic)
		in.KeyMap.Paste.SetEnabled(false)
		in.SetValue(v)
		in.Focus()
		in.CursorEnd()
		t.input = in
	}
	if first != nil {
		t.editKey(*first)
	}
}

// editValue is what the open edit holds, as it would be stored.
func (t *Table) editValue() string {
	switch {
	case t.cols[t.col].Kind == ColLong:
		return t.box.Value()
	case t.choice != nil:
		if t.choice.choice < 0 {
			return ""
		}
		return t.choice.options[t.choice.choice].ID
	}
	return t.input.Value()
}

func (t *Table) editKey(km tea.KeyMsg) tea.Cmd {
	k := t.c.Keys.Table
	long := t.cols[t.col].Kind == ColLong
	switch {
	case key.Matches(km, k.CancelEdit):
		t.editing, t.choice = false, nil
		return nil
	case key.Matches(km, k.Save):
		t.commit()
		return t.save()
	case long && key.Matches(km, k.BoxDone):
		t.commit()
		return nil
	case !long && key.Matches(km, k.Commit):
		t.commit()
		return nil
	case !long && key.Matches(km, k.CommitNext):
		t.commit()
		t.step(1)
		return nil
	case !long && key.Matches(km, k.CommitPrev):
		t.commit()
		t.step(-1)
		return nil
	}
	if km.Paste || km.Type == tea.KeyRunes {
		// Typed and pasted text is cleaned on the way in: a paste may
		// hold escape sequences, and a line cell takes no newlines.
		s := string(km.Runes)
		if long {
			s = model.CleanText(s)
		} else {
			s = model.CleanLine(s)
		}
		km.Runes = []rune(s)
		if len(km.Runes) == 0 {
			return nil
		}
	}
	var cmd tea.Cmd
	switch {
	case long:
		t.box, cmd = t.box.Update(km)
	case t.choice != nil:
		(&Form{c: t.c}).updateChoice(t.choice, km) // the form's own type-ahead and arrows
	default:
		t.input, cmd = t.input.Update(km)
	}
	return cmd
}

// commit stores the open edit in its cell and checks it.
func (t *Table) commit() {
	if !t.editing {
		return
	}
	col := t.cols[t.col]
	v := t.editValue()
	if col.Kind == ColLong {
		v = strings.TrimRight(v, " \n")
	} else {
		v = strings.TrimSpace(v)
	}
	tr := t.rows[t.row]
	delete(tr.errs, col.Key)
	if v != "" {
		if d, err := t.checkCell(col, v); err != "" {
			tr.errs[col.Key] = err
		} else if col.Kind == ColDate {
			v = d // stored as 2026-12-03, whatever was typed
		}
	}
	if v != tr.vals[col.Key] {
		tr.vals[col.Key] = v
		t.dirty = true
	}
	t.editing, t.choice = false, nil
}

// checkCell checks a non-empty value for its column's kind: the reason
// in the desk's language, or "" and the value as stored.
func (t *Table) checkCell(col Column, v string) (string, string) {
	switch col.Kind {
	case ColDate:
		d, err := forms.ParseDateInput(v, t.c.Today(), t.c.Store.Calendar(), col.Dir)
		if err != nil {
			return "", t.errText(err)
		}
		return d.String(), ""
	case ColNumber:
		if _, err := strconv.Atoi(v); err != nil {
			return "", t.c.T("table.number")
		}
	case ColChoice, ColYesNo:
		opts := col.Options
		if col.Kind == ColYesNo {
			opts = YesNoOptions
		}
		if err := forms.OneOf(v, model.IDs(opts)); err != nil {
			return "", t.errText(err)
		}
	}
	return v, ""
}

func (t *Table) errText(err error) string {
	if ie, ok := forms.AsInputError(err); ok {
		if tx, ok := forms.CodeText[ie.Code]; ok {
			return tx.In(t.c.langCode())
		}
	}
	return err.Error()
}

// validate checks every cell of every row that is not empty, and puts the
// cursor on the first bad one.
func (t *Table) validate() bool {
	first := -1
	for i, tr := range t.rows {
		if tr.empty() {
			clear(tr.errs)
			continue
		}
		for j, col := range t.cols {
			v := strings.TrimSpace(tr.vals[col.Key])
			reason := ""
			switch {
			case v == "" && col.Required:
				reason = t.c.T("form.required")
			case v != "":
				_, reason = t.checkCell(col, v)
			}
			if reason == "" && tr.errs[col.Key] != "" && v != "" {
				reason = tr.errs[col.Key] // set by SetError
			}
			if reason == "" {
				delete(tr.errs, col.Key)
				continue
			}
			tr.errs[col.Key] = reason
			if first < 0 {
				first = i*len(t.cols) + j
			}
		}
	}
	if first >= 0 {
		t.row, t.col = first/len(t.cols), first%len(t.cols)
		return false
	}
	return true
}

func (t *Table) save() tea.Cmd {
	if !t.validate() {
		return status(t.c.T("form.fix"))
	}
	if t.OnSave == nil {
		return pop
	}
	cmd, err := t.OnSave(t)
	if err != nil {
		var confirm *Confirm
		if errors.As(err, &confirm) {
			err = errors.New(confirm.Error())
		}
		return tea.Batch(cmd, failure(err))
	}
	t.dirty = false
	return cmd
}

// The least width of a column of each kind.
func minWidth(k ColumnKind) int {
	switch k {
	case ColDate:
		return 10
	case ColYesNo:
		return 4
	case ColNumber:
		return 3
	}
	return 6
}

// layout gives the columns shown, from first, and their widths: every
// column at its least width, the rest shared by weight. When even the
// least widths do not fit, the columns shown scroll with the cursor.
func (t *Table) layout() (first int, ws []int) {
	avail := t.w - 2
	need := func(from, to int) int {
		n := 0
		for _, c := range t.cols[from:to] {
			n += minWidth(c.Kind) + 1
		}
		return n - 1
	}
	t.colOff = min(t.colOff, t.col)
	for need(t.colOff, t.col+1) > avail && t.colOff < t.col {
		t.colOff++
	}
	last := t.colOff
	for last < len(t.cols) && need(t.colOff, last+1) <= avail {
		last++
	}
	last = max(last, t.colOff+1)
	shown := t.cols[t.colOff:last]
	rem := avail - need(t.colOff, last)
	weights := 0
	for _, c := range shown {
		weights += c.Weight
	}
	given := 0
	for i, c := range shown {
		w := minWidth(c.Kind)
		if weights > 0 && rem > 0 {
			extra := rem * c.Weight / weights
			if i == len(shown)-1 || given+extra > rem {
				extra = rem - given
				if c.Weight == 0 {
					extra = 0
				}
			}
			given += extra
			w += extra
		}
		ws = append(ws, w)
	}
	return t.colOff, ws
}

// cellText is a cell's value as the grid and the detail pane show it.
func (t *Table) cellText(col Column, v string) string {
	switch col.Kind {
	case ColChoice, ColYesNo:
		opts := col.Options
		if col.Kind == ColYesNo {
			opts = YesNoOptions
		}
		for _, o := range opts {
			if o.ID == v {
				return model.CleanLine(o.Label(t.c.langCode()))
			}
		}
	case ColLong:
		return model.CleanText(v)
	}
	return model.CleanLine(v)
}

// View draws the grid and, under it, the current row in full.
func (t *Table) View() string {
	if t.editing && t.cols[t.col].Kind == ColLong {
		return t.boxView()
	}
	st := t.c.Styles
	first, ws := t.layout()
	var head strings.Builder
	head.WriteString("  ")
	for i, w := range ws {
		col := t.cols[first+i]
		l := t.label(col)
		if col.Required {
			l += "*"
		}
		if i > 0 {
			head.WriteString(" ")
		}
		head.WriteString(st.Bold.Render(cell(l, w)))
	}
	grid := []string{head.String()}
	for i, tr := range t.rows {
		marker := "  "
		if i == t.row {
			marker = st.Focus.Render("> ")
		}
		var b strings.Builder
		b.WriteString(marker)
		for j, w := range ws {
			col := t.cols[first+j]
			if j > 0 {
				b.WriteString(" ")
			}
			s := strings.ReplaceAll(t.cellText(col, tr.vals[col.Key]), "\n", " ")
			if tr.errs[col.Key] != "" {
				s = "!" + s
			}
			here := i == t.row && first+j == t.col
			switch {
			case here && t.editing && t.choice != nil:
				s = "‹" + t.cellText(col, t.editValue()) + "›"
			case here && t.editing:
				t.input.Width = max(w-1, 1)
				s = t.input.View()
			}
			s = cell(s, w)
			if tr.errs[col.Key] != "" {
				s = st.Error.Render(s)
			}
			if here {
				s = st.Selected.Render(s)
			}
			b.WriteString(s)
		}
		grid = append(grid, b.String())
	}
	if len(t.rows) == 0 {
		grid = append(grid, "  "+st.Subtle.Render(t.c.T("table.empty")))
	}
	detail := t.detail()
	// The grid gets what the detail leaves, but always a few rows.
	rows := max(t.h-len(detail)-1, min(len(grid), 4))
	if len(grid) > rows {
		body := grid[1:]
		n := rows - 1
		t.offset = max(min(t.offset, t.row), t.row-n+1)
		t.offset = max(0, min(t.offset, len(body)-n))
		grid = append(grid[:1:1], body[t.offset:t.offset+n]...)
	}
	out := append(grid, "")
	if room := t.h - len(out); len(detail) > room && room > 0 {
		detail = append(detail[:room-1], st.Subtle.Render("  …"))
	}
	return strings.Join(append(out, detail...), "\n")
}

// detail is the current row, one column a line (long text wrapped), each
// cell's error under it, and the question being asked.
func (t *Table) detail() []string {
	st := t.c.Styles
	var lines []string
	switch {
	case t.askDelete:
		lines = append(lines, st.Error.Render(t.c.T("table.deleteAsk", t.row+1)))
	case t.askDiscard:
		lines = append(lines, st.Error.Render(t.c.T("form.discard")))
	}
	if len(t.rows) == 0 {
		return lines
	}
	lines = append(lines, st.Header.Render(t.c.T("table.row", t.row+1, len(t.rows))))
	lw := 0
	for _, col := range t.cols {
		lw = max(lw, lipgloss.Width(t.label(col))+1)
	}
	lw = min(lw, max(t.w/3, 12))
	vw := max(t.w-lw-4, 10)
	tr := t.rows[t.row]
	for j, col := range t.cols {
		marker := "  "
		l := t.label(col)
		if col.Required {
			l += "*"
		}
		l = cell(l, lw)
		if j == t.col {
			marker = st.Focus.Render("> ")
			l = st.Focus.Render(l)
		}
		v := t.cellText(col, tr.vals[col.Key])
		if j == t.col && t.editing {
			v = t.cellText(col, t.editValue())
			if t.choice != nil {
				v = "‹ " + v + " ›"
				if fl := t.choice; fl.typed != "" {
					if fl.findOption(fl.typed, 0) < 0 && !repeated(fl.typed) {
						v += "  " + st.Error.Render(t.c.T("form.noMatch", fl.typed))
					} else {
						v += "  " + st.Subtle.Render(t.c.T("form.typed", fl.typed))
					}
				}
			}
		}
		var vl []string
		if col.Kind == ColLong {
			vl = shortLines(v, vw, 4)
			if len(vl) == 4 && strings.HasSuffix(vl[3], "…") {
				vl[3] = truncate(strings.TrimSuffix(vl[3], "…"), vw-lipgloss.Width(t.c.T("table.more"))-1) + " " + st.Subtle.Render(t.c.T("table.more"))
			}
		} else {
			vl = strings.Split(ansi.Wrap(v, vw, ""), "\n")
		}
		pad := strings.Repeat(" ", lw+3)
		for i, s := range vl {
			if i == 0 {
				lines = append(lines, marker+l+" "+s)
			} else {
				lines = append(lines, pad+s)
			}
		}
		if e := tr.errs[col.Key]; e != "" {
			for i, s := range strings.Split(ansi.Wrap(e, vw-2, ""), "\n") {
				prefix := "  "
				if i == 0 {
					prefix = "↳ "
				}
				lines = append(lines, pad+st.Error.Render(prefix+s))
			}
		}
	}
	return lines
}

// boxView is the larger editor of a long cell: the whole body.
func (t *Table) boxView() string {
	st := t.c.Styles
	col := t.cols[t.col]
	t.box.SetWidth(max(t.w-2, 20))
	t.box.SetHeight(max(t.h-3, 3))
	lines := []string{st.Header.Render(t.c.T("table.boxTitle", t.label(col), t.row+1)), ""}
	for _, l := range strings.Split(strings.TrimRight(t.box.View(), "\n"), "\n") {
		lines = append(lines, "  "+l)
	}
	if e := t.rows[t.row].errs[col.Key]; e != "" {
		lines = append(lines, st.Error.Render("↳ "+e))
	}
	return strings.Join(lines, "\n")
}
