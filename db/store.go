// Package db keeps cases in one bbolt file: the cases themselves, indexes
// that let the queue and the triage list read only what they show, and an
// append-only audit log of every change and every case opened.
package db

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"tovholder/model"
)

// SchemaVersion is the layout of the buckets. Raise it with a migration
// in migrations when the layout changes.
const SchemaVersion = 3

// indexVersion changes whenever the deadline rules change in a way that
// moves due dates; the indexes are then rebuilt on open.
const indexVersion = "fremskudt-2 refs-4" // fremskudt-2: contact_retry; refs-3: all, citizens, workers; refs-4: users

var (
	bucketMeta    = []byte("meta")
	bucketCases   = []byte("cases")
	bucketQueue   = []byte("queue")    // next deadline + id → summary
	bucketTriage  = []byte("triage")   // referral date + id → summary
	bucketCaseIdx = []byte("case_idx") // id → the index keys the case holds now
	bucketAudit   = []byte("audit")    // sequence → entry
	bucketHistory = []byte("history")  // id 0x00 sequence → nothing: a case's audit entries
	bucketAll     = []byte("all")      // id → due + summary: every case, closed and rejected too
	bucketCitizen = []byte("citizens") // CPR, or name and birth date, + id → nothing: a citizen's cases
	bucketWorkers = []byte("workers")  // caseworker 0x00 id → nothing: who holds cases
	bucketUsers   = []byte("users")    // user → nothing: every name in the audit log
	bucketPeople  = []byte("accounts") // user → the account: role, keys, settings (users.go)
	bucketKeys    = []byte("keys")     // public key → user

	keySchema = []byte("schema")
	keyIndex  = []byte("index")
)

// ErrNotFound is returned for a case id the store does not hold.
var ErrNotFound = errors.New("no such case")

// ErrLocked is returned when another process holds the database.
var ErrLocked = errors.New("the database is in use by another process")

// Options tune how a store is opened.
type Options struct {
	ReadOnly bool
	Calendar *model.Calendar // nil: the default calendar
	// LockTimeout is how long to wait for another process to let go of
	// the file; zero means 3 seconds.
	LockTimeout time.Duration
	// Now is the clock for audit entries; nil means time.Now.
	Now func() time.Time
}

// Store is an open database. Its methods are safe for concurrent use.
type Store struct {
	bolt *bolt.DB
	cal  *model.Calendar
	path string
	now  func() time.Time
	// file is bbolt's handle on the file, and stuck is set when a panic on
	// a damaged file left bbolt holding its locks: then nothing more goes
	// to bbolt, and Close lets go of the file itself (see recoverDamage).
	file  *os.File
	stuck atomic.Pointer[DamagedError]
	hub   hub // who hears of changes (Subscribe)
	// The queue and all cases as the desks show them, shared (snapshot.go).
	queueSnap, allSnap snapCache
}

// Open opens (and when not read-only, creates) the database at path.
// It fails within Options.LockTimeout when another process holds it. A
// file that is empty, shorter than its header says, or not a tovholder
// database is refused with an error that wraps ErrDamaged.
func Open(path string, opt Options) (*Store, error) {
	if opt.Calendar == nil {
		opt.Calendar = model.DefaultCalendar()
	}
	if opt.LockTimeout == 0 {
		opt.LockTimeout = 3 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	exists, err := checkFile(path)
	if errors.Is(err, ErrEmpty) {
		exists, err = confirmEmpty(path, opt.LockTimeout)
	}
	if err != nil {
		return nil, err
	}
	if opt.ReadOnly && !exists {
		return nil, fmt.Errorf("no database at %s (import cases or run the desk first): %w", path, os.ErrNotExist)
	}
	bo := &bolt.Options{Timeout: opt.LockTimeout, ReadOnly: opt.ReadOnly}
	if !opt.ReadOnly {
		// Map a large region from the start (address space, not memory):
		// each time a growing file outgrows its map, bbolt remaps and copies
		// every page the transaction has touched.
		bo.InitialMmapSize = 1 << 30
	}
	b, file, err := openBolt(path, bo)
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("%s: %w (waited %s); close the other tovholder and try again", path, ErrLocked, opt.LockTimeout)
	}
	if errors.Is(err, berrors.ErrInvalid) || errors.Is(err, berrors.ErrChecksum) || errors.Is(err, berrors.ErrVersionMismatch) {
		// checkFile lets none of these through, unless the file changed since.
		return nil, &DamagedError{Path: path, Kind: ErrDamaged, Detail: err.Error(), cause: err}
	}
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := &Store{bolt: b, cal: opt.Calendar, path: path, now: opt.Now, file: file}
	if err := s.prepare(opt.ReadOnly); err != nil {
		s.Close()
		if opt.ReadOnly && errors.Is(err, errNeedsWrite) {
			// Migrate or reindex under a write lock, then read as asked.
			w, err := Open(path, Options{Calendar: opt.Calendar, LockTimeout: opt.LockTimeout, Now: opt.Now})
			if err != nil {
				return nil, err
			}
			w.Close()
			return Open(path, opt)
		}
		return nil, err
	}
	return s, nil
}

// Close releases the file.
func (s *Store) Close() error {
	if s.stuck.Load() != nil {
		// bbolt's Close would wait forever for the lock the panic left
		// held. Closing its file lets go of the lock between processes;
		// the mapping stays until this process ends.
		return s.file.Close()
	}
	return s.bolt.Close()
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Calendar is the working-day calendar the store's deadlines use.
func (s *Store) Calendar() *model.Calendar { return s.cal }

var errNeedsWrite = errors.New("the database needs a migration or a new index")

// migrations[v] brings a database from schema v to v+1.
var migrations = map[int]func(tx *bolt.Tx) error{
	0: func(tx *bolt.Tx) error { return nil }, // schema 1 is the buckets, which prepare makes
	// Schema 2 stores cases compressed and an import's audit entries as
	// one (codec.go, audit.go). It reads schema 1 as it is; the number
	// goes up so that an older tovholder refuses the file rather than
	// misread it.
	1: func(tx *bolt.Tx) error { return nil },
	// Schema 3 adds case versions, user accounts and their keys, which
	// prepare makes as empty buckets. A case changed before has version 0
	// until its next change. An older tovholder must refuse the file: it
	// would change cases without moving their versions and without asking
	// who may.
	2: func(tx *bolt.Tx) error { return nil },
}

// allBuckets are the buckets of the current schema. Every open makes sure
// they exist, so the rest of the store can rely on tx.Bucket finding them.
var allBuckets = [][]byte{bucketMeta, bucketCases, bucketQueue, bucketTriage, bucketCaseIdx, bucketAudit, bucketHistory,
	bucketAll, bucketCitizen, bucketWorkers, bucketUsers, bucketVersions, bucketPeople, bucketKeys}

// derivedBuckets hold what is computed from the cases: reindex rebuilds them.
var derivedBuckets = [][]byte{bucketQueue, bucketTriage, bucketCaseIdx, bucketAll, bucketCitizen, bucketWorkers, bucketUsers}

func missingBucket(tx *bolt.Tx) bool {
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			return true
		}
	}
	return false
}

// prepare migrates the schema and rebuilds the indexes when the calendar
// or the rules have changed since they were written.
func (s *Store) prepare(readOnly bool) error {
	indexTag := []byte(indexVersion + " " + s.cal.Config().Fingerprint())
	check := func(tx *bolt.Tx) (version int, fresh bool, err error) {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			if k, _ := tx.Cursor().First(); k != nil {
				// Buckets, but not ours: another program's bbolt file.
				return 0, false, damaged(s.path, ErrNotTovholder, "")
			}
			return 0, false, nil // a new file, as bbolt makes it: schema 0
		}
		schema := meta.Get(keySchema)
		if schema == nil {
			return 0, false, damaged(s.path, ErrNotTovholder, "")
		}
		version, err = strconv.Atoi(string(schema))
		if err != nil {
			return 0, false, fmt.Errorf("%s: the schema version is unreadable: %q", s.path, meta.Get(keySchema))
		}
		if version > SchemaVersion {
			return 0, false, fmt.Errorf("%s was written by a newer tovholder (schema %d; this one knows %d)", s.path, version, SchemaVersion)
		}
		// The indexes can be rebuilt from the cases, but the cases and the
		// audit log are the record itself: making them again, empty, would
		// hide that they are lost.
		for _, name := range [][]byte{bucketCases, bucketAudit} {
			if tx.Bucket(name) == nil {
				return 0, false, damaged(s.path, ErrDamaged, "its bucket %q is missing", name)
			}
		}
		// A missing bucket (a damaged file) is recreated, and then the
		// indexes must be rebuilt from the cases.
		return version, bytes.Equal(meta.Get(keyIndex), indexTag) && !missingBucket(tx), nil
	}
	if readOnly {
		return s.view(func(tx *bolt.Tx) error {
			v, fresh, err := check(tx)
			if err == nil && (v < SchemaVersion || !fresh) {
				err = errNeedsWrite
			}
			return err
		})
	}
	return s.update(func(tx *bolt.Tx) error {
		v, fresh, err := check(tx)
		if err != nil {
			return err
		}
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		for ; v < SchemaVersion; v++ {
			if err := migrations[v](tx); err != nil {
				return fmt.Errorf("migrate %s from schema %d: %w", s.path, v, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion))); err != nil {
			return err
		}
		if !fresh {
			if err := s.reindex(tx); err != nil {
				return err
			}
		}
		return meta.Put(keyIndex, indexTag)
	})
}

// reindex drops and recomputes every index entry of every case.
func (s *Store) reindex(tx *bolt.Tx) error {
	for _, name := range derivedBuckets {
		if err := tx.DeleteBucket(name); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	if err := rebuildUsers(tx); err != nil {
		return err
	}
	return s.bulkIndex(tx, func(yield func(*model.Case) error) error {
		return tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
			var c model.Case
			if err := decodeCase(k, v, &c); err != nil {
				return err
			}
			return yield(&c)
		})
	})
}

// EventDetail is an event as the audit log keeps it: what happened, when
// and among the staff, without the words typed about the citizen (a note,
// a place, the referrer, a reason in free text, an annulment's reason).
// The log is kept for good; the case holds the words, and can be corrected.
func EventDetail(e model.Event) string {
	e.Note, e.Place, e.Referrer = "", "", ""
	if _, known := model.Lookup(model.CloseReasons, e.Reason); !known {
		e.Reason = ""
	}
	if e.Annulled != nil {
		a := *e.Annulled
		a.Reason = ""
		e.Annulled = &a
	}
	b, _ := json.Marshal(e) // an Event always marshals
	return string(b)
}

// Case reads one case.
func (s *Store) Case(id string) (c model.Case, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		c, err = getCase(tx, id)
		return err
	})
	return c, err
}

// OpenCase reads one case for a person to look at, with its version, and
// logs that they did: who opened which case is part of the audit trail.
func (s *Store) OpenCase(id, user string) (c model.Case, version uint64, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		if c, err = getCase(tx, id); err != nil {
			return err
		}
		version = caseVersion(tx, id)
		return s.audit(tx, user, "open", id, "")
	})
	return c, version, err
}

// CaseAt reads one case with its version, logging nothing: for a case
// already open on the screen that changed in the store.
func (s *Store) CaseAt(id string) (c model.Case, version uint64, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		if c, err = getCase(tx, id); err != nil {
			return err
		}
		version = caseVersion(tx, id)
		return nil
	})
	return c, version, err
}

// Count is the number of cases in the store.
func (s *Store) Count() (n int) {
	_ = s.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketCases).Stats().KeyN
		return nil
	})
	return n
}

// Cases calls fn with every case, in id order, until fn returns an error.
func (s *Store) Cases(fn func(c *model.Case) error) error {
	return s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
			var c model.Case
			if err := decodeCase(k, v, &c); err != nil {
				return err
			}
			return fn(&c)
		})
	})
}

// Backup writes a consistent copy of the whole database file to w.
func (s *Store) Backup(w io.Writer) error {
	return s.view(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(w)
		return err
	})
}

func getCase(tx *bolt.Tx, id string) (model.Case, error) {
	var c model.Case
	v := tx.Bucket(bucketCases).Get([]byte(id))
	if v == nil {
		return c, fmt.Errorf("case %q: %w", id, ErrNotFound)
	}
	if err := decodeCase([]byte(id), v, &c); err != nil {
		return c, err
	}
	return c, nil
}

// put stores a case and brings its index entries up to date.
func (s *Store) put(tx *bolt.Tx, c *model.Case) error {
	b, err := encodeCase(c)
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketCases).Put([]byte(c.ID), b); err != nil {
		return err
	}
	return s.index(tx, c)
}

func u32(n uint32) []byte { return binary.BigEndian.AppendUint32(nil, n) }

// CreateReferral stores a new case, taken in by actor a, under the next
// free id of the form K-YYYY-NNNN for the given year, chosen in the same
// transaction so that two desks cannot take the same id. It returns the id.
func (s *Store) CreateReferral(a model.Actor, c model.Case, year int) (string, error) {
	var id string
	err := s.update(func(tx *bolt.Tx) error {
		a, p := accountNow(tx, a)
		if p == nil {
			p = a.Role.MayCreate()
		}
		if p != nil {
			return &RefusedError{Problem: *p}
		}
		prefix := fmt.Sprintf("K-%04d-", year)
		// The year's highest number; byte order is not numeric order once
		// numbers outgrow their padding, so look at each (rare: one a referral).
		n := 0
		cur := tx.Bucket(bucketCases).Cursor()
		for k, _ := cur.Seek([]byte(prefix)); k != nil && bytes.HasPrefix(k, []byte(prefix)); k, _ = cur.Next() {
			if v, err := strconv.Atoi(string(k[len(prefix):])); err == nil && v > n {
				n = v
			}
		}
		id = fmt.Sprintf("%s%04d", prefix, n+1)
		c.ID = id
		return s.create(tx, a.Name, &c)
	})
	return id, err
}

// create stores a new case and logs it.
func (s *Store) create(tx *bolt.Tx, user string, c *model.Case) error {
	if errs := model.Validate(c); len(errs) > 0 {
		return errs[0]
	}
	if tx.Bucket(bucketCases).Get([]byte(c.ID)) != nil {
		return &model.FieldError{Case: c.ID, Field: "id", Msg: "exists already in the database"}
	}
	if err := s.put(tx, c); err != nil {
		return err
	}
	return s.audit(tx, user, "create", c.ID, "")
}

// view runs fn in a read transaction. Every read of the store goes
// through it (and every write through update), so that what a damaged
// file does to bbolt is handled in one place.
//
// A panic inside bbolt (its assertions, an index out of range on a
// garbage page) or a fault reading the mapped file becomes an error that
// wraps ErrDamaged; bbolt has rolled the transaction back by then.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	if e := s.stuck.Load(); e != nil {
		return e
	}
	// This runs on every keystroke-driven read: two defers and a closure
	// that stays on the stack cost a few nanoseconds.
	var tx *bolt.Tx
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer s.recoverDamage(&err, &tx)
	return s.bolt.View(func(t *bolt.Tx) error { tx = t; return fn(t) })
}

// update runs fn in a write transaction; see view.
func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	if e := s.stuck.Load(); e != nil {
		return e
	}
	var tx *bolt.Tx
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer s.recoverDamage(&err, &tx)
	return s.bolt.Update(func(t *bolt.Tx) error { tx = t; return fn(t) })
}
