package db

import (
	"fmt"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"tovholder/model"
)

func lkAll(t *testing.T, s *Store) string {
	t.Helper()
	var rows []string
	if err := s.AllCases(func(e Entry) bool {
		rows = append(rows, fmt.Sprintf("%s %s %s", e.CaseID, e.Phase, e.Due))
		return true
	}); err != nil {
		t.Fatal(err)
	}
	return strings.Join(rows, "; ")
}

func TestAllCasesIncludesClosedAndRejected(t *testing.T) {
	s := stNew(t)
	assigned := stEv(model.Assigned, "2026-11-02")
	assigned.To = "anne"
	stImport(t, s,
		stCase("K-1", stEv(model.ReferralReceived, "2026-11-01"), assigned),
		stCase("K-2", stEv(model.ReferralReceived, "2026-11-01"), stEv(model.Rejected, "2026-11-02")),
		stCase("K-3", stEv(model.ReferralReceived, "2026-11-01"), assigned, stEv(model.Closed, "2026-11-03")))
	if got, want := lkAll(t, s), "K-1 contact 2026-11-04; K-2 rejected ; K-3 closed "; got != want {
		t.Errorf("all cases:\n got %s\nwant %s", got, want)
	}
	if s.AllLen() != 3 {
		t.Errorf("AllLen = %d", s.AllLen())
	}
	// A change moves the row with it.
	if err := s.AddEvent("K-1", "anne", stEv(model.Closed, "2026-11-05")); err != nil {
		t.Fatal(err)
	}
	if got := lkAll(t, s); !strings.HasPrefix(got, "K-1 closed ;") {
		t.Errorf("after closing K-1: %s", got)
	}
}

func TestSameCitizen(t *testing.T) {
	s := stNew(t)
	cit := func(id, name, cpr, birth string) model.Case {
		c := stCase(id, stEv(model.ReferralReceived, "2026-11-01"))
		c.Citizen = model.Citizen{Name: name, CPR: model.CPR(cpr)}
		if birth != "" {
			c.Citizen.BirthDate = stDate(birth)
		}
		return c
	}
	stImport(t, s,
		cit("K-1", "Åse Fiktivsen", "0101901234", ""),
		cit("K-2", "åse  fiktivsen", "", "1990-01-01"), // no CPR, same name and birth date
		cit("K-3", "Åse Fiktivsen", "", "1991-01-01"),  // same name, another birth date
		cit("K-4", "Bo Andersen", "0101901234", ""),    // same CPR, another name (a typo, or a new name)
		cit("K-5", "Åse Fiktivsen", "0101901234", ""))
	found := func(cpr, name, birth, except string) string {
		t.Helper()
		var b model.Date
		if birth != "" {
			b = stDate(birth)
		}
		ms, err := s.SameCitizen(model.CPR(cpr), name, b, except)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range ms {
			out = append(out, fmt.Sprintf("%s/%v", m.CaseID, m.ByCPR))
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct{ cpr, name, birth, except, want string }{
		{"0101901234", "Åse Fiktivsen", "1990-01-01", "", "K-1/true K-4/true K-5/true K-2/false"},
		{"0101901234", "", "", "K-5", "K-1/true K-4/true"},
		{"", "ÅSE FIKTIVSEN", "1990-01-01", "", "K-1/false K-2/false K-5/false"},
		{"", "Åse Fiktivsen", "", "", ""}, // a name alone finds nothing: too many share one
		{"1111111111", "Nobody", "1911-11-11", "", ""},
	} {
		if got := found(tc.cpr, tc.name, tc.birth, tc.except); got != tc.want {
			t.Errorf("SameCitizen(%q, %q, %q): %s, want %s", tc.cpr, tc.name, tc.birth, got, tc.want)
		}
	}
}

func TestCaseworkers(t *testing.T) {
	s := stNew(t)
	to := func(id, who string) model.Case {
		e := stEv(model.Assigned, "2026-11-02")
		e.To = who
		return stCase(id, e)
	}
	stImport(t, s, to("K-1", "bo"), to("K-2", "anne"), to("K-3", "bo"), to("K-4", "anne bo"), stCase("K-5"))
	names, err := s.Caseworkers()
	if err != nil || strings.Join(names, ",") != "anne,anne bo,bo" {
		t.Errorf("Caseworkers = %q, %v", names, err)
	}
	e := stEv(model.Assigned, "2026-11-03")
	e.To = "cy"
	if err := s.AddEvent("K-4", "anne", e); err != nil {
		t.Fatal(err)
	}
	if names, _ := s.Caseworkers(); strings.Join(names, ",") != "anne,bo,cy" {
		t.Errorf("after reassigning K-4: %q", names)
	}
}

// A database of schema 1 opens, and is marked with the newest schema
// (compressed cases, versions and accounts): an older tovholder would then
// refuse it rather than misread it or change it unchecked.
func TestSchemaOneIsRaised(t *testing.T) {
	path := t.TempDir() + "/old.db"
	s := stOpen(t, path, Options{})
	stImport(t, s, stCase("K-1", stEv(model.ReferralReceived, "2026-11-01")))
	if err := s.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("1")) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = stOpen(t, path, Options{})
	var schema string
	_ = s.bolt.View(func(tx *bolt.Tx) error { schema = string(tx.Bucket(bucketMeta).Get(keySchema)); return nil })
	if schema != "3" || s.Count() != 1 {
		t.Errorf("schema %q, %d cases", schema, s.Count())
	}
}

// The people the desk knows: who holds cases and who is in the audit log,
// kept as the log grows and rebuilt from it when lost.
func TestPeople(t *testing.T) {
	path := t.TempDir() + "/p.db"
	s := stOpen(t, path, Options{})
	e := stEv(model.Assigned, "2026-11-02")
	e.To = "bo"
	stImport(t, s, stCase("K-1", e), stCase("K-2"))
	if _, _, err := s.OpenCase("K-2", "kim"); err != nil {
		t.Fatal(err)
	}
	people := func() string {
		t.Helper()
		p, err := s.People()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(p, ",")
	}
	if got := people(); got != "bo,importer,kim" {
		t.Fatalf("People = %s", got)
	}
	if err := s.bolt.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketUsers) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = stOpen(t, path, Options{})
	if got := people(); got != "bo,importer,kim" {
		t.Errorf("People after the bucket was rebuilt = %s", got)
	}
}
