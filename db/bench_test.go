package db_test

// Benchmarks of the store on synthetic cases; the data comes from
// internal/benchdata (built once, kept between runs), the figures and how
// to run them are in docs/BENCHMARKS.md. They only run under -bench:
// `go test ./...` builds no database.

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"tovholder/db"
	"tovholder/internal/benchdata"
	"tovholder/synth"
)

// BenchmarkQueueFirst50 reads the first page of the queue from an open
// store: the in-process cost of `queue --limit 50`. Target: < 20 ms at 1M.
func BenchmarkQueueFirst50(b *testing.B) {
	for _, size := range benchdata.Sizes(true) {
		b.Run("cases="+size.Name, func(b *testing.B) {
			path := benchdata.DB(b, size.N)
			st, err := db.Open(path, db.Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			b.ReportAllocs()
			var rows []db.Entry
			for b.Loop() {
				rows = rows[:0]
				if err := st.Queue(func(e db.Entry) bool {
					rows = append(rows, e)
					return len(rows) < 50
				}); err != nil {
					b.Fatal(err)
				}
			}
			if len(rows) != 50 {
				b.Fatalf("got %d rows, want 50", len(rows))
			}
			b.ReportMetric(benchdata.FileSize(b, path), "db-bytes")
		})
	}
}

// BenchmarkOpenQueueFirst50 is BenchmarkQueueFirst50 with the store opened
// (read-only, as the queue command does) and closed in every iteration.
func BenchmarkOpenQueueFirst50(b *testing.B) {
	for _, size := range benchdata.Sizes(true) {
		b.Run("cases="+size.Name, func(b *testing.B) {
			path := benchdata.DB(b, size.N)
			b.ReportAllocs()
			for b.Loop() {
				st, err := db.Open(path, db.Options{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				rows := 0
				err = st.Queue(func(db.Entry) bool { rows++; return rows < 50 })
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
	for _, size := range benchdata.Sizes(true) {
		b.Run("cases="+size.Name, func(b *testing.B) {
			path := benchdata.DB(b, size.N)
			st, err := db.Open(path, db.Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			b.ReportAllocs()
			rows := 0
			for b.Loop() {
				rows = 0
				if err := st.Queue(func(db.Entry) bool { rows++; return true }); err != nil {
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
	for _, size := range benchdata.Sizes(false) {
		b.Run("cases="+size.Name, func(b *testing.B) {
			cases := synth.Cases(size.N, benchdata.Seed, benchdata.Today)
			path := filepath.Join(b.TempDir(), "import.db")
			for b.Loop() {
				if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
					b.Fatal(err)
				}
				st, err := db.Open(path, db.Options{})
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
			size := benchdata.FileSize(b, path)
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
		cases := synth.Cases(n, benchdata.Seed, benchdata.Today)
		path := filepath.Join(b.TempDir(), "import.db")
		for b.Loop() {
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				b.Fatal(err)
			}
			st, err := db.Open(path, db.Options{})
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
		b.ReportMetric(benchdata.FileSize(b, path), "db-bytes")
	})
}

// BenchmarkImportInto imports 100,000 new cases in one call into a copy
// of the database that already holds 100,000.
func BenchmarkImportInto(b *testing.B) {
	const n = 100000
	b.Run("cases=100k/existing=100k", func(b *testing.B) {
		src := benchdata.DB(b, n)
		// Cases 100,001–200,000 of a set of 200,000: the same id width, no clash.
		cases := synth.Range(2*n, n, 2*n, benchdata.Seed, benchdata.Today)
		path := filepath.Join(b.TempDir(), "import.db")
		for b.Loop() {
			b.StopTimer()
			if err := copyFile(src, path); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			st, err := db.Open(path, db.Options{})
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
		b.ReportMetric(benchdata.FileSize(b, path), "db-bytes")
	})
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o600)
}
