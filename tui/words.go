package tui

import (
	"fmt"

	"tovholder/model"
)

// Words for the domain, shared by every screen.
var _ = register(map[string]model.Text{
	"rule.contact":              {Da: "Kontakt borgeren", En: "Contact the citizen"},
	"rule.contact_retry":        {Da: "Nyt kontaktforsøg", En: "New contact attempt"},
	"rule.first_meeting":        {Da: "Første samtale", En: "First meeting"},
	"rule.advice":               {Da: "Råd og vejledning", En: "Advice"},
	"rule.needs_assessment":     {Da: "Behovsvurdering", En: "Needs assessment"},
	"rule.coordinating_meeting": {Da: "Koordinerende møde", En: "Coordinating meeting"},
	"rule.minutes":              {Da: "Send referat", En: "Send minutes"},
	"rule.followup_after_close": {Da: "Opfølgning efter afslutning", En: "Follow-up after closing"},
	"rule.goal_followup":        {Da: "Opfølgning på mål", En: "Goal follow-up"},
	"rule.task":                 {Da: "Opgave", En: "Task"},
	"rule.none":                 {Da: "Ingen frist", En: "No deadline"},
	"phase.referral":            {Da: "henvisning", En: "referral"},
	"phase.contact":             {Da: "kontakt", En: "contact"},
	"phase.needs":               {Da: "behov", En: "needs"},
	"phase.transition":          {Da: "overgang", En: "transition"},
	"phase.closed":              {Da: "afsluttet", En: "closed"},
	"phase.rejected":            {Da: "afvist", En: "rejected"},
	"days.today":                {Da: "i dag", En: "today"},
	"days.left":                 {Da: "%d hd.", En: "%d wd"},
	"days.over":                 {Da: "%d hd. over", En: "%d wd over"},
	"state.active":              {Da: "aktiv", En: "active"},
	"state.met":                 {Da: "overholdt", En: "met"},
	"state.met_late":            {Da: "overholdt for sent", En: "met late"},
	"state.missed":              {Da: "ikke overholdt", En: "missed"},
	"state.overdue":             {Da: "overskredet", En: "overdue"},
	"cpr.none":                  {Da: "—", En: "—"},
})

// ruleWords says what is due: the rule in words, with the goal or task.
func (c *Common) ruleWords(rule, label string) string {
	if rule == "" {
		return c.T("rule.none")
	}
	s := c.T("rule." + rule)
	if label != "" {
		s += ": " + label
	}
	return s
}

// daysWords says how many working days are left, or how many overdue.
func (c *Common) daysWords(due model.Date) string {
	if due == model.NoDate {
		return ""
	}
	n := c.Store.Calendar().WorkdaysBetween(c.Today(), due)
	switch {
	case due == c.Today():
		return c.T("days.today")
	case due < c.Today():
		return c.T("days.over", max(-n, 1))
	}
	return c.T("days.left", n)
}

// urgency: 2 overdue, 1 due within two working days, 0 otherwise.
func (c *Common) urgency(due model.Date) int {
	today := c.Today()
	switch {
	case due == model.NoDate:
		return 0
	case today > due:
		return 2
	case due <= c.Store.Calendar().WorkdaysFrom(today, 2):
		return 1
	}
	return 0
}

func (c *Common) maskedCPR(cpr model.CPR) string {
	if cpr == "" {
		return c.T("cpr.none")
	}
	return cpr.Masked()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

var (
	weekdaysDa = [...]string{"søn", "man", "tir", "ons", "tor", "fre", "lør"}
	weekdaysEn = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	monthsDa   = [...]string{"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}
	monthsEn   = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// dateWords says a date with its weekday: "tir 29. dec 2026", "Tue 29 Dec 2026".
func (c *Common) dateWords(d model.Date) string {
	if d == model.NoDate {
		return "—"
	}
	return c.weekday(d) + " " + c.dayMonth(d) + " " + fmt.Sprint(yearOf(d))
}

// dayMonth says a date without its year: "29. dec", "29 Dec".
func (c *Common) dayMonth(d model.Date) string {
	_, m, day := d.YMD()
	if c.Lang == English {
		return fmt.Sprintf("%d %s", day, monthsEn[m-1])
	}
	return fmt.Sprintf("%d. %s", day, monthsDa[m-1])
}

// weekday is the date's weekday, short.
func (c *Common) weekday(d model.Date) string {
	if c.Lang == English {
		return weekdaysEn[d.Weekday()]
	}
	return weekdaysDa[d.Weekday()]
}

func yearOf(d model.Date) int { y, _, _ := d.YMD(); return y }
