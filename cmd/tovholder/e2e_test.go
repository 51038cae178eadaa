package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tovholder/model"
)

// tmuxDesk drives the real binary in a real terminal: tmux gives it a
// pseudo-terminal of a fixed size, send-keys types, capture-pane reads the
// screen as a person sees it.
type tmuxDesk struct {
	t       *testing.T
	session string
	sock    string
}

// needTmux skips without tmux, except in CI, where its absence is a failure.
func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is required in CI (.ci/run installs it)")
		}
		t.Skip("tmux not installed")
	}
}

// buildBinary builds tovholder once per test binary run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "tovholder")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func startDesk(t *testing.T, w, h int, args ...string) *tmuxDesk {
	t.Helper()
	needTmux(t)
	d := &tmuxDesk{t: t, session: fmt.Sprintf("e2e%d", time.Now().UnixNano()), sock: filepath.Join(t.TempDir(), "tmux.sock")}
	cmd := strings.Join(quoteAll(args), " ")
	// TERM and a UTF-8 locale so Danish letters and box characters render.
	d.tmux("new-session", "-d", "-s", d.session, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h),
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 "+cmd+"; echo EXITED $?; sleep 30")
	t.Cleanup(func() { exec.Command("tmux", "-S", d.sock, "kill-server").Run() })
	return d
}

func quoteAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return out
}

func (d *tmuxDesk) tmux(args ...string) string {
	d.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", d.sock}, args...)...).CombinedOutput()
	if err != nil {
		d.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// keys sends tmux key names (Enter, Escape, Tab, C-s, Down, …).
func (d *tmuxDesk) keys(names ...string) {
	d.t.Helper()
	d.tmux(append([]string{"send-keys", "-t", d.session}, names...)...)
}

// typeText types literal text, Danish letters included.
func (d *tmuxDesk) typeText(s string) {
	d.t.Helper()
	d.tmux("send-keys", "-t", d.session, "-l", s)
}

func (d *tmuxDesk) screen() string { return d.tmux("capture-pane", "-p", "-t", d.session) }

// waitFor polls the screen until it shows want, or fails after 10 s.
func (d *tmuxDesk) waitFor(want string) string {
	d.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := d.screen()
		if strings.Contains(s, want) {
			return s
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("the screen never showed %q; it shows:\n%s", want, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// exportCases reads the database through the binary, as a user would.
func exportCases(t *testing.T, bin, dbPath string) []model.Case {
	t.Helper()
	out, err := exec.Command(bin, "export", "--db", dbPath).Output()
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	cases, err := model.DecodeFile(out)
	if err != nil {
		t.Fatalf("export does not decode: %v", err)
	}
	return cases
}

func writeCases(t *testing.T, cases []model.Case) string {
	t.Helper()
	var buf bytes.Buffer
	if err := model.EncodeFile(&buf, cases); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cases.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDeskQueueInTerminal opens the desk on a small database and checks
// the queue: order, masked CPR, search, English, quitting.
func TestDeskQueueInTerminal(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	dbPath := filepath.Join(t.TempDir(), "desk.db")
	r := true
	cases := []model.Case{
		{ID: "K-1", Citizen: model.Citizen{Name: "Åse Fiktivsen", CPR: "0101901234"}, Events: []model.Event{
			{Type: model.Assigned, Date: mustDate("2026-11-17"), To: "anne"}}},
		{ID: "K-2", Citizen: model.Citizen{Name: "Bjørn Prøvesen", CPR: "1502851235"}, Events: []model.Event{
			{Type: model.Assigned, Date: mustDate("2026-11-23"), To: "bo"},
			{Type: model.ContactAttempt, Date: mustDate("2026-11-24"), Channel: "phone", Reached: &r}}},
	}
	if out, err := exec.Command(bin, "import", "--db", dbPath, writeCases(t, cases)).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	d := startDesk(t, 100, 30, bin, "--db", dbPath, "--today", "2026-11-25", "--user", "anne")
	s := d.waitFor("Åse Fiktivsen")
	if strings.Contains(s, "0101901234") || strings.Contains(s, "010190-1234") || !strings.Contains(s, "010190-••••") {
		t.Errorf("the queue must show the CPR masked:\n%s", s)
	}
	if strings.Index(s, "Åse") > strings.Index(s, "Bjørn") {
		t.Errorf("Åse's contact deadline (19/11, overdue) comes before Bjørn's first meeting (2/12):\n%s", s)
	}
	d.keys("/")
	d.typeText("bjørn")
	s = d.waitFor("1–1 af 1")
	if strings.Contains(s, "Åse") {
		t.Errorf("search for bjørn still shows Åse:\n%s", s)
	}
	// A terminal reads ESC and a letter sent together as Alt+letter, so
	// wait for esc to take effect, as a person sees it, before q.
	d.keys("Escape")
	d.waitFor("1–2 af 2")
	d.keys("q")
	d.waitFor("EXITED 0")

	d = startDesk(t, 80, 24, bin, "--db", dbPath, "--today", "2026-11-25", "--lang", "en")
	d.waitFor("Contact the")
	d.keys("C-c")
	d.waitFor("EXITED 0")
}

func mustDate(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestDeskReferralToContact is a caseworker's first path through the desk,
// keyboard only, in a real terminal: type a referral with its screening,
// triage and assign it, log a contact attempt; then check the screen and
// the database.
func TestDeskReferralToContact(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	dbPath := filepath.Join(t.TempDir(), "desk.db")
	d := startDesk(t, 100, 30, bin, "--db", dbPath, "--today", "2026-11-25", "--user", "anne")
	d.waitFor("Ingen sager i denne visning")

	// The referral: contact block, referral, screening.
	d.keys("n")
	d.waitFor("Ny henvendelse")
	d.typeText("Søren Ærø Ågård")
	d.keys("Tab", "Tab", "Tab", "Tab") // address, phone, e-mail: left empty
	d.typeText("100501-4234")          // 25 years old on the referral date
	d.keys("Tab", "Tab", "Tab")        // no birth date (the CPR number has it); the date stays "i dag"
	d.typeText("bol")                  // who refers: found by typing
	d.waitFor("Boligforeninger")
	d.keys("Tab")
	d.typeText("Kim Ægidius")
	d.keys("Tab", "Tab", "Space") // received by stays anne; tick category 1, first box
	d.keys("Tab", "Tab", "Tab", "Space")
	d.waitFor("kategori 2: 1 i 1 emne")
	d.keys("Tab", "Tab", "Tab", "Space")
	s := d.waitFor("I målgruppen efter reglen: ja")
	if !strings.Contains(s, "kategori 2: 2 i 2 emner") {
		t.Errorf("the live verdict should count 2 criteria in 2 topics:\n%s", s)
	}
	d.keys("C-s")
	d.waitFor("K-2026-0001")

	// Triage: accept and assign to anne.
	d.keys("t")
	d.waitFor("Søren Ærø Ågård")
	d.keys("a")
	d.waitFor("Første frist") // the form previews the first deadline once a worker is chosen
	d.keys("Right")
	d.waitFor("senest 2026-11-27")
	d.keys("C-s")
	d.waitFor("0 venter")
	d.keys("Escape")
	s = d.waitFor("Kontakt borgeren")
	if !strings.Contains(s, "Søren Ærø Ågård") || !strings.Contains(s, "100501-••••") {
		t.Errorf("the queue should show the new case with its CPR masked:\n%s", s)
	}

	// The case: log a contact attempt that reached the citizen.
	d.keys("Enter")
	d.waitFor("Frister")
	d.keys("c")
	d.waitFor("Kontaktforsøg")
	d.keys("Tab", "Right", "Tab", "Space", "Tab") // today; phone; reached
	d.typeText("Talte med Søren om økonomien")
	d.keys("C-s")
	s = d.waitFor("2026-12-02") // the note shows on the form too: wait for the case view's new deadline
	if !strings.Contains(s, "Første samtale") || !strings.Contains(s, "Talte med Søren") {
		t.Errorf("after reaching the citizen the first meeting is due WD(25/11, 5) = 2026-12-02:\n%s", s)
	}
	d.keys("Escape")
	d.waitFor("Første samtale")
	d.keys("q")
	d.waitFor("EXITED 0")

	// The database, read through the binary.
	cases := exportCases(t, bin, dbPath)
	if len(cases) != 1 {
		t.Fatalf("want 1 case, got %d", len(cases))
	}
	c := cases[0]
	if c.ID != "K-2026-0001" || c.Citizen.Name != "Søren Ærø Ågård" || c.Citizen.CPR != "1005014234" {
		t.Errorf("citizen: %+v", c.Citizen)
	}
	if c.Screening == nil || !c.Screening.Recommended || !c.Screening.InTargetGroup || len(c.Screening.Category1) != 1 || len(c.Screening.Category2) != 2 {
		t.Errorf("screening: %+v", c.Screening)
	}
	var types []string
	for _, e := range c.Events {
		types = append(types, string(e.Type))
	}
	if strings.Join(types, " ") != "referral_received assigned contact_attempt" {
		t.Fatalf("events: %v", types)
	}
	ref, asg, att := c.Events[0], c.Events[1], c.Events[2]
	if ref.Source != "housing_association" || ref.Referrer != "Kim Ægidius" || ref.Date.String() != "2026-11-25" {
		t.Errorf("referral: %+v", ref)
	}
	if asg.To != "anne" || asg.By != "anne" {
		t.Errorf("assignment: %+v", asg)
	}
	if att.Channel != "phone" || !att.IsReached() || att.Note != "Talte med Søren om økonomien" || att.By != "anne" {
		t.Errorf("contact attempt: %+v", att)
	}
	out, err := exec.Command(bin, "queue", "--db", dbPath, "--today", "2026-11-25", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"case":"K-2026-0001","due":"2026-12-02","rule":"first_meeting","overdue":false}]`; strings.TrimSpace(string(out)) != want {
		t.Errorf("queue --json:\n got %s\nwant %s", out, want)
	}
}
