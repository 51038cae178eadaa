package model

import (
	"fmt"
	"time"
)

// Date is a local calendar date in Denmark, counted in days so that
// 0001-01-01 is day 1. Deadlines are about days, never instants, so a plain
// day number keeps arithmetic exact and comparisons cheap. The zero value
// is NoDate, which lets optional dates use omitempty.
type Date int32

// NoDate marks an absent date (a case with no next deadline).
const NoDate Date = 0

// unixDay1 is the Date of 1970-01-01.
const unixDay1 = 719163

const dateLayout = "2006-01-02"

// MakeDate builds a Date from year, month and day; out-of-range values
// are normalised the way time.Date does.
func MakeDate(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400 + unixDay1)
}

// DateOf takes the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return MakeDate(y, m, d)
}

// ParseDate reads a date written YYYY-MM-DD and rejects impossible ones
// such as 2026-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil || len(s) != len(dateLayout) {
		if hasDateShape(s) {
			return NoDate, fmt.Errorf("%q is not a real date", s)
		}
		return NoDate, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	if t.Year() < 1 { // year 0 does not exist, and its last day would be NoDate
		return NoDate, fmt.Errorf("%q: there is no year 0", s)
	}
	return DateOf(t), nil
}

// hasDateShape: four digits, dash, two digits, dash, two digits.
func hasDateShape(s string) bool {
	if len(s) != len(dateLayout) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (i == 4 || i == 7) != (s[i] == '-') || (s[i] != '-' && (s[i] < '0' || s[i] > '9')) {
			return false
		}
	}
	return true
}

// Time gives midnight UTC of the date, for the standard library's calendar functions.
func (d Date) Time() time.Time { return time.Unix((int64(d)-unixDay1)*86400, 0).UTC() }

// IsZero reports whether d is NoDate.
func (d Date) IsZero() bool { return d == NoDate }

func (d Date) String() string {
	if d == NoDate {
		return ""
	}
	return d.Time().Format(dateLayout)
}

// YMD splits the date into its year, month and day.
func (d Date) YMD() (int, time.Month, int) { return d.Time().Date() }

// Weekday of the date.
func (d Date) Weekday() time.Weekday { return time.Weekday(d % 7) } // day 1, 0001-01-01, was a Monday

// AddDays is DAYS(d, n) of DEADLINES.md.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddMonths is MONTHS(d, n): the same day of the month n months later,
// clamped to the last day of a shorter month. time.AddDate would roll
// 31 Jan + 1 month over into March, which is wrong for deadlines.
func (d Date) AddMonths(n int) Date {
	y, m, day := d.YMD()
	total := int(m) - 1 + n
	y += floorDiv(total, 12)
	m = time.Month(total - floorDiv(total, 12)*12 + 1)
	if last := daysIn(y, m); day > last {
		day = last
	}
	return MakeDate(y, m, day)
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// MarshalText writes YYYY-MM-DD (used by JSON).
func (d Date) MarshalText() ([]byte, error) {
	if d == NoDate {
		return nil, fmt.Errorf("no date")
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads YYYY-MM-DD (used by JSON).
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
