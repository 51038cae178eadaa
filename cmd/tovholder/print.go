package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"tovholder/forms"
	"tovholder/model"
)

// print is registered here, beside its job, in both command tables.
func init() {
	commands["print"] = command{
		run:      cmdPrint,
		synopsis: printSynopsis,
		summary:  "print a case's document: network map, agreement, agenda or consent",
		about: `Prints one of a case's documents to Markdown, a printable A4 HTML page or
PDF, to hand to the citizen; the agenda also to an iCalendar file (ics) to
invite the participants from Outlook. The header has the citizen's name and
today's date; the CPR number is masked (DDMMYY-••••) unless --cpr asks for
it in full. The agreement and the consent end with signature lines. The
.ics file holds no CPR number, no health detail and not the citizen's name,
and is CLASS:PRIVATE: team calendars are widely read.

--version picks an agreement version or a consent (1 is the first; default
the latest), --meeting a meeting (default the latest). Without --out the
document goes to standard output. Every printout is written in the access
log first (tovholder audit): a printout that cannot be logged is not made.
Over SSH: ssh -p 2222 HOST print --case ID --doc DOC --format FMT > FILE`,
		example: "tovholder print --db cases.db --case K-2026-0042 --doc agreement --format pdf --out aftale.pdf\n" +
			"tovholder print --db cases.db --case K-2026-0042 --doc agenda --format ics --out moede.ics",
	}
	commandOrder = append(commandOrder, "print")
	remoteCommands["print"] = remoteCommand{
		job:      func() job { return new(printJob) },
		synopsis: "print --case ID --doc networkmap|agreement|agenda|consent --format md|html|pdf|ics [--cpr] [--meeting N] [--version N] [--lang da|en]",
		summary:  "a case's document on standard output (md, html, pdf, ics); logged",
		about: `Writes one of a case's documents on standard output, as tovholder print
does: redirect it into a file. The printout is logged naming you.`,
	}
	remoteOrder = append(remoteOrder, "print")
}

const printSynopsis = "print --db FILE --case ID --doc networkmap|agreement|agenda|consent --format md|html|pdf|ics [--cpr] [--meeting N] [--version N] [--lang da|en] [--out FILE]"

func cmdPrint(args []string, std stdio) error {
	return runLocal("print", new(printJob), args, std, "tovholder "+printSynopsis)
}

// printJob is print's work, locally and over SSH.
type printJob struct {
	caseID, doc, format, out, lang string
	fullCPR                        bool
	meeting, version               int
}

var printFormats = []string{"md", "html", "pdf", "ics"}

func (j *printJob) define(fs *flag.FlagSet) {
	fs.StringVar(&j.caseID, "case", "", "the case, by `ID` (default: none; required)")
	fs.StringVar(&j.doc, "doc", "", "the document, `networkmap|agreement|agenda|consent` (default: none; required)")
	fs.StringVar(&j.format, "format", "pdf", "`md|html|pdf|ics` (ics: the agenda only)")
	fs.StringVar(&j.out, "out", "", "write to `FILE` (default: standard output)")
	fs.StringVar(&j.lang, "lang", "da", "the printout's language, `da|en`")
	fs.BoolVar(&j.fullCPR, "cpr", false, "print the CPR number in full (default: masked, DDMMYY-••••)")
	fs.IntVar(&j.meeting, "meeting", 0, "the agenda of meeting `N`, 1 the first (default: the latest)")
	fs.IntVar(&j.version, "version", 0, "agreement version or consent `N`, 1 the first (default: the latest)")
}

func (j *printJob) check(pos []string, remote bool) error {
	if len(pos) > 0 {
		return errExtraArgs
	}
	switch {
	case j.caseID == "":
		return errors.New("--case is required")
	case j.doc == "":
		return fmt.Errorf("--doc is required: %s", strings.Join(forms.DocumentIDs(), ", "))
	}
	if _, ok := forms.DocumentByID(j.doc); !ok {
		return fmt.Errorf("--doc: %q is not a document (%s)", j.doc, strings.Join(forms.DocumentIDs(), ", "))
	}
	if !slices.Contains(printFormats, j.format) {
		return fmt.Errorf("--format: %q is not one of %s", j.format, strings.Join(printFormats, ", "))
	}
	if j.format == "ics" && j.doc != "agenda" {
		return errors.New("--format ics is for the agenda (the meeting's invitation) only")
	}
	if j.lang != "da" && j.lang != "en" {
		return fmt.Errorf("--lang: %q is not da or en", j.lang)
	}
	if j.meeting < 0 || j.version < 0 {
		return errors.New("--meeting and --version count from 1")
	}
	if j.meeting > 0 && j.doc != "agenda" {
		return errors.New("--meeting is for the agenda")
	}
	if j.version > 0 && j.doc != "agreement" && j.doc != "consent" {
		return errors.New("--version is for the agreement and the consent")
	}
	if remote && j.out != "" {
		return errors.New("over SSH the document comes on standard output: ssh HOST print ... > FILE")
	}
	return nil
}

// writes: the printout is written in the access log.
func (j *printJob) writes() bool { return true }

func (j *printJob) run(e env) error {
	c, err := e.st.Case(j.caseID)
	if err != nil {
		return err
	}
	n := j.version
	if j.doc == "agenda" {
		n = j.meeting
	}
	if e.remote && e.tty && j.format == "pdf" {
		return errors.New("a PDF is a binary file: without a terminal, into a file: ssh HOST print ... > FILE.pdf")
	}
	d, _ := forms.DocumentByID(j.doc)
	now := e.now()
	out, err := forms.Render(&c, j.doc, n, j.format, forms.PrintOptions{Lang: j.lang, FullCPR: j.fullCPR, Date: model.DateOf(now.In(copenhagen()))}, now)
	if err != nil {
		return err
	}
	detail := forms.PrintDetail(j.doc, j.format, j.fullCPR)
	if e.remote {
		detail += ", over SSH"
	}
	if err := e.st.LogAccess(e.who.Name, "print", c.ID, detail); err != nil {
		return fmt.Errorf("the printout could not be logged, so it is not made: %w", err)
	}
	if j.out == "" {
		_, err := e.std.out.Write(out)
		return err
	}
	// Personal data: readable by its owner only.
	if err := os.WriteFile(j.out, out, 0o600); err != nil {
		return err
	}
	fmt.Fprintf(e.std.err, "%s %s of case %s written to %s\n", d.Title.In(j.lang), j.format, c.ID, j.out)
	return nil
}
