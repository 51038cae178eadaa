package model

import (
	"strings"
	"unicode/utf8"
)

// Text typed at the desk, pasted into it or imported from a file may hold
// terminal control: escape sequences that recolour, clear the screen or
// set the window title when shown, and bidi overrides that make text read
// other than it is. Such text is cleaned on the way in (Normalize) and
// again whenever a screen shows stored text, so that an older database or
// a missed path can still not reach the terminal raw.

// CleanLine makes s safe for a one-line field: escape sequences and
// control characters are removed, except that tabs, newlines and carriage
// returns become spaces (so words do not run together); bidi overrides
// and isolates are dropped; invalid UTF-8 becomes U+FFFD.
func CleanLine(s string) string { return clean(s, false) }

// CleanText is CleanLine for a multi-line field such as a journal note:
// newlines stay (CR LF and a lone CR become a newline).
func CleanText(s string) string { return clean(s, true) }

func clean(s string, multiline bool) string {
	if isClean(s, multiline) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			b.WriteRune(utf8.RuneError)
		case r == 0x1b: // ESC: drop the whole sequence it starts
			n = escapeLen(s[i:])
		case r == 0x9b || r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 CSI, OSC, DCS, SOS, PM, APC
			n = c1SequenceLen(s[i:], r)
		case r == '\r':
			if multiline {
				b.WriteByte('\n')
				if strings.HasPrefix(s[i+1:], "\n") {
					n++
				}
			} else {
				b.WriteByte(' ')
			}
		case r == '\n' && multiline:
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r):
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// isClean is the fast path: almost all text needs nothing done.
func isClean(s string, multiline bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n' && multiline:
		case c < 0x20 || c == 0x7f:
			return false
		case c >= 0x80:
			r, n := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && n <= 1) || (r >= 0x80 && r < 0xa0) || isBidiControl(r) {
				return false
			}
			i += n - 1
		}
	}
	return true
}

// isBidiControl: the embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) and the Arabic letter mark, which change how the text
// around them reads. The plain marks LRM and RLM are harmless and stay.
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x061c
}

// escapeLen is the length of the escape sequence at the start of s (s[0]
// is ESC): CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), the
// string sequences DCS, SOS, PM and APC (… ESC \), or ESC and one more
// character. An unfinished sequence runs to the end of s.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + csiBodyLen(s[2:])
	case ']', 'P', 'X', '^', '_':
		return 2 + stringBodyLen(s[2:])
	}
	_, n := utf8.DecodeRuneInString(s[1:])
	return 1 + n
}

// c1SequenceLen is escapeLen for the 8-bit forms (U+009B CSI and friends),
// which take two bytes in UTF-8.
func c1SequenceLen(s string, r rune) int {
	if r == 0x9b {
		return 2 + csiBodyLen(s[2:])
	}
	return 2 + stringBodyLen(s[2:])
}

// csiBodyLen: parameter and intermediate bytes (0x20–0x3F), then one final
// byte (0x40–0x7E). Anything else ends the sequence before it.
func csiBodyLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x20 && c <= 0x3f:
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		default:
			return i
		}
	}
	return len(s)
}

// stringBodyLen runs to BEL, ESC \ or the 8-bit ST (U+009C), included.
func stringBodyLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + 2
		}
	}
	return len(s)
}
