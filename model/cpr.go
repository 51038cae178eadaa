package model

import (
	"errors"
	"time"
)

// CPR is a Danish personal identity number, kept as its 10 digits. It is
// personal data: show it masked (Masked) everywhere but where the user
// asked for the full number.
type CPR string

// The errors do not repeat the number: a mistyped CPR number is still
// personal data, and error messages end up in logs.
var (
	errCPRDigits = errors.New("a CPR number must be 10 digits (DDMMYY-XXXX)")
	errCPRDate   = errors.New("a CPR number must start with a real date (DDMMYY)")
)

// ParseCPR reads a CPR number: 10 digits, with an optional dash after the
// sixth. The first six digits must be a real date; the seventh digit and
// the year give the century. The modulus-11 check is deliberately not
// applied: numbers without it have been issued since 2007.
func ParseCPR(s string) (CPR, error) {
	digits := s
	if len(s) == 11 && s[6] == '-' {
		digits = s[:6] + s[7:]
	}
	if len(digits) != 10 {
		return "", errCPRDigits
	}
	for i := 0; i < 10; i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return "", errCPRDigits
		}
	}
	c := CPR(digits)
	if c.BirthDate() == NoDate {
		return "", errCPRDate
	}
	return c, nil
}

func num2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// BirthDate is the date of birth the number encodes, or NoDate when the
// first six digits are not a real date.
func (c CPR) BirthDate() Date {
	if len(c) != 10 {
		return NoDate
	}
	day, month, yy := num2(string(c[0:2])), num2(string(c[2:4])), num2(string(c[4:6]))
	year := 1900 + yy
	switch c[6] {
	case '4', '9':
		if yy <= 36 {
			year = 2000 + yy
		}
	case '5', '6', '7', '8':
		if yy <= 57 {
			year = 2000 + yy
		} else {
			year = 1800 + yy
		}
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, time.Month(month)) {
		return NoDate
	}
	return MakeDate(year, time.Month(month), day)
}

// AgeOn is the age in whole years on date d, or -1 if unknown.
func (c CPR) AgeOn(d Date) int { return AgeOn(c.BirthDate(), d) }

// AgeOn is the age in whole years on date d of someone born on birth, or
// -1 if the birth date is unknown or after d.
func AgeOn(birth, d Date) int {
	if birth == NoDate || d == NoDate || d < birth {
		return -1
	}
	by, bm, bd := birth.YMD()
	y, m, day := d.YMD()
	age := y - by
	if m < bm || (m == bm && day < bd) {
		age--
	}
	return age
}

// Female reports the sex the number encodes (an even last digit).
func (c CPR) Female() bool { return len(c) == 10 && (c[9]-'0')%2 == 0 }

// Masked shows the birth date only: DDMMYY-••••. This is the form for lists.
func (c CPR) Masked() string {
	if len(c) != 10 {
		return ""
	}
	return string(c[:6]) + "-••••"
}

// Formatted shows the whole number as DDMMYY-XXXX.
func (c CPR) Formatted() string {
	if len(c) != 10 {
		return string(c)
	}
	return string(c[:6]) + "-" + string(c[6:])
}
