package model

import "fmt"

// Role is what a person may do at the desk (DOMAIN.md, "People and roles").
type Role string

const (
	Caseworker  Role = "caseworker"  // owns cases: contact, meetings, notes
	Coordinator Role = "coordinator" // triages, assigns, and edits every case
	Leader      Role = "leader"      // reads everything, changes nothing
	Admin       Role = "admin"       // manages users and backups; no casework
)

// Roles in the order they are offered.
var Roles = []Role{Caseworker, Coordinator, Leader, Admin}

// ParseRole reads a role's name.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q (caseworker, coordinator, leader or admin)", s)
}

// Actor is who makes a change: a person by name, in their role. Every
// change to the store names one, and the store asks Permit about it.
type Actor struct {
	Name string
	Role Role
}

// The problems of permission.
const (
	ProblemReadOnly   = "read_only"   // the role changes nothing
	ProblemNotAllowed = "not_allowed" // triage and assignment are the coordinator's
	ProblemNotYours   = "not_yours"   // a caseworker changes only the cases they hold (Args: who holds it)
	ProblemNotAdmin   = "not_admin"   // users and keys are the admin's
	ProblemDisabled   = "disabled"    // the person's account is disabled
)

// MayRecord says whether the role may record an event of type t on some
// case: nil when it may. Triage (accepting, rejecting) and reassigning are
// the coordinator's; leaders and admins do no casework. Whether the case
// is the person's own is Permit's question.
func (r Role) MayRecord(t EventType) *Problem {
	switch {
	case r != Caseworker && r != Coordinator:
		return &Problem{Code: ProblemReadOnly}
	case (t == Assigned || t == Rejected) && r != Coordinator:
		return &Problem{Code: ProblemNotAllowed}
	}
	return nil
}

// MayEdit says whether the role may change a case in other ways (annul an
// event, mark a goal or task done, refer the citizen again).
func (r Role) MayEdit() *Problem {
	if r != Caseworker && r != Coordinator {
		return &Problem{Code: ProblemReadOnly}
	}
	return nil
}

// MayCreate says whether the role may take in a new referral: those who
// do casework may, as referrals reach caseworkers too.
func (r Role) MayCreate() *Problem { return r.MayRecord(ReferralReceived) }

// MayImport says whether the role may import cases: coordinators, who
// hold the whole queue, and admins, who move data between systems.
func (r Role) MayImport() *Problem {
	if r != Coordinator && r != Admin {
		return &Problem{Code: ProblemNotAllowed}
	}
	return nil
}

// MayManageUsers says whether the role may add, disable and change users.
func (r Role) MayManageUsers() *Problem {
	if r != Admin {
		return &Problem{Code: ProblemNotAdmin}
	}
	return nil
}

// MayChangeSettings says whether a may change the settings (theme,
// language) of the account named: their own, or anyone's as an admin.
func (a Actor) MayChangeSettings(name string) *Problem {
	if a.Name == name {
		return nil
	}
	return a.Role.MayManageUsers()
}

// MayExportFull says whether the role may take every case out of the desk
// whole, CPR numbers, health and free text included: coordinators, who
// answer for the team's cases, and admins, who move data between systems.
// Everyone may export with the personal data left out (--redact).
func (r Role) MayExportFull() *Problem {
	if r != Coordinator && r != Admin {
		return &Problem{Code: ProblemNotAllowed}
	}
	return nil
}

// MayReadAccessLog says whether the role may read who opened which case:
// leaders and admins, who answer for the team's handling of personal data.
func (r Role) MayReadAccessLog() bool { return r == Leader || r == Admin }

// Permit says whether a may change case c: record an event of type t, or,
// when t is "", edit it otherwise (annul an event, tick a goal or task).
// Nil when they may. A coordinator may change every case; a caseworker
// only the cases they hold; leaders and admins none. It is the one
// answer every front end gets, because the store asks it inside the write.
func Permit(a Actor, c *Case, t EventType) *Problem {
	p := a.Role.MayEdit()
	if t != "" {
		p = a.Role.MayRecord(t)
	}
	if p != nil || a.Role == Coordinator {
		return p
	}
	switch holder := c.Caseworker(); holder {
	case a.Name:
	case "":
		return &Problem{Code: ProblemUntriaged} // nobody's yet: a coordinator triages it
	default:
		return &Problem{Code: ProblemNotYours, Args: []any{holder}}
	}
	return nil
}
