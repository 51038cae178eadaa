package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestDirOutbox(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cases.db.outbox")
	o := dirOutbox{dir: dir}
	where, err := o.Save("K-2026-0012-samarbejdsaftale-2026-11-26.pdf", func(w io.Writer) error {
		_, err := io.WriteString(w, "%PDF")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "K-2026-0012-samarbejdsaftale-2026-11-26.pdf"); where != want || o.Hint("K-2026-0012-samarbejdsaftale-2026-11-26.pdf") != want {
		t.Errorf("where %q, hint %q, want %q", where, o.Hint("x"), want)
	}
	for p, mode := range map[string]os.FileMode{dir: 0o700, where: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != mode {
			t.Errorf("%s: mode %o, want %o", p, fi.Mode().Perm(), mode)
		}
	}
	for _, bad := range []string{"", ".", "..", "../x.pdf", "/etc/passwd", "a/b.pdf", ".hidden"} {
		if _, err := o.Save(bad, func(io.Writer) error { return nil }); err == nil {
			t.Errorf("%q saved", bad)
		}
	}
	es, _ := os.ReadDir(dir)
	if len(es) != 1 {
		t.Errorf("outbox holds %d files", len(es))
	}
}

// A second printout of the same name takes the next free name: the first
// stays as it was.
func TestOutboxNeverOverwrites(t *testing.T) {
	o := dirOutbox{dir: t.TempDir()}
	for _, body := range []string{"first", "second", "third"} {
		if _, err := o.Save("K-1-samtykke-2026-11-25.md", func(w io.Writer) error { _, err := io.WriteString(w, body); return err }); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]string{"K-1-samtykke-2026-11-25.md": "first", "K-1-samtykke-2026-11-25-2.md": "second", "K-1-samtykke-2026-11-25-3.md": "third"} {
		if b, err := os.ReadFile(filepath.Join(o.dir, name)); err != nil || string(b) != want {
			t.Errorf("%s: %q, %v", name, b, err)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(o.dir, ".print-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
