package db

import (
	"encoding/binary"
	"encoding/json"
	"time"

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
