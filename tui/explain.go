package tui

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"explain.title":    {Da: "Frist · %s", En: "Deadline · %s"},
	"explain.due":      {Da: "frist %s", En: "due %s"},
	"explain.rule":     {Da: "Reglen", En: "The rule"},
	"explain.count":    {Da: "Sådan er fristen talt", En: "How the date is counted"},
	"explain.workdays": {Da: "%d arbejdsdage efter %s", En: "%d working days after %s"},
	"explain.workday1": {Da: "1 arbejdsdag efter %s", En: "1 working day after %s"},
	"explain.months":   {Da: "%d måneder efter %s er %s", En: "%d months after %s is %s"},
	"explain.month1":   {Da: "1 måned efter %s er %s", En: "1 month after %s is %s"},
	"explain.clamped":  {Da: " (måneden er kortere: dens sidste dag)", En: " (the month is shorter: its last day)"},
	"explain.isNth":    {Da: "%s er %d", En: "%s is %d"},
	"explain.result":   {Da: "frist %s", En: "due %s"},
	"explain.working":  {Da: "en arbejdsdag", En: "a working day"},
	"explain.moved":    {Da: "ikke en arbejdsdag, så fristen flyttes frem over", En: "not a working day, so the deadline moves on past"},
	"explain.setDate":  {Da: "Datoen er aftalt og holdes præcis som sat, også hvis den ikke er en arbejdsdag: %s.", En: "The date was agreed and is kept exactly as set, even when it is not a working day: %s."},
	"explain.opens":    {Da: "Vinduet åbner 3 måneder efter afslutningen: %s. En opfølgning før det tæller også.", En: "The window opens 3 months after closing: %s. A follow-up before that still counts."},
	"explain.scope":    {Da: "Her er der planlagt et møde med %s parter: %d arbejdsdage.", En: "Here the meeting planned is with %s parties: %d working days."},
	"explain.internal": {Da: "interne", En: "internal"},
	"explain.external": {Da: "eksterne", En: "external"},
	"explain.state":    {Da: "Status: %s", En: "State: %s"},

	"explain.saturday":  {Da: "lørdag", En: "Saturday"},
	"explain.sunday":    {Da: "søndag", En: "Sunday"},
	"explain.weekend":   {Da: "weekend", En: "weekend"},
	"explain.holiday":   {Da: "helligdag", En: "holiday"},
	"explain.holidays":  {Da: "helligdage", En: "holidays"},
	"explain.closed":    {Da: "lukkedag", En: "closed"},
	"explain.closedMny": {Da: "lukkedage", En: "closed"},
	"explain.closure":   {Da: "kommunens lukkedag", En: "the municipality's closure day"},
	"explain.closures":  {Da: "kommunens lukkedage", En: "the municipality's closure days"},

	"why.contact":              {Da: "Borgeren kontaktes senest 2 arbejdsdage efter den første tildeling. En ny tildeling starter ikke fristen forfra.", En: "The citizen is contacted within 2 working days of the first assignment. A reassignment does not restart it."},
	"why.contact_retry":        {Da: "Så længe borgeren ikke er truffet, gøres et nyt forsøg senest 2 arbejdsdage efter det seneste (telefon, brev, besøg, via netværket …), indtil der er kontakt, eller teamet afslutter sagen.", En: "While the citizen has not been reached, a new attempt is due within 2 working days of the latest (phone, letter, visit, through the network…), until contact is made or the team closes the case."},
	"why.first_meeting":        {Da: "Første samtale holdes senest 5 arbejdsdage efter, at borgeren første gang blev truffet.", En: "The first meeting is held within 5 working days of first reaching the citizen."},
	"why.advice":               {Da: "Råd og vejledning gives senest 2 arbejdsdage efter første samtale.", En: "Advice is given within 2 working days of the first meeting."},
	"why.needs_assessment":     {Da: "Behovet vurderes senest 1 måned efter første samtale; er den dag ikke en arbejdsdag, flyttes fristen til den næste.", En: "Needs are assessed within 1 month of the first meeting; when that day is not a working day, the deadline moves to the next."},
	"why.coordinating_meeting": {Da: "Et planlagt koordinerende møde holdes senest 5 arbejdsdage (interne parter) eller 14 arbejdsdage (eksterne parter) efter første samtale.", En: "A planned coordinating meeting is held within 5 working days (internal parties) or 14 working days (external parties) of the first meeting."},
	"why.minutes":              {Da: "Referatet sendes senest 5 arbejdsdage efter hvert koordinerende møde.", En: "Minutes are sent within 5 working days of each coordinating meeting."},
	"why.followup_after_close": {Da: "En sag, der er afsluttet efter en første samtale, følges op 3–6 måneder efter afslutningen; fristen er 6 måneder, flyttet til en arbejdsdag.", En: "A case closed after a first meeting is followed up 3–6 months after closing; the deadline is 6 months, moved to a working day."},
	"why.goal_followup":        {Da: "Målet følges op på den dato, der er aftalt med borgeren.", En: "The goal is followed up on the date agreed with the citizen."},
	"why.task":                 {Da: "Opgaven løses senest på den dato, den har fået.", En: "The task is done by the date it was given."},
})

// newExplainScreen says why a deadline falls where it does: the rule, the
// event that started it, and the count day by day, naming every weekend,
// holiday and closure day passed over. The count comes from the deadline's
// own model.Basis, recounted with the store's calendar: the same engine
// that computed the date.
func newExplainScreen(c *Common, cs *model.Case, o model.Obligation) Screen {
	what := c.ruleWords(o.Rule, o.Label)
	return newTextScreen(c, c.T("explain.title", what), func(w int) []string {
		return c.explainLines(cs, o, max(w-2, 20))
	})
}

func (c *Common) explainLines(cs *model.Case, o model.Obligation, w int) []string {
	st := c.Styles
	var out []string
	para := func(s string) { out = append(out, strings.Split(wrap(s, w), "\n")...) }
	out = append(out, st.Bold.Render(cs.Citizen.Name)+"   "+c.maskedCPR(cs.Citizen.CPR)+"   "+cs.ID, "")
	para(st.Bold.Render(c.ruleWords(o.Rule, o.Label)) + " · " + c.T("explain.due", c.dateWords(o.Due)))
	para(c.T("explain.state", c.stateWords(o)))
	out = append(out, "", st.Header.Render(c.T("explain.rule")))
	para(c.T("why." + o.Rule))
	if b := o.Basis; b.Scope != "" {
		para(c.T("explain.scope", c.T("explain."+b.Scope), b.Workdays))
	}
	out = append(out, "", st.Header.Render(c.T("explain.count")))
	para(c.countWords(o.Basis))
	if o.Opens != model.NoDate {
		para(c.T("explain.opens", c.dateWords(o.Opens)))
	}
	return out
}

// countWords is the count as a sentence: "2 working days after assigned
// Wed 23 Dec: 24 Dec closed (Christmas Eve), 25–26 Dec holidays
// (Christmas Day, Boxing Day), 27 Dec Sunday; Mon 28 Dec is 1, Tue 29 Dec
// is 2 → due Tue 29 Dec 2026".
func (c *Common) countWords(b model.Basis) string {
	x := b.Explain(c.Store.Calendar())
	from := lowerFirst(c.T("case.ev."+string(b.FromEvent))) + " " + c.weekday(b.From) + " " + c.dayMonth(b.From)
	if yearOf(b.From) != yearOf(x.Due) {
		from += " " + fmt.Sprint(yearOf(b.From))
	}
	result := c.T("explain.result", c.dateWords(x.Due))
	switch {
	case b.Workdays > 0:
		head := c.T("explain.workdays", b.Workdays, from)
		if b.Workdays == 1 {
			head = c.T("explain.workday1", from)
		}
		// Day by day, in order: each working day with its number, the days
		// passed over between them grouped.
		var steps []string
		skipped := x.Skipped
		for i, d := range x.Counted {
			n := 0
			for n < len(skipped) && skipped[n].Date < d {
				n++
			}
			if n > 0 {
				steps = append(steps, c.skippedWords(skipped[:n]))
				skipped = skipped[n:]
			}
			steps = append(steps, c.T("explain.isNth", c.weekday(d)+" "+c.dayMonth(d), i+1))
		}
		return head + ": " + strings.Join(steps, ", ") + " → " + result
	case b.Months > 0:
		to := c.weekday(x.MonthDate) + " " + c.dayMonth(x.MonthDate)
		head := c.T("explain.months", b.Months, from, to)
		if b.Months == 1 {
			head = c.T("explain.month1", from, to)
		}
		if x.Clamped {
			head += c.T("explain.clamped")
		}
		if len(x.Skipped) == 0 {
			return head + ", " + c.T("explain.working") + " → " + result
		}
		return head + ", " + c.T("explain.moved") + " " + c.skippedWords(x.Skipped) + " → " + result
	}
	return c.T("explain.setDate", c.dateWords(b.From))
}

// skippedWords names the days a count passed over, consecutive days of
// one kind together: "25–26 Dec holidays (Christmas Day, Boxing Day)".
func (c *Common) skippedWords(days []model.DayOff) string {
	var parts []string
	for i := 0; i < len(days); {
		j := i + 1
		for j < len(days) && days[j].Date == days[j-1].Date+1 && sameGroup(days[i].Kind, days[j].Kind) {
			j++
		}
		parts = append(parts, c.dayGroup(days[i:j]))
		i = j
	}
	return strings.Join(parts, ", ")
}

// sameGroup: a weekend is one group, and so is a run of holidays or of
// closure days.
func sameGroup(a, b model.DayOffKind) bool {
	weekend := func(k model.DayOffKind) bool { return k == model.Saturday || k == model.Sunday }
	return a == b || (weekend(a) && weekend(b))
}

func (c *Common) dayGroup(g []model.DayOff) string {
	first, last := g[0], g[len(g)-1]
	when := c.dayMonth(first.Date)
	if len(g) > 1 {
		when = c.dayRange(first.Date, last.Date)
	}
	var names []string
	for _, d := range g {
		if t, ok := model.HolidayText[d.Name]; ok {
			names = append(names, t.In(c.langCode()))
		}
	}
	named := ""
	if len(names) > 0 {
		named = " (" + strings.Join(names, ", ") + ")"
	}
	many := len(g) > 1
	switch first.Kind {
	case model.Holiday:
		return when + " " + pickWord(c, many, "explain.holiday", "explain.holidays") + named
	case model.OfficeClosed:
		return when + " " + pickWord(c, many, "explain.closed", "explain.closedMny") + named
	case model.Closure:
		return when + " " + pickWord(c, many, "explain.closure", "explain.closures")
	}
	if many {
		return when + " " + c.T("explain.weekend")
	}
	if first.Kind == model.Saturday {
		return when + " " + c.T("explain.saturday")
	}
	return when + " " + c.T("explain.sunday")
}

func pickWord(c *Common, many bool, one, more string) string {
	if many {
		return c.T(more)
	}
	return c.T(one)
}

// dayRange says two dates as a range: "25.–26. dec", "30. nov–1. dec".
func (c *Common) dayRange(a, b model.Date) string {
	_, am, ad := a.YMD()
	_, bm, _ := b.YMD()
	if am != bm {
		return c.dayMonth(a) + "–" + c.dayMonth(b)
	}
	if c.Lang == English {
		return fmt.Sprintf("%d–%s", ad, c.dayMonth(b))
	}
	return fmt.Sprintf("%d.–%s", ad, c.dayMonth(b))
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
