package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"tovholder/db"
	"tovholder/model"
	"tovholder/tui"
)

// scpFrom runs "scp -f path" on the server as name, the way an scp
// client fetches a file, and returns what came: the file's body, or the
// error words and exit status.
func (ts *testServer) scpFrom(name string, args ...string) (body []byte, stderr string, code int) {
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
	sess.Stdin = strings.NewReader("\x00\x00\x00\x00") // the client's acknowledgements
	sess.Stdout, sess.Stderr = &out, &errb
	err = sess.Run(strings.Join(args, " "))
	var ee *gossh.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitStatus()
	case err != nil:
		ts.t.Fatalf("%v: %v", args, err)
	}
	// T<mtime> 0 <atime> 0\n C0600 <size> <name>\n <body> \0
	rest := out.Bytes()
	for len(rest) > 0 && rest[0] == 'T' {
		rest = rest[bytes.IndexByte(rest, '\n')+1:]
	}
	if len(rest) > 0 && rest[0] == 'C' {
		rest = rest[bytes.IndexByte(rest, '\n')+1:]
		body = bytes.TrimSuffix(rest, []byte{0})
	}
	return body, errb.String() + string(out.Bytes()), code
}

func TestSSHOutbox(t *testing.T) {
	desks := make(chan *tui.Common, 1)
	ts := startServer(t, serverConfig{newDesk: func(c *tui.Common) tea.Model { desks <- c; return tui.New(c) }},
		account{name: "anne", role: model.Coordinator}, account{name: "bo", role: model.Caseworker})
	// The desk over SSH has anne's outbox, and says the scp command.
	d := ts.openDesk("anne")
	var c *tui.Common
	select {
	case c = <-desks:
	case <-time.After(waitTimeout):
		t.Fatal("no desk")
	}
	const name = "K-2026-0001-samarbejdsaftale-2026-11-25.pdf"
	where, err := c.Outbox.Save(name, func(w io.Writer) error { _, err := io.WriteString(w, "%PDF-1.3 aftale"); return err })
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(ts.path+".outbox", "anne", name); where != want {
		t.Errorf("saved in %q, want %q", where, want)
	}
	_, port, _ := net.SplitHostPort(ts.addr)
	if got, want := c.Outbox.Hint(name), "scp -O -P "+port+" 127.0.0.1:outbox/"+name+" ."; got != want {
		t.Errorf("hint %q, want %q", got, want)
	}
	for _, p := range []string{ts.path + ".outbox", filepath.Join(ts.path+".outbox", "anne")} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v %v", p, fi.Mode(), err)
		}
	}
	d.typeKeys("\x03")

	body, errOut, code := ts.scpFrom("anne", "scp", "-f", "outbox/"+name)
	if code != 0 || string(body) != "%PDF-1.3 aftale" {
		t.Fatalf("anne's fetch: exit %d, body %q, %s", code, body, errOut)
	}
	if _, _, code := ts.scpFrom("anne", "scp", "-f", name); code != 0 {
		t.Errorf("the bare file name: exit %d", code)
	}
	// bo sees only his own outbox; nothing escapes it.
	for _, tc := range []struct{ user, path string }{
		{"bo", "outbox/" + name},
		{"bo", "outbox/../anne/" + name},
		{"bo", "../anne/" + name},
		{"bo", filepath.Join(ts.path+".outbox", "anne", name)},
		{"anne", "/etc/passwd"},
		{"anne", "outbox/../../team.db"},
		{"anne", "outbox/*"},
		{"anne", "outbox/"},
	} {
		body, errOut, code := ts.scpFrom(tc.user, "scp", "-f", tc.path)
		if code == 0 || len(body) > 0 {
			t.Errorf("%s fetched %q: exit %d, %q", tc.user, tc.path, code, body)
		}
		if !strings.Contains(errOut, "outbox") {
			t.Errorf("%s %q: %q", tc.user, tc.path, errOut)
		}
	}
	// Uploads and directories are refused.
	for _, args := range [][]string{{"scp", "-t", "outbox/x.pdf"}, {"scp", "-t", "."}, {"scp", "-r", "-f", "outbox"}, {"scp"}} {
		_, errOut, code := ts.scpFrom("anne", args...)
		if code == 0 || !strings.Contains(errOut, "tovholder:") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	es, _ := os.ReadDir(filepath.Join(ts.path+".outbox", "anne"))
	if len(es) != 1 {
		t.Errorf("anne's outbox holds %d files", len(es))
	}
	// Each fetch is in the access log.
	var fetched []string
	_ = ts.st.Audit(func(e db.AuditEntry) bool {
		if e.Action == "print" {
			fetched = append(fetched, e.User+" "+e.Case+" "+e.Detail)
		}
		return true
	})
	if len(fetched) != 2 || fetched[0] != "anne K-2026-0001 fetched "+name {
		t.Errorf("log: %q", fetched)
	}
}

// The real scp, where it is installed (CI installs it).
func TestSSHOutboxRealScp(t *testing.T) {
	bin, err := exec.LookPath("scp")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("no scp on CI")
		}
		t.Skip("no scp")
	}
	ts := startServer(t, serverConfig{}, account{name: "anne", role: model.Coordinator}, account{name: "bo", role: model.Caseworker})
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	block, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "id")
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	signer, _ := gossh.NewSignerFromKey(priv)
	if err := ts.st.AddKey(model.Actor{Name: "test", Role: model.Admin}, "anne", keyOf(signer)); err != nil {
		t.Fatal(err)
	}
	const name = "K-2026-0001-samtykke-2026-11-25.md"
	if _, err := (dirOutbox{dir: ts.s.userOutbox("anne")}).Save(name, func(w io.Writer) error { _, err := io.WriteString(w, "# Samtykke\n"); return err }); err != nil {
		t.Fatal(err)
	}
	host, port, _ := net.SplitHostPort(ts.addr)
	scp := func(args ...string) (string, error) {
		cmd := exec.Command(bin, append([]string{"-O", "-P", port, "-i", keyFile, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
			"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"}, args...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := scp("anne@"+host+":outbox/"+name, "."); err != nil {
		t.Fatalf("scp: %v\n%s", err, out)
	}
	if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != "# Samtykke\n" {
		t.Errorf("fetched %q, %v", b, err)
	}
	if out, err := scp("anne@"+host+":outbox/../bo/"+name, "."); err == nil {
		t.Errorf("escaped the outbox: %s", out)
	}
	if out, err := scp(keyFile, "anne@"+host+":outbox/id"); err == nil || !strings.Contains(out, "read-only") {
		t.Errorf("upload: %v %s", err, out)
	}
	if _, err := os.Stat(filepath.Join(ts.s.userOutbox("anne"), "id")); err == nil {
		t.Error("the upload landed")
	}
}

func TestScpHint(t *testing.T) {
	for addr, want := range map[net.Addr]string{
		&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222}: "scp -O -P 2222 127.0.0.1:outbox/F.pdf .",
		&net.TCPAddr{IP: net.IPv6loopback, Port: 22}:         "scp -O -P 22 [::1]:outbox/F.pdf .",
	} {
		if got := scpHint(addr, "F.pdf"); got != want {
			t.Errorf("%v: %q, want %q", addr, got, want)
		}
	}
}
