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
//	3/12   3.12           day and month; the year is today's year
//	3/12/2026  3.12.2026  day, month and a four-digit year
//	i dag, idag, today    today
//	i morgen, imorgen, tomorrow     the calendar day after today
//	i går, igår, i gaar, igaar, yesterday   the calendar day before today
//	+N, -N                N working days after / before today (cal.WorkdaysFrom)
//
// A date without a year takes today's year, never the next or previous
// one: the desk mostly records things that have just happened, and a
// deadline far enough ahead to cross New Year is rare and can be typed
// with its year. So on 2026-01-02, "30/12" is 2026-12-30, not 2025-12-30.
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
func ParseDateInput(s string, today model.Date, cal *model.Calendar) (model.Date, error) {
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
	year := 0
	if y == "" {
		if today == model.NoDate {
			return fail(CodeDateFormat)
		}
		year, _, _ = today.YMD()
	} else {
		year, _ = strconv.Atoi(y)
	}
	month, _ := strconv.Atoi(m)
	day, _ := strconv.Atoi(d)
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, time.Month(month)) {
		return fail(CodeDateImpossible)
	}
	if year < MinYear || year > MaxYear {
		return fail(CodeDateRange)
	}
	return model.MakeDate(year, time.Month(month), day), nil
}

func allDigits(s string) bool { return s != "" && strings.IndexFunc(s, notDigit) < 0 }

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
