package main

import (
	"errors"
	"flag"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/db"
	"tovholder/model"
	"tovholder/synth"
	"tovholder/tui"
)

// deskFlags are the flags of the desk (and the demo, which opens it).
type deskFlags struct {
	common
	lang, role, today string
	// roleSet and langSet say whether --role and --lang were given: the
	// users table's word counts otherwise.
	roleSet, langSet bool
	noDesk           bool // demo --no-desk
}

func (d *deskFlags) parse(name string, args []string) ([]string, error) {
	fs := newFlags(name, &d.common)
	fs.StringVar(&d.lang, "lang", "da", "speak Danish or English: `da|en`")
	fs.StringVar(&d.role, "role", "coordinator", "the user's `ROLE`: caseworker, coordinator, leader or admin")
	fs.StringVar(&d.today, "today", "", "pretend today is this date, `YYYY-MM-DD`, for training and tests (default: the real date)")
	if name == "demo" {
		fs.BoolVar(&d.noDesk, "no-desk", false, "fill the database and stop, without opening the desk (make serve does)")
	}
	pos, err := parse(fs, args)
	if err != nil {
		return pos, err
	}
	fs.Visit(func(f *flag.Flag) {
		d.roleSet = d.roleSet || f.Name == "role"
		d.langSet = d.langSet || f.Name == "lang"
	})
	// Check every flag before anything is opened or created.
	if _, err := tui.ParseLang(d.lang); err != nil {
		return pos, err
	}
	if _, err := model.ParseRole(d.role); err != nil {
		return pos, fmt.Errorf("--role: %w", err)
	}
	_, err = d.clock()
	return pos, err
}

func cmdDesk(args []string, std stdio) error {
	var d deskFlags
	if pos, err := d.parse("desk", args); err != nil || len(pos) > 0 {
		return usageErr(err, "tovholder [--db FILE] [--lang da|en] [--user NAME] [--role ROLE] [--today YYYY-MM-DD]")
	}
	st, err := d.open(false)
	if err != nil {
		return err
	}
	defer st.Close()
	return d.run(st, std)
}

// cmdDemo fills a new database with fictitious cases, then opens the desk on it.
func cmdDemo(args []string, std stdio) error {
	var d deskFlags
	if pos, err := d.parse("demo", args); err != nil || len(pos) > 0 {
		return usageErr(err, "tovholder demo --db FILE [--no-desk] [--lang da|en] [--user NAME] [--role ROLE] [--today YYYY-MM-DD]")
	}
	if d.db == "" {
		return errors.New("give the demo its own database: tovholder demo --db demo.db")
	}
	st, err := d.open(false)
	if err != nil {
		return err
	}
	defer st.Close()
	if d.user == "" {
		d.user = "anne" // a caseworker of the demo, so "my cases" shows something
	}
	if st.Count() == 0 {
		today, err := d.clockDate()
		if err != nil {
			return err
		}
		if err := fillDemo(st, today, d.userName()); err != nil {
			return err
		}
		if d.noDesk {
			fmt.Fprintf(std.err, "%s: %s made\n", st.Path(), countOf(demoCases, "fictitious case", "fictitious cases"))
		}
	}
	if d.noDesk {
		return nil
	}
	return d.run(st, std)
}

// demoCases is how many cases the demo makes.
const demoCases = 300

// fillDemo imports the demo's fictitious cases, dated up to today. Their
// ids are K-YYYY-0001 to K-YYYY-0300 with today's year, the year the desk
// numbers new referrals in: the first one made is K-YYYY-0301. They are
// imported as the demo's user, so that no pseudo-user "demo" is offered
// as a caseworker.
func fillDemo(st *db.Store, today model.Date, user string) error {
	return st.Import(synth.Cases(demoCases, 1, today), user)
}

func (d *deskFlags) clockDate() (model.Date, error) {
	now, err := d.clock()
	if err != nil {
		return model.NoDate, err
	}
	return model.DateOf(now()), nil
}

// clock is the real clock, or a fixed day when --today is given.
func (d *deskFlags) clock() (func() time.Time, error) {
	if d.today == "" {
		return time.Now, nil
	}
	day, err := model.ParseDate(d.today)
	if err != nil {
		return nil, fmt.Errorf("--today: %w", err)
	}
	t := day.Time().Add(12 * time.Hour)
	return func() time.Time { return t }, nil
}

// run opens the desk; parse has checked the flags. A user the users
// table has (the accounts of the desk over SSH) works in the role it
// gives them, with their own language and theme; someone it does not
// have works in --role, as in training.
func (d *deskFlags) run(st *db.Store, std stdio) error {
	name := d.userName()
	lang, _ := tui.ParseLang(d.lang)
	now, _ := d.clock()
	role, _ := model.ParseRole(d.role)
	theme := ""
	switch u, err := st.UserNamed(name); {
	case err == nil:
		if u.Disabled {
			return fmt.Errorf("%s is disabled in the users table, so the desk does not open for them", name)
		}
		if d.roleSet && role != u.Role {
			return fmt.Errorf("%s is %s in the users table, not %s: leave out --role", name, article(string(u.Role)), d.role)
		}
		role, theme = u.Role, u.Theme
		if !d.langSet && u.Lang != "" {
			lang, _ = tui.ParseLang(u.Lang)
		}
	case !errors.Is(err, db.ErrNoUser):
		return err
	}
	c := tui.NewCommon(st, name, role, lang, now, nil)
	c.Outbox = dirOutbox{dir: outboxDir(st.Path())}
	switch theme {
	case "light":
		c.SetTheme(tui.Light, nil)
	case "dark":
		c.SetTheme(tui.Dark, nil)
	}
	_, err := tea.NewProgram(tui.New(c), tea.WithAltScreen(), tea.WithInput(std.in), tea.WithOutput(std.out)).Run()
	return err
}
