package model

import (
	"strings"
	"testing"
)

func TestParseCPR(t *testing.T) {
	cases := []struct {
		in, birth string
		ok        bool
	}{
		{"0101901234", "1990-01-01", true},
		{"010190-1234", "1990-01-01", true},
		{"3112991111", "1999-12-31", true},
		{"2902001234", "", false},          // 1900 was not a leap year (7th digit 1 → 1900s)
		{"2902004234", "2000-02-29", true}, // 7th digit 4, year 00 → 2000
		{"0101365234", "2036-01-01", true}, // 5–8, 00–57 → 2000s
		{"0101585234", "1858-01-01", true}, // 5–8, 58–99 → 1800s
		{"0101379234", "1937-01-01", true}, // 9, 37–99 → 1900s
		{"0101369234", "2036-01-01", true},
		{"0101374234", "1937-01-01", true},
		{"0101010003", "1901-01-01", true}, // fails modulus 11, still accepted
		{"3202901234", "", false},
		{"0013901234", "", false},
		{"0001901234", "", false},
		{"010190123", "", false},
		{"01019012345", "", false},
		{"0101-901234", "", false},
		{"01019O1234", "", false},
		{"", "", false},
		{"010190 1234", "", false},
		{"٠١٠١٩٠١٢٣٤", "", false},
	}
	for _, c := range cases {
		got, err := ParseCPR(c.in)
		if (err == nil) != c.ok {
			t.Errorf("ParseCPR(%q) error = %v, want ok=%v", c.in, err, c.ok)
			continue
		}
		if c.ok && got.BirthDate().String() != c.birth {
			t.Errorf("ParseCPR(%q) birth = %s, want %s", c.in, got.BirthDate(), c.birth)
		}
	}
}

func TestCPRMaskAndAge(t *testing.T) {
	c, _ := ParseCPR("010190-1234")
	if c.Masked() != "010190-••••" || c.Formatted() != "010190-1234" {
		t.Errorf("masked %q formatted %q", c.Masked(), c.Formatted())
	}
	for _, tc := range []struct {
		on   string
		want int
	}{{"2019-12-31", 29}, {"2020-01-01", 30}, {"1990-01-01", 0}, {"1989-12-31", -1}} {
		if got := c.AgeOn(d(tc.on)); got != tc.want {
			t.Errorf("age on %s = %d, want %d", tc.on, got, tc.want)
		}
	}
	if !c.Female() {
		t.Error("an even last digit (1234) is female")
	}
}

func FuzzParseCPR(f *testing.F) {
	for _, s := range []string{"0101901234", "010190-1234", "2902004234", "", "-", "31129912345", "9999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCPR(s)
		if err != nil {
			if c != "" {
				t.Fatalf("error with a value: %q", c)
			}
			return
		}
		if len(c) != 10 || c.BirthDate() == NoDate {
			t.Fatalf("accepted %q as %q", s, c)
		}
		if strings.Replace(s, "-", "", 1) != string(c) {
			t.Fatalf("%q normalised to %q", s, c)
		}
		again, err := ParseCPR(c.Formatted())
		if err != nil || again != c {
			t.Fatalf("formatted %q does not parse back: %v", c.Formatted(), err)
		}
		if c.Masked() != string(c[:6])+"-••••" {
			t.Fatalf("masked %q shows more than the birth date", c.Masked())
		}
	})
}
