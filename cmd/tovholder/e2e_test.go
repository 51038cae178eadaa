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
