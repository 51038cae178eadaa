package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// fit makes s exactly w columns by h lines: longer lines are cut, missing
// lines are blank. The app relies on it to never draw past the window.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = padRight(truncate(l, w), w)
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines, "\n")
}

// truncate cuts s to w columns, keeping its styling, with … where it cut.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// padRight fills s with spaces to w columns.
func padRight(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// cell fits s into exactly w columns.
func cell(s string, w int) string { return padRight(truncate(s, w), w) }

// spread puts left and right at the two ends of w columns.
func spread(left, right string, w int) string {
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return truncate(left+" "+right, w)
	}
	return left + strings.Repeat(" ", gap) + right
}

// wrap breaks s into lines of at most w columns, between words where it can.
func wrap(s string, w int) string { return ansi.Wrap(s, max(w, 1), "") }
