package model

import (
	"fmt"
	"slices"
	"strings"
)

// Criterion is one tick box of the screening form (seed 000,
// "screeningsskema"; DOMAIN.md, Screening). Category 1 is about the
// citizen's contact with the support system; category 2 about mental
// difficulties, grouped by topic "a".."g".
type Criterion struct {
	ID       string
	Category int    // 1 or 2
	Topic    string // "" for category 1, "a".."g" for category 2
	Text     Text   // the words on the form: Danish paraphrases seed 000, English DOMAIN.md
}

// Topics are the category-2 topics in form order:
// a contact with education, work and authorities · b money · c isolation ·
// d housing · e treatment and support · f substance abuse · g crime.
var Topics = []string{"a", "b", "c", "d", "e", "f", "g"}

// Criteria lists every screening criterion in form order. The ids are
// stored on cases (Screening.Category1/Category2): never rename one.
var Criteria = []Criterion{
	{"c1_no_help", 1, "", Text{"Opsøger ikke selv hjælp", "Doesn't seek help"}},
	{"c1_misses_appointments", 1, "", Text{"Udebliver fra samtaler og aftaler med det offentlige", "Misses appointments with the public support system"}},
	{"c1_no_answer", 1, "", Text{"Svarer ikke på telefon, breve, mails mv.", "Doesn't answer phone, letters, e-mails"}},

	{"a_no_contact", 2, "a", Text{"Ingen kontakt til fx læge, arbejdsgiver, bank eller posthus", "No contact with doctor, employer, bank, post office etc."}},
	{"a_absence", 2, "a", Text{"Problematisk fravær fra uddannelse, arbejde eller aktivering", "Problematic absence from education, work or activation"}},
	{"a_dropped_activities", 2, "a", Text{"Er holdt op med aktiviteter, borgeren før deltog stabilt i", "Dropped activities attended steadily before"}},

	{"b_no_income", 2, "b", Text{"Ingen forsørgelse, eller forsørgelsen er truet", "No income, or income threatened"}},
	{"b_unpaid_bills", 2, "b", Text{"Betaler ikke husleje, varme, el mv.", "Unpaid rent, heating, electricity"}},
	{"b_eviction_risk", 2, "b", Text{"Risiko for at miste lejemålet", "Risk of losing the tenancy"}},
	{"b_bailiff_risk", 2, "b", Text{"Risiko for sager i fogedretten", "Risk of bailiff court cases"}},
	{"b_missing_benefits", 2, "b", Text{"Får ikke de offentlige ydelser, borgeren har ret til", "Not receiving relevant benefits"}},
	{"b_cannot_manage_money", 2, "b", Text{"Kan ikke styre sin økonomi eller holde aftaler med banken", "Cannot manage own finances or bank agreements"}},

	{"c_no_network", 2, "c", Text{"Har intet netværk", "Has no network"}},
	{"c_lonely", 2, "c", Text{"Føler sig ensom", "Feels lonely"}},
	{"c_avoids_contact", 2, "c", Text{"Undgår kontakt med andre, også myndigheder", "Avoids contact with others, authorities included"}},

	{"d_neglected_home", 2, "d", Text{"Boligen er voldsomt misligholdt", "Home badly neglected"}},
	{"d_hoarding", 2, "d", Text{"Massivt rod og ophobning af ting", "Massive clutter or hoarding"}},
	{"d_bothers_neighbours", 2, "d", Text{"Adfærd, der er til gene for naboerne", "Behaviour bothering neighbours"}},
	{"d_animals", 2, "d", Text{"Uhensigtsmæssigt dyrehold", "Unsuitable animal keeping"}},
	{"d_homeless", 2, "d", Text{"Opholder sig ikke i egen bolig, eller er boligløs", "Not staying in own home, or homeless"}},
	{"d_sofa_surfing", 2, "d", Text{"Bor hos mange forskellige, vagabonderer", "Stays with many different people"}},

	{"e_no_medication", 2, "e", Text{"Tager ikke nødvendig medicin", "Not taking needed medication"}},
	{"e_no_treatment_contact", 2, "e", Text{"Ingen eller ringe kontakt med det nødvendige behandlingssystem", "No or little contact with the needed treatment system"}},

	{"f_substance_abuse", 2, "f", Text{"Har et misbrug", "Substance abuse"}},

	{"g_crime", 2, "g", Text{"Har begået eller begår kriminalitet", "Has committed or commits crime"}},
}

// CriterionByID finds a criterion by its id.
func CriterionByID(id string) (Criterion, bool) {
	i := slices.IndexFunc(Criteria, func(c Criterion) bool { return c.ID == id })
	if i < 0 {
		return Criterion{}, false
	}
	return Criteria[i], true
}

// ValidateCriteria checks that every id names a screening criterion. The
// error names the first unknown id.
func ValidateCriteria(ids []string) error {
	for _, id := range ids {
		if _, ok := CriterionByID(id); !ok {
			return fmt.Errorf("unknown screening criterion %q", id)
		}
	}
	return nil
}

// ReasonCode says why the screening rule did or did not place the citizen
// in the target group. It is a stable code, stored in Screening.Reason; the
// UI turns it into words (package forms has the texts).
type ReasonCode string

const (
	ReasonYoungMet            ReasonCode = "young_met"              // 17–29: ≥2 category-2 criteria in ≥2 topics
	ReasonYoungTooFewCriteria ReasonCode = "young_too_few_criteria" // 17–29: fewer than 2 category-2 criteria
	ReasonYoungOneTopic       ReasonCode = "young_one_topic"        // 17–29: ≥2 category-2 criteria, all in one topic
	ReasonAdultMet            ReasonCode = "adult_met"              // 30–65: ≥1 category-1 and ≥2 category-2 criteria in ≥2 topics
	ReasonAdultNoCat1         ReasonCode = "adult_no_cat1"          // 30–65: no category-1 criterion
	ReasonAdultTooFewCat2     ReasonCode = "adult_too_few_cat2"     // 30–65: category 1 met, fewer than 2 category-2 criteria
	ReasonAdultOneTopic       ReasonCode = "adult_one_topic"        // 30–65: category 1 met, ≥2 category-2 criteria, all in one topic
	ReasonAgeOutside          ReasonCode = "age_outside"            // younger than 17 or older than 65
	ReasonAgeUnknown          ReasonCode = "age_unknown"            // no usable CPR number or birth date
)

// ReasonCodes lists every reason code, for translation tables and tests.
var ReasonCodes = []ReasonCode{
	ReasonYoungMet, ReasonYoungTooFewCriteria, ReasonYoungOneTopic,
	ReasonAdultMet, ReasonAdultNoCat1, ReasonAdultTooFewCat2, ReasonAdultOneTopic,
	ReasonAgeOutside, ReasonAgeUnknown,
}

// The age bands of the screening rule, in whole years at the referral
// date, both ends included: 29 means "up to the day before the 30th
// birthday", 65 "up to the day before the 66th birthday".
const (
	ScreeningYoungMin = 17
	ScreeningYoungMax = 29
	ScreeningAdultMin = 30
	ScreeningAdultMax = 65
)

// ScreeningResult is the rule's recommendation and the counts behind it.
type ScreeningResult struct {
	Recommended bool
	Reason      ReasonCode
	Age         int // as given; -1 when unknown
	Cat1        int // distinct category-1 criteria ticked
	Cat2        int // distinct category-2 criteria ticked
	Topics      int // distinct topics among the category-2 criteria ticked
}

// EvaluateScreening applies the screening rule of DOMAIN.md to a citizen
// of the given age (in whole years at the referral date; any negative
// value means unknown) with the given criteria ticked:
//
//   - 17–29: at least 2 category-2 criteria in at least 2 different topics;
//   - 30–65: at least 1 category-1 criterion and at least 2 category-2
//     criteria in at least 2 different topics;
//   - any other age, or an unknown one: not in the target group.
//
// A criterion ticked twice counts once. The ids are assumed valid (see
// ValidateCriteria); an unknown id is not counted. When an adult fails
// several conditions, the reason names the first in the order category 1,
// number of category-2 criteria, number of topics.
//
// The result is a recommendation: the caseworker decides, and may
// override it with a written justification (Screening.Justification).
func EvaluateScreening(age int, ticked []string) ScreeningResult {
	r := ScreeningResult{Age: age}
	if age < 0 {
		r.Age = -1
	}
	seen := make(map[string]bool, len(ticked))
	topics := make(map[string]bool)
	for _, id := range ticked {
		if seen[id] {
			continue
		}
		seen[id] = true
		c, ok := CriterionByID(id)
		switch {
		case !ok:
		case c.Category == 1:
			r.Cat1++
		case c.Category == 2:
			r.Cat2++
			topics[c.Topic] = true
		}
	}
	r.Topics = len(topics)

	switch {
	case age < 0:
		r.Reason = ReasonAgeUnknown
	case age >= ScreeningYoungMin && age <= ScreeningYoungMax:
		switch {
		case r.Cat2 < 2:
			r.Reason = ReasonYoungTooFewCriteria
		case r.Topics < 2:
			r.Reason = ReasonYoungOneTopic
		default:
			r.Recommended, r.Reason = true, ReasonYoungMet
		}
	case age >= ScreeningAdultMin && age <= ScreeningAdultMax:
		switch {
		case r.Cat1 < 1:
			r.Reason = ReasonAdultNoCat1
		case r.Cat2 < 2:
			r.Reason = ReasonAdultTooFewCat2
		case r.Topics < 2:
			r.Reason = ReasonAdultOneTopic
		default:
			r.Recommended, r.Reason = true, ReasonAdultMet
		}
	default:
		r.Reason = ReasonAgeOutside
	}
	return r
}

// Ticked is every criterion ticked on the form, category 1 first.
func (s *Screening) Ticked() []string {
	return append(append([]string(nil), s.Category1...), s.Category2...)
}

// Validate checks that Category1 holds only known category-1 criteria and
// Category2 only known category-2 criteria. The error names the first
// offending id.
func (s *Screening) Validate() error {
	for cat, ids := range [][]string{s.Category1, s.Category2} {
		for i, id := range ids {
			field := fmt.Sprintf("category%d[%d]", cat+1, i)
			c, ok := CriterionByID(id)
			if !ok {
				return &FieldProblem{field, fmt.Sprintf("unknown screening criterion %q", id)}
			}
			if c.Category != cat+1 {
				return &FieldProblem{field, fmt.Sprintf("screening criterion %q is in category %d, not %d", id, c.Category, cat+1)}
			}
		}
	}
	if s.InTargetGroup != s.Recommended && strings.TrimSpace(s.Justification) == "" {
		return &FieldProblem{"justification", "is required when the decision differs from the rule's recommendation"}
	}
	return nil
}

// FieldProblem says which field of a part of a case is wrong, and how.
type FieldProblem struct{ Field, Msg string }

func (p *FieldProblem) Error() string { return p.Field + ": " + p.Msg }

// ReferralDate is the date the screening rule measures age on: the first
// referral_received event, or else the screening's own date, or NoDate.
func (c *Case) ReferralDate() Date {
	if e, ok := c.First(ReferralReceived); ok {
		return e.Date
	}
	if c.Screening != nil {
		return c.Screening.Date
	}
	return NoDate
}

// ScreeningAge is the citizen's age in whole years on the referral date,
// from the CPR number, else the birth date given; -1 when unknown.
func (c *Case) ScreeningAge() int {
	return AgeOn(c.Citizen.Birth(), c.ReferralDate())
}

// EvaluateScreening applies the rule to the case's screening form (none
// ticked if there is no form) and the citizen's age at referral.
func (c *Case) EvaluateScreening() ScreeningResult {
	var ticked []string
	if c.Screening != nil {
		ticked = c.Screening.Ticked()
	}
	return EvaluateScreening(c.ScreeningAge(), ticked)
}
