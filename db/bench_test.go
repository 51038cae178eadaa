package db_test

// Benchmarks of the store on synthetic cases; the data comes from
// internal/benchdata (built once, kept between runs), the figures and how
// to run them are in docs/BENCHMARKS.md. They only run under -bench:
// `go test ./...` builds no database.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"tovholder/db"
	"tovholder/internal/benchdata"
	"tovholder/model"
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

// The tests below are of the streaming import and of how a case is
// stored (db/import.go, db/codec.go); they use the store from outside, as
// the command does. They sit with the benchmarks of the same code.

// imFile is an interchange file of cases, in the order given.
func imFile(t testing.TB, cases []model.Case) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := model.EncodeFile(&b, cases); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// imState is everything a reader of the store can see, but the audit
// log's times and sequence numbers.
func imState(t testing.TB, st *db.Store) string {
	t.Helper()
	var b strings.Builder
	if err := st.Cases(func(c *model.Case) error {
		js, err := json.Marshal(c)
		fmt.Fprintf(&b, "case %s\n", js)
		h, herr := st.History(c.ID)
		for _, e := range h {
			fmt.Fprintf(&b, "  history %s %s %s\n", e.User, e.Action, e.Case)
		}
		return errors.Join(err, herr)
	}); err != nil {
		t.Fatal(err)
	}
	for i, scan := range []func(func(db.Entry) bool) error{st.Queue, st.Triage, st.AllCases} {
		if err := scan(func(e db.Entry) bool { fmt.Fprintf(&b, "index %d %+v\n", i, e); return true }); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := st.Caseworkers()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "caseworkers %v\n", ws)
	entries := 0
	st.Audit(func(e db.AuditEntry) bool {
		entries++
		if e.Action != "import" || e.Case == "" {
			t.Errorf("audit entry %+v", e)
		}
		return true
	})
	fmt.Fprintf(&b, "audit entries %d\n", entries)
	return b.String()
}

func imOpen(t testing.TB) *db.Store {
	t.Helper()
	st, err := db.Open(filepath.Join(t.TempDir(), "t.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Whatever the order of the cases in the file (in order, a few out of
// place, reversed, shuffled, two runs one after the other), the store ends
// up the same: the same cases, index entries and audit entries as when
// Import writes them sorted.
func TestImportFileAnyOrder(t *testing.T) {
	cases := synth.Cases(3000, benchdata.Seed, benchdata.Today)
	slices.SortFunc(cases, func(a, b model.Case) int { return strings.Compare(a.ID, b.ID) })
	ref := imOpen(t)
	if err := ref.Import(cases, "importer"); err != nil {
		t.Fatal(err)
	}
	want := imState(t, ref)

	reversed := slices.Clone(cases)
	slices.Reverse(reversed)
	shuffled := slices.Clone(cases)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	oneOut := slices.Clone(cases)
	oneOut[1500], oneOut[0] = oneOut[0], oneOut[1500]
	halves := append(slices.Clone(cases[1500:]), cases[:1500]...) // the second half first: undone and rewritten
	for name, order := range map[string][]model.Case{"sorted": cases, "reversed": reversed, "shuffled": shuffled,
		"one out of place": oneOut, "halves swapped": halves} {
		// In one transaction, and into a new database in chunks of 700
		// cases, a transaction each.
		for _, opt := range []db.ImportOptions{{}, {Fresh: true, Chunk: 700}} {
			t.Run(fmt.Sprintf("%s/fresh=%t", name, opt.Fresh), func(t *testing.T) {
				st := imOpen(t)
				n, err := st.ImportFile(bytes.NewReader(imFile(t, order)), "importer", opt)
				if err != nil || n != len(cases) {
					t.Fatalf("ImportFile: %d, %v", n, err)
				}
				if got := imState(t, st); got != want {
					t.Errorf("the store differs from a sorted import:\n%s", firstDiff(got, want))
				}
			})
		}
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

// Import stays all or nothing with the file streamed: a problem at the end
// of the file, after most cases were written into the transaction, or an
// id that exists already, leaves the store as it was; every problem is
// reported, those of the file and those of the database together.
func TestImportFileAllOrNothing(t *testing.T) {
	cases := synth.Cases(2000, benchdata.Seed, benchdata.Today)
	st := imOpen(t)
	if err := st.Import(cases[:10], "first"); err != nil {
		t.Fatal(err)
	}
	before := imState(t, st)

	bad := slices.Clone(cases[10:])
	bad[len(bad)-1].Events = append(bad[len(bad)-1].Events, model.Event{Type: "bogus", Date: benchdata.Today})
	withOld := append(slices.Clone(cases[5:7]), bad...) // two that exist already
	_, err := st.ImportFile(bytes.NewReader(imFile(t, withOld)), "second", db.ImportOptions{})
	var es model.Errors
	if !errors.As(err, &es) || len(es) != 3 {
		t.Fatalf("want three problems, got %v", err)
	}
	for i, want := range []string{cases[5].ID + `": id: exists already`, cases[6].ID + `": id: exists already`, "unknown event type \"bogus\""} {
		if !strings.Contains(es[i].Error(), want) {
			t.Errorf("problem %d is %q, want it to say %q", i, es[i], want)
		}
	}
	if after := imState(t, st); after != before {
		t.Errorf("a failed import changed the store:\n%s", firstDiff(after, before))
	}
	// Into a new database of its own, committed as it goes: the same
	// problems (the database is then thrown away).
	fresh := imOpen(t)
	_, err = fresh.ImportFile(bytes.NewReader(imFile(t, bad)), "second", db.ImportOptions{Fresh: true, Chunk: 100})
	if !errors.As(err, &es) || len(es) != 1 || !strings.Contains(es[0].Error(), "unknown event type \"bogus\"") {
		t.Errorf("a fresh import of a bad file: %v", err)
	}
	if _, err := st.ImportFile(bytes.NewReader(imFile(t, cases[:20])), "x", db.ImportOptions{Fresh: true}); err == nil {
		t.Error("a fresh import into a database with cases")
	}
	// The same file, put right, goes in whole.
	n, err := st.ImportFile(bytes.NewReader(imFile(t, cases[10:])), "second", db.ImportOptions{})
	if err != nil || n != len(cases)-10 || st.Count() != len(cases) {
		t.Fatalf("ImportFile: %d, %v; %d cases", n, err, st.Count())
	}
	if h, _ := st.History(cases[1999].ID); len(h) != 1 || h[0].User != "second" || h[0].Action != "import" {
		t.Errorf("history of an imported case: %+v", h)
	}
}

// A database written before cases were compressed keeps reading: a case
// stored as plain JSON reads as it was, and a case written again is
// stored compressed.
func TestStoredFormOldAndNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	st, err := db.Open(path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := synth.Cases(3, benchdata.Seed, benchdata.Today)
	if err := st.Import(cases, "x"); err != nil {
		t.Fatal(err)
	}
	st.Close()

	// The new form: a marker byte, and smaller than the JSON.
	raw := func(id string) (v []byte) {
		b, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		b.View(func(tx *bolt.Tx) error { v = bytes.Clone(tx.Bucket([]byte("cases")).Get([]byte(id))); return nil })
		return v
	}
	js, _ := json.Marshal(cases[0])
	if v := raw(cases[0].ID); len(v) == 0 || v[0] != 0x01 || len(v) >= len(js) {
		t.Errorf("stored form %q (%d bytes, JSON %d)", v[:min(len(v), 8)], len(v), len(js))
	}

	// An old database: the case as plain JSON, as encoding/json wrote it.
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := json.Marshal(cases[1])
	if err := b.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("cases")).Put([]byte(cases[1].ID), old) }); err != nil {
		t.Fatal(err)
	}
	b.Close()
	st, err = db.Open(path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, err := st.Case(cases[1].ID)
	if err != nil || !reflect.DeepEqual(got, cases[1]) {
		t.Fatalf("an old record reads as %+v, %v", got, err)
	}
	if _, err := st.Record(model.Actor{Name: "y", Role: model.Coordinator}, cases[1].ID, db.AnyVersion, model.Event{Type: model.Note, Date: benchdata.Today, Note: "n"}, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if v := raw(cases[1].ID); v[0] != 0x01 {
		t.Errorf("a case written again is stored as %q…", v[:8])
	}
}

// A stored case that does not decompress is an error naming it, not a
// crash.
func TestStoredFormDamaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	st, err := db.Open(path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Import(synth.Cases(1, benchdata.Seed, benchdata.Today), "x"); err != nil {
		t.Fatal(err)
	}
	id := ""
	st.Cases(func(c *model.Case) error { id = c.ID; return nil })
	st.Close()
	for _, v := range [][]byte{{0x01}, {0x01, 0xff, 0xff, 0xff, 0xff, 0x0f}, {0x01, 0x10, 0x00, 0x01, 0x02}, {0x02, 'x'}} {
		b, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		b.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("cases")).Put([]byte(id), v) })
		b.Close()
		st, err := db.Open(path, db.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Case(id); err == nil || !strings.Contains(err.Error(), id) {
			t.Errorf("stored %q: %v", v, err)
		}
		st.Close()
	}
}

// One audit entry covers an import (not one a case), but the log and each
// case's history read as before: one import entry per case, in id order.
func TestImportAuditEntry(t *testing.T) {
	cases := synth.Cases(500, benchdata.Seed, benchdata.Today)
	st := imOpen(t)
	for i, part := range [][]model.Case{cases[:200], cases[200:]} {
		if _, err := st.ImportFile(bytes.NewReader(imFile(t, part)), fmt.Sprintf("user%d", i), db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	var seqs []uint64
	if err := st.Audit(func(e db.AuditEntry) bool {
		got = append(got, e.User+" "+e.Action+" "+e.Case)
		seqs = append(seqs, e.Seq)
		return true
	}); err != nil {
		t.Fatal(err)
	}
	var want []string
	for i, part := range [][]model.Case{cases[:200], cases[200:]} {
		ids := make([]string, len(part))
		for j, c := range part {
			ids[j] = c.ID
		}
		slices.Sort(ids)
		for _, id := range ids {
			want = append(want, fmt.Sprintf("user%d import %s", i, id))
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("audit log:\n%s", firstDiff(strings.Join(got, "\n"), strings.Join(want, "\n")))
	}
	if seqs[0] != seqs[199] || seqs[200] != seqs[499] || seqs[0] >= seqs[200] {
		t.Errorf("sequence numbers %d…%d, %d…%d: want one per import", seqs[0], seqs[199], seqs[200], seqs[499])
	}
	h, err := st.History(cases[300].ID)
	if err != nil || len(h) != 1 || h[0].Case != cases[300].ID || h[0].User != "user1" || h[0].Seq != seqs[200] {
		t.Errorf("history: %+v, %v", h, err)
	}
	// Later entries follow as before, one each.
	if _, _, err := st.OpenCase(cases[300].ID, "anne"); err != nil {
		t.Fatal(err)
	}
	if h, _ := st.History(cases[300].ID); len(h) != 2 || h[1].Action != "open" || h[1].Seq <= h[0].Seq {
		t.Errorf("history after opening: %+v", h)
	}
}

// A stored case reads back as it went in (as encoding/json would give it
// back: invalid UTF-8 becomes U+FFFD), whatever its text holds.
func TestStoredFormRoundTrip(t *testing.T) {
	cases := synth.Cases(2000, benchdata.Seed, benchdata.Today)
	odd := []string{"", "\"quoted\" \\ back/slash", "\x00\x01\x07\b\f\n\r\t\x1f\x7f", "<&> html", "\u2028\u2029",
		"\xff\xfe invalid", "Åse Ørnsø æ 😀", "\u00e5\u0301"}
	for i, s := range odd {
		reached := i%2 == 0
		cases = append(cases, model.Case{ID: fmt.Sprintf("Z-%02d", i), Profile: model.DefaultProfile, Previous: s,
			Citizen:   model.Citizen{Name: s, CPR: model.CPR(s), BirthDate: model.MakeDate(1+i*1000, 12, 31), Address: s, Phone: s, Email: s},
			Screening: &model.Screening{Date: benchdata.Today, Category1: []string{s, s}, Category2: []string{}, Recommended: reached, Reason: s, Justification: s},
			Events: []model.Event{{Type: model.EventType(s), Date: model.MakeDate(2026, 2, 28), Source: s, Referrer: s, ReceivedBy: s, To: s,
				Channel: s, Reached: &reached, Scope: s, Kind: s, Place: s, Outcome: s, Reason: s, Note: s, By: s,
				Annulled: &model.Annulment{Date: benchdata.Today, By: s, Reason: s}}, {Type: "note", Date: 1, Note: strings.Repeat(s+"x", 9000)}},
			Goals: []model.Goal{{Title: s, FollowUp: 3, FollowedUp: reached, FollowedUpOn: 4}, {}},
			Tasks: []model.Task{{Title: s, Owner: s, Due: 5, Done: !reached, DoneOn: 6}}})
	}
	st := imOpen(t)
	if err := st.Import(cases, "x"); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		js, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var want model.Case
		if err := json.Unmarshal(js, &want); err != nil {
			t.Fatal(err)
		}
		got, err := st.Case(c.ID)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("case %s reads back as\n%+v\nwant\n%+v\n(%v)", c.ID, got, want, err)
		}
	}
}

// BenchmarkImportFile imports an interchange file of n cases into a new
// database with Store.ImportFile, as `tovholder import` does: the file is
// read as a stream, decoded, validated and written, in one transaction
// (one-tx, as into an existing database) or committed as it goes (fresh,
// as the command does into a new database).
func BenchmarkImportFile(b *testing.B) {
	for _, size := range benchdata.Sizes(false) {
		for _, mode := range []struct {
			name string
			opt  db.ImportOptions
		}{{"one-tx", db.ImportOptions{}}, {"fresh", db.ImportOptions{Fresh: true}}} {
			b.Run("cases="+size.Name+"/"+mode.name, func(b *testing.B) {
				file := benchdata.JSON(b, size.N)
				path := filepath.Join(b.TempDir(), "import.db")
				b.ReportAllocs()
				for b.Loop() {
					if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
						b.Fatal(err)
					}
					st, err := db.Open(path, db.Options{})
					if err != nil {
						b.Fatal(err)
					}
					f, err := os.Open(file)
					if err != nil {
						b.Fatal(err)
					}
					n, err := st.ImportFile(f, "bench", mode.opt)
					f.Close()
					if err != nil || n != size.N {
						b.Fatalf("ImportFile: %d, %v", n, err)
					}
					if err := st.Close(); err != nil {
						b.Fatal(err)
					}
				}
				bytes := benchdata.FileSize(b, path)
				b.ReportMetric(float64(size.N)/(b.Elapsed().Seconds()/float64(b.N)), "cases/s")
				b.ReportMetric(bytes, "db-bytes")
				b.ReportMetric(bytes/float64(size.N), "db-bytes/case")
			})
		}
	}
}

// The first cases a process stores are encoded on several goroutines at
// once, and each must find the plan of the type whole (a half-made one
// was once handed out, and its nil function called). Only a new process
// has no plan yet: the test runs itself again.
func TestImportConcurrentFirstUse(t *testing.T) {
	if os.Getenv("TOVHOLDER_FIRST_USE") == "1" {
		st, err := db.Open(filepath.Join(t.TempDir(), "t.db"), db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if err := st.Import(synth.Cases(4000, benchdata.Seed, benchdata.Today), "x"); err != nil {
			t.Fatal(err)
		}
		return
	}
	for range 5 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestImportConcurrentFirstUse$", "-test.count=1")
		cmd.Env = append(os.Environ(), "TOVHOLDER_FIRST_USE=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
	}
}
