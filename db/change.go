package db

import (
	"encoding/binary"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"tovholder/model"
)

// A case's version is the audit sequence number of the last change made
// to it (0 for a case no change has touched since versions were kept).
// Opening a case is logged but changes nothing, so it leaves the version.
// A front end keeps the version it showed and hands it back with the
// change: a change made on an older version is refused (ConflictError),
// so that two people never overwrite each other.

var bucketVersions = []byte("versions") // id → the case's version (8 bytes)

// AnyVersion, as the version a change was made on, skips the check: for
// commands that change a case without having shown it.
const AnyVersion = ^uint64(0)

// ConflictError refuses a change made on a version of the case that is no
// longer the newest: Changes are what others did since, oldest first.
type ConflictError struct {
	Case    string
	Seen    uint64
	Now     uint64 // the case's version now, to make the change on again
	Changes []AuditEntry
}

func (e *ConflictError) Error() string {
	var who []string
	for _, c := range e.Changes {
		who = append(who, fmt.Sprintf("%s (%s, %s)", c.User, c.Action, c.At.Local().Format("15:04")))
	}
	if len(who) == 0 {
		return fmt.Sprintf("case %s was changed by someone else since you opened it", e.Case)
	}
	return fmt.Sprintf("case %s was changed since you opened it, by %s", e.Case, strings.Join(who, ", "))
}

// RefusedError is a change the actor may not make, or that the case's
// rules do not allow: Problem says which, for the front end's words.
type RefusedError struct {
	Case    string
	Problem model.Problem
}

func (e *RefusedError) Error() string {
	if len(e.Problem.Args) > 0 {
		return fmt.Sprintf("case %s: refused (%s: %v)", e.Case, e.Problem.Code, e.Problem.Args[0])
	}
	return fmt.Sprintf("case %s: refused (%s)", e.Case, e.Problem.Code)
}

// Change is one change to one case.
type Change struct {
	// Event is the event to record; for any other edit it is nil, and
	// Action names the edit for the audit log (done, annul, …).
	Event  *model.Event
	Action string
	// Apply makes an edit that is not an event; it returns the audit
	// detail. With an Event it is not used.
	Apply func(c *model.Case) (detail string, err error)
	// Check, when given, sees the case as it stands inside the write,
	// after permission and version, and may refuse (rules, a warning the
	// user has not confirmed). Nothing is written then.
	Check func(c *model.Case) error
}

// Change makes one change to case id as actor a, on the version seen:
// it checks the actor's permission (model.Permit) and the version, runs
// the change's own check, writes the case and its indexes, logs the
// change, and tells every subscriber once it is committed. Every front end
// changes cases through here (or Record, which calls it). It returns the
// case's new version.
func (s *Store) Change(a model.Actor, id string, seen uint64, ch Change) (version uint64, err error) {
	action := ch.Action
	var kind model.EventType
	if ch.Event != nil {
		kind, action = ch.Event.Type, "event"
		if ch.Event.Type == model.Note {
			action = "note"
		}
	}
	err = s.update(func(tx *bolt.Tx) error {
		c, err := getCase(tx, id)
		if err != nil {
			return err
		}
		a, p := accountNow(tx, a)
		if p == nil {
			p = model.Permit(a, &c, kind)
		}
		if p != nil {
			return &RefusedError{id, *p}
		}
		if now := caseVersion(tx, id); seen != AnyVersion && now != seen {
			return s.conflict(tx, id, seen)
		}
		if ch.Check != nil {
			if err := ch.Check(&c); err != nil {
				return err
			}
		}
		detail := ""
		if ch.Event != nil {
			c.Events = append(c.Events, *ch.Event)
			detail = EventDetail(*ch.Event)
		} else if detail, err = ch.Apply(&c); err != nil {
			return err
		}
		if c.ID != id {
			return fmt.Errorf("a case's id cannot change (%q to %q)", id, c.ID)
		}
		if errs := model.Validate(&c); len(errs) > 0 {
			return errs[0]
		}
		if err := s.put(tx, &c); err != nil {
			return err
		}
		if err := s.audit(tx, a.Name, action, id, detail); err != nil {
			return err
		}
		version = caseVersion(tx, id)
		return nil
	})
	return version, err
}

// Record adds one event to case id as actor a; see Change.
func (s *Store) Record(a model.Actor, id string, seen uint64, e model.Event, check func(c *model.Case) error) (uint64, error) {
	return s.Change(a, id, seen, Change{Event: &e, Check: check})
}

// Version is a case's version now.
func (s *Store) Version(id string) (v uint64, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		v = caseVersion(tx, id)
		return nil
	})
	return v, err
}

func caseVersion(tx *bolt.Tx, id string) uint64 {
	if v := tx.Bucket(bucketVersions).Get([]byte(id)); len(v) == 8 {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}

func setVersion(tx *bolt.Tx, id string, seq uint64) error {
	return tx.Bucket(bucketVersions).Put([]byte(id), binary.BigEndian.AppendUint64(nil, seq))
}

// conflict says what changed case id after version seen, from its history.
func (s *Store) conflict(tx *bolt.Tx, id string, seen uint64) error {
	e := &ConflictError{Case: id, Seen: seen, Now: caseVersion(tx, id)}
	err := s.caseHistory(tx, id, func(a AuditEntry) {
		if a.Seq > seen && a.Action != "open" && !accessActions[a.Action] {
			e.Changes = append(e.Changes, a)
		}
	})
	if err != nil {
		return err
	}
	return e
}

// accountNow is the actor as their account stands in this transaction:
// a role changed or an account disabled since they logged in counts at
// once. A name with no account (the local desk, for one person or
// training) acts in the role it was given.
func accountNow(tx *bolt.Tx, a model.Actor) (model.Actor, *model.Problem) {
	u, err := getUser(tx, a.Name)
	if err != nil {
		return a, nil
	}
	if u.Disabled {
		return a, &model.Problem{Code: model.ProblemDisabled}
	}
	a.Role = u.Role
	return a, nil
}
