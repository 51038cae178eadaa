package model

import (
	"testing"
	"time"
)

// The explanation counts with the same calendar as the due date: over
// every start day of several years and every count the rules use, the
// two agree.
func TestExplainAgreesWithDue(t *testing.T) {
	cfg := DefaultCalendarConfig()
	cfg.Closures = []Date{d("2026-12-28")}
	for _, cal := range []*Calendar{DefaultCalendar(), NewCalendar(cfg)} {
		for from := d("2022-12-01"); from <= d("2028-01-31"); from++ {
			for _, b := range []Basis{{From: from, Workdays: 2}, {From: from, Workdays: 5}, {From: from, Workdays: 14},
				{From: from, Months: 1}, {From: from, Months: 6}, SetDate(from)} {
				x := b.Explain(cal)
				if x.Due != b.Due(cal) {
					t.Fatalf("%+v: explained %v, counted %v", b, x.Due, b.Due(cal))
				}
				if b.Workdays > 0 && (len(x.Counted) != b.Workdays || int(x.Due-from) != len(x.Counted)+len(x.Skipped)) {
					t.Fatalf("%+v: %d counted, %d skipped, %d days", b, len(x.Counted), len(x.Skipped), x.Due-from)
				}
			}
		}
	}
}

func TestExplainChristmas(t *testing.T) {
	// Assigned Wed 23 Dec 2026: 24 Dec closed, 25–26 Dec holidays, 27 Dec
	// Sunday; Mon 28 is 1, Tue 29 is 2.
	x := Basis{From: d("2026-12-23"), FromEvent: Assigned, Workdays: 2}.Explain(DefaultCalendar())
	want := []DayOff{{d("2026-12-24"), OfficeClosed, "Christmas Eve"}, {d("2026-12-25"), Holiday, "Christmas Day"},
		{d("2026-12-26"), Holiday, "2nd Day of Christmas"}, {d("2026-12-27"), Sunday, ""}}
	if len(x.Skipped) != len(want) {
		t.Fatalf("skipped %+v", x.Skipped)
	}
	for i, w := range want {
		if x.Skipped[i] != w {
			t.Errorf("skipped[%d] = %+v, want %+v", i, x.Skipped[i], w)
		}
	}
	if len(x.Counted) != 2 || x.Counted[0] != d("2026-12-28") || x.Due != d("2026-12-29") {
		t.Errorf("counted %v, due %v", x.Counted, x.Due)
	}
}

func TestExplainEaster(t *testing.T) {
	// A coordinating meeting with external parties: 14 working days after a
	// first meeting on Mon 22 Mar 2027, across Easter.
	x := Basis{From: d("2027-03-22"), FromEvent: FirstMeeting, Workdays: 14, Scope: "external"}.Explain(DefaultCalendar())
	var names []string
	for _, s := range x.Skipped {
		if s.Kind == Holiday {
			names = append(names, s.Name)
		}
	}
	if len(names) != 4 || names[0] != "Maundy Thursday" || names[3] != "Easter Monday" {
		t.Errorf("holidays skipped: %v", names)
	}
	if x.Due != d("2027-04-14") || x.Due.Weekday() != time.Wednesday {
		t.Errorf("due %v (%v), want Wed 2027-04-14", x.Due, x.Due.Weekday())
	}
}

func TestExplainMonths(t *testing.T) {
	cal := DefaultCalendar()
	// Closed Mon 31 Aug 2026: six months on is 28 Feb 2027 (the month is
	// shorter), a Sunday: moved to Mon 1 Mar.
	x := Basis{From: d("2026-08-31"), FromEvent: Closed, Months: 6}.Explain(cal)
	if x.MonthDate != d("2027-02-28") || !x.Clamped || len(x.Skipped) != 1 || x.Skipped[0].Kind != Sunday || x.Due != d("2027-03-01") {
		t.Errorf("%+v", x)
	}
	// A first meeting on Wed 25 Nov 2026: 25 Dec is Christmas Day, 26 Dec
	// Boxing Day and a Saturday, 27 a Sunday: due Mon 28 Dec.
	x = Basis{From: d("2026-11-25"), FromEvent: FirstMeeting, Months: 1}.Explain(cal)
	if x.MonthDate != d("2026-12-25") || x.Clamped || len(x.Skipped) != 3 || x.Due != d("2026-12-28") {
		t.Errorf("%+v", x)
	}
	// A municipality's own closure day is named as one.
	cfg := DefaultCalendarConfig()
	cfg.Closures = []Date{d("2026-12-28")}
	x = Basis{From: d("2026-11-25"), FromEvent: FirstMeeting, Months: 1}.Explain(NewCalendar(cfg))
	if last := x.Skipped[len(x.Skipped)-1]; last.Kind != Closure || x.Due != d("2026-12-29") {
		t.Errorf("%+v", x)
	}
}

// Every day the calendar can name has words in both languages.
func TestHolidayText(t *testing.T) {
	cal := DefaultCalendar()
	seen := map[string]bool{}
	for day := d("2020-01-01"); day <= d("2030-12-31"); day++ {
		if n := cal.HolidayName(day); n != "" {
			seen[n] = true
			if tx, ok := HolidayText[n]; !ok || tx.Da == "" || tx.En == "" {
				t.Errorf("no words for %q", n)
			}
		}
	}
	if len(seen) != len(HolidayText) {
		t.Errorf("%d holidays named, %d with words", len(seen), len(HolidayText))
	}
}
