// Package forms holds the form definitions of the desk — the labels of
// every closed vocabulary in Danish and English, and the validation of
// what a person types — shared by the editor and the exporters. It does no
// I/O and draws nothing.
//
// Validation errors are *InputError values with a stable Code, so the UI
// can say them in the user's language; their Error text is English.
package forms

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"tovholder/model"
)

// Codes of InputError.
const (
	CodeRequired       = "required"        // the field is empty
	CodeDateFormat     = "date_format"     // not a date in any accepted form
	CodeDateImpossible = "date_impossible" // the shape of a date, but no such day (31/2)
	CodeDateRange      = "date_range"      // a date, but outside the years the desk accepts, or +N too large
	CodeCPRFormat      = "cpr_format"      // not 10 digits (DDMMYY-XXXX)
	CodeCPRDate        = "cpr_date"        // 10 digits, but the first six are not a real date
	CodePhone          = "phone"           // not 8 digits, optionally after +45
	CodeEmail          = "email"           // not an e-mail address
	CodeNotAllowed     = "not_allowed"     // not one of the allowed values
)

// Codes lists every InputError code, for translation tables.
var Codes = []string{CodeRequired, CodeDateFormat, CodeDateImpossible, CodeDateRange,
	CodeCPRFormat, CodeCPRDate, CodePhone, CodeEmail, CodeNotAllowed}

// InputError is a value a person typed that a field does not accept.
// Code is one of the Code constants; Value is what was typed.
type InputError struct {
	Code  string
	Value string
}

// CodeText says each code as the end of a sentence about the value ("%q
// is not a real date"); Error uses the English.
var CodeText = map[string]model.Text{
	CodeRequired: {Da: "skal udfyldes", En: "is required"},
	CodeDateFormat: {Da: "er ikke en dato; skriv fx 3/12, 3/12/2026, 2026-12-03, i dag eller +2",
		En: "is not a date; write for example 3/12, 3/12/2026, 2026-12-03, today or +2"},
	CodeDateImpossible: {Da: "er ikke en rigtig dato (den dag findes ikke)", En: "is not a real date (there is no such day)"},
	CodeDateRange: {Da: fmt.Sprintf("ligger uden for årene %d–%d, eller for mange arbejdsdage frem eller tilbage", MinYear, MaxYear),
		En: fmt.Sprintf("is outside the years %d–%d, or too many working days ahead or back", MinYear, MaxYear)},
	CodeCPRFormat: {Da: "er ikke et cpr-nummer; skriv 10 cifre, DDMMÅÅ-XXXX", En: "is not a CPR number; write 10 digits, DDMMYY-XXXX"},
	CodeCPRDate: {Da: "er ikke et cpr-nummer: de første seks cifre er ikke en rigtig dato (DDMMÅÅ)",
		En: "is not a CPR number: its first six digits are not a real date (DDMMYY)"},
	CodePhone:      {Da: "er ikke et telefonnummer; skriv 8 cifre, evt. efter +45", En: "is not a phone number; write 8 digits, optionally after +45"},
	CodeEmail:      {Da: "er ikke en e-mailadresse", En: "is not an e-mail address"},
	CodeNotAllowed: {Da: "er ikke en af de tilladte værdier", En: "is not one of the allowed values"},
}

// Error says the problem in English.
func (e *InputError) Error() string {
	msg := CodeText[e.Code].En
	if msg == "" {
		msg = "is not accepted (" + e.Code + ")"
	}
	if e.Code == CodeRequired && strings.TrimSpace(e.Value) == "" {
		return "a value " + msg
	}
	return fmt.Sprintf("%q %s", e.Value, msg)
}

// AsInputError finds the *InputError in err's chain.
func AsInputError(err error) (*InputError, bool) {
	var ie *InputError
	ok := errors.As(err, &ie)
	return ie, ok
}

func inputError(code, value string) error { return &InputError{Code: code, Value: value} }

// The validators below return nil or an *InputError (as error, so that a
// nil result compares equal to nil). They trim surrounding white space
// before judging, so the caller should store strings.TrimSpace(s).

// Required rejects an empty or all-white-space value.
func Required(s string) error {
	if strings.TrimSpace(s) == "" {
		return inputError(CodeRequired, s)
	}
	return nil
}

// CPR accepts a CPR number as model.ParseCPR does: 10 digits with an
// optional dash after the sixth, the first six a real date. Empty is an
// error (CodeCPRFormat); see OptionalCPR.
func CPR(s string) error {
	t := strings.TrimSpace(s)
	if _, err := model.ParseCPR(t); err != nil {
		digits := strings.Replace(t, "-", "", 1)
		if len(digits) == 10 && strings.IndexFunc(digits, notDigit) < 0 && (len(t) == 10 || t[6] == '-') {
			return inputError(CodeCPRDate, s)
		}
		return inputError(CodeCPRFormat, s)
	}
	return nil
}

// OptionalCPR is CPR, but accepts an empty value.
func OptionalCPR(s string) error { return Optional(s, CPR) }

// Optional runs validate unless s is empty or white space.
func Optional(s string, validate func(string) error) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return validate(s)
}

// Phone accepts a Danish phone number: 8 digits once spaces and an
// optional leading +45 are removed ("+45 12 34 56 78", "12345678").
func Phone(s string) error {
	if _, ok := phoneDigits(s); !ok {
		return inputError(CodePhone, s)
	}
	return nil
}

// NormalizePhone gives the 8 digits of a phone number Phone accepts, and
// false for any other value.
func NormalizePhone(s string) (string, bool) { return phoneDigits(s) }

func phoneDigits(s string) (string, bool) {
	t := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	t = strings.TrimPrefix(t, "+45")
	if len(t) != 8 || strings.IndexFunc(t, notDigit) >= 0 {
		return "", false
	}
	return t, true
}

func notDigit(r rune) bool { return r < '0' || r > '9' }

// Email accepts a simple e-mail address: no white space inside, exactly
// one @ with something before it, and a domain after it that holds a dot
// with something on both sides. It does not try to be RFC 5322.
func Email(s string) error {
	t := strings.TrimSpace(s)
	local, domain, ok := strings.Cut(t, "@")
	if !ok || local == "" || strings.Contains(domain, "@") || strings.IndexFunc(t, unicode.IsSpace) >= 0 {
		return inputError(CodeEmail, s)
	}
	dot := strings.LastIndexByte(domain, '.')
	if dot <= 0 || dot == len(domain)-1 || strings.HasPrefix(domain, ".") || strings.Contains(domain, "..") {
		return inputError(CodeEmail, s)
	}
	return nil
}

// OneOf accepts a value that is exactly one of allowed (after trimming).
// Use IDs to get the allowed ids of an Option list.
func OneOf(s string, allowed []string) error {
	if !slices.Contains(allowed, strings.TrimSpace(s)) {
		return inputError(CodeNotAllowed, s)
	}
	return nil
}
