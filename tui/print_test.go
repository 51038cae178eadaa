package tui

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tovholder/db"
	"tovholder/model"
)

// dirBox is an outbox in a directory, as the local desk's.
type dirBox struct{ dir string }

func (b dirBox) Save(name string, write func(io.Writer) error) (string, error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return "", err
	}
	p := filepath.Join(b.dir, name)
	return p, os.WriteFile(p, buf.Bytes(), 0o600)
}

func (b dirBox) Hint(name string) string { return filepath.Join(b.dir, name) }

// printLog is the store's access log entries of printouts.
func printLog(t *testing.T, st *db.Store) []string {
	t.Helper()
	var out []string
	if err := st.Audit(func(e db.AuditEntry) bool {
		if e.Action == "print" {
			out = append(out, e.User+" "+e.Case+" "+e.Detail)
		}
		return true
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPrintConsent(t *testing.T) {
	c := newTestCommon(t, Danish)
	dir := t.TempDir()
	c.Outbox = dirBox{dir}
	a := docsOpen(t, c)
	// Nothing to print on an empty network map.
	a = send(t, a, keys("p")...)
	if _, ok := a.top().(*docsScreen); !ok || !strings.Contains(a.status.text, "udfyldt") {
		t.Fatalf("p on an empty map: top %T, status %q", a.top(), a.status.text)
	}
	// A consent, then print it as Markdown, CPR masked.
	a = send(t, a, keys("G enter")...)
	a = send(t, a, keys("tab tab space")...)
	a = send(t, a, tabs(14)...)
	a = send(t, a, keys("right ctrl+s")...)
	a = send(t, a, keys("G k p")...)
	if _, ok := a.top().(*Form); !ok {
		t.Fatalf("p on a consent: top %T, status %q", a.top(), a.status.text)
	}
	a = send(t, a, keys("left left ctrl+s")...)
	name := "K-2026-0008-samtykke-2026-11-25.md"
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatalf("%v; status %q, files %v", err, a.status.text, ls(dir))
	}
	if !strings.Contains(string(b), "070777-••••") || strings.Contains(string(b), "0707771231") || strings.Contains(string(b), "070777-1231") {
		t.Errorf("the CPR is not masked:\n%s", b)
	}
	if v := a.View(); !strings.Contains(v, filepath.Join(dir, name)) && !strings.Contains(v, name) {
		t.Errorf("the screen does not say where:\n%s", v)
	}
	if got := printLog(t, c.Store); len(got) != 1 || got[0] != "anne K-2026-0008 consent md" {
		t.Errorf("log: %q", got)
	}
	// Back to the documents; again in full, as PDF (the default).
	a = send(t, a, keys("esc")...)
	if _, ok := a.top().(*docsScreen); !ok {
		t.Fatalf("top %T after the printout", a.top())
	}
	a = send(t, a, keys("p left tab space ctrl+s")...)                                   // HTML, CPR in full
	b, err = os.ReadFile(filepath.Join(dir, "K-2026-0008-samtykke-cpr-2026-11-25.html")) // -cpr: the name says what the paper holds
	if err != nil {
		t.Fatalf("%v; status %q, files %v", err, a.status.text, ls(dir))
	}
	if !strings.Contains(string(b), "070777-1231") {
		t.Errorf("the CPR is not in full")
	}
	if got := printLog(t, c.Store); len(got) != 2 || got[1] != "anne K-2026-0008 consent html, CPR in full" {
		t.Errorf("log: %q", got)
	}
	if !strings.Contains(a.View(), "fuld længde") {
		t.Errorf("no warning about the full CPR:\n%s", a.View())
	}
	a = send(t, a, keys("esc p ctrl+s")...)
	if _, err := os.Stat(filepath.Join(dir, "K-2026-0008-samtykke-2026-11-25.pdf")); err != nil {
		t.Errorf("pdf: %v; status %q", err, a.status.text)
	}
}

// A printout that cannot be logged is not made.
func TestPrintNotLoggedNotMade(t *testing.T) {
	c := newTestCommon(t, Danish)
	dir := t.TempDir()
	c.Outbox = dirBox{dir}
	a := docsOpen(t, c)
	a = send(t, a, keys("G enter tab tab space")...)
	a = send(t, a, tabs(14)...)
	a = send(t, a, keys("right ctrl+s G k p")...)
	c.Store.Close()
	a = send(t, a, keys("ctrl+s")...)
	if _, ok := a.top().(*Form); !ok || !a.status.err {
		t.Errorf("top %T, status %+v", a.top(), a.status)
	}
	if got := ls(dir); len(got) != 0 {
		t.Errorf("files made: %v", got)
	}
}

func ls(dir string) []string {
	es, _ := os.ReadDir(dir)
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// p on the agreement's versions prints the version under the cursor, and
// the file says which.
func TestPrintOlderAgreementVersion(t *testing.T) {
	c := newTestCommon(t, Danish)
	dir := t.TempDir()
	c.Outbox = dirBox{dir}
	for i, title := range []string{"Første mål", "Andet mål"} {
		if err := storeEdit(c, "K-2026-0008", "bo", func(cs *model.Case) (string, error) {
			cs.SaveAgreement(model.Agreement{Goals: []model.Goal{{Title: title, FollowUp: td("2027-01-15")}}}, td("2026-11-2"+string(rune('0'+i))), "bo")
			return "", nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	a := docsOpen(t, c)
	a = send(t, a, keys("j v j p")...) // the versions, newest first: the older one
	if _, ok := a.top().(*Form); !ok {
		t.Fatalf("p on a version: top %T, status %q", a.top(), a.status.text)
	}
	a = send(t, a, keys("left ctrl+s")...) // HTML
	name := "K-2026-0008-samarbejdsaftale-version-1-2026-11-25.html"
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatalf("%v; status %q", err, a.status.text)
	}
	if !strings.Contains(string(b), "Første mål") || strings.Contains(string(b), "Andet mål") {
		t.Errorf("the printout is not the older version")
	}
}

// A file name holds the case id only as far as it is safe in a file name
// and an scp command, and says -cpr when the CPR number is in full.
func TestPrintFileName(t *testing.T) {
	cs := &model.Case{ID: "K/2026 9æ", Agreements: []model.Agreement{{}}}
	if got := printFileName(cs, docRow{kind: "agreement"}, td("2026-11-25"), "pdf", true); got != "K_2026_9_-samarbejdsaftale-cpr-2026-11-25.pdf" {
		t.Errorf("%q", got)
	}
}
