package model

// fremskudt is the default profile, seed 000's outreach casework, exactly
// as DEADLINES.md gives it. Rule order is the table's order: it breaks ties.
var fremskudt = &Profile{
	Name: "fremskudt",
	Rules: []Rule{
		{Name: "contact", Derive: contactRule},
		{Name: "contact_retry", Derive: contactRetryRule},
		{Name: "first_meeting", Derive: firstMeetingRule},
		{Name: "advice", Derive: adviceRule},
		{Name: "needs_assessment", Derive: needsAssessmentRule},
		{Name: "coordinating_meeting", Derive: coordinatingMeetingRule},
		{Name: "minutes", Derive: minutesRule},
		{Name: "followup_after_close", SurvivesClose: true, Derive: followupAfterCloseRule},
		{Name: "goal_followup", Derive: goalFollowupRule},
		{Name: "task", Derive: taskRule},
	},
}

// workdays is the basis WD(e.Date, n), counted from event e.
func workdays(e Event, n int) Basis { return Basis{From: e.Date, FromEvent: e.Type, Workdays: n} }

// contact: reach out within 2 working days of the first assignment.
// Reassignment does not restart it.
func contactRule(c *Case, cal *Calendar) []Obligation {
	a, ok := c.First(Assigned)
	if !ok {
		return nil
	}
	by, met := c.firstWhere(func(e Event) bool { return e.Type == ContactAttempt || e.Type == FirstMeeting })
	return []Obligation{obligation(a.Date, workdays(a, 2), cal, by.Date, met)}
}

// contact_retry: while the citizen has not been reached, each attempt
// calls for another within 2 working days, until an attempt reaches them
// or a first meeting is held. Each attempt's obligation is met by the next
// attempt or the first meeting, whichever is earlier; so only the latest
// stays active.
func contactRetryRule(c *Case, cal *Calendar) []Obligation {
	fm, hasMeeting := c.First(FirstMeeting)
	attempts := c.ContactAttempts()
	var out []Obligation
	for i, a := range attempts {
		if a.IsReached() || (hasMeeting && a.Date > fm.Date) {
			break // from here the first_meeting rule takes over, or there was a meeting already
		}
		var on Date
		met := false
		if i+1 < len(attempts) {
			on, met = attempts[i+1].Date, true
		}
		if hasMeeting && (!met || fm.Date < on) {
			on, met = fm.Date, true
		}
		out = append(out, obligation(a.Date, workdays(a, 2), cal, on, met))
	}
	return out
}

// first_meeting: meet within 5 working days of first reaching the citizen.
func firstMeetingRule(c *Case, cal *Calendar) []Obligation {
	r, ok := c.firstWhere(func(e Event) bool { return e.Type == ContactAttempt && e.IsReached() })
	if !ok {
		return nil
	}
	by, met := c.First(FirstMeeting)
	return []Obligation{obligation(r.Date, workdays(r, 5), cal, by.Date, met)}
}

// advice: give advice within 2 working days of the first meeting.
func adviceRule(c *Case, cal *Calendar) []Obligation {
	fm, ok := c.First(FirstMeeting)
	if !ok {
		return nil
	}
	by, met := c.First(AdviceGiven)
	return []Obligation{obligation(fm.Date, workdays(fm, 2), cal, by.Date, met)}
}

// needs_assessment: assess needs within a month of the first meeting,
// moved off a non-working day.
func needsAssessmentRule(c *Case, cal *Calendar) []Obligation {
	fm, ok := c.First(FirstMeeting)
	if !ok {
		return nil
	}
	by, met := c.First(NeedsAssessed)
	b := Basis{From: fm.Date, FromEvent: FirstMeeting, Months: 1}
	return []Obligation{obligation(fm.Date, b, cal, by.Date, met)}
}

// coordinating_meeting: once a coordinating meeting is planned and a first
// meeting exists, hold it within 5 (internal) or 14 (external) working
// days of the first meeting. A plan that names no scope counts as
// internal: the earlier, safer deadline.
func coordinatingMeetingRule(c *Case, cal *Calendar) []Obligation {
	plan, ok := c.First(CoordinationPlanned)
	fm, ok2 := c.First(FirstMeeting)
	if !ok || !ok2 {
		return nil
	}
	b := workdays(fm, 5)
	b.Scope = "internal"
	if plan.Scope == "external" {
		b.Workdays, b.Scope = 14, "external"
	}
	by, met := c.firstWhere(isCoordinatingMeeting)
	return []Obligation{obligation(plan.Date, b, cal, by.Date, met)}
}

func isCoordinatingMeeting(e Event) bool { return e.Type == MeetingHeld && e.Kind == "coordinating" }

// minutes: send minutes within 5 working days of each coordinating meeting.
func minutesRule(c *Case, cal *Calendar) []Obligation {
	var out []Obligation
	for _, held := range c.LiveChronological() {
		if !isCoordinatingMeeting(held) {
			continue
		}
		by, met := c.firstWhere(func(e Event) bool { return e.Type == MinutesSent && e.Date >= held.Date })
		out = append(out, obligation(held.Date, workdays(held, 5), cal, by.Date, met))
	}
	return out
}

// followup_after_close: a case closed after a first meeting gets a
// follow-up between 3 and 6 months after closing.
func followupAfterCloseRule(c *Case, cal *Calendar) []Obligation {
	cl, ok := c.First(Closed)
	if !ok || !c.Has(FirstMeeting) {
		return nil
	}
	by, met := c.firstWhere(func(e Event) bool { return e.Type == FollowupDone && e.Date >= cl.Date })
	b := Basis{From: cl.Date, FromEvent: Closed, Months: 6}
	o := obligation(cl.Date, b, cal, by.Date, met)
	o.Opens = cl.Date.AddMonths(3)
	return []Obligation{o}
}

// goal_followup: each agreement goal is followed up on the date set for it.
func goalFollowupRule(c *Case, cal *Calendar) []Obligation {
	var out []Obligation
	for _, g := range c.Goals {
		if g.FollowUp == NoDate {
			continue
		}
		o := obligation(NoDate, SetDate(g.FollowUp), cal, g.FollowedUpOn, g.FollowedUp)
		o.Label = g.Title
		out = append(out, o)
	}
	return out
}

// task: each task is done by its due date.
func taskRule(c *Case, cal *Calendar) []Obligation {
	var out []Obligation
	for _, t := range c.Tasks {
		if t.Due == NoDate {
			continue
		}
		o := obligation(NoDate, SetDate(t.Due), cal, t.DoneOn, t.Done)
		o.Label = t.Title
		out = append(out, o)
	}
	return out
}
