package db

import (
	"bytes"
	"sort"

	bolt "go.etcd.io/bbolt"

	"tovholder/model"
)

// Import adds new cases in one transaction: if any id exists already,
// nothing is written and the error names every such id.
func (s *Store) Import(cases []model.Case, user string) error {
	sorted := make([]*model.Case, len(cases))
	for i := range cases {
		sorted[i] = &cases[i]
	}
	// Writing in key order keeps bbolt's pages full and the import fast.
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	return s.update(func(tx *bolt.Tx) error {
		var errs model.Errors
		bc := tx.Bucket(bucketCases)
		for i, c := range sorted {
			switch {
			case bc.Get([]byte(c.ID)) != nil:
				errs = append(errs, &model.FieldError{Case: c.ID, Field: "id", Msg: "exists already in the database"})
			case i > 0 && sorted[i-1].ID == c.ID:
				errs = append(errs, &model.FieldError{Case: c.ID, Field: "id", Msg: "appears twice in the cases to import"})
			}
		}
		if len(errs) > 0 {
			return errs
		}
		// Keys arrive in order: fill pages, rather than split them half
		// empty as bbolt does for keys that may come in any order.
		bc.FillPercent = 1
		tx.Bucket(bucketHistory).FillPercent = 1
		return s.bulkIndex(tx, func(yield func(*model.Case) error) error {
			for _, c := range sorted {
				b, err := encodeCase(c)
				if err != nil {
					return err
				}
				if err := bc.Put([]byte(c.ID), b); err != nil {
					return err
				}
				if err := s.audit(tx, user, "import", c.ID, ""); err != nil {
					return err
				}
				if err := yield(c); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// bulkIndex indexes cases that hold no index entries yet (new, or after
// the indexes were dropped), in id order. It writes each index in key
// order afterwards: bbolt splits nodes only at commit, so keys put out of
// order into one large transaction make each insert slower than the last.
func (s *Store) bulkIndex(tx *bolt.Tx, cases func(yield func(*model.Case) error) error) error {
	idx := tx.Bucket(bucketCaseIdx)
	idx.FillPercent = 1
	var all []indexRow
	err := cases(func(c *model.Case) error {
		rows, err := s.indexRows(c)
		if err != nil {
			return err
		}
		all = append(all, rows...)
		return putRefs(idx, c.ID, rows)
	})
	if err != nil {
		return err
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].tag != all[j].tag {
			return all[i].tag < all[j].tag
		}
		return bytes.Compare(all[i].key, all[j].key) < 0
	})
	for _, b := range indexBuckets {
		tx.Bucket(b).FillPercent = 1
	}
	for _, r := range all {
		if err := tx.Bucket(indexBuckets[r.tag]).Put(r.key, r.value); err != nil {
			return err
		}
	}
	return nil
}
