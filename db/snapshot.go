package db

import (
	"slices"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"

	"tovholder/model"
)

// Snapshot is an index as it stood at one moment: the rows of the queue
// (or of every case), cleaned for the screen, with the text a search
// matches. It is shared read-only by every desk in the process: fifty
// SSH sessions on 100,000 cases hold one copy, not fifty (about 25 MB
// each). A change makes a new snapshot from the last one, reading only the
// rows of the cases that changed.
type Snapshot struct {
	Entries []Entry
	// Search is, per entry, what a search matches in lower case: the name,
	// the birth-date digits of the CPR number (never the last four, which
	// the screen does not show) and the id, NUL between.
	Search []string
}

// snapCache keeps the newest snapshot of one index and which cases have
// changed since it was made.
type snapCache struct {
	mu    sync.Mutex
	cur   *Snapshot
	dirty map[string]bool
	stale bool // many changed (an import): read it all again
}

// QueueSnapshot is the queue (open cases by next deadline) as it stands.
func (s *Store) QueueSnapshot() (*Snapshot, error) { return s.snapshot(&s.queueSnap, 'q') }

// AllSnapshot is every case, closed and rejected too, by id.
func (s *Store) AllSnapshot() (*Snapshot, error) { return s.snapshot(&s.allSnap, 'a') }

// changedCase marks a committed change of case id ("" for many) in the
// snapshots; it runs before the subscribers hear of it, so that what they
// read then is new.
func (s *Store) changedCase(id string) {
	for _, c := range []*snapCache{&s.queueSnap, &s.allSnap} {
		c.mu.Lock()
		if id == "" || len(c.dirty) > 1000 {
			c.stale, c.dirty = true, nil
		} else if c.cur != nil {
			if c.dirty == nil {
				c.dirty = map[string]bool{}
			}
			c.dirty[id] = true
		}
		c.mu.Unlock()
	}
}

func (s *Store) snapshot(c *snapCache, tag byte) (*Snapshot, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur != nil && !c.stale && len(c.dirty) == 0 {
		return c.cur, nil
	}
	var next *Snapshot
	var err error
	if c.cur == nil || c.stale {
		c.stale, c.dirty = false, nil
		next, err = s.readSnapshot(tag)
	} else {
		ids := c.dirty
		c.dirty = nil
		next, err = s.patchSnapshot(c.cur, tag, ids)
	}
	if err != nil {
		c.stale = true
		return nil, err
	}
	c.cur = next
	return next, nil
}

// readSnapshot reads a whole index.
func (s *Store) readSnapshot(tag byte) (*Snapshot, error) {
	sn := &Snapshot{}
	add := func(e Entry) bool {
		sn.Entries = append(sn.Entries, e)
		return true
	}
	var err error
	if tag == 'q' {
		n := s.QueueLen()
		sn.Entries = make([]Entry, 0, n+n/16)
		err = s.Queue(add)
	} else {
		n := s.AllLen()
		sn.Entries = make([]Entry, 0, n+n/16)
		err = s.AllCases(add)
	}
	if err != nil {
		return nil, err
	}
	sn.Search = make([]string, len(sn.Entries))
	for i := range sn.Entries {
		cleanEntry(&sn.Entries[i])
		sn.Search[i] = searchText(sn.Entries[i])
	}
	return sn, nil
}

// patchSnapshot makes a new snapshot from old: the rows of the cases ids
// are taken out and their rows now put in, in the index's order.
func (s *Store) patchSnapshot(old *Snapshot, tag byte, ids map[string]bool) (*Snapshot, error) {
	var fresh []Entry
	err := s.view(func(tx *bolt.Tx) error {
		for id := range ids {
			for _, ref := range decodeRefs(tx.Bucket(bucketCaseIdx).Get([]byte(id))) {
				if ref[0] != tag {
					continue
				}
				key := ref[1:]
				v := tx.Bucket(indexBuckets[tag]).Get(key)
				if v == nil {
					continue
				}
				var e Entry
				if tag == 'q' {
					e.Due, e.CaseID = splitQueueKey(key)
					decodeSummary(&e, v) // copies: the strings outlive the transaction
				} else if e2, ok := allEntry(key, v); ok { // copies too
					e = e2
				} else {
					continue
				}
				cleanEntry(&e)
				fresh = append(fresh, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	less := func(a, b Entry) int { return strings.Compare(a.CaseID, b.CaseID) }
	if tag == 'q' {
		less = queueOrder
	}
	slices.SortFunc(fresh, less)
	sn := &Snapshot{Entries: make([]Entry, 0, len(old.Entries)+len(fresh)), Search: make([]string, 0, len(old.Entries)+len(fresh))}
	// Merge: the old rows, less the changed cases', with the fresh rows
	// put in their places.
	j := 0
	for i, e := range old.Entries {
		if ids[e.CaseID] {
			continue
		}
		for j < len(fresh) && less(fresh[j], e) < 0 {
			sn.Entries, sn.Search = append(sn.Entries, fresh[j]), append(sn.Search, searchText(fresh[j]))
			j++
		}
		sn.Entries, sn.Search = append(sn.Entries, e), append(sn.Search, old.Search[i])
	}
	for ; j < len(fresh); j++ {
		sn.Entries, sn.Search = append(sn.Entries, fresh[j]), append(sn.Search, searchText(fresh[j]))
	}
	return sn, nil
}

// queueOrder is the queue's order (queueKey): cases with a next deadline
// by due date then id, then those without, by id.
func queueOrder(a, b Entry) int {
	an, bn := a.Due == model.NoDate, b.Due == model.NoDate
	switch {
	case an != bn:
		if an {
			return 1
		}
		return -1
	case !an && a.Due != b.Due:
		if a.Due < b.Due {
			return -1
		}
		return 1
	}
	return strings.Compare(a.CaseID, b.CaseID)
}

// cleanEntry makes a row safe to show: whatever a database holds never
// reaches a terminal raw.
func cleanEntry(e *Entry) {
	e.Name, e.Caseworker, e.Label = model.CleanLine(e.Name), model.CleanLine(e.Caseworker), model.CleanLine(e.Label)
	e.CaseID = model.CleanLine(e.CaseID)
}

func searchText(e Entry) string {
	return strings.ToLower(e.Name + "\x00" + string(e.CPR[:min(len(e.CPR), 6)]) + "\x00" + e.CaseID)
}
