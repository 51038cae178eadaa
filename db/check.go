package db

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrDamaged is wrapped by every error that says the database file is
// damaged: empty, truncated, not a tovholder database, or unreadable
// somewhere inside. Test for it with errors.Is.
var ErrDamaged = errors.New("the file is damaged")

// The kinds of damage Open finds before it reads the file through bbolt;
// each error of one of these kinds also wraps ErrDamaged.
var (
	ErrEmpty        = errors.New("the file is empty")
	ErrTruncated    = errors.New("the file is truncated")
	ErrNotTovholder = errors.New("this is not a tovholder database")
)

// DamagedError says what is wrong with a database file, naming it.
type DamagedError struct {
	Path   string
	Kind   error  // ErrEmpty, ErrTruncated, ErrNotTovholder, or ErrDamaged
	Detail string // in brackets after the kind; may be empty
	cause  error  // the error or runtime error behind it, if any
}

const restoreAdvice = "restore it from a backup (tovholder backup makes one)"

func (e *DamagedError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	b.WriteString(": ")
	b.WriteString(e.Kind.Error())
	if e.Detail != "" {
		b.WriteString(" (" + e.Detail + ")")
	}
	b.WriteString("; ")
	switch e.Kind {
	case ErrEmpty:
		b.WriteString(restoreAdvice + ", or remove it to start a new database")
	case ErrNotTovholder:
		b.WriteString("check that it is the right file, or " + restoreAdvice)
	default:
		b.WriteString(restoreAdvice)
	}
	return b.String()
}

// Unwrap lets errors.Is find ErrDamaged, the kind, and the cause.
func (e *DamagedError) Unwrap() []error {
	errs := []error{ErrDamaged}
	if e.Kind != ErrDamaged {
		errs = append(errs, e.Kind)
	}
	if e.cause != nil {
		errs = append(errs, e.cause)
	}
	return errs
}

func damaged(path string, kind error, detail string, args ...any) *DamagedError {
	return &DamagedError{Path: path, Kind: kind, Detail: fmt.Sprintf(detail, args...)}
}

// damagedByPanic turns what bbolt panicked with on a damaged file (an
// assertion, an index out of range, a fault reading the mapped file)
// into an error. The panic's text stays in the message for whoever has
// to look into it.
func damagedByPanic(path string, r any) *DamagedError {
	msg := fmt.Sprint(r)
	if len(msg) > 200 {
		msg = strings.ToValidUTF8(msg[:200], "") + "…"
	}
	e := damaged(path, ErrDamaged, "reading it failed: %s", msg)
	e.cause, _ = r.(error)
	return e
}

// guard runs fn so that a panic inside bbolt, or a fault reading the
// mapped file (SIGSEGV, SIGBUS; a recoverable panic under
// SetPanicOnFault), becomes an error naming the file. view and update do
// the same inline (see recoverDamage).
func guard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damagedByPanic(path, r)
		}
	}()
	return fn()
}

// recoverDamage, deferred by view and update, turns a panic into an
// error naming the file. bbolt rolls the transaction back as the panic
// passes, which lets go of its locks; but when the panic came before the
// transaction began (tx nil) or from the rollback itself (tx still open:
// a write transaction rereads the freelist page), bbolt still holds them,
// and the next transaction or Close would wait forever. The store is then
// stuck: every later call returns this error.
func (s *Store) recoverDamage(err *error, tx **bolt.Tx) {
	r := recover()
	if r == nil {
		return
	}
	e := damagedByPanic(s.path, r)
	if *tx == nil || (*tx).DB() != nil {
		s.stuck.CompareAndSwap(nil, e)
	}
	*err = e
}

// openBolt is bolt.Open with its panics (garbage that checkFile does not
// look at) turned into errors. A panic leaves bbolt's file open and
// locked, so it is closed here; its mapping stays, address space only.
func openBolt(path string, bo *bolt.Options) (b *bolt.DB, file *os.File, err error) {
	bo.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		file = f
		return f, err
	}
	err = guard(path, func() error {
		b, err = bolt.Open(path, 0o600, bo)
		return err
	})
	if errors.Is(err, ErrDamaged) && b == nil && file != nil {
		file.Close()
	}
	return b, file, err
}

// confirmEmpty is called for a file found empty. Another tovholder may
// have just created it and still hold it while it writes the first pages:
// wait for its lock as Open would, and look again.
func confirmEmpty(path string, timeout time.Duration) (exists bool, err error) {
	// Read-only, bbolt cannot write into the empty file; it only waits for
	// the lock and then fails (or opens a file written meanwhile).
	b, _, err := openBolt(path, &bolt.Options{ReadOnly: true, Timeout: timeout})
	if err == nil {
		b.Close()
	}
	if errors.Is(err, bolt.ErrTimeout) {
		return true, fmt.Errorf("%s: %w (waited %s); close the other tovholder and try again", path, ErrLocked, timeout)
	}
	return checkFile(path)
}

// bbolt's file format (go.etcd.io/bbolt v1.4.3, internal/common): every
// page starts with a header {id uint64, flags uint16, count uint16,
// overflow uint32}; pages 0 and 1 hold a meta each, right after the
// header. Numbers are in the machine's byte order, as bbolt writes them.
const (
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	pageHeaderSize   = 16
	metaSize         = 64 // magic … txid, then the checksum
	metaSumOffset    = 56 // the checksum is FNV-64a over the bytes before it
	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	freelistPageFlag = 0x10
	noFreelist       = ^uint64(0)
)

// boltMeta is the part of a meta page the check needs.
type boltMeta struct {
	pageSize uint32
	root     uint64 // the root bucket's page
	freelist uint64 // the freelist's page, or noFreelist
	pgid     uint64 // the high-water mark: pages [0, pgid) are in use
	txid     uint64
}

// metaState is what one meta page turned out to be.
type metaState int

const (
	metaAbsent  metaState = iota // not bbolt's magic number (or no bytes to read)
	metaCorrupt                  // bbolt's magic and version, but the checksum fails
	metaValid
)

func readMeta(f io.ReaderAt, off int64) (boltMeta, metaState) {
	var buf [pageHeaderSize + metaSize]byte
	if _, err := f.ReadAt(buf[:], off); err != nil {
		return boltMeta{}, metaAbsent
	}
	m := buf[pageHeaderSize:]
	ne := binary.NativeEndian
	if ne.Uint32(m[0:]) != boltMagic || ne.Uint32(m[4:]) != boltVersion {
		return boltMeta{}, metaAbsent
	}
	h := fnv.New64a()
	h.Write(m[:metaSumOffset])
	if h.Sum64() != ne.Uint64(m[metaSumOffset:]) {
		return boltMeta{}, metaCorrupt
	}
	return boltMeta{
		pageSize: ne.Uint32(m[8:]),
		root:     ne.Uint64(m[16:]), // m[24:32] is the root bucket's sequence
		freelist: ne.Uint64(m[32:]),
		pgid:     ne.Uint64(m[40:]),
		txid:     ne.Uint64(m[48:]),
	}, metaValid
}

// checkFile compares the file at path with what its meta pages say,
// before bbolt maps it: bbolt trusts them, and a file shorter than they
// claim faults (SIGBUS) or panics on the first read past its end. It
// reads a few hundred bytes whatever the size of the file. exists is
// false when there is no file at path (and then err is nil).
//
// It takes no lock: a tovholder writing meanwhile grows the file before
// it writes a meta page that counts the new pages, and of the two meta
// pages at least one is whole, so what it reads is consistent.
func checkFile(path string) (exists bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return true, fmt.Errorf("open database %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return true, fmt.Errorf("open database %s: %w", path, err)
	}
	if fi.IsDir() {
		return true, fmt.Errorf("open database %s: it is a directory", path)
	}
	size := fi.Size()
	if size == 0 {
		return true, damaged(path, ErrEmpty, "")
	}

	// The meta with the higher transaction id wins if valid, as in bbolt's
	// DB.meta; page 1 is found as bbolt finds it: at page 0's page size,
	// or, when page 0 is unreadable, at each possible page size.
	m0, s0 := readMeta(f, 0)
	var m1 boltMeta
	s1 := metaAbsent
	if s0 == metaValid {
		m1, s1 = readMeta(f, int64(m0.pageSize))
	} else {
		for ps := int64(1024); ps <= 1<<24 && ps < size; ps <<= 1 {
			m, s := readMeta(f, ps)
			if s == metaValid && int64(m.pageSize) != ps {
				s = metaCorrupt
			}
			if s > s1 {
				m1, s1 = m, s
			}
			if s == metaValid {
				break
			}
		}
	}
	var m boltMeta
	switch {
	case s0 == metaValid && (s1 != metaValid || m0.txid >= m1.txid):
		m = m0
	case s1 == metaValid:
		m = m1
	case s0 == metaCorrupt || s1 == metaCorrupt:
		return true, damaged(path, ErrDamaged, "neither copy of its header is valid")
	default:
		return true, damaged(path, ErrNotTovholder, "")
	}

	ps := uint64(m.pageSize)
	if ps < 1024 || ps > 1<<24 || ps&(ps-1) != 0 || m.pgid < 2 {
		return true, damaged(path, ErrDamaged, "its header gives an impossible page size or page count")
	}
	if uint64(size)/ps < m.pgid {
		return true, damaged(path, ErrTruncated, "it holds %d bytes, its header says %d", size, m.pgid*ps)
	}

	// The pages bbolt reads on open (the freelist, when writable) and in
	// every transaction (the root): garbage there panics inside bbolt.Open
	// or at the first read, so say so now, and plainly.
	hdr := func(id uint64) (pid uint64, flags, count uint16, overflow uint32, ok bool) {
		var b [pageHeaderSize]byte
		if id >= m.pgid {
			return 0, 0, 0, 0, false
		}
		if _, err := f.ReadAt(b[:], int64(id*ps)); err != nil {
			return 0, 0, 0, 0, false
		}
		ne := binary.NativeEndian
		return ne.Uint64(b[0:]), ne.Uint16(b[8:]), ne.Uint16(b[10:]), ne.Uint32(b[12:]), true
	}
	if id, flags, _, _, ok := hdr(m.root); !ok || id != m.root || (flags != leafPageFlag && flags != branchPageFlag) {
		return true, damaged(path, ErrDamaged, "page %d, its root, is not a root page", m.root)
	}
	if m.freelist != noFreelist {
		id, flags, count, overflow, ok := hdr(m.freelist)
		n, first := uint64(count), uint64(0)
		if ok && count == 0xFFFF { // the count is in the first element
			var b [8]byte
			if _, err := f.ReadAt(b[:], int64(m.freelist*ps+pageHeaderSize)); err != nil {
				ok = false
			}
			n, first = binary.NativeEndian.Uint64(b[:]), 1
		}
		pages := uint64(overflow) + 1
		if !ok || id != m.freelist || flags != freelistPageFlag || m.freelist+pages > m.pgid ||
			n > (pages*ps-pageHeaderSize)/8-first {
			return true, damaged(path, ErrDamaged, "page %d, its list of free pages, is not one", m.freelist)
		}
	}
	return true, nil
}
