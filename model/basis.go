package model

import "time"

// Basis is how a due date is counted: from which date (and the event that
// gave it), by which of DEADLINES.md's helpers. The rules build a Basis;
// the due date and its explanation both come from it, so the desk can say
// why a deadline falls where it does without a second copy of the rules.
type Basis struct {
	From      Date      // the date counted from
	FromEvent EventType // the event that gave From; "" when the date was set by the user
	Workdays  int       // WD(From, Workdays), when > 0
	Months    int       // NEXTWD(MONTHS(From, Months)), when > 0
	Scope     string    // coordinating_meeting: "internal" or "external", which chose Workdays
}

// SetDate is the basis of a date the user set (a goal's follow-up, a
// task's due date): kept exactly as set.
func SetDate(d Date) Basis { return Basis{From: d} }

// Due computes the due date.
func (b Basis) Due(cal *Calendar) Date {
	switch {
	case b.Workdays > 0:
		return cal.WorkdaysFrom(b.From, b.Workdays)
	case b.Months > 0:
		return cal.NextWorkingDay(b.From.AddMonths(b.Months))
	}
	return b.From
}

// DayOffKind says why a day is not a working day.
type DayOffKind int

const (
	WorkingDay DayOffKind = iota
	Saturday
	Sunday
	Holiday      // an official public holiday
	OfficeClosed // a closure day of public offices: Constitution Day, Christmas Eve, New Year's Eve
	Closure      // a closure day the municipality added
)

// DayOff is one day a count passed over, and why.
type DayOff struct {
	Date Date
	Kind DayOffKind
	Name string // the day's name (see Calendar.HolidayName), for Holiday and OfficeClosed
}

// Explanation is a due date's count, day by day.
type Explanation struct {
	Basis Basis
	// Workdays: the working days counted, the first to the last (the due
	// date), and every day passed over on the way.
	Counted []Date
	Skipped []DayOff
	// Months: the same day n months on (Clamped: the month was shorter,
	// so its last day), and the non-working days moved past from there.
	MonthDate Date
	Clamped   bool
	Due       Date
}

// Explain counts the due date again, day by day, with the same calendar.
func (b Basis) Explain(cal *Calendar) Explanation {
	x := Explanation{Basis: b}
	switch {
	case b.Workdays > 0:
		for d := b.From + 1; len(x.Counted) < b.Workdays; d++ {
			if cal.IsWorkingDay(d) {
				x.Counted = append(x.Counted, d)
			} else {
				x.Skipped = append(x.Skipped, cal.DayOff(d))
			}
		}
		x.Due = x.Counted[len(x.Counted)-1]
	case b.Months > 0:
		x.MonthDate = b.From.AddMonths(b.Months)
		_, _, fromDay := b.From.YMD()
		_, _, toDay := x.MonthDate.YMD()
		x.Clamped = toDay != fromDay
		d := x.MonthDate
		for ; !cal.IsWorkingDay(d); d++ {
			x.Skipped = append(x.Skipped, cal.DayOff(d))
		}
		x.Due = d
	default:
		x.Due = b.From
	}
	return x
}

// DayOff says why d is not a working day (Kind WorkingDay when it is).
// A holiday on a weekend is named as the holiday.
func (c *Calendar) DayOff(d Date) DayOff {
	if c.IsWorkingDay(d) {
		return DayOff{Date: d}
	}
	if name := c.HolidayName(d); name != "" && name != closureDayName {
		kind := Holiday
		if name == constitutionDay.Name || name == christmasEve.Name || name == newYearsEve.Name {
			kind = OfficeClosed
		}
		return DayOff{Date: d, Kind: kind, Name: name}
	}
	switch d.Weekday() {
	case time.Saturday:
		return DayOff{Date: d, Kind: Saturday}
	case time.Sunday:
		return DayOff{Date: d, Kind: Sunday}
	}
	return DayOff{Date: d, Kind: Closure}
}
