package forms

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pdfText is the text pdftotext reads from a PDF; the test is skipped
// without pdftotext, except in CI (CI=true), where it must be there.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing (poppler-utils); .ci/run installs it")
		}
		t.Skip("pdftotext is missing (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// Every document prints to PDF with its Danish letters, the masked CPR
// number, its fields and signature lines where it has them.
func TestPDFText(t *testing.T) {
	want := map[string][]string{
		"networkmap": {"Netværkskort", "Privat netværk", "Birthe Åsen", "Lægehuset Ølby", "Sundhed og behandling"},
		"agreement":  {"Samarbejdsaftale", "Få styr på huslejen", "Opfølgningsdato", "2026-11-01", "Glemte første tid.", "Underskrift: Borger", "Underskrift: Fremskudt sagsbehandler"},
		"agenda":     {"Dagsorden til koordinerende møde", "Huslejerestance", "Anne kontakter boligforeningen", "40 af 60 minutter", "Sidste frist for punkter"},
		"consent":    {"Samtykke til udveksling af oplysninger", "Egen læge", "Jobcenter", "Søster Birthe", "Underskrevet på papir", "Underskrift: Borger"},
	}
	for _, d := range Documents {
		c := fixtureCase(t)
		rec, _ := Record(&c, d.ID, 0)
		var buf bytes.Buffer
		if err := Layout(d, rec, &c, PrintOptions{Date: printDate}).PDF(&buf); err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, buf.Bytes())
		flat := strings.Join(strings.Fields(text), " ")
		for _, s := range append(want[d.ID], "Søren Ærø Åsen", "150285-••••", "2026-10-02", "K-2026-0101") {
			if !strings.Contains(flat, s) {
				t.Errorf("%s: the PDF's text lacks %q:\n%s", d.ID, s, text)
			}
		}
		if strings.Contains(flat, "1235") {
			t.Errorf("%s: the PDF holds the CPR number's last digits", d.ID)
		}
	}
	c := fixtureCase(t)
	rec, _ := Record(&c, "consent", 0)
	var buf bytes.Buffer
	if err := Layout(ConsentDoc, rec, &c, PrintOptions{FullCPR: true, Lang: "en"}).PDF(&buf); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, buf.Bytes()); !strings.Contains(text, "150285-1235") || !strings.Contains(text, "Consent to exchange information") {
		t.Errorf("--cpr in English:\n%s", text)
	}
}
