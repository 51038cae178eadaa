package db_test

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"tovholder/db"
	"tovholder/internal/benchdata"
	"tovholder/model"
	"tovholder/synth"
)

// After any mix of changes, the snapshot made from the last one by
// reading only the changed cases is the snapshot read whole.
func TestSnapshotPatchedEqualsRead(t *testing.T) {
	dir := t.TempDir()
	st, err := db.Open(filepath.Join(dir, "s.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cases := synth.Cases(400, 7, benchdata.Today)
	if err := st.Import(cases, "kim"); err != nil {
		t.Fatal(err)
	}
	kim := model.Actor{Name: "kim", Role: model.Coordinator}
	rng := rand.New(rand.NewSource(1))
	first, _ := st.QueueSnapshot()
	for round := 0; round < 30; round++ {
		for k := 0; k < 1+rng.Intn(5); k++ {
			c := cases[rng.Intn(len(cases))]
			var e model.Event
			switch rng.Intn(4) {
			case 0:
				e = model.Event{Type: model.Note, Date: benchdata.Today, Note: "n"}
			case 1:
				e = model.Event{Type: model.Assigned, Date: benchdata.Today, To: []string{"anne", "bo", "carl"}[rng.Intn(3)]}
			case 2:
				e = model.Event{Type: model.Closed, Date: benchdata.Today, Reason: "goals_met"}
			default:
				no := false
				e = model.Event{Type: model.ContactAttempt, Date: benchdata.Today, Channel: "phone", Reached: &no}
			}
			st.Record(kim, c.ID, db.AnyVersion, e, nil) // refusals (a closed case) are fine: no change
		}
		if round%7 == 3 {
			if _, err := st.CreateReferral(kim, model.Case{Events: []model.Event{{Type: model.ReferralReceived, Date: benchdata.Today, Source: "doctor"}}}, 2026); err != nil {
				t.Fatal(err)
			}
		}
		for _, queue := range []bool{true, false} {
			got, err := snapshotOf(st, queue)
			if err != nil {
				t.Fatal(err)
			}
			want := readWhole(t, dir, st, queue)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d: the patched snapshot (%d rows) differs from the one read whole (%d rows)", round, len(got.Entries), len(want.Entries))
			}
		}
	}
	if again, _ := st.QueueSnapshot(); again == first {
		t.Error("the snapshot did not change")
	}
	// Nothing changed: the same snapshot, shared.
	a, _ := st.QueueSnapshot()
	b, _ := st.QueueSnapshot()
	if a != b {
		t.Error("two desks got two copies of an unchanged queue")
	}
}

// readWhole is the snapshot as a store opened afresh reads it: a backup
// of the file, opened, read whole.
func readWhole(t *testing.T, dir string, st *db.Store, queue bool) *db.Snapshot {
	t.Helper()
	path := filepath.Join(dir, "copy.db")
	var buf bytes.Buffer
	if err := st.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	cp, err := db.Open(path, db.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	sn, err := snapshotOf(cp, queue)
	if err != nil {
		t.Fatal(err)
	}
	return sn
}

func snapshotOf(st *db.Store, queue bool) (*db.Snapshot, error) {
	if queue {
		return st.QueueSnapshot()
	}
	return st.AllSnapshot()
}

// BenchmarkSnapshotAfterSave: one case changes (a contact attempt, which
// moves its deadline), then the queue snapshot every desk reads is made
// anew from the last one. With fifty desks this runs once per save, not
// once per desk.
func BenchmarkSnapshotAfterSave(b *testing.B) {
	for _, size := range benchdata.Sizes(false) {
		b.Run("cases="+size.Name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "w.db")
			src, err := os.ReadFile(benchdata.DB(b, size.N))
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(path, src, 0o600); err != nil {
				b.Fatal(err)
			}
			st, err := db.Open(path, db.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			sn, err := st.QueueSnapshot()
			if err != nil {
				b.Fatal(err)
			}
			ids := make([]string, 0, 1000)
			for _, e := range sn.Entries[:min(len(sn.Entries), 4000)] {
				if e.Phase == model.PhaseContact && len(ids) < cap(ids) {
					ids = append(ids, e.CaseID)
				}
			}
			kim := model.Actor{Name: "kim", Role: model.Coordinator}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				no := false
				if _, err := st.Record(kim, ids[i%len(ids)], db.AnyVersion, model.Event{Type: model.ContactAttempt, Date: benchdata.Today, Channel: "phone", Reached: &no}, nil); err != nil {
					b.Fatal(err)
				}
				if _, err := st.QueueSnapshot(); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkSnapshotRead: the queue read whole, as the first desk does.
func BenchmarkSnapshotRead(b *testing.B) {
	for _, size := range benchdata.Sizes(false) {
		b.Run("cases="+size.Name, func(b *testing.B) {
			st, err := db.Open(benchdata.DB(b, size.N), db.Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			b.ReportAllocs()
			for b.Loop() {
				st.ForgetSnapshots()
				if _, err := st.QueueSnapshot(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
