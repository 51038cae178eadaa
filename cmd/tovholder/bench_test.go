package main

// Process-level benchmarks: the built tovholder binary, run as a user runs
// it, timed from exec to exit. The figures and how to run them are in
// docs/BENCHMARKS.md. They only run under -bench: `go test ./...` builds
// no database and no binary.
//
// The databases are the same cached ones db/bench_test.go uses,
// $TMPDIR/tovholder-bench/cases-N.db; the code that builds them is the
// same as there (test files cannot be shared between packages), so
// whichever package's benchmarks run first builds them for both. Set
// TOVHOLDER_BENCH_1M=0 to leave out the 1M sizes.

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tovholder/db"
	"tovholder/model"
	"tovholder/synth"
)

// The fixed "today" and seed of every benchmark database; the same as in
// db/bench_test.go.
var procBenchToday = model.MakeDate(2026, time.November, 20)

const (
	procBenchSeed  = 1
	procBenchChunk = 100000
)

// procBenchLogged: the databases whose build has been logged in this run.
var procBenchLogged sync.Map

type procBenchSize struct {
	name string
	n    int
}

func procBenchSizes(withMillion bool) []procBenchSize {
	sizes := []procBenchSize{{"10k", 10000}, {"100k", 100000}}
	if withMillion && os.Getenv("TOVHOLDER_BENCH_1M") != "0" {
		sizes = append(sizes, procBenchSize{"1M", 1000000})
	}
	return sizes
}

func procBenchDir(b *testing.B) string {
	dir := filepath.Join(os.TempDir(), "tovholder-bench")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	return dir
}

// procBenchStamp is db/bench_test.go's benchStamp: keep them the same.
func procBenchStamp(n int) string {
	h := sha256.New()
	sample := synth.Range(n, 0, min(n, 3), procBenchSeed, procBenchToday)
	sample = append(sample, synth.Range(n, max(0, n-3), n, procBenchSeed, procBenchToday)...)
	if err := json.NewEncoder(h).Encode(sample); err != nil {
		panic(err)
	}
	return fmt.Sprintf("cases=%d seed=%d today=%s sample=%s", n, procBenchSeed, procBenchToday, hex.EncodeToString(h.Sum(nil))[:16])
}

// procBenchLock serialises building between the test binaries of the db
// and cmd packages, which go test runs in parallel unless -p 1.
func procBenchLock(b *testing.B) (unlock func()) {
	lock, err := os.OpenFile(filepath.Join(procBenchDir(b), ".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		b.Fatal(err)
	}
	return func() { syscall.Flock(int(lock.Fd()), syscall.LOCK_UN); lock.Close() }
}

// procBenchCached returns path when its stamp file says it holds what
// stamp names; otherwise it makes it with build, then writes the stamp.
func procBenchCached(b *testing.B, path, stamp string, build func(tmp string) string) string {
	b.Helper()
	defer procBenchLock(b)()
	stampPath := path + ".stamp"
	if old, err := os.ReadFile(stampPath); err == nil {
		first, built, _ := strings.Cut(string(old), "\n")
		if _, err := os.Stat(path); err == nil && first == stamp {
			if _, seen := procBenchLogged.LoadOrStore(path, true); !seen && built != "" {
				b.Logf("%s: %s", filepath.Base(path), strings.TrimSpace(built))
			}
			return path
		}
	}
	os.Remove(stampPath)
	tmp := path + ".tmp"
	os.Remove(tmp)
	b.Logf("building %s …", path)
	built := build(tmp)
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %s", filepath.Base(path), built)
	if err := os.WriteFile(stampPath, []byte(stamp+"\n"+built+"\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

// procBenchDB is db/bench_test.go's benchDB: a database of synth's n
// cases, imported in chunks of 100,000.
func procBenchDB(b *testing.B, n int) string {
	path := filepath.Join(procBenchDir(b), fmt.Sprintf("cases-%d.db", n))
	return procBenchCached(b, path, procBenchStamp(n), func(tmp string) string {
		t0 := time.Now()
		st, err := db.Open(tmp, db.Options{})
		if err != nil {
			b.Fatal(err)
		}
		var gen, imp time.Duration
		var chunks []string
		for from := 0; from < n; from += procBenchChunk {
			t := time.Now()
			cases := synth.Range(n, from, min(n, from+procBenchChunk), procBenchSeed, procBenchToday)
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
		fi, err := os.Stat(tmp)
		if err != nil {
			b.Fatal(err)
		}
		return fmt.Sprintf("built in %s (generating %s, importing %s in %d chunks: %s), %d bytes (%.0f bytes/case)",
			time.Since(t0).Round(time.Millisecond), gen.Round(time.Millisecond), imp.Round(time.Millisecond),
			(n+procBenchChunk-1)/procBenchChunk, strings.Join(chunks, " "), fi.Size(), float64(fi.Size())/float64(n))
	})
}

// procBenchJSON is an interchange file of synth's n cases.
func procBenchJSON(b *testing.B, n int) string {
	path := filepath.Join(procBenchDir(b), fmt.Sprintf("cases-%d.json", n))
	return procBenchCached(b, path, "json "+procBenchStamp(n), func(tmp string) string {
		f, err := os.Create(tmp)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		if err := model.EncodeFile(w, synth.Cases(n, procBenchSeed, procBenchToday)); err != nil {
			b.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		fi, err := os.Stat(tmp)
		if err != nil {
			b.Fatal(err)
		}
		return fmt.Sprintf("%d bytes", fi.Size())
	})
}

// procBenchBinary builds the tovholder binary into a temporary directory.
func procBenchBinary(b *testing.B) string {
	b.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		b.Skip("no go command to build the binary with:", err)
	}
	bin := filepath.Join(b.TempDir(), "tovholder")
	out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// procRun is one run of the binary: its stdout goes to stdout (nil:
// /dev/null); it returns the child's CPU time (user + system).
func procRun(b *testing.B, bin string, stdout *bytes.Buffer, args ...string) (cpu time.Duration) {
	b.Helper()
	cmd := exec.Command(bin, args...)
	// No user configuration: the default calendar, which the databases
	// were indexed with (another would make the queue reindex first).
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(procBenchDir(b), "no-config"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if stdout != nil {
		cmd.Stdout = stdout
	} else {
		null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		defer null.Close()
		cmd.Stdout = null // the child writes straight to /dev/null: no pipe to drain
	}
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s %s: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, stderr.Bytes())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procPeakRSS is the most memory (peak resident set, KiB) a run of the
// binary takes, over runs runs (before is called before each), with its
// metric's unit.
//
// The child's own rusage cannot say: Go starts children with
// CLONE_VM|CLONE_VFORK, so until exec the child shares the test process's
// memory, and Linux keeps that high-water mark in the child's ru_maxrss.
// GNU time forks the binary from its own small process, so its %M is the
// binary's own peak; without it, the inflated figure is reported under
// another unit.
func procPeakRSS(b *testing.B, runs int, before func(), bin string, args ...string) (kib float64, unit string) {
	b.Helper()
	gnuTime := "/usr/bin/time"
	if err := exec.Command(gnuTime, "-f", "%M", "-o", os.DevNull, "true").Run(); err != nil {
		var peak int64
		for range runs {
			before()
			cmd := exec.Command(bin, args...)
			cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(procBenchDir(b), "no-config"))
			if err := cmd.Run(); err != nil {
				b.Fatal(err)
			}
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				peak = max(peak, ru.Maxrss)
			}
		}
		return float64(peak), "maxrss-incl-parent-KiB"
	}
	out := filepath.Join(b.TempDir(), "rss")
	var peak int64
	for range runs {
		before()
		procRun(b, gnuTime, nil, append([]string{"-f", "%M", "-o", out, bin}, args...)...)
		data, err := os.ReadFile(out)
		if err != nil {
			b.Fatal(err)
		}
		var kib int64
		if _, err := fmt.Sscan(string(data), &kib); err != nil {
			b.Fatalf("GNU time wrote %q: %v", data, err)
		}
		peak = max(peak, kib)
	}
	return float64(peak), "maxrss-KiB"
}

// BenchmarkQueueProcess runs `tovholder queue --db FILE --json`, the whole
// queue and its first page (--limit 50), and measures the wall time per
// run and the child's peak memory. Target: < 300 ms for the whole queue
// of 100,000 cases.
func BenchmarkQueueProcess(b *testing.B) {
	bin := procBenchBinary(b)
	for _, size := range procBenchSizes(true) {
		for _, variant := range []struct {
			name  string
			limit int
		}{{"full", 0}, {"limit=50", 50}} {
			b.Run("cases="+size.name+"/"+variant.name, func(b *testing.B) {
				path := procBenchDB(b, size.n)
				args := []string{"queue", "--db", path, "--today", procBenchToday.String(), "--json"}
				if variant.limit > 0 {
					args = append(args, "--limit", fmt.Sprint(variant.limit))
				}
				// Once, untimed: the output is a JSON array of the right length.
				var out bytes.Buffer
				procRun(b, bin, &out, args...)
				var rows []struct {
					Case string  `json:"case"`
					Due  *string `json:"due"`
				}
				if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
					b.Fatalf("queue --json printed no JSON array: %v", err)
				}
				if len(rows) == 0 || (variant.limit > 0 && len(rows) != variant.limit) {
					b.Fatalf("queue printed %d rows", len(rows))
				}
				outBytes := out.Len()
				rss, rssUnit := procPeakRSS(b, 3, func() {}, bin, args...)

				var cpu time.Duration
				for b.Loop() {
					cpu += procRun(b, bin, nil, args...)
				}
				b.ReportMetric(rss, rssUnit)
				b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
				b.ReportMetric(float64(len(rows)), "rows")
				b.ReportMetric(float64(outBytes), "out-bytes")
			})
		}
	}
}

// BenchmarkQueueCommand runs the queue command's code, run("queue", …),
// inside the test process: BenchmarkQueueProcess without starting a
// process and with a warm heap. The difference between the two is the cost
// of a fresh process (start-up, and first touching every page of memory).
// Profile the command with -cpuprofile here.
func BenchmarkQueueCommand(b *testing.B) {
	b.Setenv("XDG_CONFIG_HOME", filepath.Join(procBenchDir(b), "no-config"))
	for _, size := range procBenchSizes(true) {
		for _, variant := range []struct {
			name  string
			limit int
		}{{"full", 0}, {"limit=50", 50}} {
			b.Run("cases="+size.name+"/"+variant.name, func(b *testing.B) {
				path := procBenchDB(b, size.n)
				args := []string{"queue", "--db", path, "--today", procBenchToday.String(), "--json"}
				if variant.limit > 0 {
					args = append(args, "--limit", fmt.Sprint(variant.limit))
				}
				var stderr bytes.Buffer
				b.ReportAllocs()
				for b.Loop() {
					if code := run(args, strings.NewReader(""), io.Discard, &stderr); code != 0 {
						b.Fatalf("queue exited %d: %s", code, stderr.Bytes())
					}
				}
			})
		}
	}
}

// BenchmarkImportCommand runs the import command's code, run("import", …),
// inside the test process, for profiling: decoding and validating the
// file, then storing the cases.
func BenchmarkImportCommand(b *testing.B) {
	b.Setenv("XDG_CONFIG_HOME", filepath.Join(procBenchDir(b), "no-config"))
	for _, size := range procBenchSizes(false) {
		b.Run("cases="+size.name, func(b *testing.B) {
			file := procBenchJSON(b, size.n)
			path := filepath.Join(b.TempDir(), "import.db")
			args := []string{"import", "--db", path, "--user", "bench", file}
			var stderr bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
					b.Fatal(err)
				}
				b.StartTimer()
				if code := run(args, strings.NewReader(""), io.Discard, &stderr); code != 0 {
					b.Fatalf("import exited %d: %s", code, stderr.Bytes())
				}
			}
			b.ReportMetric(float64(size.n)/(b.Elapsed().Seconds()/float64(b.N)), "cases/s")
		})
	}
}

// BenchmarkImportProcess runs `tovholder import --db NEW.db CASES.json`
// for a file of n synthetic cases: reading, validating and storing them
// in one transaction. Target: 100,000 cases in < 10 s.
func BenchmarkImportProcess(b *testing.B) {
	bin := procBenchBinary(b)
	for _, size := range procBenchSizes(false) {
		b.Run("cases="+size.name, func(b *testing.B) {
			file := procBenchJSON(b, size.n)
			path := filepath.Join(b.TempDir(), "import.db")
			args := []string{"import", "--db", path, "--user", "bench", file}
			var cpu time.Duration
			for b.Loop() {
				if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
					b.Fatal(err)
				}
				cpu += procRun(b, bin, nil, args...)
			}
			perOp := b.Elapsed().Seconds() / float64(b.N)
			fi, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			// The peak memory of one more import, untimed.
			rss, rssUnit := procPeakRSS(b, 1, func() { os.Remove(path) }, bin, args...)
			b.ReportMetric(float64(size.n)/perOp, "cases/s")
			b.ReportMetric(rss, rssUnit)
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(fi.Size()), "db-bytes")
		})
	}
}
