package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDeskDocuments: on a case, keyboard only, the network map, an
// agreement with two goals and a coordinating meeting whose summary row
// is a task; the case's deadlines show both goals' follow-up dates and the
// task's due date; the agreement prints to a PDF with the CPR number
// masked; the queue has the case's next of them.
func TestDeskDocuments(t *testing.T) {
	t.Parallel()
	d, bin, dbPath := deskOnCaseload(t, 100, 30)
	d.keys("Enter")
	d.waitFor("Sag K-2026-0001")
	d.keys("D")
	d.waitFor("Dokumenter · K-2026-0001")

	// The network map: the mother in the private network, first.
	d.keys("Enter")
	d.waitForAll("Netværkskort · K-2026-0001", "Egen læge")
	d.keys("Right", "Right")
	d.typeText("Mor")
	d.keys("Enter")
	d.waitLine("Privat netv", "Mor")
	d.keys("C-s")
	d.waitForAll("Dokumenter · K-2026-0001", "opdateret")

	// The agreement: the dialogue, then two goals with follow-up dates.
	d.keys("Down", "Enter")
	d.waitFor("Samarbejdsaftale · K-2026-0001")
	d.keys("Tab")
	d.typeText("Hjemme hos borgeren")
	d.keys("C-s")
	d.waitFor("Mål · K-2026-0001")
	d.keys("C-n")
	d.waitFor("Række 1 af 1")
	d.typeText("Jeg vil have min egen bolig")
	d.keys("Enter", "Tab", "Tab", "Tab", "Tab")
	d.typeText("15/1")
	d.keys("Enter")
	d.waitLine("Jeg vil have min", "2027-01-15")
	d.keys("C-n")
	d.typeText("Jeg vil i praktik")
	d.keys("Enter", "Tab", "Tab", "Tab", "Tab")
	d.typeText("1/3")
	d.keys("Enter")
	d.waitLine("Jeg vil i prak", "2027-03-01")
	d.keys("C-s")
	d.waitForAll("Dokumenter · K-2026-0001", "1 versioner")

	// A coordinating meeting: the date, no one from outside, and the
	// summary row's decision as a task for anne.
	d.keys("Down", "Enter")
	d.waitFor("Møde")
	d.typeText("10/12")
	d.keys("C-s")
	d.waitFor("Deltagere")
	d.keys("C-s")
	d.waitFor("Dagsorden 2026-12-10")
	for i := 0; i < 10; i++ {
		d.keys("Down")
	}
	d.waitLine(">", "Opsamling")
	d.keys("Right", "Right", "Right", "Right")
	d.typeText("Anne ringer til boligforeningen") // a long cell: its own editor, tab keeps it
	d.keys("Tab")
	d.waitLine(">", "Beslutning", "Anne ringer til boligforeningen")
	d.keys("Tab")
	d.typeText("anne")
	d.keys("Enter", "Tab")
	d.typeText("15/12")
	d.keys("Enter")
	d.waitLine("Anne ringer til boligforeningen")
	d.keys("C-s")
	d.waitForAll("Dokumenter · K-2026-0001", "2026-12-10")

	// p prints the agreement into the outbox beside the database, the
	// CPR number masked; the screen says where it went.
	d.keys("g", "Down")
	d.waitLine(">", "versioner")
	d.keys("p")
	d.waitFor("Udskriv Samarbejdsaftale · K-2026-0001")
	d.keys("C-s")
	s := d.waitForAll("Udskrift · ", "CPR-nummeret er skjult")
	printed := filepath.Join(dbPath+".outbox", "K-2026-0001-samarbejdsaftale-2026-11-25.pdf")
	if !strings.Contains(s, "K-2026-0001-samarbejdsaftale-2026-11-25.pdf") {
		t.Errorf("the screen does not say where the printout went:\n%s", s)
	}
	if fi, err := os.Stat(printed); err != nil || fi.Size() == 0 || fi.Mode().Perm() != 0o600 {
		t.Errorf("the printout %s: %v, %v", printed, fi, err)
	}
	d.keys("Escape")
	d.waitFor("Dokumenter · K-2026-0001")

	// Back on the case: the deadlines the documents made.
	d.keys("Escape")
	s = d.waitFor("Sag K-2026-0001")
	for _, want := range [][]string{{"2027-01-15", "Jeg vil have min egen bolig"}, {"2027-03-01", "Jeg vil i praktik"}, {"2026-12-15", "Anne ringer"}} {
		if lineWith(s, want...) == "" {
			t.Errorf("the case's deadlines have no %q:\n%s", want, s)
		}
	}
	d.keys("Escape")
	d.waitFor("Visning: alle åbne sager")
	d.keys("q")
	d.waitFor("EXITED 0")

	if log := runBin(t, bin, "audit", "--db", dbPath, "--case", "K-2026-0001"); lineWith(log, "anne", "print", "agreement pdf") == "" {
		t.Errorf("the access log has no printout:\n%s", log)
	}

	// The queue has the case by its next deadline; export has every date.
	exported := exportedCase(t, exportCases(t, bin, dbPath), "K-2026-0001")
	if len(exported.Goals) != 2 || exported.Goals[0].FollowUp.String() != "2027-01-15" || exported.Goals[1].FollowUp.String() != "2027-03-01" {
		t.Errorf("goals %+v", exported.Goals)
	}
	if n := len(exported.Tasks); n == 0 || exported.Tasks[n-1].Owner != "anne" || exported.Tasks[n-1].Due.String() != "2026-12-15" {
		t.Errorf("tasks %+v", exported.Tasks)
	}
	if q := queueJSON(t, bin, dbPath); !strings.Contains(q, `"K-2026-0001"`) {
		t.Errorf("the queue lost the case:\n%s", q)
	}

	// The agreement printed: the goals in it, the CPR number masked.
	pdf := filepath.Join(t.TempDir(), "aftale.pdf")
	runBin(t, bin, "print", "--db", dbPath, "--case", "K-2026-0001", "--doc", "agreement", "--format", "pdf", "--out", pdf)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is needed (poppler-utils)")
		}
		t.Skip("pdftotext is missing")
	}
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"Åse Fiktivsen", "Jeg vil have min egen bolig", "Jeg vil i praktik", "010190-"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF has no %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "0101901234") {
		t.Errorf("the PDF has the CPR number in full")
	}
}
