package forms

import (
	"slices"
	"strings"
	"testing"

	"tovholder/model"
)

func yes() *bool { b := true; return &b }

// Each document's validation, said in Danish and in English.
func TestValidateDocuments(t *testing.T) {
	today := model.MakeDate(2026, 10, 1)
	_ = today
	tests := []struct {
		name string
		doc  *Document
		rec  any
		da   []string // the problems in Danish, in order
		en   []string
	}{
		{"network map, all well", NetworkMapDoc, &model.NetworkMap{Rows: []model.NetworkRow{{Section: "health", Name: "Egen læge", Phone: "+45 12 34 56 78", Email: "l@example.dk"}}}, nil, nil},
		{"network map, bad rows", NetworkMapDoc, &model.NetworkMap{Rows: []model.NetworkRow{
			{Section: "health", Email: "læge at example.dk"},
			{Section: "", Phone: "1234"},
			{Section: "moon"},
		}},
			[]string{`E-mail (række 1): "læge at example.dk" er ikke en e-mailadresse`,
				"Område (række 2): skal udfyldes",
				`Telefon (række 2): "1234" er ikke et telefonnummer; skriv 8 cifre, evt. efter +45`,
				`Område (række 3): "moon" er ikke en af de tilladte værdier`},
			[]string{`E-mail (row 1): "læge at example.dk" is not an e-mail address`,
				"Section (row 2): is required",
				`Phone (row 2): "1234" is not a phone number; write 8 digits, optionally after +45`,
				`Section (row 3): "moon" is not one of the allowed values`}},
		{"agreement, a goal without a title", AgreementDoc, &model.Agreement{Goals: []model.Goal{{Title: "Bolig", Area: "housing"}, {Area: "money"}}},
			[]string{"Mål (række 2): skal udfyldes"}, []string{"Goal (row 2): is required"}},
		{"agreement, all well", AgreementDoc, &model.Agreement{Goals: []model.Goal{{Title: "Bolig", Area: "housing", Reached: yes()}}}, nil, nil},
		{"agenda, no date, bad times and e-mail", AgendaDoc, &model.Meeting{Start: "25:00", End: "10:00", Invited: []model.Participant{{Name: "Bo", Email: "bo@"}, {Email: "x@example.dk"}}},
			[]string{"Dato: skal udfyldes", `Start: "25:00" er ikke et klokkeslæt; skriv TT:MM, fx 09:30`,
				`E-mail (række 1): "bo@" er ikke en e-mailadresse`, "Navn (række 2): skal udfyldes"},
			[]string{"Date: is required", `Start: "25:00" is not a time of day; write HH:MM, for example 09:30`,
				`E-mail (row 1): "bo@" is not an e-mail address`, "Name (row 2): is required"}},
		{"agenda, the end before the start", AgendaDoc, &model.Meeting{Date: today, Start: "11:00", End: "10:00"},
			[]string{`Slut: "10:00" ligger før det, det skal følge efter`}, []string{`End: "10:00" comes before what it must follow`}},
		{"consent, empty", ConsentDoc, &model.Consent{},
			[]string{"Dato: skal udfyldes", "Givet af: skal udfyldes", "Hvordan: skal udfyldes", "Enheder og personer: skal udfyldes"},
			[]string{"Date: is required", "Given by: is required", "How: is required", "Units and persons: is required"}},
		{"consent, oral and not noted, revoked before given", ConsentDoc, &model.Consent{Date: today, GivenBy: "Søren", How: "oral", Parties: []string{"gp"}, Revoked: today.AddDays(-1)},
			[]string{"Noteret af: skal udfyldes", `Trukket tilbage den: "2026-09-30" ligger før det, det skal følge efter`},
			[]string{"Noted by: is required", `Withdrawn on: "2026-09-30" comes before what it must follow`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probs := tt.doc.Validate(tt.rec)
			for lang, want := range map[string][]string{"da": tt.da, "en": tt.en} {
				var got []string
				for _, p := range probs {
					got = append(got, p.Text(lang))
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s:\n got %q\nwant %q", lang, got, want)
				}
			}
		})
	}
}

// Set reads what a person types, by the field's kind, and refuses what
// does not fit with the reason in both languages.
func TestFieldSet(t *testing.T) {
	today := model.MakeDate(2026, 10, 1)
	m := &model.Meeting{}
	field := func(key string) Field {
		f, ok := AgendaDoc.Field(key)
		if !ok {
			t.Fatalf("no field %s", key)
		}
		return f
	}
	for _, ok := range []struct{ key, in, want string }{
		{"date", "8/10", "2026-10-08"},
		{"date", "+2", "2026-10-05"},
		{"start", "9.30", "09:30"},
		{"end", "10:00", "10:00"},
		{"apologies", "Bo\n\n  Jørgen \n", "Bo\nJørgen"},
	} {
		if err := field(ok.key).Set(m, ok.in, today); err != nil {
			t.Errorf("%s %q: %v", ok.key, ok.in, err)
		} else if got := field(ok.key).Get(m); got != ok.want {
			t.Errorf("%s %q: got %q, want %q", ok.key, ok.in, got, ok.want)
		}
	}
	for _, bad := range []struct{ key, in, code string }{
		{"date", "31/2", CodeDateImpossible},
		{"date", "", CodeRequired},
		{"start", "klokken 9", CodeTime},
		{"last_day_for_items", "2026-10-01", CodeNotAllowed},
	} {
		err := field(bad.key).Set(m, bad.in, today)
		if ie, ok := AsInputError(err); !ok || ie.Code != bad.code {
			t.Errorf("%s %q: %v, want code %s", bad.key, bad.in, err, bad.code)
		}
	}
	if got := field("last_day_for_items").Show(m, "en"); got != "2026-10-01" {
		t.Errorf("last day for items: %q", got)
	}
	items, _ := AgendaDoc.Table("items")
	for i, tp := range []string{"a", "b"} {
		items.Insert(m, i)
		col, _ := items.Column("topic")
		if err := col.Set(items.Row(m, i), tp, today); err != nil {
			t.Fatal(err)
		}
		mins, _ := items.Column("minutes")
		if err := mins.Set(items.Row(m, i), "20", today); err != nil {
			t.Fatal(err)
		}
	}
	mins, _ := items.Column("minutes")
	if err := mins.Set(items.Row(m, 0), "-3", today); err == nil {
		t.Error("a negative number of minutes is taken")
	}
	if got := field("planned_minutes").Show(m, "da"); got != "40 af 60 minutter" {
		t.Errorf("planned minutes: %q", got)
	}
	items.Move(m, 1, 0)
	if m.Items[0].Topic != "b" || m.Items[1].Topic != "a" {
		t.Errorf("move: %+v", m.Items)
	}
	items.Delete(m, 0)
	if len(m.Items) != 1 || m.Items[0].Topic != "a" {
		t.Errorf("delete: %+v", m.Items)
	}

	k := &model.Consent{}
	how, _ := ConsentDoc.Field("how")
	for _, in := range []string{"Mundtligt (noteret)", "oral", "ORALLY (NOTED)"} {
		if err := how.Set(k, in, today); err != nil || k.How != "oral" {
			t.Errorf("how %q: %v, %q", in, err, k.How)
		}
	}
	if got := how.Show(k, "da"); got != "Mundtligt (noteret)" {
		t.Errorf("how shows %q", got)
	}
	parties, _ := ConsentDoc.Field("parties")
	if err := parties.Set(k, "Egen læge\nSøster Birthe\njob_centre", today); err != nil || !slices.Equal(k.Parties, []string{"gp", "Søster Birthe", "job_centre"}) {
		t.Errorf("parties: %v %q", err, k.Parties)
	}
	if got := parties.Show(k, "en"); got != "Own GP\nSøster Birthe\nJob centre" {
		t.Errorf("parties show %q", got)
	}
	g := &model.Goal{}
	goals, _ := AgreementDoc.Table("goals")
	reached, _ := goals.Column("reached")
	for in, want := range map[string]string{"ja": "ja", "No": "nej", "": ""} {
		if err := reached.Set(g, in, today); err != nil || reached.Get(g) != want {
			t.Errorf("reached %q: %v %q", in, err, reached.Get(g))
		}
	}
	if err := reached.Set(g, "måske", today); err == nil || !strings.Contains(err.Error(), "neither yes nor no") {
		t.Errorf("reached måske: %v", err)
	}
}

// Every field of every document has a key, both labels, and keys are
// unique within their section or table.
func TestDefinitionsComplete(t *testing.T) {
	for _, d := range Documents {
		if d.Title.Da == "" || d.Title.En == "" {
			t.Errorf("%s: title", d.ID)
		}
		check := func(where string, fs []Field) {
			seen := map[string]bool{}
			for _, f := range fs {
				if f.Key == "" || f.Label.Da == "" || f.Label.En == "" || seen[f.Key] || f.get == nil {
					t.Errorf("%s %s: key, labels, unique, bound", where, f.Key)
				}
				seen[f.Key] = true
			}
		}
		for _, s := range d.Sections {
			check(d.ID+"."+s.Key, s.Fields)
			if s.Table != nil {
				check(d.ID+"."+s.Table.Key, s.Table.Columns)
			}
		}
	}
	for _, code := range Codes {
		if CodeText[code].Da == "" || CodeText[code].En == "" {
			t.Errorf("code %s has no text", code)
		}
	}
}
