package tui

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tovholder/forms"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"form.save":     {Da: "gem", En: "save"},
	"form.next":     {Da: "næste felt", En: "next field"},
	"form.prev":     {Da: "forrige felt", En: "previous field"},
	"form.toggle":   {Da: "vælg/fravælg", En: "tick/untick"},
	"form.choose":   {Da: "skift valg", En: "change choice"},
	"form.jump":     {Da: "hop til valg med det bogstav", En: "jump to the choice with that letter"},
	"form.cancel":   {Da: "tilbage (spørger ved ændringer)", En: "back (asks if changed)"},
	"form.discard":  {Da: "Kassér det indtastede? (j/n)", En: "Discard what you typed? (y/n)"},
	"form.fix":      {Da: "Ret de markerede felter før du gemmer.", En: "Fix the marked fields before saving."},
	"form.required": {Da: "skal udfyldes", En: "is required"},
	"form.saved":    {Da: "Gemt.", En: "Saved."},
	"form.yes":      {Da: "ja", En: "yes"},
	"form.no":       {Da: "nej", En: "no"},
	"form.none":     {Da: "(intet valgt)", En: "(none chosen)"},
	"form.dateHint": {Da: "fx 2026-12-03, 3/12, i dag, +2", En: "e.g. 2026-12-03, 3/12, today, +2"},
})

type fieldKind int

const (
	textField fieldKind = iota
	dateField
	choiceField
	checkField
)

// Field is one field of a form.
type Field struct {
	Key      string
	Label    string
	Group    string // a heading shown before the field when it changes
	kind     fieldKind
	input    textinput.Model
	options  []model.Option
	labels   []string // the options in the desk's language
	choice   int      // index into options; -1: none chosen
	typed    string   // letters typed on a choice so far, to find an option
	checked  bool
	dir      forms.Direction // a date field's direction for dates typed without a year
	Required bool
	// Check validates a text field's value; nil accepts anything.
	Check func(string) error
	err   string
}

// Form is a short, keyboard-only form. It keeps everything typed until it
// is saved or the user confirms discarding it.
type Form struct {
	c       *Common
	title   string
	fields  []*Field
	focus   int
	dirty   bool
	confirm bool
	w, h    int
	// Live is drawn above the fields on every change, e.g. the screening rule.
	Live func(f *Form) string
	// OnSave stores the values; an error stays on the form with the input.
	OnSave func(f *Form) (tea.Cmd, error)
	// Validate runs after the fields' own checks when saving, for checks
	// across fields; it marks fields with SetError and reports whether all is well.
	Validate func(f *Form) bool
	// OnChange runs after every key, e.g. to make a field required.
	OnChange func(f *Form)
	// Extra keys the form's owner handles through OnKey.
	ExtraKeys []key.Binding
	OnKey     func(f *Form, msg tea.KeyMsg) (tea.Cmd, bool)
	keys      formKeys
	offset    int // the first field line shown
}

type formKeys struct{ save, next, prev, toggle, choose, jump, cancel key.Binding }

// NewForm makes an empty form; add fields with the Text, Date, Choice and Check methods.
func NewForm(c *Common, title string) *Form {
	return &Form{c: c, title: title, w: 80, h: 20, keys: formKeys{
		save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", c.T("form.save"))),
		next:   key.NewBinding(key.WithKeys("tab", "down", "enter"), key.WithHelp("tab/↓", c.T("form.next"))),
		prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", c.T("form.prev"))),
		toggle: key.NewBinding(key.WithKeys(" ", "x"), key.WithHelp("space", c.T("form.toggle"))),
		choose: key.NewBinding(key.WithKeys("left", "right", " "), key.WithHelp("←/→", c.T("form.choose"))),
		jump:   key.NewBinding(key.WithHelp("a–å", c.T("form.jump"))),
		cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", c.T("form.cancel"))),
	}}
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
	in.SetValue(value)
	return in
}

// Text adds a text field.
func (f *Form) Text(key, label, value string, required bool, check func(string) error) *Field {
	return f.add(&Field{Key: key, Label: label, kind: textField, input: f.newInput(value, 500), Required: required, Check: check, choice: -1})
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
		fl.labels = append(fl.labels, o.Label(f.c.langCode()))
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

// Value is a text field's trimmed text.
func (f *Form) Value(key string) string { return strings.TrimSpace(f.field(key).input.Value()) }

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
			return f.c.pick(t)
		}
	}
	return err.Error()
}

// validate checks every field, marks the bad ones and focuses the first.
func (f *Form) validate() bool {
	first := -1
	for i, fl := range f.fields {
		fl.err = ""
		v := strings.TrimSpace(fl.input.Value())
		switch fl.kind {
		case textField:
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
		f.fields[f.focus].input.Blur()
	}
	f.focus = (i + len(f.fields)) % len(f.fields)
	f.fields[f.focus].typed = ""
	if k := f.fields[f.focus].kind; k == textField || k == dateField {
		f.fields[f.focus].input.Focus()
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
	}
}

func (f *Form) Dirty() bool { return f.dirty }

func (f *Form) Capturing() bool {
	if len(f.fields) == 0 || f.confirm {
		return false
	}
	k := f.fields[f.focus].kind
	return k == textField || k == dateField
}

func (f *Form) Keys() []key.Binding {
	keys := []key.Binding{f.keys.save, f.keys.next, f.keys.prev}
	if len(f.fields) > 0 {
		switch f.fields[f.focus].kind {
		case checkField:
			keys = append(keys, f.keys.toggle)
		case choiceField:
			keys = append(keys, f.keys.choose, f.keys.jump)
		}
	}
	keys = append(keys, f.ExtraKeys...)
	return append(keys, f.keys.cancel)
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
	if f.confirm {
		f.confirm = false
		if isYes(km) {
			return pop
		}
		return nil
	}
	if f.OnKey != nil {
		if cmd, done := f.OnKey(f, km); done {
			return cmd
		}
	}
	fl := f.fields[f.focus]
	switch {
	case key.Matches(km, f.keys.cancel):
		if f.dirty {
			f.confirm = true
			return nil
		}
		return pop
	case key.Matches(km, f.keys.save):
		return f.save()
	case km.String() == "enter" && f.focus == len(f.fields)-1:
		return f.save()
	case key.Matches(km, f.keys.next):
		f.focusField(f.focus + 1)
		return nil
	case key.Matches(km, f.keys.prev):
		f.focusField(f.focus - 1)
		return nil
	}
	switch fl.kind {
	case checkField:
		if key.Matches(km, f.keys.toggle) {
			fl.checked = !fl.checked
			f.dirty = true
		}
	case choiceField:
		if jumpChoice(fl, km) {
			f.dirty = true
		} else if len(fl.options) > 0 && key.Matches(km, f.keys.choose) {
			fl.typed = ""
			step := 1
			if km.String() == "left" {
				step = -1
			}
			if fl.choice < 0 && step < 0 {
				fl.choice = 0
			}
			fl.choice = (fl.choice + step + len(fl.options)) % len(fl.options)
			fl.err = ""
			f.dirty = true
		}
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

// jumpChoice finds a choice by typing: letters add up to a prefix ("bol"
// finds Boligforeninger), and a letter that matches nothing more starts
// again, so pressing one letter again goes to the next option with it.
// It reports whether it used the key: letters on a choice field are taken.
func jumpChoice(fl *Field, km tea.KeyMsg) bool {
	if km.Type != tea.KeyRunes || len(km.Runes) == 0 {
		return false
	}
	for _, r := range km.Runes {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	for _, r := range km.Runes {
		letter := strings.ToLower(string(r))
		if i := fl.findOption(fl.typed+letter, 0); i >= 0 {
			fl.choice, fl.typed = i, fl.typed+letter
		} else if i := fl.findOption(letter, 1); i >= 0 {
			fl.choice, fl.typed = i, letter
		}
	}
	fl.err = ""
	return true
}

// findOption is the first option, from the current one plus skip onwards
// and round, whose label starts with prefix; -1 if none does.
func (fl *Field) findOption(prefix string, skip int) int {
	n := len(fl.options)
	start := max(fl.choice, 0) + skip
	if fl.choice < 0 {
		start = 0
	}
	for k := 0; k < n; k++ {
		i := (start + k) % n
		if strings.HasPrefix(strings.ToLower(fl.labels[i]), prefix) {
			return i
		}
	}
	return -1
}

// save validates, then stores through OnSave. On any error the form stays
// as it was, with everything typed.
func (f *Form) save() tea.Cmd {
	if !f.validate() {
		return status(f.c.T("form.fix"))
	}
	if f.OnSave == nil {
		return pop
	}
	cmd, err := f.OnSave(f)
	if err != nil {
		return failure(err)
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
			lines = append(lines, marker+label+f.fieldView(fl, focused))
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
	if f.confirm {
		lines = append(lines, "", st.Error.Render(f.c.T("form.discard")))
		focusLine, focusEnd = len(lines)-1, len(lines)-1
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
		if focused {
			return "‹ " + v + " ›"
		}
		return v
	case dateField:
		out := fl.input.View()
		if v := strings.TrimSpace(fl.input.Value()); v != "" {
			if d, err := f.parseDate(fl, v); err == nil && d.String() != v {
				out += st.Subtle.Render("  → " + d.String())
			}
		}
		return out
	}
	return fl.input.View()
}
