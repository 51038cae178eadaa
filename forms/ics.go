package forms

import (
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"tovholder/model"
)

// ICS is the invitation to a coordinating meeting as an iCalendar file
// for Outlook. Team calendars are widely read, so the event says only
// what a colleague's calendar may show: "Koordinerende møde", the time,
// the venue and the invited professionals. It holds no CPR number, no
// health detail, no agenda, no units (a unit like "district psychiatry"
// says something about health) and not the citizen's name either: a name
// beside "coordinating meeting" already tells a reader that this person is
// a case of the outreach team. The citizen is not an attendee; they get
// the printed invitation. The event is CLASS:PRIVATE.
//
// Times are the meeting's date and start/end in Danish time, written in
// UTC (no VTIMEZONE needed); without an end the meeting lasts the
// guideline's hour, without a start it is an all-day event. The UID is
// stable, from the case id and the meeting's date, so a second file of
// the same meeting updates the first. stamp is DTSTAMP, when the file was
// made.
func ICS(c *model.Case, m *model.Meeting, lang string, stamp time.Time) (string, error) {
	if m.Date == model.NoDate {
		return "", fmt.Errorf("the meeting has no date")
	}
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return "", err
	}
	cal := ics.NewCalendarFor("tovholder")
	cal.SetMethod(ics.MethodRequest)
	cal.SetProductId("-//tovholder//koordinerende møde//DA")
	y, mo, d := m.Date.YMD()
	uid := fmt.Sprintf("%s-%04d%02d%02d@tovholder", c.ID, y, mo, d)
	ev := cal.AddEvent(uid)
	ev.SetDtStampTime(stamp)
	kind, _ := model.Lookup(model.Kinds, "coordinating")
	ev.SetSummary(kind.Label(lang))
	at := func(hhmm string) (time.Time, bool) {
		hm, ok := clock(hhmm)
		if !ok {
			return time.Time{}, false
		}
		var h, mi int
		fmt.Sscanf(hm, "%d:%d", &h, &mi)
		return time.Date(y, mo, d, h, mi, 0, 0, loc), true
	}
	if start, ok := at(m.Start); ok {
		end, ok := at(m.End)
		if !ok || !end.After(start) {
			end = start.Add(model.MeetingGuideline * time.Minute)
		}
		ev.SetStartAt(start)
		ev.SetEndAt(end)
	} else {
		day := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
		ev.SetAllDayStartAt(day)
		ev.SetAllDayEndAt(day.AddDate(0, 0, 1))
	}
	if m.Venue != "" {
		ev.SetLocation(m.Venue)
	}
	ev.SetClass(ics.ClassificationPrivate)
	citizen := strings.ToLower(strings.TrimSpace(c.Citizen.Name))
	for _, p := range m.Invited {
		if p.Email == "" || Email(p.Email) != nil {
			continue
		}
		if strings.ToLower(strings.TrimSpace(p.Name)) == citizen || strings.EqualFold(p.Email, c.Citizen.Email) {
			continue
		}
		ev.AddAttendee(p.Email, ics.WithCN(p.Name), ics.ParticipationRoleReqParticipant, ics.WithRSVP(true))
	}
	return cal.Serialize(), nil
}
