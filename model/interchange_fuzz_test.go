package model

import (
	"bytes"
	jsonv1 "encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	json "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// FuzzDecodeFile: no input makes the decoder panic or hang; a refused
// file gets one readable line per problem, each naming a case (or the
// file), and the same lines every time; an accepted file's cases are
// valid, and encoding them gives a file that decodes to as many cases and
// encodes to the same bytes.
// make fuzz runs it.
func FuzzDecodeFile(f *testing.F) {
	var rich bytes.Buffer
	if err := EncodeFile(&rich, []Case{icRichCase()}); err != nil {
		f.Fatal(err)
	}
	seeds := []string{
		rich.String(),
		`{"format": "tovholder/v1", "cases": []}`,
		`{"cases": [{"id": "a"}]}`,
		icFile(`{"id": "K", "citizen": {"cpr": "010190-1234"}, "events": [{"type": "assigned", "date": "2026-01-05", "to": "x"}]}`),
		icFile(`{"id": "K", "goals": [{"follow_up": "2026-01-05", "followed_up": false}], "tasks": [{"due": "2026-01-06", "done": true}]}`),
		icFile(`{"id": "K", "events": [{"type": "contact_attempt", "date": "2026-01-05", "reached": false}]}`),
		icFile(`{"id": "K", "events": [{"type": "bogus", "date": "2026-02-30"}]}`),
		icFile(`{"id": "K"}`, `{"id": "K"}`),
		icFile(`{"id": "K", "citizen": {"cpr": "3102901234"}}`),
		icFile(`{"id": "K", "x": 1}`),
		icFile(`{"id": 5}`),
		icFile(`{}`),
		// The cases the walker takes apart: repeated, miscased and unknown
		// keys at every level, values of the wrong kind, nulls.
		icFile(`{"id": "A", "id": "B", "ID": "C", "events": [{"type": "note", "Type": 1, "date": null, "annulled": {"date": 5}}]}`),
		icFile(`{"id": "K", "citizen": {"name": ["x"], "birth_date": "1990-13-01", "name": "y"}, "screening": [], "goals": {}, "tasks": [null, 1, {"done": "no"}]}`),
		icFile(`null`, `1`, `"x"`, `[]`, `{"events": null, "goals": [{"title": {"a": [1, {"b": null}]}}]}`),
		icFile(`{"id": "K", "a\nb": 1, "": 2, "previous": "K"}`),
		"{\"cases\": [{\"id\": \"K\xff\xfe\"}]}",
		`{"format": "nope", "cases": []}`,
		`{"cases": [], "cases": []}`,
		`{"format": null, "cases": [], "format": "tovholder/v1"}`,
		`{"cases": [`,
		`{"cases": [{"id": "K",}]}`,
		`{"cases": []} []`,
		`null`,
		`[]`,
		``,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cases, err := DecodeFile(data)
		if err != nil {
			if cases != nil {
				t.Fatalf("cases together with an error for %q", data)
			}
			fuzzCheckError(t, data, err)
			// The same problems, in the same order, every time: the
			// decoding goroutines must not make the answer vary.
			if _, again := DecodeFile(data); again == nil || again.Error() != err.Error() {
				t.Fatalf("decoding %q twice: %v, then %v", data, err, again)
			}
			return
		}
		for i := range cases {
			c := cases[i]
			if errs := Validate(&c); len(errs) > 0 {
				t.Fatalf("an accepted case does not validate: %v (input %q)", errs, data)
			}
		}
		var first bytes.Buffer
		if err := EncodeFile(&first, cases); err != nil {
			t.Fatalf("encoding decoded cases: %v (input %q)", err, data)
		}
		again, err := DecodeFile(first.Bytes())
		if err != nil {
			t.Fatalf("our own encoding does not decode: %v\ninput %q\nencoded %s", err, data, first.Bytes())
		}
		if len(again) != len(cases) {
			t.Fatalf("%d cases became %d (input %q)", len(cases), len(again), data)
		}
		var second bytes.Buffer
		if err := EncodeFile(&second, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("encoding is not idempotent for input %q:\n%s\n---\n%s", data, first.Bytes(), second.Bytes())
		}
	})
}

// fuzzCheckError: an error is one line per problem, at most the cap and
// a last line, and each problem names its case and says something.
func fuzzCheckError(t *testing.T, data []byte, err error) {
	t.Helper()
	msg := err.Error()
	if msg == "" {
		t.Fatalf("empty error text for %q", data)
	}
	var es Errors
	if !errors.As(err, &es) {
		if strings.Contains(msg, "\n") {
			t.Fatalf("a file-level error of more than one line for %q: %q", data, msg)
		}
		return
	}
	if len(es) == 0 || len(es) > maxErrors+1 {
		t.Fatalf("%d errors for %q", len(es), data)
	}
	for i, e := range es {
		line := e.Error()
		if strings.Contains(line, "\n") {
			t.Fatalf("error %d is more than one line for %q: %q", i, data, line)
		}
		fe, ok := e.(*FieldError)
		if !ok {
			if i != maxErrors || !strings.Contains(line, "more not shown") {
				t.Fatalf("error %d is not a FieldError: %q (input %q)", i, line, data)
			}
			continue
		}
		if fe.Msg == "" || !strings.HasPrefix(line, "case ") && !strings.HasPrefix(line, "cases[") {
			t.Fatalf("error %d does not name its case or says nothing: %q (input %q)", i, line, data)
		}
	}
}

// FuzzDecodeFast: where the fast decoder takes a case, json.Unmarshal
// (which decides whenever it gives up) takes it too and gives the same,
// whether the case is new or reused; and it never panics.
func FuzzDecodeFast(f *testing.F) {
	var rich bytes.Buffer
	if err := EncodeFile(&rich, []Case{icRichCase()}); err != nil {
		f.Fatal(err)
	}
	cases, _ := DecodeFile(rich.Bytes())
	richJSON, _ := jsonv1.Marshal(cases[0])
	for _, s := range []string{
		string(richJSON),
		`{"id": "K", "events": [{"type": "note", "date": "2026-01-05", "note": "a\"b\\c\/\n\u00e5\u2028"}], "goals": []}`,
		`{"id": "K", "citizen": {"name": "Åse", "birth_date": "2000-02-29"}, "events": [{"type": "x", "date": "2026-02-29"}]}`,
		`{"id": "K", "events": [{"reached": true}, {"reached": false}, {}], "tasks": [{"done": true, "due": "0001-01-01"}]}`,
		`{"id": "K", "id": "L"}`, `{"ID": "K"}`, `{"id": null}`, `{"id": 5}`, `{"id": "\ud800"}`, `{"\u0069d": "K"}`,
		`{"id": "K", "screening": {"category1": ["a", "b"], "recommended": true}, "screening": null}`,
		"{\"id\": \"\xff\"}", `{"id": "K", "events": [{"date": "9999-12-31"}, {"date": "0000-01-01"}, {"date": "2026-13-01"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !jsontext.Value(raw).IsValid(lenient) || jsontext.Value(raw).Kind() != '{' {
			return // the scan lets only a valid JSON value through, and an object gets this far
		}
		var fast Case
		if !decodeFast(raw, &fast) {
			return
		}
		var want Case
		if err := json.Unmarshal(raw, &want, strict); err != nil {
			t.Fatalf("the fast way took %q, json.Unmarshal refuses it: %v", raw, err)
		}
		if !reflect.DeepEqual(fast, want) {
			t.Fatalf("%q:\nfast %+v\nwant %+v", raw, fast, want)
		}
		// Into a case that held another, emptied (its lists keep their
		// capacity): the same as json.Unmarshal into such a case.
		reused, wantReused := icRichCase(), icRichCase()
		resetCase(&reused)
		resetCase(&wantReused)
		if err := json.Unmarshal(raw, &wantReused, strict); err != nil {
			t.Fatal(err)
		}
		if !decodeFast(raw, &reused) || !reflect.DeepEqual(reused, wantReused) {
			t.Fatalf("%q into a reused case:\n%+v\nwant %+v", raw, reused, wantReused)
		}
	})
}
