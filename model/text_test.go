package model

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCleanLine(t *testing.T) {
	for _, tc := range []struct{ in, line, text string }{
		{"Åse Ørnsø", "Åse Ørnsø", "Åse Ørnsø"},
		{"Evil\x1b[31mRED\x1b[0m", "EvilRED", "EvilRED"},
		{"\x1b[2J\x1b[Hclear", "clear", "clear"},
		{"title\x1b]0;pwned\x07 after", "title after", "title after"},
		{"title\x1b]2;pwned\x1b\\ after", "title after", "title after"},
		{"dcs\x1bPq#0;2;0;0;0\x1b\\ end", "dcs end", "dcs end"},
		{"c1\u009b31mred", "c1red", "c1red"},
		{"osc8\u009d8;;http://x\u009c link", "osc8 link", "osc8 link"},
		{"cut\x1b[31", "cut", "cut"},
		{"lone\x1b", "lone", "lone"},
		{"alt\x1bx", "alt", "alt"},
		{"bell\x07 nul\x00 del\x7f", "bell nul del", "bell nul del"},
		{"a\tb", "a b", "a b"},
		{"one\ntwo", "one two", "one\ntwo"},
		{"one\r\ntwo\rthree", "one  two three", "one\ntwo\nthree"},
		{"\u202eevil\u202c txt", "evil txt", "evil txt"},
		{"iso\u2066late\u2069", "isolate", "isolate"},
		{"mark\u200f ok", "mark\u200f ok", "mark\u200f ok"},
		{"bad\xffutf8", "bad\ufffdutf8", "bad\ufffdutf8"},
		{"", "", ""},
	} {
		if got := CleanLine(tc.in); got != tc.line {
			t.Errorf("CleanLine(%q) = %q, want %q", tc.in, got, tc.line)
		}
		if got := CleanText(tc.in); got != tc.text {
			t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.text)
		}
	}
}

// terminalSafe: nothing in s can move the cursor, recolour, retitle or
// reorder what a terminal shows; multiline allows newlines.
func terminalSafe(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r == '\n' && multiline {
			continue
		}
		if unicode.IsControl(r) || isBidiControl(r) {
			return false
		}
	}
	return true
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"Evil\x1b[31mRED\x1b[0m", "\x1b]0;t\x07", "\u009b2J", "a\r\nb", "\u202e", "\xff\xfe", "plain"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		line, text := CleanLine(s), CleanText(s)
		if !terminalSafe(line, false) {
			t.Fatalf("CleanLine(%q) = %q holds control characters", s, line)
		}
		if !terminalSafe(text, true) {
			t.Fatalf("CleanText(%q) = %q holds control characters", s, text)
		}
		if CleanLine(line) != line || CleanText(text) != text {
			t.Fatalf("cleaning twice changes %q", s)
		}
		if terminalSafe(s, false) && line != s {
			t.Fatalf("CleanLine changed clean text %q to %q", s, line)
		}
	})
}

// TestNormalizeCleansEveryText fills every string of a case, however deep,
// with an escape sequence, and checks that Normalize removes them all: a
// field added later and forgotten in cleanText fails here.
func TestNormalizeCleansEveryText(t *testing.T) {
	const dirty = "x\x1b[31my\u202e\x07"
	c := Case{Screening: &Screening{Category1: []string{""}, Category2: []string{""}},
		Events: []Event{{Annulled: &Annulment{}, Reached: new(bool)}}, Goals: []Goal{{}}, Tasks: []Task{{}},
		NetworkMap: &NetworkMap{Rows: []NetworkRow{{}}}, Agreements: []Agreement{{Goals: []Goal{{}}}},
		Meetings: []Meeting{{Invited: []Participant{{}}, Apologies: []string{""}, Items: []AgendaItem{{}}}},
		Consents: []Consent{{Parties: []string{""}}}}
	n := 0
	walkStrings(reflect.ValueOf(&c).Elem(), func(v reflect.Value, _ string) { v.SetString(dirty); n++ })
	if n < 80 {
		t.Fatalf("only %d strings filled: the walk misses fields", n)
	}
	Normalize(&c)
	walkStrings(reflect.ValueOf(&c).Elem(), func(v reflect.Value, path string) {
		if !terminalSafe(v.String(), true) || strings.Contains(v.String(), "[31m") {
			t.Errorf("%s = %q after Normalize", path, v.String())
		}
	})
}

func walkStrings(v reflect.Value, fn func(v reflect.Value, path string)) {
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.String:
			fn(v, path)
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), path+"[]")
			}
		}
	}
	walk(v, "case")
}
