package main

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"tovholder/db"
	"tovholder/model"
	"tovholder/synth"
	"tovholder/tui"
)

// dmBuild makes a real database of a few hundred synthetic cases and
// returns its bytes, cut to the pages in use (bbolt grows a file 16 MB
// ahead of them, and a cut must reach them), its page size, and the
// root pages of its buckets.
func dmBuild(t *testing.T) (data []byte, pageSize int, roots map[string]int, id string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "good.db")
	st, err := db.Open(path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := synth.Cases(300, 1, model.MakeDate(2026, 11, 20))
	if err := st.Import(cases, "importer"); err != nil {
		t.Fatal(err)
	}
	st.Close()

	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var used int64
	roots = map[string]int{}
	err = b.View(func(tx *bolt.Tx) error {
		used = tx.Size()
		for _, name := range []string{"cases", "queue", "audit"} {
			roots[name] = int(tx.Bucket([]byte(name)).Root())
		}
		return nil
	})
	pageSize = b.Info().PageSize
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	for name, pg := range roots {
		if pg < 2 {
			t.Fatalf("bucket %s has no page of its own", name)
		}
	}
	data, err = os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data[:used], pageSize, roots, cases[len(cases)/2].ID
}

type dmFile struct {
	name string
	data []byte
	want string // what stderr must say about the file
	// opens: Open succeeds, and only the commands that read a damaged
	// page fail (backup copies the file's bytes as they are).
	opens bool
}

func dmFiles(t *testing.T) ([]dmFile, string) {
	good, ps, roots, id := dmBuild(t)
	n := len(good)
	random := make([]byte, n)
	rand.New(rand.NewSource(7)).Read(random)
	metas := bytes.Clone(good)
	for _, off := range []int{0, ps} { // each meta page's checksum: page header 16, checksum at 56
		metas[off+16+56] ^= 0xff
	}
	pages := bytes.Clone(good)
	for i, name := range []string{"cases", "queue", "audit"} {
		pg := roots[name]
		rand.New(rand.NewSource(int64(i))).Read(pages[pg*ps : (pg+1)*ps])
	}
	return []dmFile{
		{"empty", nil, "the file is empty; restore it from a backup (tovholder backup makes one)", false},
		{"cut at half", good[:n/2], fmt.Sprintf("the file is truncated (it holds %d bytes, its header says %d); restore it from a backup", n/2, n), false},
		{"cut to three pages", good[:3*ps], fmt.Sprintf("the file is truncated (it holds %d bytes, its header says %d)", 3*ps, n), false},
		{"random bytes", random, "this is not a tovholder database; check that it is the right file, or restore it from a backup", false},
		{"both meta checksums broken", metas, "the file is damaged (neither copy of its header is valid); restore it from a backup", false},
		{"data pages overwritten", pages, "the file is damaged (reading it failed: ", true},
	}, id
}

// Every command on every kind of damaged file: exit 1, the file named and
// what is wrong with it said, no panic; the file left as it was.
func TestCLIDamagedDatabase(t *testing.T) {
	files, _ := dmFiles(t)
	dir := t.TempDir()
	imp := writeCases(t, synth.Cases(3, 2, model.MakeDate(2026, 11, 20)))
	for _, f := range files {
		path := filepath.Join(dir, strings.ReplaceAll(f.name, " ", "-")+".db")
		if err := os.WriteFile(path, f.data, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"queue"}, {"queue", "--json"}, {"export"}, {"import", imp}, {"audit"},
			{"backup", filepath.Join(dir, "backup.db")},
		} {
			what := fmt.Sprintf("%s: tovholder %s", f.name, strings.Join(args, " "))
			var r cliResult
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("%s panicked: %v", what, p)
					}
				}()
				r = cliRun(t, append(args, "--db", path)...)
			}()
			os.Remove(filepath.Join(dir, "backup.db"))
			if f.opens && args[0] == "backup" {
				if r.code != 0 && !strings.Contains(r.stderr, path+": ") {
					t.Errorf("%s: exit %d, %q", what, r.code, r.stderr)
				}
				continue
			}
			if r.code != 1 {
				t.Errorf("%s: exit %d, want 1\nstderr: %s", what, r.code, r.stderr)
			}
			if want := path + ": " + f.want; !strings.Contains(r.stderr, want) {
				t.Errorf("%s: stderr %q\nwant it to hold %q", what, r.stderr, want)
			}
			if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine") {
				t.Errorf("%s: stderr reads like a crash: %q", what, r.stderr)
			}
			if after, _ := os.ReadFile(path); !f.opens && !bytes.Equal(after, f.data) {
				t.Errorf("%s changed the file", what)
			}
		}
	}
}

// The real binary on a truncated file and on one with garbage pages:
// exit 1 and a sentence, not a panic or a signal (a 100k-case file cut at
// half used to die with SIGBUS on open; garbage pages panicked in export).
func TestBinaryOnDamagedDatabase(t *testing.T) {
	files, _ := dmFiles(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	for _, f := range files {
		if f.name != "cut at half" && f.name != "data pages overwritten" {
			continue
		}
		path := filepath.Join(dir, strings.ReplaceAll(f.name, " ", "-")+".db")
		if err := os.WriteFile(path, f.data, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"export"}, {"queue"}, {"queue", "--json"}} {
			cmd := exec.Command(bin, append(args, "--db", path)...)
			cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			code := cmd.ProcessState.ExitCode()
			what := fmt.Sprintf("%s: tovholder %s", f.name, strings.Join(args, " "))
			if code != 1 {
				t.Errorf("%s: exit %d (%v), want 1\nstderr: %s", what, code, err, stderr.String())
			}
			for _, bad := range []string{"panic", "SIGSEGV", "SIGBUS", "goroutine"} {
				if strings.Contains(stderr.String(), bad) {
					t.Errorf("%s: stderr mentions %s:\n%s", what, bad, stderr.String())
				}
			}
			if !strings.Contains(stderr.String(), path+": "+f.want) {
				t.Errorf("%s: stderr %q does not say %q", what, stderr.String(), f.want)
			}
		}
	}
}

// The desk opening a case whose pages are garbage shows the error on the
// screen where the case would be.
func TestDeskCaseOnDamagedDatabase(t *testing.T) {
	files, id := dmFiles(t)
	f := files[len(files)-1]
	path := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(path, f.data, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := db.Open(path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	lang, _ := tui.ParseLang("en")
	c := tui.NewCommon(st, "anne", model.Coordinator, lang, nil, nil)
	c.Width, c.Height = 100, 30
	screen := tui.NewCaseView(c, id).View()
	for _, want := range []string{"The case could not be read", path + ": the file is damaged"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the case screen does not say %q:\n%s", want, screen)
		}
	}
}
