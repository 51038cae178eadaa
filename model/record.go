package model

// Problem is why an event cannot be recorded on a case (a refusal), or
// why it looks out of order (a warning the user must confirm). Code names
// it for the desk, which says it in words; Args fill the words in; Field
// is the form field it is about ("" for the case as a whole).
type Problem struct {
	Code  string
	Field string
	Args  []any
}

// The problems CheckEvent and CheckAnnul can report.
const (
	// Refusals.
	ProblemRejected       = "rejected"        // the case was rejected at triage
	ProblemClosed         = "closed"          // the case is closed: only the follow-up after closing, and notes
	ProblemNotClosed      = "not_closed"      // a follow-up after closing, on an open case
	ProblemUntriaged      = "untriaged"       // nobody has the case yet: triage it first
	ProblemTriaged        = "triaged"         // accept or reject at triage, on a case already triaged
	ProblemFirstTwice     = "first_twice"     // a second first meeting (Args: the first's date)
	ProblemFuture         = "future"          // dated after today: record it once it has happened
	ProblemBeforeReferral = "before_referral" // dated before the referral (Args: its date)
	ProblemBeforeClose    = "before_close"    // a follow-up dated before the closing (Args: its date)
	ProblemSameWorker     = "same_worker"     // reassigned to the caseworker who has it
	ProblemAnnulled       = "annulled"        // the event is annulled already
	ProblemReferralStays  = "referral_stays"  // the referral is the case's start: it is not annulled
	// Warnings.
	ProblemMinutesBeforeMeeting = "minutes_before_meeting" // minutes dated before the latest coordinating meeting (Args: its date)
	ProblemMinutesNoMeeting     = "minutes_no_meeting"     // minutes, but no coordinating meeting held
	ProblemBeforeFirstMeeting   = "before_first_meeting"   // a step of the needs phase dated before the first meeting (Args: its date)
	ProblemNoFirstMeeting       = "no_first_meeting"       // a step of the needs phase, and no first meeting held
	ProblemWindowNotOpen        = "window_not_open"        // a follow-up before its window opens (Args: the opening date)
	ProblemClosingMisses        = "closing_misses"         // closing leaves deadlines unmet (Args: how many)
	ProblemBackToTriage         = "back_to_triage"         // annulling the only assignment
	ProblemReopens              = "reopens"                // annulling the closing or the rejection
)

// ProblemCodes lists every problem code, for the words of front ends.
var ProblemCodes = []string{ProblemRejected, ProblemClosed, ProblemNotClosed, ProblemUntriaged, ProblemTriaged,
	ProblemFirstTwice, ProblemFuture, ProblemBeforeReferral, ProblemBeforeClose, ProblemSameWorker, ProblemAnnulled, ProblemReferralStays,
	ProblemMinutesBeforeMeeting, ProblemMinutesNoMeeting, ProblemBeforeFirstMeeting, ProblemNoFirstMeeting,
	ProblemWindowNotOpen, ProblemClosingMisses, ProblemBackToTriage, ProblemReopens, ProblemReadOnly, ProblemNotAllowed, ProblemNotYours, ProblemNotAdmin, ProblemDisabled,
	ProblemNoConsent, ProblemConsentRevoked, ProblemNotCovered}

// CanRecord says whether an event of type t makes sense on the case as it
// stands, before any date is known: nil when it may be recorded. The desk
// offers only the actions this allows.
func CanRecord(c *Case, t EventType) *Problem {
	switch {
	case t == Note:
		return nil // a journal note fits every case, closed and rejected too
	case t == Rejected || (t == Assigned && !c.Has(Assigned)):
		if c.Phase() != PhaseReferral {
			return &Problem{Code: ProblemTriaged}
		}
		return nil
	case t == FollowupDone:
		if c.Has(Rejected) {
			return &Problem{Code: ProblemRejected}
		}
		if !c.Has(Closed) {
			return &Problem{Code: ProblemNotClosed}
		}
		return nil
	}
	if p := CanWorkOn(c); p != nil {
		return p
	}
	if fm, ok := c.First(FirstMeeting); ok && t == FirstMeeting {
		// Only the first one counts for the deadlines; a second would mislead.
		return &Problem{Code: ProblemFirstTwice, Args: []any{fm.Date}}
	}
	return nil
}

// CanWorkOn says whether the casework of a case can go on: it has been
// accepted at triage and is neither rejected nor closed. Goals and tasks
// are ticked off only then, as events are recorded.
func CanWorkOn(c *Case) *Problem {
	switch {
	case c.Has(Rejected):
		return &Problem{Code: ProblemRejected}
	case c.Has(Closed):
		return &Problem{Code: ProblemClosed}
	case !c.Has(Assigned):
		return &Problem{Code: ProblemUntriaged}
	}
	return nil
}

// CheckItemDone says whether a goal or task of c may be marked done on
// the given day: on a case that is worked on, and not in the future.
func CheckItemDone(c *Case, on, today Date) *Problem {
	if p := CanWorkOn(c); p != nil {
		return p
	}
	if on > today {
		return &Problem{Code: ProblemFuture, Field: "date"}
	}
	return nil
}

// CheckEvent says whether e may be recorded on c on the given day: a
// refusal when it cannot be (nil when it can), and warnings when it looks
// out of order and the user should confirm it. Who may record it is the
// role's question (Role.MayRecord). Every event records
// something that has happened, so none may be dated after today.
func CheckEvent(c *Case, e Event, today Date, cal *Calendar) (refusal *Problem, warnings []Problem) {
	if p := CanRecord(c, e.Type); p != nil {
		return p, nil
	}
	if e.Date > today {
		return &Problem{Code: ProblemFuture, Field: "date"}, nil
	}
	if r, ok := c.First(ReferralReceived); ok && e.Date < r.Date {
		return &Problem{Code: ProblemBeforeReferral, Field: "date", Args: []any{r.Date}}, nil
	}
	if e.Type == Assigned && c.Has(Assigned) && c.Caseworker() == e.To {
		return &Problem{Code: ProblemSameWorker, Field: "to"}, nil
	}
	if e.Party != "" {
		// Information from an external party (step 7) only with a consent
		// in force that names them.
		if p := CheckExternal(c, e.Party, e.Date); p != nil {
			p.Field = "party"
			return p, nil
		}
	}
	fm, hasMeeting := c.First(FirstMeeting)
	warn := func(code, field string, args ...any) {
		warnings = append(warnings, Problem{Code: code, Field: field, Args: args})
	}
	switch e.Type {
	case FollowupDone:
		cl, _ := c.First(Closed)
		if e.Date < cl.Date {
			// It would not meet the follow-up deadline.
			return &Problem{Code: ProblemBeforeClose, Field: "date", Args: []any{cl.Date}}, nil
		}
		if opens := cl.Date.AddMonths(3); e.Date < opens {
			warn(ProblemWindowNotOpen, "date", opens)
		}
	case MinutesSent:
		var held Date
		for _, m := range c.LiveChronological() {
			if isCoordinatingMeeting(m) {
				held = m.Date
			}
		}
		switch {
		case held == NoDate:
			warn(ProblemMinutesNoMeeting, "")
		case e.Date < held:
			warn(ProblemMinutesBeforeMeeting, "date", held)
		}
	case MeetingHeld, AdviceGiven, NeedsAssessed:
		if e.Type == MeetingHeld && e.Kind != "coordinating" {
			break
		}
		switch {
		case !hasMeeting:
			warn(ProblemNoFirstMeeting, "")
		case e.Date < fm.Date:
			warn(ProblemBeforeFirstMeeting, "date", fm.Date)
		}
	case Closed:
		after := *c
		after.Events = append(append([]Event(nil), c.Events...), e)
		if p, err := ProfileByName(c.Profile); err == nil {
			missed := 0
			for _, o := range p.Obligations(&after, cal) {
				if o.State == Missed {
					missed++
				}
			}
			if missed > 0 {
				warn(ProblemClosingMisses, "", missed)
			}
		}
	}
	return nil, warnings
}

// CheckAnnul says whether the event at index i of c.Events may be
// annulled: a refusal, or warnings of what annulling it changes.
func CheckAnnul(c *Case, i int) (refusal *Problem, warnings []Problem) {
	if i < 0 || i >= len(c.Events) {
		return &Problem{Code: ProblemAnnulled}, nil
	}
	e := c.Events[i]
	if !e.Live() {
		return &Problem{Code: ProblemAnnulled}, nil
	}
	if e.Type == ReferralReceived {
		// Nothing at the desk records a referral again: a case made by
		// mistake is rejected at triage or closed instead.
		return &Problem{Code: ProblemReferralStays}, nil
	}
	after := *c
	after.Events = append([]Event(nil), c.Events...)
	after.Events[i].Annulled = &Annulment{}
	switch {
	case e.Type == Assigned && !after.Has(Assigned) && !after.Has(Rejected) && !after.Has(Closed):
		warnings = append(warnings, Problem{Code: ProblemBackToTriage})
	case (e.Type == Closed && !after.Has(Closed)) || (e.Type == Rejected && !after.Has(Rejected)):
		warnings = append(warnings, Problem{Code: ProblemReopens})
	}
	return nil, warnings
}
