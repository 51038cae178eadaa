package tui

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/forms"
	"tovholder/model"
)

// Outbox is where the desk's printouts go. The desk does not know where
// that is: locally a directory beside the database, over SSH the user's
// outbox on the server, fetched with scp.
type Outbox interface {
	// Save writes a new file called name (a bare file name) with write and
	// says where it went, for the person at the desk. It never overwrites:
	// when name is taken the file gets the next free name (name-2.pdf …),
	// and where names the file it made.
	Save(name string, write func(io.Writer) error) (where string, err error)
	// Hint says how to fetch the file called name: a path, or a command.
	Hint(name string) string
}

var _ = register(map[string]model.Text{
	"print.key":       {Da: "udskriv", En: "print"},
	"print.title":     {Da: "Udskriv %s · %s", En: "Print %s · %s"},
	"print.agenda":    {Da: "Dagsorden", En: "Agenda"},
	"print.format":    {Da: "Format", En: "Format"},
	"print.fullCPR":   {Da: "CPR i fuld længde", En: "CPR in full"},
	"print.nothing":   {Da: "Stil markøren på et udfyldt dokument for at udskrive det.", En: "Put the cursor on a filled-in document to print it."},
	"print.noOutbox":  {Da: "Udskrifter kan ikke gemmes fra dette skrivebord.", En: "Printouts cannot be saved from this desk."},
	"print.notLogged": {Da: "udskriften kunne ikke skrives i adgangsloggen, så den er ikke lavet: %s", En: "the printout could not be written in the access log, so it is not made: %s"},
	"print.done":      {Da: "Udskrevet: %s", En: "Printed: %s"},
	"print.doneTitle": {Da: "Udskrift · %s", En: "Printout · %s"},
	"print.fetch":     {Da: "Hent den med", En: "Fetch it with"},
	"print.masked":    {Da: "CPR-nummeret er skjult (DDMMÅÅ-••••).", En: "The CPR number is masked (DDMMYY-••••)."},
	"print.full":      {Da: "CPR-nummeret står i fuld længde: pas på papiret.", En: "The CPR number is printed in full: mind the paper."},
	"print.logged":    {Da: "Udskriften står i adgangsloggen.", En: "The printout is in the access log."},
	"print.fmt.md":    {Da: "Markdown", En: "Markdown"},
	"print.fmt.html":  {Da: "HTML (A4)", En: "HTML (A4)"},
	"print.fmt.pdf":   {Da: "PDF", En: "PDF"},
	"print.fmt.ics":   {Da: "iCalendar (Outlook)", En: "iCalendar (Outlook)"},
})

// printDocs maps a documents screen row's kind to the printable
// document's id, and its Danish name in file names.
var printDocs = map[string]struct{ id, file string }{
	"map":       {"networkmap", "netvaerkskort"},
	"agreement": {"agreement", "samarbejdsaftale"},
	"meeting":   {"agenda", "dagsorden"},
	"consent":   {"consent", "samtykke"},
}

// printable says whether row r is a document that can be printed.
func (v *CaseView) printable(r docRow) bool {
	cs := &v.cs
	switch r.kind {
	case "map":
		return cs.NetworkMap != nil
	case "agreement":
		return len(cs.Agreements) > 0
	case "meeting":
		return r.i >= 0 && r.i < len(cs.Meetings)
	case "consent":
		return r.i >= 0 && r.i < len(cs.Consents)
	}
	return false
}

// printFileName is the printout's file name: the case, the document's
// Danish name (the meeting's or consent's number when there are more; an
// older agreement's version), -cpr when the CPR number is in it in full,
// the date, the format. No name and no CPR number: file names are seen.
// The case id keeps only letters, digits, - and _ (an imported id may
// hold anything a file name or an scp command cannot).
func printFileName(cs *model.Case, r docRow, today model.Date, format string, fullCPR bool) string {
	p := printDocs[r.kind]
	id := strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return '_'
	}, cs.ID)
	name := id + "-" + p.file
	if (r.kind == "meeting" && len(cs.Meetings) > 1) || (r.kind == "consent" && len(cs.Consents) > 1) {
		name += fmt.Sprintf("-%d", r.i+1)
	}
	if r.kind == "agreement" && r.ver > 0 && r.ver < len(cs.Agreements) {
		name += fmt.Sprintf("-version-%d", r.ver) // an older version; the one in force has no number
	}
	if fullCPR {
		name += "-cpr"
	}
	return name + "-" + today.String() + "." + format
}

// printForm asks how to print row r, then prints it into the outbox.
func (v *CaseView) printForm(r docRow) tea.Cmd {
	c := v.c
	if !v.printable(r) {
		return status(c.T("print.nothing"))
	}
	if c.Outbox == nil {
		return failure(errors.New(c.T("print.noOutbox")))
	}
	what := map[string]string{"map": "docs.map", "agreement": "docs.agreement", "meeting": "print.agenda", "consent": "docs.consents"}[r.kind]
	f := NewForm(c, c.T("print.title", c.T(what), v.id))
	f.Live = func(*Form) string { return v.citizenLine() }
	opts := []model.Option{
		{ID: "md", Da: c.T("print.fmt.md"), En: c.T("print.fmt.md")},
		{ID: "html", Da: c.T("print.fmt.html"), En: c.T("print.fmt.html")},
		{ID: "pdf", Da: c.T("print.fmt.pdf"), En: c.T("print.fmt.pdf")},
	}
	if r.kind == "meeting" {
		opts = append(opts, model.Option{ID: "ics", Da: c.T("print.fmt.ics"), En: c.T("print.fmt.ics")})
	}
	f.Choice("format", c.T("print.format"), opts, "pdf", true)
	f.Check("cpr", c.T("print.fullCPR"), false)
	f.OnSave = func(f *Form) (tea.Cmd, error) {
		name, err := v.print(r, f.Chosen("format"), f.Checked("cpr"))
		if err != nil {
			return nil, err
		}
		return tea.Batch(pop, push(v.printedScreen(name, f.Checked("cpr") && f.Chosen("format") != "ics")), status(c.T("print.done", name))), nil
	}
	return push(f)
}

// print makes row r's printout in format, logs it, then saves it in the
// outbox; it returns the file's name. A printout that cannot be logged
// is not made.
func (v *CaseView) print(r docRow, format string, fullCPR bool) (string, error) {
	c := v.c
	cs := v.cs
	p := printDocs[r.kind]
	n := 0
	switch r.kind {
	case "meeting", "consent":
		n = r.i + 1
	case "agreement":
		n = r.ver // 0: the one in force
	}
	if format == "ics" {
		fullCPR = false // no CPR in a calendar, ever
	}
	out, err := forms.Render(&cs, p.id, n, format, forms.PrintOptions{Lang: c.langCode(), FullCPR: fullCPR, Date: c.Today()}, c.Now())
	if err != nil {
		return "", err
	}
	detail := forms.PrintDetail(p.id, format, fullCPR)
	if err := c.Store.LogAccess(c.User, "print", cs.ID, detail); err != nil {
		return "", errors.New(c.T("print.notLogged", err))
	}
	name := printFileName(&cs, r, c.Today(), format, fullCPR)
	where, err := c.Outbox.Save(name, func(w io.Writer) error {
		_, err := w.Write(out)
		return err
	})
	if err != nil {
		return "", c.storeError(err)
	}
	return filepath.Base(where), nil
}

// printedScreen says where the printout went and how to fetch it.
func (v *CaseView) printedScreen(name string, fullCPR bool) Screen {
	c := v.c
	hint := c.Outbox.Hint(name)
	return newTextScreen(c, c.T("print.doneTitle", v.id), func(w int) []string {
		st := c.Styles
		lines := []string{v.citizenLine(), "", st.Bold.Render(c.T("print.fetch"))}
		// The command or path unbroken where it fits: it is copied.
		lines = append(lines, strings.Split(wrap(model.CleanLine(hint), max(w, 20)), "\n")...)
		lines = append(lines, "")
		if fullCPR {
			lines = append(lines, st.Error.Render(c.T("print.full")))
		} else {
			lines = append(lines, c.T("print.masked"))
		}
		return append(lines, c.T("print.logged"))
	})
}
