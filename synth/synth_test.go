package synth

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"testing"
	"time"

	"tovholder/model"
)

var testToday = model.MakeDate(2026, time.November, 20)

func TestCasesValid(t *testing.T) {
	const n = 2000
	cases := Cases(n, 1, testToday)
	if len(cases) != n {
		t.Fatalf("got %d cases, want %d", len(cases), n)
	}
	idShape := regexp.MustCompile(`^K-2026-\d{4}$`) // the desk's K-YYYY-NNNN, today's year
	cal := model.DefaultCalendar()
	seen := map[string]bool{}
	for i := range cases {
		c := cases[i] // Validate normalises in place: check a copy
		if errs := model.Validate(&c); len(errs) > 0 {
			t.Fatalf("case %s does not validate: %v", c.ID, errs)
		}
		if !reflect.DeepEqual(c, cases[i]) {
			t.Errorf("case %s changes when validated: it was not normalised", c.ID)
		}
		if !idShape.MatchString(c.ID) || c.ID != fmt.Sprintf("K-2026-%04d", i+1) {
			t.Errorf("case %d has id %q, not K-2026-%04d", i+1, c.ID, i+1)
		}
		if seen[c.ID] {
			t.Errorf("id %q twice", c.ID)
		}
		seen[c.ID] = true
		if _, err := model.ParseCPR(string(c.Citizen.CPR)); err != nil {
			t.Errorf("case %s: %v", c.ID, err)
		}
		if age := c.ScreeningAge(); age < 17 || age > 70 {
			t.Errorf("case %s: age %d at referral, want 17–70", c.ID, age)
		}
		if age := c.Citizen.CPR.AgeOn(testToday); age < 17 || age > 70 {
			t.Errorf("case %s: age %d today, want 17–70", c.ID, age)
		}
		if len(c.Citizen.Phone) != 8 || c.Citizen.Name == "" || c.Citizen.Address == "" {
			t.Errorf("case %s: incomplete citizen %+v", c.ID, c.Citizen)
		}
		if c.Screening != nil {
			if err := c.Screening.Validate(); err != nil {
				t.Errorf("case %s: screening: %v", c.ID, err)
			}
			if c.Screening.InTargetGroup != c.Screening.Recommended && c.Screening.Justification == "" {
				t.Errorf("case %s: the decision overrides the rule without a justification", c.ID)
			}
		}
		earliest := testToday.AddMonths(-14)
		for _, e := range c.Events {
			if e.Date > testToday || e.Date < earliest {
				t.Errorf("case %s: %s dated %s, outside %s..%s", c.ID, e.Type, e.Date, earliest, testToday)
			}
			if !cal.IsWorkingDay(e.Date) {
				t.Errorf("case %s: %s dated %s, not a working day", c.ID, e.Type, e.Date)
			}
			vocab := map[model.EventType][2]string{
				model.ReferralReceived: {"source", e.Source},
				model.NeedsAssessed:    {"outcome", e.Outcome},
				model.Closed:           {"reason", e.Reason},
			}
			if v, ok := vocab[e.Type]; ok {
				opts := map[string][]model.Option{"source": model.ReferralSources, "outcome": model.Outcomes, "reason": model.CloseReasons}[v[0]]
				if _, known := model.Lookup(opts, v[1]); !known {
					t.Errorf("case %s: %s %s %q is not a forms id", c.ID, e.Type, v[0], v[1])
				}
			}
		}
		if r, _ := c.First(model.ReferralReceived); r.Date != c.Chronological()[0].Date {
			t.Errorf("case %s: an event before the referral", c.ID)
		}
		for _, g := range c.Goals {
			if g.FollowUp > testToday+aheadDays || g.FollowedUpOn > testToday {
				t.Errorf("case %s: goal dates %s/%s too late", c.ID, g.FollowUp, g.FollowedUpOn)
			}
		}
		for _, tk := range c.Tasks {
			if tk.Due > testToday+aheadDays || tk.DoneOn > testToday {
				t.Errorf("case %s: task dates %s/%s too late", c.ID, tk.Due, tk.DoneOn)
			}
		}
	}
	if !slices.IsSortedFunc(cases, func(a, b model.Case) int { return int(num(a.ID) - num(b.ID)) }) {
		t.Error("cases are not in number order")
	}
}

func num(id string) int64 {
	var n int64
	for _, r := range id[len("K-2026-"):] {
		n = n*10 + int64(r-'0')
	}
	return n
}

// TestCasesCoverage checks that 2,000 cases show every phase and every
// situation the queue and the statistics must handle.
func TestCasesCoverage(t *testing.T) {
	cases := Cases(2000, 1, testToday)
	cal := model.DefaultCalendar()
	p, err := model.ProfileByName(model.DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	phases := map[model.Phase]int{}
	var earliest model.Date = testToday
	for i := range cases {
		c := &cases[i]
		phases[c.Phase()]++
		attempts, reached := 0, false
		for _, e := range c.Events {
			earliest = min(earliest, e.Date)
			switch e.Type {
			case model.ReferralReceived:
				count["source "+e.Source]++
			case model.NeedsAssessed:
				count["outcome "+e.Outcome]++
			case model.Closed:
				count["close reason "+e.Reason]++
			case model.ContactAttempt:
				attempts++
				reached = reached || e.IsReached()
			case model.CoordinationPlanned:
				count["coordination "+e.Scope]++
			case model.MeetingHeld:
				count["meeting "+e.Kind]++
			}
		}
		if c.Phase() == model.PhaseContact {
			count["contact, attempts "+string(rune('0'+attempts))]++
			if reached {
				count["contact, reached"]++
			}
		}
		if held, ok := c.First(model.MeetingHeld); ok && held.Kind == "coordinating" {
			if c.Has(model.MinutesSent) {
				count["coordinating meeting with minutes"]++
			} else {
				count["coordinating meeting without minutes"]++
			}
		}
		if c.Has(model.Closed) {
			switch {
			case !c.Has(model.FirstMeeting):
				count["closed before a first meeting"]++
			case c.Has(model.FollowupDone):
				count["closed, follow-up done"]++
			default:
				count["closed, follow-up not done"]++
			}
		}
		if c.Has(model.AdviceGiven) {
			count["advice given"]++
		}
		if c.Has(model.NeedsAssessed) {
			count["needs assessed"]++
		}
		if len(c.Events) == 1 {
			count["fresh referral"]++
		}
		if assigned := countType(c, model.Assigned); assigned > 1 {
			count["reassigned"]++
		}
		for _, g := range c.Goals {
			if g.FollowUp != model.NoDate {
				count["goal with follow-up date"]++
			}
		}
		for _, tk := range c.Tasks {
			if tk.Due != model.NoDate {
				count["task with due date"]++
			}
		}
		obs := p.Obligations(c, cal)
		for _, o := range obs {
			switch {
			case o.Overdue(testToday):
				count["overdue "+o.Rule]++
				count["overdue"]++
			case o.State == model.MetLate:
				count["met late "+o.Rule]++
				count["met late"]++
			case o.State == model.Missed:
				count["missed"]++
			}
		}
		st, err := model.StatusOf(c, cal)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case !st.Open:
			count["not in the queue"]++
		case st.Has:
			count["queue: next "+st.Next.Rule]++
		default:
			count["queue: no next deadline"]++
		}
	}
	for _, ph := range []model.Phase{model.PhaseReferral, model.PhaseContact, model.PhaseNeeds,
		model.PhaseTransition, model.PhaseClosed, model.PhaseRejected} {
		if phases[ph] == 0 {
			t.Errorf("no case in phase %s", ph)
		}
	}
	want := []string{
		"fresh referral", "contact, attempts 0", "contact, attempts 1", "contact, attempts 2",
		"contact, attempts 3", "contact, reached", "advice given", "coordination internal",
		"coordination external", "coordinating meeting with minutes", "coordinating meeting without minutes",
		"meeting followup", "needs assessed", "closed before a first meeting", "closed, follow-up done",
		"closed, follow-up not done", "reassigned", "goal with follow-up date", "task with due date",
		"overdue", "met late", "missed", "not in the queue", "queue: no next deadline",
	}
	for _, o := range model.ReferralSources {
		want = append(want, "source "+o.ID)
	}
	for _, o := range model.Outcomes {
		want = append(want, "outcome "+o.ID)
	}
	for _, o := range model.CloseReasons {
		want = append(want, "close reason "+o.ID)
	}
	for _, rule := range []string{"contact", "first_meeting", "advice", "needs_assessment",
		"coordinating_meeting", "minutes", "followup_after_close", "goal_followup", "task"} {
		want = append(want, "queue: next "+rule, "met late "+rule)
	}
	for _, w := range want {
		if count[w] == 0 {
			t.Errorf("no case with %s", w)
		}
	}
	// "A few" overdue: some, not most.
	if open := len(cases) - count["not in the queue"]; count["overdue"] > open/3 {
		t.Errorf("%d overdue obligations among %d open cases: too many", count["overdue"], open)
	}
	if earliest < testToday.AddMonths(-14) {
		t.Errorf("earliest event %s is more than a year before today", earliest)
	}
	t.Logf("phases: %v", phases)
	t.Logf("earliest event: %s", earliest)
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		t.Logf("%-45s %5d", k, count[k])
	}
}

func countType(c *model.Case, t model.EventType) int {
	n := 0
	for _, e := range c.Events {
		if e.Type == t {
			n++
		}
	}
	return n
}

func TestDeterministic(t *testing.T) {
	a := Cases(300, 42, testToday)
	b := Cases(300, 42, testToday)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different cases")
	}
	c := Cases(300, 43, testToday)
	if reflect.DeepEqual(a[0].Citizen, c[0].Citizen) && reflect.DeepEqual(a[1].Citizen, c[1].Citizen) {
		t.Error("different seeds gave the same cases")
	}
	// Chunks are the same cases as the whole set.
	r := Range(300, 100, 200, 42, testToday)
	if !reflect.DeepEqual(r, a[100:200]) {
		t.Error("Range(300, 100, 200) differs from Cases(300)[100:200]")
	}
	if got := Range(300, 290, 400, 42, testToday); len(got) != 10 {
		t.Errorf("Range past the end gave %d cases, want 10", len(got))
	}
	if got := Cases(0, 1, testToday); got == nil || len(got) != 0 {
		t.Errorf("Cases(0) = %v, want an empty list", got)
	}
}

func TestIDWidth(t *testing.T) {
	for _, tc := range []struct{ total, width int }{{0, 4}, {1, 4}, {9999, 4}, {10000, 5}, {99999, 5}, {100000, 6}, {999999, 6}, {1000000, 7}, {12345678, 8}} {
		if got := IDWidth(tc.total); got != tc.width {
			t.Errorf("IDWidth(%d) = %d, want %d", tc.total, got, tc.width)
		}
	}
	last := Range(1000000, 999999, 1000000, 1, testToday)[0].ID
	if !regexp.MustCompile(`^K-\d{4}-1000000$`).MatchString(last) {
		t.Errorf("case 1,000,000 has id %q", last)
	}
	first := Range(1000000, 0, 1, 1, testToday)[0].ID
	if !regexp.MustCompile(`^K-\d{4}-0000001$`).MatchString(first) {
		t.Errorf("case 1 of 1,000,000 has id %q", first)
	}
}

// The ids are the desk's (db.CreateReferral): K-YYYY-NNNN, the year of
// today, not of the referral, so that the desk's next number of the year
// follows the last synthetic case; 4 digits, more only when the count
// needs them.
func TestIDFormat(t *testing.T) {
	newYear := model.MakeDate(2027, time.January, 12) // most referrals are from 2026
	cases := Cases(300, 1, newYear)
	fromLastYear := 0
	for i, c := range cases {
		if want := fmt.Sprintf("K-2027-%04d", i+1); c.ID != want {
			t.Errorf("case %d has id %q, want %q", i+1, c.ID, want)
		}
		if r, _ := c.First(model.ReferralReceived); r.Date < model.MakeDate(2027, time.January, 1) {
			fromLastYear++
		}
	}
	if fromLastYear < 200 {
		t.Errorf("only %d of 300 cases were referred before the new year: the test shows nothing", fromLastYear)
	}
	for _, tc := range []struct {
		total, i int
		id       string
	}{
		{1, 0, "K-2026-0001"}, {9999, 9998, "K-2026-9999"},
		{10000, 0, "K-2026-00001"}, {10000, 9999, "K-2026-10000"},
		{100000, 99999, "K-2026-100000"}, {100000, 41, "K-2026-000042"},
	} {
		if got := Range(tc.total, tc.i, tc.i+1, 7, testToday)[0].ID; got != tc.id {
			t.Errorf("case %d of %d has id %q, want %q", tc.i+1, tc.total, got, tc.id)
		}
	}
}

// TestFileRoundTrip: a generated file decodes as a valid interchange file
// and encodes back to the same bytes.
func TestFileRoundTrip(t *testing.T) {
	f := File(500, 3, testToday)
	if f.Format != model.Format {
		t.Fatalf("format %q", f.Format)
	}
	var buf bytes.Buffer
	if err := model.EncodeFile(&buf, f.Cases); err != nil {
		t.Fatal(err)
	}
	got, err := model.DecodeFile(buf.Bytes())
	if err != nil {
		t.Fatalf("a generated file does not decode: %v", err)
	}
	var again bytes.Buffer
	if err := model.EncodeFile(&again, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("decode and encode again changes the file")
	}
}

func BenchmarkCases(b *testing.B) {
	b.ReportAllocs()
	const chunk = 10000
	for i := 0; b.Loop(); i++ {
		Range(1<<30, i*chunk%(1<<29), i*chunk%(1<<29)+chunk, 1, testToday)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*chunk), "ns/case")
}

// BenchmarkCasesMillion makes a million cases at once and keeps them, as
// a benchmark database build does.
func BenchmarkCasesMillion(b *testing.B) {
	for b.Loop() {
		cases := Cases(1000000, 1, testToday)
		if len(cases) != 1000000 {
			b.Fatal(len(cases))
		}
	}
}

// BenchmarkCasesChunked makes a million cases in chunks of 100,000, as the
// benchmark databases are built, keeping one chunk at a time.
func BenchmarkCasesChunked(b *testing.B) {
	const total, chunk = 1000000, 100000
	for b.Loop() {
		for from := 0; from < total; from += chunk {
			if got := Range(total, from, from+chunk, 1, testToday); len(got) != chunk {
				b.Fatal(len(got))
			}
		}
	}
}
