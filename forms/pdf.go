package forms

import (
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// PDF renders the printout as an A4 PDF with fpdf's core Helvetica: large
// type, the citizen's name and the date at the top of every page, page
// numbers at the foot. Core fonts are cp1252, so every text goes through
// fpdf's cp1252 translator: æ ø å Æ Ø Å, "–" and "•" are in cp1252 and
// print as they are. A character cp1252 lacks prints as a dot (so does
// nothing unreadable reach the page); the masked CPR number's "•" is in
// cp1252 (0x95), so it stays DDMMYY-•••• and needs no other masking.
func (p Printout) PDF(w io.Writer) error {
	const (
		margin = 18.0
		body   = 12.0 // pt
		lh     = 6.0  // mm per line of body text
	)
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(margin, 24, margin)
	pdf.SetAutoPageBreak(true, 20)
	pdf.SetTitle(p.Title, true)
	pdf.SetCreator("tovholder", true)
	pdf.SetCreationDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) // no clock in the file
	pdf.SetCatalogSort(true)
	tr := pdf.UnicodeTranslatorFromDescriptor("") // cp1252
	// nLines is how many lines MultiCell makes of s in width w. SplitText
	// reads runes, so the cp1252 bytes go in one rune each.
	nLines := func(s string, w float64) int {
		b := tr(s)
		r := make([]rune, len(b))
		for i := 0; i < len(b); i++ {
			r[i] = rune(b[i])
		}
		return len(pdf.SplitText(string(r), w))
	}
	pageW, pageH := pdf.GetPageSize()
	width := pageW - 2*margin

	name, date := "", ""
	for _, h := range p.Header {
		switch h.Label {
		case txtCitizen.In(p.Lang):
			name = h.Value
		case txtDate.In(p.Lang):
			date = h.Value
		}
	}
	pdf.SetHeaderFunc(func() {
		pdf.SetFont("Helvetica", "", 10)
		pdf.SetXY(margin, 10)
		pdf.CellFormat(width/2, 5, tr(p.Title+" · "+name), "", 0, "L", false, 0, "")
		pdf.CellFormat(width/2, 5, tr(date), "", 1, "R", false, 0, "")
		pdf.Line(margin, 16, pageW-margin, 16)
		pdf.SetY(24)
	})
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont("Helvetica", "", 9)
		pdf.CellFormat(0, 5, tr(itoa(pdf.PageNo())+" / {nb}"), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()

	pdf.SetFont("Helvetica", "B", 20)
	pdf.MultiCell(width, 9, tr(p.Title), "", "L", false)
	pdf.Ln(2)
	// The header box: label and value per line.
	pdf.SetFont("Helvetica", "", body)
	labelW := 42.0
	y0 := pdf.GetY()
	for _, h := range p.Header {
		pdf.SetFont("Helvetica", "B", body)
		pdf.SetX(margin + 3)
		pdf.CellFormat(labelW, lh, tr(h.Label), "", 0, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", body)
		pdf.MultiCell(width-labelW-6, lh, tr(h.Value), "", "L", false)
	}
	pdf.Rect(margin, y0-1.5, width, pdf.GetY()-y0+3, "D")
	pdf.Ln(5)
	if p.Intro != "" {
		pdf.MultiCell(width, lh, tr(p.Intro), "", "L", false)
	}

	pairs := func(ps []Pair) {
		for _, pr := range ps {
			if pr.Long && strings.TrimSpace(pr.Value) != "" {
				pdf.SetFont("Helvetica", "B", body)
				pdf.MultiCell(width, lh, tr(pr.Label), "", "L", false)
				pdf.SetFont("Helvetica", "", body)
				pdf.SetX(margin + 4)
				pdf.MultiCell(width-4, lh, tr(pr.Value), "", "L", false)
				pdf.Ln(1)
				continue
			}
			pdf.SetFont("Helvetica", "B", body)
			y := pdf.GetY()
			if y+float64(max(nLines(pr.Label, 58), nLines(pr.Value, width-62)))*lh > pageH-22 {
				pdf.AddPage()
				y = pdf.GetY()
			}
			pdf.MultiCell(60, lh, tr(pr.Label), "", "L", false)
			yEnd := pdf.GetY()
			pdf.SetXY(margin+60, y)
			pdf.SetFont("Helvetica", "", body)
			pdf.MultiCell(width-60, lh, tr(pr.Value), "", "L", false)
			if pdf.GetY() < yEnd {
				pdf.SetY(yEnd)
			}
		}
	}
	heading := func(s string, size float64) {
		if pdf.GetY() > pageH-50 {
			pdf.AddPage()
		}
		pdf.Ln(4)
		pdf.SetFont("Helvetica", "B", size)
		pdf.MultiCell(width, size*0.5, tr(s), "", "L", false)
		if size >= 15 {
			pdf.Line(margin, pdf.GetY()+0.5, pageW-margin, pdf.GetY()+0.5)
		}
		pdf.Ln(2)
		pdf.SetFont("Helvetica", "", body)
	}
	table := func(cols []string, weights []int, rows [][]string) {
		total := 0
		for _, w := range weights {
			total += w
		}
		ws := make([]float64, len(cols))
		for i, w := range weights {
			ws[i] = width * float64(w) / float64(total)
		}
		const tl = 5.5
		var row func(cells []string, bold bool)
		row = func(cells []string, bold bool) {
			style := ""
			if bold {
				style = "B"
			}
			pdf.SetFont("Helvetica", style, 11)
			n := 1
			for i, c := range cells {
				n = max(n, nLines(c, ws[i]-2))
			}
			h := float64(n)*tl + 2
			if pdf.GetY()+h > pageH-22 {
				pdf.AddPage()
				if !bold { // the columns' names again at the top of the page
					row(cols, true)
					pdf.SetFont("Helvetica", "", 11)
				}
			}
			x, y := margin, pdf.GetY()
			for i, c := range cells {
				if bold {
					pdf.SetFillColor(232, 232, 232)
					pdf.Rect(x, y, ws[i], h, "FD")
				} else {
					pdf.Rect(x, y, ws[i], h, "D")
				}
				pdf.SetXY(x+1, y+1)
				pdf.MultiCell(ws[i]-2, tl, tr(c), "", "L", false)
				x += ws[i]
			}
			pdf.SetXY(margin, y+h)
		}
		if pdf.GetY()+3*tl+4 > pageH-22 { // the columns' names not alone at the foot of a page
			pdf.AddPage()
		}
		row(cols, true)
		for _, r := range rows {
			row(r, false)
		}
		pdf.Ln(3)
		pdf.SetFont("Helvetica", "", body)
	}

	for _, b := range p.Blocks {
		size := 16.0
		if b.Sub {
			size = 13
		}
		heading(b.Title, size)
		if b.Help != "" {
			pdf.SetFont("Helvetica", "I", body)
			pdf.MultiCell(width, lh, tr(b.Help), "", "L", false)
			pdf.SetFont("Helvetica", "", body)
		}
		pairs(b.Pairs)
		if len(b.Rows) > 0 {
			table(b.Columns, b.Weights, b.Rows)
		}
		for _, c := range b.Cards {
			heading(c.Title, 13)
			pairs(c.Pairs)
		}
		if b.Empty != "" {
			pdf.MultiCell(width, lh, tr(b.Empty), "", "L", false)
		}
	}
	if len(p.Signatures) > 0 {
		if pdf.GetY() > pageH-70 {
			pdf.AddPage()
		}
		pdf.Ln(10)
		for _, s := range p.Signatures {
			pdf.Ln(16)
			y := pdf.GetY()
			pdf.Line(margin, y, margin+width*0.62, y)
			pdf.Line(margin+width*0.70, y, pageW-margin, y)
			pdf.SetFont("Helvetica", "", 11)
			pdf.SetXY(margin, y+1)
			pdf.CellFormat(width*0.62, 5, tr(txtSignature.In(p.Lang)+": "+s), "", 0, "L", false, 0, "")
			pdf.SetX(margin + width*0.70)
			pdf.CellFormat(width*0.30, 5, tr(txtDate.In(p.Lang)), "", 1, "L", false, 0, "")
		}
	}
	if p.Footer != "" {
		pdf.Ln(8)
		pdf.SetFont("Helvetica", "I", 10)
		pdf.MultiCell(width, 5, tr(p.Footer), "", "L", false)
	}
	return pdf.Output(w)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
