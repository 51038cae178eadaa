package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"tovholder/db"
	"tovholder/model"
	"tovholder/tui"
)

// The server's tests talk to it with an SSH client written in Go
// (golang.org/x/crypto/ssh): no tmux, no OpenSSH, so they run anywhere and
// fast. The end-to-end tests with the real ssh in tmux are in
// e2e_ssh_test.go.

// waitTimeout bounds every wait of these tests: long, for a loaded 2-core
// machine; a passing test never waits that long.
const waitTimeout = 30 * time.Second

// account is a user a test server has.
type account struct {
	name     string
	role     model.Role
	lang     string
	disabled bool
}

// testServer is a server on a loopback port, on a database of the shared
// caseload (e2e_test.go), with a key of its own for each account.
type testServer struct {
	t    *testing.T
	s    *server
	st   *db.Store
	path string
	addr string
	logs *syncBuffer
	keys map[string]gossh.Signer
	once sync.Once
	done chan error
}

// syncBuffer is a bytes.Buffer for writers on many goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// testDay is the tests' today, noon on Wednesday 25 November 2026.
var testDay = time.Date(2026, time.November, 25, 12, 0, 0, 0, time.UTC)

func newSigner(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func keyOf(s gossh.Signer) db.Key {
	return db.Key{ID: keyID(s.PublicKey()), Fingerprint: gossh.FingerprintSHA256(s.PublicKey())}
}

// startServer starts a server made of cfg (its store, host key, clock and
// log set here) with the accounts, and stops it when the test ends.
func startServer(t *testing.T, cfg serverConfig, accounts ...account) *testServer {
	t.Helper()
	path := filepath.Join(t.TempDir(), "team.db")
	st, err := db.Open(path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Import(caseload(), "anne"); err != nil {
		t.Fatal(err)
	}
	ts := &testServer{t: t, st: st, path: path, logs: new(syncBuffer), keys: map[string]gossh.Signer{}, done: make(chan error, 1)}
	for _, a := range accounts {
		signer := newSigner(t)
		ts.keys[a.name] = signer
		if err := st.AddUser(model.Actor{Name: "test", Role: model.Admin}, db.User{Name: a.name, Role: a.role, Lang: a.lang, Keys: []db.Key{keyOf(signer)}}); err != nil {
			t.Fatal(err)
		}
		if a.disabled {
			if err := st.DisableUser(model.Actor{Name: "test", Role: model.Admin}, a.name); err != nil {
				t.Fatal(err)
			}
		}
	}
	cfg.store, cfg.host, cfg.log = st, newSigner(t), log.New(ts.logs, "", 0)
	if cfg.now == nil {
		cfg.now = func() time.Time { return testDay }
	}
	if cfg.renderer == nil {
		// No question to the terminal about its background: the Go client
		// does not answer it.
		cfg.renderer = func(s ssh.Session) *lipgloss.Renderer { return lipgloss.NewRenderer(s) }
	}
	ts.s, err = newServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.addr = ln.Addr().String()
	go func() { ts.done <- ts.s.Serve(ln) }()
	t.Cleanup(func() {
		ts.shutdown()
		st.Close()
		if t.Failed() {
			t.Logf("server log:\n%s", ts.logs.String())
		}
	})
	return ts
}

// shutdown stops the server (once) and returns what Shutdown said.
func (ts *testServer) shutdown() (err error) {
	ts.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
		defer cancel()
		err = ts.s.Shutdown(ctx)
		if serr := <-ts.done; serr != nil && err == nil {
			err = serr
		}
	})
	return err
}

// dial logs in with the key of name (a signer for a key no account has,
// if the server has no such account).
func (ts *testServer) dial(name string, more ...gossh.AuthMethod) (*gossh.Client, error) {
	signer, ok := ts.keys[name]
	if !ok {
		signer = newSigner(ts.t)
	}
	return gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User:            name,
		Auth:            append([]gossh.AuthMethod{gossh.PublicKeys(signer)}, more...),
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         waitTimeout,
	})
}

// run runs a command over SSH as name, with stdin, and returns its output
// and exit status.
func (ts *testServer) run(name, stdin string, args ...string) (stdout, stderr string, code int) {
	ts.t.Helper()
	client, err := ts.dial(name)
	if err != nil {
		ts.t.Fatalf("%s cannot log in: %v", name, err)
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		ts.t.Fatal(err)
	}
	defer sess.Close()
	var out, errb bytes.Buffer
	sess.Stdin, sess.Stdout, sess.Stderr = strings.NewReader(stdin), &out, &errb
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = shellQuote(a)
	}
	err = sess.Run(strings.Join(quoted, " "))
	var ee *gossh.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitStatus()
	case err != nil:
		ts.t.Fatalf("ssh %s %v: %v\nstderr: %s", name, args, err, errb.String())
	}
	return out.String(), errb.String(), code
}

// mustRun is run for a command that must succeed.
func (ts *testServer) mustRun(name, stdin string, args ...string) string {
	ts.t.Helper()
	out, errOut, code := ts.run(name, stdin, args...)
	if code != 0 {
		ts.t.Fatalf("ssh %s %v: exit %d\nstderr: %s", name, args, code, errOut)
	}
	return out
}

// goDesk is a desk over SSH with a terminal, driven by the Go client.
type goDesk struct {
	t         *testing.T
	client    *gossh.Client
	sess      *gossh.Session
	in        io.WriteCloser
	out, errb *syncBuffer
	done      chan error
}

func (ts *testServer) openDesk(name string) *goDesk {
	ts.t.Helper()
	client, err := ts.dial(name)
	if err != nil {
		ts.t.Fatalf("%s cannot log in: %v", name, err)
	}
	sess, err := client.NewSession()
	if err != nil {
		ts.t.Fatal(err)
	}
	d := &goDesk{t: ts.t, client: client, sess: sess, out: new(syncBuffer), errb: new(syncBuffer), done: make(chan error, 1)}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		ts.t.Fatal(err)
	}
	if d.in, err = sess.StdinPipe(); err != nil {
		ts.t.Fatal(err)
	}
	sess.Stdout, sess.Stderr = d.out, d.errb
	if err := sess.Shell(); err != nil {
		ts.t.Fatal(err)
	}
	go func() { d.done <- sess.Wait() }()
	ts.t.Cleanup(func() { client.Close() })
	return d
}

// waitOutput waits until the desk's output holds want.
func (d *goDesk) waitOutput(want string) {
	d.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for !strings.Contains(d.out.String(), want) {
		if time.Now().After(deadline) {
			d.t.Fatalf("the desk never showed %q; it showed:\n%q", want, d.out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// ended waits for the session to end and returns its exit status.
func (d *goDesk) ended() int {
	d.t.Helper()
	select {
	case err := <-d.done:
		var ee *gossh.ExitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.ExitStatus()
		default:
			d.t.Fatalf("the session ended without an exit status: %v", err)
		}
	case <-time.After(waitTimeout):
		d.t.Fatalf("the session never ended; it showed:\n%q", d.out.String())
	}
	return -1
}

func (d *goDesk) typeKeys(s string) {
	d.t.Helper()
	if _, err := io.WriteString(d.in, s); err != nil {
		d.t.Fatal(err)
	}
}

// waitUntil polls cond until it holds or the wait times out.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

var team = []account{
	{name: "anne", role: model.Caseworker},
	{name: "tove", role: model.Coordinator},
	{name: "lise", role: model.Leader, lang: "en"},
	{name: "ada", role: model.Admin},
	{name: "bo", role: model.Caseworker, disabled: true},
}

// A key no account has is refused, and so is the key of a disabled
// account; the client is told why in one line (keyboard-interactive
// authentication that lets no one in), and the server logs it.
func TestSSHAuthRefused(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverConfig{}, team...)
	for _, c := range []struct{ name, says, logs string }{
		{"stranger", "is not registered", "not registered"},
		{"bo", "belongs to a disabled account", "the account bo is disabled"},
	} {
		var told string
		explain := gossh.KeyboardInteractive(func(name, instruction string, questions []string, echos []bool) ([]string, error) {
			told += instruction
			return nil, nil
		})
		client, err := ts.dial(c.name, explain)
		if err == nil {
			client.Close()
			t.Errorf("%s logged in", c.name)
			continue
		}
		if !strings.Contains(err.Error(), "unable to authenticate") {
			t.Errorf("%s: %v", c.name, err)
		}
		fp := gossh.FingerprintSHA256(ts.keys["bo"].PublicKey())
		if c.name == "stranger" {
			fp = "SHA256:"
		}
		if !strings.HasPrefix(told, "tovholder: key "+fp) || !strings.Contains(told, c.says) || strings.Contains(told, "\n") {
			t.Errorf("%s is told %q, want one line saying %q", c.name, told, c.says)
		}
		if !strings.Contains(ts.logs.String(), c.logs) {
			t.Errorf("the log does not say %q:\n%s", c.logs, ts.logs.String())
		}
	}
	// Those who may still log in.
	if out := ts.mustRun("anne", "", "whoami"); !strings.Contains(out, "anne") || !strings.Contains(out, "caseworker") {
		t.Errorf("whoami: %q", out)
	}
}

// fakeSession is the part of an ssh.Session that authorize looks at.
type fakeSession struct {
	ssh.Session
	ctx    *fakeContext
	key    ssh.PublicKey
	stderr bytes.Buffer
	exit   int
}

func (f *fakeSession) Context() ssh.Context        { return f.ctx }
func (f *fakeSession) PublicKey() ssh.PublicKey    { return f.key }
func (f *fakeSession) Stderr() io.ReadWriter       { return &f.stderr }
func (f *fakeSession) Exit(code int) error         { f.exit = code; return nil }
func (f *fakeSession) Close() error                { return nil }
func (f *fakeSession) RemoteAddr() net.Addr        { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1} }
func (f *fakeSession) Command() []string           { return nil }
func (f *fakeSession) Write(p []byte) (int, error) { return len(p), nil }

type fakeContext struct {
	context.Context
	sync.Mutex
	values map[any]any
}

func (c *fakeContext) Value(k any) any               { return c.values[k] }
func (c *fakeContext) SetValue(k, v any)             { c.values[k] = v }
func (c *fakeContext) User() string                  { return "x" }
func (c *fakeContext) SessionID() string             { return "x" }
func (c *fakeContext) ClientVersion() string         { return "x" }
func (c *fakeContext) ServerVersion() string         { return "x" }
func (c *fakeContext) RemoteAddr() net.Addr          { return nil }
func (c *fakeContext) LocalAddr() net.Addr           { return nil }
func (c *fakeContext) Permissions() *ssh.Permissions { return nil }

// The session handler checks again what authentication approved: the key
// the connection authenticated with must be the one approved (a client
// can have the callback approve a key it does not hold, then
// authenticate with another: CVE-2024-45337), and the account is read
// afresh, so that one disabled since the login is refused.
func TestSSHSessionChecksKeyAgain(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverConfig{}, team...)
	anne, ada := ts.keys["anne"].PublicKey(), ts.keys["ada"].PublicKey()
	try := func(approved string, key ssh.PublicKey) (ran bool, f *fakeSession) {
		f = &fakeSession{ctx: &fakeContext{Context: context.Background(), values: map[any]any{}}, key: key}
		if approved != "" {
			f.ctx.SetValue(ctxApproved, approved)
		}
		ts.s.authorize(func(ssh.Session) { ran = true })(f)
		return ran, f
	}
	if ran, f := try(keyID(anne), anne); !ran || userOf(f).Name != "anne" {
		t.Fatalf("anne's own key: ran %v as %q, stderr %q", ran, userOf(f).Name, f.stderr.String())
	}
	// The admin's key approved (the client offered it), anne's used.
	if ran, f := try(keyID(ada), anne); ran || f.exit != 1 || !strings.Contains(f.stderr.String(), "permission denied") {
		t.Errorf("a session whose key is not the approved one ran (%v), exit %d, %q", ran, f.exit, f.stderr.String())
	}
	if ran, _ := try("", anne); ran {
		t.Error("a session with no approved key ran")
	}
	if ran, _ := try(keyID(anne), nil); ran {
		t.Error("a session with no key ran")
	}
	// anne disabled after she logged in.
	if err := ts.st.DisableUser(model.Actor{Name: "ada", Role: model.Admin}, "anne"); err != nil {
		t.Fatal(err)
	}
	if ran, f := try(keyID(anne), anne); ran || f.exit != 1 || !strings.Contains(f.stderr.String(), "disabled") {
		t.Errorf("a disabled account's session ran (%v), exit %d, %q", ran, f.exit, f.stderr.String())
	}
}

// The commands over SSH run as the caller, against the open store.
func TestSSHCommands(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverConfig{}, team...)
	queue := ts.mustRun("tove", "", "queue", "--json", "--today", "2026-11-25")
	if want := `[{"case":"K-2026-0001","due":"2026-11-19","rule":"contact","overdue":true},`; !strings.HasPrefix(queue, want) {
		t.Errorf("queue --json:\n%s", queue)
	}
	if n := strings.Count(queue, `"case"`); n != 6 {
		t.Errorf("queue --json has %d cases, want the 6 open ones:\n%s", n, queue)
	}
	// Without --today the server's clock: the same day.
	if again := ts.mustRun("anne", "", "queue", "--json"); again != queue {
		t.Errorf("queue on the server's day:\n%s\nwant\n%s", again, queue)
	}
	if out := ts.mustRun("anne", "", "queue", "--limit", "1"); !strings.HasPrefix(out, "CASE") || strings.Count(out, "\n") != 2 {
		t.Errorf("queue --limit 1:\n%s", out)
	}

	who := ts.mustRun("lise", "", "whoami")
	for _, s := range []string{"lise", "leader", "en", gossh.FingerprintSHA256(ts.keys["lise"].PublicKey())} {
		if !strings.Contains(who, s) {
			t.Errorf("whoami does not say %s:\n%s", s, who)
		}
	}

	// An export is logged, naming who took it and whether redacted.
	full := ts.mustRun("tove", "", "export")
	if cases, err := model.DecodeFile([]byte(full)); err != nil || len(cases) != 8 || cases[0].Citizen.Name != "Åse Fiktivsen" {
		t.Errorf("export: %d cases, %v", len(cases), err)
	}
	red := ts.mustRun("anne", "", "export", "--redact")
	if strings.Contains(red, "Fiktivsen") {
		t.Error("export --redact holds a name")
	}
	var exports []string
	ts.st.Audit(func(e db.AuditEntry) bool {
		if e.Action == "export" {
			exports = append(exports, e.User+": "+e.Detail)
		}
		return true
	})
	if len(exports) != 2 || !strings.HasPrefix(exports[0], "tove: ") || !strings.Contains(exports[0], "in full") ||
		!strings.HasPrefix(exports[1], "anne: ") || !strings.Contains(exports[1], "redacted") {
		t.Errorf("the audit log's exports: %q", exports)
	}

	// Import: the file on standard input, merged into the served store.
	file := `{"format":"tovholder/v1","cases":[{"id":"K-2026-0100","events":[{"type":"referral_received","date":"2026-11-24"}]}]}`
	_, errOut, code := ts.run("tove", file, "import")
	if code != 0 || errOut != "imported 1 case\n" {
		t.Errorf("import: exit %d, %q", code, errOut)
	}
	if c, err := ts.st.Case("K-2026-0100"); err != nil || c.ID != "K-2026-0100" {
		t.Errorf("the imported case: %v", err)
	}
	_, errOut, code = ts.run("tove", file, "import")
	if code != 1 || !strings.Contains(errOut, "nothing was imported") || !strings.Contains(errOut, "exists already") {
		t.Errorf("import again: exit %d, %q", code, errOut)
	}

	// What is refused, and how.
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"queue", "--db", "/tmp/other.db"}, 1, "--db is not taken over SSH"},
		{[]string{"queue", "--db=/tmp/other.db"}, 1, "--db is not taken over SSH"},
		{[]string{"export", "--user", "tove"}, 1, "--user is not taken over SSH"},
		{[]string{"queue", "--role", "coordinator"}, 1, "--role is not taken over SSH"},
		{[]string{"queue", "--config", "c.json"}, 1, "--config is not taken over SSH"},
		{[]string{"queue", "--nope"}, 1, "usage: ssh -p PORT HOST queue"},
		{[]string{"queue", "extra"}, 1, "unexpected arguments"},
		{[]string{"import", "cases.json"}, 1, "standard input"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"desk"}, 2, `unknown command "desk"`},
	} {
		_, errOut, code := ts.run("tove", "", c.args...)
		if code != c.code || !strings.Contains(errOut, c.says) {
			t.Errorf("ssh %v: exit %d, %q; want %d and %q", c.args, code, errOut, c.code, c.says)
		}
	}
	if out := ts.mustRun("anne", "", "help"); !strings.Contains(out, "ssh -p PORT HOST queue") || !strings.Contains(out, "whoami") {
		t.Errorf("help:\n%s", out)
	}
	if out := ts.mustRun("anne", "", "queue", "--help"); !strings.Contains(out, "--json") || strings.Contains(out, "--db") {
		t.Errorf("queue --help:\n%s", out)
	}
	if out := ts.mustRun("anne", "", "help", "user"); !strings.Contains(out, "user add NAME") || strings.Contains(out, "--key") {
		t.Errorf("help user:\n%s", out)
	}
	// No terminal and no command: the desk needs a terminal.
	client, err := ts.dial("anne")
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	sess, _ := client.NewSession()
	var out bytes.Buffer
	sess.Stdout = &out
	if err := sess.Run(""); err == nil || !strings.Contains(out.String(), "PTY") {
		t.Errorf("a desk without a terminal: %v, %q", err, out.String())
	}
}

// Roles over SSH: import is the coordinator's and the admin's, the audit
// log the leader's and the admin's, users the admin's; anyone sets their
// own theme and language.
func TestSSHRoles(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverConfig{}, team...)
	file := `{"format":"tovholder/v1","cases":[{"id":"K-2026-0200"}]}`
	refusedAs := func(name, stdin, says string, args ...string) {
		t.Helper()
		out, errOut, code := ts.run(name, stdin, args...)
		if code != 1 || !strings.Contains(errOut, "refused: "+says) || out != "" {
			t.Errorf("%s: ssh %v: exit %d, stdout %q, stderr %q; want it refused: %s", name, args, code, out, errOut, says)
		}
	}
	refusedAs("anne", file, "importing is for coordinators and admins; anne is a caseworker", "import")
	if !strings.Contains(ts.logs.String(), `anne: "import" ended with exit status 1`) {
		t.Errorf("the server does not log the refusal:\n%s", ts.logs.String())
	}
	refusedAs("lise", file, "importing is for coordinators and admins; lise is a leader", "import")
	if _, err := ts.st.Case("K-2026-0200"); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("a refused import imported: %v", err)
	}
	// A full export (CPR numbers, health, notes) is the coordinator's and
	// the admin's; everyone may export with the personal data left out.
	refusedAs("anne", "", "a full export (CPR numbers, health, notes) is for coordinators and admins; use --redact", "export")
	refusedAs("lise", "", "a full export (CPR numbers, health, notes) is for coordinators and admins; use --redact", "export")
	if out := ts.mustRun("anne", "", "export", "--redact"); !strings.Contains(out, "K-2026-0001") || strings.Contains(out, "cpr") {
		t.Errorf("anne's redacted export:\n%.300s", out)
	}
	if out := ts.mustRun("tove", "", "export"); !strings.Contains(out, `"cpr"`) {
		t.Errorf("tove's full export:\n%.300s", out)
	}
	refusedAs("anne", "", "reading the audit log is for leaders and admins", "audit")
	refusedAs("tove", "", "reading the audit log is for leaders and admins", "audit", "--case", "K-2026-0001")
	if out := ts.mustRun("lise", "", "audit", "--case", "K-2026-0001"); !strings.Contains(out, "K-2026-0001") || !strings.Contains(out, "import") {
		t.Errorf("lise's audit --case:\n%s", out)
	}
	if out := ts.mustRun("ada", "", "audit"); !strings.Contains(out, "lise") || !strings.Contains(out, "audit") {
		t.Errorf("the audit log names lise's reading of it:\n%s", out)
	}

	newKey := newSigner(t)
	pub := string(gossh.MarshalAuthorizedKey(newKey.PublicKey()))
	refusedAs("tove", pub, "managing users is for admins", "user", "add", "ole", "--role", "caseworker")
	refusedAs("anne", "", "managing users is for admins", "user", "list")
	refusedAs("anne", "", "managing users is for admins", "user", "disable", "tove")
	refusedAs("anne", "", "managing users is for admins", "user", "set", "tove", "--theme", "light")
	refusedAs("anne", "", "copying the database is for admins", "backup")

	// The admin adds ole, with the key on standard input.
	if _, errOut, code := ts.run("ada", pub, "user", "add", "ole", "--role", "caseworker", "--lang", "en"); code != 0 || !strings.Contains(errOut, "added ole (caseworker)") {
		t.Fatalf("user add: exit %d, %q", code, errOut)
	}
	ts.keys["ole"] = newKey
	if who := ts.mustRun("ole", "", "whoami"); !strings.Contains(who, "ole") || !strings.Contains(who, "caseworker") {
		t.Errorf("ole's whoami:\n%s", who)
	}
	// Anyone sets their own theme and language.
	if _, errOut, code := ts.run("ole", "", "user", "set", "ole", "--theme", "light", "--lang", "da"); code != 0 || errOut != "ole: theme light, language da\n" {
		t.Errorf("ole sets his own theme: exit %d, %q", code, errOut)
	}
	list := ts.mustRun("ada", "", "user", "list")
	if l := lineWith(list, "ole"); !strings.Contains(l, "caseworker") || !strings.Contains(l, "light") || !strings.Contains(l, gossh.FingerprintSHA256(newKey.PublicKey())) {
		t.Errorf("user list:\n%s", list)
	}
	if _, errOut, code := ts.run("ada", "", "user", "add", "per", "--role", "caseworker", "--key", "/etc/passwd"); code != 1 || !strings.Contains(errOut, "standard input") {
		t.Errorf("--key over SSH: exit %d, %q", code, errOut)
	}
	// Disabled, ole is refused from his next login on.
	ts.mustRun("ada", "", "user", "disable", "ole")
	if client, err := ts.dial("ole"); err == nil {
		client.Close()
		t.Error("a disabled user logged in")
	}
	// The admin's backup is the database.
	backup := ts.mustRun("ada", "", "backup")
	if !bytes.Equal([]byte(backup[:16]), copyHead(t, ts.st)) {
		t.Error("the backup does not start as the database does")
	}
}

// copyHead is the first 16 bytes of a backup of st.
func copyHead(t *testing.T, st *db.Store) []byte {
	var b bytes.Buffer
	if err := st.Backup(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()[:16]
}

// boomDesk is a desk that panics where it is told: p in Update, v in
// View, c in a command, b in a command of a batch.
type boomDesk struct {
	c    *tui.Common
	view bool
}

func (m *boomDesk) Init() tea.Cmd { return nil }

func (m *boomDesk) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch k.String() {
		case "p":
			panic("boom in Update")
		case "v":
			m.view = true
		case "c":
			return m, func() tea.Msg { panic("boom in a command") }
		case "b":
			return m, tea.Batch(func() tea.Msg { return nil }, func() tea.Msg { panic("boom in a batch") })
		case "q":
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m *boomDesk) View() string {
	if m.view {
		panic("boom in View")
	}
	return "the desk of " + m.c.User
}

// A panic in one desk, in Update, View or a command, ends that desk
// alone: the person is told and gets exit status 1, the server logs the
// stack, and goes on serving everyone else.
func TestSSHPanicEndsOneDesk(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverConfig{newDesk: func(c *tui.Common) tea.Model { return &boomDesk{c: c} }}, team...)
	other := ts.openDesk("tove")
	other.waitOutput("the desk of tove")
	for _, c := range []struct{ key, where string }{
		{"p", "boom in Update"}, {"v", "boom in View"}, {"c", "boom in a command"}, {"b", "boom in a batch"},
	} {
		d := ts.openDesk("anne")
		d.waitOutput("the desk of anne")
		d.typeKeys(c.key)
		if code := d.ended(); code != 1 {
			t.Errorf("%s: the desk ended with exit status %d, want 1", c.where, code)
		}
		if !strings.Contains(d.errb.String(), "Skrivebordet stødte på en fejl") {
			t.Errorf("%s: the person is told %q", c.where, d.errb.String())
		}
		if !strings.Contains(ts.logs.String(), c.where) || !strings.Contains(ts.logs.String(), "panic in") {
			t.Errorf("%s: the log does not have it:\n%s", c.where, ts.logs.String())
		}
		if out := ts.mustRun("anne", "", "whoami"); !strings.Contains(out, "anne") {
			t.Errorf("after %s the server does not answer: %q", c.where, out)
		}
	}
	// The other desk lives on, and quits as usual.
	other.typeKeys("q")
	if code := other.ended(); code != 0 {
		t.Errorf("the other desk ended with %d", code)
	}
	if n := ts.s.cmds.count(); n != 0 {
		t.Errorf("%d commands still counted as running", n)
	}
}

// boomJob is a command over SSH that panics.
type boomJob struct{ whoamiJob }

func (*boomJob) run(env) error { panic("boom in a command over SSH") }

// A panic in a command over SSH ends that command alone.
func TestSSHPanicEndsOneCommand(t *testing.T) {
	t.Parallel()
	cmds := map[string]remoteCommand{"boom": {job: func() job { return new(boomJob) }, synopsis: "boom"}}
	for k, v := range remoteCommands {
		cmds[k] = v
	}
	ts := startServer(t, serverConfig{commands: cmds}, team...)
	_, errOut, code := ts.run("anne", "", "boom")
	if code != 1 || !strings.Contains(errOut, "internal error") {
		t.Errorf("boom: exit %d, %q", code, errOut)
	}
	if !strings.Contains(ts.logs.String(), "boom in a command over SSH") {
		t.Errorf("the log:\n%s", ts.logs.String())
	}
	if out := ts.mustRun("anne", "", "whoami"); !strings.Contains(out, "anne") {
		t.Errorf("after the panic: %q", out)
	}
}

// Bubble Tea v1.3.10 itself recovers from a panic in Update, View or a
// command: Run returns ErrProgramPanic and the process goes on (the guard
// catches them before it, over SSH; this is the net under it).
func TestBubbleTeaRecoversPanics(t *testing.T) {
	// (It prints what it caught, and the stack, on the process's standard
	// output and error: go test shows them with -v.)
	for _, key := range []string{"p", "v", "c"} {
		pr, pw := io.Pipe()
		p := tea.NewProgram(&boomDesk{c: &tui.Common{User: "x"}}, tea.WithInput(pr), tea.WithOutput(io.Discard), tea.WithoutSignalHandler())
		go io.WriteString(pw, key)
		_, err := p.Run()
		pw.Close()
		if !errors.Is(err, tea.ErrProgramPanic) {
			t.Errorf("%s: Run returned %v, want ErrProgramPanic", key, err)
		}
	}
}

// saveDesk is a desk whose s starts a save that waits for release; it
// reports the notices it gets.
type saveDesk struct {
	c       *tui.Common
	notices chan<- string
	release <-chan struct{}
	saved   chan<- string
}

func (m *saveDesk) Init() tea.Cmd { return nil }

func (m *saveDesk) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tui.NoticeMsg:
		m.notices <- m.c.User + ": " + msg.Text
	case tea.KeyMsg:
		if msg.String() == "s" {
			return m, func() tea.Msg {
				<-m.release
				err := m.c.Store.LogAccess(m.c.User, "print", "", "saved during the shutdown")
				m.saved <- fmt.Sprint(err)
				return nil
			}
		}
	}
	return m, nil
}

func (m *saveDesk) View() string { return "the desk of " + m.c.User }

// A shutdown tells every desk, in its person's language, quits them,
// lets a save under way finish, ends the sessions with exit status 0 and
// a word on standard error, stops taking connections, and leaves the
// store to be closed cleanly.
func TestSSHShutdown(t *testing.T) {
	t.Parallel()
	notices, saved, release := make(chan string, 4), make(chan string, 1), make(chan struct{})
	ts := startServer(t, serverConfig{newDesk: func(c *tui.Common) tea.Model {
		return &saveDesk{c: c, notices: notices, release: release, saved: saved}
	}}, team...)
	anne, lise := ts.openDesk("anne"), ts.openDesk("lise")
	anne.waitOutput("the desk of anne")
	lise.waitOutput("the desk of lise")
	anne.typeKeys("s")
	waitUntil(t, "anne's save runs", func() bool { return ts.s.cmds.count() == 1 })

	stopped := make(chan error, 1)
	go func() { stopped <- ts.shutdown() }()
	got := map[string]bool{}
	for range 2 {
		select {
		case n := <-notices:
			got[n] = true
		case <-time.After(waitTimeout):
			t.Fatalf("the desks were not told; they got %v", got)
		}
	}
	if !got["anne: Serveren lukker om et øjeblik; det gemte er gemt."] || !got["lise: The server is closing in a moment; what was saved is saved."] {
		t.Errorf("the notices: %v", got)
	}
	for _, d := range []*goDesk{anne, lise} {
		if code := d.ended(); code != 0 {
			t.Errorf("a desk ended with %d", code)
		}
	}
	if !strings.Contains(anne.errb.String(), "Serveren lukker") || !strings.Contains(lise.errb.String(), "The server is closing") {
		t.Errorf("after the desk: %q, %q", anne.errb.String(), lise.errb.String())
	}
	select {
	case err := <-stopped:
		t.Fatalf("the shutdown ended (%v) before the save under way", err)
	default:
	}
	close(release)
	if err := <-stopped; err != nil {
		t.Errorf("shutdown: %v", err)
	}
	select {
	case err := <-saved:
		if err != "<nil>" {
			t.Errorf("the save during the shutdown: %s", err)
		}
	default:
		t.Error("the shutdown ended before the save did")
	}
	if client, err := ts.dial("anne"); err == nil {
		client.Close()
		t.Error("the server took a connection after its shutdown")
	}
	if err := ts.st.Close(); err != nil {
		t.Errorf("closing the store: %v", err)
	}
	st, err := db.Open(ts.path, db.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var prints int
	st.Audit(func(e db.AuditEntry) bool {
		if e.Action == "print" && e.User == "anne" {
			prints++
		}
		return true
	})
	if prints != 1 {
		t.Errorf("the save is in the database %d times", prints)
	}
}

// The real desk, with its idle lock's timer and its subscription to the
// store, stops at once on a shutdown: nothing to wait for.
func TestSSHShutdownRealDesk(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverConfig{idle: 15 * time.Minute, grace: waitTimeout}, team...)
	d := ts.openDesk("tove")
	d.waitOutput("Åse Fiktivsen")
	if err := ts.shutdown(); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if code := d.ended(); code != 0 || !strings.Contains(d.errb.String(), "Serveren lukker om et øjeblik") {
		t.Errorf("the desk ended with %d, %q", code, d.errb.String())
	}
}

// A connection that does not log in within the grace is closed; one that
// logged in keeps its connection past it, session or not.
func TestSSHLoginGrace(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverConfig{loginGrace: 500 * time.Millisecond}, team...)
	client, err := ts.dial("anne")
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	conn, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(waitTimeout))
	// The server's version line, then nothing from us: the server hangs up.
	if _, err := io.ReadAll(conn); err != nil {
		t.Errorf("the silent connection was not closed by the server: %v", err)
	}
	// anne's connection, a session opened long after the grace.
	sess, err := client.NewSession()
	if err != nil {
		t.Fatalf("a logged-in connection was closed: %v", err)
	}
	defer sess.Close()
	// The grace has passed by now: the silent connection above outlived it.
	if out, err := sess.Output("whoami"); err != nil || !strings.Contains(string(out), "anne") {
		t.Errorf("whoami after the grace: %v %q", err, out)
	}
}

// A desk whose session the client closes ends, also when the connection
// stays (ssh multiplexing keeps it for the next session): Bubble Tea by
// itself would go on after its input ended.
func TestSSHDeskEndsWithItsSession(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverConfig{}, team...)
	d := ts.openDesk("tove")
	d.waitOutput("Åse Fiktivsen")
	d.sess.Close() // the session, not the connection
	waitUntil(t, "the desk ends with its session", func() bool { return ts.s.sessions.count() == 0 })
	ts.s.mu.Lock()
	desks := len(ts.s.desks)
	ts.s.mu.Unlock()
	if desks != 0 {
		t.Errorf("%d desks still registered", desks)
	}
	// The connection goes on.
	sess, err := d.client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if out, err := sess.Output("whoami"); err != nil || !strings.Contains(string(out), "tove") {
		t.Errorf("whoami on the same connection: %v %q", err, out)
	}
}

// An account disabled while its desk is open: the desk is ended at once,
// and the person is told why; another person's desk goes on.
func TestSSHDisabledWhileOpen(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverConfig{}, team...)
	anne, tove := ts.openDesk("anne"), ts.openDesk("tove")
	anne.waitOutput("enter")
	tove.waitOutput("enter")
	ts.mustRun("ada", "", "user", "disable", "anne")
	if code := anne.ended(); code != 1 {
		t.Errorf("anne's desk ended with exit status %d, want 1", code)
	}
	if !strings.Contains(anne.errb.String(), "Din bruger er spærret") {
		t.Errorf("anne is told %q", anne.errb.String())
	}
	tove.typeKeys("q")
	if code := tove.ended(); code != 0 {
		t.Errorf("tove's desk ended with %d", code)
	}
}

// What a client sends (its user name, its command) cannot write a line of
// its own into the server's log.
func TestSSHLogQuotesWhatClientsSend(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverConfig{}, team...)
	ts.run("anne", "", "whoami\n2026/01/01 FORGED: ada (admin) did x\x1b[2J")
	for _, line := range strings.Split(ts.logs.String(), "\n") {
		if strings.HasPrefix(line, "2026/01/01 FORGED") || strings.Contains(line, "\x1b") {
			t.Fatalf("a client wrote into the log:\n%s", ts.logs.String())
		}
	}
	if !strings.Contains(ts.logs.String(), `FORGED`) {
		t.Fatalf("the command is not logged at all:\n%s", ts.logs.String())
	}
}
