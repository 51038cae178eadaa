package model

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/aa"
)

// CalendarConfig is what a municipality may change in the working-day
// calendar: the three closure days of public offices (on by default) and
// extra closure dates of its own.
type CalendarConfig struct {
	ConstitutionDay bool   `json:"constitution_day"`
	ChristmasEve    bool   `json:"christmas_eve"`
	NewYearsEve     bool   `json:"new_years_eve"`
	Closures        []Date `json:"closures,omitempty"`
}

// DefaultCalendarConfig closes public offices on 5 June, 24 Dec and 31 Dec.
func DefaultCalendarConfig() CalendarConfig {
	return CalendarConfig{ConstitutionDay: true, ChristmasEve: true, NewYearsEve: true}
}

// Fingerprint names the configuration in one string. The store keeps it
// beside its deadline index: when the calendar changes, every due date
// must be computed again.
func (c CalendarConfig) Fingerprint() string {
	var b strings.Builder
	fmt.Fprintf(&b, "v1 cd=%t ce=%t nye=%t", c.ConstitutionDay, c.ChristmasEve, c.NewYearsEve)
	ds := append([]Date(nil), c.Closures...)
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	for _, d := range ds {
		b.WriteString(" " + d.String())
	}
	return b.String()
}

// The official Danish public holidays. rickar/cal's own dk list counts
// Constitution Day as a public holiday and lacks 24 and 31 Dec, so we
// build the list here from its generic definitions.
var officialHolidays = []*cal.Holiday{
	aa.NewYear,
	aa.MaundyThursday,
	aa.GoodFriday,
	aa.Easter,
	aa.EasterMonday,
	{Name: "Great Prayer Day", Offset: 26, Func: cal.CalcEasterOffset, EndYear: 2023}, // abolished from 2024
	aa.AscensionDay,
	aa.Pentecost,
	aa.PentecostMonday,
	aa.ChristmasDay,
	aa.ChristmasDay2,
}

var (
	constitutionDay = &cal.Holiday{Name: "Constitution Day", Month: time.June, Day: 5, Func: cal.CalcDayOfMonth}
	christmasEve    = &cal.Holiday{Name: "Christmas Eve", Month: time.December, Day: 24, Func: cal.CalcDayOfMonth}
	newYearsEve     = &cal.Holiday{Name: "New Year's Eve", Month: time.December, Day: 31, Func: cal.CalcDayOfMonth}
)

// The years whose closed days are computed once, up front. Dates outside
// are computed on demand (slower, still right).
const (
	calFirstYear = 1900
	calLastYear  = 2200
)

// Calendar answers which days are working days. It is immutable once
// built, so one calendar serves every session at once.
type Calendar struct {
	cfg      CalendarConfig
	holidays []*cal.Holiday
	closures map[Date]bool
	first    Date
	closed   []bool // closed[d-first]: not a working day
}

// NewCalendar builds the calendar for a configuration.
func NewCalendar(cfg CalendarConfig) *Calendar {
	c := &Calendar{cfg: cfg, closures: map[Date]bool{}}
	c.holidays = append(c.holidays, officialHolidays...)
	if cfg.ConstitutionDay {
		c.holidays = append(c.holidays, constitutionDay)
	}
	if cfg.ChristmasEve {
		c.holidays = append(c.holidays, christmasEve)
	}
	if cfg.NewYearsEve {
		c.holidays = append(c.holidays, newYearsEve)
	}
	for _, d := range cfg.Closures {
		c.closures[d] = true
	}
	c.first = MakeDate(calFirstYear, time.January, 1)
	last := MakeDate(calLastYear, time.December, 31)
	c.closed = make([]bool, last-c.first+1)
	for d := c.first; d <= last; d++ {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || c.closures[d] {
			c.closed[d-c.first] = true
		}
	}
	for y := calFirstYear; y <= calLastYear; y++ {
		for _, h := range c.holidays {
			if d, ok := holidayIn(h, y); ok {
				c.closed[d-c.first] = true
			}
		}
	}
	return c
}

// DefaultCalendar is the calendar with the default configuration.
func DefaultCalendar() *Calendar { return NewCalendar(DefaultCalendarConfig()) }

// Config returns the configuration the calendar was built from.
func (c *Calendar) Config() CalendarConfig { return c.cfg }

func holidayIn(h *cal.Holiday, year int) (Date, bool) {
	actual, _ := h.Calc(year)
	if actual.IsZero() {
		return NoDate, false
	}
	return DateOf(actual), true
}

// IsWorkingDay reports whether d is a working day: Monday to Friday and
// neither a public holiday nor a closure day.
func (c *Calendar) IsWorkingDay(d Date) bool {
	if i := int(d - c.first); i >= 0 && i < len(c.closed) {
		return !c.closed[i]
	}
	if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || c.closures[d] {
		return false
	}
	y, _, _ := d.YMD()
	for _, h := range c.holidays {
		if hd, ok := holidayIn(h, y); ok && hd == d {
			return false
		}
	}
	return true
}

// HolidayName names the holiday or closure on d, or "" for an ordinary day
// (weekends included).
func (c *Calendar) HolidayName(d Date) string {
	y, _, _ := d.YMD()
	for _, h := range c.holidays {
		if hd, ok := holidayIn(h, y); ok && hd == d {
			return h.Name
		}
	}
	if c.closures[d] {
		return closureDayName
	}
	return ""
}

// closureDayName is what HolidayName says of a municipality's own closure day.
const closureDayName = "closure day"

// WorkdaysFrom is WD(d, n): the n-th working day after d. d itself never
// counts, whatever day it is, so WorkdaysFrom(d, 0) is d unchanged (it
// does not roll a non-working day forward; NextWorkingDay does that).
// A negative n counts backwards.
func (c *Calendar) WorkdaysFrom(d Date, n int) Date {
	step := Date(1)
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d += step
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// NextWorkingDay is NEXTWD(d): d if it is a working day, else the first
// working day after it.
func (c *Calendar) NextWorkingDay(d Date) Date {
	for !c.IsWorkingDay(d) {
		d++
	}
	return d
}

// WorkdaysBetween counts the working days after from up to and including
// to; negative when to is before from. It answers "how many working days
// are left" for the queue.
func (c *Calendar) WorkdaysBetween(from, to Date) int {
	n, sign := 0, 1
	if to < from {
		from, to, sign = to, from, -1
	}
	for d := from + 1; d <= to; d++ {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return sign * n
}
