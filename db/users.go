package db

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"tovholder/model"
)

// User is a person's account on a served desk: who they are, their role,
// the public keys they log in with, and their own settings. The desk over
// SSH knows a person only by a key registered here.
type User struct {
	Name     string     `json:"name"`
	Role     model.Role `json:"role"`
	Keys     []Key      `json:"keys,omitempty"`
	Disabled bool       `json:"disabled,omitempty"`
	// Theme is "light" or "dark": over SSH the desk cannot ask the
	// terminal its background, so each person says it once.
	Theme string    `json:"theme,omitempty"`
	Lang  string    `json:"lang,omitempty"` // "da" or "en"
	Added time.Time `json:"added"`
}

// Key is a public key as an authorized_keys line holds it.
type Key struct {
	// ID is the key itself (its type and base64 wire form), which the
	// server matches a login against.
	ID      string `json:"id"`
	Comment string `json:"comment,omitempty"`
	// Fingerprint is the SHA256 fingerprint, as ssh-keygen -l shows it.
	Fingerprint string `json:"fingerprint"`
}

// ErrNoUser is returned for a name or key no user has.
var ErrNoUser = errors.New("no such user")

// AddUser adds an account, made by an admin (or the file's operator,
// locally). The name must be new, and no key may belong to another user.
func (s *Store) AddUser(by model.Actor, u User) error {
	if p := by.Role.MayManageUsers(); p != nil {
		return &RefusedError{Problem: *p}
	}
	u.Name = model.CleanLine(u.Name)
	if u.Name == "" {
		return errors.New("a user needs a name")
	}
	if _, err := model.ParseRole(string(u.Role)); err != nil {
		return err
	}
	if u.Added.IsZero() {
		u.Added = s.now().UTC()
	}
	return s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketPeople).Get([]byte(u.Name)) != nil {
			return fmt.Errorf("user %q exists already", u.Name)
		}
		keys := u.Keys
		u.Keys = nil
		for _, k := range keys {
			if err := addKey(tx, &u, k); err != nil {
				return err
			}
		}
		if err := putUser(tx, u); err != nil {
			return err
		}
		return s.audit(tx, by.Name, "user.add", "", u.Name+" "+string(u.Role))
	})
}

// AddKey registers one more key for a user.
func (s *Store) AddKey(by model.Actor, name string, k Key) error {
	return s.ChangeUser(by, name, "user.key-add", func(tx *bolt.Tx, u *User) (string, error) {
		return k.Fingerprint, addKey(tx, u, k)
	})
}

// DisableUser stops a user from logging in; their name stays on their
// cases and in the log.
func (s *Store) DisableUser(by model.Actor, name string) error {
	return s.ChangeUser(by, name, "user.disable", func(_ *bolt.Tx, u *User) (string, error) {
		u.Disabled = true
		return "", nil
	})
}

// ChangeUser changes one account in one transaction, as an admin, logs
// it, and tells the subscribers (the server ends a disabled person's desks).
func (s *Store) ChangeUser(by model.Actor, name, action string, fn func(tx *bolt.Tx, u *User) (detail string, err error)) error {
	if p := by.Role.MayManageUsers(); p != nil && !(action == "user.set" && by.MayChangeSettings(name) == nil) {
		return &RefusedError{Problem: *p}
	}
	return s.update(func(tx *bolt.Tx) error {
		u, err := getUser(tx, name)
		if err != nil {
			return err
		}
		detail, err := fn(tx, &u)
		if err != nil {
			return err
		}
		if err := putUser(tx, u); err != nil {
			return err
		}
		tx.OnCommit(func() { s.notify(Notice{Account: name, User: by.Name, Action: action}) })
		return s.audit(tx, by.Name, action, "", name+" "+detail)
	})
}

// SetUserSettings keeps a user's theme and language.
func (s *Store) SetUserSettings(by model.Actor, name, theme, lang string) error {
	return s.ChangeUser(by, name, "user.set", func(_ *bolt.Tx, u *User) (string, error) {
		if theme != "" {
			if theme != "light" && theme != "dark" {
				return "", fmt.Errorf("unknown theme %q (light or dark)", theme)
			}
			u.Theme = theme
		}
		if lang != "" {
			if lang != "da" && lang != "en" {
				return "", fmt.Errorf("unknown language %q (da or en)", lang)
			}
			u.Lang = lang
		}
		return "theme=" + u.Theme + " lang=" + u.Lang, nil
	})
}

// UserNamed reads one account; ErrNoUser when there is none.
func (s *Store) UserNamed(name string) (u User, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		u, err = getUser(tx, name)
		return err
	})
	return u, err
}

// UserByKey finds the account a public key belongs to (by Key.ID);
// ErrNoUser when none has it.
func (s *Store) UserByKey(id string) (u User, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		name := tx.Bucket(bucketKeys).Get([]byte(id))
		if name == nil {
			return fmt.Errorf("the key is not registered: %w", ErrNoUser)
		}
		u, err = getUser(tx, string(name))
		return err
	})
	return u, err
}

// Users lists every account, by name.
func (s *Store) Users() (out []User, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPeople).ForEach(func(k, v []byte) error {
			var u User
			if err := json.Unmarshal(v, &u); err != nil {
				return fmt.Errorf("user %q is unreadable: %w", k, err)
			}
			out = append(out, u)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

func getUser(tx *bolt.Tx, name string) (User, error) {
	var u User
	v := tx.Bucket(bucketPeople).Get([]byte(name))
	if v == nil {
		return u, fmt.Errorf("user %q: %w", name, ErrNoUser)
	}
	if err := json.Unmarshal(v, &u); err != nil {
		return u, fmt.Errorf("user %q is unreadable: %w", name, err)
	}
	return u, nil
}

func putUser(tx *bolt.Tx, u User) error {
	v, err := json.Marshal(u)
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketPeople).Put([]byte(u.Name), v); err != nil {
		return err
	}
	return noteUser(tx.Bucket(bucketUsers), u.Name, "") // offered as a caseworker, if the role does casework (People)
}

func addKey(tx *bolt.Tx, u *User, k Key) error {
	if k.ID == "" {
		return errors.New("an empty key")
	}
	keys := tx.Bucket(bucketKeys)
	if owner := keys.Get([]byte(k.ID)); owner != nil {
		if string(owner) == u.Name {
			return fmt.Errorf("%s has that key already", u.Name)
		}
		return fmt.Errorf("that key belongs to %s already", owner)
	}
	u.Keys = append(u.Keys, k)
	return keys.Put([]byte(k.ID), []byte(u.Name))
}
