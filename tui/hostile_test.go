package tui

import (
	"io"
	"path/filepath"
	"reflect"
	"testing"
	"time"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"tovholder/db"
	"tovholder/model"
)

// hostileCase is a case whose every text holds s, stored raw (as an older
// database or another program may have left it), in every phase a screen
// shows something different of.
func hostileCase(s string) model.Case {
	yes := true
	cs := model.Case{ID: "K-2026-0666", Profile: model.DefaultProfile, Previous: "K-2026-0001",
		Screening: &model.Screening{Category1: []string{""}, Category2: []string{""}},
		Events: []model.Event{
			{Type: model.ReferralReceived, Date: td("2026-11-02")},
			{Type: model.Assigned, Date: td("2026-11-03")},
			{Type: model.ContactAttempt, Date: td("2026-11-04"), Reached: &yes},
			{Type: model.FirstMeeting, Date: td("2026-11-05")},
			{Type: model.Note, Date: td("2026-11-06"), Annulled: &model.Annulment{Date: td("2026-11-07")}},
		},
		Goals: []model.Goal{{FollowUp: td("2026-12-01")}}, Tasks: []model.Task{{Due: td("2026-12-02")}},
		NetworkMap: &model.NetworkMap{Rows: []model.NetworkRow{{}}},
		Agreements: []model.Agreement{{Saved: td("2026-11-10"), Goals: []model.Goal{{}}}},
		Meetings:   []model.Meeting{{Date: td("2026-12-10"), Invited: []model.Participant{{}}, Items: []model.AgendaItem{{}}}},
		Consents:   []model.Consent{{Date: td("2026-11-01")}}}
	fill(reflect.ValueOf(&cs).Elem(), s)
	return cs
}

// fill sets every string of v, except ids, types and codes the model
// checks, to s.
func fill(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.String:
		switch v.Type() {
		case reflect.TypeFor[model.EventType](), reflect.TypeFor[model.CPR]():
			return
		}
		v.SetString(s)
	case reflect.Pointer:
		if !v.IsNil() {
			fill(v.Elem(), s)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if n := v.Type().Field(i).Name; n != "ID" && n != "Profile" && n != "Previous" {
				fill(v.Field(i), s)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			fill(v.Index(i), s)
		}
	}
}

// screenSafe reports what in a rendered frame could drive the terminal:
// with colours off, nothing but printable text and newlines may remain.
func screenSafe(frame string) (bad rune, ok bool) {
	for _, r := range frame {
		if r == '\n' {
			continue
		}
		if unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return r, false
		}
	}
	return 0, true
}

// Whatever a database holds, no screen writes a control character from it
// to the terminal: the queue, every view of it, triage, the case view, an
// event, a deadline's explanation, the annul and note forms, the access log.
func FuzzScreensShowNoControl(f *testing.F) {
	for _, s := range []string{"Evil\x1b[31mRED\x1b[0m", "\x1b]0;pwned\x07", "\x1b[2J\x1b[H", "a\r\nb\tc", "\u202eevil", "\u009b31m", "\x00\x7f", "ok"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := db.Open(filepath.Join(t.TempDir(), "h.db"), db.Options{Now: func() time.Time { return testNow }})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		cases := append(fixtureCases(), hostileCase(s))
		triage := hostileCase(s)
		triage.ID, triage.Events = "K-2026-0667", triage.Events[:1]
		if err := st.Import(append(cases, triage), "test"); err != nil { // Import stores what it is given, unchecked
			t.Skip(err)
		}
		if _, _, err := st.OpenCase("K-2026-0666", s); err != nil { // a user's name in the access log
			t.Fatal(err)
		}
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(termenv.Ascii)
		c := NewCommon(st, "anne", model.Coordinator, Danish, func() time.Time { return testNow }, r)
		a := New(c)
		var frames []string
		step := func(msgs ...tea.Msg) {
			m, _ := drive(a, msgs...)
			a = m.(*App)
			frames = append(frames, a.View())
		}
		step(append(runCmd(a.Init()), tea.WindowSizeMsg{Width: 100, Height: 30})...)
		for range 6 {
			step(keys("tab")...) // every view
		}
		step(keys("t")...) // triage, with its detail pane
		step(keys("G")...)
		step(keys("esc")...)
		step(pushMsg{openCase(c, "K-2026-0666")})
		step(keys("enter")...) // explanation
		step(keys("esc G enter")...)
		step(keys("esc u")...)
		step(keys("esc n")...)
		step(keys("esc D")...) // the documents, each document, the versions
		step(keys("enter")...)
		step(keys("esc j enter")...)
		step(keys("ctrl+s")...)
		step(keys("esc esc j")...)
		step(keys("v enter")...)
		step(keys("esc esc j enter")...)
		step(keys("esc esc")...)
		step(pushMsg{newIntakeAgain(c, &cases[len(cases)-1])})
		step(keys("esc")...)
		step(pushMsg{newAccessLog(c)})
		for i, fr := range frames {
			if r, ok := screenSafe(fr); !ok {
				t.Fatalf("frame %d writes %U to the terminal:\n%q", i, r, fr)
			}
		}
	})
}
