package db

// Benchmarks of the store on synthetic cases (package synth); the figures
// and how to run them are in docs/BENCHMARKS.md. They only run under
// -bench: `go test ./...` builds no database.
//
// The databases of 10k, 100k and 1M cases are built once and kept in
// $TMPDIR/tovholder-bench/cases-N.db, so repeated runs do not rebuild them
// (the 1M one takes minutes). A stamp file beside each says which cases it
// holds; a database whose stamp does not match what synth makes now is
// built again. Set TOVHOLDER_BENCH_1M=0 to leave out the 1M sizes.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tovholder/model"
	"tovholder/synth"
)

// The fixed "today" and seed of every benchmark database, so that a
// database built once serves every later run.
var benchToday = model.MakeDate(2026, time.November, 20)

const (
	benchSeed  = 1
	benchChunk = 100000 // cases per Import call when building a database
)

// benchLogged: the databases whose build has been logged in this run.
var benchLogged sync.Map

type benchSize struct {
	name string
	n    int
}

func benchSizes(withMillion bool) []benchSize {
	sizes := []benchSize{{"10k", 10000}, {"100k", 100000}}
	if withMillion && os.Getenv("TOVHOLDER_BENCH_1M") != "0" {
		sizes = append(sizes, benchSize{"1M", 1000000})
	}
	return sizes
}

// benchDir is where the benchmark databases are kept between runs.
func benchDir(b *testing.B) string {
	dir := filepath.Join(os.TempDir(), "tovholder-bench")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	return dir
}

// benchStamp names the cases a database of n cases holds: the generator's
// arguments and a hash of some of its cases, so that a change to synth
// makes the old databases stale.
func benchStamp(n int) string {
	h := sha256.New()
	sample := synth.Range(n, 0, min(n, 3), benchSeed, benchToday)
	sample = append(sample, synth.Range(n, max(0, n-3), n, benchSeed, benchToday)...)
	if err := json.NewEncoder(h).Encode(sample); err != nil {
		panic(err)
	}
	return fmt.Sprintf("cases=%d seed=%d today=%s sample=%s", n, benchSeed, benchToday, hex.EncodeToString(h.Sum(nil))[:16])
}

// benchDB returns the path of a database holding synth's n cases, built
// now if no up-to-date one is kept. Building imports the cases in chunks
// of 100,000 (Import is one transaction per call).
func benchDB(b *testing.B, n int) string {
	b.Helper()
	dir := benchDir(b)
	path := filepath.Join(dir, fmt.Sprintf("cases-%d.db", n))
	stampPath := path + ".stamp"
	stamp := benchStamp(n)

	// One builder at a time: go test runs the db and cmd packages'
	// benchmarks in parallel unless -p 1.
	lock, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		b.Fatal(err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)

	if old, err := os.ReadFile(stampPath); err == nil {
		first, built, _ := strings.Cut(string(old), "\n")
		if _, err := os.Stat(path); err == nil && first == stamp {
			if _, seen := benchLogged.LoadOrStore(path, true); !seen && built != "" {
				b.Logf("%s: %s", filepath.Base(path), strings.TrimSpace(built))
			}
			return path
		}
	}
	os.Remove(stampPath)
	tmp := path + ".tmp"
	os.Remove(tmp)
	b.Logf("building %s (%d cases) …", path, n)
	t0 := time.Now()
	st, err := Open(tmp, Options{})
	if err != nil {
		b.Fatal(err)
	}
	var gen, imp time.Duration
	var chunks []string
	for from := 0; from < n; from += benchChunk {
		t := time.Now()
		cases := synth.Range(n, from, min(n, from+benchChunk), benchSeed, benchToday)
		gen += time.Since(t)
		t = time.Now()
		if err := st.Import(cases, "bench"); err != nil {
			st.Close()
			b.Fatal(err)
		}
		imp += time.Since(t)
		chunks = append(chunks, time.Since(t).Round(100*time.Millisecond).String())
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	built := fmt.Sprintf("built in %s (generating %s, importing %s in %d chunks: %s), %d bytes (%.0f bytes/case)",
		time.Since(t0).Round(time.Millisecond), gen.Round(time.Millisecond), imp.Round(time.Millisecond),
		(n+benchChunk-1)/benchChunk, strings.Join(chunks, " "), fi.Size(), float64(fi.Size())/float64(n))
	b.Logf("%s: %s", filepath.Base(path), built)
	if err := os.WriteFile(stampPath, []byte(stamp+"\n"+built+"\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

func fileSize(b *testing.B, path string) float64 {
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return float64(fi.Size())
}

// BenchmarkQueueFirst50 reads the first page of the queue from an open
// store: the in-process cost of `queue --limit 50`. Target: < 20 ms at 1M.
func BenchmarkQueueFirst50(b *testing.B) {
	for _, size := range benchSizes(true) {
		b.Run("cases="+size.name, func(b *testing.B) {
			path := benchDB(b, size.n)
			st, err := Open(path, Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			b.ReportAllocs()
			var rows []Entry
			for b.Loop() {
				rows = rows[:0]
				if err := st.Queue(func(e Entry) bool {
					rows = append(rows, e)
					return len(rows) < 50
				}); err != nil {
					b.Fatal(err)
				}
			}
			if len(rows) != 50 {
				b.Fatalf("got %d rows, want 50", len(rows))
			}
			b.ReportMetric(fileSize(b, path), "db-bytes")
		})
	}
}

// BenchmarkOpenQueueFirst50 is BenchmarkQueueFirst50 with the store opened
// (read-only, as the queue command does) and closed in every iteration.
func BenchmarkOpenQueueFirst50(b *testing.B) {
	for _, size := range benchSizes(true) {
		b.Run("cases="+size.name, func(b *testing.B) {
			path := benchDB(b, size.n)
			b.ReportAllocs()
			for b.Loop() {
				st, err := Open(path, Options{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				rows := 0
				err = st.Queue(func(Entry) bool { rows++; return rows < 50 })
				st.Close()
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkQueueAll reads the whole queue from an open store: the
// in-process part of `queue --json` without --limit.
func BenchmarkQueueAll(b *testing.B) {
	for _, size := range benchSizes(true) {
		b.Run("cases="+size.name, func(b *testing.B) {
			path := benchDB(b, size.n)
			st, err := Open(path, Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			b.ReportAllocs()
			rows := 0
			for b.Loop() {
				rows = 0
				if err := st.Queue(func(Entry) bool { rows++; return true }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}

// BenchmarkImport imports n new cases into a new database in one call
// (one transaction), as `tovholder import` does after decoding the file.
// Target: 100,000 cases in < 10 s. It reports the resulting file size.
func BenchmarkImport(b *testing.B) {
	for _, size := range benchSizes(false) {
		b.Run("cases="+size.name, func(b *testing.B) {
			cases := synth.Cases(size.n, benchSeed, benchToday)
			path := filepath.Join(b.TempDir(), "import.db")
			for b.Loop() {
				if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
					b.Fatal(err)
				}
				st, err := Open(path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if err := st.Import(cases, "bench"); err != nil {
					b.Fatal(err)
				}
				if err := st.Close(); err != nil {
					b.Fatal(err)
				}
			}
			perOp := b.Elapsed().Seconds() / float64(b.N)
			size := fileSize(b, path)
			b.ReportMetric(float64(len(cases))/perOp, "cases/s")
			b.ReportMetric(size, "db-bytes")
			b.ReportMetric(size/float64(len(cases)), "db-bytes/case")
		})
	}
}

// BenchmarkImportChunks imports the same 100,000 cases into a new
// database in Import calls of 10,000 (ten transactions instead of one).
// Set beside BenchmarkImport/cases=100k it shows what a single large
// transaction costs (docs/BENCHMARKS.md, "Import").
func BenchmarkImportChunks(b *testing.B) {
	const n, chunk = 100000, 10000
	b.Run("cases=100k/chunk=10k", func(b *testing.B) {
		cases := synth.Cases(n, benchSeed, benchToday)
		path := filepath.Join(b.TempDir(), "import.db")
		for b.Loop() {
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				b.Fatal(err)
			}
			st, err := Open(path, Options{})
			if err != nil {
				b.Fatal(err)
			}
			for from := 0; from < n; from += chunk {
				if err := st.Import(cases[from:from+chunk], "bench"); err != nil {
					b.Fatal(err)
				}
			}
			if err := st.Close(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)/(b.Elapsed().Seconds()/float64(b.N)), "cases/s")
		b.ReportMetric(fileSize(b, path), "db-bytes")
	})
}

// BenchmarkImportInto imports 100,000 new cases in one call into a copy
// of the database that already holds 100,000.
func BenchmarkImportInto(b *testing.B) {
	const n = 100000
	b.Run("cases=100k/existing=100k", func(b *testing.B) {
		src := benchDB(b, n)
		// Cases 100,001–200,000 of a set of 200,000: the same id width, no clash.
		cases := synth.Range(2*n, n, 2*n, benchSeed, benchToday)
		path := filepath.Join(b.TempDir(), "import.db")
		for b.Loop() {
			b.StopTimer()
			if err := copyFile(src, path); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			st, err := Open(path, Options{})
			if err != nil {
				b.Fatal(err)
			}
			if err := st.Import(cases, "bench"); err != nil {
				b.Fatal(err)
			}
			if err := st.Close(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)/(b.Elapsed().Seconds()/float64(b.N)), "cases/s")
		b.ReportMetric(fileSize(b, path), "db-bytes")
	})
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o600)
}
