package model

import (
	"strings"
	"testing"
)

func TestRedactDropsPersonalData(t *testing.T) {
	c := Case{ID: "K-1", Citizen: Citizen{Name: "Åse Fiktivsen", CPR: "0101901234", Phone: "12345678", BirthDate: d("1990-01-01")},
		Screening: &Screening{Justification: "psykiatrisk kendt"},
		Events: []Event{
			{Type: Closed, Date: d("2026-11-01"), Reason: "indlagt", Note: "n", Place: "hjemme", Referrer: "Kim"},
			{Type: ReferralReceived, Date: d("2026-10-01"), Source: "psykiatrisk skadestue"},
			{Type: NeedsAssessed, Date: d("2026-10-20"), Outcome: "ordinary_casework"},
			{Type: Note, Date: d("2026-10-30"), Note: "Borgeren fortalte om sin bror", By: "anne"},
			{Type: ContactAttempt, Date: d("2026-10-29"), Annulled: &Annulment{Date: d("2026-10-30"), By: "anne", Reason: "forkert borger"}},
		},
		Goals: []Goal{{Title: "Jeg vil stoppe med at drikke", FollowUp: d("2026-12-01")}},
		Tasks: []Task{{Title: "Ring til lægen", Owner: "distriktspsykiatrien", Due: d("2026-12-01")}}}
	orig := c.Events[3] // the note
	c.Redact()
	var buf strings.Builder
	if err := EncodeFile(&buf, []Case{c}); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"0101901234", "12345678", "1990-01-01", "Åse", "Fiktivsen", "psykiatrisk", "indlagt",
		"hjemme", "Kim", "drikke", "lægen", "bror", "forkert borger", `"note"`, "psykiatri"} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("redacted case still says %q", secret)
		}
	}
	if !strings.Contains(buf.String(), "2026-12-01") || !strings.Contains(buf.String(), `"annulled"`) ||
		!strings.Contains(buf.String(), `"outcome": "ordinary_casework"`) {
		t.Error("redaction keeps the dates, the ids of the closed lists, and that an event was annulled")
	}
	if len(c.Events) != 4 || orig.Note == "" || c.Events[2].Outcome != "ordinary_casework" {
		t.Errorf("the note event is left out, the rest kept: %+v", c.Events)
	}
}

func TestNormalizeWritesDefaultsOut(t *testing.T) {
	c := Case{ID: "K-1", Events: []Event{
		{Type: MeetingHeld, Date: d("2026-11-02")},
		{Type: ContactAttempt, Date: d("2026-11-02"), Channel: "phone"},
		{Type: CoordinationPlanned, Date: d("2026-11-02")},
		{Type: MeetingHeld, Date: d("2026-11-03"), Kind: "coordinating"},
		{Type: ContactAttempt, Date: d("2026-11-03"), Reached: ptr(true)},
		{Type: CoordinationPlanned, Date: d("2026-11-03"), Scope: "external"},
	}}
	Normalize(&c)
	e := c.Events
	if c.Profile != DefaultProfile || e[0].Kind != "followup" || e[1].Reached == nil || *e[1].Reached || e[2].Scope != "internal" {
		t.Errorf("defaults not written out: %+v", c)
	}
	if e[3].Kind != "coordinating" || !*e[4].Reached || e[5].Scope != "external" {
		t.Errorf("given values changed: %+v", c)
	}
}

func TestAnnulledEventsDoNotCount(t *testing.T) {
	annul := &Annulment{Date: d("2026-11-06"), By: "anne", Reason: "wrong case"}
	c := Case{ID: "K-1", Events: []Event{
		{Type: Assigned, Date: d("2026-11-02"), To: "anne"},
		{Type: Assigned, Date: d("2026-11-04"), To: "bo", Annulled: annul},
		{Type: ContactAttempt, Date: d("2026-11-03"), Reached: ptr(true), Annulled: annul},
		{Type: FirstMeeting, Date: d("2026-11-05"), Annulled: annul},
	}}
	if w := c.Caseworker(); w != "anne" {
		t.Errorf("caseworker %q: an annulled reassignment does not count", w)
	}
	if c.Has(FirstMeeting) || c.Phase() != PhaseContact {
		t.Errorf("phase %s: an annulled first meeting does not count", c.Phase())
	}
	if len(c.ContactAttempts()) != 0 || len(c.LiveChronological()) != 1 || len(c.Chronological()) != 4 {
		t.Error("annulled events stay in the history, out of the live list")
	}
	st, err := StatusOf(&c, DefaultCalendar())
	if err != nil || !st.Has || st.Next.Rule != "contact" || st.Next.Due != d("2026-11-04") {
		t.Errorf("the contact deadline stands unmet once the attempt is annulled: %+v %v", st, err)
	}
}

func TestBirthDateForScreening(t *testing.T) {
	ref := Event{Type: ReferralReceived, Date: d("2026-11-02")}
	noCPR := Case{ID: "K-1", Citizen: Citizen{BirthDate: d("2001-05-10")}, Events: []Event{ref}}
	if age := noCPR.ScreeningAge(); age != 25 {
		t.Errorf("age from birth_date = %d, want 25", age)
	}
	both := Case{ID: "K-2", Citizen: Citizen{CPR: "1005014234", BirthDate: d("1999-01-01")}, Events: []Event{ref}}
	if age := both.ScreeningAge(); age != 25 {
		t.Errorf("the CPR number wins: age %d, want 25", age)
	}
	if errs := Validate(&both); len(errs) != 1 || errs[0].Field != "citizen.birth_date" {
		t.Errorf("a birth date that contradicts the CPR number: %v", errs)
	}
	none := Case{ID: "K-3", Events: []Event{ref}}
	if age := none.ScreeningAge(); age != -1 {
		t.Errorf("no CPR, no birth date: age %d, want unknown", age)
	}
}

func TestValidateNewFields(t *testing.T) {
	c := Case{ID: "K-1", Previous: "K-1", Events: []Event{
		{Type: Note, Date: d("2026-11-02")},
		{Type: Note, Date: d("2026-11-02"), Note: "ok"},
		{Type: AdviceGiven, Date: d("2026-11-02"), Annulled: &Annulment{}},
	}}
	var got []string
	for _, e := range Validate(&c) {
		got = append(got, e.Field)
	}
	if strings.Join(got, " ") != "previous events[0].note events[2].annulled.date" {
		t.Errorf("problems %q", got)
	}
}

func ptr[T any](v T) *T { return &v }
