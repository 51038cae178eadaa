package db

import (
	bolt "go.etcd.io/bbolt"

	"tovholder/model"
)

// The tests' own ways to change a case, as a coordinator (who may change
// every case) and on whatever version it has: the checks of Change are
// tested in change_test.go.

var testCoordinator = func(name string) model.Actor { return model.Actor{Name: name, Role: model.Coordinator} }

func (s *Store) AddEvent(id, user string, e model.Event) error {
	_, err := s.Record(testCoordinator(user), id, AnyVersion, e, nil)
	return err
}

func (s *Store) Update(id, user, action string, fn func(c *model.Case) (string, error)) error {
	_, err := s.Change(testCoordinator(user), id, AnyVersion, Change{Action: action, Apply: fn})
	return err
}

func (s *Store) Create(c model.Case, user string) error {
	return s.update(func(tx *bolt.Tx) error { return s.create(tx, user, &c) })
}
