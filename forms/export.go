package forms

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"tovholder/model"
)

// Record picks the document doc ("networkmap", "agreement", "agenda",
// "consent") of case c, for Layout and Validate: n is the 1-based
// agreement version, meeting or consent, 0 for the latest. The pointer is
// into c.
func Record(c *model.Case, doc string, n int) (any, error) {
	pick := func(what string, count int) (int, error) {
		if count == 0 {
			return 0, fmt.Errorf("case %s has no %s", c.ID, what)
		}
		if n == 0 {
			return count - 1, nil
		}
		if n < 0 || n > count {
			return 0, fmt.Errorf("case %s has %d %s, so no number %d", c.ID, count, what, n)
		}
		return n - 1, nil
	}
	switch doc {
	case "networkmap":
		if c.NetworkMap == nil {
			return nil, fmt.Errorf("case %s has no network map", c.ID)
		}
		return c.NetworkMap, nil
	case "agreement":
		i, err := pick("agreement versions", len(c.Agreements))
		if err != nil {
			return nil, err
		}
		return &c.Agreements[i], nil
	case "agenda":
		i, err := pick("meetings", len(c.Meetings))
		if err != nil {
			return nil, err
		}
		return &c.Meetings[i], nil
	case "consent":
		i, err := pick("consents", len(c.Consents))
		if err != nil {
			return nil, err
		}
		return &c.Consents[i], nil
	}
	return nil, fmt.Errorf("%q is not a document (%s)", doc, strings.Join(DocumentIDs(), ", "))
}

// Markdown renders the printout as Markdown.
func (p Printout) Markdown() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n", mdLine(p.Title))
	for i, h := range p.Header {
		end := "  \n"
		if i == len(p.Header)-1 {
			end = "\n"
		}
		fmt.Fprintf(&b, "**%s:** %s%s", mdLine(h.Label), mdLine(h.Value), end)
	}
	if p.Intro != "" {
		fmt.Fprintf(&b, "\n%s\n", mdLine(p.Intro))
	}
	for _, bl := range p.Blocks {
		level := "##"
		if bl.Sub {
			level = "###"
		}
		fmt.Fprintf(&b, "\n%s %s\n\n", level, mdLine(bl.Title))
		if bl.Help != "" {
			fmt.Fprintf(&b, "_%s_\n\n", mdLine(bl.Help))
		}
		mdPairs(&b, bl.Pairs)
		if len(bl.Rows) > 0 {
			b.WriteString("|")
			for _, c := range bl.Columns {
				fmt.Fprintf(&b, " %s |", mdCell(c))
			}
			b.WriteString("\n|")
			for range bl.Columns {
				b.WriteString(" --- |")
			}
			b.WriteString("\n")
			for _, r := range bl.Rows {
				b.WriteString("|")
				for _, v := range r {
					fmt.Fprintf(&b, " %s |", mdCell(v))
				}
				b.WriteString("\n")
			}
			b.WriteString("\n")
		}
		for _, c := range bl.Cards {
			fmt.Fprintf(&b, "### %s\n\n", mdLine(c.Title))
			mdPairs(&b, c.Pairs)
		}
		if bl.Empty != "" {
			fmt.Fprintf(&b, "%s\n\n", mdLine(bl.Empty))
		}
	}
	if len(p.Signatures) > 0 {
		b.WriteString("\n")
		for _, s := range p.Signatures {
			fmt.Fprintf(&b, "%s: ______________________________  %s: ____________\n\n", mdLine(s), mdLine(txtDate.In(p.Lang)))
		}
	}
	if p.Footer != "" {
		fmt.Fprintf(&b, "\n_%s_\n", mdLine(p.Footer))
	}
	out := bytes.TrimRight(b.Bytes(), "\n")
	for bytes.Contains(out, []byte("\n\n\n")) {
		out = bytes.ReplaceAll(out, []byte("\n\n\n"), []byte("\n\n"))
	}
	return append(out, '\n')
}

func mdPairs(b *bytes.Buffer, pairs []Pair) {
	for _, p := range pairs {
		switch {
		case p.Long && strings.TrimSpace(p.Value) != "":
			fmt.Fprintf(b, "**%s:**\n\n", mdLine(p.Label))
			for _, l := range strings.Split(p.Value, "\n") {
				fmt.Fprintf(b, "> %s\n", mdLine(l))
			}
			b.WriteString("\n")
		case strings.TrimSpace(p.Value) == "":
			fmt.Fprintf(b, "**%s:**\n\n", mdLine(p.Label))
		default:
			fmt.Fprintf(b, "**%s:** %s\n\n", mdLine(p.Label), mdLine(strings.ReplaceAll(p.Value, "\n", "; ")))
		}
	}
}

// mdLine escapes what Markdown would read as markup in running text.
var mdEscaper = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `[`, `\[`, `]`, `\]`, `<`, `&lt;`, `>`, `&gt;`, `#`, `\#`, `|`, `\|`)

func mdLine(s string) string { return mdEscaper.Replace(s) }

func mdCell(s string) string {
	return strings.ReplaceAll(mdLine(s), "\n", "<br>")
}

// HTML renders the printout as one A4 page (or more) of HTML: inline CSS,
// no external resources, large clear type, printable as it is.
func (p Printout) HTML() []byte {
	var b bytes.Buffer
	e := html.EscapeString
	lang := p.Lang
	if lang != "en" {
		lang = "da"
	}
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<title>%s</title>
<style>
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 13pt; line-height: 1.45; color: #000; background: #fff; max-width: 178mm; margin: 0 auto; }
h1 { font-size: 22pt; margin: 0 0 4mm 0; }
h2 { font-size: 16pt; margin: 7mm 0 2mm 0; border-bottom: 1.5pt solid #000; page-break-after: avoid; }
h3 { font-size: 14pt; margin: 5mm 0 2mm 0; page-break-after: avoid; }
.head { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; border: 1pt solid #000; padding: 3mm 4mm; margin-bottom: 4mm; }
.head dt, dl.fields dt { font-weight: bold; }
.head dd, dl.fields dd { margin: 0; }
dl.fields { display: grid; grid-template-columns: 55mm 1fr; gap: 2mm 5mm; margin: 0 0 3mm 0; }
dl.fields dd.long { white-space: pre-wrap; }
.help { font-style: italic; }
table { width: 100%%; border-collapse: collapse; margin: 2mm 0 4mm 0; }
th, td { border: 1pt solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; white-space: pre-wrap; }
th { background: #e8e8e8; }
tr, .card { page-break-inside: avoid; }
.card { border: 1pt solid #000; padding: 2mm 4mm; margin: 3mm 0; }
.signatures { margin-top: 14mm; page-break-inside: avoid; }
.signature { display: grid; grid-template-columns: 1fr 50mm; gap: 10mm; margin-top: 14mm; }
.signature div { border-top: 1pt solid #000; padding-top: 1mm; }
.footer { margin-top: 8mm; font-size: 11pt; }
</style>
</head>
<body>
<h1>%s</h1>
<dl class="head">
`, lang, e(p.Title), e(p.Title))
	for _, h := range p.Header {
		fmt.Fprintf(&b, "<dt>%s</dt><dd>%s</dd>\n", e(h.Label), e(h.Value))
	}
	b.WriteString("</dl>\n")
	if p.Intro != "" {
		fmt.Fprintf(&b, "<p>%s</p>\n", e(p.Intro))
	}
	for _, bl := range p.Blocks {
		tag := "h2"
		if bl.Sub {
			tag = "h3"
		}
		fmt.Fprintf(&b, "<%s>%s</%s>\n", tag, e(bl.Title), tag)
		if bl.Help != "" {
			fmt.Fprintf(&b, "<p class=\"help\">%s</p>\n", e(bl.Help))
		}
		htmlPairs(&b, bl.Pairs)
		if len(bl.Rows) > 0 {
			b.WriteString("<table>\n<thead><tr>")
			total := 0
			for _, w := range bl.Weights {
				total += w
			}
			for i, c := range bl.Columns {
				fmt.Fprintf(&b, "<th style=\"width:%d%%\">%s</th>", bl.Weights[i]*100/total, e(c))
			}
			b.WriteString("</tr></thead>\n<tbody>\n")
			for _, r := range bl.Rows {
				b.WriteString("<tr>")
				for _, v := range r {
					fmt.Fprintf(&b, "<td>%s</td>", e(v))
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</tbody>\n</table>\n")
		}
		for _, c := range bl.Cards {
			fmt.Fprintf(&b, "<div class=\"card\">\n<h3>%s</h3>\n", e(c.Title))
			htmlPairs(&b, c.Pairs)
			b.WriteString("</div>\n")
		}
		if bl.Empty != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", e(bl.Empty))
		}
	}
	if len(p.Signatures) > 0 {
		b.WriteString("<div class=\"signatures\">\n")
		for _, s := range p.Signatures {
			fmt.Fprintf(&b, "<div class=\"signature\"><div>%s: %s</div><div>%s</div></div>\n", e(txtSignature.In(p.Lang)), e(s), e(txtDate.In(p.Lang)))
		}
		b.WriteString("</div>\n")
	}
	if p.Footer != "" {
		fmt.Fprintf(&b, "<p class=\"footer\">%s</p>\n", e(p.Footer))
	}
	b.WriteString("</body>\n</html>\n")
	return b.Bytes()
}

func htmlPairs(b *bytes.Buffer, pairs []Pair) {
	if len(pairs) == 0 {
		return
	}
	b.WriteString("<dl class=\"fields\">\n")
	for _, p := range pairs {
		class := ""
		if p.Long {
			class = ` class="long"`
		}
		fmt.Fprintf(b, "<dt>%s</dt><dd%s>%s</dd>\n", html.EscapeString(p.Label), class, html.EscapeString(p.Value))
	}
	b.WriteString("</dl>\n")
}
