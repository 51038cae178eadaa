package tui

import (
	"errors"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tovholder/forms"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"form.save":        {Da: "gem", En: "save"},
	"form.next":        {Da: "næste felt", En: "next field"},
	"form.prev":        {Da: "forrige felt", En: "previous field"},
	"form.enterSaves":  {Da: "gem (sidste felt)", En: "save (last field)"},
	"form.newLine":     {Da: "ny linje", En: "new line"},
	"form.toggle":      {Da: "vælg/fravælg", En: "tick/untick"},
	"form.choose":      {Da: "skift valg", En: "change choice"},
	"form.jump":        {Da: "find valg ved at skrive begyndelsen af et ord", En: "find a choice by typing the start of a word"},
	"form.erase":       {Da: "slet et skrevet bogstav", En: "erase a typed letter"},
	"form.cancel":      {Da: "tilbage (spørger ved ændringer)", En: "back (asks if changed)"},
	"form.discard":     {Da: "Kassér det indtastede? (j/n)", En: "Discard what you typed? (y/n)"},
	"form.confirmSave": {Da: "Gem alligevel? (j/n)", En: "Save anyway? (y/n)"},
	"form.anyKey":      {Da: "andre taster: tilbage til formularen", En: "any other key: back to the form"},
	"form.fix":         {Da: "Ret de markerede felter før du gemmer.", En: "Fix the marked fields before saving."},
	"form.check":       {Da: "Se advarslerne, og svar j for at gemme alligevel.", En: "Read the warnings, and answer y to save anyway."},
	"form.required":    {Da: "skal udfyldes", En: "is required"},
	"form.saved":       {Da: "Gemt.", En: "Saved."},
	"form.yes":         {Da: "ja", En: "yes"},
	"form.no":          {Da: "nej", En: "no"},
	"form.none":        {Da: "(intet valgt)", En: "(none chosen)"},
	"form.typed":       {Da: "skrevet: %s", En: "typed: %s"},
	"form.noMatch":     {Da: "intet valg har et ord, der begynder med »%s«", En: "no choice has a word starting with \"%s\""},
	"form.dateHint":    {Da: "fx 2026-12-03, 3/12, i dag, +2", En: "e.g. 2026-12-03, 3/12, today, +2"},
})

type fieldKind int

const (
	textField fieldKind = iota
	dateField
	choiceField
	checkField
	boxField // several lines of text, such as a journal note
)

// Field is one field of a form.
type Field struct {
	Key      string
	Label    string
	Group    string // a heading shown before the field when it changes
	kind     fieldKind
	input    textinput.Model
	area     textarea.Model // boxField
	options  []model.Option
	labels   []string // the options in the desk's language
	choice   int      // index into options; -1: none chosen
	typed    string   // letters typed on a choice, to find an option
	checked  bool
	dir      forms.Direction // a date field's direction for dates typed without a year
	Required bool
	// Check validates a text field's value; nil accepts anything.
	Check func(string) error
	err   string
}

// value is what a text, date or box field holds.
func (fl *Field) value() string {
	if fl.kind == boxField {
		return fl.area.Value()
	}
	return fl.input.Value()
}

// Confirm is what OnSave returns for a save that needs the user's yes:
// the form shows the warnings and asks; a yes calls OnSave again, with
// Confirmed true.
type Confirm struct{ Warnings []string }

func (c *Confirm) Error() string { return strings.Join(c.Warnings, " ") }

// Form is a short, keyboard-only form. It keeps everything typed until it
// is saved or the user confirms discarding it.
type Form struct {
	c       *Common
	title   string
	fields  []*Field
	focus   int
	dirty   bool
	confirm bool     // asking whether to discard
	warn    []string // asking whether to save despite these warnings
	// Confirmed is true while OnSave runs after the user said yes to its warnings.
	Confirmed bool
	w, h      int
	// Live is drawn above the fields on every change, e.g. the screening rule.
	Live func(f *Form) string
	// OnSave stores the values; an error stays on the form with the input,
	// and a *Confirm asks the user first.
	OnSave func(f *Form) (tea.Cmd, error)
	// Validate runs after the fields' own checks when saving, for checks
	// across fields; it marks fields with SetError and reports whether all is well.
	Validate func(f *Form) bool
	// OnChange runs after every key, e.g. to make a field required.
	OnChange func(f *Form)
	offset   int // the first field line shown
	note     string
}

// SetNote shows words about the last save above the fields, such as who
// changed the case meanwhile, until the next save.
func (f *Form) SetNote(s string) { f.note = s }

// NewForm makes an empty form; add fields with the Text, Box, Date, Choice and Check methods.
func NewForm(c *Common, title string) *Form {
	return &Form{c: c, title: title, w: 80, h: 20}
}

func (f *Form) add(fl *Field) *Field {
	f.fields = append(f.fields, fl)
	if len(f.fields) == 1 {
		f.focusField(0)
	}
	return fl
}

func (f *Form) newInput(value string, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = limit
	in.Cursor.SetMode(cursor.CursorStatic) // no blinking: steady over slow links, stable in tests
	in.SetValue(model.CleanLine(value))
	return in
}

// Text adds a text field.
func (f *Form) Text(key, label, value string, required bool, check func(string) error) *Field {
	return f.add(&Field{Key: key, Label: label, kind: textField, input: f.newInput(value, 500), Required: required, Check: check, choice: -1})
}

// Box adds a field of several lines; enter starts a new line in it.
func (f *Form) Box(key, label, value string, required bool) *Field {
	ta := textarea.New()
	ta.Prompt = ""
	ta.ShowLineNumbers = false
	ta.CharLimit = 0 // no limit: a long note pasted in is kept whole
	ta.FocusedStyle, ta.BlurredStyle = textarea.Style{}, textarea.Style{}
	ta.Cursor.SetMode(cursor.CursorStatic)
	ta.SetHeight(4)
	ta.SetValue(model.CleanText(value))
	return f.add(&Field{Key: key, Label: label, kind: boxField, area: ta, Required: required, choice: -1})
}

// Date adds a date field; it understands 2026-12-03, 3/12, i dag/today and
// +2. dir says where a date typed without a year lies: forms.Past for
// things done, forms.Future for things planned.
func (f *Form) Date(key, label, value string, required bool, dir forms.Direction) *Field {
	fl := f.add(&Field{Key: key, Label: label, kind: dateField, input: f.newInput(value, 20), Required: required, choice: -1, dir: dir})
	fl.input.Placeholder = f.c.T("form.dateHint")
	return fl
}

// Choice adds a field that takes one of options; chosen is the preset
// value, "" for none.
func (f *Form) Choice(key, label string, options []model.Option, chosen string, required bool) *Field {
	fl := f.add(&Field{Key: key, Label: label, kind: choiceField, options: options, choice: -1, Required: required})
	for _, o := range options {
		fl.labels = append(fl.labels, model.CleanLine(o.Label(f.c.langCode())))
	}
	for i, o := range options {
		if o.ID == chosen {
			fl.choice = i
		}
	}
	return fl
}

// Check adds a tick box.
func (f *Form) Check(key, label string, checked bool) *Field {
	return f.add(&Field{Key: key, Label: label, kind: checkField, checked: checked, choice: -1})
}

func (f *Form) field(key string) *Field {
	for _, fl := range f.fields {
		if fl.Key == key {
			return fl
		}
	}
	panic("tui: form has no field " + key)
}

// Value is a text or box field's trimmed text.
func (f *Form) Value(key string) string { return strings.TrimSpace(f.field(key).value()) }

// SetValue replaces a text field's text.
func (f *Form) SetValue(key, v string) { f.field(key).input.SetValue(model.CleanLine(v)) }

// DateValue is a date field's date, NoDate if empty or invalid.
func (f *Form) DateValue(key string) model.Date {
	fl := f.field(key)
	d, err := f.parseDate(fl, fl.input.Value())
	if err != nil {
		return model.NoDate
	}
	return d
}

// Chosen is a choice field's value, "" for none.
func (f *Form) Chosen(key string) string {
	fl := f.field(key)
	if fl.choice < 0 {
		return ""
	}
	return fl.options[fl.choice].ID
}

// Checked reports whether a tick box is ticked.
func (f *Form) Checked(key string) bool { return f.field(key).checked }

// CheckedKeys lists the ticked boxes whose keys start with prefix.
func (f *Form) CheckedKeys(prefix string) []string {
	var out []string
	for _, fl := range f.fields {
		if fl.kind == checkField && fl.checked && strings.HasPrefix(fl.Key, prefix) {
			out = append(out, strings.TrimPrefix(fl.Key, prefix))
		}
	}
	return out
}

// SetError marks a field with a reason, e.g. from a check across fields.
func (f *Form) SetError(key, reason string) { f.field(key).err = reason }

func (f *Form) parseDate(fl *Field, s string) (model.Date, error) {
	return forms.ParseDateInput(s, f.c.Today(), f.c.Store.Calendar(), fl.dir)
}

// errText turns a validation error into words in the desk's language.
func (f *Form) errText(err error) string {
	if ie, ok := forms.AsInputError(err); ok {
		if t, ok := forms.CodeText[ie.Code]; ok {
			return t.In(f.c.langCode())
		}
	}
	return err.Error()
}

// validate checks every field, marks the bad ones and focuses the first.
func (f *Form) validate() bool {
	first := -1
	for i, fl := range f.fields {
		fl.err = ""
		v := strings.TrimSpace(fl.value())
		switch fl.kind {
		case textField, boxField:
			if v == "" && fl.Required {
				fl.err = f.c.T("form.required")
			} else if v != "" && fl.Check != nil {
				if err := fl.Check(v); err != nil {
					fl.err = f.errText(err)
				}
			}
		case dateField:
			if v == "" && fl.Required {
				fl.err = f.c.T("form.required")
			} else if v != "" {
				if _, err := f.parseDate(fl, v); err != nil {
					fl.err = f.errText(err)
				}
			}
		case choiceField:
			if fl.choice < 0 && fl.Required {
				fl.err = f.c.T("form.required")
			}
		}
		if fl.err != "" && first < 0 {
			first = i
		}
	}
	if f.Validate != nil && !f.Validate(f) && first < 0 {
		for i, fl := range f.fields {
			if fl.err != "" {
				first = i
				break
			}
		}
		first = max(first, 0)
	}
	if first >= 0 {
		f.focusField(first)
		return false
	}
	return true
}

func (f *Form) focusField(i int) {
	if len(f.fields) == 0 {
		return
	}
	if f.focus < len(f.fields) {
		old := f.fields[f.focus]
		old.input.Blur()
		if old.kind == boxField {
			old.area.Blur()
		}
	}
	f.focus = (i + len(f.fields)) % len(f.fields)
	fl := f.fields[f.focus]
	fl.typed = ""
	switch fl.kind {
	case textField, dateField:
		fl.input.Focus()
		fl.input.CursorEnd()
	case boxField:
		fl.area.Focus()
	}
}

func (f *Form) Init() tea.Cmd { return nil }

func (f *Form) Title() string { return f.title }

func (f *Form) SetSize(w, h int) {
	f.w, f.h = w, h
	for _, fl := range f.fields {
		fl.input.Width = max(w-labelWidth-6, 10)
		if fl.kind == dateField {
			fl.input.Width = 14 // room for the date it reads as: "→ 2026-12-03"
		}
		if fl.kind == boxField {
			fl.area.SetWidth(max(w-labelWidth-4, 20))
		}
	}
}

func (f *Form) Dirty() bool { return f.dirty }

// Capturing: a form takes letters everywhere (a choice field finds an
// option by them), so q and ? are never commands in a form.
func (f *Form) Capturing() bool { return true }

// onLast reports whether the focus is on the last field, where enter saves.
func (f *Form) onLast() bool { return f.focus == len(f.fields)-1 }

func (f *Form) Keys() []key.Binding {
	k := f.c.Keys.Form
	if f.confirm || f.warn != nil {
		return []key.Binding{f.c.Keys.Yes, key.NewBinding(key.WithHelp("…", f.c.T("form.anyKey")))}
	}
	keys := []key.Binding{k.Save}
	kind := textField
	if len(f.fields) > 0 {
		kind = f.fields[f.focus].kind
	}
	switch {
	case kind == boxField:
		keys = append(keys, k.NextInBox, k.PrevInBox, k.NewLine)
	case f.onLast():
		keys = append(keys, k.EnterSaves, k.NextLast, k.Prev)
	default:
		keys = append(keys, k.Next, k.Prev)
	}
	switch kind {
	case checkField:
		keys = append(keys, k.Toggle)
	case choiceField:
		keys = append(keys, k.Choose, k.Jump, k.Erase)
	}
	return append(keys, k.Cancel)
}

func (f *Form) Update(msg tea.Msg) (Screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return f, nil
	}
	cmd := f.update(km)
	if f.OnChange != nil {
		f.OnChange(f)
	}
	return f, cmd
}

func (f *Form) update(km tea.KeyMsg) tea.Cmd {
	k := f.c.Keys.Form
	if f.confirm {
		f.confirm = false
		if key.Matches(km, f.c.Keys.Yes) {
			return pop
		}
		return nil
	}
	if f.warn != nil {
		f.warn = nil
		if key.Matches(km, f.c.Keys.Yes) {
			f.Confirmed = true
			defer func() { f.Confirmed = false }()
			return f.store()
		}
		return nil
	}
	fl := f.fields[f.focus]
	box := fl.kind == boxField
	switch {
	case key.Matches(km, k.Cancel):
		if f.dirty {
			f.confirm = true
			return nil
		}
		return pop
	case key.Matches(km, k.Save):
		return f.save()
	case !box && f.onLast() && key.Matches(km, k.EnterSaves):
		return f.save()
	case box && key.Matches(km, k.NextInBox), !box && key.Matches(km, k.Next):
		f.focusField(f.focus + 1)
		return nil
	case box && key.Matches(km, k.PrevInBox), !box && key.Matches(km, k.Prev):
		f.focusField(f.focus - 1)
		return nil
	}
	switch fl.kind {
	case checkField:
		if key.Matches(km, k.Toggle) {
			fl.checked = !fl.checked
			f.dirty = true
		}
	case choiceField:
		f.updateChoice(fl, km)
	case boxField:
		before := fl.area.Value()
		var cmd tea.Cmd
		fl.area, cmd = fl.area.Update(km)
		if fl.area.Value() != before {
			f.dirty = true
			fl.err = ""
		}
		return cmd
	default:
		before := fl.input.Value()
		var cmd tea.Cmd
		fl.input, cmd = fl.input.Update(km)
		if fl.input.Value() != before {
			f.dirty = true
			fl.err = ""
		}
		return cmd
	}
	return nil
}

// updateChoice handles a key on a choice field: arrows step through the
// options; letters build up what is typed, and the first option with a
// word that starts with it is chosen ("bol" finds Boligforeninger, "ole"
// never finds "tove"); backspace takes a letter back. A letter pressed
// again on its own ("b", "b") goes on to the next option with that letter.
func (f *Form) updateChoice(fl *Field, km tea.KeyMsg) {
	k := f.c.Keys.Form
	switch {
	case len(fl.options) == 0:
	case key.Matches(km, k.ChooseLeft), key.Matches(km, k.ChooseRight):
		fl.typed = ""
		step := 1
		if key.Matches(km, k.ChooseLeft) {
			step = -1
		}
		if fl.choice < 0 && step < 0 {
			fl.choice = 0
		}
		fl.choice = (fl.choice + step + len(fl.options)) % len(fl.options)
		fl.err = ""
		f.dirty = true
	case key.Matches(km, k.Erase):
		if r := []rune(fl.typed); len(r) > 0 {
			fl.typed = string(r[:len(r)-1])
			if i := fl.findOption(fl.typed, 0); i >= 0 && fl.typed != "" {
				fl.choice = i
			}
		}
	case km.Type == tea.KeyRunes:
		for _, r := range km.Runes {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '-' {
				return
			}
			f.typeLetter(fl, unicode.ToLower(r))
		}
		fl.err = ""
		f.dirty = true
	}
}

func (f *Form) typeLetter(fl *Field, r rune) {
	typed := fl.typed + string(r)
	if i := fl.findOption(typed, 0); i >= 0 {
		fl.choice, fl.typed = i, typed
		return
	}
	if repeated(typed) {
		// "bb": the next option with a word starting with b.
		if i := fl.findOption(string(r), 1); i >= 0 {
			fl.choice, fl.typed = i, string(r)
			return
		}
	}
	fl.typed = typed // no match: kept, so the field says what matched nothing
}

// repeated reports whether s is one letter typed two or more times.
func repeated(s string) bool {
	r := []rune(s)
	for _, c := range r[1:] {
		if c != r[0] {
			return false
		}
	}
	return len(r) > 1
}

// findOption is the first option, from the current one plus skip onwards
// and round, with a word that starts with prefix; -1 if none has.
func (fl *Field) findOption(prefix string, skip int) int {
	n := len(fl.options)
	start := max(fl.choice, 0) + skip
	if fl.choice < 0 {
		start = 0
	}
	for k := 0; k < n; k++ {
		i := (start + k) % n
		if wordStartsWith(strings.ToLower(fl.labels[i]), prefix) {
			return i
		}
	}
	return -1
}

// wordStartsWith reports whether prefix starts label, or starts a word of
// it (after a space, a dash, a slash or a parenthesis).
func wordStartsWith(label, prefix string) bool {
	for i := 0; i <= len(label)-len(prefix); i++ {
		if i > 0 && !strings.ContainsRune(" -/(", rune(label[i-1])) {
			continue
		}
		if strings.HasPrefix(label[i:], prefix) {
			return true
		}
	}
	return false
}

// save validates, then stores through OnSave. On any error the form stays
// as it was, with everything typed.
func (f *Form) save() tea.Cmd {
	if !f.validate() {
		return status(f.c.T("form.fix"))
	}
	return f.store()
}

func (f *Form) store() tea.Cmd {
	if f.OnSave == nil {
		return pop
	}
	f.note = ""
	cmd, err := f.OnSave(f)
	var confirm *Confirm
	switch {
	case errors.As(err, &confirm):
		f.warn = confirm.Warnings
		return tea.Batch(cmd, status(f.c.T("form.check")))
	case err != nil:
		return tea.Batch(cmd, failure(err))
	}
	f.dirty = false
	return cmd
}

const labelWidth = 26

// View draws the live panel, pinned at the top, and the fields under it.
// A tick box shows as "[x] label" over the whole width; errors wrap under
// their field. The fields scroll only as far as needed to keep the
// focused one in view with its error and its heading.
func (f *Form) View() string {
	st := f.c.Styles
	var live []string
	if f.Live != nil {
		live = append(strings.Split(f.Live(f), "\n"), "")
	}
	if f.note != "" { // pinned with the live panel: it must not scroll away
		for j, l := range strings.Split(ansi.Wrap(f.note, max(f.w-4, 20), ""), "\n") {
			prefix := "  "
			if j == 0 {
				prefix = "! "
			}
			live = append(live, st.Error.Render(prefix+l))
		}
		live = append(live, "")
	}
	var lines []string
	focusLine, focusEnd := 0, 0
	group := ""
	for i, fl := range f.fields {
		if fl.Group != "" && fl.Group != group {
			group = fl.Group
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, st.Header.Render(group))
		}
		focused := i == f.focus
		marker := "  "
		if focused {
			marker = st.Focus.Render("> ")
			focusLine = len(lines)
		}
		indent := labelWidth
		if fl.kind == checkField {
			label := fl.Label
			if focused {
				label = st.Focus.Render(label)
			}
			lines = append(lines, marker+f.fieldView(fl, focused)+" "+label)
			indent = 4
		} else {
			label := fl.Label
			if fl.Required {
				label += " *"
			}
			label = cell(label, labelWidth)
			if focused {
				label = st.Focus.Render(label)
			}
			pad := strings.Repeat(" ", labelWidth+2)
			for j, l := range strings.Split(f.fieldView(fl, focused), "\n") {
				if j == 0 {
					lines = append(lines, marker+label+l)
				} else {
					lines = append(lines, pad+l)
				}
			}
		}
		if fl.err != "" {
			pad := "  " + strings.Repeat(" ", indent)
			for j, l := range strings.Split(ansi.Wrap(fl.err, max(f.w-len(pad)-4, 20), ""), "\n") {
				prefix := "  "
				if j == 0 {
					prefix = "↳ "
				}
				lines = append(lines, pad+st.Error.Render(prefix+l))
			}
		}
		if focused {
			focusEnd = len(lines) - 1
		}
	}
	switch {
	case f.confirm:
		lines = append(lines, "", st.Error.Render(f.c.T("form.discard")))
		focusLine, focusEnd = len(lines)-1, len(lines)-1
	case f.warn != nil:
		lines = append(lines, "")
		focusLine = len(lines)
		for _, w := range f.warn {
			for j, l := range strings.Split(ansi.Wrap(w, max(f.w-4, 20), ""), "\n") {
				prefix := "  "
				if j == 0 {
					prefix = "! "
				}
				lines = append(lines, st.Error.Render(prefix+l))
			}
		}
		lines = append(lines, st.Error.Render(f.c.T("form.confirmSave")))
		focusEnd = len(lines) - 1
	}
	rows := max(f.h-len(live), 3)
	if len(lines) <= rows {
		f.offset = 0
	} else {
		f.offset = max(f.offset, focusEnd+2-rows)
		f.offset = min(f.offset, max(focusLine-1, 0))
		f.offset = max(0, min(f.offset, len(lines)-rows))
		lines = lines[f.offset:min(f.offset+rows, len(lines))]
	}
	return strings.Join(append(live, lines...), "\n")
}

func (f *Form) fieldView(fl *Field, focused bool) string {
	st := f.c.Styles
	switch fl.kind {
	case checkField:
		if fl.checked {
			return "[x]"
		}
		return "[ ]"
	case choiceField:
		v := f.c.T("form.none")
		if fl.choice >= 0 {
			v = fl.labels[fl.choice]
		}
		if !focused {
			return v
		}
		v = "‹ " + v + " ›"
		switch {
		case fl.typed != "" && fl.findOption(fl.typed, 0) < 0 && !repeated(fl.typed):
			v += "  " + st.Error.Render(f.c.T("form.noMatch", fl.typed))
		case fl.typed != "":
			v += "  " + st.Subtle.Render(f.c.T("form.typed", fl.typed))
		}
		return v
	case boxField:
		if focused {
			return strings.TrimRight(fl.area.View(), "\n")
		}
		return strings.Join(shortLines(fl.area.Value(), fl.area.Width(), 4), "\n")
	}
	// A field left shows the start of its text, not the end the cursor was at.
	out := truncate(fl.input.Value(), fl.input.Width+1)
	if focused {
		out = fl.input.View()
	}
	if fl.kind == dateField {
		if v := strings.TrimSpace(fl.input.Value()); v != "" {
			if d, err := f.parseDate(fl, v); err == nil && d.String() != v {
				out += st.Subtle.Render("  → " + d.String())
			}
		}
	}
	return out
}

// shortLines is text wrapped to w columns, at most n lines, the last
// ending in … when there is more.
func shortLines(s string, w, n int) []string {
	lines := strings.Split(ansi.Wrap(s, max(w, 10), ""), "\n")
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = truncate(lines[n-1]+" …", w)
	}
	return lines
}
