package model

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Validate checks a decoded case against the rules of the format and
// normalises it in place. It returns every problem found.
func Validate(c *Case) []*FieldError {
	var errs []*FieldError
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Case: c.ID, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	switch {
	case strings.TrimSpace(c.ID) == "":
		bad("id", "is missing; every case needs an id")
	case len(c.ID) > 100:
		bad("id", "is longer than 100 characters")
	case strings.IndexFunc(c.ID, unicode.IsControl) >= 0:
		bad("id", "contains control characters")
	}
	Normalize(c)
	if _, err := ProfileByName(c.Profile); err != nil {
		bad("profile", "%v", err)
	}
	if c.Citizen.CPR != "" {
		cpr, err := ParseCPR(string(c.Citizen.CPR))
		if err != nil {
			bad("citizen.cpr", "%v", err)
		} else {
			c.Citizen.CPR = cpr
		}
	}
	if c.Screening != nil {
		var p *FieldProblem
		if err := c.Screening.Validate(); errors.As(err, &p) {
			bad("screening."+p.Field, "%s", p.Msg)
		}
	}
	if b := c.Citizen.BirthDate; b != NoDate {
		if cpr := c.Citizen.CPR.BirthDate(); cpr != NoDate && cpr != b {
			bad("citizen.birth_date", "does not match the birth date in the CPR number")
		}
	}
	if c.Previous != "" && c.Previous == c.ID {
		bad("previous", "names the case itself")
	}
	for i, e := range c.Events {
		// The field's name is made only for a problem: most cases have none.
		at := func(field string) string { return "events[" + strconv.Itoa(i) + "]." + field }
		if !slices.Contains(EventTypes, e.Type) {
			bad(at("type"), "unknown event type %q (known: %s)", e.Type, joinTypes())
		}
		if e.Date == NoDate {
			bad(at("date"), "is missing")
		}
		if e.Type == Note && strings.TrimSpace(e.Note) == "" {
			bad(at("note"), "is missing; a note event is its note")
		}
		if e.Party != "" && e.Type != Note {
			bad(at("party"), "is for a note of information from an external party")
		}
		oneOf(bad, at, "channel", e.Channel, channelIDs)
		oneOf(bad, at, "scope", e.Scope, scopeIDs)
		oneOf(bad, at, "kind", e.Kind, kindIDs)
		if a := e.Annulled; a != nil && a.Date == NoDate {
			bad(at("annulled.date"), "is missing")
		}
	}
	c.validateDocuments(bad)
	return errs
}

var (
	channelIDs = IDs(Channels)
	scopeIDs   = IDs(Scopes)
	kindIDs    = IDs(Kinds)
)

func oneOf(bad func(string, string, ...any), at func(string) string, field, v string, allowed []string) {
	if v != "" && !slices.Contains(allowed, v) {
		bad(at(field), "%q is not one of %s", v, strings.Join(allowed, ", "))
	}
}

func joinTypes() string {
	names := make([]string, len(EventTypes))
	for i, t := range EventTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// Normalize writes out what the format leaves implicit, so that a stored
// or exported case says it (the default profile; a meeting held without a
// kind is a follow-up meeting, a contact attempt without an outcome did
// not reach the citizen, a coordination planned without a scope is
// internal), and cleans every text of control characters and escape
// sequences (CleanLine; CleanText where a field may hold several lines).
// Validate calls it; export calls it too, for cases stored before a
// default was written out.
func Normalize(c *Case) {
	if c.Profile == "" {
		c.Profile = DefaultProfile
	}
	for i := range c.Events {
		e := &c.Events[i]
		switch e.Type {
		case MeetingHeld:
			if e.Kind == "" {
				e.Kind = "followup"
			}
		case ContactAttempt:
			if e.Reached == nil {
				e.Reached = new(bool)
			}
		case CoordinationPlanned:
			if e.Scope == "" {
				e.Scope = "internal"
			}
		}
	}
	c.cleanText()
}

// cleanText cleans every text field of the case; a test checks, field by
// field through reflection, that none is forgotten.
func (c *Case) cleanText() {
	line := func(ss ...*string) {
		for _, s := range ss {
			*s = CleanLine(*s)
		}
	}
	line(&c.ID, &c.Profile, &c.Previous)
	z := &c.Citizen
	line(&z.Name, (*string)(&z.CPR), &z.Address, &z.Phone, &z.Email)
	if s := c.Screening; s != nil {
		line(&s.Reason)
		s.Justification = CleanText(s.Justification)
		for i := range s.Category1 {
			line(&s.Category1[i])
		}
		for i := range s.Category2 {
			line(&s.Category2[i])
		}
	}
	for i := range c.Events {
		e := &c.Events[i]
		line((*string)(&e.Type), &e.Source, &e.Referrer, &e.ReceivedBy, &e.To, &e.Channel, &e.Scope, &e.Kind,
			&e.Place, &e.Outcome, &e.Reason, &e.By, &e.Party)
		e.Note = CleanText(e.Note)
		if a := e.Annulled; a != nil {
			line(&a.By, &a.Reason)
		}
	}
	for i := range c.Goals {
		cleanGoal(&c.Goals[i], line)
	}
	for i := range c.Tasks {
		line(&c.Tasks[i].Title, &c.Tasks[i].Owner)
	}
	c.cleanDocuments(line)
}
