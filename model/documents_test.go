package model

import (
	"bytes"
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
