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

// The problems of permission.
const (
	ProblemReadOnly   = "read_only"   // the role changes nothing
	ProblemNotAllowed = "not_allowed" // triage and assignment are the coordinator's
)

// MayRecord says whether the role may record an event of type t: nil when
// it may. Triage (accepting, rejecting) and reassigning are the
// coordinator's; leaders and admins do no casework.
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
