package forms

import (
	"fmt"

	"tovholder/model"
)

// CriterionText labels every screening criterion of model.Criteria. The
// Danish paraphrases the form of seed 000, the English DOMAIN.md.
var CriterionText = map[string]Text{
	"c1_no_help":             {"Opsøger ikke selv hjælp", "Doesn't seek help"},
	"c1_misses_appointments": {"Udebliver fra samtaler og aftaler med det offentlige", "Misses appointments with the public support system"},
	"c1_no_answer":           {"Svarer ikke på telefon, breve, mails mv.", "Doesn't answer phone, letters, e-mails"},

	"a_no_contact":         {"Ingen kontakt til fx læge, arbejdsgiver, bank eller posthus", "No contact with doctor, employer, bank, post office etc."},
	"a_absence":            {"Problematisk fravær fra uddannelse, arbejde eller aktivering", "Problematic absence from education, work or activation"},
	"a_dropped_activities": {"Er holdt op med aktiviteter, borgeren før deltog stabilt i", "Dropped activities attended steadily before"},

	"b_no_income":           {"Ingen forsørgelse, eller forsørgelsen er truet", "No income, or income threatened"},
	"b_unpaid_bills":        {"Betaler ikke husleje, varme, el mv.", "Unpaid rent, heating, electricity"},
	"b_eviction_risk":       {"Risiko for at miste lejemålet", "Risk of losing the tenancy"},
	"b_bailiff_risk":        {"Risiko for sager i fogedretten", "Risk of bailiff court cases"},
	"b_missing_benefits":    {"Får ikke de offentlige ydelser, borgeren har ret til", "Not receiving relevant benefits"},
	"b_cannot_manage_money": {"Kan ikke styre sin økonomi eller holde aftaler med banken", "Cannot manage own finances or bank agreements"},

	"c_no_network":     {"Har intet netværk", "Has no network"},
	"c_lonely":         {"Føler sig ensom", "Feels lonely"},
	"c_avoids_contact": {"Undgår kontakt med andre, også myndigheder", "Avoids contact with others, authorities included"},

	"d_neglected_home":     {"Boligen er voldsomt misligholdt", "Home badly neglected"},
	"d_hoarding":           {"Massivt rod og ophobning af ting", "Massive clutter or hoarding"},
	"d_bothers_neighbours": {"Adfærd, der er til gene for naboerne", "Behaviour bothering neighbours"},
	"d_animals":            {"Uhensigtsmæssigt dyrehold", "Unsuitable animal keeping"},
	"d_homeless":           {"Opholder sig ikke i egen bolig, eller er boligløs", "Not staying in own home, or homeless"},
	"d_sofa_surfing":       {"Bor hos mange forskellige, vagabonderer", "Stays with many different people"},

	"e_no_medication":        {"Tager ikke nødvendig medicin", "Not taking needed medication"},
	"e_no_treatment_contact": {"Ingen eller ringe kontakt med det nødvendige behandlingssystem", "No or little contact with the needed treatment system"},

	"f_substance_abuse": {"Har et misbrug", "Substance abuse"},

	"g_crime": {"Har begået eller begår kriminalitet", "Has committed or commits crime"},
}

// TopicText labels the category-2 topics "a".."g" of model.Topics and the
// two categories, under the keys CategoryKey(1) and CategoryKey(2).
var TopicText = map[string]Text{
	"cat1": {"Kategori 1: kontakt med støttesystemet", "Category 1: contact with the support system"},
	"cat2": {"Kategori 2: psykiske vanskeligheder, der viser sig ved", "Category 2: mental difficulties showing as"},
	"a":    {"Mangler kontakt til uddannelse, arbejde, myndigheder mv.", "Lost contact with education, work, authorities"},
	"b":    {"Alvorlige økonomiske problemer", "Serious money problems"},
	"c":    {"Isolation", "Isolation"},
	"d":    {"Boligproblemer", "Housing problems"},
	"e":    {"Får ikke nødvendig behandling og støtte", "Not receiving needed treatment or support"},
	"f":    {"Misbrug", "Substance abuse"},
	"g":    {"Kriminalitet", "Crime"},
}

// CategoryKey is the TopicText key of screening category n (1 or 2).
func CategoryKey(n int) string { return fmt.Sprintf("cat%d", n) }

// ReasonText says each screening rule result (model.ReasonCode) as a
// sentence for the caseworker; the rule is a recommendation, so the words
// are too.
var ReasonText = map[model.ReasonCode]Text{
	model.ReasonYoungMet: {
		"17–29 år og mindst 2 kriterier i kategori 2 inden for mindst 2 emner: i målgruppen.",
		"Age 17–29 with at least 2 category-2 criteria in at least 2 topics: in the target group."},
	model.ReasonYoungTooFewCriteria: {
		"17–29 år, men færre end 2 kriterier i kategori 2: ikke i målgruppen.",
		"Age 17–29, but fewer than 2 category-2 criteria: not in the target group."},
	model.ReasonYoungOneTopic: {
		"17–29 år, men kriterierne i kategori 2 ligger alle inden for samme emne: ikke i målgruppen.",
		"Age 17–29, but the category-2 criteria are all in one topic: not in the target group."},
	model.ReasonAdultMet: {
		"30–65 år, mindst 1 kriterium i kategori 1 og mindst 2 i kategori 2 inden for mindst 2 emner: i målgruppen.",
		"Age 30–65 with at least 1 category-1 criterion and at least 2 category-2 criteria in at least 2 topics: in the target group."},
	model.ReasonAdultNoCat1: {
		"30–65 år, men intet kriterium i kategori 1: ikke i målgruppen.",
		"Age 30–65, but no category-1 criterion: not in the target group."},
	model.ReasonAdultTooFewCat2: {
		"30–65 år og kategori 1 opfyldt, men færre end 2 kriterier i kategori 2: ikke i målgruppen.",
		"Age 30–65 and category 1 met, but fewer than 2 category-2 criteria: not in the target group."},
	model.ReasonAdultOneTopic: {
		"30–65 år og kategori 1 opfyldt, men kriterierne i kategori 2 ligger alle inden for samme emne: ikke i målgruppen.",
		"Age 30–65 and category 1 met, but the category-2 criteria are all in one topic: not in the target group."},
	model.ReasonAgeOutside: {
		"Alderen ved henvendelsen er uden for 17–65 år: ikke i målgruppen efter reglen.",
		"The age at referral is outside 17–65: not in the target group by the rule."},
	model.ReasonAgeUnknown: {
		"Alderen er ukendt (mangler cpr-nummer eller dato for henvendelse): reglen kan ikke placere borgeren i målgruppen.",
		"The age is unknown (no CPR number or referral date): the rule cannot place the citizen in the target group."},
}
