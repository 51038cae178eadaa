package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"

	"tovholder/model"
)

// remoteCommand is a command over SSH: ssh -p PORT HOST NAME [flags]. It
// runs in the server against the open store, as the caller's account.
type remoteCommand struct {
	job      func() job
	synopsis string // the usage line after "ssh -p PORT HOST "
	summary  string
	about    string
}

// remoteOrder is the order the help over SSH lists the commands in.
var remoteOrder = []string{"queue", "export", "audit", "import", "whoami", "user", "backup"}

// remoteCommands are the commands over SSH, but help.
var remoteCommands = map[string]remoteCommand{
	"queue": {
		job:      func() job { return new(queueJob) },
		synopsis: "queue [--today YYYY-MM-DD] [--json] [--limit N]",
		summary:  "print the deadline queue",
		about: `Prints every open case with its next deadline, soonest first, and whether
it is overdue, as tovholder queue does: as a table, or with --json as an
array of {"case", "due", "rule", "overdue"}.`,
	},
	"export": {
		job:      func() job { return new(exportJob) },
		synopsis: "export [--redact]",
		summary:  "print every case as an interchange file (JSON); logged",
		about: `Prints every case as an interchange file (JSON, format tovholder/v1). The
audit log records that you exported, and whether redacted.`,
	},
	"audit": {
		job:      func() job { return new(auditJob) },
		synopsis: "audit [--case ID]",
		summary:  "the audit log (leaders and admins); logged",
		about: `Prints the audit log, oldest first: who imported, changed or opened which
case, and when (in UTC). With --case, only that case's history. For
leaders and admins; the reading is logged.`,
	},
	"import": {
		job:      func() job { return new(importJob) },
		synopsis: "import < CASES.json",
		summary:  "add the cases of an interchange file (coordinators and admins)",
		about: `Adds every case of the interchange file on standard input to the served
database, all or nothing: if any case has a problem, every problem is
reported and nothing is imported. For coordinators and admins.`,
	},
	"whoami": {
		job:      func() job { return new(whoamiJob) },
		synopsis: "whoami",
		summary:  "the account your key logs in as",
		about:    `Prints the account your key logs in as: name, role, theme, language and the key.`,
	},
	"user": {
		job:      func() job { return new(userJob) },
		synopsis: "user add|list|disable|key-add|set [NAME] [--role ROLE] [--theme light|dark] [--lang da|en] [< KEY.pub]",
		summary:  "the accounts (admins; anyone sets their own theme and language)",
		about: `Manages the accounts: who may log in, with which keys, in which role. For
admins; anyone may set their own theme and language. Keys come on
standard input, one authorized_keys line:

  user add NAME --role ROLE [--theme light|dark] [--lang da|en] < KEY.pub
  user list
  user disable NAME
  user key-add NAME < KEY.pub
  user set NAME [--theme light|dark] [--lang da|en]`,
	},
	"backup": {
		job:      func() job { return new(backupJob) },
		synopsis: "backup > OUT.db",
		summary:  "a consistent copy of the database on standard output (admins); logged",
		about: `Writes a consistent copy of the database on standard output: redirect it
into a file. For admins; the copy is logged as an export.`,
	},
}

// localOnly are the flags local commands take that mean nothing over SSH:
// the server's database and the caller's account decide.
var localOnly = map[string]string{
	"db":     "the server's database is the one",
	"config": "the server's calendar is the one",
	"user":   "you are the account your key logs in as",
	"role":   "your role is your account's",
}

var flagName = regexp.MustCompile(`^--?([a-z-]+)(=.*)?$`)

// runRemote runs one command line over SSH and returns its exit status.
func runRemote(cmds map[string]remoteCommand, args []string, e env) int {
	name := args[0]
	if name == "help" || name == "--help" || name == "-h" {
		if len(args) > 1 {
			if _, ok := cmds[args[1]]; ok {
				return runRemote(cmds, []string{args[1], "--help"}, e)
			}
		}
		fmt.Fprint(e.std.out, remoteUsage(cmds))
		return 0
	}
	rc, ok := cmds[name]
	if !ok {
		fmt.Fprintf(e.std.err, "tovholder: unknown command %q over SSH\n\n%s", name, remoteUsage(cmds))
		return 2
	}
	j := rc.job()
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	j.define(fs)
	for _, a := range args[1:] {
		if a == "--" {
			break
		}
		if m := flagName.FindStringSubmatch(a); m != nil && localOnly[m[1]] != "" && fs.Lookup(m[1]) == nil {
			fmt.Fprintf(e.std.err, "tovholder %s: --%s is not taken over SSH: %s\n", name, m[1], localOnly[m[1]])
			return 1
		}
	}
	pos, err := parse(fs, args[1:])
	var h *helpRequest
	switch {
	case errors.As(err, &h):
		fmt.Fprint(e.std.out, rc.help(fs))
		return 0
	case err == nil:
		err = j.check(pos, true)
	}
	if err != nil {
		if errors.Is(err, errExtraArgs) {
			err = fmt.Errorf("unexpected arguments %q", pos)
		}
		fmt.Fprintf(e.std.err, "tovholder %s: %v\nusage: ssh -p PORT HOST %s\n", name, err, rc.synopsis)
		return 1
	}
	if err := j.run(e); err != nil {
		fmt.Fprintf(e.std.err, "tovholder %s: %v\n", name, err)
		return 1
	}
	return 0
}

// remoteUsage is what ssh HOST help prints.
func remoteUsage(cmds map[string]remoteCommand) string {
	var b strings.Builder
	b.WriteString("tovholder over SSH. Without a command, ssh -p PORT HOST opens the desk (it needs a terminal).\n\nUsage:\n")
	for _, name := range remoteOrder {
		if rc, ok := cmds[name]; ok {
			fmt.Fprintf(&b, "  ssh -p PORT HOST %s\n", rc.synopsis)
		}
	}
	b.WriteString("\nCommands:\n")
	for _, name := range remoteOrder {
		if rc, ok := cmds[name]; ok {
			fmt.Fprintf(&b, "  %-7s %s\n", name, rc.summary)
		}
	}
	fmt.Fprintf(&b, "  %-7s %s\n", "help", "this text; help COMMAND is COMMAND --help")
	b.WriteString("\nYou work as the account your key logs in as: --db, --config, --user and --role are not taken.\n")
	return b.String()
}

// help is what ssh HOST NAME --help prints.
func (rc remoteCommand) help(fs *flag.FlagSet) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: ssh -p PORT HOST %s\n\n%s\n", rc.synopsis, rc.about)
	var n int
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		b.WriteString("\nFlags:\n")
		writeFlags(&b, fs, func(name string) bool { return name != "key" }) // over SSH the key comes on standard input
	}
	return b.String()
}

// backupJob is backup over SSH: the copy goes to standard output.
type backupJob struct{}

func (j *backupJob) define(fs *flag.FlagSet) {}

func (j *backupJob) check(pos []string, remote bool) error {
	if len(pos) > 0 {
		return errors.New("over SSH the copy comes on standard output: ssh HOST backup > OUT.db")
	}
	return nil
}

func (j *backupJob) writes() bool { return false }

func (j *backupJob) run(e env) error {
	if e.who.Role != model.Admin {
		return refused(e.who, "backup", "copying the database is for admins")
	}
	if e.tty {
		return errors.New("the copy is a binary file: without a terminal, into a file: ssh HOST backup > OUT.db")
	}
	if err := e.st.LogAccess(e.who.Name, "export", "", "backup of the whole database, over SSH"); err != nil {
		return fmt.Errorf("the backup could not be logged, so it is not made: %w", err)
	}
	if err := e.st.Backup(e.std.out); err != nil {
		return err
	}
	fmt.Fprintf(e.std.err, "backup of %s\n", countOf(e.st.Count(), "case", "cases"))
	return nil
}
