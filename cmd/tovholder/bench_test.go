package main

// Process-level benchmarks: the built tovholder binary, run as a user runs
// it, timed from exec to exit. The figures and how to run them are in
// docs/BENCHMARKS.md. They only run under -bench: `go test ./...` builds
// no database and no binary.
//
// The databases and files come from internal/benchdata, built once and
// shared with the db benchmarks.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"tovholder/internal/benchdata"
)

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
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(benchdata.Dir(b), "no-config"))
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
			cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(benchdata.Dir(b), "no-config"))
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
	for _, size := range benchdata.Sizes(true) {
		for _, variant := range []struct {
			name  string
			limit int
		}{{"full", 0}, {"limit=50", 50}} {
			b.Run("cases="+size.Name+"/"+variant.name, func(b *testing.B) {
				path := benchdata.DB(b, size.N)
				args := []string{"queue", "--db", path, "--today", benchdata.Today.String(), "--json"}
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
	b.Setenv("XDG_CONFIG_HOME", filepath.Join(benchdata.Dir(b), "no-config"))
	for _, size := range benchdata.Sizes(true) {
		for _, variant := range []struct {
			name  string
			limit int
		}{{"full", 0}, {"limit=50", 50}} {
			b.Run("cases="+size.Name+"/"+variant.name, func(b *testing.B) {
				path := benchdata.DB(b, size.N)
				args := []string{"queue", "--db", path, "--today", benchdata.Today.String(), "--json"}
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
	b.Setenv("XDG_CONFIG_HOME", filepath.Join(benchdata.Dir(b), "no-config"))
	for _, size := range benchdata.Sizes(false) {
		b.Run("cases="+size.Name, func(b *testing.B) {
			file := benchdata.JSON(b, size.N)
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
			b.ReportMetric(float64(size.N)/(b.Elapsed().Seconds()/float64(b.N)), "cases/s")
		})
	}
}

// BenchmarkImportProcess runs `tovholder import --db NEW.db CASES.json`
// for a file of n synthetic cases: reading, validating and storing them
// in one transaction. Target: 100,000 cases in < 10 s.
func BenchmarkImportProcess(b *testing.B) {
	bin := procBenchBinary(b)
	for _, size := range benchdata.Sizes(false) {
		b.Run("cases="+size.Name, func(b *testing.B) {
			file := benchdata.JSON(b, size.N)
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
			b.ReportMetric(float64(size.N)/perOp, "cases/s")
			b.ReportMetric(rss, rssUnit)
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(fi.Size()), "db-bytes")
		})
	}
}

// BenchmarkImportVsSQLite runs `tovholder import` and, beside it on the
// same file, sqlite3 loading the file's cases into a keyed table, one
// after the other in each iteration, so that both see the same machine.
// Target: tovholder at most twice sqlite3 (ratio ≤ 2). Skipped without
// sqlite3.
func BenchmarkImportVsSQLite(b *testing.B) {
	sqlite, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("no sqlite3 on PATH")
	}
	bin := procBenchBinary(b)
	for _, size := range benchdata.Sizes(false) {
		b.Run("cases="+size.Name, func(b *testing.B) {
			file := benchdata.JSON(b, size.N)
			dir := b.TempDir()
			tdb, sdb := filepath.Join(dir, "t.db"), filepath.Join(dir, "s.db")
			sql := "CREATE TABLE cases(id TEXT PRIMARY KEY, doc TEXT); " +
				"INSERT INTO cases SELECT value->>'id', value FROM json_each(readfile('" + file + "'), '$.cases');"
			var tov, sq time.Duration
			for b.Loop() {
				for _, p := range []string{tdb, sdb} {
					if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
						b.Fatal(err)
					}
				}
				t0 := time.Now()
				procRun(b, bin, nil, "import", "--db", tdb, "--user", "bench", file)
				tov += time.Since(t0)
				t0 = time.Now()
				procRun(b, sqlite, nil, sdb, sql)
				sq += time.Since(t0)
			}
			n := float64(b.N)
			b.ReportMetric(float64(tov.Milliseconds())/n, "tovholder-ms/op")
			b.ReportMetric(float64(sq.Milliseconds())/n, "sqlite3-ms/op")
			b.ReportMetric(tov.Seconds()/sq.Seconds(), "ratio")
			b.ReportMetric(benchdata.FileSize(b, tdb)/float64(size.N), "tovholder-B/case")
			b.ReportMetric(benchdata.FileSize(b, sdb)/float64(size.N), "sqlite3-B/case")
		})
	}
}

// BenchmarkExportProcess runs `tovholder export --db FILE` (output to
// /dev/null) and measures the wall time and the child's peak memory.
// Export streams: its memory should not grow with the database (the
// resident set also counts the pages of the database file the process has
// read through its mapping, which the kernel may drop at any time).
func BenchmarkExportProcess(b *testing.B) {
	bin := procBenchBinary(b)
	for _, size := range benchdata.Sizes(true) {
		b.Run("cases="+size.Name, func(b *testing.B) {
			path := benchdata.DB(b, size.N)
			args := []string{"export", "--db", path}
			// Once, untimed: the output is a whole file of n cases.
			cmd := exec.Command(bin, args...)
			cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(benchdata.Dir(b), "no-config"))
			out, err := cmd.StdoutPipe()
			if err != nil {
				b.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				b.Fatal(err)
			}
			count := &countCases{}
			if _, err := io.Copy(count, out); err != nil {
				b.Fatal(err)
			}
			if err := cmd.Wait(); err != nil {
				b.Fatal(err)
			}
			if count.cases != size.N || !bytes.HasSuffix(count.tail, []byte("\n  ]\n}\n")) {
				b.Fatalf("export wrote %d cases (want %d), ending %q", count.cases, size.N, count.tail)
			}
			rss, rssUnit := procPeakRSS(b, 1, func() {}, bin, args...)
			var cpu time.Duration
			for b.Loop() {
				cpu += procRun(b, bin, nil, args...)
			}
			b.ReportMetric(rss, rssUnit)
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(count.bytes), "out-bytes")
			b.ReportMetric(benchdata.FileSize(b, path), "db-bytes")
		})
	}
}

// countCases counts the bytes of an export and its cases (each begins a
// line with four spaces and a brace), keeping the last bytes.
type countCases struct {
	bytes, cases int
	tail         []byte
	prev         []byte // the end of the last write, for a marker split between two
}

var caseStart = []byte("\n    {\n")

func (c *countCases) Write(p []byte) (int, error) {
	c.bytes += len(p)
	joined := append(c.prev, p...)
	c.cases += bytes.Count(joined, caseStart) - bytes.Count(c.prev, caseStart)
	c.prev = append(c.prev[:0], joined[max(0, len(joined)-len(caseStart)+1):]...)
	c.tail = append(c.tail[:0], joined[max(0, len(joined)-16):]...)
	return len(p), nil
}

// BenchmarkExportCommand runs the export command's code, run("export", …),
// inside the test process, and reports the most Go heap it used above what
// was in use before (sampled every millisecond): the memory export needs
// of its own, without the mapped database file.
func BenchmarkExportCommand(b *testing.B) {
	b.Setenv("XDG_CONFIG_HOME", filepath.Join(benchdata.Dir(b), "no-config"))
	for _, size := range benchdata.Sizes(true) {
		b.Run("cases="+size.Name, func(b *testing.B) {
			path := benchdata.DB(b, size.N)
			var stderr bytes.Buffer
			runtime.GC()
			base := heapInUse()
			var peak atomic.Uint64
			stop := make(chan struct{})
			done := make(chan struct{})
			go func() {
				defer close(done)
				t := time.NewTicker(time.Millisecond)
				defer t.Stop()
				for {
					select {
					case <-stop:
						return
					case <-t.C:
						if h := heapInUse(); h > peak.Load() {
							peak.Store(h)
						}
					}
				}
			}()
			for b.Loop() {
				if code := run([]string{"export", "--db", path}, strings.NewReader(""), io.Discard, &stderr); code != 0 {
					b.Fatalf("export exited %d: %s", code, stderr.Bytes())
				}
			}
			close(stop)
			<-done
			b.ReportMetric(float64(peak.Load()-min(peak.Load(), base))/(1<<20), "heap-peak-MiB")
			b.ReportMetric(float64(size.N)/(b.Elapsed().Seconds()/float64(b.N)), "cases/s")
		})
	}
}

// heapInUse is the bytes of heap objects, live or not yet swept.
func heapInUse() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
