package model

import (
	"errors"
	"fmt"
	"slices"
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
	for i, e := range c.Events {
		at := fmt.Sprintf("events[%d]", i)
		if !slices.Contains(EventTypes, e.Type) {
			bad(at+".type", "unknown event type %q (known: %s)", e.Type, joinTypes())
		}
		if e.Date == NoDate {
			bad(at+".date", "is missing")
		}
		oneOf(bad, at+".channel", e.Channel, IDs(Channels))
		oneOf(bad, at+".scope", e.Scope, IDs(Scopes))
		oneOf(bad, at+".kind", e.Kind, IDs(Kinds))
	}
	return errs
}

func oneOf(bad func(string, string, ...any), field, v string, allowed []string) {
	if v != "" && !slices.Contains(allowed, v) {
		bad(field, "%q is not one of %s", v, strings.Join(allowed, ", "))
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
// or exported case says it: the default profile. Validate calls it; export
// calls it too, for cases stored before a default was written out.
func Normalize(c *Case) {
	if c.Profile == "" {
		c.Profile = DefaultProfile
	}
}
