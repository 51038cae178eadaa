package db

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	bolt "go.etcd.io/bbolt"
)

// AuditEntry is one line of the append-only audit log: who did what to
// which case, when. Nothing in the program deletes or rewrites entries.
type AuditEntry struct {
	Seq    uint64    `json:"-"`
	At     time.Time `json:"at"`
	User   string    `json:"user"`
	Action string    `json:"action"` // import, create, event, open, …
	Case   string    `json:"case,omitempty"`
	Detail string    `json:"detail,omitempty"` // what changed, e.g. the event added
}

func (s *Store) audit(tx *bolt.Tx, user, action, caseID, detail string) error {
	b := tx.Bucket(bucketAudit)
	b.FillPercent = 1 // append-only: a page once full is never written into again
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	v, err := json.Marshal(AuditEntry{At: s.now().UTC(), User: user, Action: action, Case: caseID, Detail: detail})
	if err != nil {
		return err
	}
	k := binary.BigEndian.AppendUint64(nil, seq)
	if err := b.Put(k, v); err != nil {
		return err
	}
	if caseID == "" {
		return nil
	}
	return tx.Bucket(bucketHistory).Put(append(append([]byte(caseID), 0), k...), nil)
}

// auditBatch writes one entry per case, alike but for the case: what an
// import of many cases leaves, each case's history showing its import.
// The entry is encoded once and each case spliced in; the sequence
// numbers rise with the ids (both buckets get their keys in order).
type auditBatch struct {
	audit, hist *bolt.Bucket
	head, tail  []byte // an entry's JSON before and after the case id
	first, next uint64 // sequence numbers: the batch's first, and the next
	ids         []string
	vals        []byte // bbolt keeps values (not keys) until the commit
	key, hkey   []byte
	err         error
}

func (s *Store) newAuditBatch(tx *bolt.Tx, user, action string) *auditBatch {
	a := &auditBatch{audit: tx.Bucket(bucketAudit), hist: tx.Bucket(bucketHistory)}
	a.audit.FillPercent = 1 // append-only: a page once full is never written into again
	a.hist.FillPercent = 1
	const mark = "\x00" // no case id has it (Validate refuses control characters)
	tmpl, err := json.Marshal(AuditEntry{At: s.now().UTC(), User: user, Action: action, Case: mark})
	if err != nil {
		a.err = err
		return a
	}
	head, tail, ok := bytes.Cut(tmpl, []byte(`"\u0000"`))
	if !ok {
		a.err = fmt.Errorf("audit entry template %s", tmpl)
	}
	a.head, a.tail = head, tail
	a.first = a.audit.Sequence() + 1
	a.next = a.first
	return a
}

// add writes the entry for one case.
func (a *auditBatch) add(id string) error {
	if a.err != nil {
		return a.err
	}
	if cap(a.vals)-len(a.vals) < len(a.head)+len(a.tail)+2*len(id)+8 {
		a.vals = make([]byte, 0, 256<<10) // the old buffer stays, for the values in it
	}
	start := len(a.vals)
	v, err := jsontext.AppendQuote(append(a.vals, a.head...), id)
	if err != nil {
		return err
	}
	a.vals = append(v, a.tail...)
	a.key = binary.BigEndian.AppendUint64(a.key[:0], a.next)
	if err := a.audit.Put(a.key, a.vals[start:len(a.vals):len(a.vals)]); err != nil {
		return err
	}
	a.hkey = append(append(append(a.hkey[:0], id...), 0), a.key...)
	if err := a.hist.Put(a.hkey, nil); err != nil {
		return err
	}
	a.ids = append(a.ids, id)
	a.next++
	return a.audit.SetSequence(a.next - 1)
}

// undo takes the batch's entries back, the last first (which moves no
// other key), so that they can be written again in another order.
func (a *auditBatch) undo() error {
	for i := len(a.ids) - 1; i >= 0; i-- {
		seq := a.first + uint64(i)
		a.key = binary.BigEndian.AppendUint64(a.key[:0], seq)
		if err := a.audit.Delete(a.key); err != nil {
			return err
		}
		a.hkey = append(append(append(a.hkey[:0], a.ids[i]...), 0), a.key...)
		if err := a.hist.Delete(a.hkey); err != nil {
			return err
		}
	}
	a.ids, a.next = a.ids[:0], a.first
	return a.audit.SetSequence(a.first - 1)
}

// History returns a case's audit entries, oldest first.
func (s *Store) History(caseID string) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.view(func(tx *bolt.Tx) error {
		audit := tx.Bucket(bucketAudit)
		prefix := append([]byte(caseID), 0)
		c := tx.Bucket(bucketHistory).Cursor()
		for k, _ := c.Seek(prefix); k != nil && len(k) == len(prefix)+8 && string(k[:len(prefix)]) == string(prefix); k, _ = c.Next() {
			seq := k[len(prefix):]
			var e AuditEntry
			if err := json.Unmarshal(audit.Get(seq), &e); err != nil {
				return err
			}
			e.Seq = binary.BigEndian.Uint64(seq)
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// Audit calls fn with every audit entry, oldest first, until fn returns false.
func (s *Store) Audit(fn func(AuditEntry) bool) error {
	return s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAudit).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var e AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			e.Seq = binary.BigEndian.Uint64(k)
			if !fn(e) {
				return nil
			}
		}
		return nil
	})
}
