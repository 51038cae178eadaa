package db

import (
	"bytes"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"

	"tovholder/model"
)

// AllCases calls fn with every case, closed and rejected ones too, in id
// order, until fn returns false: the rows of the "all cases" view, read
// from the index without decoding the cases. Due is the next deadline of
// an open case, NoDate otherwise.
func (s *Store) AllCases(fn func(Entry) bool) error {
	return s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAll).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if e, ok := allEntry(k, v); ok && !fn(e) {
				return nil
			}
		}
		return nil
	})
}

// AllLen is the number of cases in the all-cases index.
func (s *Store) AllLen() (n int) {
	_ = s.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketAll).Stats().KeyN
		return nil
	})
	return n
}

func allEntry(k, v []byte) (Entry, bool) {
	if len(v) < 4 {
		return Entry{}, false // damaged: leave it out rather than guess
	}
	e := Entry{CaseID: string(k), Due: model.Date(be32(v[:4]))}
	decodeSummary(&e, v[4:])
	return e, true
}

// Match is a case of the same citizen: found by the CPR number, or by the
// same name and birth date.
type Match struct {
	Entry
	ByCPR bool
}

// SameCitizen finds the cases of a citizen, by CPR number and by name and
// birth date (either may be empty), leaving out the case except. A case
// found both ways is listed once, as found by CPR.
func (s *Store) SameCitizen(cpr model.CPR, name string, birth model.Date, except string) ([]Match, error) {
	var out []Match
	seen := map[string]bool{except: true}
	err := s.view(func(tx *bolt.Tx) error {
		all := tx.Bucket(bucketAll)
		c := tx.Bucket(bucketCitizen).Cursor()
		for _, prefix := range citizenKeys(cpr, name, birth) {
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				id := string(k[len(prefix):])
				if seen[id] {
					continue
				}
				seen[id] = true
				if e, ok := allEntry([]byte(id), all.Get([]byte(id))); ok {
					out = append(out, Match{Entry: e, ByCPR: prefix[0] == 'c'})
				}
			}
		}
		return nil
	})
	return out, err
}

// Caseworkers are the people who hold cases now, sorted: read from the
// workers index, one seek per person however many cases each holds.
func (s *Store) Caseworkers() ([]string, error) {
	var names []string
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketWorkers).Cursor()
		for k, _ := c.First(); k != nil; {
			name, _, _ := bytes.Cut(k, []byte{0})
			names = append(names, string(name))
			k, _ = c.Seek(append(append([]byte(nil), name...), 1)) // past "name\x00…"
		}
		return nil
	})
	sort.Strings(names)
	return names, err
}

// People are everyone the desk knows by name who can hold a case, sorted:
// who holds cases, and who is in the audit log (the --user names of those
// who used the desk or imported cases), less those whose account says
// they do no casework (leaders, admins) or is disabled. The desk offers
// them as caseworkers.
func (s *Store) People() ([]string, error) {
	names, err := s.Caseworkers()
	if err != nil {
		return nil, err
	}
	err = s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUsers).ForEach(func(k, _ []byte) error {
			if u, err := getUser(tx, string(k)); err == nil && (u.Disabled || u.Role.MayRecord(model.Note) != nil) {
				return nil
			}
			names = append(names, string(k))
			return nil
		})
	})
	sort.Strings(names)
	return slices.Compact(names), err
}
