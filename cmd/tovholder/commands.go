package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"tovholder/db"
	"tovholder/model"
)

// common holds the flags every command takes.
type common struct {
	db, config, user string
}

// commonFlag names the flags every command takes, which the help lists
// apart from the command's own.
var commonFlag = map[string]bool{"db": true, "config": true, "user": true}

// newFlags is a command's flag set with the common flags. Usages name a
// flag's argument in backquotes, which the help shows (flag.UnquoteUsage).
func newFlags(name string, c *common) *flag.FlagSet {
	fs := newFileFlags(name, c)
	fs.StringVar(&c.user, "user", "", "who is working, by login `NAME`, for the audit log (default: the login name)")
	return fs
}

// newFileFlags is a flag set with the common flags that name the files,
// --db and --config: serve's (over SSH the account says who works).
func newFileFlags(name string, c *common) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // run reports errors and prints the help
	fs.StringVar(&c.db, "db", "", "the database `FILE` (default: tovholder.db in $XDG_DATA_HOME/tovholder, else ~/.local/share/tovholder)")
	fs.StringVar(&c.config, "config", "", "the calendar configuration `FILE` (default: tovholder/config.json in $XDG_CONFIG_HOME, else ~/.config, if it is there)")
	return fs
}

// parse reads flags and positional arguments in any order. --help (or -h)
// gives a *helpRequest, any other flag problem a *flagError: run tells
// them apart, whatever the command wraps them in.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return nil, &helpRequest{fs}
		} else if err != nil {
			return nil, &flagError{err}
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// helpRequest is --help or -h on a command line: run prints the
// command's help, listing the flags of its flag set, and exits 0.
type helpRequest struct{ flags *flag.FlagSet }

func (h *helpRequest) Error() string { return flag.ErrHelp.Error() }
func (h *helpRequest) Unwrap() error { return flag.ErrHelp }

// flagError is a flag the command does not take, or a flag's bad value.
type flagError struct{ err error }

func (e *flagError) Error() string { return e.err.Error() }
func (e *flagError) Unwrap() error { return e.err }

func (c *common) dbPath() (string, error) {
	if c.db != "" {
		return c.db, nil
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no --db given and no home directory: %w", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	dir = filepath.Join(dir, "tovholder")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return filepath.Join(dir, "tovholder.db"), nil
}

// userName is who is working, cleaned like any text that reaches the
// store: it goes into the audit log and onto screens.
func (c *common) userName() string {
	if c.user != "" {
		return model.CleanLine(c.user)
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}

// calendar reads the configuration file, if there is one.
func (c *common) calendar() (*model.Calendar, error) {
	path, explicit := c.config, c.config != ""
	if !explicit {
		dir, err := os.UserConfigDir()
		if err != nil {
			return model.DefaultCalendar(), nil
		}
		path = filepath.Join(dir, "tovholder", "config.json")
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		return model.DefaultCalendar(), nil
	}
	if err != nil {
		return nil, err
	}
	cfg, err := model.ParseConfig(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return model.NewCalendar(cfg.Calendar), nil
}

func (c *common) open(readOnly bool) (*db.Store, error) {
	path, err := c.dbPath()
	if err != nil {
		return nil, err
	}
	cal, err := c.calendar()
	if err != nil {
		return nil, err
	}
	return openDB(path, db.Options{ReadOnly: readOnly, Calendar: cal})
}

// cmdQueue prints the deadline queue of a local database.
func cmdQueue(args []string, std stdio) error {
	return runLocal("queue", new(queueJob), args, std, "tovholder queue --db FILE [--today YYYY-MM-DD] [--json] [--limit N]")
}

// queueJob is queue's work, locally and over SSH.
type queueJob struct {
	today  string
	asJSON bool
	limit  int // -1: all
}

func (q *queueJob) define(fs *flag.FlagSet) {
	fs.StringVar(&q.today, "today", "", "judge overdue on this date, `YYYY-MM-DD` (default: today in Danish time)")
	fs.BoolVar(&q.asJSON, "json", false, `print a JSON array of {"case", "due", "rule", "overdue"} instead of a table`)
	q.limit = -1 // all
	fs.Func("limit", "print only the first `N` cases (default: all)", func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("--limit takes a whole number, 0 or more, not %q", v)
		}
		q.limit = n
		return nil
	})
}

func (q *queueJob) check(pos []string, remote bool) error {
	if len(pos) > 0 {
		return errExtraArgs
	}
	if q.today != "" {
		if _, err := model.ParseDate(q.today); err != nil {
			return fmt.Errorf("--today: %w", err)
		}
	}
	return nil
}

func (q *queueJob) writes() bool { return false }

func (q *queueJob) run(e env) error {
	today := model.DateOf(e.now().In(copenhagen()))
	if q.today != "" {
		today, _ = model.ParseDate(q.today) // check read it
	}
	st, limit := e.st, q.limit
	w := bufio.NewWriter(e.std.out)
	defer w.Flush()
	n := 0
	more := func() bool { n++; return limit < 0 || n < limit }
	overdue := func(due model.Date) bool { return due != model.NoDate && today > due }
	rows := func(fn func(id string, due model.Date, rule string) bool) error {
		if limit == 0 {
			return nil
		}
		return st.Deadlines(fn)
	}
	if q.asJSON {
		// Each row is written as the index yields it: the whole queue of a
		// large database never sits in memory.
		line := []byte{'['}
		err := rows(func(id string, due model.Date, rule string) bool {
			if n > 0 {
				line = append(line, ',')
			}
			line = appendQueueRow(line, id, due, rule, overdue(due))
			_, werr := w.Write(line)
			line = line[:0]
			return werr == nil && more()
		})
		if err != nil {
			return err
		}
		_, err = w.Write(append(line, "]\n"...))
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CASE\tDUE\tRULE\tOVERDUE")
	err := rows(func(id string, due model.Date, rule string) bool {
		d, r := "-", "-"
		if due != model.NoDate {
			d, r = due.String(), rule
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", id, d, r, yesNo(overdue(due)))
		return more()
	})
	if err != nil {
		return err
	}
	return tw.Flush()
}

// appendQueueRow writes one row of `queue --json` exactly as
// INTERCHANGE.md gives it: {"case", "due" (or null), "rule" (or null), "overdue"}.
func appendQueueRow(b []byte, id string, due model.Date, rule string, overdue bool) []byte {
	b = appendJSONString(append(b, `{"case":`...), id)
	if due == model.NoDate {
		b = append(b, `,"due":null,"rule":null`...)
	} else {
		b = append(append(append(b, `,"due":"`...), due.String()...), '"')
		b = appendJSONString(append(b, `,"rule":`...), rule)
	}
	return append(strconv.AppendBool(append(b, `,"overdue":`...), overdue), '}')
}

// appendJSONString quotes s for JSON; plain ASCII, by far the usual case,
// without encoding/json's reflection.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x7f {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(s)
			return append(b, bytes.TrimRight(buf.Bytes(), "\n")...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

// cmdAudit prints the audit log: who did what to which case, and who
// opened which case. With --case, only that case's history.
func cmdAudit(args []string, std stdio) error {
	return runLocal("audit", new(auditJob), args, std, "tovholder audit --db FILE [--case ID]")
}

// auditJob is audit's work, locally and over SSH. Over SSH only those who
// may read the access log (leaders, admins) run it, and the reading is
// logged: the access log records who read it.
type auditJob struct{ caseID string }

func (j *auditJob) define(fs *flag.FlagSet) {
	fs.StringVar(&j.caseID, "case", "", "only the history of case `ID` (default: the whole log)")
}

func (j *auditJob) check(pos []string, remote bool) error {
	if len(pos) > 0 {
		return errExtraArgs
	}
	return nil
}

func (j *auditJob) writes() bool { return false }

func (j *auditJob) run(e env) error {
	if e.remote && !e.who.Role.MayReadAccessLog() {
		return refused(e.who, "audit", "reading the audit log is for leaders and admins")
	}
	var entries []db.AuditEntry
	if j.caseID != "" {
		var err error
		if entries, err = e.st.History(j.caseID); err != nil {
			return err
		}
		if len(entries) == 0 {
			return fmt.Errorf("no audit entries for case %q", j.caseID)
		}
	}
	if e.remote {
		if err := e.st.LogAccess(e.who.Name, "audit", j.caseID, "over SSH"); err != nil {
			return fmt.Errorf("the reading could not be logged, so nothing is shown: %w", err)
		}
	}
	w := bufio.NewWriter(e.std.out)
	defer w.Flush()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN (UTC)\tWHO\tACTION\tCASE\tDETAIL")
	line := func(e db.AuditEntry) bool {
		// Names and details come from the store: cleaned, so that nothing in
		// them can drive the terminal.
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", e.At.Format("2006-01-02 15:04:05"), model.CleanLine(e.User),
			model.CleanLine(e.Action), model.CleanLine(e.Case), model.CleanLine(e.Detail))
		return true
	}
	if j.caseID != "" {
		for _, e := range entries {
			line(e)
		}
	} else if err := e.st.Audit(line); err != nil {
		return err
	}
	return tw.Flush()
}

func cmdBackup(args []string, std stdio) error {
	var c common
	fs := newFlags("backup", &c)
	pos, err := parse(fs, args)
	if err != nil || len(pos) != 1 {
		return usageErr(err, "tovholder backup --db FILE OUT.db")
	}
	if _, err := os.Stat(pos[0]); err == nil {
		return fmt.Errorf("%s exists already; choose a new file name", pos[0])
	}
	st, err := c.open(true)
	if err != nil {
		return err
	}
	defer st.Close()
	f, err := os.OpenFile(pos[0], os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if err := st.Backup(f); err != nil {
		f.Close()
		os.Remove(pos[0])
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(pos[0])
		return err
	}
	fi, err := os.Stat(pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(std.err, "backup of %s written to %s (%s, %s)\n", st.Path(), pos[0], countOf(st.Count(), "case", "cases"), byteSize(fi.Size()))
	return nil
}

// countOf is "1 case", "12 cases", "1,234 cases".
func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s + " " + many
}

// byteSize is a file size as people read it: "812 bytes", "34.1 kB", "3.4 MB" (powers of 1000).
func byteSize(n int64) string {
	if n < 1000 {
		return countOf(int(n), "byte", "bytes")
	}
	v, units := float64(n)/1000, []string{"kB", "MB", "GB", "TB"}
	i := 0
	for v >= 999.95 && i < len(units)-1 {
		v /= 1000
		i++
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + " " + units[i]
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// usageErr is a wrong command line: the problem (a flag's, or nil for
// unexpected arguments) and the command's usage line. A request for help
// passes through as it is.
func usageErr(err error, use string) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return &usageError{err, use}
}

type usageError struct {
	err error // nil: unexpected arguments
	use string
}

func (e *usageError) Error() string {
	if e.err != nil {
		return fmt.Sprintf("%v\nusage: %s", e.err, e.use)
	}
	return "unexpected arguments\nusage: " + e.use
}

func (e *usageError) Unwrap() error { return e.err }

// copenhagen is Danish local time, for "today"; UTC if the zone database
// is missing (the date differs at most around midnight).
func copenhagen() *time.Location {
	if loc, err := time.LoadLocation("Europe/Copenhagen"); err == nil {
		return loc
	}
	return time.UTC
}
