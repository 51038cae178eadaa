package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tovholder/model"
)

// The end-to-end tests drive the real binary in a real terminal: tmux
// gives it a pseudo-terminal of a fixed size, send-keys types, and
// capture-pane reads the screen as a person sees it.
//
// Rules every test here keeps, so that it passes on a busy machine:
//
//   - It waits on what the screen shows (waitFor and friends poll it),
//     never on time. Each wait is for something the step before changes:
//     waiting for text already on the screen proves nothing.
//   - Escape is sent alone (keys("Escape")) and its effect waited for
//     before the next key: a terminal reads ESC and what follows in one
//     read as one key (alt+letter, or a broken sequence).
//   - The database is read through the binary (export, queue, audit) only
//     after the desk has quit: the desk holds the file's lock.
//   - Each test has its own tmux server (socket), database and temporary
//     directory, so the tests run in parallel.

// screenTimeout is how long a wait for the screen may take before the test
// fails: long, because a loaded 2-core machine can stall a process for
// seconds; a passing test never waits that long.
const screenTimeout = 30 * time.Second

// tmuxDesk is one desk running in its own tmux server.
type tmuxDesk struct {
	t       *testing.T
	session string
	sock    string
	w, h    int
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

// built is the binary the tests of this run share: built by the first
// test that needs it, removed when the last test using it has ended.
var built struct {
	sync.Mutex
	dir, bin string
	users    int
}

// buildBinary builds tovholder once for the tests running at the same time.
func buildBinary(t *testing.T) string {
	t.Helper()
	built.Lock()
	defer built.Unlock()
	if built.bin == "" {
		dir, err := os.MkdirTemp("", "tovholder-e2e")
		if err != nil {
			t.Fatal(err)
		}
		bin := filepath.Join(dir, "tovholder")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			os.RemoveAll(dir)
			t.Fatalf("build: %v\n%s", err, out)
		}
		built.dir, built.bin = dir, bin
	}
	built.users++
	// Cleanups run last in, first out: every desk a test starts has been
	// stopped before this runs.
	t.Cleanup(func() {
		built.Lock()
		defer built.Unlock()
		if built.users--; built.users == 0 {
			os.RemoveAll(built.dir)
			built.dir, built.bin = "", ""
		}
	})
	return built.bin
}

// startDesk runs args (the binary and its flags) in a new tmux server of
// its own, in a window w columns by h lines.
func startDesk(t *testing.T, w, h int, args ...string) *tmuxDesk {
	t.Helper()
	needTmux(t)
	// A short directory of its own for the socket: a socket's path has a
	// length limit that a test's TempDir can exceed.
	dir, err := os.MkdirTemp("", "tmx")
	if err != nil {
		t.Fatal(err)
	}
	d := &tmuxDesk{t: t, session: "desk", sock: filepath.Join(dir, "s"), w: w, h: h}
	cmd := strings.Join(quoteAll(args), " ")
	// TERM and a UTF-8 locale so Danish letters and box characters render;
	// after the desk, its exit status stays on the screen.
	d.tmux("new-session", "-d", "-s", d.session, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h),
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 "+cmd+"; echo EXITED $?; sleep 600")
	t.Cleanup(func() {
		exec.Command("tmux", "-f", "/dev/null", "-S", d.sock, "kill-server").Run()
		os.RemoveAll(dir)
	})
	return d
}

func quoteAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return out
}

// tmux runs a tmux command on the desk's server; -f /dev/null keeps the
// user's own tmux configuration out.
func (d *tmuxDesk) tmux(args ...string) string {
	d.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-f", "/dev/null", "-S", d.sock}, args...)...).CombinedOutput()
	if err != nil {
		d.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// keys sends tmux key names (Enter, Escape, Tab, BTab, C-s, C-u, Down,
// Space, …) in ONE write to the terminal, as fast typing arrives. An
// argument that is not a key name is typed as text: keys("c", "Tab",
// "sms", "C-s"). Send Escape alone, then wait for its effect.
func (d *tmuxDesk) keys(names ...string) {
	d.t.Helper()
	for i, n := range names {
		if n == "Escape" && i < len(names)-1 {
			d.t.Fatalf("keys %q: send Escape alone and wait for its effect: with more keys behind it a terminal reads alt+key", names)
		}
	}
	d.tmux(append([]string{"send-keys", "-t", d.session}, names...)...)
}

// typeText types s literally, Danish letters included, in one write.
func (d *tmuxDesk) typeText(s string) {
	d.t.Helper()
	d.tmux("send-keys", "-t", d.session, "-l", s)
}

// send writes the bytes of s to the desk's terminal in ONE write, exactly
// as they are: what a fast typist, a paste without brackets or an SSH
// connection delivers in one read. Control bytes are keys: "\r" enter,
// "\t" tab, "\x13" ctrl+s, "\x15" ctrl+u, "\x7f" backspace; "\x1b[B" is
// down, "\x1b[Z" shift+tab. A lone escape is refused: send it with
// keys("Escape") and wait for its effect.
//
// Bubble Tea v1 reads such a run of letters as one key message with
// several runes; the desk must treat it as the keys it holds, in order.
func (d *tmuxDesk) send(s string) {
	d.t.Helper()
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && (i+1 >= len(s) || (s[i+1] != '[' && s[i+1] != 'O')) {
			d.t.Fatalf("send %q: an escape that starts no sequence; send Escape alone with keys", s)
		}
	}
	args := []string{"send-keys", "-t", d.session, "-H"}
	for i := 0; i < len(s); i++ {
		args = append(args, fmt.Sprintf("%02x", s[i]))
	}
	d.tmux(args...)
}

// screen is the window's text as a person sees it.
func (d *tmuxDesk) screen() string { return d.tmux("capture-pane", "-p", "-t", d.session) }

// waitUntil polls the screen until ok holds, or fails saying what.
func (d *tmuxDesk) waitUntil(what string, ok func(screen string) bool) string {
	d.t.Helper()
	deadline := time.Now().Add(screenTimeout)
	for {
		s := d.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("the screen never showed %s; it shows:\n%s", what, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitFor polls the screen until it shows want.
func (d *tmuxDesk) waitFor(want string) string {
	d.t.Helper()
	return d.waitUntil(fmt.Sprintf("%q", want), func(s string) bool { return strings.Contains(s, want) })
}

// waitForAll polls the screen until it shows every one of wants at once.
func (d *tmuxDesk) waitForAll(wants ...string) string {
	d.t.Helper()
	return d.waitUntil(fmt.Sprintf("all of %q", wants), func(s string) bool {
		for _, w := range wants {
			if !strings.Contains(s, w) {
				return false
			}
		}
		return true
	})
}

// waitForUnless is waitForAll that fails at once when the screen shows
// any of wrong: what only a wrong path leads to.
func (d *tmuxDesk) waitForUnless(wrong []string, wants ...string) string {
	d.t.Helper()
	var bad string
	s := d.waitUntil(fmt.Sprintf("all of %q", wants), func(s string) bool {
		for _, w := range wrong {
			if strings.Contains(s, w) {
				bad = w
				return true
			}
		}
		for _, w := range wants {
			if !strings.Contains(s, w) {
				return false
			}
		}
		return true
	})
	if bad != "" {
		d.t.Fatalf("the screen shows %q, never all of %q:\n%s", bad, wants, s)
	}
	return s
}

// waitGone polls the screen until it no longer shows gone.
func (d *tmuxDesk) waitGone(gone string) string {
	d.t.Helper()
	return d.waitUntil(fmt.Sprintf("no %q", gone), func(s string) bool { return !strings.Contains(s, gone) })
}

// waitLine polls the screen until one line holds every one of parts, and
// returns that line.
func (d *tmuxDesk) waitLine(parts ...string) string {
	d.t.Helper()
	var found string
	d.waitUntil(fmt.Sprintf("a line with all of %q", parts), func(s string) bool {
		found = lineWith(s, parts...)
		return found != ""
	})
	return found
}

// lineWith is the first line of screen that holds every one of parts, or "".
func lineWith(screen string, parts ...string) string {
next:
	for _, l := range strings.Split(screen, "\n") {
		for _, p := range parts {
			if !strings.Contains(l, p) {
				continue next
			}
		}
		return l
	}
	return ""
}

// helpLine is the bottom line of the window: the desk's short help.
func (d *tmuxDesk) helpLine(screen string) string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) >= d.h {
		return lines[d.h-1]
	}
	return lines[len(lines)-1]
}

// cursorLine is the case view's selected row: the line the > marks.
func cursorLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(l, ">") {
			return l
		}
	}
	return ""
}

// quit ends the desk with ctrl+c and waits for it to exit cleanly.
func (d *tmuxDesk) quit() {
	d.t.Helper()
	d.keys("C-c")
	d.waitFor("EXITED 0")
}

// runBin runs a command of the binary and returns its standard output.
func runBin(t *testing.T, bin string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("tovholder %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// importCases builds a database of cases through `tovholder import`.
func importCases(t *testing.T, bin string, cases []model.Case) string {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "desk.db")
	// As anne, the desk's user in these tests: the desk offers everyone in
	// the audit log as a caseworker, and the login name would be one more.
	runBin(t, bin, "import", "--db", dbPath, "--user", "anne", writeCases(t, cases))
	return dbPath
}

// exportCases reads the database through the binary, as a user would.
func exportCases(t *testing.T, bin, dbPath string) []model.Case {
	t.Helper()
	cases, err := model.DecodeFile([]byte(runBin(t, bin, "export", "--db", dbPath)))
	if err != nil {
		t.Fatalf("export does not decode: %v", err)
	}
	return cases
}

// exportedCase is one case of an export.
func exportedCase(t *testing.T, cases []model.Case, id string) model.Case {
	t.Helper()
	for _, c := range cases {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("the export has no case %s", id)
	return model.Case{}
}

// queueJSON is `queue --json` on the tests' fixed day.
func queueJSON(t *testing.T, bin, dbPath string) string {
	t.Helper()
	return strings.TrimSpace(runBin(t, bin, "queue", "--db", dbPath, "--today", "2026-11-25", "--json"))
}

// deskArgs are the binary and the flags every test gives the desk: a fixed
// day (Wednesday 25 November 2026) and user.
// deskOnCaseload starts the desk at w×h on a new database of the shared
// caseload, with more flags, and waits for its queue. The binary and the
// database are for the checks after.
func deskOnCaseload(t *testing.T, w, h int, more ...string) (d *tmuxDesk, bin, dbPath string) {
	t.Helper()
	needTmux(t)
	bin = buildBinary(t)
	dbPath = importCases(t, bin, caseload())
	d = startDesk(t, w, h, deskArgs(bin, dbPath, more...)...)
	d.waitFor("Åse Fiktivsen")
	return d, bin, dbPath
}

// contactAttempt records a contact attempt from the case view of id: c,
// the date typed unless it is "" (then today), the channel found by typing
// the start of its name (shown is how the form writes it), reached or not;
// it waits for the form to show all that, then saves. The caller waits
// for what the save changes.
func (d *tmuxDesk) contactAttempt(id, date, channel, shown string, reached bool) {
	d.t.Helper()
	d.keys("c")
	d.waitForAll("Kontaktforsøg · "+id, "Kanal *")
	want := []string{shown}
	if date != "" {
		d.keys("C-u", date)
		want = append(want, "→ "+mustParseShort(date))
	}
	d.keys("Tab", channel)
	if reached {
		d.keys("Tab", "Space")
		want = append(want, "[x] Borgeren blev truffet")
	}
	d.waitForAll(want...)
	d.keys("C-s")
}

// mustParseShort reads a day/month typed in November 2026 (the tests' today
// is 25/11/2026) as the form shows it.
func mustParseShort(dm string) string {
	var day, month int
	if _, err := fmt.Sscanf(dm, "%d/%d", &day, &month); err != nil {
		panic(err)
	}
	return fmt.Sprintf("2026-%02d-%02d", month, day)
}

func deskArgs(bin, dbPath string, more ...string) []string {
	return append([]string{bin, "--db", dbPath, "--today", "2026-11-25", "--user", "anne"}, more...)
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

func mustDate(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Events for fixtures.

func fxReferral(date string) model.Event {
	return model.Event{Type: model.ReferralReceived, Date: mustDate(date), Source: "doctor", Referrer: "Kim Fiktiv", ReceivedBy: "anne"}
}

func fxAssigned(date, to string) model.Event {
	return model.Event{Type: model.Assigned, Date: mustDate(date), To: to, By: "anne"}
}

func fxAttempt(date, channel string, reached bool) model.Event {
	return model.Event{Type: model.ContactAttempt, Date: mustDate(date), Channel: channel, Reached: &reached, By: "anne"}
}

func fxEvent(typ model.EventType, date string) model.Event {
	return model.Event{Type: typ, Date: mustDate(date), By: "anne"}
}

// caseload is a small desk's cases, dated around Wednesday 25 November
// 2026. The queue, by next deadline: Åse (contact, 19/11, overdue), Carl
// (contact, 26/11), Dorte (contact, 27/11), Bjørn (first meeting, 1/12),
// then the two referrals awaiting triage, Gitte (20/11) and Ivan (23/11),
// without a deadline. Hanne's case is closed, Rolf's rejected: in no
// queue view but the one of every case. The caseworkers holding cases are
// anne, bo and tove.
func caseload() []model.Case {
	citizen := func(name, cpr string) model.Citizen {
		return model.Citizen{Name: name, CPR: model.CPR(cpr), Address: "Prøvevej 1, 4000 Roskilde", Phone: "12345678"}
	}
	closed := fxEvent(model.Closed, "2026-06-15")
	closed.Reason = "no_contact"
	rejected := fxEvent(model.Rejected, "2026-11-12")
	rejected.Reason = "Bor i en anden kommune"
	return []model.Case{
		{ID: "K-2026-0001", Citizen: citizen("Åse Fiktivsen", "0101901234"), Events: []model.Event{
			fxReferral("2026-11-16"), fxAssigned("2026-11-17", "anne")}},
		{ID: "K-2026-0002", Citizen: citizen("Bjørn Prøvesen", "1502851235"), Events: []model.Event{
			fxReferral("2026-11-18"), fxAssigned("2026-11-23", "bo"), fxAttempt("2026-11-24", "phone", true)}},
		{ID: "K-2026-0003", Citizen: citizen("Carl Testesen", "0303831237"), Events: []model.Event{
			fxReferral("2026-11-20"), fxAssigned("2026-11-24", "tove")}},
		{ID: "K-2026-0004", Citizen: citizen("Dorte Eksempel", "0404941238"), Events: []model.Event{
			fxReferral("2026-11-23"), fxAssigned("2026-11-25", "anne")}},
		{ID: "K-2026-0005", Citizen: citizen("Hanne Lukket", "0606661239"), Events: []model.Event{
			fxReferral("2026-05-04"), fxAssigned("2026-05-05", "bo"), fxAttempt("2026-05-06", "letter", false),
			fxAttempt("2026-05-11", "phone", false), closed}},
		{ID: "K-2026-0006", Citizen: citizen("Rolf Afvist", "0707771230"), Events: []model.Event{
			fxReferral("2026-11-10"), rejected}},
		{ID: "K-2026-0007", Citizen: citizen("Gitte Venter", "0808881231"), Events: []model.Event{fxReferral("2026-11-20")}},
		{ID: "K-2026-0008", Citizen: citizen("Ivan Venter", "0909991232"), Events: []model.Event{fxReferral("2026-11-23")}},
	}
}

// TestDeskQueueInTerminal opens the desk on a small database and checks
// the queue: order, masked CPR, search, English, quitting.
func TestDeskQueueInTerminal(t *testing.T) {
	t.Parallel()
	needTmux(t)
	bin := buildBinary(t)
	r := true
	cases := []model.Case{
		{ID: "K-1", Citizen: model.Citizen{Name: "Åse Fiktivsen", CPR: "0101901234"}, Events: []model.Event{
			{Type: model.Assigned, Date: mustDate("2026-11-17"), To: "anne"}}},
		{ID: "K-2", Citizen: model.Citizen{Name: "Bjørn Prøvesen", CPR: "1502851235"}, Events: []model.Event{
			{Type: model.Assigned, Date: mustDate("2026-11-23"), To: "bo"},
			{Type: model.ContactAttempt, Date: mustDate("2026-11-24"), Channel: "phone", Reached: &r}}},
	}
	dbPath := importCases(t, bin, cases)
	d := startDesk(t, 100, 30, deskArgs(bin, dbPath)...)
	s := d.waitForAll("Åse Fiktivsen", "Bjørn Prøvesen")
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

// TestDeskReferralToContact is a caseworker's first path through the desk,
// keyboard only, in a real terminal: type a referral with its screening,
// triage and assign it, log a contact attempt; then check the screen and
// the database.
func TestDeskReferralToContact(t *testing.T) {
	t.Parallel()
	needTmux(t)
	bin := buildBinary(t)
	dbPath := filepath.Join(t.TempDir(), "desk.db")
	d := startDesk(t, 100, 30, deskArgs(bin, dbPath)...)
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
	// The status may show a moment before the form closes: wait for the queue.
	d.waitForAll("K-2026-0001", "Visning: alle åbne sager")

	// Triage: accept and assign to anne. The queue shows the citizen too:
	// wait for the triage screen itself before the next key.
	d.keys("t")
	d.waitForAll("Henvendelser, der venter på visitering", "Søren Ærø Ågård")
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

	// The case: log a contact attempt that reached the citizen. The case
	// view's header says "Kontaktforsøg" too: wait for the form's title.
	d.keys("Enter")
	d.waitFor("Frister")
	d.keys("c")
	d.waitFor("Kontaktforsøg · K-2026-0001")
	d.keys("Tab", "Right", "Tab", "Space", "Tab") // today; phone; reached
	d.typeText("Talte med Søren om økonomien")
	d.keys("C-s")
	s = d.waitFor("2026-12-02") // the note shows on the form too: wait for the case view's new deadline
	if !strings.Contains(s, "Første samtale") || !strings.Contains(s, "Talte med Søren") {
		t.Errorf("after reaching the citizen the first meeting is due WD(25/11, 5) = 2026-12-02:\n%s", s)
	}
	// The case view shows "Første samtale" too: wait for the queue's own
	// line before q, or esc and q could arrive as one key.
	d.keys("Escape")
	d.waitForAll("Visning: alle åbne sager", "Første samtale")
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
	if want := `[{"case":"K-2026-0001","due":"2026-12-02","rule":"first_meeting","overdue":false}]`; queueJSON(t, bin, dbPath) != want {
		t.Errorf("queue --json:\n got %s\nwant %s", queueJSON(t, bin, dbPath), want)
	}
}
