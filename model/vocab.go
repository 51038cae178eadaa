package model

// Text is a label or sentence in the desk's two languages. The domain's
// closed vocabularies carry their words here, next to the ids stored on
// cases, so that an id and its words are defined once.
type Text struct{ Da, En string }

// In gives the text in lang ("en" for English; anything else gives Danish,
// the desk's working language). An empty translation falls back to the other.
func (t Text) In(lang string) string {
	if lang == "en" && t.En != "" || t.Da == "" {
		return t.En
	}
	return t.Da
}

// Option is one value of a closed vocabulary: the id stored on the case,
// and its labels.
type Option struct {
	ID string
	Da string
	En string
}

// Text gives the option's labels as a Text.
func (o Option) Text() Text { return Text{Da: o.Da, En: o.En} }

// Label gives the option's label in lang (see Text.In).
func (o Option) Label(lang string) string { return o.Text().In(lang) }

// IDs lists the ids of opts in order.
func IDs(opts []Option) []string {
	ids := make([]string, len(opts))
	for i, o := range opts {
		ids[i] = o.ID
	}
	return ids
}

// Lookup finds the option with id in opts.
func Lookup(opts []Option, id string) (Option, bool) {
	for _, o := range opts {
		if o.ID == id {
			return o, true
		}
	}
	return Option{}, false
}

// Source is a referral source category ("Hvem henviser").
type Source = Option

// ReferralSources are the categories of who referred the citizen (event
// referral_received, field source), in the order of the list under
// "1 Henvendelse" in seed 000, followed by "other": the seed's list is
// examples, not a closed set.
var ReferralSources = []Source{
	{"citizen_or_relative", "Borgere og pårørende", "Citizens and relatives"},
	{"neighbour", "Naboer", "Neighbours"},
	{"shop", "Forretninger", "Shops"},
	{"housing_social_worker", "Beboerrådgivere", "Housing social workers"},
	{"bank", "Banker", "Banks"},
	{"waste_collection", "Renovationsselskaber", "Waste collection companies"},
	{"pest_control", "Skadedyrsbekæmpelsen", "Pest control"},
	{"utility_company", "El- og varmeselskaber", "Electricity and heating companies"},
	{"volunteer_centre", "Frivilligcentre", "Volunteer centres"},
	{"clergy", "Præster", "Clergy"},
	{"postal_worker", "Postbude", "Postal workers"},
	{"housing_association", "Boligforeninger", "Housing associations"},
	{"sports_club", "Sportsklubber", "Sports clubs"},
	{"own_department", "Egen forvaltning", "Own department"},
	{"education", "Uddannelsesinstitutioner", "Educational institutions"},
	{"ssp", "SSP-medarbejdere", "SSP workers (school, social services and police)"},
	{"social_emergency_service", "Social døgnvagt", "Social emergency service (24 hours)"},
	{"skp", "SKP", "Support contact person (SKP)"},
	{"substance_counselling", "RusmiddelRådgivning", "Substance abuse counselling"},
	{"other_municipal_unit", "Andre dele af kommunen", "Other parts of the municipality"},
	{"drop_in_centre", "Varmestuer", "Drop-in centres"},
	{"hospital", "Hospitaler/sygehuse", "Hospitals"},
	{"doctor", "Læger", "Doctors"},
	{"police", "Politiet", "Police"},
	{"bailiff_court", "Fogedretten", "Bailiff's court"},
	{"youth_guidance", "UU-vejledningen", "Youth education guidance (UU)"},
	{"other_municipality", "Andre kommuner", "Other municipalities"},
	{"probation_service", "Kriminalforsorgen", "Prison and probation service"},
	{"headspace", "Headspace", "Headspace"},
	{"other", "Andet", "Other"},
}

// Channels are the ways of trying to reach the citizen (event
// contact_attempt, field channel).
var Channels = []Option{
	{"phone", "Telefon", "Phone"},
	{"mail", "Mail", "E-mail"},
	{"sms", "SMS", "Text message"},
	{"letter", "Brev", "Letter"},
	{"visit", "Besøg", "Visit"},
	{"network", "Via netværk eller samarbejdspartner", "Via network or partner"},
}

// Scopes say who a planned coordination involves (event
// coordination_planned, field scope).
// External parties need the citizen's consent on file.
var Scopes = []Option{
	{"internal", "Interne parter i kommunen", "Internal: the municipality's own units"},
	{"external", "Eksterne parter", "External parties"},
}

// Kinds are the kinds of meeting held (event meeting_held, field kind);
var Kinds = []Option{
	{"coordinating", "Koordinerende møde", "Coordinating meeting"},
	{"followup", "Opfølgende møde", "Follow-up meeting"},
}

// Outcomes are the results of the needs assessment (event needs_assessed,
// field outcome; DOMAIN.md step 8 and the transition phase).
var Outcomes = []Option{
	{"ordinary_casework", "Ordinær sagsbehandling", "Ordinary casework"},
	{"network_or_volunteers", "Støtte fra netværk eller frivillige", "Support from network or volunteers"},
	{"no_need", "Intet behov for støtte", "No need for support"},
	{"other", "Andet", "Other"},
}

// CloseReasons are why a case was closed (event closed, field reason).
var CloseReasons = []Option{
	{"handed_over", "Overdraget til ordinær indsats", "Handed over to ordinary casework"},
	{"no_need", "Intet behov for støtte", "No need for support"},
	{"declined", "Borgeren har takket nej", "The citizen declined"},
	{"moved", "Borgeren er flyttet", "The citizen moved away"},
	{"no_contact", "Ingen kontakt opnået", "No contact achieved"},
	{"other", "Andet", "Other"},
}

// TopicText labels the category-2 topics "a".."g" of Topics and the
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
func CategoryKey(n int) string { return "cat" + string(rune('0'+n)) }

// ReasonText says each screening rule result (ReasonCode) as a
// sentence for the caseworker; the rule is a recommendation, so the words
// are too.
var ReasonText = map[ReasonCode]Text{
	ReasonYoungMet: {
		"17–29 år og mindst 2 kriterier i kategori 2 inden for mindst 2 emner: i målgruppen.",
		"Age 17–29 with at least 2 category-2 criteria in at least 2 topics: in the target group."},
	ReasonYoungTooFewCriteria: {
		"17–29 år, men færre end 2 kriterier i kategori 2: ikke i målgruppen.",
		"Age 17–29, but fewer than 2 category-2 criteria: not in the target group."},
	ReasonYoungOneTopic: {
		"17–29 år, men kriterierne i kategori 2 ligger alle inden for samme emne: ikke i målgruppen.",
		"Age 17–29, but the category-2 criteria are all in one topic: not in the target group."},
	ReasonAdultMet: {
		"30–65 år, mindst 1 kriterium i kategori 1 og mindst 2 i kategori 2 inden for mindst 2 emner: i målgruppen.",
		"Age 30–65 with at least 1 category-1 criterion and at least 2 category-2 criteria in at least 2 topics: in the target group."},
	ReasonAdultNoCat1: {
		"30–65 år, men intet kriterium i kategori 1: ikke i målgruppen.",
		"Age 30–65, but no category-1 criterion: not in the target group."},
	ReasonAdultTooFewCat2: {
		"30–65 år og kategori 1 opfyldt, men færre end 2 kriterier i kategori 2: ikke i målgruppen.",
		"Age 30–65 and category 1 met, but fewer than 2 category-2 criteria: not in the target group."},
	ReasonAdultOneTopic: {
		"30–65 år og kategori 1 opfyldt, men kriterierne i kategori 2 ligger alle inden for samme emne: ikke i målgruppen.",
		"Age 30–65 and category 1 met, but the category-2 criteria are all in one topic: not in the target group."},
	ReasonAgeOutside: {
		"Alderen ved henvendelsen er uden for 17–65 år: ikke i målgruppen efter reglen.",
		"The age at referral is outside 17–65: not in the target group by the rule."},
	ReasonAgeUnknown: {
		"Alderen er ukendt (mangler cpr-nummer eller dato for henvendelse): reglen kan ikke placere borgeren i målgruppen.",
		"The age is unknown (no CPR number or referral date): the rule cannot place the citizen in the target group."},
}

// HolidayText names each day Calendar.HolidayName can return, in both
// languages (the names come from rickar/cal in English).
var HolidayText = map[string]Text{
	"New Year's Day":       {"nytårsdag", "New Year's Day"},
	"Maundy Thursday":      {"skærtorsdag", "Maundy Thursday"},
	"Good Friday":          {"langfredag", "Good Friday"},
	"Easter":               {"påskedag", "Easter Sunday"},
	"Easter Monday":        {"2. påskedag", "Easter Monday"},
	"Great Prayer Day":     {"store bededag", "Great Prayer Day"},
	"Ascension Day":        {"Kristi himmelfartsdag", "Ascension Day"},
	"Pentecost":            {"pinsedag", "Whit Sunday"},
	"Pentecost Monday":     {"2. pinsedag", "Whit Monday"},
	"Christmas Day":        {"juledag", "Christmas Day"},
	"2nd Day of Christmas": {"2. juledag", "Boxing Day"},
	"Constitution Day":     {"grundlovsdag", "Constitution Day"},
	"Christmas Eve":        {"juleaftensdag", "Christmas Eve"},
	"New Year's Eve":       {"nytårsaftensdag", "New Year's Eve"},
}
