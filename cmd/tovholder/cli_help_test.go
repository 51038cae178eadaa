package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"tovholder/db"
	"tovholder/model"
)

// cliFlags are the flags each command takes, written out here so that a
// help that lists fewer (or a flag set that lost some) is caught.
var cliFlags = map[string][]string{
	"desk":   {"db", "config", "user", "lang", "role", "today"},
	"demo":   {"db", "config", "user", "lang", "role", "today", "no-desk"},
	"serve":  {"db", "config", "listen", "idle", "today"},
	"user":   {"db", "config", "user", "role", "key", "theme", "lang"},
	"whoami": {"db", "config", "user"},
	"import": {"db", "config", "user"},
	"export": {"db", "config", "user", "redact"},
	"queue":  {"db", "config", "user", "today", "json", "limit"},
	"backup": {"db", "config", "user"},
	"audit":  {"db", "config", "user", "case"},
}

func TestCLIHelpTopLevel(t *testing.T) {
	for name := range commands {
		if !slices.Contains(commandOrder, name) {
			t.Errorf("command %s is missing from commandOrder, so from the usage", name)
		}
		if _, ok := cliFlags[name]; !ok {
			t.Errorf("command %s: the test does not know its flags", name)
		}
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"-help"}, {"help"}, {"help", "help"}, {"--db", "x.db", "--help"}} {
		r := cliRun(t, args...)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("tovholder %v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		for _, s := range []string{"Usage:", "help", "--db", "--config", "--user", "--help"} {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("tovholder %v does not mention %s:\n%s", args, s, r.stdout)
			}
		}
		for _, name := range commandOrder {
			if !strings.Contains(r.stdout, "\n  "+name+" ") {
				t.Errorf("tovholder %v does not list the command %s:\n%s", args, name, r.stdout)
			}
		}
	}
}

// Every command's --help (or -h, or help COMMAND) prints its usage on
// standard output and exits 0: every flag with its meaning and its
// default, and an example.
func TestCLIHelpEveryCommand(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "never.db")
	for name, want := range cliFlags {
		variants := [][]string{
			{name, "--help"}, {name, "-h"}, {name, "-help"}, {"help", name},
			{name, "--db", missing, "extra-argument", "--help"}, // help wins over what is wrong besides
		}
		var first string
		for _, args := range variants {
			r := cliRun(t, args...)
			if r.code != 0 || r.stderr != "" {
				t.Errorf("tovholder %v: exit %d, stderr %q", args, r.code, r.stderr)
				continue
			}
			if first == "" {
				first = r.stdout
			} else if r.stdout != first {
				t.Errorf("tovholder %v prints another help than tovholder %s --help:\n%s", args, name, r.stdout)
			}
		}
		out := first
		if !strings.HasPrefix(out, "Usage: tovholder "+commands[name].synopsis+"\n") {
			t.Errorf("%s --help does not start with its usage line:\n%s", name, out)
		}
		if !strings.Contains(out, "\nExample:\n  tovholder ") {
			t.Errorf("%s --help has no example:\n%s", name, out)
		}
		for _, f := range want {
			if !strings.Contains(out, "\n  --"+f+" ") {
				t.Errorf("%s --help does not list --%s:\n%s", name, f, out)
			}
		}

		// Every flag of the command's own flag set is listed, with its
		// default: the flag set's own, or one its usage states.
		err := commands[name].run([]string{"--help"}, stdio{in: strings.NewReader(""), out: new(strings.Builder), err: new(strings.Builder)})
		var h *helpRequest
		if !errors.As(err, &h) {
			t.Errorf("%s --help returned %v, not the flag set", name, err)
			continue
		}
		var defined []string
		h.flags.VisitAll(func(f *flag.Flag) {
			defined = append(defined, f.Name)
			_, meaning := flag.UnquoteUsage(f)
			var line string
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, "  --"+f.Name+" ") {
					line = l
				}
			}
			switch _, isBool := f.Value.(interface{ IsBoolFlag() bool }); {
			case line == "":
				t.Errorf("%s --help does not list --%s", name, f.Name)
			case !strings.Contains(line, meaning):
				t.Errorf("%s --help: --%s without its meaning: %q", name, f.Name, line)
			case !isBool && !strings.Contains(line, "(default"):
				t.Errorf("%s --help: --%s without its default: %q", name, f.Name, line)
			case f.DefValue != "" && !isBool && !strings.Contains(line, "(default "+f.DefValue+")"):
				t.Errorf("%s --help: --%s does not give its default %q: %q", name, f.Name, f.DefValue, line)
			}
		})
		slices.Sort(defined)
		want = slices.Sorted(slices.Values(want))
		if !slices.Equal(defined, want) {
			t.Errorf("%s takes the flags %v, the test expects %v", name, defined, want)
		}
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Error("--help opened or created the database")
	}
}

// A flag a command does not take, or a bad value, exits 1 and says so on
// standard error with the usage line and where the help is.
func TestCLIBadFlag(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "never.db")
	for name := range cliFlags {
		args := []string{name, "--db", dbPath, "--nope"}
		r := cliRun(t, args...)
		if r.code != 1 || r.stdout != "" {
			t.Errorf("tovholder %v: exit %d, stdout %q", args, r.code, r.stdout)
		}
		for _, s := range []string{
			"tovholder " + name + ": flag provided but not defined: -nope\n",
			"\nusage: tovholder ",
			"Run 'tovholder " + name + " --help' for every flag.\n",
		} {
			if !strings.Contains(r.stderr, s) {
				t.Errorf("tovholder %v: stderr %q lacks %q", args, r.stderr, s)
			}
		}
	}
	for _, args := range [][]string{
		{"--nope"},
		{"queue", "--db", dbPath, "--limit", "many"},
		{"queue", "--db", dbPath, "--json=maybe"},
		{"desk", "--db", dbPath, "--lang", "fr"},
		{"demo", "--db", dbPath, "--role", "boss"},
		{"audit", "--db", dbPath, "--case"},
	} {
		r := cliRun(t, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "usage: tovholder") || !strings.Contains(r.stderr, "--help") {
			t.Errorf("tovholder %v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	r := cliRun(t, "frobnicate", "--help")
	if r.code != 2 || !strings.Contains(r.stderr, `unknown command "frobnicate"`) || !strings.Contains(r.stderr, "Usage:") || r.stdout != "" {
		t.Errorf("unknown command: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r := cliRun(t, "help", "frobnicate"); r.code != 2 || !strings.Contains(r.stderr, "frobnicate") {
		t.Errorf("help of an unknown command: exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(dbPath); !errors.Is(err, os.ErrNotExist) {
		t.Error("a bad flag still opened or created the database")
	}
}

func TestCLIBackupSays(t *testing.T) {
	dir, dbPath := cliSetup(t)
	out := filepath.Join(dir, "copy.db")
	r := cliRun(t, "backup", "--db", dbPath, out)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("backup: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("backup of %s written to %s (5 cases, %s)\n", dbPath, out, byteSize(fi.Size()))
	if r.stderr != want {
		t.Errorf("backup says %q, want %q", r.stderr, want)
	}
}

func TestByteSizeAndCount(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 bytes", 1: "1 byte", 999: "999 bytes", 1000: "1.0 kB", 32768: "32.8 kB",
		999_949: "999.9 kB", 999_950: "1.0 MB", 3_400_000: "3.4 MB", 1_234_567_890: "1.2 GB",
	} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{0: "0 cases", 1: "1 case", 12: "12 cases", 1234: "1,234 cases", 1000000: "1,000,000 cases"} {
		if got := countOf(n, "case", "cases"); got != want {
			t.Errorf("countOf(%d) = %q, want %q", n, got, want)
		}
	}
}

// The demo's cases have the desk's ids, in the year the desk numbers new
// referrals in: the first referral made on the demo database is the next
// number after the demo's last, also early in a year, when most of the
// demo's referrals are from the year before.
func TestDemoNextReferral(t *testing.T) {
	for _, today := range []model.Date{model.MakeDate(2026, time.November, 26), model.MakeDate(2027, time.January, 12)} {
		st, err := db.Open(filepath.Join(t.TempDir(), "demo.db"), db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := fillDemo(st, today, "anne"); err != nil {
			t.Fatal(err)
		}
		year, _, _ := today.YMD()
		var last string
		if err := st.Cases(func(c *model.Case) error { last = c.ID; return nil }); err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("K-%d-%04d", year, demoCases); last != want {
			t.Errorf("today %s: the demo's last case is %s, want %s", today, last, want)
		}
		// As the intake form does: the year of the desk's today.
		id, err := st.CreateReferral(model.Actor{Name: "anne", Role: model.Coordinator}, model.Case{Events: []model.Event{{Type: model.ReferralReceived, Date: today, Source: "doctor"}}}, year)
		if want := fmt.Sprintf("K-%d-%04d", year, demoCases+1); err != nil || id != want {
			t.Errorf("today %s: the first referral on the demo is %q (%v), want %s", today, id, err, want)
		}
		st.Close()
	}
}

// The import says how many cases it added, in words that fit the number.
func TestImportCountsInWords(t *testing.T) {
	dir := t.TempDir()
	file := cliWrite(t, dir, "one.json", `{"format":"tovholder/v1","cases":[{"id":"K-1"}]}`)
	dbPath := filepath.Join(dir, "one.db")
	r := cliRun(t, "import", "--db", dbPath, file)
	if r.code != 0 || r.stderr != "imported 1 case into "+dbPath+"\n" {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// What the audit log holds reaches the terminal without control characters.
func TestAuditPrintsNoControl(t *testing.T) {
	dir := t.TempDir()
	file := cliWrite(t, dir, "one.json", `{"format":"tovholder/v1","cases":[{"id":"K-1"}]}`)
	dbPath := filepath.Join(dir, "a.db")
	if r := cliRun(t, "import", "--db", dbPath, "--user", "ev\x1b]0;T\ail", file); r.code != 0 {
		t.Fatal(r.stderr)
	}
	out := cliMustRun(t, "audit", "--db", dbPath)
	if strings.ContainsAny(out, "\x1b\a") || !strings.Contains(out, "evil") {
		t.Errorf("audit output %q", out)
	}
}
