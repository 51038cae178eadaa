package db

import (
	"strings"
	"testing"

	"tovholder/model"
)

// The audit log says what happened without the words typed about the
// citizen: it is kept for good, and the case holds the words.
func TestEventDetailKeepsNoFreeText(t *testing.T) {
	for _, e := range []model.Event{
		{Type: model.Note, Date: stDate("2026-11-02"), Note: "Borgeren drikker igen", By: "anne"},
		{Type: model.Rejected, Date: stDate("2026-11-02"), Reason: "Psykiatrisk indlagt"},
		{Type: model.FirstMeeting, Date: stDate("2026-11-02"), Place: "Hjemme hos moren", Note: "Grædende"},
		{Type: model.ReferralReceived, Date: stDate("2026-11-02"), Referrer: "Naboen Kim Hansen", Source: "neighbour"},
		{Type: model.AdviceGiven, Date: stDate("2026-11-02"), Annulled: &model.Annulment{Date: stDate("2026-11-03"), Reason: "Forkert borger"}},
	} {
		d := EventDetail(e)
		for _, secret := range []string{"drikker", "indlagt", "moren", "Grædende", "Kim Hansen", "Forkert borger"} {
			if strings.Contains(d, secret) {
				t.Errorf("%s: the audit detail keeps %q: %s", e.Type, secret, d)
			}
		}
		if !strings.Contains(d, string(e.Type)) || !strings.Contains(d, "2026-11-02") {
			t.Errorf("%s: the detail should say what and when: %s", e.Type, d)
		}
	}
	closed := EventDetail(model.Event{Type: model.Closed, Date: stDate("2026-11-02"), Reason: "declined"})
	if !strings.Contains(closed, `"reason":"declined"`) {
		t.Errorf("a reason from the closed list is no free text, and stays: %s", closed)
	}
}
