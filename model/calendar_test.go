package model

import (
	"strings"
	"testing"
	"time"
)

// The expectations in this file come from DEADLINES.md ("Calendar") and
// from the real calendar, not from the implementation. Every table row
// that names a weekday is checked against the standard library first, so
// a wrong expectation fails loudly as a bad row instead of as a bug.

// checkWeekday fails the test if s is not the weekday the row claims.
func checkWeekday(t *testing.T, s string, want time.Weekday) {
	t.Helper()
	tm, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatalf("bad row date %q: %v", s, err)
	}
	if tm.Weekday() != want {
		t.Fatalf("bad row: %s is a %v, not a %v", s, tm.Weekday(), want)
	}
}

const (
	mon = time.Monday
	tue = time.Tuesday
	wed = time.Wednesday
	thu = time.Thursday
	fri = time.Friday
	sat = time.Saturday
	sun = time.Sunday
)

// dayRow is one date with its weekday and whether it is a working day.
type dayRow struct {
	date    string
	wd      time.Weekday
	working bool
	what    string
}

func checkDays(t *testing.T, c *Calendar, rows []dayRow) {
	t.Helper()
	for _, r := range rows {
		checkWeekday(t, r.date, r.wd)
		if got := c.IsWorkingDay(d(r.date)); got != r.working {
			t.Errorf("IsWorkingDay(%s %s, %s) = %t, want %t", r.wd.String()[:3], r.date, r.what, got, r.working)
		}
	}
}

// refEaster is Easter Sunday of year y in the Gregorian calendar
// (anonymous Gregorian algorithm, Meeus/Jones/Butcher), written
// independently of the implementation's library.
func refEaster(y int) Date {
	a := y % 19
	b := y / 100
	c := y % 100
	dd := b / 4
	e := b % 4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - dd - g + 15) % 30
	i := c / 4
	k := c % 4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return MakeDate(y, time.Month(month), day)
}

// refWorking is the spec's working-day rule, written out directly.
func refWorking(cfg CalendarConfig, x Date) bool {
	tm := x.Time()
	if wd := tm.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	y, m, day := tm.Date()
	for _, c := range cfg.Closures {
		if c == x {
			return false
		}
	}
	switch {
	case m == time.January && day == 1,
		m == time.December && (day == 25 || day == 26),
		cfg.ConstitutionDay && m == time.June && day == 5,
		cfg.ChristmasEve && m == time.December && day == 24,
		cfg.NewYearsEve && m == time.December && day == 31:
		return false
	}
	e := refEaster(y)
	for _, off := range []int{-3, -2, 0, 1, 39, 49, 50} {
		if x == e.AddDays(off) {
			return false
		}
	}
	if y <= 2023 && x == e.AddDays(26) {
		return false
	}
	return true
}

func TestRefEasterKnownDates(t *testing.T) {
	// Known Easter Sundays, to make sure the reference itself is right.
	known := []string{
		"1900-04-15", "1954-04-18", "2000-04-23", "2008-03-23", "2011-04-24", "2019-04-21",
		"2023-04-09", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16",
		"2038-04-25", "2285-03-22",
	}
	for _, s := range known {
		checkWeekday(t, s, sun)
		y, _, _ := d(s).YMD()
		if got := refEaster(y); got != d(s) {
			t.Errorf("refEaster(%d) = %s, want %s", y, got, s)
		}
	}
}

func TestCalendarEasterHolidays(t *testing.T) {
	c := DefaultCalendar()
	type year struct {
		easter string
		rows   []dayRow
	}
	years := []year{
		{"2023-04-09", []dayRow{
			{"2023-04-05", wed, true, "day before Maundy Thursday"},
			{"2023-04-06", thu, false, "Maundy Thursday"},
			{"2023-04-07", fri, false, "Good Friday"},
			{"2023-04-08", sat, false, "Easter Saturday"},
			{"2023-04-09", sun, false, "Easter Sunday"},
			{"2023-04-10", mon, false, "Easter Monday"},
			{"2023-04-11", tue, true, "day after Easter Monday"},
			{"2023-05-17", wed, true, "day before Ascension"},
			{"2023-05-18", thu, false, "Ascension Day"},
			{"2023-05-19", fri, true, "day after Ascension"},
			{"2023-05-26", fri, true, "Friday before Whitsun"},
			{"2023-05-28", sun, false, "Whit Sunday"},
			{"2023-05-29", mon, false, "Whit Monday"},
			{"2023-05-30", tue, true, "day after Whit Monday"},
		}},
		{"2024-03-31", []dayRow{
			{"2024-03-27", wed, true, "day before Maundy Thursday"},
			{"2024-03-28", thu, false, "Maundy Thursday"},
			{"2024-03-29", fri, false, "Good Friday"},
			{"2024-03-31", sun, false, "Easter Sunday"},
			{"2024-04-01", mon, false, "Easter Monday"},
			{"2024-04-02", tue, true, "day after Easter Monday"},
			{"2024-05-08", wed, true, "day before Ascension"},
			{"2024-05-09", thu, false, "Ascension Day"},
			{"2024-05-10", fri, true, "day after Ascension"},
			{"2024-05-17", fri, true, "Friday before Whitsun"},
			{"2024-05-19", sun, false, "Whit Sunday"},
			{"2024-05-20", mon, false, "Whit Monday"},
			{"2024-05-21", tue, true, "day after Whit Monday"},
		}},
		{"2025-04-20", []dayRow{
			{"2025-04-16", wed, true, "day before Maundy Thursday"},
			{"2025-04-17", thu, false, "Maundy Thursday"},
			{"2025-04-18", fri, false, "Good Friday"},
			{"2025-04-20", sun, false, "Easter Sunday"},
			{"2025-04-21", mon, false, "Easter Monday"},
			{"2025-04-22", tue, true, "day after Easter Monday"},
			{"2025-05-28", wed, true, "day before Ascension"},
			{"2025-05-29", thu, false, "Ascension Day"},
			{"2025-05-30", fri, true, "day after Ascension"},
			{"2025-06-06", fri, true, "Friday before Whitsun"},
			{"2025-06-08", sun, false, "Whit Sunday"},
			{"2025-06-09", mon, false, "Whit Monday"},
			{"2025-06-10", tue, true, "day after Whit Monday"},
		}},
		{"2026-04-05", []dayRow{
			{"2026-04-01", wed, true, "day before Maundy Thursday"},
			{"2026-04-02", thu, false, "Maundy Thursday"},
			{"2026-04-03", fri, false, "Good Friday"},
			{"2026-04-05", sun, false, "Easter Sunday"},
			{"2026-04-06", mon, false, "Easter Monday"},
			{"2026-04-07", tue, true, "day after Easter Monday"},
			{"2026-05-13", wed, true, "day before Ascension"},
			{"2026-05-14", thu, false, "Ascension Day"},
			{"2026-05-15", fri, true, "day after Ascension"},
			{"2026-05-22", fri, true, "Friday before Whitsun"},
			{"2026-05-24", sun, false, "Whit Sunday"},
			{"2026-05-25", mon, false, "Whit Monday"},
			{"2026-05-26", tue, true, "day after Whit Monday"},
		}},
		{"2027-03-28", []dayRow{
			{"2027-03-24", wed, true, "day before Maundy Thursday"},
			{"2027-03-25", thu, false, "Maundy Thursday"},
			{"2027-03-26", fri, false, "Good Friday"},
			{"2027-03-28", sun, false, "Easter Sunday"},
			{"2027-03-29", mon, false, "Easter Monday"},
			{"2027-03-30", tue, true, "day after Easter Monday"},
			{"2027-05-05", wed, true, "day before Ascension"},
			{"2027-05-06", thu, false, "Ascension Day"},
			{"2027-05-07", fri, true, "day after Ascension"},
			{"2027-05-14", fri, true, "Friday before Whitsun"},
			{"2027-05-16", sun, false, "Whit Sunday"},
			{"2027-05-17", mon, false, "Whit Monday"},
			{"2027-05-18", tue, true, "day after Whit Monday"},
		}},
		{"2028-04-16", []dayRow{
			{"2028-04-12", wed, true, "day before Maundy Thursday"},
			{"2028-04-13", thu, false, "Maundy Thursday"},
			{"2028-04-14", fri, false, "Good Friday"},
			{"2028-04-16", sun, false, "Easter Sunday"},
			{"2028-04-17", mon, false, "Easter Monday"},
			{"2028-04-18", tue, true, "day after Easter Monday"},
			{"2028-05-24", wed, true, "day before Ascension"},
			{"2028-05-25", thu, false, "Ascension Day"},
			{"2028-05-26", fri, true, "day after Ascension"},
			{"2028-06-02", fri, true, "Friday before Whitsun"},
			{"2028-06-04", sun, false, "Whit Sunday"},
			{"2028-06-05", mon, false, "Whit Monday (also Constitution Day)"},
			{"2028-06-06", tue, true, "day after Whit Monday"},
		}},
	}
	for _, y := range years {
		checkWeekday(t, y.easter, sun)
		e := d(y.easter)
		yr, _, _ := e.YMD()
		if refEaster(yr) != e {
			t.Fatalf("bad row: Easter %d is %s, not %s", yr, refEaster(yr), y.easter)
		}
		// The rows must be at the offsets the spec names.
		offsets := map[string]int{
			"Maundy Thursday": -3, "Good Friday": -2, "Easter Sunday": 0, "Easter Monday": 1,
			"Ascension Day": 39, "Whit Sunday": 49, "Whit Monday": 50,
		}
		seen := 0
		for _, r := range y.rows {
			what := r.what
			if what == "Whit Monday (also Constitution Day)" {
				what = "Whit Monday"
			}
			if off, ok := offsets[what]; ok {
				seen++
				if e.AddDays(off) != d(r.date) {
					t.Fatalf("bad row: %s %d is %s, not %s", r.what, yr, e.AddDays(off), r.date)
				}
				if c.HolidayName(d(r.date)) == "" {
					t.Errorf("HolidayName(%s, %s) is empty", r.date, r.what)
				}
			}
		}
		if seen != len(offsets) {
			t.Fatalf("bad table: %d lists %d of the %d Easter holidays", yr, seen, len(offsets))
		}
		checkDays(t, c, y.rows)
		// Switching the office closure days off changes none of this,
		// except that 5 June 2028 is also Whit Monday and stays closed.
		checkDays(t, NewCalendar(CalendarConfig{}), y.rows)
	}
}

func TestCalendarGreatPrayerDay(t *testing.T) {
	c := DefaultCalendar()
	rows := []dayRow{
		{"1899-04-28", fri, false, "Great Prayer Day 1899 (outside precomputed years)"},
		{"1900-05-11", fri, false, "Great Prayer Day 1900"},
		{"2000-05-19", fri, false, "Great Prayer Day 2000"},
		{"2022-05-13", fri, false, "Great Prayer Day 2022"},
		{"2023-05-05", fri, false, "Great Prayer Day 2023, the last one"},
		{"2023-05-04", thu, true, "day before Great Prayer Day 2023"},
		{"2023-05-08", mon, true, "Monday after Great Prayer Day 2023"},
		{"2024-04-26", fri, true, "former Great Prayer Day 2024 (abolished)"},
		{"2025-05-16", fri, true, "former Great Prayer Day 2025 (abolished)"},
		{"2026-05-01", fri, true, "former Great Prayer Day 2026 (abolished; also 1 May)"},
		{"2027-04-23", fri, true, "former Great Prayer Day 2027 (abolished)"},
		{"2028-05-12", fri, true, "former Great Prayer Day 2028 (abolished)"},
		{"2300-05-04", fri, true, "former Great Prayer Day 2300 (outside precomputed years)"},
	}
	for _, r := range rows {
		if r.wd != fri || !strings.Contains(r.what, "Great Prayer Day") {
			continue
		}
		y, _, _ := d(r.date).YMD()
		if refEaster(y).AddDays(26) != d(r.date) {
			t.Fatalf("bad row: Easter+26 in %d is %s, not %s", y, refEaster(y).AddDays(26), r.date)
		}
	}
	checkDays(t, c, rows)
	if c.HolidayName(d("2023-05-05")) == "" {
		t.Error("HolidayName(2023-05-05) is empty, want Great Prayer Day")
	}
	if n := c.HolidayName(d("2024-04-26")); n != "" {
		t.Errorf("HolidayName(2024-04-26) = %q, want empty (abolished)", n)
	}
}

func TestCalendarFixedDays(t *testing.T) {
	def := DefaultCalendar()
	off := NewCalendar(CalendarConfig{})
	type row struct {
		date       string
		wd         time.Weekday
		defWorking bool // default configuration
		offWorking bool // all three office closure switches off
		what       string
	}
	rows := []row{
		// New Year's Day: official, never switchable.
		{"2023-01-01", sun, false, false, "New Year's Day"},
		{"2024-01-01", mon, false, false, "New Year's Day"},
		{"2025-01-01", wed, false, false, "New Year's Day"},
		{"2026-01-01", thu, false, false, "New Year's Day"},
		{"2027-01-01", fri, false, false, "New Year's Day"},
		{"2028-01-01", sat, false, false, "New Year's Day"},
		{"2026-01-02", fri, true, true, "2 Jan"},
		// Constitution Day: office closure, switchable.
		{"2023-06-05", mon, false, true, "Constitution Day"},
		{"2024-06-05", wed, false, true, "Constitution Day"},
		{"2025-06-05", thu, false, true, "Constitution Day"},
		{"2026-06-05", fri, false, true, "Constitution Day"},
		{"2027-06-05", sat, false, false, "Constitution Day on a Saturday"},
		{"2028-06-05", mon, false, false, "Constitution Day = Whit Monday"},
		{"2026-06-04", thu, true, true, "4 June"},
		// Christmas Eve: office closure, switchable.
		{"2023-12-24", sun, false, false, "Christmas Eve on a Sunday"},
		{"2024-12-24", tue, false, true, "Christmas Eve"},
		{"2025-12-24", wed, false, true, "Christmas Eve"},
		{"2026-12-24", thu, false, true, "Christmas Eve"},
		{"2027-12-24", fri, false, true, "Christmas Eve"},
		{"2028-12-24", sun, false, false, "Christmas Eve on a Sunday"},
		{"2026-12-23", wed, true, true, "23 Dec"},
		// Christmas Day and Boxing Day: official, never switchable.
		{"2023-12-25", mon, false, false, "Christmas Day"},
		{"2024-12-25", wed, false, false, "Christmas Day"},
		{"2025-12-25", thu, false, false, "Christmas Day"},
		{"2026-12-25", fri, false, false, "Christmas Day"},
		{"2027-12-25", sat, false, false, "Christmas Day"},
		{"2028-12-25", mon, false, false, "Christmas Day"},
		{"2023-12-26", tue, false, false, "Boxing Day"},
		{"2024-12-26", thu, false, false, "Boxing Day"},
		{"2025-12-26", fri, false, false, "Boxing Day"},
		{"2026-12-26", sat, false, false, "Boxing Day"},
		{"2027-12-26", sun, false, false, "Boxing Day"},
		{"2028-12-26", tue, false, false, "Boxing Day"},
		{"2023-12-27", wed, true, true, "27 Dec"},
		{"2027-12-27", mon, true, true, "27 Dec 2027 (no substitute day in Denmark)"},
		// New Year's Eve: office closure, switchable.
		{"2023-12-31", sun, false, false, "New Year's Eve on a Sunday"},
		{"2024-12-31", tue, false, true, "New Year's Eve"},
		{"2025-12-31", wed, false, true, "New Year's Eve"},
		{"2026-12-31", thu, false, true, "New Year's Eve"},
		{"2027-12-31", fri, false, true, "New Year's Eve"},
		{"2028-12-31", sun, false, false, "New Year's Eve on a Sunday"},
		{"2026-12-30", wed, true, true, "30 Dec"},
		// Days that are holidays elsewhere but not in Denmark.
		{"2026-05-01", fri, true, true, "1 May"},
		{"2025-05-01", thu, true, true, "1 May"},
		{"2026-01-06", tue, true, true, "Epiphany"},
		{"2026-11-01", sun, false, false, "All Saints (a Sunday anyway)"},
	}
	for _, r := range rows {
		checkWeekday(t, r.date, r.wd)
		if got := def.IsWorkingDay(d(r.date)); got != r.defWorking {
			t.Errorf("default: IsWorkingDay(%s %s, %s) = %t, want %t", r.wd.String()[:3], r.date, r.what, got, r.defWorking)
		}
		if got := off.IsWorkingDay(d(r.date)); got != r.offWorking {
			t.Errorf("switches off: IsWorkingDay(%s %s, %s) = %t, want %t", r.wd.String()[:3], r.date, r.what, got, r.offWorking)
		}
	}
	for _, s := range []string{"2026-01-01", "2026-06-05", "2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31"} {
		if def.HolidayName(d(s)) == "" {
			t.Errorf("default: HolidayName(%s) is empty", s)
		}
	}
	for _, s := range []string{"2026-06-05", "2026-12-24", "2026-12-31"} {
		if n := off.HolidayName(d(s)); n != "" {
			t.Errorf("switches off: HolidayName(%s) = %q, want empty", s, n)
		}
	}
	for _, s := range []string{"2026-12-25", "2026-12-26", "2026-01-01"} {
		if off.HolidayName(d(s)) == "" {
			t.Errorf("switches off: HolidayName(%s) is empty", s)
		}
	}
	for _, s := range []string{"2026-11-24", "2026-11-21", "2026-05-01"} {
		if n := def.HolidayName(d(s)); n != "" {
			t.Errorf("HolidayName(%s) = %q, want empty for an ordinary day", s, n)
		}
	}
}

func TestCalendarSwitchesOneAtATime(t *testing.T) {
	// 2026: 5 June Fri, 24 Dec Thu, 31 Dec Thu.
	days := []string{"2026-06-05", "2026-12-24", "2026-12-31"}
	cases := []struct {
		name string
		cfg  CalendarConfig
		want [3]bool // working on 5 Jun, 24 Dec, 31 Dec
	}{
		{"default", DefaultCalendarConfig(), [3]bool{false, false, false}},
		{"all off", CalendarConfig{}, [3]bool{true, true, true}},
		{"only constitution day off", CalendarConfig{ChristmasEve: true, NewYearsEve: true}, [3]bool{true, false, false}},
		{"only christmas eve off", CalendarConfig{ConstitutionDay: true, NewYearsEve: true}, [3]bool{false, true, false}},
		{"only new year's eve off", CalendarConfig{ConstitutionDay: true, ChristmasEve: true}, [3]bool{false, false, true}},
	}
	for _, tc := range cases {
		c := NewCalendar(tc.cfg)
		for i, s := range days {
			if got := c.IsWorkingDay(d(s)); got != tc.want[i] {
				t.Errorf("%s: IsWorkingDay(%s) = %t, want %t", tc.name, s, got, tc.want[i])
			}
		}
		for _, s := range []string{"2026-12-25", "2027-01-01", "2026-04-03"} {
			if c.IsWorkingDay(d(s)) {
				t.Errorf("%s: IsWorkingDay(%s) = true, official holidays are not switchable", tc.name, s)
			}
		}
	}
	if cfg := DefaultCalendarConfig(); !cfg.ConstitutionDay || !cfg.ChristmasEve || !cfg.NewYearsEve || len(cfg.Closures) != 0 {
		t.Errorf("DefaultCalendarConfig() = %+v, want all three closure days on and no extra closures", cfg)
	}
}

func TestCalendarClosures(t *testing.T) {
	cfg := DefaultCalendarConfig()
	cfg.Closures = []Date{
		d("2026-11-27"), // Fri
		d("2026-07-15"), // Wed
		d("2026-11-28"), // Sat: no effect beyond the weekend
		d("2026-12-25"), // already a holiday
		d("2300-07-16"), // Mon, outside the precomputed years
		d("1899-07-17"), // Mon, outside the precomputed years
	}
	c := NewCalendar(cfg)
	def := DefaultCalendar()
	rows := []struct {
		date       string
		wd         time.Weekday
		withCfg    bool
		defWorking bool
	}{
		{"2026-11-27", fri, false, true},
		{"2026-11-26", thu, true, true},
		{"2026-11-30", mon, true, true},
		{"2026-07-15", wed, false, true},
		{"2026-07-14", tue, true, true},
		{"2026-07-16", thu, true, true},
		{"2026-11-28", sat, false, false},
		{"2026-12-25", fri, false, false},
		{"2300-07-16", mon, false, true},
		{"2300-07-17", tue, true, true},
		{"1899-07-17", mon, false, true},
		{"2027-11-26", fri, true, true}, // a closure is one date, not every year
	}
	for _, r := range rows {
		checkWeekday(t, r.date, r.wd)
		if got := c.IsWorkingDay(d(r.date)); got != r.withCfg {
			t.Errorf("with closures: IsWorkingDay(%s) = %t, want %t", r.date, got, r.withCfg)
		}
		if got := def.IsWorkingDay(d(r.date)); got != r.defWorking {
			t.Errorf("default: IsWorkingDay(%s) = %t, want %t", r.date, got, r.defWorking)
		}
	}
	if c.HolidayName(d("2026-11-27")) == "" {
		t.Error("HolidayName of a closure date is empty")
	}
	// WD and NEXTWD step over closure days.
	if got := c.WorkdaysFrom(d("2026-11-26"), 1); got != d("2026-11-30") {
		t.Errorf("WD(2026-11-26, 1) with closure 27 Nov = %s, want 2026-11-30", got)
	}
	if got := c.NextWorkingDay(d("2026-11-27")); got != d("2026-11-30") {
		t.Errorf("NEXTWD(2026-11-27) with closure = %s, want 2026-11-30", got)
	}
	if got := c.WorkdaysBetween(d("2026-11-23"), d("2026-11-30")); got != 4 {
		t.Errorf("WorkdaysBetween(2026-11-23, 2026-11-30) with closure = %d, want 4", got)
	}
	if got := c.WorkdaysFrom(d("2300-07-13"), 1); got != d("2300-07-17") {
		t.Errorf("WD(Fri 2300-07-13, 1) with closure 16 Jul 2300 = %s, want 2300-07-17", got)
	}
	// A closure must not leak into a calendar built without it.
	if !def.IsWorkingDay(d("2026-11-27")) {
		t.Error("default calendar closed on 2026-11-27")
	}
}

func TestCalendarWeekends(t *testing.T) {
	c := DefaultCalendar()
	off := NewCalendar(CalendarConfig{})
	rows := []dayRow{
		{"2026-11-21", sat, false, "Saturday"},
		{"2026-11-22", sun, false, "Sunday"},
		{"2026-11-20", fri, true, "Friday"},
		{"2026-11-23", mon, true, "Monday"},
		{"2026-02-28", sat, false, "Saturday"},
		{"2026-03-01", sun, false, "Sunday"},
		{"2028-02-29", tue, true, "leap day"},
		{"2027-01-02", sat, false, "Saturday"},
		{"2027-01-03", sun, false, "Sunday"},
		{"2027-01-04", mon, true, "Monday"},
		{"1900-01-06", sat, false, "Saturday, first precomputed year"},
		{"1899-12-30", sat, false, "Saturday before precomputed years"},
		{"1899-12-29", fri, true, "Friday before precomputed years"},
		{"2200-12-27", sat, false, "Saturday, last precomputed year"},
		{"2201-01-03", sat, false, "Saturday after precomputed years"},
		{"2201-01-02", fri, true, "Friday after precomputed years"},
		{"2300-12-29", sat, false, "Saturday in 2300"},
	}
	checkDays(t, c, rows)
	checkDays(t, off, rows)
	// Every Saturday and Sunday over several years is closed, whatever the config.
	for x := d("2022-12-31"); x <= d("2029-01-01"); x++ {
		wd := x.Time().Weekday()
		if wd != time.Saturday && wd != time.Sunday {
			continue
		}
		if c.IsWorkingDay(x) || off.IsWorkingDay(x) {
			t.Errorf("%s (%v) is a working day", x, wd)
		}
	}
}

func TestCalendarWorkdaysFrom(t *testing.T) {
	def := DefaultCalendar()
	off := NewCalendar(CalendarConfig{})
	cases := []struct {
		c    *Calendar
		cfg  string
		from string
		fwd  time.Weekday
		n    int
		want string
		wwd  time.Weekday
		why  string
	}{
		// The spec's examples.
		{def, "default", "2026-11-20", fri, 2, "2026-11-24", tue, "spec example: over a weekend"},
		{def, "default", "2026-11-21", sat, 1, "2026-11-23", mon, "spec example: d never counts"},
		{def, "default", "2026-11-22", sun, 1, "2026-11-23", mon, "from a Sunday"},
		{def, "default", "2026-11-23", mon, 1, "2026-11-24", tue, "next day"},
		{def, "default", "2026-11-23", mon, 5, "2026-11-30", mon, "a full week"},
		{def, "default", "2026-11-20", fri, 10, "2026-12-04", fri, "two weeks"},
		// n = 0: d unchanged, whatever day it is.
		{def, "default", "2026-11-22", sun, 0, "2026-11-22", sun, "WD(Sunday, 0)"},
		{def, "default", "2026-11-21", sat, 0, "2026-11-21", sat, "WD(Saturday, 0)"},
		{def, "default", "2026-12-25", fri, 0, "2026-12-25", fri, "WD(Christmas Day, 0)"},
		{def, "default", "2026-11-24", tue, 0, "2026-11-24", tue, "WD(working day, 0)"},
		// Across Easter 2026 (2 Apr Thu .. 6 Apr Mon closed).
		{def, "default", "2026-04-01", wed, 1, "2026-04-07", tue, "over Easter"},
		{def, "default", "2026-04-01", wed, 2, "2026-04-08", wed, "over Easter"},
		{def, "default", "2026-03-31", tue, 2, "2026-04-07", tue, "over Easter"},
		{def, "default", "2026-04-02", thu, 1, "2026-04-07", tue, "from Maundy Thursday"},
		{def, "default", "2026-04-03", fri, 1, "2026-04-07", tue, "from Good Friday"},
		{def, "default", "2026-04-06", mon, 1, "2026-04-07", tue, "from Easter Monday"},
		{def, "default", "2026-03-27", fri, 4, "2026-04-07", tue, "a week over Easter"},
		{def, "default", "2026-03-27", fri, 5, "2026-04-08", wed, "a week over Easter"},
		// Across Easter 2027 (25 Mar Thu .. 29 Mar Mon) and a month end.
		{def, "default", "2027-03-24", wed, 1, "2027-03-30", tue, "over Easter 2027"},
		{def, "default", "2027-03-24", wed, 3, "2027-04-01", thu, "over Easter 2027 and month end"},
		// Across Christmas / New Year 2026-27: 23 Dec Wed working; 24 Thu .. 27 Sun
		// closed; 28-30 working; 31 Thu, 1 Jan Fri, 2-3 weekend closed.
		{def, "default", "2026-12-22", tue, 1, "2026-12-23", wed, "before Christmas"},
		{def, "default", "2026-12-22", tue, 2, "2026-12-28", mon, "over Christmas"},
		{def, "default", "2026-12-22", tue, 5, "2027-01-04", mon, "over Christmas and New Year"},
		{def, "default", "2026-12-23", wed, 4, "2027-01-04", mon, "over Christmas and New Year"},
		{def, "default", "2026-12-23", wed, 1, "2026-12-28", mon, "over Christmas"},
		{def, "default", "2026-12-24", thu, 1, "2026-12-28", mon, "from Christmas Eve"},
		{def, "default", "2026-12-30", wed, 1, "2027-01-04", mon, "over New Year"},
		{def, "default", "2026-12-31", thu, 1, "2027-01-04", mon, "from New Year's Eve"},
		{def, "default", "2027-12-23", thu, 1, "2027-12-27", mon, "over Christmas 2027"},
		{def, "default", "2027-12-30", thu, 1, "2028-01-03", mon, "over New Year 2027-28"},
		// Same, with the office closure days switched off.
		{off, "switches off", "2026-12-23", wed, 1, "2026-12-24", thu, "24 Dec open"},
		{off, "switches off", "2026-12-23", wed, 2, "2026-12-28", mon, "25/26 Dec still closed"},
		{off, "switches off", "2026-12-30", wed, 1, "2026-12-31", thu, "31 Dec open"},
		{off, "switches off", "2026-12-30", wed, 2, "2027-01-04", mon, "1 Jan still closed"},
		{off, "switches off", "2026-06-04", thu, 1, "2026-06-05", fri, "5 June open"},
		{def, "default", "2026-06-04", thu, 1, "2026-06-08", mon, "over Constitution Day"},
		// Across Ascension (14 May 2026 Thu) and Whit Monday (25 May 2026).
		{def, "default", "2026-05-13", wed, 1, "2026-05-15", fri, "over Ascension"},
		{def, "default", "2026-05-12", tue, 2, "2026-05-15", fri, "over Ascension"},
		{def, "default", "2026-05-14", thu, 1, "2026-05-15", fri, "from Ascension"},
		{def, "default", "2026-05-22", fri, 1, "2026-05-26", tue, "over Whitsun"},
		{def, "default", "2026-05-13", wed, 8, "2026-05-27", wed, "over Ascension and Whit Monday"},
		{def, "default", "2025-06-04", wed, 1, "2025-06-06", fri, "over Constitution Day 2025 (Thu)"},
		{def, "default", "2025-06-04", wed, 2, "2025-06-10", tue, "over Constitution Day and Whit Monday 2025"},
		{def, "default", "2025-06-05", thu, 2, "2025-06-10", tue, "over Whitsun 2025"},
		{def, "default", "2028-06-02", fri, 1, "2028-06-06", tue, "over Whit Monday = Constitution Day 2028"},
		// Across Great Prayer Day 2023 and its abolished successor.
		{def, "default", "2023-05-04", thu, 1, "2023-05-08", mon, "over Great Prayer Day 2023"},
		{def, "default", "2024-04-25", thu, 1, "2024-04-26", fri, "no Great Prayer Day in 2024"},
		// Across month ends.
		{def, "default", "2026-01-30", fri, 1, "2026-02-02", mon, "month end"},
		{def, "default", "2026-02-27", fri, 1, "2026-03-02", mon, "February end"},
		{def, "default", "2026-04-30", thu, 1, "2026-05-01", fri, "April end; 1 May is a working day"},
		{def, "default", "2026-04-30", thu, 2, "2026-05-04", mon, "April end"},
		{def, "default", "2026-09-30", wed, 2, "2026-10-02", fri, "September end"},
		{def, "default", "2028-02-28", mon, 1, "2028-02-29", tue, "leap day"},
		{def, "default", "2028-02-28", mon, 2, "2028-03-01", wed, "over leap day"},
		{def, "default", "2027-02-26", fri, 1, "2027-03-01", mon, "February end 2027"},
		// Outside the precomputed years: Christmas 2300 (24 Dec Mon, 25 Tue, 26 Wed).
		{def, "default", "2300-12-21", fri, 1, "2300-12-27", thu, "Christmas 2300"},
		{off, "switches off", "2300-12-21", fri, 1, "2300-12-24", mon, "Christmas 2300, 24 Dec open"},
	}
	for _, tc := range cases {
		checkWeekday(t, tc.from, tc.fwd)
		checkWeekday(t, tc.want, tc.wwd)
		got := tc.c.WorkdaysFrom(d(tc.from), tc.n)
		if got != d(tc.want) {
			t.Errorf("%s: WD(%s %s, %d) = %s %s, want %s %s (%s)", tc.cfg,
				tc.fwd.String()[:3], tc.from, tc.n, got.Time().Weekday().String()[:3], got,
				tc.wwd.String()[:3], tc.want, tc.why)
		}
		if tc.n > 0 && !tc.c.IsWorkingDay(got) {
			t.Errorf("%s: WD(%s, %d) = %s is not a working day", tc.cfg, tc.from, tc.n, got)
		}
	}
}

func TestCalendarWorkdaysFromNegative(t *testing.T) {
	// Not in the spec, but documented on the method: a negative n counts back.
	c := DefaultCalendar()
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2026-04-07", -1, "2026-04-01"},
		{"2026-11-23", -1, "2026-11-20"},
		{"2027-01-04", -2, "2026-12-29"},
		{"2026-11-24", -2, "2026-11-20"},
	}
	for _, tc := range cases {
		if got := c.WorkdaysFrom(d(tc.from), tc.n); got != d(tc.want) {
			t.Errorf("WD(%s, %d) = %s, want %s", tc.from, tc.n, got, tc.want)
		}
	}
}

func TestCalendarMonthsThenNextWD(t *testing.T) {
	c := DefaultCalendar()
	cases := []struct {
		from   string
		n      int
		months string // MONTHS(from, n)
		mwd    time.Weekday
		due    string // NEXTWD(MONTHS(from, n))
	}{
		{"2027-01-31", 1, "2027-02-28", sun, "2027-03-01"}, // spec example; 28 Feb 2027 is a Sunday
		{"2028-01-31", 1, "2028-02-29", tue, "2028-02-29"}, // spec example; leap year
		{"2026-11-24", 1, "2026-12-24", thu, "2026-12-28"}, // lands on Christmas Eve
		{"2026-06-30", 6, "2026-12-30", wed, "2026-12-30"},
		{"2026-07-31", 5, "2026-12-31", thu, "2027-01-04"}, // New Year's Eve -> Mon 4 Jan
		{"2026-03-02", 1, "2026-04-02", thu, "2026-04-07"}, // Maundy Thursday
		{"2025-11-14", 6, "2026-05-14", thu, "2026-05-15"}, // Ascension
		{"2026-03-31", 1, "2026-04-30", thu, "2026-04-30"}, // 30-day month clamp
		{"2026-08-31", 6, "2027-02-28", sun, "2027-03-01"},
		{"2026-10-05", 8, "2027-06-05", sat, "2027-06-07"},
	}
	for _, tc := range cases {
		checkWeekday(t, tc.months, tc.mwd)
		m := d(tc.from).AddMonths(tc.n)
		if m != d(tc.months) {
			t.Errorf("MONTHS(%s, %d) = %s, want %s", tc.from, tc.n, m, tc.months)
		}
		if got := c.NextWorkingDay(d(tc.months)); got != d(tc.due) {
			t.Errorf("NEXTWD(MONTHS(%s, %d) = %s) = %s, want %s", tc.from, tc.n, tc.months, got, tc.due)
		}
	}
}

func TestCalendarNextWorkingDay(t *testing.T) {
	def := DefaultCalendar()
	off := NewCalendar(CalendarConfig{})
	cases := []struct {
		c    *Calendar
		cfg  string
		from string
		fwd  time.Weekday
		want string
	}{
		{def, "default", "2026-11-24", tue, "2026-11-24"}, // a working day stays
		{def, "default", "2026-11-20", fri, "2026-11-20"},
		{def, "default", "2026-11-21", sat, "2026-11-23"},
		{def, "default", "2026-11-22", sun, "2026-11-23"},
		{def, "default", "2026-12-24", thu, "2026-12-28"},
		{def, "default", "2026-12-25", fri, "2026-12-28"},
		{def, "default", "2026-12-31", thu, "2027-01-04"},
		{def, "default", "2027-01-01", fri, "2027-01-04"},
		{def, "default", "2026-04-02", thu, "2026-04-07"}, // Maundy Thursday
		{def, "default", "2026-04-03", fri, "2026-04-07"},
		{def, "default", "2026-04-05", sun, "2026-04-07"},
		{def, "default", "2026-05-14", thu, "2026-05-15"}, // Ascension
		{def, "default", "2026-05-23", sat, "2026-05-26"}, // Whitsun weekend + Whit Monday
		{def, "default", "2026-06-05", fri, "2026-06-08"},
		{def, "default", "2023-05-05", fri, "2023-05-08"}, // Great Prayer Day 2023
		{def, "default", "2024-04-26", fri, "2024-04-26"}, // abolished
		{def, "default", "2028-06-03", sat, "2028-06-06"}, // weekend + Whit Monday/Constitution Day
		{def, "default", "2300-12-24", mon, "2300-12-27"}, // outside precomputed years
		{off, "switches off", "2026-12-24", thu, "2026-12-24"},
		{off, "switches off", "2026-12-31", thu, "2026-12-31"},
		{off, "switches off", "2026-06-05", fri, "2026-06-05"},
		{off, "switches off", "2026-12-25", fri, "2026-12-28"},
		{off, "switches off", "2300-12-24", mon, "2300-12-24"},
	}
	for _, tc := range cases {
		checkWeekday(t, tc.from, tc.fwd)
		if got := tc.c.NextWorkingDay(d(tc.from)); got != d(tc.want) {
			t.Errorf("%s: NEXTWD(%s %s) = %s, want %s", tc.cfg, tc.fwd.String()[:3], tc.from, got, tc.want)
		}
	}
}

func TestCalendarWorkdaysBetween(t *testing.T) {
	c := DefaultCalendar()
	cases := []struct {
		from, to string
		want     int
	}{
		{"2026-11-24", "2026-11-24", 0},
		{"2026-11-22", "2026-11-22", 0}, // Sunday
		{"2026-12-25", "2026-12-25", 0}, // holiday
		{"2026-11-24", "2026-11-25", 1},
		{"2026-11-20", "2026-11-24", 2},
		{"2026-11-20", "2026-11-23", 1},
		{"2026-11-20", "2026-11-22", 0}, // Sat, Sun
		{"2026-11-24", "2026-11-20", -2},
		{"2026-11-25", "2026-11-24", -1},
		{"2026-04-01", "2026-04-07", 1}, // over Easter
		{"2026-04-07", "2026-04-01", -1},
		{"2026-03-31", "2026-04-08", 3}, // 1, 7, 8 Apr
		{"2026-12-22", "2027-01-04", 5}, // 23, 28, 29, 30 Dec, 4 Jan
		{"2027-01-04", "2026-12-22", -5},
		{"2026-05-13", "2026-05-27", 8}, // over Ascension and Whit Monday
		{"2026-01-01", "2026-12-31", 251},
	}
	for _, tc := range cases {
		if got := c.WorkdaysBetween(d(tc.from), d(tc.to)); got != tc.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tc.from, tc.to, got, tc.want)
		}
	}
	// WorkdaysBetween(d, WD(d, n)) = n, for every start day over two years.
	for x := d("2026-01-01"); x <= d("2027-12-31"); x++ {
		for _, n := range []int{1, 2, 5, 14} {
			if got := c.WorkdaysBetween(x, c.WorkdaysFrom(x, n)); got != n {
				t.Fatalf("WorkdaysBetween(%s, WD(%s, %d)) = %d", x, x, n, got)
			}
		}
	}
}

func TestCalendarOutsidePrecomputedYears(t *testing.T) {
	def := DefaultCalendar()
	off := NewCalendar(CalendarConfig{})
	// Year 2300: Easter 8 April; 24 Dec Mon, 25 Tue, 26 Wed, 31 Mon; 1 Jan 2301 Tue.
	rows := []struct {
		date       string
		wd         time.Weekday
		defWorking bool
		offWorking bool
		what       string
	}{
		{"2300-12-21", fri, true, true, "ordinary Friday"},
		{"2300-12-24", mon, false, true, "Christmas Eve"},
		{"2300-12-25", tue, false, false, "Christmas Day"},
		{"2300-12-26", wed, false, false, "Boxing Day"},
		{"2300-12-27", thu, true, true, "27 Dec"},
		{"2300-12-31", mon, false, true, "New Year's Eve"},
		{"2301-01-01", tue, false, false, "New Year's Day"},
		{"2301-01-02", wed, true, true, "2 Jan"},
		{"2300-06-05", tue, false, true, "Constitution Day"},
		{"2300-04-04", wed, true, true, "day before Maundy Thursday"},
		{"2300-04-05", thu, false, false, "Maundy Thursday"},
		{"2300-04-06", fri, false, false, "Good Friday"},
		{"2300-04-08", sun, false, false, "Easter Sunday"},
		{"2300-04-09", mon, false, false, "Easter Monday"},
		{"2300-04-10", tue, true, true, "day after Easter Monday"},
		{"2300-05-04", fri, true, true, "former Great Prayer Day"},
		{"2300-05-17", thu, false, false, "Ascension Day"},
		{"2300-05-28", mon, false, false, "Whit Monday"},
		{"1899-12-25", mon, false, false, "Christmas Day 1899"},
		{"1899-12-26", tue, false, false, "Boxing Day 1899"},
		{"1899-12-29", fri, true, true, "29 Dec 1899"},
		{"1899-03-31", fri, false, false, "Good Friday 1899"},
		{"2201-12-25", fri, false, false, "Christmas Day 2201"},
		{"2201-12-24", thu, false, true, "Christmas Eve 2201"},
	}
	if refEaster(2300) != d("2300-04-08") {
		t.Fatalf("bad row: Easter 2300 is %s", refEaster(2300))
	}
	for _, r := range rows {
		checkWeekday(t, r.date, r.wd)
		if got := def.IsWorkingDay(d(r.date)); got != r.defWorking {
			t.Errorf("default: IsWorkingDay(%s %s, %s) = %t, want %t", r.wd.String()[:3], r.date, r.what, got, r.defWorking)
		}
		if got := off.IsWorkingDay(d(r.date)); got != r.offWorking {
			t.Errorf("switches off: IsWorkingDay(%s %s, %s) = %t, want %t", r.wd.String()[:3], r.date, r.what, got, r.offWorking)
		}
	}
	// The Gregorian calendar repeats every 400 years (146097 days, a whole
	// number of weeks), so fixed-date days of 2300 behave as in 1900, which
	// is precomputed.
	for _, s := range []string{"1900-12-24", "1900-12-25", "1900-12-26", "1900-12-31", "1900-06-05", "1900-12-27"} {
		x := d(s)
		y := x + 146097
		if x.Time().Weekday() != y.Time().Weekday() {
			t.Fatalf("%s and %s differ in weekday", x, y)
		}
		if def.IsWorkingDay(x) != def.IsWorkingDay(y) {
			t.Errorf("IsWorkingDay(%s) = %t but IsWorkingDay(%s) = %t", x, def.IsWorkingDay(x), y, def.IsWorkingDay(y))
		}
	}
}

func TestCalendarMatchesReference(t *testing.T) {
	// Every day in ranges inside and outside the precomputed years, for
	// several configurations, against refWorking, written from the spec.
	cfgs := map[string]CalendarConfig{
		"default": DefaultCalendarConfig(),
		"all off": {},
		"mixed":   {ConstitutionDay: true, Closures: []Date{d("2026-08-14"), d("2199-03-03"), d("2250-03-03")}},
	}
	ranges := [][2]string{
		{"1895-01-01", "1905-12-31"},
		{"2018-01-01", "2035-12-31"},
		{"2195-01-01", "2205-12-31"},
		{"2298-01-01", "2302-12-31"},
	}
	for name, cfg := range cfgs {
		c := NewCalendar(cfg)
		bad := 0
		for _, r := range ranges {
			for x := d(r[0]); x <= d(r[1]); x++ {
				if got, want := c.IsWorkingDay(x), refWorking(cfg, x); got != want {
					bad++
					if bad <= 20 {
						t.Errorf("%s: IsWorkingDay(%s %s) = %t, want %t", name, x.Time().Weekday().String()[:3], x, got, want)
					}
				}
			}
		}
		if bad > 20 {
			t.Errorf("%s: %d disagreements in all", name, bad)
		}
	}
}
