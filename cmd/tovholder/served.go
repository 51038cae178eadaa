package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"tovholder/db"
)

// While tovholder serve has a database open, it keeps a small file beside
// it, FILE.serve, saying where it listens. A local command that finds the
// database locked reads it, so that it can say where to go instead of
// "in use": the same command over SSH.

// served is what FILE.serve holds.
type served struct {
	PID     int       `json:"pid"`
	Listen  string    `json:"listen"` // the address the server listens on
	Host    string    `json:"host"`   // the host to give ssh
	Port    string    `json:"port"`
	Started time.Time `json:"started"`
}

// servedPath is the marker's file name for a database.
func servedPath(dbPath string) string { return dbPath + ".serve" }

// servedAt is the marker of a server of this process listening on addr.
func servedAt(addr net.Addr, started time.Time) (served, error) {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return served{}, err
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		if name, err := os.Hostname(); err == nil && name != "" {
			host = name
		}
	}
	return served{PID: os.Getpid(), Listen: addr.String(), Host: host, Port: port, Started: started.UTC()}, nil
}

// markServed writes the marker of a server of this process listening on addr.
func markServed(dbPath string, addr net.Addr, started time.Time) error {
	m, err := servedAt(addr, started)
	if err != nil {
		return err
	}
	return writeServed(dbPath, m)
}

// writeServed writes a marker beside the database.
func writeServed(dbPath string, m served) error {
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	// Written aside and renamed into place: a reader never sees half of it.
	tmp, err := os.CreateTemp(filepath.Dir(dbPath), "."+filepath.Base(dbPath)+".serve-")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), servedPath(dbPath))
}

// unmarkServed removes the marker, if it is this process's.
func unmarkServed(dbPath string) {
	if m, ok := readServed(dbPath, false); ok && m.PID == os.Getpid() {
		os.Remove(servedPath(dbPath))
	}
}

// readServed reads the marker of a database; with alive, only one whose
// process still runs (a server that was killed leaves its marker behind).
func readServed(dbPath string, alive bool) (served, bool) {
	var m served
	data, err := os.ReadFile(servedPath(dbPath))
	if err != nil || json.Unmarshal(data, &m) != nil || m.PID <= 0 || m.Port == "" {
		return m, false
	}
	if alive {
		if err := syscall.Kill(m.PID, 0); err != nil && !errors.Is(err, syscall.EPERM) {
			return m, false
		}
	}
	return m, true
}

// lockedError is a database another process holds.
type lockedError struct {
	path string
	err  error
}

func (e *lockedError) Error() string { return e.err.Error() }
func (e *lockedError) Unwrap() error { return e.err }

// openDB opens a database; when another process holds it, the error says
// which file, so that run can look for a server's marker beside it.
func openDB(path string, opt db.Options) (*db.Store, error) {
	st, err := db.Open(path, opt)
	if errors.Is(err, db.ErrLocked) {
		return nil, &lockedError{path: path, err: err}
	}
	return st, err
}

// servedError is what a command says when the database it needs is served:
// where, and the same command over SSH. ok is false when no server is
// serving it (then the database is simply in use).
func servedError(le *lockedError, name string, args []string) (string, bool) {
	m, ok := readServed(le.path, true)
	if !ok {
		return "", false
	}
	if name == "serve" {
		return fmt.Sprintf("%s is served already, by tovholder serve (pid %d) on %s", le.path, m.PID, m.Listen), true
	}
	return fmt.Sprintf("%s is served by tovholder serve (pid %d) on %s; run the command over SSH: %s",
		le.path, m.PID, m.Listen, sshCommandLine(m, name, args)), true
}

// sshCommandLine is a local command line as it is typed over SSH: the same
// command and flags, less those the server decides (the database, the
// configuration, who works and in which role), with the files a local
// command reads or writes by name on standard input or output.
func sshCommandLine(m served, name string, args []string) string {
	line := []string{"ssh", "-p", m.Port, m.Host}
	if name == "desk" || name == "demo" {
		return strings.Join(line, " ") // the desk: who and how come from the account
	}
	// Flags that take a value; the rest are switches.
	valued := map[string]bool{"db": true, "config": true, "user": true, "role": true, "lang": true, "today": true,
		"limit": true, "case": true, "key": true, "theme": true, "listen": true, "idle": true}
	drop := map[string]bool{"db": true, "config": true, "user": true}
	var kept, pos []string
	var stdin, stdout string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		flagName, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if valued[flagName] && !hasValue && i+1 < len(args) {
			i++
			value, hasValue = args[i], true
		}
		switch {
		case drop[flagName]:
		case name == "user" && flagName == "key":
			stdin = value
		case hasValue:
			kept = append(kept, "--"+flagName, value)
		default:
			kept = append(kept, a)
		}
	}
	switch name {
	case "import":
		if len(pos) > 0 {
			stdin, pos = pos[0], pos[1:]
		}
	case "backup":
		if len(pos) > 0 {
			stdout, pos = pos[0], pos[1:]
		}
	case "user":
		if len(pos) == 3 && pos[0] == "key-add" {
			stdin, pos = pos[2], pos[:2]
		}
	}
	line = append(line, name)
	for _, a := range append(pos, kept...) {
		line = append(line, shellQuote(a))
	}
	if stdin != "" {
		line = append(line, "<", shellQuote(stdin))
	}
	if stdout != "" {
		line = append(line, ">", shellQuote(stdout))
	}
	return strings.Join(line, " ")
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:=,@%+-]+$`)

// shellQuote quotes a word for a POSIX shell, when it needs it.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
