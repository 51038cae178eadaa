package forms

import (
	"errors"
	"strings"
	"testing"

	"tovholder/model"
)

func mustDate(t testing.TB, s string) model.Date {
	t.Helper()
	d, err := model.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestParseDateInput(t *testing.T) {
	cal := model.DefaultCalendar()
	today := mustDate(t, "2026-11-25") // a Wednesday
	for _, tc := range []struct {
		in   string
		want string // a date, or "!code" for an error
	}{
		// The examples of the design.
		{"+2", "2026-11-27"},
		{"+3", "2026-11-30"}, // over the weekend
		{"i dag", "2026-11-25"},
		{"3/12", "2026-12-03"},
		{"31/2", "!date_impossible"},
		{"2026-02-30", "!date_impossible"},
		{"", "!date_format"},

		// ISO.
		{"2026-12-03", "2026-12-03"},
		{"2026-1-5", "2026-01-05"},
		{"2028-02-29", "2028-02-29"},
		{"2027-02-29", "!date_impossible"},
		{"2026-13-01", "!date_impossible"},
		{"2026-00-10", "!date_impossible"},
		{"2026-12-00", "!date_impossible"},
		{"2026-12-032", "!date_format"},
		{"26-12-03", "!date_format"},
		{"2026-12", "!date_format"},
		{"2026/12/03", "!date_format"},
		{"1899-12-31", "!date_range"},
		{"1900-01-01", "1900-01-01"},
		{"2199-12-31", "2199-12-31"},
		{"2200-01-01", "!date_range"},
		{"0000-01-01", "!date_range"},

		// Day and month, with and without a year.
		{"03/12", "2026-12-03"},
		{"3.12", "2026-12-03"},
		{"03.12", "2026-12-03"},
		{"3/12/2026", "2026-12-03"},
		{"3.12.2026", "2026-12-03"},
		{"1/1", "2027-01-01"},        // the nearest 1 January: five weeks ahead, not eleven months back
		{"31/12", "2026-12-31"},      // the nearest
		{"29/2", "!date_impossible"}, // 2026 is no leap year
		{"29/2/2028", "2028-02-29"},
		{"31/4", "!date_impossible"},
		{"0/5", "!date_impossible"},
		{"5/0", "!date_impossible"},
		{"5/13", "!date_impossible"},
		{"32/1", "!date_impossible"},
		{"3/12/26", "!date_format"}, // two-digit years are not accepted
		{"3/12/02026", "!date_format"},
		{"3/12-2026", "!date_format"},
		{"3/12.2026", "!date_format"},
		{"3.12/2026", "!date_format"},
		{"3/12/", "!date_format"},
		{"/12", "!date_format"},
		{"3/", "!date_format"},
		{"3", "!date_format"},
		{"003/12", "!date_format"},
		{"3/12/2026/1", "!date_format"},
		{"3/12/1850", "!date_range"},
		{"a/b", "!date_format"},
		{"3 / 12", "!date_format"},

		// Words, any case, any white space.
		{"idag", "2026-11-25"},
		{"today", "2026-11-25"},
		{"  I DAG ", "2026-11-25"},
		{"i\tdag", "2026-11-25"},
		{"i  dag", "2026-11-25"},
		{"Today", "2026-11-25"},
		{"i morgen", "2026-11-26"},
		{"imorgen", "2026-11-26"},
		{"Tomorrow", "2026-11-26"},
		{"i går", "2026-11-24"},
		{"I GÅR", "2026-11-24"},
		{"igår", "2026-11-24"},
		{"i gaar", "2026-11-24"},
		{"yesterday", "2026-11-24"},
		{"i overmorgen", "!date_format"},
		{"dag", "!date_format"},

		// Working days.
		{"+0", "2026-11-25"},
		{"-0", "2026-11-25"},
		{"+1", "2026-11-26"},
		{" + 2 ", "2026-11-27"},
		{"+5", "2026-12-02"},
		{"-1", "2026-11-24"},
		{"-3", "2026-11-20"}, // back over the weekend
		{"+", "!date_format"},
		{"-", "!date_format"},
		{"+-2", "!date_format"},
		{"++2", "!date_format"},
		{"+2d", "!date_format"},
		{"+2.5", "!date_format"},
		{"+999", ""}, // accepted; the value is not checked here
		{"+1000", "!date_range"},
		{"-99999999999999999999", "!date_range"},

		// Nonsense.
		{"   ", "!date_format"},
		{"hello", "!date_format"},
		{"2026-12-03T10:00", "!date_format"},
		{"٣/١٢", "!date_format"}, // Arabic-Indic digits
	} {
		got, err := ParseDateInput(tc.in, today, cal, Nearest)
		switch {
		case tc.want == "":
			if err != nil {
				t.Errorf("ParseDateInput(%q) = %v", tc.in, err)
			}
		case strings.HasPrefix(tc.want, "!"):
			var ie *InputError
			if !errors.As(err, &ie) || ie.Code != tc.want[1:] || ie.Value != tc.in {
				t.Errorf("ParseDateInput(%q) = %v, %v; want InputError %s with the typed value", tc.in, got, err, tc.want[1:])
			} else if got != model.NoDate {
				t.Errorf("ParseDateInput(%q) returned %v with its error", tc.in, got)
			}
		default:
			if err != nil || got != mustDate(t, tc.want) {
				t.Errorf("ParseDateInput(%q) = %v, %v; want %s", tc.in, got, err, tc.want)
			}
		}
	}
}

// A short date lies in the direction the field allows: the past for
// things done, the future for things planned, else the nearest.
func TestParseDateInputDirection(t *testing.T) {
	cal := model.DefaultCalendar()
	for _, tc := range []struct {
		today, in            string
		past, future, nearer string
	}{
		{"2026-01-02", "30/12", "2025-12-30", "2026-12-30", "2025-12-30"},
		{"2026-01-02", "3/1", "2025-01-03", "2026-01-03", "2026-01-03"},
		{"2026-01-02", "2/1", "2026-01-02", "2026-01-02", "2026-01-02"},
		{"2026-01-02", "1.1", "2026-01-01", "2027-01-01", "2026-01-01"},
		{"2026-11-25", "3/12", "2025-12-03", "2026-12-03", "2026-12-03"},
		{"2026-11-25", "25/11", "2026-11-25", "2026-11-25", "2026-11-25"},
		{"2026-11-25", "1/1", "2026-01-01", "2027-01-01", "2027-01-01"},
		{"2026-12-31", "1/1", "2026-01-01", "2027-01-01", "2027-01-01"},
		{"2026-07-01", "1/1", "2026-01-01", "2027-01-01", "2026-01-01"}, // 181 days back, 184 ahead
		{"2028-03-01", "29/2", "2028-02-29", "2029-02-29!", "2028-02-29"},
		{"2026-11-25", "29/2", "!", "2027-02-29!", "!"},
		{"2027-12-31", "29/2", "!", "2028-02-29", "2028-02-29"},
		{"2026-11-25", "3/12/2020", "2020-12-03", "2020-12-03", "2020-12-03"}, // a year typed is kept
		{"2026-11-25", "+2", "2026-11-27", "2026-11-27", "2026-11-27"},
	} {
		today := mustDate(t, tc.today)
		for dir, want := range map[Direction]string{Past: tc.past, Future: tc.future, Nearest: tc.nearer} {
			got, err := ParseDateInput(tc.in, today, cal, dir)
			if strings.HasSuffix(want, "!") {
				if err == nil {
					t.Errorf("today %s, %q dir %d: %v, want no such date", tc.today, tc.in, dir, got)
				}
				continue
			}
			if err != nil || got.String() != want {
				t.Errorf("today %s, %q dir %d: %v %v, want %s", tc.today, tc.in, dir, got, err, want)
			}
		}
	}
}

func TestParseDateInputCalendar(t *testing.T) {
	cal := model.DefaultCalendar()
	for _, tc := range []struct{ today, in, want string }{
		{"2026-12-23", "+1", "2026-12-28"}, // 24 Dec closed, 25–27 holidays and weekend
		{"2026-12-28", "-1", "2026-12-23"},
		{"2026-11-28", "+0", "2026-11-28"}, // a Saturday stays itself
		{"2026-11-28", "+1", "2026-11-30"},
		{"2026-11-28", "i morgen", "2026-11-29"}, // calendar days, not working days
		{"2026-01-02", "30/12", "2025-12-30"},    // the nearest: last year
		{"2026-12-30", "2/1", "2027-01-02"},      // the nearest: next year
		{"2028-03-01", "29/2", "2028-02-29"},
	} {
		got, err := ParseDateInput(tc.in, mustDate(t, tc.today), cal, Nearest)
		if err != nil || got != mustDate(t, tc.want) {
			t.Errorf("today %s: ParseDateInput(%q) = %v, %v; want %s", tc.today, tc.in, got, err, tc.want)
		}
	}

	// The calendar given is the one used; nil means the default one.
	today := mustDate(t, "2026-11-25")
	closed := model.DefaultCalendarConfig()
	closed.Closures = []model.Date{mustDate(t, "2026-11-26")}
	if got, _ := ParseDateInput("+2", today, model.NewCalendar(closed), Nearest); got != mustDate(t, "2026-11-30") {
		t.Errorf("+2 with 26 Nov closed = %v, want 2026-11-30", got)
	}
	if got, _ := ParseDateInput("+2", today, nil, Nearest); got != mustDate(t, "2026-11-27") {
		t.Errorf("+2 with the nil calendar = %v, want 2026-11-27", got)
	}

	// Without a today, only full dates work.
	for _, in := range []string{"i dag", "+1", "3/12", "i går"} {
		if _, err := ParseDateInput(in, model.NoDate, cal, Past); err == nil {
			t.Errorf("ParseDateInput(%q) with no today: no error", in)
		}
	}
	if got, err := ParseDateInput("3/12/2026", model.NoDate, cal, Future); err != nil || got != mustDate(t, "2026-12-03") {
		t.Errorf("3/12/2026 with no today = %v, %v", got, err)
	}
}

func TestParseDateInputErrorText(t *testing.T) {
	today := mustDate(t, "2026-11-25")
	for _, tc := range []struct{ in, want string }{
		{"31/2", `"31/2" is not a real date`},
		{"banana", `"banana" is not a date; write for example`},
		{"1/1/1800", `"1/1/1800" is outside the years 1900–2199`},
	} {
		_, err := ParseDateInput(tc.in, today, nil, Nearest)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ParseDateInput(%q) error = %v, want it to start %s", tc.in, err, tc.want)
		}
	}
}

func FuzzParseDateInput(f *testing.F) {
	for _, s := range []string{"", "+2", "-3", "i dag", "I GÅR", "3/12", "31/2", "3.12.2026",
		"2026-02-30", "2026-12-03", "+999", "-1000", "29/2/2028", "٣/١٢", "\xff/\xfe", "9999-99-99", "+ 7"} {
		f.Add(s, int32(739580))
	}
	cal := model.DefaultCalendar()
	f.Fuzz(func(t *testing.T, s string, day int32) {
		// today within the calendar's precomputed years keeps each run fast.
		today := mustDate(t, "1950-01-01") + model.Date(int64(day)&0x7fff)
		d, err := ParseDateInput(s, today, cal, Direction(len(s)%3))
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Value != s || ie.Error() == "" || d != model.NoDate {
				t.Fatalf("ParseDateInput(%q): bad error %#v, date %v", s, err, d)
			}
			if _, ok := CodeText[ie.Code]; !ok {
				t.Fatalf("ParseDateInput(%q): unknown code %q", s, ie.Code)
			}
			return
		}
		if d == model.NoDate {
			t.Fatalf("ParseDateInput(%q) = NoDate without an error", s)
		}
		// A date accepted as typed reads back as itself.
		if _, err := ParseDateInput(d.String(), today, cal, Past); err != nil {
			y, _, _ := d.YMD()
			if y >= MinYear && y <= MaxYear {
				t.Fatalf("ParseDateInput(%q) = %v, which does not read back: %v", s, d, err)
			}
		}
	})
}
