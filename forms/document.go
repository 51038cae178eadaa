package forms

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"tovholder/model"
)

// The method's documents are defined once each, as data: a Document is
// sections of fields and repeating-row tables, each field bound to the
// model struct it edits by a pointer accessor. The same definition drives
// the desk's editor (Get, Set, a Table's Insert/Delete/Move), validation
// (Validate) and every exporter (Layout, then Markdown, HTML, PDF).
//
// A document is edited on a pointer to its model struct: *model.NetworkMap,
// *model.Agreement, *model.Meeting or *model.Consent. A table's row is a
// pointer to its element (*model.NetworkRow, *model.Goal, ...).

// Kind is what a field holds, and so how it is typed, checked and printed.
type Kind int

const (
	KindText     Kind = iota // one line
	KindLongText             // several lines
	KindDate                 // a model.Date, typed as ParseDateInput reads it
	KindTime                 // HH:MM
	KindYesNo                // a *bool: yes, no or not answered
	KindChoice               // one id of Options
	KindNumber               // a whole number, 0 or more
	KindEmail                // an e-mail address
	KindPhone                // a Danish phone number
	KindList                 // a []string, one per line (ids of Options where they match)
	KindComputed             // shown and printed, never typed: Set refuses it
)

// Field is one field of a document or one column of a table.
type Field struct {
	Key      string
	Label    model.Text
	Kind     Kind
	Options  []model.Option // KindChoice, and KindList's known values
	Required bool
	Dir      Direction // KindDate: which way a date without a year goes
	// get and set work on a pointer to the struct the field belongs to.
	get func(rec any) string
	set func(rec any, s string) error
	// show, when set, prints the value (choices, yes/no, computed values).
	show func(rec any, lang string) string
}

// Get is the field's value as the editor shows it for editing: dates as
// YYYY-MM-DD, yes/no as "ja"/"nej" (or ""), lists one per line.
func (f Field) Get(rec any) string { return f.get(rec) }

// Show is the field's value as a printout says it in lang: a choice's
// label, "Ja"/"Nej", a date as YYYY-MM-DD.
func (f Field) Show(rec any, lang string) string {
	if f.show != nil {
		return f.show(rec, lang)
	}
	return f.get(rec)
}

// Set stores what a person typed, after checking it: dates are read by
// ParseDateInput (today for "i dag", "+2"), phone numbers, e-mail
// addresses, times and numbers by their form. An empty value clears the
// field unless it is required. Errors are *InputError.
func (f Field) Set(rec any, s string, today model.Date) error {
	if f.set == nil {
		return inputError(CodeNotAllowed, s)
	}
	t := strings.TrimSpace(s)
	if f.Kind == KindLongText || f.Kind == KindList {
		t = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	}
	if t == "" {
		if f.Required {
			return inputError(CodeRequired, s)
		}
		return f.set(rec, "")
	}
	switch f.Kind {
	case KindDate:
		d, err := ParseDateInput(t, today, nil, f.Dir)
		if err != nil {
			return err
		}
		return f.set(rec, d.String())
	case KindTime:
		if c, ok := clock(t); ok {
			return f.set(rec, c)
		}
		return inputError(CodeTime, s)
	case KindNumber:
		if n, err := strconv.Atoi(t); err != nil || n < 0 {
			return inputError(CodeNumber, s)
		}
	case KindEmail:
		if err := Email(t); err != nil {
			return err
		}
	case KindPhone:
		if err := Phone(t); err != nil {
			return err
		}
	case KindChoice:
		o, ok := findOption(f.Options, t)
		if !ok {
			return inputError(CodeNotAllowed, s)
		}
		t = o.ID
	case KindYesNo:
		b, ok := yesNoInput(t)
		if !ok {
			return inputError(CodeYesNo, s)
		}
		t = strconv.FormatBool(b)
	}
	return f.set(rec, t)
}

// check finds what is wrong with the stored value: nil, or an *InputError.
func (f Field) check(rec any) error {
	v := strings.TrimSpace(f.get(rec))
	if v == "" {
		if f.Required {
			return inputError(CodeRequired, "")
		}
		return nil
	}
	switch f.Kind {
	case KindEmail:
		return Email(v)
	case KindPhone:
		return Phone(v)
	case KindTime:
		if _, ok := clock(v); !ok {
			return inputError(CodeTime, v)
		}
	case KindChoice:
		if _, ok := model.Lookup(f.Options, v); !ok {
			return inputError(CodeNotAllowed, v)
		}
	}
	return nil
}

// Table is a section's repeating rows: a slice of structs, each column a
// Field on a pointer to one element.
type Table struct {
	Key     string
	Label   model.Text
	Columns []Field
	// Group, when set, is the column the printout groups the rows by, one
	// block per option in the option's order (the network map's sections).
	Group string
	// Cards prints each row as a block of its columns rather than a line
	// of a table: for rows of long texts (the agreement's goals).
	Cards bool
	// MinRows: fewer rows is a problem (CodeRequired on the table).
	MinRows int
	rows    func(doc any) int
	row     func(doc any, i int) any
	insert  func(doc any, i int)
	remove  func(doc any, i int)
	move    func(doc any, from, to int)
}

// Len is the number of rows.
func (t *Table) Len(doc any) int { return t.rows(doc) }

// Row is a pointer to row i, for the columns' Get, Set and Show.
func (t *Table) Row(doc any, i int) any { return t.row(doc, i) }

// Insert adds an empty row before row i (i == Len appends).
func (t *Table) Insert(doc any, i int) { t.insert(doc, i) }

// Delete removes row i.
func (t *Table) Delete(doc any, i int) { t.remove(doc, i) }

// Move moves row from to position to.
func (t *Table) Move(doc any, from, to int) { t.move(doc, from, to) }

// Column finds a column by key.
func (t *Table) Column(key string) (Field, bool) {
	for _, c := range t.Columns {
		if c.Key == key {
			return c, true
		}
	}
	return Field{}, false
}

// Section is a heading with fields, a table, or both (fields first).
type Section struct {
	Key    string
	Title  model.Text
	Help   model.Text // a line under the heading, the seed's question
	Fields []Field
	Table  *Table
}

// Document is the definition of one of the method's documents.
type Document struct {
	ID    string // networkmap, agreement, agenda, consent
	Title model.Text
	Intro model.Text // printed under the title
	// Citizen: the printout's header has the citizen's address, phone and
	// e-mail too, not only the name and CPR number.
	Citizen bool
	// Signatures: the printout ends with signature lines for the citizen
	// and the caseworker, with the date.
	Signatures bool
	Sections   []Section
	// Footer is printed last (the consent's legal basis).
	Footer model.Text
	// rules are checks across fields (an end before the start).
	rules func(rec any) []Problem
}

// Field finds a field of the document (not a column) by key.
func (d *Document) Field(key string) (Field, bool) {
	for _, s := range d.Sections {
		for _, f := range s.Fields {
			if f.Key == key {
				return f, true
			}
		}
	}
	return Field{}, false
}

// Table finds a table by key.
func (d *Document) Table(key string) (*Table, bool) {
	for _, s := range d.Sections {
		if s.Table != nil && s.Table.Key == key {
			return s.Table, true
		}
	}
	return nil, false
}

// Problem is one thing wrong in a document: Path names the field as the
// interchange format does ("goals[1].follow_up"), Label is the field's
// label, Err the *InputError.
type Problem struct {
	Path  string
	Label model.Text
	Row   int // 1-based row of a table; 0 for a field
	Err   *InputError
}

// Text says the problem in lang: "Opfølgningsdato (række 2): "31/2" er ikke en rigtig dato".
func (p Problem) Text(lang string) string {
	where := p.Label.In(lang)
	if p.Row > 0 {
		where += fmt.Sprintf(" (%s %d)", model.Text{Da: "række", En: "row"}.In(lang), p.Row)
	}
	msg := CodeText[p.Err.Code].In(lang)
	if strings.TrimSpace(p.Err.Value) == "" {
		return where + ": " + msg
	}
	return fmt.Sprintf("%s: %q %s", where, p.Err.Value, msg)
}

// Validate checks every field and row of rec (a pointer to the document's
// struct): required fields and rows, e-mail and phone form, times, choices,
// and the document's rules across fields. Nil when all is well.
func (d *Document) Validate(rec any) []Problem {
	var out []Problem
	add := func(path string, label model.Text, row int, err error) {
		if ie, ok := AsInputError(err); ok {
			out = append(out, Problem{Path: path, Label: label, Row: row, Err: ie})
		}
	}
	for _, s := range d.Sections {
		for _, f := range s.Fields {
			add(f.Key, f.Label, 0, f.check(rec))
		}
		if t := s.Table; t != nil {
			n := t.Len(rec)
			if n < t.MinRows {
				add(t.Key, t.Label, 0, inputError(CodeRequired, ""))
			}
			for i := 0; i < n; i++ {
				r := t.Row(rec, i)
				for _, c := range t.Columns {
					add(fmt.Sprintf("%s[%d].%s", t.Key, i, c.Key), c.Label, i+1, c.check(r))
				}
			}
		}
	}
	if d.rules != nil {
		out = append(out, d.rules(rec)...)
	}
	return out
}

// Documents are the four documents, in the order the desk lists them.
var Documents = []*Document{NetworkMapDoc, AgreementDoc, AgendaDoc, ConsentDoc}

// DocumentByID finds a document by its id.
func DocumentByID(id string) (*Document, bool) {
	i := slices.IndexFunc(Documents, func(d *Document) bool { return d.ID == id })
	if i < 0 {
		return nil, false
	}
	return Documents[i], true
}

// DocumentIDs lists the documents' ids.
func DocumentIDs() []string {
	ids := make([]string, len(Documents))
	for i, d := range Documents {
		ids[i] = d.ID
	}
	return ids
}

// The codes of the documents' fields, beside input.go's.
const (
	CodeTime   = "time_format" // not a time of day, HH:MM
	CodeNumber = "number"      // not a whole number, 0 or more
	CodeYesNo  = "yes_no"      // not yes or no
	CodeOrder  = "order"       // before what it must follow (an end before its start)
)

func init() {
	Codes = append(Codes, CodeTime, CodeNumber, CodeYesNo, CodeOrder)
	CodeText[CodeTime] = model.Text{Da: "er ikke et klokkeslæt; skriv TT:MM, fx 09:30", En: "is not a time of day; write HH:MM, for example 09:30"}
	CodeText[CodeNumber] = model.Text{Da: "er ikke et helt tal (0 eller flere)", En: "is not a whole number (0 or more)"}
	CodeText[CodeYesNo] = model.Text{Da: "er hverken ja eller nej", En: "is neither yes nor no"}
	CodeText[CodeOrder] = model.Text{Da: "ligger før det, det skal følge efter", En: "comes before what it must follow"}
}

// clock reads HH:MM or H:MM (also with a dot) into HH:MM.
func clock(s string) (string, bool) {
	s = strings.Replace(s, ".", ":", 1)
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || !allDigits(h) || !allDigits(m) {
		return "", false
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	if hh > 23 || mm > 59 {
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", hh, mm), true
}

// findOption matches an id or a label in either language, in any case.
func findOption(opts []model.Option, s string) (model.Option, bool) {
	for _, o := range opts {
		if o.ID == s || strings.EqualFold(o.Da, s) || strings.EqualFold(o.En, s) {
			return o, true
		}
	}
	return model.Option{}, false
}

func yesNoInput(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "ja", "j", "yes", "y", "true":
		return true, true
	case "nej", "n", "no", "false":
		return false, true
	}
	return false, false
}

var (
	textYes = model.Text{Da: "Ja", En: "Yes"}
	textNo  = model.Text{Da: "Nej", En: "No"}
)

// The constructors bind a field to a pointer into the struct T.

func as[T any](rec any) *T {
	p, ok := rec.(*T)
	if !ok {
		panic(fmt.Sprintf("forms: a field of %T used on %T", new(T), rec))
	}
	return p
}

func strField[T any](key string, label model.Text, kind Kind, required bool, p func(*T) *string) Field {
	return Field{Key: key, Label: label, Kind: kind, Required: required,
		get: func(rec any) string { return *p(as[T](rec)) },
		set: func(rec any, s string) error { *p(as[T](rec)) = s; return nil }}
}

func text[T any](key string, label model.Text, p func(*T) *string) Field {
	return strField(key, label, KindText, false, p)
}

func longText[T any](key string, label model.Text, p func(*T) *string) Field {
	return strField(key, label, KindLongText, false, p)
}

func required(f Field) Field { f.Required = true; return f }

func choice[T any](key string, label model.Text, opts []model.Option, p func(*T) *string) Field {
	f := strField(key, label, KindChoice, false, p)
	f.Options = opts
	f.show = func(rec any, lang string) string {
		v := *p(as[T](rec))
		if o, ok := model.Lookup(opts, v); ok {
			return o.Label(lang)
		}
		return v
	}
	return f
}

func date[T any](key string, label model.Text, dir Direction, p func(*T) *model.Date) Field {
	return Field{Key: key, Label: label, Kind: KindDate, Dir: dir,
		get: func(rec any) string {
			if d := *p(as[T](rec)); d != model.NoDate {
				return d.String()
			}
			return ""
		},
		set: func(rec any, s string) error {
			d := model.NoDate
			if s != "" {
				var err error
				if d, err = model.ParseDate(s); err != nil {
					return inputError(CodeDateFormat, s)
				}
			}
			*p(as[T](rec)) = d
			return nil
		}}
}

func yesNo[T any](key string, label model.Text, p func(*T) **bool) Field {
	return Field{Key: key, Label: label, Kind: KindYesNo,
		get: func(rec any) string {
			if b := *p(as[T](rec)); b != nil {
				return map[bool]string{true: "ja", false: "nej"}[*b]
			}
			return ""
		},
		set: func(rec any, s string) error {
			if s == "" {
				*p(as[T](rec)) = nil
				return nil
			}
			b := s == "true"
			*p(as[T](rec)) = &b
			return nil
		},
		show: func(rec any, lang string) string {
			if b := *p(as[T](rec)); b != nil {
				if *b {
					return textYes.In(lang)
				}
				return textNo.In(lang)
			}
			return ""
		}}
}

// boolField is a plain bool shown as yes/no; it is never unanswered.
func boolField[T any](key string, label model.Text, p func(*T) *bool) Field {
	return Field{Key: key, Label: label, Kind: KindYesNo,
		get: func(rec any) string { return map[bool]string{true: "ja", false: "nej"}[*p(as[T](rec))] },
		set: func(rec any, s string) error { *p(as[T](rec)) = s == "true"; return nil },
		show: func(rec any, lang string) string {
			if *p(as[T](rec)) {
				return textYes.In(lang)
			}
			return textNo.In(lang)
		}}
}

func number[T any](key string, label model.Text, p func(*T) *int) Field {
	return Field{Key: key, Label: label, Kind: KindNumber,
		get: func(rec any) string {
			if n := *p(as[T](rec)); n != 0 {
				return strconv.Itoa(n)
			}
			return ""
		},
		set: func(rec any, s string) error {
			n, _ := strconv.Atoi(s) // Set checked it
			*p(as[T](rec)) = n
			return nil
		}}
}

// list is a []string typed one per line; values that are ids of opts
// print as their labels.
func list[T any](key string, label model.Text, opts []model.Option, p func(*T) *[]string) Field {
	return Field{Key: key, Label: label, Kind: KindList, Options: opts,
		get: func(rec any) string { return strings.Join(*p(as[T](rec)), "\n") },
		set: func(rec any, s string) error {
			var out []string
			for _, l := range strings.Split(s, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					if o, ok := findOption(opts, l); ok {
						l = o.ID
					}
					out = append(out, l)
				}
			}
			*p(as[T](rec)) = out
			return nil
		},
		show: func(rec any, lang string) string {
			var out []string
			for _, v := range *p(as[T](rec)) {
				if o, ok := model.Lookup(opts, v); ok {
					v = o.Label(lang)
				}
				out = append(out, v)
			}
			return strings.Join(out, "\n")
		}}
}

func computed[T any](key string, label model.Text, show func(*T, string) string) Field {
	return Field{Key: key, Label: label, Kind: KindComputed,
		get:  func(rec any) string { return show(as[T](rec), "da") },
		show: func(rec any, lang string) string { return show(as[T](rec), lang) }}
}

func table[D, R any](key string, label model.Text, p func(*D) *[]R, cols ...Field) *Table {
	s := func(doc any) *[]R { return p(as[D](doc)) }
	return &Table{Key: key, Label: label, Columns: cols,
		rows:   func(doc any) int { return len(*s(doc)) },
		row:    func(doc any, i int) any { return &(*s(doc))[i] },
		insert: func(doc any, i int) { *s(doc) = slices.Insert(*s(doc), i, *new(R)) },
		remove: func(doc any, i int) { *s(doc) = slices.Delete(*s(doc), i, i+1) },
		move: func(doc any, from, to int) {
			v := *s(doc)
			r := v[from]
			v = slices.Delete(v, from, from+1)
			*s(doc) = slices.Insert(v, to, r)
		}}
}
