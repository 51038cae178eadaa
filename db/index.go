package db

import (
	"encoding/binary"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"tovholder/model"
)

// Entry is one row of the queue or the triage list, read from an index
// without decoding the case.
type Entry struct {
	CaseID     string
	Due        model.Date // NoDate: no next deadline (or, in triage, no referral date)
	Rule       string     // the next deadline's rule; "" without one
	Label      string     // the goal or task the deadline is about
	Caseworker string
	Name       string    // the citizen's name
	CPR        model.CPR // full number, for search; show it masked
	Phase      model.Phase
}

// Overdue reports whether the entry's deadline has passed on today.
func (e Entry) Overdue(today model.Date) bool { return e.Due != model.NoDate && today > e.Due }

// The summary stored as an index value: fields joined by a unit
// separator, which no field may contain (they are stripped of it).
const sep = "\x1f"

func encodeSummary(e Entry) []byte {
	clean := func(s string) string { return strings.ReplaceAll(s, sep, " ") }
	return []byte(strings.Join([]string{clean(e.Rule), clean(e.Label), clean(e.Caseworker),
		clean(e.Name), string(e.CPR), string(e.Phase)}, sep))
}

// decodeSummary fills e from an index value: one string for all the
// fields, which are slices of it (the queue decodes 100,000 at start-up).
func decodeSummary(e *Entry, v []byte) {
	rest := string(v)
	next := func() string {
		f, r, _ := strings.Cut(rest, sep)
		rest = r
		return f
	}
	e.Rule, e.Label, e.Caseworker, e.Name = next(), next(), next(), next()
	e.CPR, e.Phase = model.CPR(next()), model.Phase(next())
}

// ruleOf is the first field of an index value, without decoding the rest.
func ruleOf(v []byte) string {
	if i := strings.Index(string(v), sep); i >= 0 {
		return string(v[:i])
	}
	return string(v)
}

// Queue keys sort as the queue does: cases with a next deadline first, by
// due date (4 bytes, big-endian) then id; then the rest by id.
func queueKey(due model.Date, id string) []byte {
	if due == model.NoDate {
		return append([]byte{1}, id...)
	}
	return append(append([]byte{0}, u32(uint32(due))...), id...)
}

func splitQueueKey(k []byte) (model.Date, string) {
	if len(k) < 5 || k[0] == 1 { // a short key is damaged: show it without a date
		return model.NoDate, string(k[min(len(k), 1):])
	}
	return model.Date(be32(k[1:5])), string(k[5:])
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// indexRow is one entry a case holds in an index bucket.
type indexRow struct {
	tag        byte // see indexBuckets
	key, value []byte
}

// indexRows are the entries a case should hold: its queue row if it is
// open, its triage row while it waits for triage, its row among all
// cases, the keys that find it by its citizen, and its caseworker's key.
func (s *Store) indexRows(c *model.Case) ([]indexRow, error) {
	st, err := model.StatusOf(c, s.cal)
	if err != nil {
		return nil, fmt.Errorf("case %q: %w", c.ID, err)
	}
	e := Entry{CaseID: c.ID, Caseworker: c.Caseworker(), Name: c.Citizen.Name, CPR: c.Citizen.CPR, Phase: c.Phase()}
	var rows []indexRow
	if st.Open {
		due := model.NoDate
		if st.Has {
			due, e.Rule, e.Label = st.Next.Due, st.Next.Rule, st.Next.Label
		}
		rows = append(rows, indexRow{'q', queueKey(due, c.ID), encodeSummary(e)})
	}
	if awaitingTriage(c) {
		rows = append(rows, indexRow{'t', queueKey(referralDate(c), c.ID), encodeSummary(e)})
	}
	allDue := model.NoDate
	if st.Open && st.Has {
		allDue = st.Next.Due
	}
	rows = append(rows, indexRow{'a', []byte(c.ID), append(u32(uint32(allDue)), encodeSummary(e)...)})
	for _, k := range citizenKeys(c.Citizen.CPR, c.Citizen.Name, c.Citizen.Birth()) {
		rows = append(rows, indexRow{'p', append(k, c.ID...), nil})
	}
	if e.Caseworker != "" {
		rows = append(rows, indexRow{'w', append([]byte(e.Caseworker+"\x00"), c.ID...), nil})
	}
	return rows, nil
}

// citizenKeys are the prefixes under which a citizen's cases are found:
// 'c' and the CPR number, and 'n', the name folded to lower case and
// single spaces, and the birth date. Each ends in 0x00, before the id.
func citizenKeys(cpr model.CPR, name string, birth model.Date) [][]byte {
	var keys [][]byte
	if cpr != "" {
		keys = append(keys, []byte("c"+string(cpr)+"\x00"))
	}
	if n := nameKey(name); n != "" && birth != model.NoDate {
		keys = append(keys, append(append([]byte("n"+n+"\x00"), u32(uint32(birth))...), 0))
	}
	return keys
}

// nameKey folds a name for matching: "Åse  Fiktivsen" and "åse fiktivsen" are one.
func nameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(model.CleanLine(name), "\x00", "")), " "))
}

// index replaces the case's index entries with those it should hold now.
func (s *Store) index(tx *bolt.Tx, c *model.Case) error {
	idx := tx.Bucket(bucketCaseIdx)
	for _, ref := range decodeRefs(idx.Get([]byte(c.ID))) {
		b := tx.Bucket(indexBuckets[ref[0]])
		if b == nil {
			return fmt.Errorf("case %q: the index refers to an unknown bucket %q; reopen to rebuild the index", c.ID, ref[:1])
		}
		if err := b.Delete(ref[1:]); err != nil {
			return err
		}
	}
	rows, err := s.indexRows(c)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := tx.Bucket(indexBuckets[r.tag]).Put(r.key, r.value); err != nil {
			return err
		}
	}
	return putRefs(idx, c.ID, rows)
}

// putRefs records which index entries a case holds, to find them again.
func putRefs(idx *bolt.Bucket, id string, rows []indexRow) error {
	if len(rows) == 0 {
		return idx.Delete([]byte(id))
	}
	refs := make([][]byte, len(rows))
	for i, r := range rows {
		refs[i] = append([]byte{r.tag}, r.key...)
	}
	return idx.Put([]byte(id), encodeRefs(refs))
}

// A case's index refs are stored length-first: a key holds a date in
// binary, so no byte value can serve as a separator.
func encodeRefs(refs [][]byte) []byte {
	var out []byte
	for _, r := range refs {
		out = binary.AppendUvarint(out, uint64(len(r)))
		out = append(out, r...)
	}
	return out
}

func decodeRefs(b []byte) [][]byte {
	var refs [][]byte
	for len(b) > 0 {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n || n < 2 {
			break // damaged: what is left cannot be read
		}
		refs = append(refs, b[w:w+int(n)])
		b = b[w+int(n):]
	}
	return refs
}

// indexBuckets names, by a one-byte tag, the buckets case_idx refers to.
var indexBuckets = map[byte][]byte{'q': bucketQueue, 't': bucketTriage, 'a': bucketAll, 'p': bucketCitizen, 'w': bucketWorkers}

// awaitingTriage: neither assigned nor rejected yet.
func awaitingTriage(c *model.Case) bool {
	return !c.Has(model.Assigned) && !c.Has(model.Rejected) && !c.Has(model.Closed)
}

func referralDate(c *model.Case) model.Date {
	if e, ok := c.First(model.ReferralReceived); ok {
		return e.Date
	}
	return model.NoDate
}

// Queue calls fn with the open cases in queue order (DEADLINES.md), until
// fn returns false. It reads only the index, and only as far as fn goes.
func (s *Store) Queue(fn func(Entry) bool) error { return s.scan(bucketQueue, fn) }

// Deadlines calls fn with each open case's id, next deadline and its rule,
// in queue order, until fn returns false: the queue command's need, read
// without the rest of each row.
func (s *Store) Deadlines(fn func(id string, due model.Date, rule string) bool) error {
	return s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketQueue).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			due, id := splitQueueKey(k)
			if !fn(id, due, ruleOf(v)) {
				return nil
			}
		}
		return nil
	})
}

// Triage calls fn with the referrals awaiting triage, oldest first.
func (s *Store) Triage(fn func(Entry) bool) error { return s.scan(bucketTriage, fn) }

func (s *Store) scan(bucket []byte, fn func(Entry) bool) error {
	return s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucket).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var e Entry
			e.Due, e.CaseID = splitQueueKey(k)
			decodeSummary(&e, v)
			if !fn(e) {
				return nil
			}
		}
		return nil
	})
}

// QueueLen is the number of cases in the queue, for sizing what holds them.
func (s *Store) QueueLen() (n int) {
	_ = s.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketQueue).Stats().KeyN
		return nil
	})
	return n
}
