package db

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/klauspost/compress/s2"
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
	if err := noteUser(tx.Bucket(bucketUsers), user, action); err != nil {
		return err
	}
	if caseID == "" {
		return nil
	}
	if action != "open" && !accessActions[action] {
		// A change: the case's version moves on, and once the write is
		// committed every desk hears of it.
		if err := setVersion(tx, caseID, seq); err != nil {
			return err
		}
		tx.OnCommit(func() {
			s.changedCase(caseID)
			s.notify(Notice{Case: caseID, User: user, Action: action, Version: seq})
		})
	}
	return tx.Bucket(bucketHistory).Put(append(append([]byte(caseID), 0), k...), nil)
}

// An import writes one audit entry for all its cases, not one each: for
// 100,000 cases that is 100,000 fewer puts in the transaction and 12 MB
// less in the file. The entry says how many cases it covers; their ids
// follow under the entry's key with idsSuffix (S2-compressed, NUL
// between), and each case's history points at the entry as before. Audit
// and History read it as one entry per case, so every reader of the log
// sees what it always saw.
const idsSuffix = "ids"

// auditRecord is an AuditEntry as stored: Cases > 0 for an import's entry.
type auditRecord struct {
	AuditEntry
	Cases int `json:"cases,omitempty"`
}

// auditBatch is the entry of an import in the making; an import that
// commits as it goes (ImportOptions.Fresh) binds it to each transaction.
type auditBatch struct {
	s                  *Store
	audit, hist, users *bolt.Bucket
	versions           *bolt.Bucket
	tx                 *bolt.Tx
	user               string
	action             string
	seq                uint64 // the entry's sequence number; 0 until bound
	ids                []string
	since              int // ids[since:] were added in this transaction
	hkey               []byte
}

func (s *Store) newAuditBatch(user, action string) *auditBatch {
	return &auditBatch{s: s, user: user, action: action}
}

// bind goes on in tx.
func (a *auditBatch) bind(tx *bolt.Tx) {
	a.audit, a.hist, a.users = tx.Bucket(bucketAudit), tx.Bucket(bucketHistory), tx.Bucket(bucketUsers)
	a.versions, a.tx = tx.Bucket(bucketVersions), tx
	a.hist.FillPercent = 1
	if a.seq == 0 {
		a.seq = a.audit.Sequence() + 1 // taken by finish, if any case was added
	}
	a.since = len(a.ids)
}

// add puts the case's history key; cases come in id order.
func (a *auditBatch) add(id string) error {
	a.hkey = binary.BigEndian.AppendUint64(append(append(a.hkey[:0], id...), 0), a.seq)
	if err := a.hist.Put(a.hkey, nil); err != nil {
		return err
	}
	if err := a.versions.Put([]byte(id), a.hkey[len(a.hkey)-8:]); err != nil {
		return err
	}
	a.ids = append(a.ids, id)
	return nil
}

// undo takes back the history keys of this transaction, the last first
// (which moves no other key), so that they can be put again in another
// order.
func (a *auditBatch) undo() error {
	for i := len(a.ids) - 1; i >= a.since; i-- {
		a.hkey = binary.BigEndian.AppendUint64(append(append(a.hkey[:0], a.ids[i]...), 0), a.seq)
		if err := a.hist.Delete(a.hkey); err != nil {
			return err
		}
	}
	a.ids = a.ids[:a.since]
	return nil
}

// finish writes the entry and its ids.
func (a *auditBatch) finish() error {
	if len(a.ids) == 0 {
		return nil
	}
	if err := a.audit.SetSequence(a.seq); err != nil {
		return err
	}
	v, err := json.Marshal(auditRecord{AuditEntry{At: a.s.now().UTC(), User: a.user, Action: a.action}, len(a.ids)})
	if err != nil {
		return err
	}
	slices.Sort(a.ids)
	var ids []byte
	for i, id := range a.ids {
		if i > 0 {
			ids = append(ids, 0)
		}
		ids = append(ids, id...)
	}
	key := binary.BigEndian.AppendUint64(nil, a.seq)
	a.audit.FillPercent = 1 // append-only: a page once full is never written into again
	if err := a.audit.Put(key, v); err != nil {
		return err
	}
	if err := noteUser(a.users, a.user, a.action); err != nil {
		return err
	}
	a.tx.OnCommit(func() {
		a.s.changedCase("")
		a.s.notify(Notice{User: a.user, Action: a.action, Version: a.seq})
	})
	return a.audit.Put(append(key, idsSuffix...), s2.Encode(nil, ids))
}

// History returns a case's audit entries, oldest first.
func (s *Store) History(caseID string) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.view(func(tx *bolt.Tx) error {
		return s.caseHistory(tx, caseID, func(e AuditEntry) { out = append(out, e) })
	})
	return out, err
}

// caseHistory calls fn with a case's audit entries, oldest first.
func (s *Store) caseHistory(tx *bolt.Tx, caseID string, fn func(AuditEntry)) error {
	audit := tx.Bucket(bucketAudit)
	prefix := append([]byte(caseID), 0)
	c := tx.Bucket(bucketHistory).Cursor()
	for k, _ := c.Seek(prefix); k != nil && len(k) == len(prefix)+8 && string(k[:len(prefix)]) == string(prefix); k, _ = c.Next() {
		seq := k[len(prefix):]
		var r auditRecord
		if err := json.Unmarshal(audit.Get(seq), &r); err != nil {
			return s.unreadableEntry(seq, err)
		}
		r.Seq = binary.BigEndian.Uint64(seq)
		if r.Cases > 0 {
			r.Case = caseID
		}
		fn(r.AuditEntry)
	}
	return nil
}

// Audit calls fn with every audit entry, oldest first, until fn returns
// false. An import's entry comes as one entry per case, in id order.
func (s *Store) Audit(fn func(AuditEntry) bool) error { return s.walkAudit(false, fn) }

// AuditNewest is Audit newest first (an import's cases in reverse id
// order): the access log shows the latest without reading the rest.
func (s *Store) AuditNewest(fn func(AuditEntry) bool) error { return s.walkAudit(true, fn) }

func (s *Store) walkAudit(newest bool, fn func(AuditEntry) bool) error {
	return s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAudit)
		c := b.Cursor()
		first, next := c.First, c.Next
		if newest {
			first, next = c.Last, c.Prev
		}
		for k, v := first(); k != nil; k, v = next() {
			if len(k) != 8 {
				continue // an import's ids, read with its entry
			}
			var r auditRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return s.unreadableEntry(k, err)
			}
			r.Seq = binary.BigEndian.Uint64(k)
			if r.Cases == 0 {
				if !fn(r.AuditEntry) {
					return nil
				}
				continue
			}
			ids, err := importIDs(b.Get(append(bytes.Clone(k), idsSuffix...)))
			if err != nil {
				return fmt.Errorf("the audit log's import %d is unreadable: %w", r.Seq, err)
			}
			if newest {
				slices.Reverse(ids)
			}
			for _, id := range ids {
				r.Case = string(id)
				if !fn(r.AuditEntry) {
					return nil
				}
			}
		}
		return nil
	})
}

// importIDs unpacks the case ids of an import's entry.
func importIDs(packed []byte) ([][]byte, error) {
	n, err := s2.DecodedLen(packed)
	if err == nil && n > maxCaseSize*16 { // damaged: do not allocate that much
		err = fmt.Errorf("it claims %d bytes", n)
	}
	if err != nil {
		return nil, err
	}
	ids, err := s2.Decode(nil, packed)
	if err != nil {
		return nil, err
	}
	return bytes.Split(ids, []byte{0}), nil
}

// noteUser keeps the name of everyone in the audit log in a bucket of its
// own: the desk offers them as caseworkers (Store.People) without reading
// the log.
//
// Managing users and reading (a login, an export, the access log) is no
// casework: those who only do that are not offered.
func noteUser(users *bolt.Bucket, user, action string) error {
	if strings.HasPrefix(action, "user.") || accessActions[action] {
		return nil
	}
	if user == "" || users.Get([]byte(user)) != nil {
		return nil // the usual case: known already, no write
	}
	return users.Put([]byte(user), nil)
}

// rebuildUsers fills the users bucket from the audit log and the
// accounts, for a database written before it was kept.
func rebuildUsers(tx *bolt.Tx) error {
	users := tx.Bucket(bucketUsers)
	if err := tx.Bucket(bucketPeople).ForEach(func(k, _ []byte) error { return noteUser(users, string(k), "") }); err != nil {
		return err
	}
	c := tx.Bucket(bucketAudit).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 8 {
			continue // an import's list of case ids
		}
		var e struct {
			User   string `json:"user"`
			Action string `json:"action"`
		}
		if json.Unmarshal(v, &e) == nil {
			if err := noteUser(users, e.User, e.Action); err != nil {
				return err
			}
		}
	}
	return nil
}

// unreadableEntry names the file and the entry that could not be read.
func (s *Store) unreadableEntry(key []byte, err error) error {
	return damaged(s.path, ErrDamaged, "audit entry %d is unreadable: %v", binary.BigEndian.Uint64(key), err)
}

// LogAccess writes an audit entry for something a person read or took
// away that is not one case opened: an export, a printout, the access log
// itself. caseID may be "". It changes no case, so no version moves.
func (s *Store) LogAccess(user, action, caseID, detail string) error {
	if action == "open" || !accessActions[action] {
		return fmt.Errorf("%q is not an access to log", action)
	}
	return s.update(func(tx *bolt.Tx) error { return s.audit(tx, user, action, caseID, detail) })
}

// accessActions are the actions LogAccess writes; none of them changes a case.
var accessActions = map[string]bool{"export": true, "print": true, "audit": true, "login": true}
