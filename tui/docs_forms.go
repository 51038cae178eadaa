package tui

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"tovholder/forms"
	"tovholder/model"
)

// The desk's document editors read their fields and columns from the
// documents' definitions in forms/ (forms/documents.go): a label, a kind,
// options, required and a date's direction are defined there once, and
// the same definition reads the values back (Field.Set) and checks the
// document (Document.Validate). What only the desk needs — a column's
// share of the width, a default value, a column no document stores —
// stays with the editor that needs it, and says so.

// docLabel is a field's label in the desk's language.
func (c *Common) docLabel(fd forms.Field) string {
	return model.CleanLine(fd.Label.In(c.langCode()))
}

// problemText is what a problem says on its field or cell, in the desk's
// language (the field's label is beside it already).
func (c *Common) problemText(p forms.Problem) string {
	if t, ok := forms.CodeText[p.Err.Code]; ok {
		return t.In(c.langCode())
	}
	return p.Text(c.langCode())
}

// scratch is a new, empty value of rec's type, for checking a value
// typed into a field without touching the document.
func scratch(rec any) any {
	return reflect.New(reflect.TypeOf(rec).Elem()).Interface()
}

// docField adds field fd of a document to the form, with its value in
// rec (a pointer to the document's struct): a one-line text, a box for
// long text and lists, a date, a choice or a tick box for yes/no. A
// computed field is not typed and adds nothing (nil).
func docField(f *Form, fd forms.Field, rec any) *Field {
	c := f.c
	label, v := c.docLabel(fd), fd.Get(rec)
	switch fd.Kind {
	case forms.KindComputed:
		return nil
	case forms.KindLongText, forms.KindList:
		return f.Box(fd.Key, label, v, fd.Required)
	case forms.KindDate:
		return f.Date(fd.Key, label, v, fd.Required, fd.Dir)
	case forms.KindChoice:
		return f.Choice(fd.Key, label, fd.Options, v, fd.Required)
	case forms.KindYesNo:
		return f.Check(fd.Key, label, v == "ja")
	case forms.KindText:
		return f.Text(fd.Key, label, v, fd.Required, nil)
	}
	// E-mail, phone, time of day, number: checked as the definition
	// checks them, on an empty document.
	return f.Text(fd.Key, label, v, fd.Required, func(s string) error {
		return fd.Set(scratch(rec), s, c.Today())
	})
}

// docFields adds a section's fields to the form.
func docFields(f *Form, fields []forms.Field, rec any) {
	for _, fd := range fields {
		docField(f, fd, rec)
	}
}

// formField is the form's field by key, or nil.
func (f *Form) formField(key string) *Field {
	for _, fl := range f.fields {
		if fl.Key == key {
			return fl
		}
	}
	return nil
}

// readDocFields stores the form's values of fields into rec through the
// definition's Set; a value Set refuses is marked on its field.
func readDocFields(f *Form, fields []forms.Field, rec any) error {
	var bad error
	for _, fd := range fields {
		fl := f.formField(fd.Key)
		if fl == nil || fd.Kind == forms.KindComputed {
			continue
		}
		if fl.err != "" { // the form's own check said what is wrong (a date that is no date)
			bad = errors.New(f.c.T("form.fix"))
			continue
		}
		var s string
		switch fl.kind {
		case dateField:
			if d := f.DateValue(fd.Key); d != model.NoDate {
				s = d.String()
			}
		case choiceField:
			s = f.Chosen(fd.Key)
		case checkField:
			s = map[bool]string{true: "ja", false: "nej"}[f.Checked(fd.Key)]
		default:
			s = f.Value(fd.Key)
		}
		if err := fd.Set(rec, s, f.c.Today()); err != nil {
			f.SetError(fd.Key, f.errText(err))
			bad = errors.New(f.c.T("form.fix"))
		}
	}
	return bad
}

// showFormProblems puts each problem on its field of the form; it gives
// back those that name no field of the form.
func showFormProblems(f *Form, probs []forms.Problem) (rest []forms.Problem) {
	for _, p := range probs {
		if fl := f.formField(p.Path); fl != nil {
			if fl.err == "" { // the form's own error (a date that is no date) says more
				f.SetError(p.Path, f.c.problemText(p))
			}
		} else {
			rest = append(rest, p)
		}
	}
	return rest
}

// problemsLine says problems in a line for the status, in the desk's language.
func (c *Common) problemsLine(probs []forms.Problem) string {
	var out []string
	for _, p := range probs {
		out = append(out, p.Text(c.langCode()))
	}
	return strings.Join(out, "; ")
}

// docColumns are a definition's table's columns as the desk's columns;
// weights are the desk's shares of the width (layout only).
func docColumns(ft *forms.Table, weights map[string]int) []Column {
	var cols []Column
	for _, fd := range ft.Columns {
		col := Column{Key: fd.Key, Label: fd.Label, Required: fd.Required, Weight: weights[fd.Key]}
		switch fd.Kind {
		case forms.KindLongText, forms.KindList:
			col.Kind = ColLong
		case forms.KindDate:
			col.Kind, col.Dir = ColDate, fd.Dir
		case forms.KindYesNo:
			col.Kind = ColYesNo
		case forms.KindChoice:
			col.Kind, col.Options = ColChoice, fd.Options
		case forms.KindNumber:
			col.Kind = ColNumber
		case forms.KindComputed:
			continue
		}
		cols = append(cols, col)
	}
	return cols
}

// cellValue is a column's value in row as the desk's table stores it:
// yes/no as "yes"/"no" (YesNoOptions), everything else as Get gives it.
func cellValue(fd forms.Field, row any) string {
	v := fd.Get(row)
	if fd.Kind == forms.KindYesNo {
		switch v {
		case "ja":
			return "yes"
		case "nej":
			return "no"
		}
	}
	return v
}

// docRows are the rows of table ft in doc, as the desk's rows.
func docRows(ft *forms.Table, doc any) []Row {
	var rows []Row
	for i := range ft.Len(doc) {
		r, row := Row{}, ft.Row(doc, i)
		for _, fd := range ft.Columns {
			if fd.Kind != forms.KindComputed {
				r[fd.Key] = cellValue(fd, row)
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// readDocRows stores the table's rows into table ft of doc (replacing its
// rows) through the columns' Set, leaving out empty rows and those keep
// refuses (nil keeps all). It gives, per row stored, its index in the
// table, for putting problems on cells; a value Set refuses is marked on
// its cell.
func readDocRows(t *Table, ft *forms.Table, doc any, keep func(Row) bool) ([]int, error) {
	for ft.Len(doc) > 0 {
		ft.Delete(doc, ft.Len(doc)-1)
	}
	var at []int
	var bad error
	for i, tr := range t.rows {
		if tr.empty() {
			continue
		}
		r := Row{}
		for k, v := range tr.vals {
			r[k] = strings.TrimSpace(v)
		}
		if keep != nil && !keep(r) {
			continue
		}
		n := ft.Len(doc)
		ft.Insert(doc, n)
		row := ft.Row(doc, n)
		for _, fd := range ft.Columns {
			if fd.Kind == forms.KindComputed {
				continue
			}
			if err := fd.Set(row, r[fd.Key], t.c.Today()); err != nil {
				t.SetError(i, fd.Key, t.errText(err))
				if bad == nil {
					t.row, t.col = i, t.colIndex(fd.Key)
				}
				bad = errors.New(t.c.T("form.fix"))
			}
		}
		at = append(at, i)
	}
	return at, bad
}

func (t *Table) colIndex(key string) int {
	for j, col := range t.cols {
		if col.Key == key {
			return j
		}
	}
	return t.col
}

// showTableProblems puts each problem of table ft ("rows[2].email") on
// its cell, the cursor on the first; at maps the document's rows to the
// table's (readDocRows). It gives back the problems that name no cell.
func showTableProblems(t *Table, ft *forms.Table, at []int, probs []forms.Problem) (rest []forms.Problem) {
	first := true
	for _, p := range probs {
		i, key, ok := cellPath(ft.Key, p.Path)
		if !ok || i >= len(at) {
			rest = append(rest, p)
			continue
		}
		t.SetError(at[i], key, t.c.problemText(p))
		if first {
			t.row, t.col = at[i], t.colIndex(key)
			first = false
		}
	}
	return rest
}

// cellPath reads "goals[1].follow_up" of table "goals" as 1, "follow_up".
func cellPath(table, path string) (int, string, bool) {
	rest, ok := strings.CutPrefix(path, table+"[")
	if !ok {
		return 0, "", false
	}
	n, key, ok := strings.Cut(rest, "].")
	if !ok {
		return 0, "", false
	}
	i, err := strconv.Atoi(n)
	return i, key, err == nil && i >= 0
}

// docDef is the definition of document id, and its table by key: the
// desk is built with the definitions, so a missing one is a bug.
func docDef(id string) *forms.Document {
	d, ok := forms.DocumentByID(id)
	if !ok {
		panic("tui: no document " + id)
	}
	return d
}

func docTable(d *forms.Document, key string) *forms.Table {
	t, ok := d.Table(key)
	if !ok {
		panic(fmt.Sprintf("tui: document %s has no table %s", d.ID, key))
	}
	return t
}

// docSection is the fields of document d's section key.
func docSection(d *forms.Document, key string) []forms.Field {
	for _, s := range d.Sections {
		if s.Key == key {
			return s.Fields
		}
	}
	panic(fmt.Sprintf("tui: document %s has no section %s", d.ID, key))
}
