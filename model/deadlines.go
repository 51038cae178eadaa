package model

import "fmt"

// State is where an obligation stands.
type State int

const (
	Active    State = iota // not met yet; due on Due
	MetOnTime              // met on or before Due
	MetLate                // met after Due
	Missed                 // never met, and the case was closed
)

func (s State) String() string {
	return [...]string{"active", "met", "met_late", "missed"}[s]
}

// Obligation is one deadline a case owes: it started at an event, falls
// due on a date, and is met by a later event.
type Obligation struct {
	Rule  string // the rule's name, e.g. "contact"
	Order int    // the rule's place in its profile; breaks ties between equal due dates
	Label string // what it is about, for goals and tasks
	Start Date   // the date of the event that started it; NoDate for goals and tasks
	Basis Basis  // how Due was counted: Basis.Explain says it day by day
	Due   Date
	Opens Date // where the rule has a window, the day it opens: shown to the user; work done earlier still meets it
	MetOn Date // the date of the event that met it; NoDate if unknown or unmet
	State State
}

// Overdue reports whether an active obligation's due date has passed.
func (o Obligation) Overdue(today Date) bool { return o.State == Active && today > o.Due }

// Rule derives a case's obligations of one kind. Derive fills Start, Due,
// Label and, when met, MetOn and State; the profile handles closing.
type Rule struct {
	Name string
	// SurvivesClose keeps the rule's obligations active after closing.
	SurvivesClose bool
	Derive        func(c *Case, cal *Calendar) []Obligation
}

// Profile is a set of deadline rules, in tie-breaking order.
type Profile struct {
	Name  string
	Rules []Rule
}

var profiles = map[string]*Profile{
	DefaultProfile: fremskudt,
}

// ProfileByName finds a deadline profile.
func ProfileByName(name string) (*Profile, error) {
	if name == "" {
		name = DefaultProfile
	}
	if p, ok := profiles[name]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("unknown profile %q (known: %s)", name, DefaultProfile)
}

// Obligations computes every obligation of a case with its state. A
// rejected case owes nothing; closing turns every unmet obligation into a
// missed one, except those of rules that survive closing.
func (p *Profile) Obligations(c *Case, cal *Calendar) []Obligation {
	if c.Has(Rejected) {
		return nil
	}
	closed := c.Has(Closed)
	var out []Obligation
	for i, r := range p.Rules {
		for _, o := range r.Derive(c, cal) {
			o.Rule, o.Order = r.Name, i
			if closed && o.State == Active && !r.SurvivesClose {
				o.State = Missed
			}
			out = append(out, o)
		}
	}
	return out
}

// Next is the case's next deadline: the active obligation due first, ties
// broken by rule order. ok is false when nothing is active.
func Next(obs []Obligation) (next Obligation, ok bool) {
	for _, o := range obs {
		if o.State != Active {
			continue
		}
		if !ok || o.Due < next.Due || (o.Due == next.Due && o.Order < next.Order) {
			next, ok = o, true
		}
	}
	return next, ok
}

// IsOpen reports whether a case belongs in the queue: not rejected, and
// not closed with nothing left to do.
func IsOpen(c *Case, obs []Obligation) bool {
	if c.Has(Rejected) {
		return false
	}
	if !c.Has(Closed) {
		return true
	}
	_, active := Next(obs)
	return active
}

// Status is what the queue needs of a case: is it open, and its next deadline.
type Status struct {
	Open bool
	Next Obligation
	Has  bool // Next is set
}

// StatusOf computes a case's queue status with its profile's rules.
func StatusOf(c *Case, cal *Calendar) (Status, error) {
	p, err := ProfileByName(c.Profile)
	if err != nil {
		return Status{}, err
	}
	obs := p.Obligations(c, cal)
	next, has := Next(obs)
	return Status{Open: IsOpen(c, obs), Next: next, Has: has}, nil
}

// obligation starts an obligation due by its basis and, when met, marks
// it met on that date (NoDate: met, date unknown).
func obligation(start Date, b Basis, cal *Calendar, metOn Date, met bool) Obligation {
	o := Obligation{Start: start, Basis: b, Due: b.Due(cal)}
	if met {
		o.met(metOn)
	}
	return o
}

func (o *Obligation) met(on Date) {
	o.MetOn, o.State = on, MetOnTime
	if on != NoDate && on > o.Due {
		o.State = MetLate
	}
}
