package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"

	"tovholder/db"
	"tovholder/model"
)

func cmdImport(args []string, std stdio) error {
	var c common
	flags := newFlags("import", &c)
	pos, err := parse(flags, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("give one file of cases: tovholder import --db FILE CASES.json")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	path, err := c.dbPath()
	if err != nil {
		return err
	}
	cal, err := c.calendar()
	if err != nil {
		return err
	}
	// A new database is built under a name of its own and put in place
	// only when the import succeeds: a file with a problem leaves no
	// database behind, and no one sees a half-made one. So the import
	// into it can commit as it goes (ImportOptions.Fresh), which is
	// quicker and holds less in memory than one transaction.
	target := path
	_, statErr := os.Stat(path)
	fresh := errors.Is(statErr, fs.ErrNotExist)
	if fresh {
		dir, err := os.MkdirTemp(filepath.Dir(path), "."+filepath.Base(path)+".importing-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		target = filepath.Join(dir, filepath.Base(path))
	}
	st, err := openDB(target, db.Options{Calendar: cal})
	if err != nil {
		return err
	}
	// The import allocates much and keeps little (the cases stream
	// through): collecting less often saved a tenth of its CPU time here.
	// Into a new database it keeps less still (it commits as it goes).
	// Not in the server, whose heap is everyone's.
	gc := 200
	if fresh {
		gc = 400
	}
	defer debug.SetGCPercent(debug.SetGCPercent(gc))
	n, err := importInto(st, f, fi.Size, model.Actor{Name: c.userName(), Role: model.Admin}, fresh, std.err)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err == nil && fresh {
		err = putInPlace(target, path)
	}
	if err != nil {
		return fmt.Errorf("%s: nothing was imported:\n%w", pos[0], err)
	}
	fmt.Fprintf(std.err, "imported %s into %s\n", countOf(n, "case", "cases"), path)
	return nil
}

// importInto adds the cases of an interchange file read from r, as who:
// the import of the local command (as the file's operator) and of the
// command over SSH. size is the file's size for the progress bar, if
// known. fresh: see db.ImportOptions.Fresh.
func importInto(st *db.Store, r io.Reader, size func() int64, who model.Actor, fresh bool, stderr io.Writer) (int, error) {
	if size == nil {
		size = func() int64 { return 0 }
	}
	bar := startProgress(stderr, "import", "bytes", size)
	n, err := st.ImportAs(who, r, db.ImportOptions{Fresh: fresh, Progress: func(read int64) {
		bar.Set(read)
		if read == size() {
			bar.Phase("writing the database")
		}
	}})
	bar.Stop()
	return n, err
}

// importJob is import over SSH: the file comes on standard input and its
// cases are added to the served database in one transaction, all or
// nothing. Only roles that may import run it.
type importJob struct{}

func (j *importJob) define(fs *flag.FlagSet) {}

func (j *importJob) check(pos []string, remote bool) error {
	if len(pos) > 1 || (len(pos) == 1 && pos[0] != "-") {
		return errors.New("over SSH the file of cases comes on standard input: ssh HOST import < CASES.json")
	}
	return nil
}

func (j *importJob) writes() bool { return true }

func (j *importJob) run(e env) error {
	if p := e.who.Role.MayImport(); p != nil {
		return refused(e.who, "import", "importing is for coordinators and admins")
	}
	// The file comes first, whole, into a file of its own: the import's
	// write transaction, which every save of every desk waits for, must
	// not wait on a client typing or a slow line.
	spool, size, err := spoolInput(e.std.in, maxImportSize)
	if err != nil {
		return fmt.Errorf("nothing was imported: %w", err)
	}
	defer os.Remove(spool.Name())
	defer spool.Close()
	n, err := importInto(e.st, spool, func() int64 { return size }, e.who, false, e.std.err)
	if err != nil {
		return fmt.Errorf("nothing was imported:\n%w", err)
	}
	fmt.Fprintf(e.std.err, "imported %s\n", countOf(n, "case", "cases"))
	return nil
}

// putInPlace gives the new database its name, unless a database of that
// name has appeared in the meantime.
func putInPlace(tmp, path string) error {
	err := os.Link(tmp, path)
	switch {
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s was created by someone else during the import; import again into it", path)
	case err != nil: // a file system without hard links
		if _, serr := os.Stat(path); serr == nil {
			return fmt.Errorf("%s was created by someone else during the import; import again into it", path)
		}
		return os.Rename(tmp, path)
	}
	return nil
}

func cmdExport(args []string, std stdio) error {
	return runLocal("export", new(exportJob), args, std, "tovholder export --db FILE [--redact]")
}

// exportJob is export's work, locally and over SSH. Over SSH the export is
// logged first, naming who took it and whether it was redacted: an export
// that cannot be logged is not made.
type exportJob struct{ redact bool }

func (j *exportJob) define(fs *flag.FlagSet) {
	fs.BoolVar(&j.redact, "redact", false, "leave out CPR numbers, contact details, the screening and all free text")
}

func (j *exportJob) check(pos []string, remote bool) error {
	if len(pos) > 0 {
		return errExtraArgs
	}
	return nil
}

func (j *exportJob) writes() bool { return false }

func (j *exportJob) run(e env) error {
	st := e.st
	if p := e.who.Role.MayExportFull(); p != nil && !j.redact {
		return refused(e.who, "export", "a full export (CPR numbers, health, notes) is for coordinators and admins; use --redact")
	}
	if e.remote {
		detail := "all cases, in full, over SSH"
		if j.redact {
			detail = "all cases, redacted, over SSH"
		}
		if err := st.LogAccess(e.who.Name, "export", "", detail); err != nil {
			return fmt.Errorf("the export could not be logged, so it is not made: %w", err)
		}
	}
	// Each case is written as the store yields it: an export of any size
	// holds one case in memory.
	w := bufio.NewWriterSize(e.std.out, 256<<10)
	enc := model.NewFileEncoder(w)
	bar := startProgress(e.std.err, "export", "cases", func() int64 { return int64(st.Count()) })
	err := st.Cases(func(k *model.Case) error {
		model.Normalize(k) // defaults written out, also for cases stored before they were
		if j.redact {
			k.Redact()
		}
		bar.Add(1)
		return enc.Encode(k)
	})
	bar.Stop()
	if err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	return w.Flush()
}

// maxImportSize bounds a file sent to import over SSH (1M cases are
// about 1.3 GB).
const maxImportSize = 4 << 30

// spoolInput copies r, up to max bytes, into a new temporary file, and
// returns it read from the start, with its size.
func spoolInput(r io.Reader, max int64) (*os.File, int64, error) {
	f, err := os.CreateTemp("", "tovholder-import-*.json")
	if err != nil {
		return nil, 0, err
	}
	n, err := io.Copy(f, io.LimitReader(r, max+1))
	if err == nil && n > max {
		err = fmt.Errorf("the file is larger than %d GB", max>>30)
	}
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, 0, err
	}
	return f, n, nil
}
