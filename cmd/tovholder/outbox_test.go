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
