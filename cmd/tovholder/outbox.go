package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// dirOutbox is a directory the desk's printouts go into: locally
// FILE.outbox beside the database, over SSH FILE.outbox/USER. The
// directories are the owner's alone (0700), the files too (0600): they
// hold personal data.
type dirOutbox struct {
	dir string
	// hint says how to fetch a file; nil: its full path.
	hint func(name string) string
}

// outboxDir is the outboxes' directory of the database at path.
func outboxDir(path string) string { return path + ".outbox" }

// checkOutboxName refuses anything but a plain file name: no directory,
// no "..", nothing hidden.
func checkOutboxName(name string) error {
	if name == "" || name == "." || name == ".." || strings.HasPrefix(name, ".") ||
		strings.ContainsAny(name, `/\`+"\x00") || filepath.Base(name) != name {
		return fmt.Errorf("%q is not a file name in the outbox", name)
	}
	return nil
}

func (o dirOutbox) Save(name string, write func(io.Writer) error) (string, error) {
	if err := checkOutboxName(name); err != nil {
		return "", err
	}
	if err := mkdirPrivate(o.dir); err != nil {
		return "", err
	}
	// Written aside and renamed: a fetch never sees half a file.
	f, err := os.CreateTemp(o.dir, ".print-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(f.Name())
	werr := write(f)
	if err := f.Close(); werr == nil {
		werr = err
	}
	if werr != nil {
		return "", werr
	}
	if err := os.Chmod(f.Name(), 0o600); err != nil {
		return "", err
	}
	// Linked, never renamed over: a printout made earlier (the same
	// document, the same day) stays; this one takes the next free name.
	ext := filepath.Ext(name)
	p := filepath.Join(o.dir, name)
	for n := 2; ; n++ {
		err := os.Link(f.Name(), p)
		if err == nil {
			break
		}
		if !errors.Is(err, os.ErrExist) || n > 999 {
			return "", err
		}
		p = filepath.Join(o.dir, fmt.Sprintf("%s-%d%s", strings.TrimSuffix(name, ext), n, ext))
	}
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return p, nil
}

func (o dirOutbox) Hint(name string) string {
	if o.hint != nil {
		return o.hint(name)
	}
	p := filepath.Join(o.dir, name)
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return p
}

// mkdirPrivate makes dir and its missing parents, mode 0700, and
// refuses one that is not a directory.
func mkdirPrivate(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return errors.New(dir + " is not a directory")
	}
	return nil
}
