package tui

import (
	"fmt"

	"tovholder/model"
)

// Words for the domain, shared by every screen.
var _ = register(map[string]Text{
	"rule.contact":              {"Kontakt borgeren", "Contact the citizen"},
	"rule.first_meeting":        {"Første samtale", "First meeting"},
	"rule.advice":               {"Råd og vejledning", "Advice"},
	"rule.needs_assessment":     {"Behovsvurdering", "Needs assessment"},
	"rule.coordinating_meeting": {"Koordinerende møde", "Coordinating meeting"},
	"rule.minutes":              {"Send referat", "Send minutes"},
	"rule.followup_after_close": {"Opfølgning efter afslutning", "Follow-up after closing"},
	"rule.goal_followup":        {"Opfølgning på mål", "Goal follow-up"},
	"rule.task":                 {"Opgave", "Task"},
	"rule.none":                 {"Ingen frist", "No deadline"},
	"phase.referral":            {"henvisning", "referral"},
	"phase.contact":             {"kontakt", "contact"},
	"phase.needs":               {"behov", "needs"},
	"phase.transition":          {"overgang", "transition"},
	"phase.closed":              {"afsluttet", "closed"},
	"phase.rejected":            {"afvist", "rejected"},
	"days.today":                {"i dag", "today"},
	"days.left":                 {"%d hd.", "%d wd"},
	"days.over":                 {"%d hd. over", "%d wd over"},
	"state.active":              {"aktiv", "active"},
	"state.met":                 {"overholdt", "met"},
	"state.met_late":            {"overholdt for sent", "met late"},
	"state.missed":              {"ikke overholdt", "missed"},
	"state.overdue":             {"overskredet", "overdue"},
	"cpr.none":                  {"—", "—"},
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
