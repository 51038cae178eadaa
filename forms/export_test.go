package forms

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tovholder/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with testdata/NAME, or writes it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./forms -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

var printDate = model.MakeDate(2026, 10, 2)

// Each document of the fixture, to Markdown and HTML, in Danish; the
// agreement in English too.
func TestExportGolden(t *testing.T) {
	for _, lang := range []string{"da", "en"} {
		for _, d := range Documents {
			if lang == "en" && d.ID != "agreement" {
				continue
			}
			c := fixtureCase(t)
			rec, err := Record(&c, d.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			if probs := d.Validate(rec); len(probs) > 0 {
				t.Errorf("%s: the fixture does not validate: %v", d.ID, probs)
			}
			p := Layout(d, rec, &c, PrintOptions{Lang: lang, Date: printDate})
			golden(t, d.ID+"."+lang+".md", p.Markdown())
			golden(t, d.ID+"."+lang+".html", p.HTML())
		}
	}
}

// The CPR number is masked unless asked for in full; the header has the
// citizen's name and the printout's date.
func TestExportCPR(t *testing.T) {
	c := fixtureCase(t)
	rec, _ := Record(&c, "consent", 0)
	for _, full := range []bool{false, true} {
		p := Layout(ConsentDoc, rec, &c, PrintOptions{FullCPR: full, Date: printDate})
		for _, out := range [][]byte{p.Markdown(), p.HTML()} {
			s := string(out)
			hasFull := strings.Contains(s, "150285-1235") || strings.Contains(s, "1502851235")
			if hasFull != full || !strings.Contains(s, "150285-") || !strings.Contains(s, "Søren Ærø Åsen") || !strings.Contains(s, "2026-10-02") {
				t.Errorf("full %v:\n%s", full, s)
			}
			if !full && !strings.Contains(s, "150285-••••") {
				t.Errorf("not masked as DDMMYY-••••:\n%s", s)
			}
		}
	}
}

// The HTML page stands alone: no scripts, no links out, A4.
func TestHTMLSelfContained(t *testing.T) {
	c := fixtureCase(t)
	rec, _ := Record(&c, "agenda", 0)
	s := string(Layout(AgendaDoc, rec, &c, PrintOptions{}).HTML())
	for _, bad := range []string{"<script", "<link", "http://", "https://", "src=", "@import"} {
		if strings.Contains(s, bad) {
			t.Errorf("the page holds %s", bad)
		}
	}
	if !strings.Contains(s, "@page { size: A4") {
		t.Error("no @page A4")
	}
}

func TestRecord(t *testing.T) {
	c := fixtureCase(t)
	if r, err := Record(&c, "agreement", 1); err != nil || r.(*model.Agreement).Saved != model.MakeDate(2026, 9, 10) {
		t.Errorf("version 1: %v", err)
	}
	if r, err := Record(&c, "agreement", 0); err != nil || r.(*model.Agreement).Saved != model.MakeDate(2026, 9, 20) {
		t.Errorf("the latest: %v", err)
	}
	for _, bad := range []struct {
		doc string
		n   int
	}{{"agreement", 3}, {"agenda", 2}, {"letter", 0}, {"consent", -1}} {
		if _, err := Record(&c, bad.doc, bad.n); err == nil {
			t.Errorf("%s %d: no error", bad.doc, bad.n)
		}
	}
	empty := model.Case{ID: "K-9"}
	for _, d := range DocumentIDs() {
		if _, err := Record(&empty, d, 0); err == nil || !strings.Contains(err.Error(), "K-9 has no") {
			t.Errorf("%s of an empty case: %v", d, err)
		}
	}
}
