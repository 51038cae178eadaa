package model

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

var snakeID = regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)

func checkOptions(t *testing.T, name string, opts []Option) {
	t.Helper()
	if len(opts) == 0 {
		t.Errorf("%s is empty", name)
	}
	seen := map[string]bool{}
	for _, o := range opts {
		if !snakeID.MatchString(o.ID) {
			t.Errorf("%s: id %q is not snake_case ASCII", name, o.ID)
		}
		if seen[o.ID] {
			t.Errorf("%s: id %q twice", name, o.ID)
		}
		seen[o.ID] = true
		if strings.TrimSpace(o.Da) == "" || strings.TrimSpace(o.En) == "" {
			t.Errorf("%s: %q lacks a Danish or English label: %+v", name, o.ID, o)
		}
	}
}

func TestOptionLists(t *testing.T) {
	for name, opts := range map[string][]Option{
		"ReferralSources": ReferralSources,
		"Channels":        Channels,
		"Scopes":          Scopes,
		"Kinds":           Kinds,
		"Outcomes":        Outcomes,
		"CloseReasons":    CloseReasons,
	} {
		checkOptions(t, name, opts)
	}
}

func TestOptionListsNamedIDs(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []Option
		ids  []string
	}{
		{"Outcomes", Outcomes, []string{"ordinary_casework", "no_need", "other"}},
		{"CloseReasons", CloseReasons, []string{"handed_over", "no_need", "declined", "moved", "no_contact", "other"}},
		{"ReferralSources", ReferralSources, []string{"housing_association", "police", "other"}},
	} {
		for _, id := range tc.ids {
			if _, ok := Lookup(tc.opts, id); !ok {
				t.Errorf("%s lacks %q", tc.name, id)
			}
		}
	}
}

func TestReferralSourcesFollowSeed(t *testing.T) {
	// The list under "1 Henvendelse" of seed 000, in order, word for word.
	seed := []string{"Borgere og pårørende", "Naboer", "Forretninger", "Beboerrådgivere", "Banker",
		"Renovationsselskaber", "Skadedyrsbekæmpelsen", "El- og varmeselskaber", "Frivilligcentre",
		"Præster", "Postbude", "Boligforeninger", "Sportsklubber", "Egen forvaltning",
		"Uddannelsesinstitutioner", "SSP-medarbejdere", "Social døgnvagt", "SKP", "RusmiddelRådgivning",
		"Andre dele af kommunen", "Varmestuer", "Hospitaler/sygehuse", "Læger", "Politiet", "Fogedretten",
		"UU-vejledningen", "Andre kommuner", "Kriminalforsorgen", "Headspace"}
	if len(ReferralSources) != len(seed)+1 {
		t.Fatalf("%d referral sources, want the seed's %d and other", len(ReferralSources), len(seed))
	}
	for i, da := range seed {
		if ReferralSources[i].Da != da {
			t.Errorf("source %d: Danish %q, seed says %q", i, ReferralSources[i].Da, da)
		}
	}
	if last := ReferralSources[len(ReferralSources)-1]; last.ID != "other" {
		t.Errorf("last source is %q, want other", last.ID)
	}
}

func TestLookupAndLabels(t *testing.T) {
	o, ok := Lookup(Channels, "visit")
	if !ok || o.Da != "Besøg" || o.Label("en") != "Visit" || o.Label("da") != "Besøg" || o.Label("") != "Besøg" {
		t.Errorf("Lookup(Channels, visit) = %+v, %v", o, ok)
	}
	if _, ok := Lookup(Channels, "fax"); ok {
		t.Error("Lookup found fax")
	}
	if _, ok := Lookup(nil, ""); ok {
		t.Error("Lookup in nil found something")
	}
	for _, tc := range []struct {
		tx         Text
		lang, want string
	}{
		{Text{"da", "en"}, "en", "en"},
		{Text{"da", "en"}, "da", "da"},
		{Text{"da", "en"}, "fr", "da"},
		{Text{"da", ""}, "en", "da"},
		{Text{"", "en"}, "da", "en"},
		{Text{}, "en", ""},
	} {
		if got := tc.tx.In(tc.lang); got != tc.want {
			t.Errorf("%+v.In(%q) = %q, want %q", tc.tx, tc.lang, got, tc.want)
		}
	}
	if got := IDs(nil); len(got) != 0 {
		t.Errorf("IDs(nil) = %q", got)
	}
}

func TestScreeningTexts(t *testing.T) {
	for _, c := range Criteria {
		if strings.TrimSpace(c.Text.Da) == "" || strings.TrimSpace(c.Text.En) == "" {
			t.Errorf("criterion %q lacks a Danish or English text: %+v", c.ID, c.Text)
		}
	}
	keys := append(slices.Clone(Topics), CategoryKey(1), CategoryKey(2))
	for _, k := range keys {
		tx, ok := TopicText[k]
		if !ok || strings.TrimSpace(tx.Da) == "" || strings.TrimSpace(tx.En) == "" {
			t.Errorf("topic %q lacks a Danish or English text: %+v", k, tx)
		}
	}
	if len(TopicText) != len(keys) {
		t.Errorf("TopicText has %d entries, want %d", len(TopicText), len(keys))
	}
	for _, r := range ReasonCodes {
		tx, ok := ReasonText[r]
		if !ok || strings.TrimSpace(tx.Da) == "" || strings.TrimSpace(tx.En) == "" {
			t.Errorf("reason %q lacks a Danish or English text: %+v", r, tx)
		}
	}
	if len(ReasonText) != len(ReasonCodes) {
		t.Errorf("ReasonText has %d entries, model %d codes", len(ReasonText), len(ReasonCodes))
	}
	// Within a language, no two criteria read the same.
	da, en := map[string]string{}, map[string]string{}
	for _, c := range Criteria {
		id, tx := c.ID, c.Text
		if other, dup := da[tx.Da]; dup {
			t.Errorf("criteria %s and %s share the Danish text %q", id, other, tx.Da)
		}
		if other, dup := en[tx.En]; dup {
			t.Errorf("criteria %s and %s share the English text %q", id, other, tx.En)
		}
		da[tx.Da], en[tx.En] = id, id
	}
}

func TestCategoryKey(t *testing.T) {
	if CategoryKey(1) != "cat1" || CategoryKey(2) != "cat2" {
		t.Errorf("CategoryKey = %q, %q", CategoryKey(1), CategoryKey(2))
	}
}
