package db

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"tovholder/model"
	"tovholder/synth"
)

// A real database of synthetic cases, built once per test binary: its
// bytes, its page size, and a case id it holds.
var dmGood struct {
	once     sync.Once
	data     []byte
	pageSize int
	id       string
	err      error
}

func dmDatabase(t *testing.T) (data []byte, pageSize int, id string) {
	t.Helper()
	dmGood.once.Do(func() {
		dir, err := os.MkdirTemp("", "tovholder-damaged")
		if err != nil {
			dmGood.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "good.db")
		dmGood.err = func() error {
			s, err := Open(path, Options{})
			if err != nil {
				return err
			}
			defer s.Close()
			cases := synth.Cases(300, 1, model.MakeDate(2026, 11, 20))
			if err := s.Import(cases, "importer"); err != nil {
				return err
			}
			dmGood.id = cases[len(cases)/2].ID
			for _, c := range cases[:20] { // some history beyond the import
				if _, _, err := s.OpenCase(c.ID, "anne"); err != nil {
					return err
				}
			}
			dmGood.pageSize = s.bolt.Info().PageSize
			return nil
		}()
		if dmGood.err == nil {
			dmGood.data, dmGood.err = os.ReadFile(path)
		}
		if dmGood.err == nil {
			// bbolt grows a file 16 MB at a time, ahead of the pages in use;
			// keep only those (as a compacted copy has), so that a cut at
			// half cuts into them, and hundreds of copies fit on the disk.
			m, ok := dmMeta(dmGood.data)
			if !ok {
				dmGood.err = errors.New("no valid meta page in the new database")
				return
			}
			dmGood.data = dmGood.data[:m.pgid*uint64(m.pageSize)]
		}
	})
	if dmGood.err != nil {
		t.Fatalf("building the database: %v", dmGood.err)
	}
	return bytes.Clone(dmGood.data), dmGood.pageSize, dmGood.id
}

// dmMeta is the meta page bbolt uses, read with check.go's readMeta.
func dmMeta(data []byte) (boltMeta, bool) {
	r := bytes.NewReader(data)
	m0, s0 := readMeta(r, 0)
	if s0 != metaValid {
		return m0, false
	}
	if m1, s1 := readMeta(r, int64(m0.pageSize)); s1 == metaValid && m1.txid > m0.txid {
		return m1, true
	}
	return m0, true
}

// dmBucketRoot is the root page of a bucket of the database.
func dmBucketRoot(t *testing.T, data []byte, bucket []byte) int {
	t.Helper()
	path := dmWrite(t, "find.db", data)
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var root int
	if err := b.View(func(tx *bolt.Tx) error {
		root = int(tx.Bucket(bucket).Root())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if root < 2 {
		t.Fatalf("bucket %s has no page of its own", bucket)
	}
	return root
}

func dmWrite(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// dmGarbage overwrites page id with seeded random bytes.
func dmGarbage(data []byte, pageSize, id int, seed int64) []byte {
	rand.New(rand.NewSource(seed)).Read(data[id*pageSize : (id+1)*pageSize])
	return data
}

type dmDamage struct {
	name string
	data []byte
	// kind is what Open must refuse the file as, and want a phrase its
	// message must hold; a nil kind: the file may open.
	kind error
	want string
}

func dmDamages(t *testing.T) []dmDamage {
	good, ps, _ := dmDatabase(t)
	n := len(good)
	random := make([]byte, n)
	rand.New(rand.NewSource(7)).Read(random)
	metas := bytes.Clone(good)
	metas[pageHeaderSize+metaSumOffset] ^= 0xff
	metas[ps+pageHeaderSize+metaSumOffset] ^= 0xff
	cases := dmBucketRoot(t, good, bucketCases)
	return []dmDamage{
		{"empty", nil, ErrEmpty, "the file is empty; restore it from a backup"},
		{"cut at half", good[:n/2], ErrTruncated,
			fmt.Sprintf("the file is truncated (it holds %d bytes, its header says %d); restore it from a backup (tovholder backup makes one)", n/2, n)},
		{"cut to three pages", good[:3*ps], ErrTruncated, fmt.Sprintf("(it holds %d bytes, its header says %d)", 3*ps, n)},
		{"cut inside the first page", good[:100], ErrTruncated, "the file is truncated"},
		{"random bytes", random, ErrNotTovholder, "this is not a tovholder database"},
		{"both meta checksums broken", metas, ErrDamaged, "neither copy of its header is valid"},
		{"a page of the cases overwritten", dmGarbage(bytes.Clone(good), ps, cases, 1), nil, ""},
	}
}

// dmReaders are every reading method of the store.
func dmReaders(s *Store, id string) map[string]func() error {
	return map[string]func() error{
		"Queue":     func() error { return s.Queue(func(Entry) bool { return true }) },
		"Triage":    func() error { return s.Triage(func(Entry) bool { return true }) },
		"Deadlines": func() error { return s.Deadlines(func(string, model.Date, string) bool { return true }) },
		"Case":      func() error { _, err := s.Case(id); return err },
		"OpenCase":  func() error { _, _, err := s.OpenCase(id, "anne"); return err },
		"Cases":     func() error { return s.Cases(func(*model.Case) error { return nil }) },
		"Audit":     func() error { return s.Audit(func(AuditEntry) bool { return true }) },
		"History":   func() error { _, err := s.History(id); return err },
		"Count":     func() error { s.Count(); return nil },
		"QueueLen":  func() error { s.QueueLen(); return nil },
		"Backup":    func() error { return s.Backup(io.Discard) },
	}
}

// dmCall runs f and reports a panic as a test failure rather than a crash.
func dmCall(t *testing.T, what string, f func() error) (err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s panicked: %v\n%s", what, r, debug.Stack())
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f()
}

// dmCheckErr: an error that says the file is damaged names it.
func dmCheckErr(t *testing.T, what, path string, err error) {
	t.Helper()
	if errors.Is(err, ErrDamaged) && !strings.Contains(err.Error(), path) {
		t.Errorf("%s: the error does not name the file: %v", what, err)
	}
}

func dmOpen(t *testing.T, path string, readOnly bool) (*Store, error) {
	t.Helper()
	var s *Store
	err := dmCall(t, "Open", func() (err error) {
		s, err = Open(path, Options{ReadOnly: readOnly, LockTimeout: 300 * time.Millisecond})
		return err
	})
	return s, err
}

func TestDamagedFileOpen(t *testing.T) {
	_, _, id := dmDatabase(t)
	for _, d := range dmDamages(t) {
		for _, ro := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/read-only=%t", d.name, ro), func(t *testing.T) {
				path := dmWrite(t, "damaged.db", d.data)
				s, err := dmOpen(t, path, ro)
				if d.kind != nil {
					if err == nil {
						s.Close()
						t.Fatalf("Open succeeded, want %v", d.kind)
					}
					if !errors.Is(err, ErrDamaged) || !errors.Is(err, d.kind) {
						t.Errorf("Open: %v\nwant an error that wraps ErrDamaged and %v", err, d.kind)
					}
					if want := path + ": " + d.want; !strings.Contains(err.Error(), d.want) || !strings.HasPrefix(err.Error(), path+": ") {
						t.Errorf("Open: %q\nwant it to hold %q", err, want)
					}
					after, _ := os.ReadFile(path)
					if !bytes.Equal(after, d.data) {
						t.Errorf("a refused Open changed the file (%d bytes, was %d)", len(after), len(d.data))
					}
					return
				}
				if err != nil {
					dmCheckErr(t, "Open", path, err)
					return
				}
				defer s.Close()
				for name, f := range dmReaders(s, id) {
					dmCheckErr(t, name, path, dmCall(t, name, f))
				}
			})
		}
	}
}

// A page of the cases overwritten with garbage: the file opens (Open reads
// only the header, the root and the meta bucket), reading the cases fails
// with an error that names the file, and the store goes on working.
func TestDamagedPageIsAnError(t *testing.T) {
	good, ps, id := dmDatabase(t)
	path := dmWrite(t, "damaged.db", dmGarbage(good, ps, dmBucketRoot(t, good, bucketCases), 1))
	for _, ro := range []bool{true, false} {
		s, err := dmOpen(t, path, ro)
		if err != nil {
			t.Fatalf("read-only %t: Open: %v", ro, err)
		}
		for name, f := range map[string]func() error{
			"Case":  func() error { _, err := s.Case(id); return err },
			"Cases": func() error { return s.Cases(func(*model.Case) error { return nil }) },
		} {
			err := dmCall(t, name, f)
			if !errors.Is(err, ErrDamaged) || !strings.HasPrefix(err.Error(), path+": the file is damaged (") ||
				!strings.Contains(err.Error(), "restore it from a backup") {
				t.Errorf("read-only %t: %s: %v, want the file named as damaged", ro, name, err)
			}
		}
		// The queue has its own pages: still readable after the failures.
		n := 0
		if err := s.Queue(func(Entry) bool { n++; return true }); err != nil || n == 0 {
			t.Errorf("read-only %t: Queue after a failed read: %d rows, %v", ro, n, err)
		}
		if !ro {
			// A write transaction that failed released bbolt's lock.
			if _, _, err := s.OpenCase(id, "anne"); !errors.Is(err, ErrDamaged) {
				t.Errorf("OpenCase: %v, want ErrDamaged", err)
			}
			if err := s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put([]byte("probe"), []byte("1")) }); err != nil {
				t.Errorf("a write after a failed one: %v", err)
			}
		}
		s.Close()
	}
}

// Every page but the two meta pages, in turn, overwritten with garbage:
// Open and every reading method give an error or a result, never a panic.
func TestDamagedEveryPage(t *testing.T) {
	good, ps, id := dmDatabase(t)
	pages := len(good) / ps
	step := 1
	if testing.Short() {
		step = 7
	}
	for pg := 2; pg < pages; pg += step {
		for _, ro := range []bool{true, false} {
			data := dmGarbage(bytes.Clone(good), ps, pg, int64(pg))
			path := dmWrite(t, fmt.Sprintf("page%d.db", pg), data)
			s, err := dmOpen(t, path, ro)
			if err != nil {
				dmCheckErr(t, fmt.Sprintf("page %d: Open", pg), path, err)
				continue
			}
			for name, f := range dmReaders(s, id) {
				what := fmt.Sprintf("page %d, read-only %t: %s", pg, ro, name)
				dmCheckErr(t, what, path, dmCall(t, what, f))
			}
			if err := s.Close(); err != nil {
				t.Errorf("page %d: Close: %v", pg, err)
			}
		}
		if t.Failed() {
			return // one page's failures say enough
		}
	}
}

// A file cut short under an open store: the pages past its new end are
// still mapped, and reading one is a fault (SIGBUS) that must become an
// error, not kill the process. Open's check cannot see this coming.
func TestFileTruncatedWhileOpen(t *testing.T) {
	good, ps, id := dmDatabase(t)
	for _, ro := range []bool{true, false} {
		path := dmWrite(t, "shrinking.db", good)
		s, err := dmOpen(t, path, ro)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(path, int64(4*ps)); err != nil {
			t.Fatal(err)
		}
		damaged := 0
		for name, f := range dmReaders(s, id) {
			err := dmCall(t, name, f)
			dmCheckErr(t, name, path, err)
			if errors.Is(err, ErrDamaged) {
				damaged++
			}
		}
		if damaged == 0 {
			t.Errorf("read-only %t: no read noticed the file was cut", ro)
		}
		s.Close()
	}
}

// The guard turns SetPanicOnFault back to what it was, with or without a panic.
func TestGuardRestoresPanicOnFault(t *testing.T) {
	good, ps, id := dmDatabase(t)
	path := dmWrite(t, "damaged.db", dmGarbage(good, ps, dmBucketRoot(t, good, bucketCases), 1))
	s, err := dmOpen(t, path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(false))
	s.Count()
	if debug.SetPanicOnFault(false) {
		t.Error("a read left SetPanicOnFault on")
	}
	if _, err := s.Case(id); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Case: %v", err)
	}
	if debug.SetPanicOnFault(false) {
		t.Error("a failed read left SetPanicOnFault on")
	}
}

// A bbolt file that is not tovholder's, and one of tovholder's that lost
// its cases: refused, not filled with new empty buckets. A file that only
// lost an index is still repaired (TestOpenRepairsMissingBucket).
func TestOpenRefusesForeignOrGutted(t *testing.T) {
	good, _, _ := dmDatabase(t)
	for _, tt := range []struct {
		name  string
		build func(path string) error
		kind  error
		want  string
	}{
		{"another program's bbolt file", func(path string) error {
			return dmBolt(path, func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket([]byte("widgets"))
				if err != nil {
					return err
				}
				return b.Put([]byte("a"), []byte("b"))
			})
		}, ErrNotTovholder, "this is not a tovholder database; check that it is the right file, or restore it from a backup"},
		{"a meta bucket without a schema", func(path string) error {
			return dmBolt(path, func(tx *bolt.Tx) error {
				_, err := tx.CreateBucket(bucketMeta)
				return err
			})
		}, ErrNotTovholder, "this is not a tovholder database"},
		{"the cases bucket lost", func(path string) error {
			if err := os.WriteFile(path, good, 0o600); err != nil {
				return err
			}
			return dmBolt(path, func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketCases) })
		}, ErrDamaged, `the file is damaged (its bucket "cases" is missing)`},
	} {
		for _, ro := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/read-only=%t", tt.name, ro), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "other.db")
				if err := tt.build(path); err != nil {
					t.Fatal(err)
				}
				before, _ := os.ReadFile(path)
				s, err := dmOpen(t, path, ro)
				if err == nil {
					s.Close()
					t.Fatal("Open succeeded")
				}
				if !errors.Is(err, ErrDamaged) || !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), path+": "+tt.want) {
					t.Errorf("Open: %v\nwant %q", err, tt.want)
				}
				if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
					t.Error("a refused Open changed the file")
				}
			})
		}
	}
}

func dmBolt(path string, fn func(tx *bolt.Tx) error) error {
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		return err
	}
	if err := b.Update(fn); err != nil {
		b.Close()
		return err
	}
	return b.Close()
}

// A new file, and one bbolt made but no tovholder filled (a crash right
// after creating it), are new databases, not foreign ones.
func TestOpenNewAndBareFiles(t *testing.T) {
	dir := t.TempDir()
	s, err := dmOpen(t, filepath.Join(dir, "new.db"), false)
	if err != nil {
		t.Fatalf("a new file: %v", err)
	}
	s.Close()
	bare := filepath.Join(dir, "bare.db")
	if err := dmBolt(bare, func(*bolt.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	s, err = dmOpen(t, bare, true)
	if err != nil {
		t.Fatalf("a bare bbolt file: %v", err)
	}
	if n := s.Count(); n != 0 {
		t.Errorf("Count = %d", n)
	}
	s.Close()
}

// An empty file that another tovholder holds (it has just created it and
// is about to write its first pages) is in use, not empty.
func TestEmptyFileHeldByAnother(t *testing.T) {
	path := dmWrite(t, "held.db", nil)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// bbolt's lock is flock(2) on the file (go.etcd.io/bbolt bolt_unix.go).
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{true, false} {
		_, err := dmOpen(t, path, ro)
		if !errors.Is(err, ErrLocked) {
			t.Errorf("read-only %t: an empty file another holds: %v, want ErrLocked", ro, err)
		}
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_UN); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{true, false} {
		if _, err := dmOpen(t, path, ro); !errors.Is(err, ErrEmpty) {
			t.Errorf("read-only %t: an empty file no one holds: %v, want ErrEmpty", ro, err)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file was written to: %v, %v", fi, err)
	}
}

// BenchmarkGuard is what the guard adds to a transaction: bbolt's View
// alone, and through Store.view (recover, SetPanicOnFault, the stuck
// check), on an empty transaction, the worst case for its share.
func BenchmarkGuard(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	nothing := func(*bolt.Tx) error { return nil }
	b.Run("bolt.View", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := s.bolt.View(nothing); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Store.view", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := s.view(nothing); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCheckFile is Open's look at the file before bbolt maps it.
func BenchmarkCheckFile(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.db")
	s, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := checkFile(path); err != nil {
			b.Fatal(err)
		}
	}
}
