package forms

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"tovholder/model"
)

// The years ParseDateInput accepts. Wider than any case needs (birth dates
// included), narrow enough to catch a mistyped year like 20226.
const (
	MinYear = 1900
	MaxYear = 2199
)

// MaxWorkdayOffset bounds N in "+N" and "-N" (about four years of working days).
const MaxWorkdayOffset = 999

var relativeDays = map[string]int{
	"i dag": 0, "idag": 0, "today": 0,
	"i morgen": 1, "imorgen": 1, "tomorrow": 1,
	"i går": -1, "igår": -1, "i gaar": -1, "igaar": -1, "yesterday": -1,
}

var defaultCalendar = sync.OnceValue(model.DefaultCalendar)

// ParseDateInput reads a date as a person types it at the desk. White
// space around and inside the value is forgiven, letters may be any case.
// Accepted forms:
//
//	2026-12-03            ISO, YYYY-MM-DD (month and day may have one digit)
//	3/12   3.12           day and month; the year is the nearest in the field's direction (below)
//	3/12/2026  3.12.2026  day, month and a four-digit year
//	i dag, idag, today    today
//	i morgen, imorgen, tomorrow     the calendar day after today
//	i går, igår, i gaar, igaar, yesterday   the calendar day before today
//	+N, -N                N working days after / before today (cal.WorkdaysFrom)
//
// A date without a year is the nearest such date in the direction the
// field allows (dir): for a thing done (Past) the latest on or before
// today, for a thing planned (Future) the earliest on or after today, and
// otherwise (Nearest) the closest either way. So on 2026-01-02, "30/12"
// is 2025-12-30 in a Past field and 2026-12-30 in a Future one. Only the
// years around today are tried: 29/2 far from a leap year is impossible.
//
// "+N"/"-N" count working days by cal (nil means model.DefaultCalendar);
// "+0" is today even when today is not a working day. "i morgen" and
// "i går" are calendar days, not working days.
//
// Errors are *InputError with CodeDateFormat (not a date in any of these
// forms), CodeDateImpossible (31/2, 2026-02-30, 0/5, 5/13) or
// CodeDateRange (year outside MinYear–MaxYear, or N over MaxWorkdayOffset).
// An empty value is CodeDateFormat; check Required first for a kinder message.
// today must be a real date; with NoDate every form that needs it fails.
func ParseDateInput(s string, today model.Date, cal *model.Calendar, dir Direction) (model.Date, error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	fail := func(code string) (model.Date, error) { return model.NoDate, inputError(code, s) }

	if rel, ok := relativeDays[t]; ok {
		if today == model.NoDate {
			return fail(CodeDateFormat)
		}
		return today.AddDays(rel), nil
	}

	if t != "" && (t[0] == '+' || t[0] == '-') {
		digits := strings.TrimSpace(t[1:])
		if !allDigits(digits) {
			return fail(CodeDateFormat)
		}
		if len(digits) > 4 {
			return fail(CodeDateRange)
		}
		n, _ := strconv.Atoi(digits)
		if n > MaxWorkdayOffset {
			return fail(CodeDateRange)
		}
		if t[0] == '-' {
			n = -n
		}
		if cal == nil {
			cal = defaultCalendar()
		}
		if today == model.NoDate {
			return fail(CodeDateFormat)
		}
		return cal.WorkdaysFrom(today, n), nil
	}

	var y, m, d string
	if parts := strings.Split(t, "-"); len(parts) == 3 && len(parts[0]) == 4 {
		y, m, d = parts[0], parts[1], parts[2]
	} else {
		sep := "/"
		if strings.Contains(t, ".") {
			sep = "."
		}
		parts := strings.Split(t, sep)
		switch len(parts) {
		case 2:
			d, m = parts[0], parts[1]
		case 3:
			d, m, y = parts[0], parts[1], parts[2]
			if len(y) != 4 {
				return fail(CodeDateFormat)
			}
		default:
			return fail(CodeDateFormat)
		}
	}
	if !allDigits(d) || !allDigits(m) || len(d) > 2 || len(m) > 2 || (y != "" && (!allDigits(y) || len(y) != 4)) {
		return fail(CodeDateFormat)
	}
	month, _ := strconv.Atoi(m)
	day, _ := strconv.Atoi(d)
	year := 0
	if y == "" {
		if today == model.NoDate {
			return fail(CodeDateFormat)
		}
		var ok bool
		if year, ok = nearestYear(day, time.Month(month), today, dir); !ok {
			return fail(CodeDateImpossible)
		}
	} else {
		year, _ = strconv.Atoi(y)
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, time.Month(month)) {
		return fail(CodeDateImpossible)
	}
	if year < MinYear || year > MaxYear {
		return fail(CodeDateRange)
	}
	return model.MakeDate(year, time.Month(month), day), nil
}

// Direction is which way from today a date typed without a year lies.
type Direction int

const (
	Nearest Direction = iota // the closest either way
	Past                     // on or before today: things done
	Future                   // on or after today: things planned
)

// nearestYear picks the year for a day and month typed without one: of
// last year, this year and next year, the one dir asks for.
func nearestYear(day int, month time.Month, today model.Date, dir Direction) (int, bool) {
	ty, _, _ := today.YMD()
	best, found := 0, false
	dist := func(d model.Date) model.Date {
		if d < today {
			return today - d
		}
		return d - today
	}
	for y := ty - 1; y <= ty+1; y++ {
		if month < 1 || month > 12 || day < 1 || day > daysIn(y, month) {
			continue
		}
		d := model.MakeDate(y, month, day)
		switch {
		case dir == Past && d > today, dir == Future && d < today:
			continue
		case !found:
		case dir == Past && d < model.MakeDate(best, month, day):
			continue
		case dir == Future && d > model.MakeDate(best, month, day):
			continue
		case dir == Nearest && dist(d) >= dist(model.MakeDate(best, month, day)):
			continue // a tie goes to the earlier date
		}
		best, found = y, true
	}
	return best, found
}

func allDigits(s string) bool { return s != "" && strings.IndexFunc(s, notDigit) < 0 }

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
