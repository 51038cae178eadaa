package model

import (
	"testing"
	"time"
)

func d(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestDateRoundTrip(t *testing.T) {
	for _, s := range []string{"1970-01-01", "2000-02-29", "2026-11-25", "1899-12-31", "2100-03-01"} {
		v := d(s)
		if v.String() != s {
			t.Errorf("%s -> %s", s, v)
		}
		want, _ := time.Parse("2006-01-02", s)
		if v.Weekday() != want.Weekday() {
			t.Errorf("%s weekday %v, want %v", s, v.Weekday(), want.Weekday())
		}
	}
	if NoDate.String() != "" || !NoDate.IsZero() {
		t.Error("NoDate should print empty")
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, s := range []string{"", "2026-02-30", "2026-13-01", "2026-1-5", "26-01-05", "2026-01-05x", "2026/01/05", "2026-00-10"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted an impossible date", s)
		}
	}
}

func TestAddMonthsClamps(t *testing.T) {
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2027-01-31", 1, "2027-02-28"},
		{"2028-01-31", 1, "2028-02-29"},
		{"2026-08-31", 1, "2026-09-30"},
		{"2026-10-31", 6, "2027-04-30"},
		{"2026-12-15", 1, "2027-01-15"},
		{"2026-11-30", 3, "2027-02-28"},
		{"2026-03-31", -1, "2026-02-28"},
		{"2026-01-15", -13, "2024-12-15"},
		{"2026-05-31", 4, "2026-09-30"},
	}
	for _, c := range cases {
		if got := d(c.from).AddMonths(c.n).String(); got != c.want {
			t.Errorf("MONTHS(%s, %d) = %s, want %s", c.from, c.n, got, c.want)
		}
	}
}
