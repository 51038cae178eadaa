package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tovholder/db"
	"tovholder/model"
)

func init() {
	cliFlags["print"] = []string{"db", "config", "user", "case", "doc", "format", "out", "lang", "cpr", "meeting", "version"}
}

// printSetup imports forms' fixture: one case with all four documents.
func printSetup(t *testing.T) (dir, dbPath string) {
	t.Helper()
	dir = t.TempDir()
	dbPath = filepath.Join(dir, "t.db")
	cliMustRun(t, "import", "--db", dbPath, "--user", "tester", filepath.Join("..", "..", "forms", "testdata", "documents.json"))
	return dir, dbPath
}

const printCase = "K-2026-0101"

// Every document in every format, end to end through run: the file is
// written, it is the document, and the access log names each printout.
func TestCLIPrint(t *testing.T) {
	dir, dbPath := printSetup(t)
	type want struct{ doc, format, has string }
	for _, w := range []want{
		{"networkmap", "md", "# Netværkskort"},
		{"networkmap", "html", "<h1>Netværkskort</h1>"},
		{"agreement", "md", "Søren Ærø Åsen"},
		{"agreement", "html", "Underskrift"},
		{"agenda", "md", "Huslejerestance"},
		{"agenda", "ics", "CLASS:PRIVATE"},
		{"consent", "html", "150285-••••"},
		{"consent", "pdf", "%PDF-"},
		{"agreement", "pdf", "%PDF-"},
	} {
		out := filepath.Join(dir, w.doc+"."+w.format)
		r := cliRun(t, "print", "--db", dbPath, "--user", "anne", "--case", printCase, "--doc", w.doc, "--format", w.format, "--out", out)
		if r.code != 0 || r.stdout != "" {
			t.Fatalf("print %s %s: exit %d, stdout %q, stderr %s", w.doc, w.format, r.code, r.stdout, r.stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil || !bytes.Contains(b, []byte(w.has)) {
			t.Errorf("%s %s: %v, lacks %q", w.doc, w.format, err, w.has)
		}
		if bytes.Contains(b, []byte("1502851235")) || bytes.Contains(b, []byte("150285-1235")) {
			t.Errorf("%s %s holds the full CPR number", w.doc, w.format)
		}
		if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v, not 0600", out, fi.Mode().Perm())
		}
	}
	audit := cliMustRun(t, "audit", "--db", dbPath, "--case", printCase)
	for _, s := range []string{"anne  print   K-2026-0101  networkmap md", "agenda ics", "consent pdf"} {
		if !strings.Contains(strings.Join(strings.Fields(audit), " "), strings.Join(strings.Fields(s), " ")) {
			t.Errorf("the access log lacks %q:\n%s", s, audit)
		}
	}
	// --cpr: in full, and the log says so; without --out, standard output.
	got := cliMustRun(t, "print", "--db", dbPath, "--user", "anne", "--case", printCase, "--doc", "consent", "--format", "md", "--cpr", "--lang", "en")
	if !strings.Contains(got, "150285-1235") || !strings.Contains(got, "# Consent to exchange information") {
		t.Errorf("--cpr --lang en:\n%s", got)
	}
	if audit := cliMustRun(t, "audit", "--db", dbPath); !strings.Contains(audit, "consent md, CPR in full") {
		t.Errorf("the log does not say the CPR was printed in full:\n%s", audit)
	}
	// Versions and meetings.
	v1 := cliMustRun(t, "print", "--db", dbPath, "--case", printCase, "--doc", "agreement", "--format", "md", "--version", "1")
	if !strings.Contains(v1, "**Version gemt:** 2026-09-10") || strings.Contains(v1, "Gå til lægen") {
		t.Errorf("--version 1:\n%s", v1)
	}
	for _, bad := range [][]string{
		{"--doc", "agreement", "--format", "ics"},
		{"--doc", "letter", "--format", "md"},
		{"--doc", "agenda", "--format", "doc"},
		{"--doc", "agenda", "--format", "md", "--meeting", "2"},
		{"--doc", "agreement", "--format", "md", "--version", "3"},
		{"--doc", "consent", "--format", "md", "--meeting", "1"},
		{"--format", "md"},
	} {
		r := cliRun(t, append([]string{"print", "--db", dbPath, "--case", printCase}, bad...)...)
		if r.code == 0 {
			t.Errorf("print %v: exit 0", bad)
		}
	}
	if r := cliRun(t, "print", "--db", dbPath, "--case", "K-nope", "--doc", "agenda", "--format", "md"); r.code == 0 {
		t.Error("an unknown case prints")
	}
}

// The PDF's text, through pdftotext: the Danish letters, the masked CPR.
func TestCLIPrintPDFText(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing (poppler-utils)")
		}
		t.Skip("pdftotext is missing")
	}
	dir, dbPath := printSetup(t)
	out := filepath.Join(dir, "aftale.pdf")
	cliMustRun(t, "print", "--db", dbPath, "--case", printCase, "--doc", "agreement", "--format", "pdf", "--out", out)
	text, err := exec.Command(bin, "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Søren Ærø Åsen", "150285-••••", "Samarbejdsaftale", "Få styr på huslejen", "Underskrift: Borger"} {
		if !strings.Contains(string(text), s) {
			t.Errorf("the PDF lacks %q:\n%s", s, text)
		}
	}
}

// No .ics file and no --redact export holds the CPR number or its
// birth-date digits.
func TestCLINoCPRInICSOrRedacted(t *testing.T) {
	_, dbPath := printSetup(t)
	ics := cliMustRun(t, "print", "--db", dbPath, "--case", printCase, "--doc", "agenda", "--format", "ics", "--cpr")
	red := cliMustRun(t, "export", "--db", dbPath, "--redact")
	full := cliMustRun(t, "export", "--db", dbPath)
	if !strings.Contains(full, "1502851235") {
		t.Fatal("the full export lacks the CPR number: the test would prove nothing")
	}
	for name, s := range map[string]string{"ics": strings.ReplaceAll(ics, "\r\n ", ""), "export --redact": red} {
		for _, bad := range []string{"1502851235", "150285", "1235", "Søren", "Åsen"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s holds %q:\n%s", name, bad, s)
			}
		}
	}
}

// Over SSH the document comes on standard output, and the log says so.
func TestRemotePrint(t *testing.T) {
	_, dbPath := printSetup(t)
	st, err := openDB(dbPath, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out, errb bytes.Buffer
	e := env{st: st, who: model.Actor{Name: "bo", Role: model.Caseworker}, remote: true,
		now: func() time.Time { return time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC) }, std: stdio{in: strings.NewReader(""), out: &out, err: &errb}}
	if code := runRemote(remoteCommands, []string{"print", "--case", printCase, "--doc", "agreement", "--format", "md"}, e); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "# Samarbejdsaftale") || !strings.Contains(out.String(), "**Dato:** 2026-10-02") {
		t.Errorf("over SSH:\n%s", out.String())
	}
	errb.Reset()
	if code := runRemote(remoteCommands, []string{"print", "--case", printCase, "--doc", "agreement", "--format", "md", "--out", "x.md"}, e); code == 0 {
		t.Error("--out over SSH is taken")
	}
	entries, err := st.History(printCase)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range entries {
		found = found || (a.User == "bo" && a.Action == "print" && a.Detail == "agreement md, over SSH")
	}
	if !found {
		t.Errorf("no access-log entry for the printout over SSH: %+v", entries)
	}
}
