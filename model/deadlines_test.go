package model

// Contract tests for the `fremskudt` deadline profile, written from
// /work/shared/spec/DEADLINES.md and INTERCHANGE.md, not from the
// implementation. Every expected date below was counted by hand on the
// Danish calendar (default configuration: 24 Dec, 31 Dec and 5 June are
// closure days; Great Prayer Day only up to 2023). The weekday of every
// date the counting relies on is checked independently with the time
// package in TestDeadlineHandCountedWeekdays.
//
// Moveable feasts used:
//   Easter 2023 = Sun 9 Apr  -> Great Prayer Day Fri 5 May 2023
//   Easter 2024 = Sun 31 Mar -> (Great Prayer Day would be Fri 26 Apr; abolished)
//   Easter 2026 = Sun 5 Apr  -> Maundy Thu 2 Apr, Good Fri 3 Apr, Easter Mon 6 Apr,
//                               Ascension Thu 14 May, Whit Sun 24 May, Whit Mon 25 May
//   Easter 2027 = Sun 28 Mar -> Maundy Thu 25 Mar, Good Fri 26 Mar, Easter Mon 29 Mar,
//                               Ascension Thu 6 May, Whit Sun 16 May, Whit Mon 17 May

import (
	"sort"
	"strings"
	"testing"
	"time"
)

// ---- builders ---------------------------------------------------------

func dlEv(t EventType, date string) Event { return Event{Type: t, Date: d(date)} }

func dlAttempt(date string, reached bool) Event {
	r := reached
	return Event{Type: ContactAttempt, Date: d(date), Channel: "phone", Reached: &r}
}

func dlAssigned(date, to string) Event {
	return Event{Type: Assigned, Date: d(date), To: to}
}

func dlPlanned(date, scope string) Event {
	return Event{Type: CoordinationPlanned, Date: d(date), Scope: scope}
}

func dlHeld(date, kind string) Event {
	return Event{Type: MeetingHeld, Date: d(date), Kind: kind}
}

func dlCase(evs ...Event) Case { return Case{ID: "K-TEST", Events: evs} }

func dlGoal(followUp string, done bool, on string) Goal {
	g := Goal{Title: "goal " + followUp, FollowedUp: done}
	if followUp != "" {
		g.FollowUp = d(followUp)
	}
	if on != "" {
		g.FollowedUpOn = d(on)
	}
	return g
}

func dlTask(due string, done bool, on string) Task {
	t := Task{Title: "task " + due, Owner: "anne", Done: done}
	if due != "" {
		t.Due = d(due)
	}
	if on != "" {
		t.DoneOn = d(on)
	}
	return t
}

// dlWith returns c with goals and tasks attached.
func dlWith(c Case, goals []Goal, tasks []Task) Case {
	c.Goals, c.Tasks = goals, tasks
	return c
}

func dlProfile(t *testing.T) *Profile {
	t.Helper()
	p, err := ProfileByName("fremskudt")
	if err != nil {
		t.Fatalf("ProfileByName(fremskudt): %v", err)
	}
	return p
}

func dlOfRule(obs []Obligation, rule string) []Obligation {
	var out []Obligation
	for _, o := range obs {
		if o.Rule == rule {
			out = append(out, o)
		}
	}
	return out
}

func dlDump(obs []Obligation) string {
	var b strings.Builder
	for _, o := range obs {
		b.WriteString("\n  " + o.Rule + " start=" + o.Start.String() + " due=" + o.Due.String() +
			" opens=" + o.Opens.String() + " met=" + o.MetOn.String() + " state=" + o.State.String())
	}
	return b.String()
}

// ---- the calendar facts the hand counting relies on --------------------

func TestDeadlineHandCountedWeekdays(t *testing.T) {
	facts := map[string]time.Weekday{
		"2023-05-04": time.Thursday, "2023-05-05": time.Friday, "2023-05-09": time.Tuesday,
		"2024-04-25": time.Thursday, "2024-04-26": time.Friday, "2024-04-29": time.Monday,
		"2025-11-20": time.Thursday, "2025-12-05": time.Friday,
		"2026-03-03": time.Tuesday, "2026-03-05": time.Thursday, "2026-03-25": time.Wednesday,
		"2026-03-31": time.Tuesday, "2026-04-01": time.Wednesday, "2026-04-02": time.Thursday,
		"2026-04-03": time.Friday, "2026-04-05": time.Sunday, "2026-04-06": time.Monday,
		"2026-04-07": time.Tuesday, "2026-04-08": time.Wednesday, "2026-04-14": time.Tuesday,
		"2026-04-17": time.Friday, "2026-04-25": time.Saturday, "2026-04-30": time.Thursday,
		"2026-05-05": time.Tuesday, "2026-05-13": time.Wednesday, "2026-05-14": time.Thursday,
		"2026-05-15": time.Friday, "2026-05-18": time.Monday, "2026-05-20": time.Wednesday,
		"2026-05-22": time.Friday, "2026-05-25": time.Monday, "2026-05-26": time.Tuesday,
		"2026-05-27": time.Wednesday, "2026-05-28": time.Thursday, "2026-05-29": time.Friday,
		"2026-06-01": time.Monday, "2026-06-03": time.Wednesday, "2026-06-04": time.Thursday,
		"2026-06-05": time.Friday, "2026-06-08": time.Monday, "2026-06-09": time.Tuesday,
		"2026-06-10": time.Wednesday, "2026-06-24": time.Wednesday, "2026-06-25": time.Thursday,
		"2026-07-01": time.Wednesday, "2026-07-03": time.Friday, "2026-08-31": time.Monday,
		"2026-09-29": time.Tuesday, "2026-10-26": time.Monday, "2026-10-28": time.Wednesday,
		"2026-11-02": time.Monday, "2026-11-03": time.Tuesday, "2026-11-04": time.Wednesday,
		"2026-11-05": time.Thursday, "2026-11-09": time.Monday, "2026-11-10": time.Tuesday,
		"2026-11-12": time.Thursday, "2026-11-13": time.Friday, "2026-11-17": time.Tuesday, "2026-11-20": time.Friday,
		"2026-11-21": time.Saturday, "2026-11-24": time.Tuesday, "2026-11-25": time.Wednesday,
		"2026-11-30": time.Monday, "2026-12-01": time.Tuesday, "2026-12-02": time.Wednesday,
		"2026-12-09": time.Wednesday, "2026-12-10": time.Thursday, "2026-12-18": time.Friday,
		"2026-12-21": time.Monday, "2026-12-22": time.Tuesday, "2026-12-23": time.Wednesday,
		"2026-12-24": time.Thursday, "2026-12-25": time.Friday, "2026-12-26": time.Saturday,
		"2026-12-28": time.Monday, "2026-12-29": time.Tuesday, "2026-12-30": time.Wednesday,
		"2026-12-31": time.Thursday, "2027-01-01": time.Friday, "2027-01-04": time.Monday,
		"2027-01-05": time.Tuesday, "2027-01-31": time.Sunday, "2027-02-25": time.Thursday,
		"2027-02-28": time.Sunday, "2027-03-01": time.Monday, "2027-03-22": time.Monday,
		"2027-03-24": time.Wednesday, "2027-03-25": time.Thursday, "2027-03-26": time.Friday,
		"2027-03-28": time.Sunday, "2027-03-29": time.Monday, "2027-03-30": time.Tuesday,
		"2027-03-31": time.Wednesday, "2027-04-01": time.Thursday, "2027-04-17": time.Saturday,
		"2027-05-03": time.Monday, "2027-05-05": time.Wednesday, "2027-05-06": time.Thursday,
		"2027-05-07": time.Friday, "2027-05-10": time.Monday, "2027-05-11": time.Tuesday,
		"2027-05-14": time.Friday, "2027-05-17": time.Monday, "2027-05-18": time.Tuesday,
		"2027-05-19": time.Wednesday, "2027-05-20": time.Thursday, "2027-08-01": time.Sunday,
		"2027-08-02": time.Monday, "2027-08-31": time.Tuesday,
		"2028-01-31": time.Monday, "2028-02-29": time.Tuesday,
	}
	for s, want := range facts {
		tm, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		if got := tm.Weekday(); got != want {
			t.Errorf("%s is a %v, the hand counting assumed %v", s, got, want)
		}
	}
}

// ---- the profile itself ------------------------------------------------

func TestDeadlineProfileRuleOrder(t *testing.T) {
	want := []string{"contact", "contact_retry", "first_meeting", "advice", "needs_assessment",
		"coordinating_meeting", "minutes", "followup_after_close", "goal_followup", "task"}
	p := dlProfile(t)
	var got []string
	for _, r := range p.Rules {
		got = append(got, r.Name)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("rules = %v, want the table order %v", got, want)
	}
	if q, err := ProfileByName(""); err != nil || q != p {
		t.Errorf(`ProfileByName("") = %v, %v; want the fremskudt profile`, q, err)
	}
	if _, err := ProfileByName("no-such-profile"); err == nil {
		t.Error("ProfileByName(no-such-profile): want an error")
	}
	c := dlCase(dlEv(Assigned, "2026-11-20"))
	c.Profile = "no-such-profile"
	if _, err := StatusOf(&c, DefaultCalendar()); err == nil {
		t.Error("StatusOf with an unknown profile: want an error")
	}
}

// ---- one obligation per row -------------------------------------------

type dlRow struct {
	name  string
	c     Case
	rule  string
	start Date // selects among several obligations of the rule, and is checked; NoDate: not checked
	due   Date
	opens Date // checked when set
	state State
	metOn Date // NoDate for active and missed
}

func dlCheckRows(t *testing.T, rows []dlRow) {
	t.Helper()
	p := dlProfile(t)
	cal := DefaultCalendar()
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			c := r.c
			obs := p.Obligations(&c, cal)
			cands := dlOfRule(obs, r.rule)
			if r.start != NoDate {
				var f []Obligation
				for _, o := range cands {
					if o.Start == r.start {
						f = append(f, o)
					}
				}
				cands = f
			} else if len(cands) > 1 {
				var f []Obligation
				for _, o := range cands {
					if o.Due == r.due {
						f = append(f, o)
					}
				}
				cands = f
			}
			if len(cands) != 1 {
				t.Fatalf("want exactly one %s obligation (start %v, due %v), found %d; all:%s",
					r.rule, r.start, r.due, len(cands), dlDump(obs))
			}
			o := cands[0]
			if o.Due != r.due {
				t.Errorf("%s due = %v (%v), want %v (%v)", r.rule, o.Due, o.Due.Weekday(), r.due, r.due.Weekday())
			}
			if r.opens != NoDate && o.Opens != r.opens {
				t.Errorf("%s opens = %v, want %v", r.rule, o.Opens, r.opens)
			}
			if o.State != r.state {
				t.Errorf("%s state = %v, want %v", r.rule, o.State, r.state)
			}
			if o.MetOn != r.metOn {
				t.Errorf("%s met on = %v, want %v", r.rule, o.MetOn, r.metOn)
			}
		})
	}
}

func TestDeadlineContact(t *testing.T) {
	asg := func(date string) Event { return dlAssigned(date, "anne") }
	dlCheckRows(t, []dlRow{
		// WD(d,2) examples from the spec and around holidays.
		{name: "spec example Fri", c: dlCase(asg("2026-11-20")), rule: "contact",
			start: d("2026-11-20"), due: d("2026-11-24"), state: Active},
		{name: "assigned on a Saturday", c: dlCase(asg("2026-11-21")), rule: "contact",
			start: d("2026-11-21"), due: d("2026-11-24"), state: Active},
		{name: "assigned on Good Friday 2026", c: dlCase(asg("2026-04-03")), rule: "contact",
			due: d("2026-04-08"), state: Active},
		{name: "Easter 2026", c: dlCase(asg("2026-04-01")), rule: "contact",
			due: d("2026-04-08"), state: Active},
		{name: "Easter 2027", c: dlCase(asg("2027-03-24")), rule: "contact",
			due: d("2027-03-31"), state: Active},
		{name: "Christmas 2026", c: dlCase(asg("2026-12-23")), rule: "contact",
			due: d("2026-12-29"), state: Active},
		{name: "New Year 2026/27", c: dlCase(asg("2026-12-30")), rule: "contact",
			due: d("2027-01-05"), state: Active},
		{name: "Ascension 2026", c: dlCase(asg("2026-05-13")), rule: "contact",
			due: d("2026-05-18"), state: Active},
		{name: "Whitsun 2026", c: dlCase(asg("2026-05-22")), rule: "contact",
			due: d("2026-05-27"), state: Active},
		{name: "Constitution Day 2026", c: dlCase(asg("2026-06-04")), rule: "contact",
			due: d("2026-06-09"), state: Active},
		{name: "Ascension 2027", c: dlCase(asg("2027-05-05")), rule: "contact",
			due: d("2027-05-10"), state: Active},
		{name: "Whitsun 2027", c: dlCase(asg("2027-05-14")), rule: "contact",
			due: d("2027-05-19"), state: Active},
		{name: "Great Prayer Day 2023 is a holiday", c: dlCase(asg("2023-05-04")), rule: "contact",
			due: d("2023-05-09"), state: Active},
		{name: "Great Prayer Day 2024 is abolished", c: dlCase(asg("2024-04-25")), rule: "contact",
			due: d("2024-04-29"), state: Active},

		// met by the first contact_attempt (any outcome) or first_meeting
		{name: "met on the due date by an unreached attempt",
			c:    dlCase(asg("2026-11-20"), dlAttempt("2026-11-24", false)),
			rule: "contact", due: d("2026-11-24"), state: MetOnTime, metOn: d("2026-11-24")},
		{name: "met late",
			c:    dlCase(asg("2026-11-20"), dlAttempt("2026-11-25", true)),
			rule: "contact", due: d("2026-11-24"), state: MetLate, metOn: d("2026-11-25")},
		{name: "met by a first meeting alone",
			c:    dlCase(asg("2026-11-20"), dlEv(FirstMeeting, "2026-11-23")),
			rule: "contact", due: d("2026-11-24"), state: MetOnTime, metOn: d("2026-11-23")},
		{name: "met early: attempt dated before the assignment",
			c:    dlCase(asg("2026-11-20"), dlAttempt("2026-11-18", false)),
			rule: "contact", due: d("2026-11-24"), state: MetOnTime, metOn: d("2026-11-18")},
		{name: "first attempt by date, listed out of order",
			c:    dlCase(asg("2026-11-20"), dlAttempt("2026-11-26", true), dlAttempt("2026-11-23", false)),
			rule: "contact", due: d("2026-11-24"), state: MetOnTime, metOn: d("2026-11-23")},
		{name: "first meeting earlier than the first attempt meets it",
			c:    dlCase(asg("2026-11-20"), dlAttempt("2026-11-25", true), dlEv(FirstMeeting, "2026-11-23")),
			rule: "contact", due: d("2026-11-24"), state: MetOnTime, metOn: d("2026-11-23")},

		// the first assigned, by date; reassignment does not restart it
		{name: "first assigned by date, listed out of order",
			c:    dlCase(dlAssigned("2026-11-09", "bo"), dlAssigned("2026-11-02", "anne")),
			rule: "contact", start: d("2026-11-02"), due: d("2026-11-04"), state: Active},
		{name: "reassignment does not restart contact",
			c: dlCase(dlAssigned("2026-11-02", "anne"), dlAssigned("2026-11-05", "bo"),
				dlAttempt("2026-11-06", true)),
			rule: "contact", start: d("2026-11-02"), due: d("2026-11-04"), state: MetLate, metOn: d("2026-11-06")},
	})
}

// contact_retry: while nobody has reached the citizen, the latest attempt
// calls for a new one within WD(attempt, 2); met by a later attempt or a
// first meeting.
func TestDeadlineContactRetry(t *testing.T) {
	asg := dlAssigned("2026-10-30", "anne")
	no := func(date string) Event { return dlAttempt(date, false) }
	annulled := no("2026-11-03")
	annulled.Annulled = &Annulment{Date: d("2026-11-04"), By: "anne", Reason: "wrong case"}
	dlCheckRows(t, []dlRow{
		{name: "one unreached attempt, spec example Fri", c: dlCase(asg, no("2026-11-20")), rule: "contact_retry",
			start: d("2026-11-20"), due: d("2026-11-24"), state: Active},
		{name: "month end: Fri 30 Oct", c: dlCase(asg, no("2026-10-30")), rule: "contact_retry",
			due: d("2026-11-03"), state: Active},
		{name: "Christmas 2026", c: dlCase(asg, no("2026-12-23")), rule: "contact_retry",
			due: d("2026-12-29"), state: Active},
		{name: "Easter 2027", c: dlCase(asg, no("2027-03-24")), rule: "contact_retry",
			due: d("2027-03-31"), state: Active},
		{name: "Great Prayer Day 2023 is a holiday", c: dlCase(asg, no("2023-05-04")), rule: "contact_retry",
			due: d("2023-05-09"), state: Active},
		{name: "Great Prayer Day 2024 is abolished", c: dlCase(asg, no("2024-04-25")), rule: "contact_retry",
			due: d("2024-04-29"), state: Active},
		{name: "the next attempt meets the earlier one", c: dlCase(asg, no("2026-11-02"), no("2026-11-03")), rule: "contact_retry",
			start: d("2026-11-02"), due: d("2026-11-04"), state: MetOnTime, metOn: d("2026-11-03")},
		{name: "and the latest is active", c: dlCase(asg, no("2026-11-02"), no("2026-11-03")), rule: "contact_retry",
			start: d("2026-11-03"), due: d("2026-11-05"), state: Active},
		{name: "the next attempt came late", c: dlCase(asg, no("2026-11-02"), no("2026-11-09")), rule: "contact_retry",
			start: d("2026-11-02"), due: d("2026-11-04"), state: MetLate, metOn: d("2026-11-09")},
		{name: "events out of order are counted in date order", c: dlCase(asg, no("2026-11-09"), no("2026-11-02")), rule: "contact_retry",
			start: d("2026-11-09"), due: d("2026-11-11"), state: Active},
		{name: "an attempt that reaches the citizen meets it", c: dlCase(asg, no("2026-11-02"), dlAttempt("2026-11-03", true)), rule: "contact_retry",
			start: d("2026-11-02"), due: d("2026-11-04"), state: MetOnTime, metOn: d("2026-11-03")},
		{name: "a first meeting meets it", c: dlCase(asg, no("2026-11-02"), dlEv(FirstMeeting, "2026-11-06")), rule: "contact_retry",
			start: d("2026-11-02"), due: d("2026-11-04"), state: MetLate, metOn: d("2026-11-06")},
		{name: "the earlier of next attempt and first meeting", c: dlCase(asg, no("2026-11-02"), dlEv(FirstMeeting, "2026-11-03"), no("2026-11-05")),
			rule: "contact_retry", start: d("2026-11-02"), due: d("2026-11-04"), state: MetOnTime, metOn: d("2026-11-03")},
		{name: "an annulled attempt does not meet it", c: dlCase(asg, no("2026-11-02"), annulled), rule: "contact_retry",
			start: d("2026-11-02"), due: d("2026-11-04"), state: Active},
		{name: "closing ends the retries: missed", c: dlCase(asg, no("2026-11-02"), dlEv(Closed, "2026-11-10")), rule: "contact_retry",
			start: d("2026-11-02"), due: d("2026-11-04"), state: Missed},
	})
	p := dlProfile(t)
	cal := DefaultCalendar()
	for _, tc := range []struct {
		name string
		c    Case
		n    int  // obligations of contact_retry
		live bool // one of them is active
	}{
		{"no attempt, no retry", dlCase(asg), 0, false},
		{"a reached first attempt needs no retry", dlCase(asg, dlAttempt("2026-11-02", true)), 0, false},
		{"nothing after the citizen was reached", dlCase(asg, no("2026-11-02"), dlAttempt("2026-11-03", true), no("2026-11-04")), 1, false},
		{"one per unreached attempt", dlCase(asg, no("2026-11-02"), no("2026-11-03"), no("2026-11-04")), 3, true},
		{"two the same day: the second meets the first", dlCase(asg, no("2026-11-02"), no("2026-11-02")), 2, true},
		{"none after a first meeting", dlCase(asg, dlEv(FirstMeeting, "2026-11-03"), no("2026-11-10")), 0, false},
		{"the attempt before a first meeting only", dlCase(asg, no("2026-11-02"), dlEv(FirstMeeting, "2026-11-03"), no("2026-11-10")), 1, false},
		{"rejected: none", dlCase(no("2026-11-02"), dlEv(Rejected, "2026-11-03")), 0, false},
	} {
		c := tc.c
		obs := dlOfRule(p.Obligations(&c, cal), "contact_retry")
		active := 0
		for _, o := range obs {
			if o.State == Active {
				active++
			}
		}
		if len(obs) != tc.n || (active == 1) != tc.live || active > 1 {
			t.Errorf("%s: %d contact_retry obligations (%d active), want %d (one active: %v)", tc.name, len(obs), active, tc.n, tc.live)
		}
	}
	// A tie with a goal due the same day goes to contact_retry, earlier in the table.
	c := dlWith(dlCase(asg, no("2026-11-02")), []Goal{dlGoal("2026-11-04", false, "")}, nil)
	if next, ok := Next(p.Obligations(&c, cal)); !ok || next.Rule != "contact_retry" || next.Due != d("2026-11-04") {
		t.Errorf("next = %s %v", next.Rule, next.Due)
	}
}

func TestDeadlineFirstMeeting(t *testing.T) {
	base := []Event{dlAssigned("2026-11-03", "anne"), dlAttempt("2026-11-04", false), dlAttempt("2026-11-05", true)}
	with := func(extra ...Event) Case { return dlCase(append(append([]Event(nil), base...), extra...)...) }
	dlCheckRows(t, []dlRow{
		{name: "starts at the first reached attempt", c: with(), rule: "first_meeting",
			start: d("2026-11-05"), due: d("2026-11-12"), state: Active},
		{name: "met on time", c: with(dlEv(FirstMeeting, "2026-11-10")), rule: "first_meeting",
			due: d("2026-11-12"), state: MetOnTime, metOn: d("2026-11-10")},
		{name: "met on the due date", c: with(dlEv(FirstMeeting, "2026-11-12")), rule: "first_meeting",
			due: d("2026-11-12"), state: MetOnTime, metOn: d("2026-11-12")},
		{name: "met late", c: with(dlEv(FirstMeeting, "2026-11-13")), rule: "first_meeting",
			due: d("2026-11-12"), state: MetLate, metOn: d("2026-11-13")},
		{name: "met early: first meeting before the reached attempt",
			c: with(dlEv(FirstMeeting, "2026-11-03")), rule: "first_meeting",
			due: d("2026-11-12"), state: MetOnTime, metOn: d("2026-11-03")},
		{name: "first first_meeting by date, listed out of order",
			c:    with(dlEv(FirstMeeting, "2026-11-20"), dlEv(FirstMeeting, "2026-11-10")),
			rule: "first_meeting", due: d("2026-11-12"), state: MetOnTime, metOn: d("2026-11-10")},
		{name: "first reached attempt by date, listed out of order",
			c:    dlCase(dlAssigned("2026-11-03", "anne"), dlAttempt("2026-11-12", true), dlAttempt("2026-11-05", true)),
			rule: "first_meeting", start: d("2026-11-05"), due: d("2026-11-12"), state: Active},
		{name: "Christmas 2026", c: dlCase(dlAttempt("2026-12-18", true)), rule: "first_meeting",
			due: d("2026-12-29"), state: Active},
		{name: "Christmas and New Year 2026/27", c: dlCase(dlAttempt("2026-12-22", true)), rule: "first_meeting",
			due: d("2027-01-04"), state: Active},
		{name: "Easter 2027", c: dlCase(dlAttempt("2027-03-22", true)), rule: "first_meeting",
			due: d("2027-04-01"), state: Active},
		{name: "Constitution Day 2026", c: dlCase(dlAttempt("2026-05-29", true)), rule: "first_meeting",
			due: d("2026-06-08"), state: Active},
	})
}

func TestDeadlineAdvice(t *testing.T) {
	fm := func(date string, extra ...Event) Case {
		return dlCase(append([]Event{dlEv(FirstMeeting, date)}, extra...)...)
	}
	dlCheckRows(t, []dlRow{
		{name: "starts at the first meeting", c: fm("2026-11-10"), rule: "advice",
			start: d("2026-11-10"), due: d("2026-11-12"), state: Active},
		{name: "met on time", c: fm("2026-11-10", dlEv(AdviceGiven, "2026-11-11")), rule: "advice",
			due: d("2026-11-12"), state: MetOnTime, metOn: d("2026-11-11")},
		{name: "met on the due date", c: fm("2026-11-10", dlEv(AdviceGiven, "2026-11-12")), rule: "advice",
			due: d("2026-11-12"), state: MetOnTime, metOn: d("2026-11-12")},
		{name: "met late", c: fm("2026-11-10", dlEv(AdviceGiven, "2026-11-13")), rule: "advice",
			due: d("2026-11-12"), state: MetLate, metOn: d("2026-11-13")},
		{name: "met early: advice before the first meeting", c: fm("2026-11-10", dlEv(AdviceGiven, "2026-11-09")),
			rule: "advice", due: d("2026-11-12"), state: MetOnTime, metOn: d("2026-11-09")},
		{name: "first advice by date, listed out of order",
			c:    fm("2026-11-10", dlEv(AdviceGiven, "2026-11-20"), dlEv(AdviceGiven, "2026-11-11")),
			rule: "advice", due: d("2026-11-12"), state: MetOnTime, metOn: d("2026-11-11")},
		{name: "first meeting by date, listed out of order",
			c:    dlCase(dlEv(FirstMeeting, "2026-11-17"), dlEv(FirstMeeting, "2026-11-10")),
			rule: "advice", start: d("2026-11-10"), due: d("2026-11-12"), state: Active},
		{name: "Easter 2027", c: fm("2027-03-24"), rule: "advice", due: d("2027-03-31"), state: Active},
		{name: "Constitution Day 2026", c: fm("2026-06-03"), rule: "advice", due: d("2026-06-08"), state: Active},
		{name: "Christmas 2026", c: fm("2026-12-23"), rule: "advice", due: d("2026-12-29"), state: Active},
		{name: "Ascension 2026", c: fm("2026-05-13"), rule: "advice", due: d("2026-05-18"), state: Active},
	})
}

func TestDeadlineNeedsAssessment(t *testing.T) {
	fm := func(date string, extra ...Event) Case {
		return dlCase(append([]Event{dlEv(FirstMeeting, date)}, extra...)...)
	}
	na := "needs_assessment"
	dlCheckRows(t, []dlRow{
		{name: "plain month", c: fm("2026-11-10"), rule: na,
			start: d("2026-11-10"), due: d("2026-12-10"), state: Active},
		{name: "month-end clamp to Sun 28 Feb, moved to Mon 1 Mar", c: fm("2027-01-31"), rule: na,
			due: d("2027-03-01"), state: Active},
		{name: "leap year clamp to 29 Feb", c: fm("2028-01-31"), rule: na, due: d("2028-02-29"), state: Active},
		{name: "clamp to 30 April", c: fm("2026-03-31"), rule: na, due: d("2026-04-30"), state: Active},
		{name: "lands on Good Friday 2026", c: fm("2026-03-03"), rule: na, due: d("2026-04-07"), state: Active},
		{name: "lands on Maundy Thursday 2027", c: fm("2027-02-25"), rule: na, due: d("2027-03-30"), state: Active},
		{name: "lands on Christmas Eve", c: fm("2026-11-24"), rule: na, due: d("2026-12-28"), state: Active},
		{name: "lands on New Year's Day", c: fm("2026-12-01"), rule: na, due: d("2027-01-04"), state: Active},
		{name: "lands on Constitution Day", c: fm("2026-05-05"), rule: na, due: d("2026-06-08"), state: Active},
		{name: "lands on Ascension 2026", c: fm("2026-04-14"), rule: na, due: d("2026-05-15"), state: Active},
		{name: "lands on Whit Monday 2026", c: fm("2026-04-25"), rule: na, due: d("2026-05-26"), state: Active},
		{name: "lands on Whit Monday 2027", c: fm("2027-04-17"), rule: na, due: d("2027-05-18"), state: Active},
		{name: "met on the due date", c: fm("2026-11-10", dlEv(NeedsAssessed, "2026-12-10")), rule: na,
			due: d("2026-12-10"), state: MetOnTime, metOn: d("2026-12-10")},
		{name: "met late", c: fm("2026-11-10", dlEv(NeedsAssessed, "2026-12-11")), rule: na,
			due: d("2026-12-10"), state: MetLate, metOn: d("2026-12-11")},
		{name: "met early: assessed before the first meeting", c: fm("2026-11-10", dlEv(NeedsAssessed, "2026-11-09")),
			rule: na, due: d("2026-12-10"), state: MetOnTime, metOn: d("2026-11-09")},
		{name: "late month-end met on the moved due date", c: fm("2027-01-31", dlEv(NeedsAssessed, "2027-03-01")),
			rule: na, due: d("2027-03-01"), state: MetOnTime, metOn: d("2027-03-01")},
	})
}

func TestDeadlineCoordinatingMeeting(t *testing.T) {
	fm := func(date string, extra ...Event) Case {
		return dlCase(append([]Event{dlEv(FirstMeeting, date)}, extra...)...)
	}
	cm := "coordinating_meeting"
	dlCheckRows(t, []dlRow{
		{name: "internal: WD(first meeting, 5)", c: fm("2026-11-10", dlPlanned("2026-11-12", "internal")),
			rule: cm, start: d("2026-11-12"), due: d("2026-11-17"), state: Active},
		{name: "external: WD(first meeting, 14)", c: fm("2026-11-10", dlPlanned("2026-11-12", "external")),
			rule: cm, due: d("2026-11-30"), state: Active},
		{name: "external met by a coordinating meeting (interchange example)",
			c:    fm("2026-11-10", dlPlanned("2026-11-10", "external"), dlHeld("2026-11-24", "coordinating")),
			rule: cm, due: d("2026-11-30"), state: MetOnTime, metOn: d("2026-11-24")},
		{name: "a followup meeting does not meet it",
			c:    fm("2026-11-10", dlPlanned("2026-11-12", "internal"), dlHeld("2026-11-13", "followup")),
			rule: cm, due: d("2026-11-17"), state: Active},
		{name: "met late by the first coordinating meeting",
			c: fm("2026-11-10", dlPlanned("2026-11-12", "internal"), dlHeld("2026-11-13", "followup"),
				dlHeld("2026-11-19", "coordinating")),
			rule: cm, due: d("2026-11-17"), state: MetLate, metOn: d("2026-11-19")},
		{name: "met on the due date",
			c:    fm("2026-11-10", dlPlanned("2026-11-12", "internal"), dlHeld("2026-11-17", "coordinating")),
			rule: cm, due: d("2026-11-17"), state: MetOnTime, metOn: d("2026-11-17")},
		{name: "met early: held before it was planned",
			c:    fm("2026-11-10", dlHeld("2026-11-11", "coordinating"), dlPlanned("2026-11-12", "internal")),
			rule: cm, due: d("2026-11-17"), state: MetOnTime, metOn: d("2026-11-11")},
		{name: "first coordinating meeting by date, listed out of order",
			c: fm("2026-11-10", dlPlanned("2026-11-12", "internal"), dlHeld("2026-11-25", "coordinating"),
				dlHeld("2026-11-16", "coordinating")),
			rule: cm, due: d("2026-11-17"), state: MetOnTime, metOn: d("2026-11-16")},
		{name: "scope of the first planning by date, listed out of order",
			c:    fm("2026-11-10", dlPlanned("2026-11-20", "external"), dlPlanned("2026-11-12", "internal")),
			rule: cm, start: d("2026-11-12"), due: d("2026-11-17"), state: Active},
		{name: "external over Christmas and New Year", c: fm("2026-12-09", dlPlanned("2026-12-09", "external")),
			rule: cm, due: d("2027-01-04"), state: Active},
		{name: "external over Easter 2026", c: fm("2026-03-25", dlPlanned("2026-03-25", "external")),
			rule: cm, due: d("2026-04-17"), state: Active},
		{name: "internal over Whitsun 2026", c: fm("2026-05-20", dlPlanned("2026-05-20", "internal")),
			rule: cm, due: d("2026-05-28"), state: Active},
	})
}

func TestDeadlineMinutes(t *testing.T) {
	fm := func(extra ...Event) Case {
		return dlCase(append([]Event{dlEv(FirstMeeting, "2026-11-10")}, extra...)...)
	}
	m := "minutes"
	dlCheckRows(t, []dlRow{
		{name: "starts at a coordinating meeting", c: fm(dlHeld("2026-11-24", "coordinating")), rule: m,
			start: d("2026-11-24"), due: d("2026-12-01"), state: Active},
		{name: "met on time", c: fm(dlHeld("2026-11-24", "coordinating"), dlEv(MinutesSent, "2026-11-26")),
			rule: m, start: d("2026-11-24"), due: d("2026-12-01"), state: MetOnTime, metOn: d("2026-11-26")},
		{name: "met on the meeting day", c: fm(dlHeld("2026-11-24", "coordinating"), dlEv(MinutesSent, "2026-11-24")),
			rule: m, start: d("2026-11-24"), due: d("2026-12-01"), state: MetOnTime, metOn: d("2026-11-24")},
		{name: "met on the due date", c: fm(dlHeld("2026-11-24", "coordinating"), dlEv(MinutesSent, "2026-12-01")),
			rule: m, start: d("2026-11-24"), due: d("2026-12-01"), state: MetOnTime, metOn: d("2026-12-01")},
		{name: "minutes dated before the meeting do not meet it",
			c:    fm(dlHeld("2026-11-24", "coordinating"), dlEv(MinutesSent, "2026-11-20")),
			rule: m, start: d("2026-11-24"), due: d("2026-12-01"), state: Active},
		{name: "earlier minutes skipped, later ones meet it late",
			c:    fm(dlHeld("2026-11-24", "coordinating"), dlEv(MinutesSent, "2026-12-03"), dlEv(MinutesSent, "2026-11-20")),
			rule: m, start: d("2026-11-24"), due: d("2026-12-01"), state: MetLate, metOn: d("2026-12-03")},
		// two meetings, listed out of order, each with its own obligation
		{name: "two meetings: the first",
			c: fm(dlHeld("2026-12-21", "coordinating"), dlHeld("2026-11-24", "coordinating"),
				dlEv(MinutesSent, "2027-01-05"), dlEv(MinutesSent, "2026-11-26")),
			rule: m, start: d("2026-11-24"), due: d("2026-12-01"), state: MetOnTime, metOn: d("2026-11-26")},
		{name: "two meetings: the second, over Christmas, met late",
			c: fm(dlHeld("2026-12-21", "coordinating"), dlHeld("2026-11-24", "coordinating"),
				dlEv(MinutesSent, "2027-01-05"), dlEv(MinutesSent, "2026-11-26")),
			rule: m, start: d("2026-12-21"), due: d("2026-12-30"), state: MetLate, metOn: d("2027-01-05")},
		{name: "one minutes_sent meets two earlier meetings: the first",
			c: fm(dlHeld("2026-11-24", "coordinating"), dlHeld("2026-11-25", "coordinating"),
				dlEv(MinutesSent, "2026-11-26")),
			rule: m, start: d("2026-11-24"), due: d("2026-12-01"), state: MetOnTime, metOn: d("2026-11-26")},
		{name: "one minutes_sent meets two earlier meetings: the second",
			c: fm(dlHeld("2026-11-24", "coordinating"), dlHeld("2026-11-25", "coordinating"),
				dlEv(MinutesSent, "2026-11-26")),
			rule: m, start: d("2026-11-25"), due: d("2026-12-02"), state: MetOnTime, metOn: d("2026-11-26")},
		{name: "over Ascension 2027", c: fm(dlHeld("2027-05-03", "coordinating")),
			rule: m, start: d("2027-05-03"), due: d("2027-05-11"), state: Active},
	})
}

func TestDeadlineFollowupAfterClose(t *testing.T) {
	closedCase := func(fmDate, closed string, extra ...Event) Case {
		evs := []Event{dlEv(FirstMeeting, fmDate), {Type: Closed, Date: d(closed), Reason: "handed over"}}
		return dlCase(append(evs, extra...)...)
	}
	f := "followup_after_close"
	dlCheckRows(t, []dlRow{
		{name: "six months moved off a Sunday; window opens at three months",
			c: closedCase("2026-11-10", "2027-02-01"), rule: f,
			start: d("2027-02-01"), due: d("2027-08-02"), opens: d("2027-05-01"), state: Active},
		{name: "met on time (interchange example)",
			c:    closedCase("2026-11-10", "2027-02-01", dlEv(FollowupDone, "2027-06-01")),
			rule: f, due: d("2027-08-02"), opens: d("2027-05-01"), state: MetOnTime, metOn: d("2027-06-01")},
		{name: "met on the due date",
			c:    closedCase("2026-11-10", "2027-02-01", dlEv(FollowupDone, "2027-08-02")),
			rule: f, due: d("2027-08-02"), state: MetOnTime, metOn: d("2027-08-02")},
		{name: "met late",
			c:    closedCase("2026-11-10", "2027-02-01", dlEv(FollowupDone, "2027-08-03")),
			rule: f, due: d("2027-08-02"), state: MetLate, metOn: d("2027-08-03")},
		{name: "a followup_done before closing does not meet it",
			c:    closedCase("2026-11-10", "2027-02-01", dlEv(FollowupDone, "2027-01-15")),
			rule: f, due: d("2027-08-02"), state: Active},
		{name: "the first followup_done on or after closing, listed out of order",
			c: closedCase("2026-11-10", "2027-02-01", dlEv(FollowupDone, "2027-09-01"),
				dlEv(FollowupDone, "2027-01-15"), dlEv(FollowupDone, "2027-06-01")),
			rule: f, due: d("2027-08-02"), state: MetOnTime, metOn: d("2027-06-01")},
		{name: "month end: 31 Aug -> 28 Feb (Sun) -> 1 Mar; opens 30 Nov",
			c: closedCase("2026-06-03", "2026-08-31"), rule: f,
			due: d("2027-03-01"), opens: d("2026-11-30"), state: Active},
		{name: "lands on Christmas Eve", c: closedCase("2026-06-03", "2026-06-24"), rule: f,
			due: d("2026-12-28"), opens: d("2026-09-24"), state: Active},
		{name: "lands on Christmas Day", c: closedCase("2026-06-03", "2026-06-25"), rule: f,
			due: d("2026-12-28"), opens: d("2026-09-25"), state: Active},
		{name: "lands on New Year's Day", c: closedCase("2026-06-03", "2026-07-01"), rule: f,
			due: d("2027-01-04"), opens: d("2026-10-01"), state: Active},
		{name: "lands on Easter Monday 2027", c: closedCase("2026-06-03", "2026-09-29"), rule: f,
			due: d("2027-03-30"), opens: d("2026-12-29"), state: Active},
		{name: "lands on Constitution Day 2026", c: closedCase("2025-11-20", "2025-12-05"), rule: f,
			due: d("2026-06-08"), opens: d("2026-03-05"), state: Active},
		{name: "leap year: 31 Aug 2027 -> 29 Feb 2028", c: closedCase("2027-05-03", "2027-08-31"), rule: f,
			due: d("2028-02-29"), opens: d("2027-11-30"), state: Active},
	})
}

func TestDeadlineGoalsAndTasks(t *testing.T) {
	base := dlCase(dlEv(FirstMeeting, "2026-11-10"))
	g := "goal_followup"
	tk := "task"
	dlCheckRows(t, []dlRow{
		{name: "goal date kept on a holiday", c: dlWith(base, []Goal{dlGoal("2026-12-25", false, "")}, nil),
			rule: g, due: d("2026-12-25"), state: Active},
		{name: "goal date kept on a Saturday", c: dlWith(base, []Goal{dlGoal("2026-11-21", false, "")}, nil),
			rule: g, due: d("2026-11-21"), state: Active},
		{name: "goal followed up on time", c: dlWith(base, []Goal{dlGoal("2026-12-25", true, "2026-12-22")}, nil),
			rule: g, due: d("2026-12-25"), state: MetOnTime, metOn: d("2026-12-22")},
		{name: "goal followed up on the date", c: dlWith(base, []Goal{dlGoal("2026-12-25", true, "2026-12-25")}, nil),
			rule: g, due: d("2026-12-25"), state: MetOnTime, metOn: d("2026-12-25")},
		{name: "goal followed up late", c: dlWith(base, []Goal{dlGoal("2026-12-25", true, "2027-01-04")}, nil),
			rule: g, due: d("2026-12-25"), state: MetLate, metOn: d("2027-01-04")},
		{name: "two goals: the one with a date",
			c:    dlWith(base, []Goal{dlGoal("", false, ""), dlGoal("2026-12-15", false, "")}, nil),
			rule: g, due: d("2026-12-15"), state: Active},
		{name: "two dated goals: the second",
			c:    dlWith(base, []Goal{dlGoal("2026-12-15", true, "2026-12-14"), dlGoal("2027-01-31", false, "")}, nil),
			rule: g, due: d("2027-01-31"), state: Active},
		{name: "task date kept on Boxing Day", c: dlWith(base, nil, []Task{dlTask("2026-12-26", false, "")}),
			rule: tk, due: d("2026-12-26"), state: Active},
		{name: "task date kept on Constitution Day", c: dlWith(base, nil, []Task{dlTask("2026-06-05", false, "")}),
			rule: tk, due: d("2026-06-05"), state: Active},
		{name: "task done on the due date", c: dlWith(base, nil, []Task{dlTask("2026-12-03", true, "2026-12-03")}),
			rule: tk, due: d("2026-12-03"), state: MetOnTime, metOn: d("2026-12-03")},
		{name: "task done late", c: dlWith(base, nil, []Task{dlTask("2026-12-03", true, "2026-12-04")}),
			rule: tk, due: d("2026-12-03"), state: MetLate, metOn: d("2026-12-04")},
		{name: "task done early", c: dlWith(base, nil, []Task{dlTask("2026-12-03", true, "2026-11-20")}),
			rule: tk, due: d("2026-12-03"), state: MetOnTime, metOn: d("2026-11-20")},
		{name: "two tasks: the one with a due date",
			c:    dlWith(base, nil, []Task{dlTask("", false, ""), dlTask("2026-12-03", false, "")}),
			rule: tk, due: d("2026-12-03"), state: Active},
	})
}

// A goal or task marked done without a date is met; whether on time or
// late is not decidable, so only "not active, not missed" is checked.
func TestDeadlineGoalTaskMarkedWithoutDate(t *testing.T) {
	p := dlProfile(t)
	c := dlWith(dlCase(dlEv(FirstMeeting, "2026-11-10")),
		[]Goal{dlGoal("2026-12-15", true, "")}, []Task{dlTask("2026-12-03", true, "")})
	for _, o := range p.Obligations(&c, DefaultCalendar()) {
		if (o.Rule == "goal_followup" || o.Rule == "task") && (o.State == Active || o.State == Missed) {
			t.Errorf("%s marked done is %v, want met", o.Rule, o.State)
		}
	}
}

// ---- closing: everything unmet is missed, except followup_after_close ----

func TestDeadlineClosing(t *testing.T) {
	closed := dlWith(dlCase(
		dlAssigned("2026-11-03", "anne"),
		dlAttempt("2026-11-05", true),
		dlEv(FirstMeeting, "2026-11-10"),
		dlPlanned("2026-11-10", "external"),
		dlHeld("2026-11-13", "coordinating"),
		dlEv(Closed, "2026-11-20"),
	), []Goal{dlGoal("2026-12-15", false, "")}, []Task{dlTask("2026-12-03", false, ""), dlTask("2026-11-11", true, "2026-11-11")})

	dlCheckRows(t, []dlRow{
		{name: "contact stays met", c: closed, rule: "contact", due: d("2026-11-05"), state: MetOnTime, metOn: d("2026-11-05")},
		{name: "first meeting stays met", c: closed, rule: "first_meeting", due: d("2026-11-12"), state: MetOnTime, metOn: d("2026-11-10")},
		{name: "advice missed", c: closed, rule: "advice", due: d("2026-11-12"), state: Missed},
		{name: "needs assessment missed", c: closed, rule: "needs_assessment", due: d("2026-12-10"), state: Missed},
		{name: "coordinating meeting stays met", c: closed, rule: "coordinating_meeting", due: d("2026-11-30"), state: MetOnTime, metOn: d("2026-11-13")},
		{name: "minutes missed", c: closed, rule: "minutes", start: d("2026-11-13"), due: d("2026-11-20"), state: Missed},
		{name: "goal missed", c: closed, rule: "goal_followup", due: d("2026-12-15"), state: Missed},
		{name: "open task missed", c: closed, rule: "task", due: d("2026-12-03"), state: Missed},
		{name: "done task stays met", c: closed, rule: "task", due: d("2026-11-11"), state: MetOnTime, metOn: d("2026-11-11")},
		{name: "followup after close stays active", c: closed, rule: "followup_after_close",
			start: d("2026-11-20"), due: d("2027-05-20"), opens: d("2027-02-20"), state: Active},
	})

	p := dlProfile(t)
	cal := DefaultCalendar()
	next, ok := Next(p.Obligations(&closed, cal))
	if !ok || next.Rule != "followup_after_close" || next.Due != d("2027-05-20") {
		t.Errorf("closed case: Next = %s %v (ok %v), want followup_after_close 2027-05-20", next.Rule, next.Due, ok)
	}

	// Closed without a first meeting: everything unmet is missed, nothing active.
	noFM := dlWith(dlCase(dlAssigned("2026-11-20", "anne"), dlEv(Closed, "2026-11-23")),
		nil, []Task{dlTask("2026-12-03", false, "")})
	obs := p.Obligations(&noFM, cal)
	if n := len(dlOfRule(obs, "followup_after_close")); n != 0 {
		t.Errorf("closed without a first meeting: %d followup_after_close obligations, want 0", n)
	}
	for _, o := range obs {
		if o.State == Active {
			t.Errorf("closed without a first meeting: %s still active", o.Rule)
		}
	}
	dlCheckRows(t, []dlRow{
		{name: "contact missed at closing", c: noFM, rule: "contact", due: d("2026-11-24"), state: Missed},
		{name: "task missed at closing", c: noFM, rule: "task", due: d("2026-12-03"), state: Missed},
	})
}

// ---- rejected: no obligations at all ---------------------------------

func TestDeadlineRejected(t *testing.T) {
	p := dlProfile(t)
	cal := DefaultCalendar()
	cases := map[string]Case{
		"rejected at triage": dlWith(dlCase(dlEv(ReferralReceived, "2026-11-02"), dlEv(Rejected, "2026-11-04")),
			[]Goal{dlGoal("2026-12-15", false, "")}, []Task{dlTask("2026-12-03", false, "")}),
		"rejected after assignment": dlCase(dlEv(ReferralReceived, "2026-11-02"), dlAssigned("2026-11-03", "anne"),
			dlAttempt("2026-11-05", true), dlEv(FirstMeeting, "2026-11-10"), dlEv(Rejected, "2026-11-11")),
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if obs := p.Obligations(&c, cal); len(obs) != 0 {
				t.Errorf("rejected case has obligations:%s", dlDump(obs))
			}
			st, err := StatusOf(&c, cal)
			if err != nil {
				t.Fatal(err)
			}
			if st.Open || st.Has {
				t.Errorf("rejected case: StatusOf = %+v, want not open and no next deadline", st)
			}
		})
	}
}

// ---- how many obligations a rule starts --------------------------------

func TestDeadlineObligationCounts(t *testing.T) {
	p := dlProfile(t)
	cal := DefaultCalendar()
	rows := []struct {
		name string
		c    Case
		rule string
		want int
	}{
		{"no obligations before triage", dlCase(dlEv(ReferralReceived, "2026-11-02")), "", 0},
		{"no contact without an assignment", dlCase(dlEv(ReferralReceived, "2026-11-02")), "contact", 0},
		{"reassignment: still one contact",
			dlCase(dlAssigned("2026-11-02", "anne"), dlAssigned("2026-11-09", "bo"), dlAssigned("2026-11-16", "cy")), "contact", 1},
		{"no first_meeting obligation without a reached attempt",
			dlCase(dlAssigned("2026-11-02", "anne"), dlAttempt("2026-11-03", false), dlAttempt("2026-11-04", false)), "first_meeting", 0},
		{"two reached attempts: one first_meeting obligation",
			dlCase(dlAttempt("2026-11-03", true), dlAttempt("2026-11-04", true)), "first_meeting", 1},
		{"two first meetings: one advice", dlCase(dlEv(FirstMeeting, "2026-11-10"), dlEv(FirstMeeting, "2026-11-17")), "advice", 1},
		{"two first meetings: one needs assessment", dlCase(dlEv(FirstMeeting, "2026-11-10"), dlEv(FirstMeeting, "2026-11-17")), "needs_assessment", 1},
		{"no advice without a first meeting", dlCase(dlAssigned("2026-11-02", "anne")), "advice", 0},
		{"no needs assessment without a first meeting", dlCase(dlAssigned("2026-11-02", "anne")), "needs_assessment", 0},
		{"coordination planned without a first meeting: nothing",
			dlCase(dlAssigned("2026-11-02", "anne"), dlPlanned("2026-11-05", "internal")), "coordinating_meeting", 0},
		{"two plannings: one coordinating_meeting",
			dlCase(dlEv(FirstMeeting, "2026-11-10"), dlPlanned("2026-11-11", "internal"), dlPlanned("2026-11-20", "external")), "coordinating_meeting", 1},
		{"no coordinating_meeting without a planning", dlCase(dlEv(FirstMeeting, "2026-11-10")), "coordinating_meeting", 0},
		{"a followup meeting starts no minutes",
			dlCase(dlEv(FirstMeeting, "2026-11-10"), dlHeld("2026-11-24", "followup")), "minutes", 0},
		{"one minutes per coordinating meeting",
			dlCase(dlEv(FirstMeeting, "2026-11-10"), dlHeld("2026-12-21", "coordinating"), dlHeld("2026-11-24", "followup"),
				dlHeld("2026-11-24", "coordinating"), dlHeld("2027-01-12", "coordinating")), "minutes", 3},
		{"no followup_after_close while open", dlCase(dlEv(FirstMeeting, "2026-11-10")), "followup_after_close", 0},
		{"no followup_after_close without a first meeting",
			dlCase(dlAssigned("2026-11-02", "anne"), dlAttempt("2026-11-03", true), dlEv(Closed, "2026-11-20")), "followup_after_close", 0},
		{"followup_after_close with a first meeting",
			dlCase(dlEv(FirstMeeting, "2026-11-10"), dlEv(Closed, "2026-11-20")), "followup_after_close", 1},
		{"goals without a follow-up date start nothing",
			dlWith(dlCase(), []Goal{dlGoal("", false, ""), dlGoal("", true, "")}, nil), "goal_followup", 0},
		{"one goal_followup per dated goal",
			dlWith(dlCase(), []Goal{dlGoal("2026-12-15", false, ""), dlGoal("", false, ""), dlGoal("2026-12-15", false, "")}, nil), "goal_followup", 2},
		{"tasks without a due date start nothing",
			dlWith(dlCase(), nil, []Task{dlTask("", false, ""), dlTask("", true, "")}), "task", 0},
		{"one task obligation per dated task",
			dlWith(dlCase(), nil, []Task{dlTask("2026-12-03", false, ""), dlTask("", false, ""), dlTask("2026-12-04", true, "2026-12-01")}), "task", 2},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			c := r.c
			obs := p.Obligations(&c, cal)
			got := len(obs)
			if r.rule != "" {
				got = len(dlOfRule(obs, r.rule))
			}
			if got != r.want {
				t.Errorf("%d %q obligations, want %d; all:%s", got, r.rule, r.want, dlDump(obs))
			}
		})
	}
}

// ---- Next: earliest due among active, ties by table order -------------

func TestDeadlineNext(t *testing.T) {
	p := dlProfile(t)
	cal := DefaultCalendar()
	// assigned Tue 3 Nov (contact due 5 Nov) met by the reached attempt on
	// 5 Nov; first_meeting (due 12 Nov) met on 10 Nov; advice due 12 Nov;
	// needs_assessment due 10 Dec.
	started := func(extra ...Event) Case {
		return dlCase(append([]Event{dlAssigned("2026-11-03", "anne"), dlAttempt("2026-11-05", true),
			dlEv(FirstMeeting, "2026-11-10")}, extra...)...)
	}
	rows := []struct {
		name string
		c    Case
		rule string // "" means no next deadline
		due  Date
	}{
		{"advice and a task due the same day: advice",
			dlWith(started(), nil, []Task{dlTask("2026-11-12", false, "")}), "advice", d("2026-11-12")},
		{"a task due earlier than advice",
			dlWith(started(), nil, []Task{dlTask("2026-11-11", false, "")}), "task", d("2026-11-11")},
		{"goal and task the same day: goal",
			dlWith(dlCase(), []Goal{dlGoal("2026-11-20", false, "")}, []Task{dlTask("2026-11-20", false, "")}), "goal_followup", d("2026-11-20")},
		{"task listed before goal, same day: still goal",
			dlWith(dlCase(), []Goal{dlGoal("2026-11-25", false, ""), dlGoal("2026-11-20", false, "")},
				[]Task{dlTask("2026-11-20", false, ""), dlTask("2026-11-19", true, "2026-11-19")}), "goal_followup", d("2026-11-20")},
		{"contact and a goal the same day: contact",
			dlWith(dlCase(dlAssigned("2026-11-20", "anne")), []Goal{dlGoal("2026-11-24", false, "")}, nil), "contact", d("2026-11-24")},
		{"needs assessment and a goal the same day: needs assessment",
			dlWith(started(dlEv(AdviceGiven, "2026-11-11")), []Goal{dlGoal("2026-12-10", false, "")}, nil), "needs_assessment", d("2026-12-10")},
		{"met obligations are skipped",
			dlWith(started(dlEv(AdviceGiven, "2026-11-11")), nil, []Task{dlTask("2026-11-11", true, "2026-11-11")}), "needs_assessment", d("2026-12-10")},
		{"a met-late obligation is skipped",
			started(dlEv(AdviceGiven, "2026-11-20")), "needs_assessment", d("2026-12-10")},
		{"an overdue active obligation is still next",
			dlWith(started(), nil, []Task{dlTask("2027-01-10", false, "")}), "advice", d("2026-11-12")},
		{"minutes of a coordinating meeting due before needs assessment",
			started(dlEv(AdviceGiven, "2026-11-11"), dlPlanned("2026-11-11", "external"), dlHeld("2026-11-12", "followup"),
				dlHeld("2026-11-13", "coordinating")), "minutes", d("2026-11-20")},
		{"nothing active before triage", dlCase(dlEv(ReferralReceived, "2026-11-02")), "", NoDate},
		{"an unreached attempt keeps a new attempt due",
			dlCase(dlAssigned("2026-11-03", "anne"), dlAttempt("2026-11-04", false)), "contact_retry", d("2026-11-06")},
		{"nothing active when everything is met",
			dlCase(dlAssigned("2026-11-03", "anne"), dlAttempt("2026-11-04", false), dlAttempt("2026-11-05", true),
				dlEv(FirstMeeting, "2026-11-06"), dlEv(AdviceGiven, "2026-11-06"), dlEv(NeedsAssessed, "2026-11-20")), "", NoDate},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			c := r.c
			obs := p.Obligations(&c, cal)
			next, ok := Next(obs)
			if r.rule == "" {
				if ok {
					t.Errorf("Next = %s %v, want none; all:%s", next.Rule, next.Due, dlDump(obs))
				}
				return
			}
			if !ok || next.Rule != r.rule || next.Due != r.due {
				t.Errorf("Next = %s %v (ok %v), want %s %v; all:%s", next.Rule, next.Due, ok, r.rule, r.due, dlDump(obs))
			}
			st, err := StatusOf(&c, cal)
			if err != nil {
				t.Fatal(err)
			}
			if !st.Has || st.Next.Rule != r.rule || st.Next.Due != r.due {
				t.Errorf("StatusOf = %+v, want next %s %v", st, r.rule, r.due)
			}
		})
	}

	// Ties in Next itself, whatever order the obligations come in.
	fwd := []Obligation{
		{Rule: "advice", Order: 2, Due: d("2026-11-12"), State: Active},
		{Rule: "task", Order: 8, Due: d("2026-11-12"), State: Active},
		{Rule: "contact", Order: 0, Due: d("2026-11-05"), State: MetOnTime},
	}
	rev := []Obligation{fwd[2], fwd[1], fwd[0]}
	for _, obs := range [][]Obligation{fwd, rev} {
		if next, ok := Next(obs); !ok || next.Rule != "advice" {
			t.Errorf("Next(%s) = %s, want advice", dlDump(obs), next.Rule)
		}
	}
}

// ---- IsOpen -----------------------------------------------------------

func TestDeadlineIsOpen(t *testing.T) {
	p := dlProfile(t)
	cal := DefaultCalendar()
	rows := []struct {
		name string
		c    Case
		open bool
	}{
		{"untriaged referral is open", dlCase(dlEv(ReferralReceived, "2026-11-02")), true},
		{"assigned is open", dlCase(dlAssigned("2026-11-03", "anne")), true},
		{"not closed with nothing active is open",
			dlCase(dlAssigned("2026-11-03", "anne"), dlAttempt("2026-11-04", false)), true},
		{"rejected is not open", dlCase(dlEv(ReferralReceived, "2026-11-02"), dlEv(Rejected, "2026-11-03")), false},
		{"closed with followup_after_close active is open",
			dlCase(dlEv(FirstMeeting, "2026-11-10"), dlEv(Closed, "2027-02-01")), true},
		{"closed with followup done is not open",
			dlCase(dlEv(FirstMeeting, "2026-11-10"), dlEv(Closed, "2027-02-01"), dlEv(FollowupDone, "2027-06-01")), false},
		{"closed with followup done late is not open",
			dlCase(dlEv(FirstMeeting, "2026-11-10"), dlEv(Closed, "2027-02-01"), dlEv(FollowupDone, "2027-09-01")), false},
		{"closed with only a followup done before closing is open",
			dlCase(dlEv(FirstMeeting, "2026-11-10"), dlEv(FollowupDone, "2027-01-15"), dlEv(Closed, "2027-02-01")), true},
		{"closed without a first meeting is not open",
			dlWith(dlCase(dlAssigned("2026-11-03", "anne"), dlEv(Closed, "2026-11-04")), nil,
				[]Task{dlTask("2026-12-03", false, "")}), false},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			c := r.c
			if got := IsOpen(&c, p.Obligations(&c, cal)); got != r.open {
				t.Errorf("IsOpen = %v, want %v", got, r.open)
			}
			st, err := StatusOf(&c, cal)
			if err != nil {
				t.Fatal(err)
			}
			if st.Open != r.open {
				t.Errorf("StatusOf.Open = %v, want %v", st.Open, r.open)
			}
		})
	}
}

// ---- Overdue ------------------------------------------------------------

func TestDeadlineOverdue(t *testing.T) {
	p := dlProfile(t)
	c := dlCase(dlAssigned("2026-11-20", "anne")) // contact due Tue 2026-11-24
	next, ok := Next(p.Obligations(&c, DefaultCalendar()))
	if !ok || next.Rule != "contact" || next.Due != d("2026-11-24") {
		t.Fatalf("Next = %s %v, want contact 2026-11-24", next.Rule, next.Due)
	}
	for _, r := range []struct {
		today string
		want  bool
	}{
		{"2026-11-20", false},
		{"2026-11-23", false},
		{"2026-11-24", false}, // due today is not overdue
		{"2026-11-25", true},
		{"2027-01-01", true},
	} {
		if got := next.Overdue(d(r.today)); got != r.want {
			t.Errorf("Overdue(%s) with due 2026-11-24 = %v, want %v", r.today, got, r.want)
		}
	}
}

// ---- Queue order --------------------------------------------------------

func TestDeadlineQueueOrder(t *testing.T) {
	cal := DefaultCalendar()
	mk := func(id string, evs ...Event) Case { c := dlCase(evs...); c.ID = id; return c }
	cases := []Case{
		// contact due Tue 2026-11-24 (assigned Fri 20 Nov)
		mk("K-2026-0003", dlAssigned("2026-11-20", "anne")),
		// contact due Tue 2026-11-24 (assigned Sat 21 Nov)
		mk("K-2026-0001", dlAssigned("2026-11-21", "bo")),
		// lower-case id, same due: after every "K-..." id in byte order
		mk("k-2026-0001", dlAssigned("2026-11-20", "anne")),
		// contact and first meeting met; advice due Thu 2026-11-12
		mk("K-2026-0010", dlAssigned("2026-11-03", "anne"), dlAttempt("2026-11-05", true), dlEv(FirstMeeting, "2026-11-10")),
		// no events, only a goal follow-up on 2026-11-12: ties with K-2026-0010, id first
		dlWith(mk("K-2026-0004"), []Goal{dlGoal("2026-11-12", false, "")}, nil),
		// untriaged: open, no next deadline
		mk("K-2026-0002", dlEv(ReferralReceived, "2026-11-02")),
		mk("K-9", dlEv(ReferralReceived, "2026-10-01")),
		// contact (due Wed 28 Oct) met on 27 Oct by an attempt that did not
		// reach the citizen: a new attempt is due Thu 29 Oct, before its task
		dlWith(mk("K-2026-0009", dlAssigned("2026-10-26", "cy"), dlAttempt("2026-10-27", false)), nil,
			[]Task{dlTask("2026-11-30", false, "")}),
		// closed 31 Aug 2026 with a first meeting: followup_after_close due Mon 2027-03-01
		mk("K-2026-0020", dlAssigned("2026-06-01", "anne"), dlAttempt("2026-06-02", true),
			dlEv(FirstMeeting, "2026-06-03"), dlEv(Closed, "2026-08-31")),
		// not open: closed without a first meeting, rejected, closed with followup done
		mk("K-2026-0021", dlAssigned("2026-11-02", "anne"), dlEv(Closed, "2026-11-03")),
		mk("K-2026-0000", dlEv(ReferralReceived, "2026-11-01"), dlEv(Rejected, "2026-11-02")),
		mk("K-2026-0005", dlEv(FirstMeeting, "2026-05-04"), dlEv(Closed, "2026-06-01"), dlEv(FollowupDone, "2026-10-01")),
	}

	type row struct {
		id  string
		st  Status
		due string
	}
	var queue []row
	for i := range cases {
		st, err := StatusOf(&cases[i], cal)
		if err != nil {
			t.Fatalf("%s: %v", cases[i].ID, err)
		}
		if !st.Open {
			continue
		}
		due := ""
		if st.Has {
			due = st.Next.Rule + " " + st.Next.Due.String()
		}
		queue = append(queue, row{cases[i].ID, st, due})
	}
	// DEADLINES.md "Queue order": next deadline ascending, then case id
	// ascending (byte order); cases with no next deadline after all others,
	// by case id.
	sort.Slice(queue, func(i, j int) bool {
		a, b := queue[i], queue[j]
		if a.st.Has != b.st.Has {
			return a.st.Has
		}
		if a.st.Has && a.st.Next.Due != b.st.Next.Due {
			return a.st.Next.Due < b.st.Next.Due
		}
		return a.id < b.id
	})

	want := []struct{ id, due string }{
		{"K-2026-0009", "contact_retry 2026-10-29"},
		{"K-2026-0004", "goal_followup 2026-11-12"},
		{"K-2026-0010", "advice 2026-11-12"},
		{"K-2026-0001", "contact 2026-11-24"},
		{"K-2026-0003", "contact 2026-11-24"},
		{"k-2026-0001", "contact 2026-11-24"},
		{"K-2026-0020", "followup_after_close 2027-03-01"},
		{"K-2026-0002", ""},
		{"K-9", ""},
	}
	if len(queue) != len(want) {
		var ids []string
		for _, r := range queue {
			ids = append(ids, r.id)
		}
		t.Fatalf("open cases = %v, want %d of them", ids, len(want))
	}
	for i, w := range want {
		if queue[i].id != w.id || queue[i].due != w.due {
			t.Errorf("queue[%d] = %s %q, want %s %q", i, queue[i].id, queue[i].due, w.id, w.due)
		}
	}
}
