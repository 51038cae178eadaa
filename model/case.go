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
	Note                EventType = "note" // a journal entry: it meets and starts nothing
)

// EventTypes lists every event type in workflow order.
var EventTypes = []EventType{ReferralReceived, Assigned, Rejected, ContactAttempt, FirstMeeting,
	AdviceGiven, CoordinationPlanned, MeetingHeld, MinutesSent, NeedsAssessed, Closed, FollowupDone, Note}

// Case is one citizen's case: who it is about, and everything that happened.
type Case struct {
	ID        string     `json:"id"`
	Profile   string     `json:"profile,omitempty"`
	Citizen   Citizen    `json:"citizen,omitzero"`
	Previous  string     `json:"previous,omitempty"` // the citizen's earlier case, when this is a new referral of the same person
	Screening *Screening `json:"screening,omitempty"`
	Events    []Event    `json:"events,omitempty"`
	Goals     []Goal     `json:"goals,omitempty"`
	Tasks     []Task     `json:"tasks,omitempty"`
	// The method's documents (documents.go).
	NetworkMap *NetworkMap `json:"network_map,omitempty"`
	Agreements []Agreement `json:"agreements,omitempty"` // every saved version, oldest first; the last is in force
	Meetings   []Meeting   `json:"meetings,omitempty"`   // coordinating meetings: agenda, invitation and minutes
	Consents   []Consent   `json:"consents,omitempty"`
}

// Citizen is the person the case is about. Every field is personal data.
type Citizen struct {
	Name      string `json:"name,omitempty"`
	CPR       CPR    `json:"cpr,omitempty"`
	BirthDate Date   `json:"birth_date,omitempty"` // for a citizen without a CPR number
	Address   string `json:"address,omitempty"`
	Phone     string `json:"phone,omitempty"`
	Email     string `json:"email,omitempty"`
}

// Birth is the citizen's date of birth: from the CPR number when there is
// one, else the birth date given, else NoDate.
func (z Citizen) Birth() Date {
	if d := z.CPR.BirthDate(); d != NoDate {
		return d
	}
	return z.BirthDate
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
	Note       string    `json:"note,omitempty"`        // free text; the whole of a note event
	Party      string    `json:"party,omitempty"`       // note: the external party the information came from (needs consent)
	By         string    `json:"by,omitempty"`          // who recorded it
	// Annulled marks an event entered by mistake. It stays in the history
	// (nothing is ever deleted) but no rule, phase or list counts it.
	Annulled *Annulment `json:"annulled,omitempty"`
}

// Annulment says who took an event back, when, and why.
type Annulment struct {
	Date   Date   `json:"date"`
	By     string `json:"by,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Live reports whether the event counts: it has not been annulled.
func (e Event) Live() bool { return e.Annulled == nil }

// IsReached reports whether a contact attempt reached the citizen.
func (e Event) IsReached() bool { return e.Reached != nil && *e.Reached }

// Goal is one goal of the collaboration agreement, in the citizen's words.
// Its follow-up date is a goal_followup deadline.
type Goal struct {
	Title             string `json:"title,omitempty"`
	Area              string `json:"area,omitempty"` // an id of GoalAreas
	CitizenActions    string `json:"citizen_actions,omitempty"`
	CaseworkerActions string `json:"caseworker_actions,omitempty"`
	FollowUp          Date   `json:"follow_up,omitempty"`
	FollowedUp        bool   `json:"followed_up"`
	FollowedUpOn      Date   `json:"followed_up_on,omitempty"`
	Reached           *bool  `json:"reached,omitempty"`
	WentWell          string `json:"went_well,omitempty"`
	LessWell          string `json:"less_well,omitempty"`
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

// Chronological returns every event, annulled ones included, sorted by
// date; events on the same date keep the order they were recorded in. It
// is the history as shown; the rules use LiveChronological.
func (c *Case) Chronological() []Event {
	evs := append([]Event(nil), c.Events...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Date < evs[j].Date })
	return evs
}

// LiveChronological is Chronological without the annulled events. The
// rules ask for it for every case the store indexes, and most cases hold
// their events live and in date order already: then it is the case's own
// slice, capped so that an append copies. Do not change its events.
func (c *Case) LiveChronological() []Event {
	inOrder := true
	for i, e := range c.Events {
		if !e.Live() || (i > 0 && e.Date < c.Events[i-1].Date) {
			inOrder = false
			break
		}
	}
	if inOrder {
		return c.Events[:len(c.Events):len(c.Events)]
	}
	evs := make([]Event, 0, len(c.Events))
	for _, e := range c.Events {
		if e.Live() {
			evs = append(evs, e)
		}
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Date < evs[j].Date })
	return evs
}

// First returns the earliest event of type t (by date, then record
// order), annulled events aside.
func (c *Case) First(t EventType) (Event, bool) {
	return c.firstWhere(func(e Event) bool { return e.Type == t })
}

// firstWhere is the earliest live event that matches.
func (c *Case) firstWhere(match func(Event) bool) (Event, bool) {
	var best Event
	found := false
	for _, e := range c.Events {
		if e.Live() && match(e) && (!found || e.Date < best.Date) {
			best, found = e, true
		}
	}
	return best, found
}

// ContactAttempts are the live contact attempts, oldest first.
func (c *Case) ContactAttempts() []Event {
	var out []Event
	for _, e := range c.LiveChronological() {
		if e.Type == ContactAttempt {
			out = append(out, e)
		}
	}
	return out
}

// Has reports whether the case has a live event of type t.
func (c *Case) Has(t EventType) bool { _, ok := c.First(t); return ok }

// Caseworker is the responsible caseworker: the latest assignment (by date,
// then record order), or "" before triage.
func (c *Case) Caseworker() string {
	who, when := "", NoDate
	for _, e := range c.Events {
		if e.Type == Assigned && e.Live() && e.Date >= when {
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
// rest, for a document that leaves the desk: everything about the citizen
// (a name identifies a person as well as a CPR number does), the
// screening, journal notes and every free text (notes, places, referrers,
// goal and task titles and owners, and a reason, source or outcome that
// is not one of the closed lists' ids: an import may bring any words).
func (c *Case) Redact() {
	c.Citizen = Citizen{}
	c.Screening = nil
	events := c.Events[:0:0]
	for _, e := range c.Events {
		if e.Type == Note {
			continue
		}
		e.Note, e.Place, e.Referrer, e.ReceivedBy = "", "", "", ""
		e.Reason = onlyID(CloseReasons, e.Reason)
		e.Source = onlyID(ReferralSources, e.Source)
		e.Outcome = onlyID(Outcomes, e.Outcome)
		if e.Annulled != nil {
			a := *e.Annulled
			a.Reason = ""
			e.Annulled = &a
		}
		events = append(events, e)
	}
	c.Events = events
	for i := range c.Goals {
		g := &c.Goals[i]
		*g = Goal{Area: g.Area, FollowUp: g.FollowUp, FollowedUp: g.FollowedUp, FollowedUpOn: g.FollowedUpOn, Reached: g.Reached}
	}
	for i := range c.Tasks {
		c.Tasks[i].Title, c.Tasks[i].Owner = "", ""
	}
	// The documents are about the citizen and the people around them:
	// none of it leaves the desk redacted.
	c.NetworkMap, c.Agreements, c.Meetings, c.Consents = nil, nil, nil, nil
}

// onlyID is v when it is an id of the list, else "".
func onlyID(opts []Option, v string) string {
	if _, ok := Lookup(opts, v); ok {
		return v
	}
	return ""
}
