package model

import (
	"bytes"
	jsonv1 "encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// icFile wraps case objects (JSON text) in an interchange file.
func icFile(cases ...string) string {
	return `{"format": "tovholder/v1", "cases": [` + strings.Join(cases, ",\n") + `]}`
}

// icDecodeErr decodes data and returns the error text, failing the test
// when decoding succeeds.
func icDecodeErr(t *testing.T, data string) string {
	t.Helper()
	cases, err := DecodeFile([]byte(data))
	if err == nil {
		t.Fatalf("DecodeFile accepted %s\nas %+v", data, cases)
	}
	if cases != nil {
		t.Errorf("DecodeFile returned cases together with an error: %+v", cases)
	}
	if err.Error() == "" {
		t.Fatal("empty error text")
	}
	return err.Error()
}

func icWantAll(t *testing.T, msg string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			t.Errorf("error %q does not mention %q", msg, p)
		}
	}
}

func TestDecodeFileFieldErrors(t *testing.T) {
	tests := []struct {
		name string
		cas  string   // one case object
		want []string // each must appear in the error
	}{
		{"unknown event type",
			`{"id": "K-1", "events": [{"type": "phone_call", "date": "2026-01-05"}]}`,
			[]string{`case "K-1"`, "events[0].type", `unknown event type "phone_call"`}},
		{"unknown event type, second event",
			`{"id": "K-1", "events": [{"type": "assigned", "date": "2026-01-05"}, {"type": "Assigned", "date": "2026-01-06"}]}`,
			[]string{`case "K-1"`, "events[1].type", `"Assigned"`}},
		{"impossible date",
			`{"id": "K-2", "events": [{"type": "assigned", "date": "2026-02-30"}]}`,
			[]string{`case "K-2"`, "events[0].date", "2026-02-30", "not a real date"}},
		{"date without leading zeros",
			`{"id": "K-3", "events": [{"type": "assigned", "date": "2026-1-5"}]}`,
			[]string{`case "K-3"`, "events[0].date", "2026-1-5", "YYYY-MM-DD"}},
		{"date as a number",
			`{"id": "K-4", "events": [{"type": "assigned", "date": 20260105}]}`,
			[]string{`case "K-4"`, "events[0].date", "number"}},
		{"bad goal follow-up date",
			`{"id": "K-4b", "goals": [{"title": "x", "follow_up": "2026-13-01"}]}`,
			[]string{`case "K-4b"`, "goals[0].follow_up", "2026-13-01"}},
		{"bad task due date",
			`{"id": "K-4c", "tasks": [{"title": "x", "due": "tomorrow"}]}`,
			[]string{`case "K-4c"`, "tasks[0].due", "tomorrow"}},
		{"CPR with an impossible birth date",
			`{"id": "K-5", "citizen": {"cpr": "3102901234"}}`,
			[]string{`case "K-5"`, "citizen.cpr", "real date"}},
		{"CPR too short",
			`{"id": "K-6", "citizen": {"cpr": "010190123"}}`,
			[]string{`case "K-6"`, "citizen.cpr", "10 digits"}},
		{"CPR too long",
			`{"id": "K-6b", "citizen": {"cpr": "01019012345"}}`,
			[]string{`case "K-6b"`, "citizen.cpr", "10 digits"}},
		{"CPR with letters",
			`{"id": "K-7", "citizen": {"cpr": "01019O1234"}}`,
			[]string{`case "K-7"`, "citizen.cpr", "10 digits"}},
		{"CPR with the dash in the wrong place",
			`{"id": "K-7b", "citizen": {"cpr": "01019-01234"}}`,
			[]string{`case "K-7b"`, "citizen.cpr"}},
		{"CPR as a number",
			`{"id": "K-7c", "citizen": {"cpr": 101901234}}`,
			[]string{`case "K-7c"`, "citizen.cpr", "text"}},
		{"missing id",
			`{"events": [{"type": "assigned", "date": "2026-01-05"}]}`,
			[]string{"cases[0]", "id", "missing"}},
		{"blank id",
			`{"id": "   "}`,
			[]string{"id", "missing"}},
		{"id as a number",
			`{"id": 7}`,
			[]string{"cases[0]", "id", "number"}},
		{"id with a control character",
			`{"id": "K\u0007"}`,
			[]string{"id", "control"}},
		{"id too long",
			`{"id": "` + strings.Repeat("x", 101) + `"}`,
			[]string{"id", "100"}},
		{"unknown field on the case",
			`{"id": "K-8", "colour": "red"}`,
			[]string{`case "K-8"`, "colour", "unknown field"}},
		{"unknown field on an event",
			`{"id": "K-9", "events": [{"type": "assigned", "date": "2026-01-05", "who": "anne"}]}`,
			[]string{`case "K-9"`, "events[0].who", "unknown field"}},
		{"unknown field on the citizen",
			`{"id": "K-9b", "citizen": {"name": "A", "age": 40}}`,
			[]string{`case "K-9b"`, "citizen.age", "unknown field"}},
		{"unknown profile",
			`{"id": "K-9c", "profile": "nope"}`,
			[]string{`case "K-9c"`, "profile", "nope"}},
		{"bad channel",
			`{"id": "K-10", "events": [{"type": "contact_attempt", "date": "2026-01-05", "channel": "pigeon"}]}`,
			[]string{`case "K-10"`, "events[0].channel", `"pigeon"`, "phone"}},
		{"bad scope",
			`{"id": "K-11", "events": [{"type": "coordination_planned", "date": "2026-01-05", "scope": "global"}]}`,
			[]string{`case "K-11"`, "events[0].scope", `"global"`, "internal"}},
		{"bad kind",
			`{"id": "K-12", "events": [{"type": "meeting_held", "date": "2026-01-05", "kind": "party"}]}`,
			[]string{`case "K-12"`, "events[0].kind", `"party"`, "coordinating"}},
		{"reached not a bool",
			`{"id": "K-12b", "events": [{"type": "contact_attempt", "date": "2026-01-05", "reached": "yes"}]}`,
			[]string{`case "K-12b"`, "events[0].reached", "true or false"}},
		{"missing event date",
			`{"id": "K-13", "events": [{"type": "first_meeting"}]}`,
			[]string{`case "K-13"`, "events[0].date", "missing"}},
		{"events not a list",
			`{"id": "K-14", "events": {"type": "first_meeting"}}`,
			[]string{`case "K-14"`, "events", "list"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := icDecodeErr(t, icFile(tt.cas))
			icWantAll(t, msg, tt.want...)
		})
	}
}

func TestDecodeFileErrorsAreFieldErrors(t *testing.T) {
	_, err := DecodeFile([]byte(icFile(
		`{"id": "A", "events": [{"type": "bogus", "date": "2026-01-05"}]}`,
		`{"id": "B", "citizen": {"cpr": "x"}}`)))
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error is %T, want model.Errors: %v", err, err)
	}
	if len(es) != 2 {
		t.Fatalf("want one error per bad case, got %d: %v", len(es), es)
	}
	var fe *FieldError
	if !errors.As(es[0], &fe) || fe.Case != "A" || fe.Field != "events[0].type" || fe.Index != 0 {
		t.Errorf("first error = %#v", es[0])
	}
	if !errors.As(es[1], &fe) || fe.Case != "B" || fe.Field != "citizen.cpr" || fe.Index != 1 {
		t.Errorf("second error = %#v", es[1])
	}
	if lines := strings.Split(err.Error(), "\n"); len(lines) != 2 {
		t.Errorf("want one line per error, got %q", err.Error())
	}
}

func TestDecodeFileOneBadCaseRejectsAll(t *testing.T) {
	cases, err := DecodeFile([]byte(icFile(`{"id": "good"}`, `{"id": "bad", "events": [{"type": "x", "date": "2026-01-05"}]}`)))
	if err == nil || cases != nil {
		t.Fatalf("got %v, %v; want nil cases and an error", cases, err)
	}
	if strings.Contains(err.Error(), `"good"`) {
		t.Errorf("error names the good case: %v", err)
	}
}

func TestDecodeFileManyErrorsAreCapped(t *testing.T) {
	var cs []string
	for i := 0; i < 200; i++ {
		cs = append(cs, `{"events": [{"type": "x"}]}`)
	}
	msg := icDecodeErr(t, icFile(cs...))
	if n := strings.Count(msg, "\n") + 1; n > 60 {
		t.Errorf("a wholly wrong file gives %d lines of errors", n)
	}
	icWantAll(t, msg, "stopped after")
}

func TestDecodeFileDuplicateID(t *testing.T) {
	msg := icDecodeErr(t, icFile(`{"id": "K-1"}`, `{"id": "K-2"}`, `{"id": "K-1", "profile": "fremskudt"}`))
	icWantAll(t, msg, `case "K-1"`, "id", "twice", "cases[0]", "cases[2]")
	if strings.Contains(msg, "K-2") {
		t.Errorf("error names K-2: %q", msg)
	}
}

func TestDecodeFileMalformedJSON(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
	}{
		{"trailing comma", "{\n  \"format\": \"tovholder/v1\",\n  \"cases\": [\n    {\"id\": \"K-1\",}\n  ]\n}\n",
			[]string{"line 4", "column"}},
		{"missing bracket", "{\"cases\": [\n{\"id\": \"K-1\"}\n", []string{"ends too early"}},
		{"garbage", "hello", []string{"line 1", "column"}},
		{"two values", `{"cases": []} {"cases": []}`, []string{"after the end"}},
		{"empty", "", []string{"ends too early"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := icDecodeErr(t, tt.data)
			icWantAll(t, msg, tt.want...)
		})
	}
}

// Regression: json.SyntaxError.Offset counts the offending byte as read;
// lineCol once reported the column one past it ("hello": column 2).
func TestDecodeFileSyntaxErrorColumn(t *testing.T) {
	data := "{\n  \"format\": \"tovholder/v1\",\n  \"cases\": [\n    {\"id\": \"K-1\",}\n  ]\n}\n"
	// line 4 is `    {"id": "K-1",}`: the stray '}' is its 18th character.
	icWantAll(t, icDecodeErr(t, data), "line 4, column 18")
	icWantAll(t, icDecodeErr(t, "hello"), "line 1, column 1")
}

// Regression: encoding/json reports the type of a TextUnmarshaler as
// *model.Date; kindName once printed that Go type name instead of
// "a date written YYYY-MM-DD".
func TestDecodeFileDateAsNumberMessage(t *testing.T) {
	msg := icDecodeErr(t, icFile(`{"id": "K-4", "events": [{"type": "assigned", "date": 20260105}]}`))
	icWantAll(t, msg, `case "K-4"`, "events[0].date", "a date written YYYY-MM-DD")
	if strings.Contains(msg, "model.") {
		t.Errorf("error shows a Go type name to the user: %q", msg)
	}
}

func TestDecodeFileTopLevel(t *testing.T) {
	icWantAll(t, icDecodeErr(t, `{"format": "tovholder/v2", "cases": []}`), "tovholder/v2", "tovholder/v1")
	icWantAll(t, icDecodeErr(t, `{"format": "", "cases": []}`), "format")
	icWantAll(t, icDecodeErr(t, `{"format": "tovholder/v1"}`), "cases")
	icWantAll(t, icDecodeErr(t, `{"format": "tovholder/v1", "cases": [], "extra": 1}`), "extra")
	icWantAll(t, icDecodeErr(t, `[]`), "array")

	cases, err := DecodeFile([]byte(`{"format": "tovholder/v1", "cases": []}`))
	if err != nil || len(cases) != 0 {
		t.Errorf("an empty file: %v, %v", cases, err)
	}
}

func TestDecodeFileNormalises(t *testing.T) {
	cases, err := DecodeFile([]byte(icFile(
		`{"id": "K-1", "citizen": {"cpr": "010190-1234"}}`,
		`{"id": "K-2", "citizen": {"cpr": "0101901234"}, "profile": "fremskudt"}`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.Citizen.CPR != "0101901234" {
			t.Errorf("%s: CPR %q, want 0101901234", c.ID, c.Citizen.CPR)
		}
		if c.Profile != DefaultProfile {
			t.Errorf("%s: profile %q, want %q", c.ID, c.Profile, DefaultProfile)
		}
	}
	// Events need not be in date order, and keep the order they came in.
	cases, err = DecodeFile([]byte(icFile(`{"id": "K-3", "events": [
		{"type": "first_meeting", "date": "2026-01-10"},
		{"type": "assigned", "date": "2026-01-05"}]}`)))
	if err != nil {
		t.Fatal(err)
	}
	if evs := cases[0].Events; len(evs) != 2 || evs[0].Type != FirstMeeting || evs[1].Date != d("2026-01-05") {
		t.Errorf("events = %+v", evs)
	}
}

func icBool(b bool) *bool { return &b }

// icRichCase has every field the format knows, set.
func icRichCase() Case {
	return Case{
		ID:       "K-2026-0001",
		Profile:  "fremskudt",
		Previous: "K-2025-0042",
		Citizen:  Citizen{Name: "Åse Ørnsø <&>", CPR: "0101901234", BirthDate: d("1990-01-01"), Address: "Vej 1, 4180 Sorø", Phone: "+45 12345678", Email: "a@example.dk"},
		Screening: &Screening{Date: d("2026-11-01"), Category1: []string{"c1_no_help"}, Category2: []string{"b_unpaid_bills", "e_no_treatment_contact"},
			Recommended: true, Reason: "r", InTargetGroup: false, Justification: "j"},
		Events: []Event{
			{Type: ReferralReceived, Date: d("2026-11-02"), Source: "housing association", Referrer: "Bo", ReceivedBy: "kim", Note: "n1", By: "kim"},
			{Type: Assigned, Date: d("2026-11-03"), To: "anne", By: "kim"},
			{Type: ContactAttempt, Date: d("2026-11-04"), Channel: "phone", Reached: icBool(false)},
			{Type: ContactAttempt, Date: d("2026-11-05"), Channel: "visit", Reached: icBool(true)},
			{Type: ContactAttempt, Date: d("2026-11-05"), Channel: "sms"}, // reached not given
			{Type: FirstMeeting, Date: d("2026-11-10"), Place: "café"},
			{Type: AdviceGiven, Date: d("2026-11-11")},
			{Type: AdviceGiven, Date: d("2026-11-10"), Annulled: &Annulment{Date: d("2026-11-11"), By: "anne", Reason: "wrong date"}},
			{Type: Note, Date: d("2026-11-12"), Note: "line one\nline two", By: "anne"},
			{Type: CoordinationPlanned, Date: d("2026-11-10"), Scope: "external"},
			{Type: MeetingHeld, Date: d("2026-11-24"), Kind: "coordinating"},
			{Type: MinutesSent, Date: d("2026-11-26")},
			{Type: NeedsAssessed, Date: d("2026-12-01"), Outcome: "o"},
			{Type: Closed, Date: d("2027-02-01"), Reason: "handed over to ordinary casework"},
			{Type: FollowupDone, Date: d("2027-06-01")},
		},
		Goals: []Goal{
			{Title: "a home", FollowUp: d("2026-12-15"), FollowedUp: false},
			{Title: "a job", FollowUp: d("2026-12-16"), FollowedUp: true, FollowedUpOn: d("2026-12-17")},
			{Title: "no date"},
		},
		Tasks: []Task{
			{Title: "call the landlord", Owner: "anne", Due: d("2026-12-03"), Done: false},
			{Title: "apply", Owner: "citizen", Due: d("2026-12-04"), Done: true, DoneOn: d("2026-12-02")},
		},
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	var first bytes.Buffer
	rich := icRichCase()
	Normalize(&rich) // decoding writes the defaults out (reached: false on the third attempt)
	if err := EncodeFile(&first, []Case{rich, {ID: "K-2026-0002", Profile: DefaultProfile}}); err != nil {
		t.Fatal(err)
	}
	cases, err := DecodeFile(first.Bytes())
	if err != nil {
		t.Fatalf("decoding our own output: %v\n%s", err, first.String())
	}
	var second bytes.Buffer
	if err := EncodeFile(&second, cases); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("encode → decode → encode differs:\n%s\n---\n%s", first.String(), second.String())
	}
	out := first.String()
	for _, want := range []string{
		`"format": "tovholder/v1"`,
		`"reached": false`, `"reached": true`,
		`"followed_up": false`, `"done": false`,
		`"Åse Ørnsø <&>"`, // no HTML escaping
		`"follow_up": "2026-12-15"`,
		`"received_by": "kim"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	// The third contact attempt gave no "reached": it is written out as false.
	if got := cases[0].Events[4].Reached; got == nil || *got {
		t.Errorf("absent reached decoded as %v, want false written out", got)
	}
	if got := cases[0].Events[2].Reached; got == nil || *got {
		t.Errorf("reached false decoded as %v", got)
	}
	if strings.Contains(out, `"date": ""`) || strings.Contains(out, `"follow_up": ""`) {
		t.Errorf("empty dates are written:\n%s", out)
	}
	// The minimal case has only its id and the default profile.
	if !strings.Contains(out, "{\n      \"id\": \"K-2026-0002\",\n      \"profile\": \"fremskudt\"\n    }") {
		t.Errorf("minimal case not encoded minimally:\n%s", out)
	}
}

func TestEncodeFileEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := EncodeFile(&b, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "{\n  \"format\": \"tovholder/v1\",\n  \"cases\": []\n}\n"; got != want {
		t.Errorf("EncodeFile(nil) = %q, want %q", got, want)
	}
	cases, err := DecodeFile(b.Bytes())
	if err != nil || len(cases) != 0 {
		t.Errorf("decode of an empty export: %v, %v", cases, err)
	}
}

func TestDecodeFileScreeningChecked(t *testing.T) {
	for _, tc := range []struct{ screening, field string }{
		{`{"category1": ["made_up"], "recommended": true, "in_target_group": true}`, "screening.category1[0]"},
		{`{"category2": ["c1_no_help"], "recommended": true, "in_target_group": true}`, "screening.category2[0]"},
		{`{"category1": ["c1_no_help"], "recommended": true, "in_target_group": false}`, "screening.justification"},
	} {
		_, err := DecodeFile([]byte(`{"format": "tovholder/v1", "cases": [{"id": "K-1", "screening": ` + tc.screening + `}]}`))
		if err == nil || !strings.Contains(err.Error(), `case "K-1": `+tc.field) {
			t.Errorf("%s: error %v does not name %s", tc.screening, err, tc.field)
		}
	}
	ok := `{"category1": ["c1_no_help"], "recommended": true, "in_target_group": false, "justification": "kendt i forvejen"}`
	if _, err := DecodeFile([]byte(`{"format": "tovholder/v1", "cases": [{"id": "K-1", "screening": ` + ok + `}]}`)); err != nil {
		t.Errorf("a justified override is fine: %v", err)
	}
}

func TestCPRErrorDoesNotRepeatTheNumber(t *testing.T) {
	_, err := DecodeFile([]byte(`{"format": "tovholder/v1", "cases": [{"id": "K-1", "citizen": {"cpr": "3102901234"}}]}`))
	if err == nil || strings.Contains(err.Error(), "3102901234") || strings.Contains(err.Error(), "310290") {
		t.Errorf("the error must name the field, not repeat the number: %v", err)
	}
}

// Keys are matched exactly as the format spells them (INTERCHANGE.md,
// decisions): a miscased, repeated or unknown key is an error naming the
// case and the key, at every level.
func TestDecodeFileKeysMatchedExactly(t *testing.T) {
	tests := []struct {
		name, cas string
		want      []string
	}{
		{"miscased id", `{"ID": "K-1"}`, []string{"cases[0] (no id): ID: unknown field", `did you mean "id"`}},
		{"repeated id", `{"id": "A", "id": "B"}`, []string{`case "A": id: appears more than once`}},
		{"miscased on the citizen", `{"id": "K-1", "citizen": {"Name": "Åse"}}`, []string{`case "K-1": citizen.Name: unknown field`, `"name"`}},
		{"repeated on an event", `{"id": "K-1", "events": [{"type": "assigned", "date": "2026-01-05", "date": "2026-01-06"}]}`,
			[]string{`case "K-1": events[0].date: appears more than once`}},
		{"unknown on an annulment", `{"id": "K-1", "events": [{"type": "assigned", "date": "2026-01-05", "annulled": {"date": "2026-01-06", "why": "x"}}]}`,
			[]string{`case "K-1": events[0].annulled.why: unknown field (known: date, by, reason)`}},
		{"unknown on the screening", `{"id": "K-1", "screening": {"Recommended": true}}`, []string{`case "K-1": screening.Recommended: unknown field`, `"recommended"`}},
		{"odd key quoted", `{"id": "K-1", "a b\n": 1}`, []string{`case "K-1": "a b\n": unknown field`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := icDecodeErr(t, icFile(tt.cas))
			icWantAll(t, msg, tt.want...)
			if n := strings.Count(msg, "\n") + 1; n != 1 {
				t.Errorf("want one problem, got %d:\n%s", n, msg)
			}
		})
	}
	// What the format spells right still decodes.
	cases, err := DecodeFile([]byte(icFile(`{"id": "K-1", "citizen": {"name": "Åse"}}`)))
	if err != nil || len(cases) != 1 || cases[0].Citizen.Name != "Åse" {
		t.Errorf("a well-spelt case: %+v, %v", cases, err)
	}
}

// Every problem of a case is reported, not only the first: each key,
// each value of the wrong kind, each bad date, and what Validate finds in
// the rest of the case.
func TestDecodeFileEveryProblemOfACase(t *testing.T) {
	msg := icDecodeErr(t, icFile(`{"id": "K-1", "colour": "red", "ID": "x",
		"citizen": {"cpr": 123, "birth_date": "1990-13-01"},
		"events": [
			{"type": "assigned", "date": "2026-02-30", "to": "anne"},
			{"type": "bogus", "date": "2026-01-05"},
			{"type": "contact_attempt", "date": 20260105, "reached": "yes", "channel": "pigeon"}],
		"goals": [{"followed_up": "no", "follow_up": "tomorrow"}],
		"tasks": {"title": "x"}}`))
	want := []string{
		`case "K-1": colour: unknown field`,
		`case "K-1": ID: unknown field; did you mean "id"?`,
		`case "K-1": citizen.cpr: expected text, found a JSON number`,
		`case "K-1": citizen.birth_date: the value is not a real date`,
		`case "K-1": events[0].date: "2026-02-30" is not a real date`,
		`case "K-1": events[2].date: expected a date written YYYY-MM-DD, found a JSON number`,
		`case "K-1": events[2].reached: expected true or false, found a JSON string`,
		`case "K-1": goals[0].followed_up: expected true or false, found a JSON string`,
		`case "K-1": goals[0].follow_up: "tomorrow" is not a date of the form YYYY-MM-DD`,
		`case "K-1": tasks: expected a list, found a JSON object`,
		`case "K-1": events[1].type: unknown event type "bogus"`,
		`case "K-1": events[2].channel: "pigeon" is not one of`,
	}
	lines := strings.Split(msg, "\n")
	if len(lines) != len(want) {
		t.Errorf("want %d problems, got %d:\n%s", len(want), len(lines), msg)
	}
	for i, w := range want {
		if i < len(lines) && !strings.HasPrefix(lines[i], w) {
			t.Errorf("problem %d is %q, want it to start %q", i, lines[i], w)
		}
	}
}

// A field that does not decode is reported once: not also as missing, nor
// by the rule that checks its value.
func TestDecodeFileProblemReportedOnce(t *testing.T) {
	for _, tc := range []struct{ cas, field string }{
		{`{"id": 7}`, "id"},
		{`{"ID": "K-1"}`, "ID"}, // and not "id: is missing"
		{`{"id": "K-1", "events": [{"type": "assigned", "date": "2026-02-30"}]}`, "events[0].date"},
		{`{"id": "K-1", "events": [{"type": 5, "date": "2026-01-05"}]}`, "events[0].type"},
		{`{"id": "K-1", "events": [{"type": "note", "date": "2026-01-05", "note": 5}]}`, "events[0].note"},
		{`{"id": "K-1", "events": 5}`, "events"},
		{`{"id": "K-1", "events": [{"type": "assigned", "date": "2026-01-05", "annulled": 5}]}`, "events[0].annulled"},
	} {
		msg := icDecodeErr(t, icFile(tc.cas))
		if lines := strings.Split(msg, "\n"); len(lines) != 1 || !strings.Contains(lines[0], ": "+tc.field+": ") {
			t.Errorf("%s: want one problem with %s, got:\n%s", tc.cas, tc.field, msg)
		}
	}
}

// Problems are gathered across the whole file, in file order, each case
// named by its id or its place.
func TestDecodeFileProblemsAcrossTheFile(t *testing.T) {
	msg := icDecodeErr(t, icFile(
		`{"id": "A"}`,
		`{"id": "B", "x": 1, "y": 2}`,
		`null`,
		`{"events": [{"type": "assigned", "date": "2026-01-05"}]}`,
		`{"id": "A"}`,
		`[1]`))
	want := []string{
		`case "B": x: unknown field`,
		`case "B": y: unknown field`,
		`cases[2] (no id): a case must be a JSON object, not a JSON null`,
		`cases[3] (no id): id: is missing`,
		`case "A": id: appears twice in the file (cases[0] and cases[4])`,
		`cases[5] (no id): a case must be a JSON object, not a JSON array`,
	}
	if got := strings.Split(msg, "\n"); !icPrefixes(got, want) {
		t.Errorf("got\n%s\nwant lines starting\n%s", msg, strings.Join(want, "\n"))
	}
}

func icPrefixes(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			return false
		}
	}
	return true
}

// The cap shows the first 50 problems, and the last line counts the rest.
func TestDecodeFileCapCountsTheRest(t *testing.T) {
	var cs []string
	for range 200 {
		cs = append(cs, `{"events": [{"type": "x"}]}`) // id, type, date: three each
	}
	_, err := DecodeFile([]byte(icFile(cs...)))
	var es Errors
	if !errors.As(err, &es) || len(es) != maxErrors+1 {
		t.Fatalf("want %d lines, got %v", maxErrors+1, err)
	}
	if got, want := es[maxErrors].Error(), "… stopped after 50 errors (550 more not shown)"; got != want {
		t.Errorf("last line %q, want %q", got, want)
	}
	// One case with more problems than the cap: counted the same way.
	keys := make([]string, 80)
	for i := range keys {
		keys[i] = fmt.Sprintf(`"k%d": %d`, i, i)
	}
	_, err = DecodeFile([]byte(icFile(`{"id": "K", ` + strings.Join(keys, ", ") + `}`)))
	if !errors.As(err, &es) || len(es) != maxErrors+1 || !strings.Contains(es[maxErrors].Error(), "(30 more not shown)") {
		t.Errorf("one case of 80 problems: %v", err)
	}
}

// An error message does not repeat a value of the citizen's personal data.
func TestDecodeFilePersonalValuesNotRepeated(t *testing.T) {
	msg := icDecodeErr(t, icFile(`{"id": "K-1", "citizen": {"birth_date": "1990-13-01"}}`))
	icWantAll(t, msg, "citizen.birth_date", "not a real date")
	if strings.Contains(msg, "1990-13-01") {
		t.Errorf("the error repeats the birth date: %s", msg)
	}
}

// Text that is not valid UTF-8 is read with U+FFFD in place of the bad
// bytes, as encoding/json did, rather than refusing the file.
func TestDecodeFileInvalidUTF8(t *testing.T) {
	cases, err := DecodeFile([]byte(icFile("{\"id\": \"K-1\", \"citizen\": {\"name\": \"\xc5se\"}}")))
	if err != nil || len(cases) != 1 || cases[0].Citizen.Name != "\uFFFDse" {
		t.Errorf("got %+v, %v", cases, err)
	}
}

// Where the JSON breaks is said by line and column when the file can be
// read again (a file, a byte slice), else by byte.
func TestDecodeFileSyntaxErrorPosition(t *testing.T) {
	data := "{\"cases\": [\n  {\"id\": \"K-1\"},\n  {\"id\": \"K-2\" \"x\": 1}\n]}\n"
	_, err := DecodeFile([]byte(data))
	if err == nil || !strings.Contains(err.Error(), "line 3, column 16") {
		t.Errorf("from a byte slice: %v", err)
	}
	rd := CaseReader[struct{}]{}
	_, err = rd.Read(struct{ io.Reader }{strings.NewReader(data)}) // no ReaderAt
	if err == nil || !strings.Contains(err.Error(), "at byte 45") {
		t.Errorf("from a plain reader: %v", err)
	}
}

// FileEncoder writes what encoding the whole file at once with
// encoding/json writes (two-space indent, no HTML escapes), case by case.
func TestFileEncoderMatchesWholeFile(t *testing.T) {
	rich := icRichCase()
	for _, cases := range [][]Case{nil, {}, {rich}, {rich, {ID: "K-2", Profile: DefaultProfile}, {ID: "a<&>"}}} {
		var whole bytes.Buffer
		enc := jsonv1.NewEncoder(&whole)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		file := File{Format: Format, Cases: cases}
		if file.Cases == nil {
			file.Cases = []Case{}
		}
		if err := enc.Encode(file); err != nil {
			t.Fatal(err)
		}
		var streamed bytes.Buffer
		if err := EncodeFile(&streamed, cases); err != nil {
			t.Fatal(err)
		}
		if streamed.String() != whole.String() {
			t.Errorf("%d cases:\n%s\n--- want\n%s", len(cases), streamed.String(), whole.String())
		}
	}
}

// icMany is a file of n valid cases, K-00000 upwards.
func icMany(n int) string {
	cs := make([]string, n)
	for i := range cs {
		cs[i] = fmt.Sprintf(`{"id": "K-%05d", "events": [{"type": "assigned", "date": "2026-01-05", "to": "anne"}, {"type": "note", "date": "2026-01-06", "note": "n%d"}]}`, i, i)
	}
	return icFile(cs...)
}

// CaseReader hands the cases on in file order across many batches, with
// or without reusing their memory, prepared on the workers; Keep may add
// problems of its own, and another error stops reading.
func TestCaseReader(t *testing.T) {
	const n = 3000 // a dozen batches
	data := icMany(n)
	want, err := DecodeFile([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, reuse := range []bool{false, true} {
		var got []Case
		var last int64
		rd := CaseReader[string]{
			Prepare: func(c *Case) (string, error) { return "p:" + c.ID, nil },
			Keep: func(c *Case, i int, p string, prepared bool) error {
				if i != len(got) || !prepared || p != "p:"+c.ID {
					t.Fatalf("case %d (%s) came as %d, prepared %t, %q", len(got), c.ID, i, prepared, p)
				}
				cp := *c
				cp.Events = append([]Event(nil), c.Events...) // reused memory is not kept
				got = append(got, cp)
				return nil
			},
			Progress: func(n int64) { last = n },
			Reuse:    reuse,
		}
		kept, err := rd.Read(strings.NewReader(data))
		if err != nil || kept != n || !reflect.DeepEqual(got, want) {
			t.Fatalf("reuse %t: kept %d, %v; cases equal %t", reuse, kept, err, reflect.DeepEqual(got, want))
		}
		if last != int64(len(data)) {
			t.Errorf("reuse %t: progress ended at %d of %d bytes", reuse, last, len(data))
		}
	}

	// Problems from Keep join the file's, in order; once there is one,
	// Prepare stops (nothing will be kept) but Keep goes on.
	var prepared, unprepared int
	rd := CaseReader[int]{
		Prepare: func(c *Case) (int, error) { return 1, nil },
		Keep: func(c *Case, i int, p int, ok bool) error {
			if ok {
				prepared++
			} else {
				unprepared++
			}
			if i == 10 || i == 2000 {
				return &FieldError{Case: c.ID, Field: "id", Msg: "exists already"}
			}
			return nil
		},
	}
	_, err = rd.Read(strings.NewReader(data))
	if got := fmt.Sprint(err); got != "case \"K-00010\": id: exists already\ncase \"K-02000\": id: exists already" {
		t.Errorf("Keep's problems: %v", err)
	}
	if prepared+unprepared != n || prepared < 11 || unprepared == 0 {
		t.Errorf("Keep called %d times prepared, %d not", prepared, unprepared)
	}

	// Any other error from Keep stops reading and is returned as it is.
	stop := errors.New("disk full")
	calls := 0
	rd2 := CaseReader[int]{Keep: func(c *Case, i int, p int, ok bool) error {
		calls++
		if i == 100 {
			return stop
		}
		return nil
	}}
	if _, err := rd2.Read(strings.NewReader(data)); err != stop || calls != 101 {
		t.Errorf("a failing Keep: %v after %d calls", err, calls)
	}
}

// civilDate is MakeDate, for every date the format can write.
func TestCivilDate(t *testing.T) {
	for d := MakeDate(1, 1, 1); d <= MakeDate(9999, 12, 31); d++ {
		y, m, day := d.YMD()
		if got := civilDate(y, int(m), day); got != d {
			t.Fatalf("civilDate(%d, %d, %d) = %d, want %d", y, m, day, got, d)
		}
	}
}

// The fast way takes the cases of a usual file (else it would only cost
// time), and gives up on what it does not handle.
func TestDecodeFastTakesUsualCases(t *testing.T) {
	rich := icRichCase()
	Normalize(&rich)
	for _, c := range []Case{rich, {ID: "K-2", Profile: DefaultProfile}} {
		var b bytes.Buffer
		if err := NewFileEncoder(&b).Encode(&c); err != nil {
			t.Fatal(err)
		}
		raw := bytes.TrimPrefix(b.Bytes(), []byte(fileHead+caseLead))
		var got Case
		if !decodeFast(raw, &got) {
			t.Errorf("the fast way gives up on %s", raw)
		} else if !reflect.DeepEqual(got, c) {
			t.Errorf("the fast way gives\n%+v\nwant\n%+v", got, c)
		}
	}
	for _, raw := range []string{`{"id": null}`, `{"ID": "K"}`, `{"id": "K", "id": "K"}`, `{"id": "\u004b"}`,
		`{"id": "K", "events": [{"date": "2026-02-30"}]}`, "{\"id\": \"\xff\"}", `{"id": 1}`} {
		var c Case
		if decodeFast([]byte(raw), &c) && raw != `{"id": "\u004b"}` {
			t.Errorf("the fast way took %s", raw)
		}
	}
}

// icFresh is a type no other test decodes: its plans are made here.
type icFresh struct {
	A string         `json:"a"`
	B []icFreshInner `json:"b"`
	P *icFresh       `json:"p"`
}

type icFreshInner struct {
	C bool `json:"c"`
	D Date `json:"d"`
}

// Plans are made once and published whole: workers asking for the same
// new type at once all get a plan they can call (a half-made one was once
// handed out, and its nil function called).
func TestFastPlanConcurrentFirstUse(t *testing.T) {
	raw := []byte(`{"a": "x", "b": [{"c": true, "d": "2026-01-05"}], "p": {"a": "y", "p": {"b": []}}}`)
	start := make(chan struct{})
	var wg sync.WaitGroup
	results := make([]icFresh, 8)
	for i := range results {
		wg.Go(func() {
			<-start
			d := fastDecoder{data: raw}
			if !fastPlanOf(reflect.TypeFor[icFresh]()).fn(&d, reflect.ValueOf(&results[i]).Elem()) {
				t.Error("the fast way gave up")
			}
		})
	}
	close(start)
	wg.Wait()
	for _, r := range results {
		if r.A != "x" || len(r.B) != 1 || !r.B[0].C || r.B[0].D != d("2026-01-05") || r.P == nil || r.P.A != "y" || r.P.P == nil {
			t.Errorf("decoded %+v", r)
		}
	}
}
