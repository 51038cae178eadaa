package main

import (
	"bufio"
	"errors"
	"fmt"
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
	st, err := db.Open(target, db.Options{Calendar: cal})
	if err != nil {
		return err
	}
	// The import allocates much and keeps little (the cases stream
	// through): collecting less often saved a tenth of its CPU time here.
	// Into a new database it keeps less still (it commits as it goes).
	gc := 200
	if fresh {
		gc = 400
	}
	defer debug.SetGCPercent(debug.SetGCPercent(gc))
	bar := startProgress(std.err, "import", "bytes", fi.Size)
	n, err := st.ImportFile(f, c.userName(), db.ImportOptions{Fresh: fresh, Progress: func(read int64) {
		bar.Set(read)
		if read == fi.Size() {
			bar.Phase("writing the database")
		}
	}})
	bar.Stop()
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
	var c common
	flags := newFlags("export", &c)
	redact := flags.Bool("redact", false, "leave out CPR numbers, contact details, the screening and all free text")
	if pos, err := parse(flags, args); err != nil || len(pos) > 0 {
		return usageErr(err, "tovholder export --db FILE [--redact]")
	}
	st, err := c.open(true)
	if err != nil {
		return err
	}
	defer st.Close()
	// Each case is written as the store yields it: an export of any size
	// holds one case in memory.
	w := bufio.NewWriterSize(std.out, 256<<10)
	enc := model.NewFileEncoder(w)
	bar := startProgress(std.err, "export", "cases", func() int64 { return int64(st.Count()) })
	err = st.Cases(func(k *model.Case) error {
		model.Normalize(k) // defaults written out, also for cases stored before they were
		if *redact {
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
