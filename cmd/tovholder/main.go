// Command tovholder is the desk for outreach casework: with no
// subcommand it opens the desk; import, export and queue move cases in and
// out and print the deadline queue (INTERCHANGE.md).
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// stdio is a command's standard input, output and error.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// run is main without the process around it, so tests can call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "desk"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	commands := map[string]func([]string, stdio) error{
		"import": cmdImport,
		"export": cmdExport,
		"queue":  cmdQueue,
		"backup": cmdBackup,
		"audit":  cmdAudit,
		"desk":   cmdDesk,
		"demo":   cmdDemo,
		"help":   func([]string, stdio) error { fmt.Fprint(stdout, usage); return nil },
	}
	f, ok := commands[cmd]
	if !ok {
		fmt.Fprintf(stderr, "tovholder: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err := f(args, stdio{in: stdin, out: stdout, err: stderr}); err != nil {
		fmt.Fprintf(stderr, "tovholder %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

const usage = `Usage:
  tovholder [--db FILE] [--lang da|en]          open the desk
  tovholder import --db FILE CASES.json          add cases (all or nothing)
  tovholder export --db FILE [--redact]          print all cases as JSON
  tovholder queue  --db FILE [--today YYYY-MM-DD] [--json] [--limit N]
  tovholder backup --db FILE OUT.db              write a consistent copy
  tovholder audit  --db FILE [--case ID]         who changed or opened which case, when
  tovholder demo   --db FILE                     a database of fictitious cases, and the desk on it

Common flags:
  --db FILE       the database (default: tovholder.db in the user's data directory)
  --config FILE   calendar configuration (default: config.json in the user's config directory)
  --user NAME     who is working, for the audit log (default: the login name)
`
