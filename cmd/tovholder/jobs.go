package main

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"tovholder/db"
	"tovholder/model"
)

// A job is what a command does once the database is open. The same job
// runs locally (tovholder queue --db FILE) and over SSH (ssh HOST queue),
// where the server's open store and the caller's account stand in for
// --db and --user: one implementation, two ways in.
type job interface {
	// define adds the command's own flags.
	define(fs *flag.FlagSet)
	// check looks at the positional arguments and the flags' values before
	// anything is opened; errExtraArgs for arguments the command does not take.
	check(pos []string, remote bool) error
	// writes says whether the job changes the database (a local run opens
	// it for writing then).
	writes() bool
	// run does the work.
	run(e env) error
}

// env is what a job works with.
type env struct {
	st  *db.Store
	who model.Actor
	// remote is true over SSH: the caller's role is checked, and what they
	// read of personal data is logged. A local command runs as the file's
	// operator, who holds the file anyway.
	remote bool
	// key is the fingerprint of the key the caller logged in with (SSH only).
	key string
	// tty is true when the session over SSH has a terminal.
	tty bool
	now func() time.Time
	std stdio
}

// errExtraArgs is a command line with positional arguments the command
// does not take.
var errExtraArgs = errors.New("unexpected arguments")

// runLocal runs a job against the database the common flags name. use is
// the command's usage line, for a wrong command line.
func runLocal(name string, j job, args []string, std stdio, use string) error {
	var c common
	fs := newFlags(name, &c)
	j.define(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return usageErr(err, use)
	}
	if err := j.check(pos, false); errors.Is(err, errExtraArgs) {
		return &usageError{use: use}
	} else if err != nil {
		return err
	}
	st, err := c.open(!j.writes())
	if err != nil {
		return err
	}
	defer st.Close()
	// Locally the file's operator holds the whole file anyway: they act as
	// an admin (users, import); casework is the desk's, with its own role.
	return j.run(env{st: st, who: model.Actor{Name: c.userName(), Role: model.Admin}, now: time.Now, std: std})
}

// refusedError is a command the caller's role may not run over SSH.
type refusedError struct {
	who  model.Actor
	what string
	why  string
}

func (e *refusedError) Error() string {
	return fmt.Sprintf("refused: %s; %s is %s", e.why, e.who.Name, article(string(e.who.Role)))
}

func refused(who model.Actor, what, why string) error { return &refusedError{who, what, why} }

// article is "a caseworker", "an admin".
func article(noun string) string {
	if noun != "" && (noun[0] == 'a' || noun[0] == 'e' || noun[0] == 'i' || noun[0] == 'o' || noun[0] == 'u') {
		return "an " + noun
	}
	return "a " + noun
}
