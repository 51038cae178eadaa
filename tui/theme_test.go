package tui

import (
	"io"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func colourRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	return r
}

// On a light background no text is bright yellow, white or another
// bright colour; the title bar keeps white on blue. Dark is as before.
func TestThemes(t *testing.T) {
	c := newTestCommon(t, Danish)
	r := colourRenderer()
	c.SetTheme(Light, r)
	bright := map[string]bool{"7": true, "9": true, "10": true, "11": true, "12": true, "13": true, "14": true, "15": true, "229": true, "230": true, "231": true}
	v := reflect.ValueOf(c.Styles)
	for i := 0; i < v.NumField(); i++ {
		name := v.Type().Field(i).Name
		st := v.Field(i).Interface().(lipgloss.Style)
		fg, ok := st.GetForeground().(lipgloss.Color)
		if name == "Title" {
			if bg, _ := st.GetBackground().(lipgloss.Color); fg != "15" || bg != "24" {
				t.Errorf("light title: %q on %q, want white on blue", fg, bg)
			}
			continue
		}
		if ok && bright[string(fg)] {
			t.Errorf("light theme: %s is colour %s, hard to read on white", name, fg)
		}
	}
	if got := c.Styles.Soon.Render("x"); !strings.Contains(got, "38;5;136") {
		t.Errorf("light Soon renders %q, want colour 136", got)
	}
	c.SetTheme(Dark, r)
	if !reflect.DeepEqual(c.Styles, NewStyles(r)) {
		t.Error("SetTheme(Dark) differs from the desk's own styles")
	}
	// The queue draws in the light theme, with its colours.
	c.SetTheme(Light, r)
	a := startApp(t, c)
	if v := a.View(); !strings.Contains(v, "38;5;160") || !strings.Contains(v, "38;5;136") {
		t.Errorf("the light queue lacks its overdue and soon colours:\n%q", v)
	}
}

// With no colour at all (an ASCII terminal, or a person who does not see
// them) overdue rows, due soon rows, the selected row and errors are still
// marked: in text.
func TestQueueGoldenAscii(t *testing.T) {
	c := newTestCommon(t, Danish) // the test renderer has the ASCII profile
	a := startApp(t, c)
	a = send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24})
	a = send(t, a, keys("j j j")...)
	a = send(t, a, statusMsg{text: "noget gik galt", err: true})
	v := a.View()
	if strings.Contains(v, "\x1b") {
		t.Fatalf("escape codes without colour:\n%q", v)
	}
	lines := strings.Split(v, "\n")
	for _, want := range []struct{ line, prefix, has string }{
		{lines[3], "!  ", "Åse"}, {lines[4], "•  ", "Ib"}, {lines[6], " > ", "Bjørn"}, {lines[22], "Fejl: ", "noget gik galt"},
	} {
		if !strings.HasPrefix(want.line, want.prefix) || !strings.Contains(want.line, want.has) {
			t.Errorf("line %q should start %q and hold %q", want.line, want.prefix, want.has)
		}
	}
	requireGolden(t, v)
}

// The other lists mark the selected row in text too.
func TestSelectedRowMarkedInText(t *testing.T) {
	c := newTestCommon(t, Danish)
	for _, tc := range []struct{ name, keys, want string }{
		{"triage", "t", "> "},
		{"case", "enter", ">"},
	} {
		a := startApp(t, c)
		a = send(t, a, keys(tc.keys)...)
		n := 0
		for _, l := range strings.Split(a.View(), "\n") {
			if strings.HasPrefix(l, tc.want) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d lines start with %q, want the selected row alone:\n%s", tc.name, n, tc.want, a.View())
		}
	}
}
