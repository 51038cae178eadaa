package forms

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"tovholder/model"
)

// checkValidator runs a table of inputs through v: want is "" for
// accepted, else the InputError code expected.
func checkValidator(t *testing.T, name string, v func(string) error, rows map[string]string) {
	t.Helper()
	for in, want := range rows {
		err := v(in)
		if want == "" {
			if err != nil {
				t.Errorf("%s(%q) = %v, want nil", name, in, err)
			}
			continue
		}
		ie, ok := AsInputError(err)
		if !ok || ie.Code != want || ie.Value != in {
			t.Errorf("%s(%q) = %#v, want InputError{%s, %q}", name, in, err, want, in)
		}
	}
}

func TestRequired(t *testing.T) {
	checkValidator(t, "Required", Required, map[string]string{
		"":       CodeRequired,
		"   ":    CodeRequired,
		"\t\n":   CodeRequired,
		"x":      "",
		" Anne ": "",
	})
}

func TestCPR(t *testing.T) {
	rows := map[string]string{
		"0101901234":   "",
		"010190-1234":  "",
		" 0101901234 ": "",
		"2902001234":   CodeCPRDate,   // digit 1 and year 00 give 1900, not a leap year
		"2902004234":   "",            // digit 4 and year 00 give 2000, a leap year
		"3102901234":   CodeCPRDate,   // 31 Feb
		"3113901234":   CodeCPRDate,   // month 13
		"010190123":    CodeCPRFormat, // 9 digits
		"01019012345":  CodeCPRFormat, // 11 digits
		"0101-901234":  CodeCPRFormat, // dash in the wrong place
		"010190-12-34": CodeCPRFormat,
		"01019O1234":   CodeCPRFormat, // letter O
		"":             CodeCPRFormat,
		"0101901234x":  CodeCPRFormat,
	}
	checkValidator(t, "CPR", CPR, rows)

	opt := map[string]string{"": "", "  ": "", "0101901234": "", "3102901234": CodeCPRDate, "12": CodeCPRFormat}
	checkValidator(t, "OptionalCPR", OptionalCPR, opt)
}

func TestPhone(t *testing.T) {
	checkValidator(t, "Phone", Phone, map[string]string{
		"12345678":        "",
		"12 34 56 78":     "",
		"+4512345678":     "",
		"+45 12 34 56 78": "",
		" +45 1234 5678 ": "",
		"1234567":         CodePhone,
		"123456789":       CodePhone,
		"4512345678":      CodePhone, // 45 without the plus is not a prefix
		"004512345678":    CodePhone,
		"+46 12345678":    CodePhone,
		"12-34-56-78":     CodePhone,
		"1234567a":        CodePhone,
		"":                CodePhone,
		"+45":             CodePhone,
		"+45+4512345678":  CodePhone,
		"１２３４５６７８":        CodePhone, // full-width digits
	})
	for in, want := range map[string]string{"+45 12 34 56 78": "12345678", "87654321": "87654321", "x": ""} {
		got, ok := NormalizePhone(in)
		if got != want || ok != (want != "") {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestEmail(t *testing.T) {
	checkValidator(t, "Email", Email, map[string]string{
		"anne@example.dk":          "",
		"a.b+c@kommune.example.dk": "",
		" anne@example.dk ":        "",
		"æble@kø.dk":               "",
		"":                         CodeEmail,
		"anne":                     CodeEmail,
		"anne@":                    CodeEmail,
		"@example.dk":              CodeEmail,
		"anne@example":             CodeEmail,
		"anne@example.":            CodeEmail,
		"anne@.dk":                 CodeEmail,
		"anne@example..dk":         CodeEmail,
		"an ne@example.dk":         CodeEmail,
		"anne@exa mple.dk":         CodeEmail,
		"anne@@example.dk":         CodeEmail,
		"anne@b@example.dk":        CodeEmail,
		"anne.example.dk":          CodeEmail,
	})
}

func TestOneOf(t *testing.T) {
	allowed := model.IDs(model.Channels)
	v := func(s string) error { return OneOf(s, allowed) }
	checkValidator(t, "OneOf", v, map[string]string{
		"phone":   "",
		" visit ": "",
		"Phone":   CodeNotAllowed, // ids are case-sensitive
		"fax":     CodeNotAllowed,
		"":        CodeNotAllowed,
	})
	if err := OneOf("x", nil); err == nil {
		t.Error("OneOf with nothing allowed accepted a value")
	}
}

func TestOptional(t *testing.T) {
	checkValidator(t, "Optional(Email)", func(s string) error { return Optional(s, Email) }, map[string]string{
		"": "", " ": "", "a@b.dk": "", "nope": CodeEmail,
	})
}

func TestValidatorsReturnUntypedNil(t *testing.T) {
	// A nil result must be a nil error, not a nil *InputError in an interface.
	for name, err := range map[string]error{
		"Required":    Required("x"),
		"CPR":         CPR("0101901234"),
		"OptionalCPR": OptionalCPR(""),
		"Phone":       Phone("12345678"),
		"Email":       Email("a@b.dk"),
		"OneOf":       OneOf("a", []string{"a"}),
	} {
		if err != nil {
			t.Errorf("%s returned non-nil %#v", name, err)
		}
	}
}

func TestInputErrorText(t *testing.T) {
	for _, tc := range []struct {
		err  *InputError
		want string
	}{
		{&InputError{CodeRequired, ""}, "a value is required"},
		{&InputError{CodeRequired, "  "}, "a value is required"},
		{&InputError{CodeDateImpossible, "31/2"}, `"31/2" is not a real date (there is no such day)`},
		{&InputError{CodePhone, "123"}, `"123" is not a phone number; write 8 digits, optionally after +45`},
		{&InputError{"made_up", "x"}, `"x" is not accepted (made_up)`},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%#v.Error() = %q, want %q", tc.err, got, tc.want)
		}
	}
	wrapped := fmt.Errorf("field phone: %w", &InputError{CodePhone, "1"})
	if ie, ok := AsInputError(wrapped); !ok || ie.Code != CodePhone {
		t.Errorf("AsInputError(wrapped) = %v, %v", ie, ok)
	}
	if _, ok := AsInputError(errors.New("plain")); ok {
		t.Error("AsInputError(plain error) found one")
	}
	if _, ok := AsInputError(nil); ok {
		t.Error("AsInputError(nil) found one")
	}
}

func TestCodeTexts(t *testing.T) {
	for _, c := range Codes {
		tx, ok := CodeText[c]
		if !ok || strings.TrimSpace(tx.Da) == "" || strings.TrimSpace(tx.En) == "" {
			t.Errorf("code %q lacks a Danish or English text: %+v", c, tx)
		}
	}
	if len(CodeText) != len(Codes) {
		t.Errorf("CodeText has %d entries, Codes %d", len(CodeText), len(Codes))
	}
	if s := slices.Clone(Codes); len(slices.Compact(slices.Sorted(slices.Values(s)))) != len(Codes) {
		t.Error("a code is listed twice")
	}
}
