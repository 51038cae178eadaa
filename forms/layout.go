package forms

import (
	"fmt"

	"tovholder/model"
)

// PrintOptions are the choices of a printout.
type PrintOptions struct {
	Lang string // "da" (the default) or "en"
	// FullCPR prints the whole CPR number; otherwise it is masked,
	// DDMMYY-••••: a printout may be lost on the way home.
	FullCPR bool
	// Date is the printout's date, in its header.
	Date model.Date
}

// Printout is a document laid out for printing, whatever the format:
// the definitions decide what is in it, the exporters (Markdown, HTML,
// PDF) only how it looks.
type Printout struct {
	Lang       string
	Title      string
	Intro      string
	Header     []Pair // the citizen, the CPR number, the case, the date
	Blocks     []Block
	Signatures []string // one signature line (with a date) per label
	Footer     string
	// CPRMasked is the header's CPR value as printed, when masked; a
	// renderer that cannot print "•" replaces it (see PDF).
	CPRMasked string
}

// Pair is a label and its value. Long values (several lines) are printed
// under their label rather than beside it.
type Pair struct {
	Label, Value string
	Long         bool
}

// Block is one section of a printout: fields, a table, or cards (one
// group of pairs per row).
type Block struct {
	Title string
	Sub   bool // a sub-heading (a group of a grouped table)
	Help  string
	Pairs []Pair
	// A table: Columns and Rows; Empty is said when there are no rows.
	Columns []string
	Weights []int // relative widths of the columns
	Rows    [][]string
	Cards   []Card
	Empty   string
}

// Card is one row of a table printed as a block.
type Card struct {
	Title string
	Pairs []Pair
}

var (
	txtCitizen    = model.Text{Da: "Borger", En: "Citizen"}
	txtCPR        = model.Text{Da: "CPR-nr.", En: "CPR no."}
	txtCase       = model.Text{Da: "Sag", En: "Case"}
	txtDate       = model.Text{Da: "Dato", En: "Date"}
	txtAddress    = model.Text{Da: "Adresse", En: "Address"}
	txtPhone      = model.Text{Da: "Telefon", En: "Phone"}
	txtEmail      = model.Text{Da: "E-mail", En: "E-mail"}
	txtCaseworker = model.Text{Da: "Fremskudt sagsbehandler", En: "Outreach caseworker"}
	txtNone       = model.Text{Da: "Ingen endnu.", En: "None yet."}
	txtSignature  = model.Text{Da: "Underskrift", En: "Signature"}
	txtVersion    = model.Text{Da: "Version gemt", En: "Version saved"}
)

// Layout lays out rec, a pointer to the document's struct (see
// Record), of case c for printing.
func Layout(d *Document, rec any, c *model.Case, o PrintOptions) Printout {
	lang := o.Lang
	p := Printout{Lang: lang, Title: d.Title.In(lang), Intro: d.Intro.In(lang), Footer: d.Footer.In(lang)}
	p.Header = append(p.Header, Pair{Label: txtCitizen.In(lang), Value: c.Citizen.Name})
	if c.Citizen.CPR != "" {
		v := c.Citizen.CPR.Masked()
		if o.FullCPR {
			v = c.Citizen.CPR.Formatted()
		} else {
			p.CPRMasked = v
		}
		p.Header = append(p.Header, Pair{Label: txtCPR.In(lang), Value: v})
	}
	if d.Citizen {
		for _, f := range []struct {
			l model.Text
			v string
		}{{txtAddress, c.Citizen.Address}, {txtPhone, c.Citizen.Phone}, {txtEmail, c.Citizen.Email}} {
			if f.v != "" {
				p.Header = append(p.Header, Pair{Label: f.l.In(lang), Value: f.v})
			}
		}
	}
	p.Header = append(p.Header, Pair{Label: txtCase.In(lang), Value: c.ID})
	if a, ok := rec.(*model.Agreement); ok && a.Saved != model.NoDate {
		p.Header = append(p.Header, Pair{Label: txtVersion.In(lang), Value: a.Saved.String()})
	}
	if o.Date != model.NoDate {
		p.Header = append(p.Header, Pair{Label: txtDate.In(lang), Value: o.Date.String()})
	}
	for _, s := range d.Sections {
		b := Block{Title: s.Title.In(lang), Help: s.Help.In(lang)}
		for _, f := range s.Fields {
			b.Pairs = append(b.Pairs, pairOf(f, rec, lang))
		}
		t := s.Table
		if t == nil {
			p.Blocks = append(p.Blocks, b)
			continue
		}
		n := t.Len(rec)
		switch {
		case t.Cards:
			for i := 0; i < n; i++ {
				r := t.Row(rec, i)
				card := Card{Title: fmt.Sprintf("%d. %s", i+1, t.Columns[0].Show(r, lang))}
				for _, col := range t.Columns[1:] {
					card.Pairs = append(card.Pairs, pairOf(col, r, lang))
				}
				b.Cards = append(b.Cards, card)
			}
			if n == 0 {
				b.Empty = txtNone.In(lang)
			}
			p.Blocks = append(p.Blocks, b)
		case t.Group != "":
			g, _ := t.Column(t.Group)
			var cols []Field
			for _, col := range t.Columns {
				if col.Key != t.Group {
					cols = append(cols, col)
				}
			}
			if n == 0 {
				b.Empty = txtNone.In(lang)
			}
			p.Blocks = append(p.Blocks, b)
			groups := append([]model.Option(nil), g.Options...)
			for i := 0; i < n; i++ { // a value no option has: its own group, last
				v := g.Get(t.Row(rec, i))
				if _, ok := model.Lookup(groups, v); !ok {
					groups = append(groups, model.Option{ID: v, Da: v, En: v})
				}
			}
			for _, o := range groups {
				sub := tableBlock(cols, o.Label(lang), lang)
				sub.Sub = true
				for i := 0; i < n; i++ {
					if r := t.Row(rec, i); g.Get(r) == o.ID {
						sub.Rows = append(sub.Rows, rowOf(cols, r, lang))
					}
				}
				if len(sub.Rows) > 0 {
					p.Blocks = append(p.Blocks, sub)
				}
			}
		default:
			tb := tableBlock(t.Columns, "", lang)
			b.Columns, b.Weights = tb.Columns, tb.Weights
			for i := 0; i < n; i++ {
				b.Rows = append(b.Rows, rowOf(t.Columns, t.Row(rec, i), lang))
			}
			if n == 0 {
				b.Empty = txtNone.In(lang)
			}
			p.Blocks = append(p.Blocks, b)
		}
	}
	if d.Signatures {
		p.Signatures = []string{txtCitizen.In(lang), txtCaseworker.In(lang)}
	}
	return p
}

func pairOf(f Field, rec any, lang string) Pair {
	return Pair{Label: f.Label.In(lang), Value: f.Show(rec, lang), Long: f.Kind == KindLongText || f.Kind == KindList}
}

func tableBlock(cols []Field, title, lang string) Block {
	b := Block{Title: title}
	for _, c := range cols {
		b.Columns = append(b.Columns, c.Label.In(lang))
		w := 2
		switch c.Kind {
		case KindLongText:
			w = 4
		case KindYesNo, KindNumber, KindTime:
			w = 1
		}
		if len(b.Weights) == 0 && w == 2 {
			w = 3 // the first column names the row: room for a long word
		}
		b.Weights = append(b.Weights, w)
	}
	return b
}

func rowOf(cols []Field, r any, lang string) []string {
	row := make([]string, len(cols))
	for i, c := range cols {
		row[i] = c.Show(r, lang)
	}
	return row
}
