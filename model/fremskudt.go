package model

// fremskudt is the default profile, seed 000's outreach casework, exactly
// as DEADLINES.md gives it. Rule order is the table's order: it breaks ties.
var fremskudt = &Profile{
	Name: "fremskudt",
	Rules: []Rule{
		{Name: "contact", Derive: contactRule},
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

// contact: reach out within 2 working days of the first assignment.
// Reassignment does not restart it.
func contactRule(c *Case, cal *Calendar) []Obligation {
	a, ok := c.First(Assigned)
	if !ok {
		return nil
	}
	by, met := c.firstWhere(func(e Event) bool { return e.Type == ContactAttempt || e.Type == FirstMeeting })
	return []Obligation{obligation(a.Date, cal.WorkdaysFrom(a.Date, 2), by, met)}
}

// first_meeting: meet within 5 working days of first reaching the citizen.
func firstMeetingRule(c *Case, cal *Calendar) []Obligation {
	r, ok := c.firstWhere(func(e Event) bool { return e.Type == ContactAttempt && e.IsReached() })
	if !ok {
		return nil
	}
	by, met := c.First(FirstMeeting)
	return []Obligation{obligation(r.Date, cal.WorkdaysFrom(r.Date, 5), by, met)}
}

// advice: give advice within 2 working days of the first meeting.
func adviceRule(c *Case, cal *Calendar) []Obligation {
	fm, ok := c.First(FirstMeeting)
	if !ok {
		return nil
	}
	by, met := c.First(AdviceGiven)
	return []Obligation{obligation(fm.Date, cal.WorkdaysFrom(fm.Date, 2), by, met)}
}

// needs_assessment: assess needs within a month of the first meeting,
// moved off a non-working day.
func needsAssessmentRule(c *Case, cal *Calendar) []Obligation {
	fm, ok := c.First(FirstMeeting)
	if !ok {
		return nil
	}
	by, met := c.First(NeedsAssessed)
	return []Obligation{obligation(fm.Date, cal.NextWorkingDay(fm.Date.AddMonths(1)), by, met)}
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
	days := 5
	if plan.Scope == "external" {
		days = 14
	}
	by, met := c.firstWhere(isCoordinatingMeeting)
	return []Obligation{obligation(plan.Date, cal.WorkdaysFrom(fm.Date, days), by, met)}
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
		out = append(out, obligation(held.Date, cal.WorkdaysFrom(held.Date, 5), by, met))
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
	o := obligation(cl.Date, cal.NextWorkingDay(cl.Date.AddMonths(6)), by, met)
	o.Opens = cl.Date.AddMonths(3)
	return []Obligation{o}
}

// goal_followup: each agreement goal is followed up on the date set for it.
func goalFollowupRule(c *Case, _ *Calendar) []Obligation {
	var out []Obligation
	for _, g := range c.Goals {
		if g.FollowUp == NoDate {
			continue
		}
		o := Obligation{Label: g.Title, Due: g.FollowUp}
		if g.FollowedUp {
			o.met(g.FollowedUpOn)
		}
		out = append(out, o)
	}
	return out
}

// task: each task is done by its due date.
func taskRule(c *Case, _ *Calendar) []Obligation {
	var out []Obligation
	for _, t := range c.Tasks {
		if t.Due == NoDate {
			continue
		}
		o := Obligation{Label: t.Title, Due: t.Due}
		if t.Done {
			o.met(t.DoneOn)
		}
		out = append(out, o)
	}
	return out
}
