package model

import "sort"

// EventType names what happened in a case. The set is closed: the
// interchange format rejects any other type.
type EventType string

const (
	ReferralReceived    EventType = "referral_received"
	Assigned            EventType = "assigned"
	Rejected            EventType = "rejected"
	ContactAttempt      EventType = "contact_attempt"
	FirstMeeting        EventType = "first_meeting"
	AdviceGiven         EventType = "advice_given"
	CoordinationPlanned EventType = "coordination_planned"
	MeetingHeld         EventType = "meeting_held"
	MinutesSent         EventType = "minutes_sent"
	NeedsAssessed       EventType = "needs_assessed"
	Closed              EventType = "closed"
	FollowupDone        EventType = "followup_done"
)

// EventTypes lists every event type in workflow order.
var EventTypes = []EventType{ReferralReceived, Assigned, Rejected, ContactAttempt, FirstMeeting,
	AdviceGiven, CoordinationPlanned, MeetingHeld, MinutesSent, NeedsAssessed, Closed, FollowupDone}

// Case is one citizen's case: who it is about, and everything that happened.
type Case struct {
	ID        string     `json:"id"`
	Profile   string     `json:"profile,omitempty"`
	Citizen   Citizen    `json:"citizen,omitzero"`
	Screening *Screening `json:"screening,omitempty"`
	Events    []Event    `json:"events,omitempty"`
	Goals     []Goal     `json:"goals,omitempty"`
	Tasks     []Task     `json:"tasks,omitempty"`
}

// Citizen is the person the case is about. Every field is personal data.
type Citizen struct {
	Name    string `json:"name,omitempty"`
	CPR     CPR    `json:"cpr,omitempty"`
	Address string `json:"address,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Email   string `json:"email,omitempty"`
}

// Event is one thing that happened in a case. Which optional fields mean
// something depends on Type; the rest stay empty.
type Event struct {
	Type       EventType `json:"type"`
	Date       Date      `json:"date"`
	Source     string    `json:"source,omitempty"`      // referral_received: referrer category
	Referrer   string    `json:"referrer,omitempty"`    // referral_received: the person who referred
	ReceivedBy string    `json:"received_by,omitempty"` // referral_received
	To         string    `json:"to,omitempty"`          // assigned: the caseworker
	Channel    string    `json:"channel,omitempty"`     // contact_attempt
	Reached    *bool     `json:"reached,omitempty"`     // contact_attempt
	Scope      string    `json:"scope,omitempty"`       // coordination_planned
	Kind       string    `json:"kind,omitempty"`        // meeting_held
	Place      string    `json:"place,omitempty"`       // first_meeting: chosen by the citizen
	Outcome    string    `json:"outcome,omitempty"`     // needs_assessed
	Reason     string    `json:"reason,omitempty"`      // rejected, closed
	Note       string    `json:"note,omitempty"`
	By         string    `json:"by,omitempty"` // who recorded it
}

// IsReached reports whether a contact attempt reached the citizen.
func (e Event) IsReached() bool { return e.Reached != nil && *e.Reached }

// Goal is one goal of the collaboration agreement, in the citizen's words.
type Goal struct {
	Title        string `json:"title,omitempty"`
	FollowUp     Date   `json:"follow_up,omitempty"`
	FollowedUp   bool   `json:"followed_up"`
	FollowedUpOn Date   `json:"followed_up_on,omitempty"`
}

// Task is an agreed task with an owner, often from a meeting's minutes.
type Task struct {
	Title  string `json:"title,omitempty"`
	Owner  string `json:"owner,omitempty"`
	Due    Date   `json:"due,omitempty"`
	Done   bool   `json:"done"`
	DoneOn Date   `json:"done_on,omitempty"`
}

// Screening is the filled screening form and the caseworker's decision.
type Screening struct {
	Date          Date     `json:"date,omitempty"`
	Category1     []string `json:"category1,omitempty"`
	Category2     []string `json:"category2,omitempty"`
	Recommended   bool     `json:"recommended"`
	Reason        string   `json:"reason,omitempty"`
	InTargetGroup bool     `json:"in_target_group"`
	Justification string   `json:"justification,omitempty"` // required when the decision overrides the rule
}

// DefaultProfile is the deadline profile of a case that names none.
const DefaultProfile = "fremskudt"

// ProfileName is the case's profile, the default when it names none.
func (c *Case) ProfileName() string {
	if c.Profile == "" {
		return DefaultProfile
	}
	return c.Profile
}

// Chronological returns the events sorted by date; events on the same
// date keep the order they were recorded in.
func (c *Case) Chronological() []Event {
	evs := append([]Event(nil), c.Events...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Date < evs[j].Date })
	return evs
}

// First returns the earliest event of type t (by date, then record order).
func (c *Case) First(t EventType) (Event, bool) {
	return c.firstWhere(func(e Event) bool { return e.Type == t })
}

func (c *Case) firstWhere(match func(Event) bool) (Event, bool) {
	var best Event
	found := false
	for _, e := range c.Events {
		if match(e) && (!found || e.Date < best.Date) {
			best, found = e, true
		}
	}
	return best, found
}

// Has reports whether the case has an event of type t.
func (c *Case) Has(t EventType) bool { _, ok := c.First(t); return ok }

// Caseworker is the responsible caseworker: the latest assignment (by date,
// then record order), or "" before triage.
func (c *Case) Caseworker() string {
	who, when := "", NoDate
	for _, e := range c.Events {
		if e.Type == Assigned && e.Date >= when {
			who, when = e.To, e.Date
		}
	}
	return who
}

// Phase is where the case stands in the workflow.
type Phase string

const (
	PhaseReferral   Phase = "referral"   // received, not yet triaged
	PhaseContact    Phase = "contact"    // assigned, no first meeting yet
	PhaseNeeds      Phase = "needs"      // first meeting held, needs being assessed and coordinated
	PhaseTransition Phase = "transition" // needs assessed, heading for closing
	PhaseClosed     Phase = "closed"
	PhaseRejected   Phase = "rejected"
)

// Phase derives the case's phase from its events.
func (c *Case) Phase() Phase {
	switch {
	case c.Has(Rejected):
		return PhaseRejected
	case c.Has(Closed):
		return PhaseClosed
	case c.Has(NeedsAssessed):
		return PhaseTransition
	case c.Has(FirstMeeting):
		return PhaseNeeds
	case c.Has(Assigned):
		return PhaseContact
	}
	return PhaseReferral
}

// Redact keeps what a case's deadlines and statistics need and drops the
// rest, for a document that leaves the desk: the CPR number, contact
// details, the screening and every free text (notes, reasons, places,
// referrers, goal and task titles). The citizen's name stays.
func (c *Case) Redact() {
	c.Citizen = Citizen{Name: c.Citizen.Name}
	c.Screening = nil
	for i := range c.Events {
		e := &c.Events[i]
		e.Note, e.Reason, e.Place, e.Referrer, e.ReceivedBy = "", "", "", "", ""
	}
	for i := range c.Goals {
		c.Goals[i].Title = ""
	}
	for i := range c.Tasks {
		c.Tasks[i].Title = ""
	}
}
