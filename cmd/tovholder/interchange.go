package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"tovholder/model"
)

func cmdImport(args []string, std stdio) error {
	var c common
	fs := newFlags("import", &c)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("give one file of cases: tovholder import --db FILE CASES.json")
	}
	// A large import is bound by touching fresh memory more than by
	// collecting it: a smaller heap goal made 100,000 cases faster here.
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	cases, err := model.DecodeFile(data)
	if err != nil {
		return fmt.Errorf("%s: nothing was imported:\n%w", pos[0], err)
	}
	st, err := c.open(false)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Import(cases, c.userName()); err != nil {
		return fmt.Errorf("%s: nothing was imported:\n%w", pos[0], err)
	}
	fmt.Fprintf(std.err, "imported %d cases into %s\n", len(cases), st.Path())
	return nil
}

func cmdExport(args []string, std stdio) error {
	var c common
	fs := newFlags("export", &c)
	redact := fs.Bool("redact", false, "leave out CPR numbers, contact details, the screening and all free text")
	if pos, err := parse(fs, args); err != nil || len(pos) > 0 {
		return usageErr(err, "tovholder export --db FILE [--redact]")
	}
	st, err := c.open(true)
	if err != nil {
		return err
	}
	defer st.Close()
	var cases []model.Case
	err = st.Cases(func(k *model.Case) error {
		if *redact {
			k.Redact()
		}
		cases = append(cases, *k)
		return nil
	})
	if err != nil {
		return err
	}
	w := bufio.NewWriter(std.out)
	if err := model.EncodeFile(w, cases); err != nil {
		return err
	}
	return w.Flush()
}
