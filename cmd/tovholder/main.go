// Command tovholder is the desk for outreach casework: with no
// subcommand it opens the desk; import, export and queue move cases in and
// out and print the deadline queue (INTERCHANGE.md).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// stdio is a command's standard input, output and error.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// command is one subcommand: what runs it and what its --help says. The
// flags are not listed here: --help lists the ones the command's flag set
// defines, so that the help cannot leave one out.
type command struct {
	run      func([]string, stdio) error
	synopsis string // the usage line, without "tovholder "
	summary  string // one line for the list of commands
	about    string // what it does, in full
	example  string // one or more command lines, one per line
}

// commandOrder is the order the usage lists the commands in.
var commandOrder = []string{"desk", "demo", "serve", "user", "whoami", "import", "export", "queue", "backup", "audit"}

// commands are every command but help, which run handles.
var commands = map[string]command{
	"desk": {
		run:      cmdDesk,
		synopsis: "[desk] [--db FILE] [--lang da|en] [--user NAME] [--role ROLE] [--today YYYY-MM-DD]",
		summary:  "open the desk (what tovholder does with no command)",
		about: `Opens the desk in the terminal: every open case sorted by its next deadline,
overdue first. The database is created if it does not exist. Keyboard only:
? (or F1) lists the keys of each screen, esc goes back, q quits.

A user the users table has (tovholder user) works in the role it gives
them, in their own language and theme; --role is refused when it says
otherwise, and a disabled user gets no desk. Anyone else works in --role,
as in training. On a database that tovholder serve has open, the desk is
over SSH: ssh -p 2222 HOST.`,
		example: "tovholder --db cases.db --lang en --user anne --role caseworker",
	},
	"demo": {
		run:      cmdDemo,
		synopsis: "demo --db FILE [--no-desk] [--lang da|en] [--user NAME] [--role ROLE] [--today YYYY-MM-DD]",
		summary:  "a database of fictitious cases, and the desk on it",
		about: `Fills a new database with 300 fictitious cases, dated around today (or
--today), then opens the desk on it as the caseworker "anne" unless --user
says otherwise. A database that already has cases is opened as it is. The
database must be named: the demo never touches the default one. With
--no-desk it only fills the database (make serve serves it then).`,
		example: "tovholder demo --db demo.db --lang en\ntovholder demo --db demo.db --no-desk",
	},
	"serve": {
		run:      cmdServe,
		synopsis: "serve --db FILE [--listen ADDR] [--idle DURATION] [--config FILE] [--today YYYY-MM-DD]",
		summary:  "serve the desk to the team over SSH",
		about: `Serves the desk over SSH: each person logs in with their own key and gets a
desk of their own on the one database, in the role, language and theme of
their account (see tovholder user). What one saves, the others see. The
server keeps the database open: local commands on it then say to run them
over SSH instead.

  ssh -p 2222 HOST                      the desk (needs a terminal)
  ssh -p 2222 HOST queue --json         the queue, as queue does locally
  ssh -p 2222 HOST export [--redact]    every case, logged naming you (in full:
                                        coordinators and admins; --redact: all)
  ssh -p 2222 HOST audit [--case ID]    the audit log (leaders, admins)
  ssh -p 2222 HOST import < cases.json  add cases (coordinators, admins)
  ssh -p 2222 HOST user list            accounts (admins; see user --help)
  ssh -p 2222 HOST backup > copy.db     a consistent copy (admins)
  ssh -p 2222 HOST whoami               the account your key logs in as
  ssh -p 2222 HOST help                 every command over SSH

Only keys in the users table get in: a key that is not registered, or one
of a disabled account, is refused (the server logs why). Over SSH --db,
--config, --user and --role are refused: the server's database and the
caller's account decide.

The host key is made on the first start beside the database (FILE.hostkey,
readable by its owner only; the server refuses to start if others can read
it), and its fingerprint is logged at each start. While serving, FILE.serve
says where. SIGTERM or SIGINT stops the server: every desk is told, the
saves under way finish, the database is closed, and it exits 0.`,
		example: "tovholder user add anne --role caseworker --key anne.pub --db team.db\n" +
			"tovholder serve --db team.db --listen 127.0.0.1:2222\n" +
			"ssh -p 2222 127.0.0.1",
	},
	"user": {
		run:      cmdUser,
		synopsis: "user add|list|disable|key-add|set [NAME] [FILE] --db FILE [--role ROLE] [--key FILE] [--theme light|dark] [--lang da|en]",
		summary:  "the accounts of the desk served over SSH",
		about: `Manages the accounts of the desk served over SSH (tovholder serve): who may
log in, with which public keys, in which role, and each person's language
and theme.

  user add NAME --role ROLE --key FILE [--theme light|dark] [--lang da|en]
  user list                    name, role, disabled, theme, language, keys
  user disable NAME            refused from their next login on
  user key-add NAME FILE       one more key (another machine)
  user set NAME [--theme light|dark] [--lang da|en]

A key FILE holds one public key as an authorized_keys line, such as
~/.ssh/id_ed25519.pub. Locally the command runs as the operator of the
database file (--user, named in the audit log), when no server has it
open. Over SSH only admins manage users, and the key comes on standard
input; anyone may set their own theme and language:

  ssh -p 2222 HOST user add bo --role caseworker < bo.pub
  ssh -p 2222 HOST user key-add bo < bo-laptop.pub
  ssh -p 2222 HOST user set bo --theme light

The local desk reads the users table too: a user it has works in the role
it gives them, and a disabled one gets no desk.`,
		example: "tovholder user add anne --role caseworker --key anne.pub --db team.db\ntovholder user list --db team.db",
	},
	"whoami": {
		run:      cmdWhoami,
		synopsis: "whoami --db FILE [--user NAME]",
		summary:  "who you are to the database: name, role, theme, language",
		about: `Prints who you are to the database: your name (--user, or the login name)
and the role, theme and language the users table gives you. Over SSH
(ssh -p 2222 HOST whoami) it names the account your key logged in as, and
the key.`,
		example: "tovholder whoami --db team.db --user anne",
	},
	"import": {
		run:      cmdImport,
		synopsis: "import --db FILE CASES.json",
		summary:  "add the cases of an interchange file (all or nothing)",
		about: `Adds every case of an interchange file (JSON, format tovholder/v1) to the
database, creating the database if it does not exist. All or nothing: if any
case has a problem, every problem is reported and nothing is imported.
Over SSH, on a served database, the file comes on standard input
(coordinators and admins): ssh -p 2222 HOST import < CASES.json`,
		example: "tovholder import --db cases.db --user tove cases.json",
	},
	"export": {
		run:      cmdExport,
		synopsis: "export --db FILE [--redact]",
		summary:  "print every case as an interchange file (JSON)",
		about: `Prints every case of the database on standard output as an interchange
file (JSON, format tovholder/v1), which import reads back. Over SSH, on a
served database: ssh -p 2222 HOST export [--redact] > cases.json; the
audit log then records who exported, and whether redacted.`,
		example: "tovholder export --db cases.db --redact > cases.json",
	},
	"queue": {
		run:      cmdQueue,
		synopsis: "queue --db FILE [--today YYYY-MM-DD] [--json] [--limit N]",
		summary:  "print the deadline queue",
		about: `Prints every open case with its next deadline, soonest first, and whether
it is overdue; cases with no deadline come last. As a table, or with --json
as an array of {"case", "due", "rule", "overdue"}. Over SSH, on a served
database: ssh -p 2222 HOST queue [--today YYYY-MM-DD] [--json] [--limit N]`,
		example: "tovholder queue --db cases.db --today 2026-11-20 --limit 20",
	},
	"backup": {
		run:      cmdBackup,
		synopsis: "backup --db FILE OUT.db",
		summary:  "write a consistent copy of the database",
		about: `Writes a consistent copy of the database to OUT.db, a new file (an existing
file is never overwritten), and says how many cases it holds. The desk may
stay open meanwhile. A served database is copied over SSH (admins):
ssh -p 2222 HOST backup > OUT.db`,
		example: "tovholder backup --db cases.db cases-2026-11-20.db",
	},
	"audit": {
		run:      cmdAudit,
		synopsis: "audit --db FILE [--case ID]",
		summary:  "who changed or opened which case, and when",
		about: `Prints the audit log, oldest first: who imported, changed or opened which
case, and when (in UTC). With --case, only that case's history. Over SSH,
on a served database, leaders and admins read it, and their reading is
logged: ssh -p 2222 HOST audit [--case ID]`,
		example: "tovholder audit --db cases.db --case K-2026-0042",
	},
}

// run is main without the process around it, so tests can call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	name, named := "desk", false
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		name, args, named = args[0], args[1:], true
	}
	if name == "help" {
		if len(args) == 0 || args[0] == "help" {
			fmt.Fprint(stdout, usage())
			return 0
		}
		name, args, named = args[0], []string{"--help"}, true // tovholder help queue
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "tovholder: unknown command %q\n\n%s", name, usage())
		return 2
	}
	err := cmd.run(args, stdio{in: stdin, out: stdout, err: stderr})
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		if !named { // tovholder --help
			fmt.Fprint(stdout, usage())
			return 0
		}
		var h *helpRequest
		var fs *flag.FlagSet
		if errors.As(err, &h) {
			fs = h.flags
		}
		fmt.Fprint(stdout, cmd.help(fs))
		return 0
	}
	var le *lockedError
	if errors.As(err, &le) {
		if msg, ok := servedError(le, name, args); ok {
			fmt.Fprintf(stderr, "tovholder %s: %s\n", name, msg)
			return 1
		}
	}
	fmt.Fprintf(stderr, "tovholder %s: %v\n", name, err)
	var ue *usageError
	var fe *flagError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "Run 'tovholder %s --help' for every flag.\n", name)
	case errors.As(err, &fe):
		fmt.Fprintf(stderr, "usage: tovholder %s\nRun 'tovholder %s --help' for every flag.\n", cmd.synopsis, name)
	}
	return 1
}

// usage is what tovholder --help and tovholder help print.
func usage() string {
	var b strings.Builder
	b.WriteString("tovholder: the desk for outreach casework (fremskudt sagsbehandling).\n\nUsage:\n")
	for _, name := range commandOrder {
		fmt.Fprintf(&b, "  tovholder %s\n", commands[name].synopsis)
	}
	b.WriteString("\nCommands:\n")
	for _, name := range commandOrder {
		fmt.Fprintf(&b, "  %-8s %s\n", name, commands[name].summary)
	}
	fmt.Fprintf(&b, "  %-8s %s\n", "help", "this text; help COMMAND is COMMAND --help")
	b.WriteString("\nCommon flags:\n")
	writeFlags(&b, newFlags("", new(common)), func(string) bool { return true })
	b.WriteString("\nRun 'tovholder COMMAND --help' for a command's flags, defaults and an example.\n")
	return b.String()
}

// help is what tovholder NAME --help prints: fs is the command's flag set,
// if the request for help brought it along.
func (c command) help(fs *flag.FlagSet) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: tovholder %s\n\n%s\n", c.synopsis, c.about)
	if fs != nil {
		own := func(name string) bool { return !commonFlag[name] }
		var n int
		fs.VisitAll(func(f *flag.Flag) {
			if own(f.Name) {
				n++
			}
		})
		if n > 0 {
			b.WriteString("\nFlags:\n")
			writeFlags(&b, fs, own)
		}
	} else {
		fs = newFlags("", new(common)) // at least the common ones
	}
	b.WriteString("\nCommon flags:\n")
	writeFlags(&b, fs, func(name string) bool { return commonFlag[name] })
	fmt.Fprintf(&b, "\nExample:\n  %s\n", strings.ReplaceAll(c.example, "\n", "\n  "))
	return b.String()
}

// writeFlags lists the flags of fs that keep accepts, one per line: the
// flag with its argument, its meaning and its default.
func writeFlags(w io.Writer, fs *flag.FlagSet, keep func(name string) bool) {
	type line struct{ left, right string }
	var lines []line
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		if !keep(f.Name) {
			return
		}
		arg, meaning := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if arg != "" {
			left += " " + arg
		}
		if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); !isBool && f.DefValue != "" {
			meaning += " (default " + f.DefValue + ")"
		}
		lines = append(lines, line{left, meaning})
		width = max(width, len(left))
	})
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s  %s\n", width, l.left, l.right)
	}
}
