package model

import (
	"fmt"
	"strings"
	"testing"
)

func TestCanRecord(t *testing.T) {
	ref := dlEv(ReferralReceived, "2026-11-02")
	asg := dlAssigned("2026-11-03", "anne")
	fm := dlEv(FirstMeeting, "2026-11-05")
	referral := dlCase(ref)
	open := dlCase(ref, asg)
	met := dlCase(ref, asg, fm)
	closed := dlCase(ref, asg, fm, dlEv(Closed, "2026-11-20"))
	rejected := dlCase(ref, dlEv(Rejected, "2026-11-03"))
	for _, tc := range []struct {
		name string
		c    Case
		t    EventType
		want string // problem code, "" for none
	}{
		{"note on a referral", referral, Note, ""},
		{"note on a rejected case", rejected, Note, ""},
		{"note on a closed case", closed, Note, ""},
		{"accept at triage", referral, Assigned, ""},
		{"reject at triage", referral, Rejected, ""},
		{"reject after triage", open, Rejected, ProblemTriaged},
		{"reassign", open, Assigned, ""},
		{"contact before triage", referral, ContactAttempt, ProblemUntriaged},
		{"contact", open, ContactAttempt, ""},
		{"contact on a rejected case", rejected, ContactAttempt, ProblemRejected},
		{"contact on a closed case", closed, ContactAttempt, ProblemClosed},
		{"reassign a closed case", closed, Assigned, ProblemClosed},
		{"follow-up on an open case", met, FollowupDone, ProblemNotClosed},
		{"follow-up on a closed case", closed, FollowupDone, ""},
		{"first meeting", open, FirstMeeting, ""},
		{"second first meeting", met, FirstMeeting, ProblemFirstTwice},
		{"close", met, Closed, ""},
		{"close twice", closed, Closed, ProblemClosed},
	} {
		got := ""
		if p := CanRecord(&tc.c, tc.t); p != nil {
			got = p.Code
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestCheckEvent(t *testing.T) {
	cal := DefaultCalendar()
	today := d("2026-11-25")
	ref := dlEv(ReferralReceived, "2026-11-02")
	asg := dlAssigned("2026-11-03", "anne")
	fm := dlEv(FirstMeeting, "2026-11-05")
	held := dlHeld("2026-11-12", "coordinating")
	open := dlCase(ref, asg)
	met := dlCase(ref, asg, fm)
	heldCase := dlCase(ref, asg, fm, held)
	closed := dlCase(ref, asg, fm, dlEv(AdviceGiven, "2026-11-06"), dlEv(NeedsAssessed, "2026-11-10"), dlEv(Closed, "2026-11-20"))
	closedEarly := dlCase(ref, asg, fm, dlEv(Closed, "2026-08-03"))
	ev := func(tp EventType, date string) Event { return Event{Type: tp, Date: d(date)} }
	for _, tc := range []struct {
		name    string
		c       Case
		e       Event
		refusal string
		warn    string // warning codes, space separated
	}{
		{"contact today", open, ev(ContactAttempt, "2026-11-25"), "", ""},
		{"contact tomorrow", open, ev(ContactAttempt, "2026-11-26"), ProblemFuture, ""},
		{"contact before the referral", open, ev(ContactAttempt, "2026-11-01"), ProblemBeforeReferral, ""},
		{"reassign to the same caseworker", open, Event{Type: Assigned, Date: today, To: "anne"}, ProblemSameWorker, ""},
		{"reassign to another", open, Event{Type: Assigned, Date: today, To: "bo"}, "", ""},
		{"minutes without a meeting", met, ev(MinutesSent, "2026-11-20"), "", ProblemMinutesNoMeeting},
		{"minutes before the meeting", heldCase, ev(MinutesSent, "2026-11-11"), "", ProblemMinutesBeforeMeeting},
		{"minutes after the meeting", heldCase, ev(MinutesSent, "2026-11-13"), "", ""},
		{"coordinating meeting before any first meeting", open, Event{Type: MeetingHeld, Date: today, Kind: "coordinating"}, "", ProblemNoFirstMeeting},
		{"coordinating meeting before the first meeting", met, Event{Type: MeetingHeld, Date: d("2026-11-04"), Kind: "coordinating"}, "", ProblemBeforeFirstMeeting},
		{"follow-up meeting before any first meeting", open, Event{Type: MeetingHeld, Date: today, Kind: "followup"}, "", ""},
		{"advice before the first meeting", met, ev(AdviceGiven, "2026-11-04"), "", ProblemBeforeFirstMeeting},
		{"needs assessed without a first meeting", open, ev(NeedsAssessed, "2026-11-20"), "", ProblemNoFirstMeeting},
		{"follow-up before its window opens", closed, ev(FollowupDone, "2026-11-25"), "", ProblemWindowNotOpen},
		{"follow-up in its window", closedEarly, ev(FollowupDone, "2026-11-25"), "", ""},
		{"follow-up before the closing", closed, ev(FollowupDone, "2026-11-19"), ProblemBeforeClose, ""},
		{"closing with everything met", dlCase(ref, asg, dlAttempt("2026-11-04", true), fm, dlEv(AdviceGiven, "2026-11-06"), dlEv(NeedsAssessed, "2026-11-10")),
			ev(Closed, "2026-11-25"), "", ""},
		{"closing with deadlines unmet", met, ev(Closed, "2026-11-25"), "", ProblemClosingMisses},
		{"a note on a closed case, any day past", closed, Event{Type: Note, Date: d("2026-11-03"), Note: "x"}, "", ""},
		{"a note dated tomorrow", closed, Event{Type: Note, Date: d("2026-11-26"), Note: "x"}, ProblemFuture, ""},
	} {
		c := tc.c
		refusal, warnings := CheckEvent(&c, tc.e, today, cal)
		got := ""
		if refusal != nil {
			got = refusal.Code
		}
		var codes []string
		for _, w := range warnings {
			codes = append(codes, w.Code)
		}
		if got != tc.refusal || strings.Join(codes, " ") != tc.warn {
			t.Errorf("%s: refusal %q warnings %q; want %q %q", tc.name, got, codes, tc.refusal, tc.warn)
		}
	}
	// The warnings carry what the words need.
	_, w := CheckEvent(&heldCase, ev(MinutesSent, "2026-11-11"), today, cal)
	if fmt.Sprint(w[0].Args) != "[2026-11-12]" || w[0].Field != "date" {
		t.Errorf("minutes warning %+v", w[0])
	}
	_, w = CheckEvent(&met, ev(Closed, "2026-11-25"), today, cal)
	if fmt.Sprint(w[0].Args) != "[2]" { // advice and needs assessment; the first meeting met the contact deadline
		t.Errorf("closing warning %+v", w[0])
	}
}

func TestCheckAnnul(t *testing.T) {
	ref := dlEv(ReferralReceived, "2026-11-02")
	asg := dlAssigned("2026-11-03", "anne")
	gone := dlAssigned("2026-11-04", "bo")
	gone.Annulled = &Annulment{Date: d("2026-11-05")}
	for _, tc := range []struct {
		name          string
		c             Case
		i             int
		refusal, warn string
	}{
		{"a contact attempt", dlCase(ref, asg, dlAttempt("2026-11-04", false)), 2, "", ""},
		{"the only assignment", dlCase(ref, asg), 1, "", ProblemBackToTriage},
		{"one of two assignments", dlCase(ref, asg, dlAssigned("2026-11-04", "bo")), 2, "", ""},
		{"the closing", dlCase(ref, asg, dlEv(Closed, "2026-11-05")), 2, "", ProblemReopens},
		{"the rejection", dlCase(ref, dlEv(Rejected, "2026-11-03")), 1, "", ProblemReopens},
		{"annulled already", dlCase(ref, asg, gone), 2, ProblemAnnulled, ""},
		{"out of range", dlCase(ref), 5, ProblemAnnulled, ""},
		{"the referral", dlCase(ref, asg), 0, ProblemReferralStays, ""},
	} {
		c := tc.c
		refusal, warnings := CheckAnnul(&c, tc.i)
		got, warn := "", ""
		if refusal != nil {
			got = refusal.Code
		}
		if len(warnings) > 0 {
			warn = warnings[0].Code
		}
		if got != tc.refusal || warn != tc.warn {
			t.Errorf("%s: %q %q; want %q %q", tc.name, got, warn, tc.refusal, tc.warn)
		}
	}
}

func TestRoles(t *testing.T) {
	for _, tc := range []struct {
		r    Role
		t    EventType
		want string
	}{
		{Caseworker, ContactAttempt, ""},
		{Caseworker, Note, ""},
		{Caseworker, Assigned, ProblemNotAllowed},
		{Caseworker, Rejected, ProblemNotAllowed},
		{Coordinator, Assigned, ""},
		{Coordinator, Rejected, ""},
		{Leader, Note, ProblemReadOnly},
		{Admin, ContactAttempt, ProblemReadOnly},
	} {
		got := ""
		if p := tc.r.MayRecord(tc.t); p != nil {
			got = p.Code
		}
		if got != tc.want {
			t.Errorf("%s records %s: %q, want %q", tc.r, tc.t, got, tc.want)
		}
	}
	if Leader.MayEdit() == nil || Caseworker.MayEdit() != nil {
		t.Error("MayEdit")
	}
	if r, err := ParseRole("leader"); r != Leader || err != nil {
		t.Errorf("ParseRole: %v %v", r, err)
	}
	if _, err := ParseRole("boss"); err == nil {
		t.Error("ParseRole(boss)")
	}
}

func TestCheckItemDone(t *testing.T) {
	today := d("2026-11-25")
	open := dlCase(dlAssigned("2026-11-03", "anne"))
	closed := dlCase(dlAssigned("2026-11-03", "anne"), dlEv(Closed, "2026-11-20"))
	for _, tc := range []struct {
		name string
		c    Case
		on   Date
		want string
	}{
		{"today", open, today, ""},
		{"tomorrow", open, d("2026-11-26"), ProblemFuture},
		{"on a closed case", closed, today, ProblemClosed},
		{"before triage", dlCase(dlEv(ReferralReceived, "2026-11-02")), today, ProblemUntriaged},
	} {
		got := ""
		if p := CheckItemDone(&tc.c, tc.on, today); p != nil {
			got = p.Code
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestPermit(t *testing.T) {
	annes := &Case{ID: "A", Events: []Event{{Type: ReferralReceived, Date: d("2026-11-02")}, {Type: Assigned, Date: d("2026-11-03"), To: "anne"}}}
	untriaged := &Case{ID: "U", Events: []Event{{Type: ReferralReceived, Date: d("2026-11-02")}}}
	anne, bo := Actor{"anne", Caseworker}, Actor{"bo", Caseworker}
	coord, lead, adm := Actor{"kim", Coordinator}, Actor{"lis", Leader}, Actor{"root", Admin}
	for _, tc := range []struct {
		name string
		a    Actor
		c    *Case
		t    EventType
		want string
	}{
		{"caseworker on own case", anne, annes, ContactAttempt, ""},
		{"caseworker edits own case", anne, annes, "", ""},
		{"caseworker notes own case", anne, annes, Note, ""},
		{"caseworker on another's case", bo, annes, ContactAttempt, ProblemNotYours},
		{"caseworker edits another's case", bo, annes, "", ProblemNotYours},
		{"caseworker notes another's case", bo, annes, Note, ProblemNotYours},
		{"caseworker on an untriaged case", anne, untriaged, Note, ProblemUntriaged},
		{"caseworker reassigns own case", anne, annes, Assigned, ProblemNotAllowed},
		{"caseworker rejects", anne, untriaged, Rejected, ProblemNotAllowed},
		{"coordinator on anyone's case", coord, annes, ContactAttempt, ""},
		{"coordinator assigns", coord, untriaged, Assigned, ""},
		{"coordinator edits", coord, annes, "", ""},
		{"leader records", lead, annes, Note, ProblemReadOnly},
		{"leader edits", lead, annes, "", ProblemReadOnly},
		{"admin records", adm, annes, ContactAttempt, ProblemReadOnly},
		{"admin edits", adm, annes, "", ProblemReadOnly},
	} {
		got := ""
		if p := Permit(tc.a, tc.c, tc.t); p != nil {
			got = p.Code
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	for r, want := range map[Role][3]bool{
		Caseworker:  {true, false, false},
		Coordinator: {true, true, false},
		Leader:      {false, false, false},
		Admin:       {false, true, true},
	} {
		got := [3]bool{r.MayCreate() == nil, r.MayImport() == nil, r.MayManageUsers() == nil}
		if got != want {
			t.Errorf("%s: create/import/users %v, want %v", r, got, want)
		}
	}
	if !Leader.MayReadAccessLog() || !Admin.MayReadAccessLog() || Caseworker.MayReadAccessLog() || Coordinator.MayReadAccessLog() {
		t.Error("MayReadAccessLog")
	}
}
