package db

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"maps"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"

	"tovholder/model"
)

// ImportOptions tune ImportFile.
type ImportOptions struct {
	// Progress, if set, is called now and then with the bytes of the file
	// read so far (from another goroutine).
	Progress func(read int64)
	// Fresh says that the database is new and the import's alone, and that
	// it is thrown away if the import fails (the import command builds a
	// new database aside and puts it in place only when the import
	// succeeds). The import then commits every Chunk cases while it reads,
	// rather than all at the end: writing the database goes on beside
	// decoding, and bbolt never holds more than a chunk of it in memory.
	// A failed import leaves the database in any state.
	Fresh bool
	// Chunk is how many cases a Fresh import commits at a time; 0 means
	// 20,000.
	Chunk int
}

// imported is a case ready to be written: its stored form and its index
// rows, made on a worker goroutine while the file is still being read.
type imported struct {
	id    string
	value []byte
	rows  []indexRow
}

// ImportAs is ImportFile as actor a, who must be allowed to import
// (model.Role.MayImport): what every command calls. ImportFile and Import
// themselves are the bulk path of the demo, the tests and the benchmarks.
func (s *Store) ImportAs(a model.Actor, r io.Reader, opt ImportOptions) (int, error) {
	if p := a.Role.MayImport(); p != nil {
		return 0, &RefusedError{Problem: *p}
	}
	return s.ImportFile(r, a.Name, opt)
}

// ImportFile adds the cases of an interchange file in one transaction,
// reading the file as a stream. If the file has any problem, or a case's
// id exists already, nothing is written and the error (model.Errors)
// names every problem, up to a cap. It returns the number of cases added.
func (s *Store) ImportFile(r io.Reader, user string, opt ImportOptions) (n int, err error) {
	if opt.Fresh {
		return s.importFresh(r, user, opt)
	}
	err = s.update(func(tx *bolt.Tx) error {
		audit := s.newAuditBatch(user, "import")
		w := s.newImportWriter(tx, audit)
		rd := model.CaseReader[imported]{
			Prepare: s.prepareImport,
			Keep: func(c *model.Case, _ int, p imported, prepared bool) error {
				if w.exists(c.ID) {
					return &model.FieldError{Case: c.ID, Field: "id", Msg: "exists already in the database"}
				}
				if prepared {
					return w.add(p)
				}
				return nil
			},
			Progress: opt.Progress,
			Reuse:    true, // nothing of a case is kept but its id and what prepareImport made
		}
		if n, err = rd.Read(r); err != nil {
			return err // and the transaction is rolled back: nothing was written
		}
		if err := w.finish(); err != nil {
			return err
		}
		return audit.finish()
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// importFresh is ImportFile into a new database of its own (see
// ImportOptions.Fresh): the file is read on another goroutine, and this
// one writes what it yields, a transaction every Chunk cases.
func (s *Store) importFresh(r io.Reader, user string, opt ImportOptions) (int, error) {
	if s.Count() > 0 {
		return 0, errors.New("a fresh import needs an empty database")
	}
	items := make(chan imported, 1024)
	var (
		n       int
		readErr error
		failed  atomic.Bool // the file has a problem: writing is no use
	)
	go func() {
		defer close(items)
		rd := model.CaseReader[imported]{
			Prepare: s.prepareImport,
			Keep: func(_ *model.Case, _ int, p imported, prepared bool) error {
				if prepared {
					items <- p
				} else {
					failed.Store(true)
				}
				return nil
			},
			Progress: opt.Progress,
			Reuse:    true,
		}
		n, readErr = rd.Read(r) // before items is closed
	}()
	drain := func() {
		for range items {
		}
	}
	audit := s.newAuditBatch(user, "import")
	// Only the last commit needs to reach the disk (it syncs the whole
	// file): if the import stops before, the file is thrown away.
	s.bolt.NoSync = true
	defer func() { s.bolt.NoSync = false }()
	for more := true; more; {
		err := s.update(func(tx *bolt.Tx) error {
			w := s.newImportWriter(tx, audit)
			for range cmp.Or(opt.Chunk, 20000) {
				p, ok := <-items
				if !ok {
					more = false
					break
				}
				if err := w.add(p); err != nil {
					return err
				}
			}
			if err := w.finish(); err != nil {
				return err
			}
			if !more {
				s.bolt.NoSync = false
				return audit.finish()
			}
			return nil
		})
		if err != nil {
			drain()
			return 0, err
		}
		if failed.Load() {
			drain()
			break
		}
	}
	if readErr != nil {
		return 0, readErr
	}
	return n, nil
}

// prepareImport is the part of importing a case that needs no transaction.
func (s *Store) prepareImport(c *model.Case) (imported, error) {
	v, err := encodeCase(c)
	if err != nil {
		return imported{}, err
	}
	rows, err := s.indexRows(c)
	if err != nil {
		return imported{}, err
	}
	return imported{id: c.ID, value: v, rows: rows}, nil
}

// Import adds new cases in one transaction: if any id exists already,
// nothing is written and the error names every such id. The cases are
// taken as they are (validate them first).
func (s *Store) Import(cases []model.Case, user string) error {
	all := make([]imported, len(cases))
	errs := make([]error, len(cases))
	// Encoding and indexing need no transaction: spread them over the CPUs.
	workers := min(runtime.GOMAXPROCS(0), max(1, len(cases)/1000))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(cases); i += workers {
				all[i], errs[i] = s.prepareImport(&cases[i])
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	slices.SortStableFunc(all, func(a, b imported) int { return cmp.Compare(a.id, b.id) })
	return s.update(func(tx *bolt.Tx) error {
		audit := s.newAuditBatch(user, "import")
		w := s.newImportWriter(tx, audit)
		var errs model.Errors
		for i, c := range all {
			switch {
			case w.exists(c.id):
				errs = append(errs, &model.FieldError{Case: c.id, Field: "id", Msg: "exists already in the database"})
			case i > 0 && all[i-1].id == c.id:
				errs = append(errs, &model.FieldError{Case: c.id, Field: "id", Msg: "appears twice in the cases to import"})
			}
		}
		if len(errs) > 0 {
			return errs
		}
		for _, c := range all {
			if err := w.add(c); err != nil {
				return err
			}
		}
		if err := w.finish(); err != nil {
			return err
		}
		return audit.finish()
	})
}

// importWriter writes new cases into a transaction: the case, its index
// refs and its history key (one audit entry covers the import, see
// auditBatch), and its rows in the queue and the other indexes.
//
// bbolt splits nodes only at commit, so within one large transaction all
// new keys of a bucket pile up in one node, and a key put anywhere but at
// its end moves everything after it: keys put out of order make each
// insert slower than the last. So every bucket is written in key order:
// what comes in order (ids, in an export and most files) is written as it
// comes, while the file is still being read; the rest (most queue keys,
// CPR numbers, names) is sorted and written at the end.
type importWriter struct {
	tx          *bolt.Tx
	cases, refs *bolt.Bucket
	audit       *auditBatch
	written     []imported // written, ids rising
	later       []imported // came out of order: written at the end
	rows        map[byte]*sortedPuts
	maxID       []byte // the greatest id in the database before the import; nil if none
}

// newImportWriter starts writing into tx; the audit batch may go on from
// an earlier transaction of the same import.
func (s *Store) newImportWriter(tx *bolt.Tx, audit *auditBatch) *importWriter {
	audit.bind(tx)
	w := &importWriter{tx: tx, cases: tx.Bucket(bucketCases), refs: tx.Bucket(bucketCaseIdx),
		audit: audit, rows: map[byte]*sortedPuts{}}
	// Keys arrive in order: fill pages, rather than split them half
	// empty as bbolt does for keys that may come in any order.
	w.cases.FillPercent = 1
	w.refs.FillPercent = 1
	if k, _ := w.cases.Cursor().Last(); k != nil {
		w.maxID = bytes.Clone(k)
	}
	return w
}

// exists reports whether a case of this id was in the database before the
// import. New ids are mostly greater than every old one (into an empty
// database, all are), and then it need not look.
func (w *importWriter) exists(id string) bool {
	if w.maxID == nil || id > string(w.maxID) {
		return false
	}
	return w.cases.Get([]byte(id)) != nil
}

// add takes one new case: written at once if its id follows the last one
// written, else kept for the end (a file in no order at all writes few at
// once, and the rest sorted at the end). Its index rows likewise, each
// index on its own.
func (w *importWriter) add(c imported) error {
	for _, r := range c.rows {
		p := w.rows[r.tag]
		if p == nil {
			p = newSortedPuts(w.tx.Bucket(indexBuckets[r.tag]))
			w.rows[r.tag] = p
		}
		if err := p.add(r.key, r.value); err != nil {
			return err
		}
	}
	if len(w.written) > 0 && c.id <= w.written[len(w.written)-1].id {
		w.later = append(w.later, c)
		return nil
	}
	w.written = append(w.written, c)
	return w.put(c)
}

// put writes a case, its refs (id → the index keys it holds) and its
// history key.
func (w *importWriter) put(c imported) error {
	if err := w.cases.Put([]byte(c.id), c.value); err != nil {
		return err
	}
	if len(c.rows) > 0 {
		if err := putRefs(w.refs, c.id, c.rows); err != nil {
			return err
		}
	}
	return w.audit.add(c.id)
}

// finish writes what was kept for the end.
func (w *importWriter) finish() error {
	if len(w.later) > 0 {
		slices.SortFunc(w.later, func(a, b imported) int { return cmp.Compare(a.id, b.id) })
		if insertCost(len(w.written), len(w.later), func(i, j int) bool { return w.written[i].id < w.later[j].id }) > 100*(len(w.written)+len(w.later)) {
			// Putting them between those written would move most of the
			// written keys, again for each: take the written ones back
			// (from the end, which moves nothing) and write all in order.
			for i := len(w.written) - 1; i >= 0; i-- {
				if err := w.cases.Delete([]byte(w.written[i].id)); err != nil {
					return err
				}
				if err := w.refs.Delete([]byte(w.written[i].id)); err != nil {
					return err
				}
			}
			if err := w.audit.undo(); err != nil {
				return err
			}
			w.later = append(w.written, w.later...)
			slices.SortFunc(w.later, func(a, b imported) int { return cmp.Compare(a.id, b.id) })
			w.written = nil
		}
		for _, c := range w.later {
			if err := w.put(c); err != nil {
				return err
			}
		}
	}
	return finishAll(slices.Collect(maps.Values(w.rows)))
}

// insertCost counts how many written keys putting each of later (sorted)
// would move: those greater than it. less(i, j) compares written[i] with
// later[j].
func insertCost(written, later int, less func(i, j int) bool) int {
	cost, i := 0, 0
	for j := range later {
		for i < written && less(i, j) {
			i++
		}
		cost += written - i
	}
	return cost
}

// sortedPuts writes keys into one bucket of a large transaction in key
// order (see importWriter): at once while they rise, the rest at the end.
type sortedPuts struct {
	b     *bolt.Bucket
	put   []kv // put already, keys rising
	later []kv // for the end
	empty bool // the bucket was empty before
}

func newSortedPuts(b *bolt.Bucket) *sortedPuts {
	b.FillPercent = 1 // keys come in order: fill each page
	k, _ := b.Cursor().First()
	return &sortedPuts{b: b, empty: k == nil}
}

type kv struct{ key, value []byte }

func (p *sortedPuts) add(key, value []byte) error {
	if len(p.put) > 0 && bytes.Compare(key, p.put[len(p.put)-1].key) <= 0 {
		p.later = append(p.later, kv{key, value})
		return nil
	}
	p.put = append(p.put, kv{key, value})
	return p.b.Put(key, value)
}

// finish puts what was kept for the end.
func (p *sortedPuts) finish() error {
	if insertCost(len(p.put), len(p.later), func(i, j int) bool { return bytes.Compare(p.put[i].key, p.later[j].key) < 0 }) > 100*(len(p.put)+len(p.later)) {
		for i := len(p.put) - 1; i >= 0; i-- { // see importWriter.finish
			if err := p.b.Delete(p.put[i].key); err != nil {
				return err
			}
		}
		p.later = append(p.later, p.put...)
		p.put = nil
		slices.SortFunc(p.later, func(a, b kv) int { return bytes.Compare(a.key, b.key) })
	}
	if !p.empty && len(p.later) > len(p.put) {
		// Most keys fall between keys written before (an index in no
		// order, a chunk after the first): pages filled to the brim
		// would split nearly empty as each takes one more.
		p.b.FillPercent = bolt.DefaultFillPercent
	}
	for _, r := range p.later {
		if err := p.b.Put(r.key, r.value); err != nil {
			return err
		}
	}
	return nil
}

// finishAll finishes the buckets, sorting what each kept for the end at
// the same time, one goroutine each: this is the part of a large import
// that runs after the whole file has been read.
func finishAll(ps []*sortedPuts) error {
	var wg sync.WaitGroup
	for _, p := range ps {
		wg.Go(func() {
			slices.SortFunc(p.later, func(a, b kv) int { return bytes.Compare(a.key, b.key) })
		})
	}
	wg.Wait()
	for _, p := range ps {
		if err := p.finish(); err != nil {
			return err
		}
	}
	return nil
}

// bulkIndex indexes cases that hold no index entries yet (after the
// indexes were dropped), in id order, writing each index in key order.
func (s *Store) bulkIndex(tx *bolt.Tx, cases func(yield func(*model.Case) error) error) error {
	idx := tx.Bucket(bucketCaseIdx)
	idx.FillPercent = 1
	rows := map[byte]*sortedPuts{}
	err := cases(func(c *model.Case) error {
		rs, err := s.indexRows(c)
		if err != nil {
			return err
		}
		for _, r := range rs {
			p := rows[r.tag]
			if p == nil {
				p = newSortedPuts(tx.Bucket(indexBuckets[r.tag]))
				rows[r.tag] = p
			}
			if err := p.add(r.key, r.value); err != nil {
				return err
			}
		}
		return putRefs(idx, c.ID, rs)
	})
	if err != nil {
		return err
	}
	return finishAll(slices.Collect(maps.Values(rows)))
}
