package main

import (
	"bytes"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// The desk served over SSH, end to end: the built binary serves, and the
// real OpenSSH client logs in, in tmux panes for the desks. Like the
// other end-to-end tests they wait on what the screen shows or on output,
// never on time.

// needSSH skips without tmux, ssh or ssh-keygen, except in CI, where their
// absence is a failure (.ci/run installs them).
func needSSH(t *testing.T) {
	t.Helper()
	needTmux(t)
	for _, tool := range []string{"ssh", "ssh-keygen"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is required in CI (.ci/run installs openssh-client)", tool)
			}
			t.Skipf("%s not installed", tool)
		}
	}
}

// sshKey makes a key pair with ssh-keygen and returns the private key's
// file (the public key is beside it, .pub).
func sshKey(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name+"@test", "-f", path).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	return path
}

// serveProc is tovholder serve running as a process of its own.
type serveProc struct {
	t      *testing.T
	cmd    *exec.Cmd
	dbPath string
	port   string
	logs   *syncBuffer
	exited chan error
}

// startServe runs the binary's serve on a free loopback port and waits
// until it serves (its marker beside the database names the port).
func startServe(t *testing.T, bin, dbPath string) *serveProc {
	t.Helper()
	p := &serveProc{t: t, dbPath: dbPath, logs: new(syncBuffer), exited: make(chan error, 1)}
	p.cmd = exec.Command(bin, "serve", "--db", dbPath, "--listen", "127.0.0.1:0", "--today", "2026-11-25")
	p.cmd.Stdout, p.cmd.Stderr = p.logs, p.logs
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.exited <- p.cmd.Wait() }()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-p.exited:
			case <-time.After(waitTimeout):
				p.cmd.Process.Kill()
			}
		}
		if t.Failed() {
			t.Logf("serve's log:\n%s", p.logs.String())
		}
	})
	waitUntil(t, "serve writes its marker", func() bool {
		select {
		case err := <-p.exited:
			t.Fatalf("serve exited: %v\n%s", err, p.logs.String())
		default:
		}
		m, ok := readServed(dbPath, true)
		if ok && m.PID == p.cmd.Process.Pid {
			p.port = m.Port
		}
		return p.port != ""
	})
	return p
}

// stop sends SIGTERM and returns serve's exit status.
func (p *serveProc) stop() int {
	p.t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		p.t.Fatal(err)
	}
	select {
	case err := <-p.exited:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			p.t.Fatal(err)
		}
		return 0
	case <-time.After(waitTimeout):
		p.t.Fatalf("serve did not stop on SIGTERM:\n%s", p.logs.String())
	}
	return -1
}

// sshArgs is the OpenSSH command line that logs in to the server with key
// as user, running command (none: the desk). No configuration of the
// machine's or the user's, no agent's keys, no known hosts.
func (p *serveProc) sshArgs(key, user string, command ...string) []string {
	return append([]string{"ssh", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
		"-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "ConnectTimeout=30", "-i", key, "-p", p.port, user + "@127.0.0.1"}, command...)
}

// ssh runs a command over SSH with OpenSSH and returns its output and exit status.
func (p *serveProc) ssh(key, user, stdin string, command ...string) (stdout, stderr string, code int) {
	p.t.Helper()
	args := p.sshArgs(key, user, command...)
	cmd := exec.Command(args[0], args[1:]...)
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		p.t.Fatalf("ssh %v: %v", command, err)
	}
	return out.String(), errb.String(), code
}

func (p *serveProc) mustSSH(key, user string, command ...string) string {
	p.t.Helper()
	out, errOut, code := p.ssh(key, user, "", command...)
	if code != 0 {
		p.t.Fatalf("ssh %s %v: exit %d\n%s", user, command, code, errOut)
	}
	return out
}

// TestSSHTeamDesk: two people on the desk at once over SSH, each in a
// terminal of their own. The coordinator assigns a referral to the
// caseworker; it shows in the caseworker's own queue as it happens; she
// records a contact attempt, which the coordinator hears of. The database
// and the access log then show both. A key no one registered, and the key
// of a disabled account, are refused.
func TestSSHTeamDesk(t *testing.T) {
	t.Parallel()
	needSSH(t)
	bin := buildBinary(t)
	dbPath := importCases(t, bin, caseload())
	dir := t.TempDir()
	keys := map[string]string{}
	for _, u := range []struct{ name, role string }{
		{"tove", "coordinator"}, {"anne", "caseworker"}, {"lise", "leader"}, {"ada", "admin"}, {"bo", "caseworker"},
	} {
		keys[u.name] = sshKey(t, dir, u.name)
		runBin(t, bin, "user", "add", u.name, "--role", u.role, "--key", keys[u.name]+".pub", "--db", dbPath, "--user", "ada")
	}
	srv := startServe(t, bin, dbPath)

	tove := startDesk(t, 100, 30, srv.sshArgs(keys["tove"], "tove")...)
	anne := startDesk(t, 100, 30, srv.sshArgs(keys["anne"], "anne")...)
	tove.waitFor("Åse Fiktivsen")
	anne.waitFor("Åse Fiktivsen")
	anne.keys("Tab")
	s := anne.waitForAll("Visning: mine sager", "Dorte Eksempel")
	if strings.Contains(s, "Gitte Venter") || strings.Contains(s, "Carl Testesen") {
		t.Fatalf("anne's own cases are Åse's and Dorte's:\n%s", s)
	}

	// tove accepts Gitte's referral and assigns it to anne.
	tove.keys("t")
	tove.waitForAll("Henvendelser, der venter på visitering", "2 venter")
	tove.keys("a")
	tove.waitFor("Tildel sagsbehandler · K-2026-0007")
	tove.send("anne")
	tove.waitLine("Sagsbehandler", "‹ anne ›")
	tove.keys("C-s")
	tove.waitForAll("K-2026-0007 er tildelt anne.", "1 venter")

	// anne's own queue shows it as it happens.
	anne.waitForAll("Visning: mine sager", "Gitte Venter")
	anne.send("/gitte\r")
	anne.waitUntil("the search for gitte done", func(s string) bool {
		return strings.Contains(s, "Gitte Venter") && strings.Contains(anne.helpLine(s), "skift visning")
	})
	anne.keys("Enter")
	anne.waitForAll("Sag K-2026-0007", "Gitte Venter")
	anne.contactAttempt("K-2026-0007", "", "tel", "Telefon", false)
	anne.waitFor("Kontaktforsøg: 1 (telefon 1), ikke truffet endnu")
	tove.waitFor("anne ændrede K-2026-0007")

	tove.quit()
	anne.quit()

	// The database, over SSH: the queue and the case's history.
	queue := srv.mustSSH(keys["anne"], "anne", "queue", "--json", "--today", "2026-11-25")
	if !strings.Contains(queue, `{"case":"K-2026-0007","due":"2026-11-27","rule":"contact_retry","overdue":false}`) {
		t.Errorf("queue --json over SSH:\n%s", queue)
	}
	history := srv.mustSSH(keys["lise"], "lise", "audit", "--case", "K-2026-0007")
	for _, want := range [][]string{
		{"tove", "event", `"type":"assigned"`, `"to":"anne"`},
		{"anne", "open", "K-2026-0007"},
		{"anne", "event", `"type":"contact_attempt"`},
	} {
		if lineWith(history, want...) == "" {
			t.Errorf("the history of K-2026-0007 has no line with %q:\n%s", want, history)
		}
	}
	auditLog := srv.mustSSH(keys["ada"], "ada", "audit")
	for _, who := range []string{"tove", "anne"} {
		if lineWith(auditLog, who, "login", "desk over SSH") == "" {
			t.Errorf("the audit log has no login of %s:\n%s", who, auditLog)
		}
	}

	// A key no one registered: refused, and told why.
	stranger := sshKey(t, dir, "stranger")
	_, errOut, code := srv.ssh(stranger, "anne", "", "whoami")
	if code != 255 || !strings.Contains(errOut, "Permission denied") || !strings.Contains(errOut, "is not registered") {
		t.Errorf("an unregistered key: exit %d, %q", code, errOut)
	}
	// bo logs in until the admin disables him.
	if out := srv.mustSSH(keys["bo"], "bo", "whoami"); !strings.Contains(out, "bo") {
		t.Errorf("bo's whoami: %q", out)
	}
	srv.mustSSH(keys["ada"], "ada", "user", "disable", "bo")
	_, errOut, code = srv.ssh(keys["bo"], "bo", "", "whoami")
	if code != 255 || !strings.Contains(errOut, "Permission denied") || !strings.Contains(errOut, "belongs to a disabled account") {
		t.Errorf("a disabled account: exit %d, %q", code, errOut)
	}
	// A caseworker does not import.
	_, errOut, code = srv.ssh(keys["anne"], "anne", `{"format":"tovholder/v1","cases":[]}`, "import")
	if code != 1 || !strings.Contains(errOut, "refused: importing is for coordinators and admins") {
		t.Errorf("anne's import: exit %d, %q", code, errOut)
	}

	// The queue over SSH is the local queue of the same database.
	if code := srv.stop(); code != 0 {
		t.Fatalf("serve exited %d on SIGTERM:\n%s", code, srv.logs.String())
	}
	if local := runBin(t, bin, "queue", "--db", dbPath, "--json", "--today", "2026-11-25"); local != queue {
		t.Errorf("queue --json over SSH differs from the local one:\nssh:   %s\nlocal: %s", queue, local)
	}
}

// TestServeBinary: serve as a process. It makes its host key, marks the
// database served (a local command then says to use SSH), takes a
// command over SSH, and on SIGTERM closes the database, removes the
// marker and exits 0. No tmux or OpenSSH needed: the client is Go's.
func TestServeBinary(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	dir := t.TempDir()
	dbPath := importCases(t, bin, caseload())
	signer := newSigner(t)
	pub := cliWrite(t, dir, "tove.pub", string(gossh.MarshalAuthorizedKey(signer.PublicKey())))
	runBin(t, bin, "user", "add", "tove", "--role", "coordinator", "--key", pub, "--db", dbPath)
	srv := startServe(t, bin, dbPath)

	fi, err := os.Stat(dbPath + ".hostkey")
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the host key: %v %v", fi, err)
	}
	// What serve wrote before its marker may still be on its way through
	// the pipe.
	waitUntil(t, "serve logs how to join", func() bool {
		return strings.Contains(srv.logs.String(), "join with: ssh -p "+srv.port+" 127.0.0.1")
	})

	cmd := exec.Command(bin, "queue", "--db", dbPath, "--json")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Run(); err == nil {
		t.Error("queue on the served database succeeded")
	}
	want := "tovholder queue: " + dbPath + " is served by tovholder serve (pid " + strconv.Itoa(srv.cmd.Process.Pid) + ") on 127.0.0.1:" + srv.port +
		"; run the command over SSH: ssh -p " + srv.port + " 127.0.0.1 queue --json\n"
	if errb.String() != want {
		t.Errorf("queue on the served database says\n%q\nwant\n%q", errb.String(), want)
	}

	cmd = exec.Command(bin, "serve", "--db", dbPath, "--listen", "127.0.0.1:0")
	errb.Reset()
	cmd.Stderr = &errb
	if err := cmd.Run(); err == nil || !strings.Contains(errb.String(), dbPath+" is served already, by tovholder serve (pid "+strconv.Itoa(srv.cmd.Process.Pid)+")") {
		t.Errorf("a second serve of the database: %v, %q", err, errb.String())
	}

	client, err := gossh.Dial("tcp", net.JoinHostPort("127.0.0.1", srv.port), &gossh.ClientConfig{
		User: "tove", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)}, Timeout: waitTimeout,
		HostKeyCallback: func(_ string, _ net.Addr, key gossh.PublicKey) error {
			if !strings.Contains(srv.logs.String(), "host key "+gossh.FingerprintSHA256(key)) {
				return errors.New("not the host key serve logged")
			}
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.Output("whoami")
	client.Close()
	if err != nil || !strings.Contains(string(out), "coordinator") {
		t.Errorf("whoami: %v %q", err, out)
	}

	if code := srv.stop(); code != 0 {
		t.Errorf("serve exited %d on SIGTERM", code)
	}
	if !strings.Contains(srv.logs.String(), "stopped; the database is closed") {
		t.Errorf("serve's log:\n%s", srv.logs.String())
	}
	if _, err := os.Stat(servedPath(dbPath)); !os.IsNotExist(err) {
		t.Errorf("the marker is still there: %v", err)
	}
	if q := runBin(t, bin, "queue", "--db", dbPath, "--json"); !strings.HasPrefix(q, `[{"case":"K-2026-0001"`) {
		t.Errorf("queue after serve: %q", q)
	}
	// Started again, the same host key.
	srv = startServe(t, bin, dbPath)
	waitUntil(t, "serve's second start logs the same host key", func() bool {
		return strings.Contains(srv.logs.String(), "host key "+gossh.FingerprintSHA256(mustHostKey(t, dbPath).PublicKey()))
	})
}

func mustHostKey(t *testing.T, dbPath string) gossh.Signer {
	t.Helper()
	s, err := hostKey(dbPath + ".hostkey")
	if err != nil {
		t.Fatal(err)
	}
	return s
}
