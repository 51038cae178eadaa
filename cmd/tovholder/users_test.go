package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// writeKey writes a new public key as an authorized_keys line and returns
// the file and the key's fingerprint.
func writeKey(t *testing.T, dir, name string) (file, fp string) {
	t.Helper()
	s := newSigner(t)
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey()))) + " " + name + "@laptop\n"
	return cliWrite(t, dir, name+".pub", line), gossh.FingerprintSHA256(s.PublicKey())
}

// The user command, locally: as the file's operator, --user in the log.
func TestCLIUsers(t *testing.T) {
	t.Parallel()
	dir, dbPath := cliSetup(t)
	anneKey, anneFP := writeKey(t, dir, "anne")
	laptop, laptopFP := writeKey(t, dir, "anne2")
	r := cliRun(t, "user", "add", "anne", "--role", "caseworker", "--key", anneKey, "--db", dbPath, "--user", "ada", "--lang", "en")
	if r.code != 0 || r.stderr != "added anne (caseworker) with key "+anneFP+"\n" {
		t.Fatalf("user add: exit %d, %q", r.code, r.stderr)
	}
	cliMustRun(t, "user", "key-add", "anne", laptop, "--db", dbPath)
	cliMustRun(t, "user", "set", "anne", "--theme", "light", "--db", dbPath)
	toveKey, _ := writeKey(t, dir, "tove")
	cliMustRun(t, "user", "add", "tove", "--role", "coordinator", "--key", toveKey, "--db", dbPath)
	cliMustRun(t, "user", "disable", "tove", "--db", dbPath)
	list := cliMustRun(t, "user", "list", "--db", dbPath)
	lines := strings.Split(strings.TrimSpace(list), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "NAME") {
		t.Fatalf("user list:\n%s", list)
	}
	for i, want := range [][]string{
		{"anne", "caseworker", "no", "light", "en", anneFP, "anne@laptop"},
		{laptopFP, "anne2@laptop"},
		{"tove", "coordinator", "yes", "dark", "da"},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i+1], w) {
				t.Errorf("user list line %d lacks %q:\n%s", i+1, w, list)
			}
		}
	}
	audit := cliMustRun(t, "audit", "--db", dbPath)
	if l := lineWith(audit, "user.add", "anne caseworker"); !strings.Contains(l, "ada") {
		t.Errorf("the audit log does not name ada as adding anne:\n%s", audit)
	}

	// Keys that are not one public key, and other mistakes.
	private := cliWrite(t, dir, "id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n")
	two := cliWrite(t, dir, "two.pub", mustRead(t, anneKey)+mustRead(t, laptop))
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"add", "ole", "--role", "caseworker", "--key", private}, "is a private key"},
		{[]string{"add", "ole", "--role", "caseworker", "--key", two}, "more than one key"},
		{[]string{"add", "ole", "--role", "caseworker", "--key", cliWrite(t, dir, "junk.pub", "ssh-ed25519 not-base64!\n")}, "no public key in authorized_keys form"},
		{[]string{"add", "ole", "--role", "caseworker", "--key", cliWrite(t, dir, "empty.pub", "\n")}, "is empty"},
		{[]string{"add", "ole", "--role", "caseworker", "--key", filepath.Join(dir, "missing.pub")}, "no such file"},
		{[]string{"add", "ole", "--role", "caseworker", "--key", anneKey}, "belongs to anne already"},
		{[]string{"add", "ole", "--role", "boss", "--key", anneKey}, "unknown role"},
		{[]string{"add", "ole", "--key", anneKey}, "needs --role"},
		{[]string{"add", "ole", "--role", "caseworker"}, "needs --key"},
		{[]string{"add", "anne", "--role", "caseworker", "--key", toveKey}, "exists already"},
		{[]string{"set", "anne"}, "--theme, --lang or both"},
		{[]string{"set", "anne", "--theme", "pink"}, "unknown theme"},
		{[]string{"list", "--role", "caseworker"}, "--role is not a flag of user list"},
		{[]string{"disable", "nobody"}, "no such user"},
		{[]string{"frob"}, "unknown subcommand"},
		{nil, "give a subcommand"},
	} {
		r := cliRun(t, append(append([]string{"user"}, c.args...), "--db", dbPath)...)
		if r.code != 1 || !strings.Contains(r.stderr, c.says) {
			t.Errorf("user %v: exit %d, %q; want %q", c.args, r.code, r.stderr, c.says)
		}
		if strings.Contains(r.stderr, "b3BlbnNzaC1rZXktdjEAAAAA") {
			t.Errorf("user %v repeats the private key: %q", c.args, r.stderr)
		}
	}

	who := cliMustRun(t, "whoami", "--db", dbPath, "--user", "anne")
	if !strings.Contains(who, "caseworker") || !strings.Contains(who, "light") {
		t.Errorf("whoami:\n%s", who)
	}
	if who := cliMustRun(t, "whoami", "--db", dbPath, "--user", "someone"); !strings.Contains(who, "not in the users table") {
		t.Errorf("whoami of someone not in the table:\n%s", who)
	}
}

func mustRead(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The local desk and the users table: a user it has works in its role, and
// --role is refused when it says otherwise; a disabled user gets no desk.
func TestCLIDeskUsersTable(t *testing.T) {
	t.Parallel()
	dir, dbPath := cliSetup(t)
	key, _ := writeKey(t, dir, "anne")
	cliMustRun(t, "user", "add", "anne", "--role", "caseworker", "--key", key, "--db", dbPath)
	r := cliRun(t, "--db", dbPath, "--user", "anne", "--role", "coordinator")
	if r.code != 1 || !strings.Contains(r.stderr, "anne is a caseworker in the users table, not coordinator: leave out --role") {
		t.Errorf("a role the table does not give: exit %d, %q", r.code, r.stderr)
	}
	cliMustRun(t, "user", "disable", "anne", "--db", dbPath)
	for _, args := range [][]string{{"--db", dbPath, "--user", "anne"}, {"demo", "--db", dbPath, "--user", "anne"}} {
		r = cliRun(t, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "anne is disabled in the users table") {
			t.Errorf("tovholder %v for a disabled user: exit %d, %q", args, r.code, r.stderr)
		}
	}
}

// demo --no-desk fills the database and stops.
func TestCLIDemoNoDesk(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "demo.db")
	r := cliRun(t, "demo", "--db", dbPath, "--no-desk", "--today", "2026-11-25")
	if r.code != 0 || !strings.Contains(r.stderr, "300 fictitious cases made") {
		t.Fatalf("demo --no-desk: exit %d, %q", r.code, r.stderr)
	}
	if r := cliRun(t, "demo", "--db", dbPath, "--no-desk"); r.code != 0 || r.stderr != "" {
		t.Errorf("demo --no-desk again: exit %d, %q", r.code, r.stderr)
	}
	if q := cliMustRun(t, "queue", "--db", dbPath, "--limit", "3"); strings.Count(q, "\n") != 4 {
		t.Errorf("the demo's queue:\n%s", q)
	}
}

// A local command on a database a server holds says where the server is
// and the same command over SSH, not just "in use".
func TestCLIServedDatabase(t *testing.T) {
	t.Parallel()
	dir, dbPath := cliSetup(t)
	cliHold(t, dbPath)
	addr := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222}
	if err := markServed(dbPath, addr, time.Now()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unmarkServed(dbPath) })
	key, _ := writeKey(t, dir, "bo")
	in := cliWrite(t, dir, "more.json", `{"format": "tovholder/v1", "cases": [{"id": "K-new"}]}`)
	var wg sync.WaitGroup
	prefix := dbPath + " is served by tovholder serve (pid " + strconv.Itoa(os.Getpid()) + ") on 127.0.0.1:2222; run the command over SSH: "
	for _, c := range []struct {
		args []string
		ssh  string
	}{
		{[]string{"queue", "--db", dbPath, "--json", "--today", "2026-11-25"}, "ssh -p 2222 127.0.0.1 queue --json --today 2026-11-25"},
		{[]string{"queue", "--db=" + dbPath, "--limit=3"}, "ssh -p 2222 127.0.0.1 queue --limit 3"},
		{[]string{"export", "--redact", "--db", dbPath, "--user", "tove"}, "ssh -p 2222 127.0.0.1 export --redact"},
		{[]string{"audit", "--db", dbPath, "--case", "K-1"}, "ssh -p 2222 127.0.0.1 audit --case K-1"},
		{[]string{"import", "--db", dbPath, in}, "ssh -p 2222 127.0.0.1 import < " + in},
		{[]string{"backup", "--db", dbPath, filepath.Join(dir, "copy.db")}, "ssh -p 2222 127.0.0.1 backup > " + filepath.Join(dir, "copy.db")},
		{[]string{"user", "add", "bo", "--role", "caseworker", "--key", key, "--db", dbPath}, "ssh -p 2222 127.0.0.1 user add bo --role caseworker < " + key},
		{[]string{"user", "list", "--db", dbPath}, "ssh -p 2222 127.0.0.1 user list"},
		{[]string{"--db", dbPath, "--user", "anne", "--lang", "en"}, "ssh -p 2222 127.0.0.1"},
	} {
		// Each waits for the lock before it gives up: side by side.
		wg.Go(func() {
			var out, errb bytes.Buffer
			code := run(c.args, strings.NewReader(""), &out, &errb)
			name := c.args[0]
			if strings.HasPrefix(name, "-") {
				name = "desk"
			}
			if want := "tovholder " + name + ": " + prefix + c.ssh + "\n"; code != 1 || errb.String() != want {
				t.Errorf("tovholder %v: exit %d\n got %q\nwant %q", c.args, code, errb.String(), want)
			}
		})
	}
	wg.Wait()
}

// A marker whose server is gone: the database is in use, as before.
func TestCLIServedMarkerStale(t *testing.T) {
	t.Parallel()
	_, dbPath := cliSetup(t)
	cliHold(t, dbPath)
	if err := os.WriteFile(servedPath(dbPath), []byte(`{"pid": 999999999, "listen": "127.0.0.1:2222", "host": "127.0.0.1", "port": "2222"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := cliRun(t, "queue", "--db", dbPath); r.code != 1 || !strings.Contains(r.stderr, "in use") || strings.Contains(r.stderr, "served") {
		t.Errorf("with a stale marker: exit %d, %q", r.code, r.stderr)
	}
}

// The host key is made once, readable by its owner only, and kept; one
// that others can read is refused.
func TestHostKey(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "team.db.hostkey")
	s1, err := hostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the host key's mode: %v %v", fi.Mode(), err)
	}
	s2, err := hostKey(path)
	if err != nil || keyID(s1.PublicKey()) != keyID(s2.PublicKey()) || s1.PublicKey().Type() != "ssh-ed25519" {
		t.Fatalf("the host key again: %v", err)
	}
	os.Chmod(path, 0o644)
	if _, err := hostKey(path); err == nil || !strings.Contains(err.Error(), "can be read by others") || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a host key others can read: %v", err)
	}
	// serve refuses to start with it, before it opens anything.
	dbPath := strings.TrimSuffix(path, ".hostkey")
	r := cliRun(t, "serve", "--db", dbPath, "--listen", "127.0.0.1:0")
	if r.code != 1 || !strings.Contains(r.stderr, "can be read by others") {
		t.Errorf("serve with an open host key: exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Stat(dbPath); !os.IsNotExist(err) {
		t.Error("serve made the database before it refused the host key")
	}
}
