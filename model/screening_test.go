package model

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func scrDate(t *testing.T, s string) Date {
	t.Helper()
	v, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestScreeningCriteriaData(t *testing.T) {
	idShape := regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)
	seen := map[string]bool{}
	perTopic := map[string]int{}
	cat1 := 0
	for _, c := range Criteria {
		if !idShape.MatchString(c.ID) {
			t.Errorf("criterion id %q is not short snake_case ASCII", c.ID)
		}
		if seen[c.ID] {
			t.Errorf("criterion id %q twice", c.ID)
		}
		seen[c.ID] = true
		switch c.Category {
		case 1:
			cat1++
			if c.Topic != "" || !strings.HasPrefix(c.ID, "c1_") {
				t.Errorf("category-1 criterion %+v: topic must be empty and id start with c1_", c)
			}
		case 2:
			if !slices.Contains(Topics, c.Topic) || !strings.HasPrefix(c.ID, c.Topic+"_") {
				t.Errorf("category-2 criterion %+v: topic must be a..g and prefix the id", c)
			}
			perTopic[c.Topic]++
		default:
			t.Errorf("criterion %+v: category must be 1 or 2", c)
		}
	}
	// The counts of the form in seed 000 / DOMAIN.md.
	if cat1 != 3 {
		t.Errorf("category 1 has %d criteria, want 3", cat1)
	}
	want := map[string]int{"a": 3, "b": 6, "c": 3, "d": 6, "e": 2, "f": 1, "g": 1}
	for _, topic := range Topics {
		if perTopic[topic] != want[topic] {
			t.Errorf("topic %s has %d criteria, want %d", topic, perTopic[topic], want[topic])
		}
	}
	if !slices.Equal(Topics, []string{"a", "b", "c", "d", "e", "f", "g"}) {
		t.Errorf("Topics = %v", Topics)
	}
	// Ids named in the design; they are stored on cases and must not change.
	for _, id := range []string{"c1_no_help", "c1_misses_appointments", "c1_no_answer", "a_no_contact",
		"a_absence", "a_dropped_activities", "b_no_income", "b_unpaid_bills", "b_eviction_risk",
		"b_bailiff_risk", "b_missing_benefits", "b_cannot_manage_money", "c_no_network", "c_lonely",
		"c_avoids_contact", "d_neglected_home", "d_hoarding", "d_bothers_neighbours", "d_animals",
		"d_homeless", "d_sofa_surfing", "e_no_medication", "e_no_treatment_contact",
		"f_substance_abuse", "g_crime"} {
		if !seen[id] {
			t.Errorf("criterion %q missing", id)
		}
	}
}

func TestCriterionByID(t *testing.T) {
	c, ok := CriterionByID("d_hoarding")
	if !ok || c.Category != 2 || c.Topic != "d" {
		t.Errorf("CriterionByID(d_hoarding) = %+v, %v", c, ok)
	}
	if _, ok := CriterionByID("nope"); ok {
		t.Error("CriterionByID(nope) found something")
	}
	if _, ok := CriterionByID(""); ok {
		t.Error("CriterionByID(\"\") found something")
	}
}

func TestValidateCriteria(t *testing.T) {
	for _, tc := range []struct {
		ids  []string
		want string // "" = valid, else a substring of the error
	}{
		{nil, ""},
		{[]string{}, ""},
		{[]string{"c1_no_help", "g_crime", "g_crime"}, ""},
		{[]string{"c1_no_help", "x_unknown", "also_bad"}, `"x_unknown"`},
		{[]string{""}, `""`},
		{[]string{"C1_NO_HELP"}, `"C1_NO_HELP"`}, // ids are case-sensitive
	} {
		err := ValidateCriteria(tc.ids)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("ValidateCriteria(%q) = %v, want nil", tc.ids, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("ValidateCriteria(%q) = %v, want an error naming %s", tc.ids, err, tc.want)
		}
	}
}

func TestScreeningValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Screening
		ok   bool
	}{
		{"empty", Screening{}, true},
		{"right lists", Screening{Category1: []string{"c1_no_answer"}, Category2: []string{"a_absence", "f_substance_abuse"}}, true},
		{"cat2 in Category1", Screening{Category1: []string{"a_absence"}}, false},
		{"cat1 in Category2", Screening{Category2: []string{"c1_no_help"}}, false},
		{"unknown", Screening{Category2: []string{"z_zebra"}}, false},
	} {
		if err := tc.s.Validate(); (err == nil) != tc.ok {
			t.Errorf("%s: Validate() = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}

func TestEvaluateScreening(t *testing.T) {
	var (
		twoTopics  = []string{"a_absence", "b_no_income"}
		sameTopic  = []string{"b_no_income", "b_unpaid_bills", "b_eviction_risk"}
		oneCat2    = []string{"c_lonely"}
		withCat1   = []string{"c1_no_answer", "a_absence", "b_no_income"}
		cat1Only   = []string{"c1_no_help", "c1_no_answer", "c1_misses_appointments"}
		cat1OneTop = []string{"c1_no_help", "d_hoarding", "d_animals"}
		cat1OneC2  = []string{"c1_no_help", "e_no_medication"}
		everything = func() []string {
			var ids []string
			for _, c := range Criteria {
				ids = append(ids, c.ID)
			}
			return ids
		}()
	)
	type want struct {
		rec    bool
		reason ReasonCode
		cat1   int
		cat2   int
		topics int
	}
	for _, tc := range []struct {
		name   string
		age    int
		ticked []string
		want   want
	}{
		// Age boundaries, with a form that meets every condition.
		{"16 too young", 16, withCat1, want{false, ReasonAgeOutside, 1, 2, 2}},
		{"17 young met", 17, twoTopics, want{true, ReasonYoungMet, 0, 2, 2}},
		{"17 young met with cat1 too", 17, withCat1, want{true, ReasonYoungMet, 1, 2, 2}},
		{"29 young met", 29, twoTopics, want{true, ReasonYoungMet, 0, 2, 2}},
		{"30 adult needs cat1", 30, twoTopics, want{false, ReasonAdultNoCat1, 0, 2, 2}},
		{"30 adult met", 30, withCat1, want{true, ReasonAdultMet, 1, 2, 2}},
		{"65 adult met", 65, withCat1, want{true, ReasonAdultMet, 1, 2, 2}},
		{"66 too old", 66, withCat1, want{false, ReasonAgeOutside, 1, 2, 2}},
		{"0 too young", 0, everything, want{false, ReasonAgeOutside, 3, 22, 7}},
		{"120 too old", 120, everything, want{false, ReasonAgeOutside, 3, 22, 7}},

		// Unknown age.
		{"unknown age", -1, withCat1, want{false, ReasonAgeUnknown, 1, 2, 2}},
		{"other negative age is unknown", -7, everything, want{false, ReasonAgeUnknown, 3, 22, 7}},
		{"unknown age nothing ticked", -1, nil, want{false, ReasonAgeUnknown, 0, 0, 0}},

		// Young: counts and topics.
		{"young nothing", 20, nil, want{false, ReasonYoungTooFewCriteria, 0, 0, 0}},
		{"young one criterion", 20, oneCat2, want{false, ReasonYoungTooFewCriteria, 0, 1, 1}},
		{"young cat1 only", 20, cat1Only, want{false, ReasonYoungTooFewCriteria, 3, 0, 0}},
		{"young two in same topic", 20, []string{"c_lonely", "c_no_network"}, want{false, ReasonYoungOneTopic, 0, 2, 1}},
		{"young three in same topic", 20, sameTopic, want{false, ReasonYoungOneTopic, 0, 3, 1}},
		{"young f and g", 20, []string{"f_substance_abuse", "g_crime"}, want{true, ReasonYoungMet, 0, 2, 2}},
		{"young duplicates count once", 20, []string{"c_lonely", "c_lonely", "c_lonely"}, want{false, ReasonYoungTooFewCriteria, 0, 1, 1}},
		{"young everything", 20, everything, want{true, ReasonYoungMet, 3, 22, 7}},

		// Adult: category 1 and the category-2 conditions.
		{"adult nothing", 40, nil, want{false, ReasonAdultNoCat1, 0, 0, 0}},
		{"adult cat2 fine, no cat1", 40, []string{"a_absence", "b_no_income", "c_lonely"}, want{false, ReasonAdultNoCat1, 0, 3, 3}},
		{"adult no cat1 and too few cat2", 40, oneCat2, want{false, ReasonAdultNoCat1, 0, 1, 1}},
		{"adult cat1 only", 40, cat1Only, want{false, ReasonAdultTooFewCat2, 3, 0, 0}},
		{"adult cat1 and one cat2", 40, cat1OneC2, want{false, ReasonAdultTooFewCat2, 1, 1, 1}},
		{"adult cat1, two in same topic", 40, cat1OneTop, want{false, ReasonAdultOneTopic, 1, 2, 1}},
		{"adult duplicate cat2 counts once", 40, []string{"c1_no_help", "g_crime", "g_crime"}, want{false, ReasonAdultTooFewCat2, 1, 1, 1}},
		{"adult duplicate cat1 counts once", 40, []string{"c1_no_help", "c1_no_help", "a_absence", "g_crime"}, want{true, ReasonAdultMet, 1, 2, 2}},
		{"adult everything", 40, everything, want{true, ReasonAdultMet, 3, 22, 7}},

		// Unknown ids are not counted (callers validate first).
		{"unknown ids ignored", 20, []string{"a_absence", "zz_nope", ""}, want{false, ReasonYoungTooFewCriteria, 0, 1, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := EvaluateScreening(tc.age, tc.ticked)
			wantAge := tc.age
			if wantAge < 0 {
				wantAge = -1
			}
			w := tc.want
			if got.Recommended != w.rec || got.Reason != w.reason || got.Age != wantAge ||
				got.Cat1 != w.cat1 || got.Cat2 != w.cat2 || got.Topics != w.topics {
				t.Errorf("EvaluateScreening(%d, %q) = %+v, want %+v (age %d)", tc.age, tc.ticked, got, w, wantAge)
			}
			if got.Recommended != (got.Reason == ReasonYoungMet || got.Reason == ReasonAdultMet) {
				t.Errorf("Recommended %v does not match reason %s", got.Recommended, got.Reason)
			}
		})
	}
}

// TestEvaluateScreeningOrderIrrelevant checks that the result depends on
// the set of criteria, not their order.
func TestEvaluateScreeningOrderIrrelevant(t *testing.T) {
	ticked := []string{"c1_no_help", "d_hoarding", "a_absence", "d_hoarding"}
	want := EvaluateScreening(50, ticked)
	rev := slices.Clone(ticked)
	slices.Reverse(rev)
	if got := EvaluateScreening(50, rev); got != want {
		t.Errorf("reversed: %+v, want %+v", got, want)
	}
	if EvaluateScreening(50, ticked); !slices.Equal(ticked, []string{"c1_no_help", "d_hoarding", "a_absence", "d_hoarding"}) {
		t.Errorf("EvaluateScreening changed its argument: %q", ticked)
	}
}

func TestReasonCodes(t *testing.T) {
	seen := map[ReasonCode]bool{}
	for _, r := range ReasonCodes {
		if r == "" || seen[r] {
			t.Errorf("reason code %q empty or twice", r)
		}
		seen[r] = true
	}
	// Every reason the rule can give is listed.
	for age := -1; age <= 70; age++ {
		for _, ticked := range [][]string{nil, {"a_absence"}, {"a_absence", "a_no_contact"},
			{"a_absence", "g_crime"}, {"c1_no_help"}, {"c1_no_help", "g_crime"},
			{"c1_no_help", "a_absence", "a_no_contact"}, {"c1_no_help", "a_absence", "g_crime"}} {
			if r := EvaluateScreening(age, ticked).Reason; !seen[r] {
				t.Errorf("reason %q not in ReasonCodes", r)
			}
		}
	}
}

func TestCaseScreening(t *testing.T) {
	// Born 1996-11-25: 30 on 2026-11-25, 29 the day before.
	const cpr = CPR("2511961234")
	form := &Screening{
		Date:      scrDate(t, "2026-11-30"),
		Category1: []string{"c1_no_answer"},
		Category2: []string{"b_no_income", "d_homeless"},
	}
	for _, tc := range []struct {
		name     string
		c        Case
		refDate  string
		age      int
		reason   ReasonCode
		recommed bool
	}{
		{"referral the day before 30th birthday: young", Case{
			Citizen:   Citizen{CPR: cpr},
			Screening: form,
			Events: []Event{
				{Type: Assigned, Date: scrDate(t, "2026-11-20")},
				{Type: ReferralReceived, Date: scrDate(t, "2026-11-24")},
			},
		}, "2026-11-24", 29, ReasonYoungMet, true},
		{"referral on 30th birthday: adult", Case{
			Citizen:   Citizen{CPR: cpr},
			Screening: &Screening{Date: form.Date, Category2: form.Category2},
			Events:    []Event{{Type: ReferralReceived, Date: scrDate(t, "2026-11-25")}},
		}, "2026-11-25", 30, ReasonAdultNoCat1, false},
		{"earliest referral counts", Case{
			Citizen:   Citizen{CPR: cpr},
			Screening: form,
			Events: []Event{
				{Type: ReferralReceived, Date: scrDate(t, "2026-12-01")},
				{Type: ReferralReceived, Date: scrDate(t, "2026-11-01")},
			},
		}, "2026-11-01", 29, ReasonYoungMet, true},
		{"no referral event: screening date", Case{Citizen: Citizen{CPR: cpr}, Screening: form},
			"2026-11-30", 30, ReasonAdultMet, true},
		{"no CPR: unknown age", Case{Screening: form,
			Events: []Event{{Type: ReferralReceived, Date: scrDate(t, "2026-11-25")}}},
			"2026-11-25", -1, ReasonAgeUnknown, false},
		{"no dates at all: unknown age", Case{Citizen: Citizen{CPR: cpr}}, "", -1, ReasonAgeUnknown, false},
		{"no form: nothing ticked", Case{Citizen: Citizen{CPR: cpr},
			Events: []Event{{Type: ReferralReceived, Date: scrDate(t, "2026-11-25")}}},
			"2026-11-25", 30, ReasonAdultNoCat1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var wantRef Date
			if tc.refDate != "" {
				wantRef = scrDate(t, tc.refDate)
			}
			if got := tc.c.ReferralDate(); got != wantRef {
				t.Errorf("ReferralDate() = %v, want %v", got, wantRef)
			}
			if got := tc.c.ScreeningAge(); got != tc.age {
				t.Errorf("ScreeningAge() = %d, want %d", got, tc.age)
			}
			r := tc.c.EvaluateScreening()
			if r.Reason != tc.reason || r.Recommended != tc.recommed || r.Age != tc.age {
				t.Errorf("EvaluateScreening() = %+v, want reason %s recommended %v age %d", r, tc.reason, tc.recommed, tc.age)
			}
		})
	}
}

func TestScreeningTicked(t *testing.T) {
	s := &Screening{Category1: []string{"c1_no_help"}, Category2: []string{"g_crime"}}
	got := s.Ticked()
	if !slices.Equal(got, []string{"c1_no_help", "g_crime"}) {
		t.Errorf("Ticked() = %q", got)
	}
	got[0] = "changed"
	if s.Category1[0] != "c1_no_help" {
		t.Error("Ticked() shares memory with Category1")
	}
}
