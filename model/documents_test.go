package model

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func docCase() Case {
	yes, no := true, false
	return Case{ID: "K-1", Events: []Event{{Type: ReferralReceived, Date: d("2026-11-02")}, {Type: Assigned, Date: d("2026-11-03"), To: "anne"}},
		Goals: []Goal{{Title: "Jeg vil have min egen bolig", Area: "housing", CitizenActions: "Søge boliger", CaseworkerActions: "Ringe til boligforeningen", FollowUp: d("2027-02-01"), Reached: &no}},
		NetworkMap: &NetworkMap{PreparedBy: "anne", Updated: d("2026-11-20"), FullConsent: &yes, Rows: []NetworkRow{
			{Section: "private", HasContact: &yes, Name: "Mor", Phone: "12345678"},
			{Section: "health", HasContact: &yes, Name: "Egen læge", Workplace: "Lægehuset", Email: "laege@example.dk"},
		}},
		Agreements: []Agreement{{Saved: d("2026-11-20"), SavedBy: "anne", Agreed: d("2026-11-20"), Situation: "Bor hos sin mor.\nVil gerne flytte.",
			Goals: []Goal{{Title: "Jeg vil have min egen bolig", Area: "housing", FollowUp: d("2027-02-01")}}}},
		Meetings: []Meeting{{Date: d("2026-12-10"), Start: "10:00", End: "11:00", Venue: "Rådhuset",
			Invited: []Participant{{Name: "Kim", Unit: "Boligforeningen", Email: "kim@example.dk", External: true}},
			Items:   []AgendaItem{{Topic: "Velkomst", Minutes: 5}, {Topic: "Bolig", Minutes: 40, Decision: "Kim ringer"}, {Topic: "Næste møde", Minutes: 20}}}},
		Consents: []Consent{{Date: d("2026-11-20"), GivenBy: "borgeren", Parties: []string{"gp", "Boligforeningen"}, May: "Boligsituationen", How: "signed", NotedBy: "anne"}},
	}
}

func TestDocumentsValidate(t *testing.T) {
	c := docCase()
	if errs := Validate(&c); len(errs) > 0 {
		t.Fatalf("a good case: %v", errs)
	}
	for _, tc := range []struct {
		name, field string
		spoil       func(c *Case)
	}{
		{"section", "network_map.rows[0].section", func(c *Case) { c.NetworkMap.Rows[0].Section = "friends" }},
		{"e-mail", "network_map.rows[1].email", func(c *Case) { c.NetworkMap.Rows[1].Email = "laege@" }},
		{"agreement saved", "agreements[0].saved", func(c *Case) { c.Agreements[0].Saved = NoDate }},
		{"goal area", "goals[0].area", func(c *Case) { c.Goals[0].Area = "love" }},
		{"agreement goal area", "agreements[0].goals[0].area", func(c *Case) { c.Agreements[0].Goals[0].Area = "love" }},
		{"meeting date", "meetings[0].date", func(c *Case) { c.Meetings[0].Date = NoDate }},
		{"start", "meetings[0].start", func(c *Case) { c.Meetings[0].Start = "25:00" }},
		{"end", "meetings[0].end", func(c *Case) { c.Meetings[0].End = "10.30" }},
		{"invited name", "meetings[0].invited[0].name", func(c *Case) { c.Meetings[0].Invited[0].Name = " " }},
		{"invited e-mail", "meetings[0].invited[0].email", func(c *Case) { c.Meetings[0].Invited[0].Email = "kim at example.dk" }},
		{"minutes", "meetings[0].items[1].minutes", func(c *Case) { c.Meetings[0].Items[1].Minutes = -5 }},
		{"consent date", "consents[0].date", func(c *Case) { c.Consents[0].Date = NoDate }},
		{"consent form", "consents[0].how", func(c *Case) { c.Consents[0].How = "telepathy" }},
		{"revoked before given", "consents[0].revoked", func(c *Case) { c.Consents[0].Revoked = d("2026-11-01") }},
	} {
		c := docCase()
		tc.spoil(&c)
		errs := Validate(&c)
		if len(errs) != 1 || errs[0].Field != tc.field {
			t.Errorf("%s: %v, want one problem with %s", tc.name, errs, tc.field)
		}
	}
}

// Consent: refused without, allowed with, refused after revocation, and
// only for the parties it names.
func TestCheckExternal(t *testing.T) {
	c := docCase()
	for _, tc := range []struct {
		name, party string
		day         Date
		revoked     Date
		want        string
	}{
		{"before the consent", "Boligforeningen", d("2026-11-19"), NoDate, ProblemNoConsent},
		{"named by hand", "boligforeningen", d("2026-11-20"), NoDate, ""},
		{"named from the checklist, by id", "gp", d("2026-12-01"), NoDate, ""},
		{"named from the checklist, by words", "Egen læge", d("2026-12-01"), NoDate, ""},
		{"not named", "Jobcenter", d("2026-12-01"), NoDate, ProblemNotCovered},
		{"the day before it was revoked", "gp", d("2026-11-30"), d("2026-12-01"), ""},
		{"revoked", "gp", d("2026-12-01"), d("2026-12-01"), ProblemConsentRevoked},
		{"no party", "", d("2026-12-01"), NoDate, ProblemNotCovered},
	} {
		c.Consents[0].Revoked = tc.revoked
		got := ""
		if p := CheckExternal(&c, tc.party, tc.day); p != nil {
			got = p.Code
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	c.Consents = nil
	if p := CheckExternal(&c, "gp", d("2026-12-01")); p == nil || p.Code != ProblemNoConsent {
		t.Errorf("no consent at all: %v", p)
	}
}

func TestMeetingSums(t *testing.T) {
	m := docCase().Meetings[0]
	if m.PlannedMinutes() != 65 || m.PlannedMinutes() <= MeetingGuideline {
		t.Errorf("planned %d minutes", m.PlannedMinutes())
	}
	if m.LastDayForItems() != d("2026-12-06") {
		t.Errorf("last day for items %s", m.LastDayForItems())
	}
	if len(DefaultAgenda) != 11 {
		t.Errorf("%d default rows", len(DefaultAgenda))
	}
}

// The documents go out and come back whole; redacted, none of them leaves.
func TestDocumentsRoundTrip(t *testing.T) {
	c := docCase()
	if errs := Validate(&c); len(errs) > 0 {
		t.Fatal(errs)
	}
	var buf bytes.Buffer
	enc := NewFileEncoder(&buf)
	if err := enc.Encode(&c); err != nil {
		t.Fatal(err)
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := DecodeFile(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0], c) {
		t.Fatalf("round trip changed the case:\n%s", buf.String())
	}
	r := c
	r.Redact()
	if r.NetworkMap != nil || r.Agreements != nil || r.Meetings != nil || r.Consents != nil || r.Goals[0].Title != "" || r.Goals[0].CitizenActions != "" || r.Goals[0].FollowUp == NoDate {
		t.Errorf("redacted: %+v", r)
	}
	for _, key := range []string{`"network_map"`, `"agreements"`, `"meetings"`, `"consents"`, `"citizen_actions"`} {
		if !strings.Contains(buf.String(), key) {
			t.Errorf("the file has no %s", key)
		}
	}
}

func TestSaveNetworkMap(t *testing.T) {
	c := docCase()
	m := *c.NetworkMap
	m.Rows = []NetworkRow{{Section: "caseworker", Name: "anne"}, {Section: "housing", Name: "Boligforeningen"}, {Section: "private", Name: "Mor"}}
	c.SaveNetworkMap(m, d("2026-11-25"))
	var got []string
	for _, r := range c.NetworkMap.Rows {
		got = append(got, r.Section+":"+r.Name)
	}
	if strings.Join(got, ",") != "private:Mor,housing:Boligforeningen,health:Egen læge,caseworker:anne" || c.NetworkMap.Updated != d("2026-11-25") {
		t.Fatalf("rows %v, updated %s", got, c.NetworkMap.Updated)
	}
	c.SaveNetworkMap(*c.NetworkMap, d("2026-11-26")) // the GP is there: not twice
	if len(c.NetworkMap.Rows) != 4 {
		t.Fatalf("%d rows", len(c.NetworkMap.Rows))
	}
}

// An agreement's goals become the case's: their follow-up dates are
// goal_followup deadlines in the queue, a goal followed up keeps it, and
// every version is kept.
func TestSaveAgreementGoalsAreDeadlines(t *testing.T) {
	c := Case{ID: "K-1", Events: []Event{{Type: ReferralReceived, Date: d("2026-11-02")}, {Type: Assigned, Date: d("2026-11-03"), To: "anne"},
		{Type: FirstMeeting, Date: d("2026-11-05")}}}
	a := Agreement{Agreed: d("2026-11-20"), Goals: []Goal{{Title: "Egen bolig", FollowUp: d("2027-02-01")}, {Title: "Job", FollowUp: d("2027-01-11")}}}
	c.SaveAgreement(a, d("2026-11-20"), "anne")
	has := func(rule string, due Date) bool {
		for _, o := range fremskudt.Obligations(&c, DefaultCalendar()) {
			if o.Rule == rule && o.Due == due && o.State == Active {
				return true
			}
		}
		return false
	}
	if !has("goal_followup", d("2027-02-01")) || !has("goal_followup", d("2027-01-11")) {
		t.Fatalf("the goals' follow-ups are not deadlines: %+v", fremskudt.Obligations(&c, DefaultCalendar()))
	}
	c.Goals[1].FollowedUp, c.Goals[1].FollowedUpOn = true, d("2027-01-08")
	b := a
	b.Goals = []Goal{{Title: "egen bolig", FollowUp: d("2027-03-01")}, {Title: "Kontakt til min søster", FollowUp: d("2027-02-15")}}
	c.SaveAgreement(b, d("2027-01-10"), "anne")
	var titles []string
	for _, g := range c.Goals {
		titles = append(titles, fmt.Sprintf("%s %s %v", g.Title, g.FollowUp, g.FollowedUp))
	}
	if strings.Join(titles, "; ") != "egen bolig 2027-03-01 false; Kontakt til min søster 2027-02-15 false; Job 2027-01-11 true" {
		t.Errorf("goals after the second version: %v", titles)
	}
	if len(c.Agreements) != 2 || c.Agreements[0].Saved != d("2026-11-20") || c.Agreements[1].SavedBy != "anne" {
		t.Errorf("versions: %+v", c.Agreements)
	}
	if cur, ok := c.Agreement(); !ok || cur.Saved != d("2027-01-10") {
		t.Errorf("in force: %+v", cur)
	}
}

// A meeting: decisions become task deadlines; minutes recorded as sent;
// an external participant needs consent.
func TestSaveMeeting(t *testing.T) {
	c := docCase()
	c.Meetings, c.Consents = nil, nil
	m := docCase().Meetings[0]
	probs := c.SaveMeeting(0, m, nil, false, d("2026-11-25"))
	if len(probs) != 1 || probs[0].Code != ProblemNoConsent || len(c.Meetings) != 0 {
		t.Fatalf("no consent: %+v, %d meetings", probs, len(c.Meetings))
	}
	c.Consents = docCase().Consents
	tasks := []Task{{Title: "Ringe til boligforeningen", Owner: "Kim", Due: d("2026-12-17")}}
	if probs := c.SaveMeeting(0, m, tasks, true, d("2026-12-10")); probs != nil {
		t.Fatalf("with consent: %+v", probs)
	}
	if len(c.Meetings) != 1 || c.Meetings[0].MinutesSent != d("2026-12-10") || !c.Has(MinutesSent) {
		t.Fatalf("minutes sent: %+v", c.Meetings)
	}
	found := false
	for _, o := range fremskudt.Obligations(&c, DefaultCalendar()) {
		found = found || (o.Rule == "task" && o.Due == d("2026-12-17"))
	}
	if !found {
		t.Error("the decision is not a task deadline")
	}
	c.Consents[0].Revoked = d("2026-12-12")
	if probs := c.SaveMeeting(0, m, nil, false, d("2026-12-12")); len(probs) != 1 || probs[0].Code != ProblemConsentRevoked {
		t.Errorf("after revocation: %+v", probs)
	}
}

// Information from an external party (step 7) is recorded only with a
// consent in force that names them.
func TestNoteFromExternalPartyNeedsConsent(t *testing.T) {
	c := docCase()
	note := Event{Type: Note, Date: d("2026-11-25"), Note: "Jobcentret fortæller …", Party: "Jobcenter"}
	for _, tc := range []struct {
		name  string
		setup func(c *Case)
		want  string
	}{
		{"not named", func(c *Case) {}, ProblemNotCovered},
		{"named", func(c *Case) { c.Consents[0].Parties = append(c.Consents[0].Parties, "job_centre") }, ""},
		{"revoked", func(c *Case) {
			c.Consents[0].Parties = append(c.Consents[0].Parties, "job_centre")
			c.Consents[0].Revoked = d("2026-11-24")
		}, ProblemConsentRevoked},
		{"none", func(c *Case) { c.Consents = nil }, ProblemNoConsent},
	} {
		k := docCase()
		tc.setup(&k)
		got := ""
		if p, _ := CheckEvent(&k, note, d("2026-11-26"), DefaultCalendar()); p != nil {
			got = p.Code
			if p.Field != "party" {
				t.Errorf("%s: field %q", tc.name, p.Field)
			}
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	// A note of the caseworker's own needs no consent.
	own := note
	own.Party = ""
	if p, _ := CheckEvent(&c, own, d("2026-11-26"), DefaultCalendar()); p != nil {
		t.Errorf("an internal note: %+v", p)
	}
	bad := Event{Type: ContactAttempt, Date: d("2026-11-25"), Party: "Jobcenter"}
	c.Events = append(c.Events, bad)
	if errs := Validate(&c); len(errs) != 1 || !strings.HasSuffix(errs[0].Field, ".party") {
		t.Errorf("a party on a contact attempt: %v", errs)
	}
}

// A goal followed up and then left out of the agreement stays on the case
// as history, but is not in the new version.
func TestSaveAgreementDropsAGoalFollowedUp(t *testing.T) {
	c := Case{ID: "K-1"}
	c.SaveAgreement(Agreement{Goals: []Goal{{Title: "A", FollowUp: d("2027-01-11")}, {Title: "B", FollowUp: d("2027-02-01")}}}, d("2026-11-20"), "anne")
	c.Goals[0].FollowedUp, c.Goals[0].FollowedUpOn = true, d("2027-01-08")
	c.SaveAgreement(Agreement{Goals: []Goal{{Title: "B", FollowUp: d("2027-02-01")}}}, d("2027-01-10"), "anne")
	if cur, _ := c.Agreement(); len(cur.Goals) != 1 || cur.Goals[0].Title != "B" {
		t.Errorf("the new version's goals: %+v", cur.Goals)
	}
	if len(c.Goals) != 2 || c.Goals[1].Title != "A" || !c.Goals[1].FollowedUp {
		t.Errorf("the case's goals: %+v", c.Goals)
	}
}
