package forms

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"tovholder/model"
)

// Render makes the printout of document doc of case c in format (md,
// html, pdf, or ics for a meeting): record n as Record takes it. The desk's
// p and the print command both print through here. A calendar never
// holds the CPR number, whatever opts says.
func Render(c *model.Case, doc string, n int, format string, opts PrintOptions, now time.Time) ([]byte, error) {
	rec, err := Record(c, doc, n)
	if err != nil {
		return nil, err
	}
	if format == "ics" {
		m, ok := rec.(*model.Meeting)
		if !ok {
			return nil, errors.New("iCalendar is for a meeting's invitation")
		}
		s, err := ICS(c, m, opts.Lang, now)
		return []byte(s), err
	}
	d, ok := DocumentByID(doc)
	if !ok {
		return nil, fmt.Errorf("unknown document %q", doc)
	}
	p := Layout(d, rec, c, opts)
	switch format {
	case "md":
		return p.Markdown(), nil
	case "html":
		return p.HTML(), nil
	case "pdf":
		var buf bytes.Buffer
		err := p.PDF(&buf)
		return buf.Bytes(), err
	}
	return nil, fmt.Errorf("unknown format %q (md, html, pdf or ics)", format)
}

// PrintDetail is a printout as the access log says it: "agreement pdf",
// with ", CPR in full" when it is.
func PrintDetail(doc, format string, fullCPR bool) string {
	if fullCPR && format != "ics" {
		return doc + " " + format + ", CPR in full"
	}
	return doc + " " + format
}
