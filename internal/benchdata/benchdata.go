// Package benchdata gives the benchmarks their data: databases and
// interchange files of synth's cases at 10k, 100k and 1M, built once and
// kept in $TMPDIR/tovholder-bench between runs (the 1M database takes a
// minute). A stamp file beside each names the cases it holds and, for a
// database, the store's layout; one whose stamp no longer matches what
// synth and the store make is built again. TOVHOLDER_BENCH_1M=0 leaves out
// the 1M size.
package benchdata

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"tovholder/db"
	"tovholder/model"
	"tovholder/synth"
)

// Today and Seed fix the cases, so that what is built once serves every run.
var Today = model.MakeDate(2026, time.November, 20)

const (
	Seed  = 1
	chunk = 100000 // cases per Import call while building
)

// Size is one data size, named as the benchmarks print it.
type Size struct {
	Name string
	N    int
}

// Sizes are 10k and 100k, and 1M when asked for (unless TOVHOLDER_BENCH_1M=0).
func Sizes(withMillion bool) []Size {
	sizes := []Size{{"10k", 10000}, {"100k", 100000}}
	if withMillion && os.Getenv("TOVHOLDER_BENCH_1M") != "0" {
		sizes = append(sizes, Size{"1M", 1000000})
	}
	return sizes
}

// logged: the files whose build this run has logged already.
var logged sync.Map

// Dir is the folder the data is kept in.
func Dir(tb testing.TB) string {
	d := filepath.Join(os.TempDir(), "tovholder-bench")
	if err := os.MkdirAll(d, 0o700); err != nil {
		tb.Fatal(err)
	}
	return d
}

// stamp names synth's n cases: its arguments and a hash of some cases.
func stamp(n int) string {
	h := sha256.New()
	sample := synth.Range(n, 0, min(n, 3), Seed, Today)
	sample = append(sample, synth.Range(n, max(0, n-3), n, Seed, Today)...)
	if err := json.NewEncoder(h).Encode(sample); err != nil {
		panic(err)
	}
	return fmt.Sprintf("cases=%d seed=%d today=%s sample=%s", n, Seed, Today, hex.EncodeToString(h.Sum(nil))[:16])
}

// cached returns path when its stamp file says it holds what want names;
// otherwise it makes it with build (into a temporary file, renamed when
// done) and writes the stamp. A file lock keeps the test binaries of
// several packages, which go test runs at once, from building together.
func cached(tb testing.TB, path, want string, build func(tmp string) string) string {
	tb.Helper()
	lock, err := os.OpenFile(filepath.Join(Dir(tb), ".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		tb.Fatal(err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		tb.Fatal(err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)

	stampPath := path + ".stamp"
	if old, err := os.ReadFile(stampPath); err == nil {
		first, built, _ := strings.Cut(string(old), "\n")
		if _, err := os.Stat(path); err == nil && first == want {
			if _, seen := logged.LoadOrStore(path, true); !seen && built != "" {
				tb.Logf("%s: %s", filepath.Base(path), strings.TrimSpace(built))
			}
			return path
		}
	}
	os.Remove(stampPath)
	tmp := path + ".tmp"
	os.Remove(tmp)
	tb.Logf("building %s …", path)
	built := build(tmp)
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("%s: %s", filepath.Base(path), built)
	if err := os.WriteFile(stampPath, []byte(want+"\n"+built+"\n"), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// layoutStamp names how the store lays a database out: a hash of every
// key and value of a small database made by the code under test, at a
// fixed time. A database built by an older layout (before cases were
// compressed, say) is then built again, rather than measured as it is.
var layoutStamp = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "tovholder-layout")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "layout.db")
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	st, err := db.Open(path, db.Options{Now: func() time.Time { return at }})
	if err != nil {
		return "", err
	}
	err = st.Import(synth.Range(1000, 0, 20, Seed, Today), "bench")
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		return "", err
	}
	defer b.Close()
	h := sha256.New()
	err = b.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
			fmt.Fprintf(h, "bucket %q\n", name)
			return bk.ForEach(func(k, v []byte) error {
				fmt.Fprintf(h, "%q %q\n", k, v)
				return nil
			})
		})
	})
	return hex.EncodeToString(h.Sum(nil))[:16], err
})

// DB is the path of a database holding synth's n cases, imported in
// calls of 100,000 (Import is one transaction per call), laid out as the
// store lays it out now.
func DB(tb testing.TB, n int) string {
	path := filepath.Join(Dir(tb), fmt.Sprintf("cases-%d.db", n))
	layout, err := layoutStamp()
	if err != nil {
		tb.Fatal(err)
	}
	return cached(tb, path, stamp(n)+" layout="+layout, func(tmp string) string {
		t0 := time.Now()
		st, err := db.Open(tmp, db.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		var gen, imp time.Duration
		var chunks []string
		for from := 0; from < n; from += chunk {
			t := time.Now()
			cases := synth.Range(n, from, min(n, from+chunk), Seed, Today)
			gen += time.Since(t)
			t = time.Now()
			if err := st.Import(cases, "bench"); err != nil {
				st.Close()
				tb.Fatal(err)
			}
			imp += time.Since(t)
			chunks = append(chunks, time.Since(t).Round(100*time.Millisecond).String())
		}
		if err := st.Close(); err != nil {
			tb.Fatal(err)
		}
		size := FileSize(tb, tmp)
		return fmt.Sprintf("built in %s (generating %s, importing %s in %d chunks: %s), %.0f bytes (%.0f bytes/case)",
			time.Since(t0).Round(time.Millisecond), gen.Round(time.Millisecond), imp.Round(time.Millisecond),
			(n+chunk-1)/chunk, strings.Join(chunks, " "), size, size/float64(n))
	})
}

// JSON is the path of an interchange file of synth's n cases.
func JSON(tb testing.TB, n int) string {
	path := filepath.Join(Dir(tb), fmt.Sprintf("cases-%d.json", n))
	return cached(tb, path, "json "+stamp(n), func(tmp string) string {
		f, err := os.Create(tmp)
		if err != nil {
			tb.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		if err := model.EncodeFile(w, synth.Cases(n, Seed, Today)); err != nil {
			tb.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			tb.Fatal(err)
		}
		if err := f.Close(); err != nil {
			tb.Fatal(err)
		}
		return fmt.Sprintf("%.0f bytes", FileSize(tb, tmp))
	})
}

// FileSize is a file's size in bytes, as a benchmark metric.
func FileSize(tb testing.TB, path string) float64 {
	fi, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	return float64(fi.Size())
}
