package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/scp"
)

// Over SSH a desk's printouts land in the user's outbox on the server,
// FILE.outbox/USER, and are fetched with scp from there:
//
//	scp -O -P 2222 HOST:outbox/K-2026-0012-samarbejdsaftale-2026-11-26.pdf .
//
// Read-only: wish's scp middleware with a handler that serves one named
// file of the user's own outbox, nothing else. -O asks OpenSSH's scp
// (9.0 and later) for the scp protocol, not SFTP, which the server does
// not speak.

// userOutbox is the directory of name's printouts; "" if the name cannot
// be a directory's.
func (s *server) userOutbox(name string) string {
	if checkOutboxName(name) != nil {
		return ""
	}
	return filepath.Join(s.outbox, name)
}

// deskOutbox is the outbox of a desk over SSH: the user's, with the scp
// command to fetch a file, to the address the client connected to.
func (s *server) deskOutbox(sess ssh.Session, user string) *dirOutbox {
	dir := s.userOutbox(user)
	if dir == "" {
		return nil
	}
	addr := sess.LocalAddr()
	return &dirOutbox{dir: dir, hint: func(name string) string { return scpHint(addr, name) }}
}

// scpHint is the command that fetches name from the outbox over addr.
func scpHint(addr net.Addr, name string) string {
	host, port := "HOST", "2222"
	if addr != nil {
		if h, p, err := net.SplitHostPort(addr.String()); err == nil {
			host, port = h, p
		}
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return fmt.Sprintf("scp -O -P %s %s:outbox/%s .", port, host, name)
}

// scpOutbox serves an scp session before the commands and the desk see
// it: copies from the user's outbox to the client, one file at a time.
// Uploads, recursive copies and anything outside the outbox are refused.
func (s *server) scpOutbox(next ssh.Handler) ssh.Handler {
	serve := scp.Middleware(outboxReader{s}, nil)(next)
	return func(sess ssh.Session) {
		cmd := sess.Command()
		if len(cmd) == 0 || cmd[0] != "scp" {
			next(sess)
			return
		}
		refuse := func(why string) {
			s.log.Printf("%s: scp %q refused: %s", userOf(sess).Name, strings.Join(cmd[1:], " "), why)
			wish.Fatalln(sess, "tovholder: "+why)
		}
		from := false
		for i, a := range cmd[1:] {
			switch a {
			case "-t", "-d":
				refuse("the outbox is read-only: nothing can be copied to the server")
				return
			case "-r":
				refuse("one file at a time: scp -O -P PORT HOST:outbox/FILE .")
				return
			case "-f":
				if i+2 >= len(cmd) {
					refuse("which file? scp -O -P PORT HOST:outbox/FILE .")
					return
				}
				from = true
			}
		}
		if !from {
			refuse("only fetching from the outbox: scp -O -P PORT HOST:outbox/FILE .")
			return
		}
		if s.userOutbox(userOf(sess).Name) == "" {
			refuse("no outbox for this account")
			return
		}
		w := &exitWatch{Session: sess}
		serve(w)
		if !w.exited { // sent: wait for the client's last word
			drainAcks(sess)
		}
	}
}

// exitWatch notes that the scp middleware ended the session with an error.
type exitWatch struct {
	ssh.Session
	exited bool
}

func (w *exitWatch) Exit(code int) error { w.exited = true; return w.Session.Exit(code) }

// drainAcks reads the client's acknowledgements of one file: wish's scp
// sends without waiting for them, and a session that ends before they
// came leaves OpenSSH's scp with "lost connection" and exit status 1,
// the file fetched or not. The client sends four: ready, then one after
// the times, the file's header and its body.
func drainAcks(sess ssh.Session) {
	done := make(chan struct{})
	go func() {
		_, _ = io.ReadFull(sess, make([]byte, 4))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
	}
}

// outboxReader is scp's read-only view of the session's user's outbox.
type outboxReader struct{ s *server }

var errNoTree = errors.New("one file at a time: the outbox has no directories")

// name is the file in the outbox path p names: "outbox/FILE" or "FILE",
// nothing under it, above it, hidden or a pattern.
func outboxFile(p string) (string, error) {
	name := strings.TrimPrefix(p, "outbox/")
	if err := checkOutboxName(name); err != nil || strings.ContainsAny(name, "*?[]{}~") {
		return "", fmt.Errorf("%q is not a file in your outbox: scp -O -P PORT HOST:outbox/FILE .", p)
	}
	return name, nil
}

func (r outboxReader) Glob(sess ssh.Session, p string) ([]string, error) {
	name, err := outboxFile(p)
	if err != nil {
		return nil, err
	}
	return []string{name}, nil
}

func (r outboxReader) WalkDir(ssh.Session, string, fs.WalkDirFunc) error { return errNoTree }

func (r outboxReader) NewDirEntry(ssh.Session, string) (*scp.DirEntry, error) { return nil, errNoTree }

// NewFileEntry opens a file of the user's outbox; the fetch is logged
// first, and a fetch that cannot be logged is refused.
func (r outboxReader) NewFileEntry(sess ssh.Session, p string) (*scp.FileEntry, func() error, error) {
	name, err := outboxFile(p)
	if err != nil {
		return nil, nil, err
	}
	u := userOf(sess)
	dir := r.s.userOutbox(u.Name)
	if dir == "" {
		return nil, nil, errors.New("no outbox for this account")
	}
	full := filepath.Join(dir, name)
	fi, err := os.Lstat(full)
	if err != nil || !fi.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%q is not in your outbox", name)
	}
	if err := r.s.store.LogAccess(u.Name, "print", fileCase(name), "fetched "+name); err != nil {
		return nil, nil, fmt.Errorf("the fetch could not be logged, so it is refused: %w", err)
	}
	f, err := os.Open(full)
	if err != nil {
		return nil, nil, fmt.Errorf("%q cannot be read", name)
	}
	return &scp.FileEntry{
		Name: name, Filepath: name, Mode: 0o600, Size: fi.Size(), Reader: f,
		Mtime: fi.ModTime().Unix(), Atime: fi.ModTime().Unix(),
	}, f.Close, nil
}

var caseInName = regexp.MustCompile(`^[A-Z]+-[0-9]{4}-[0-9]+`)

// fileCase is the case a printout's file name begins with, or "".
func fileCase(name string) string { return caseInName.FindString(name) }
