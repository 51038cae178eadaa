package tui

import (
	"io"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"tovholder/db"
	"tovholder/internal/benchdata"
	"tovholder/model"
)

// benchStore opens the shared benchmark database of n synthetic cases
// (internal/benchdata: built once, kept between runs).
func benchStore(b *testing.B, n int) *db.Store {
	b.Helper()
	st, err := db.Open(benchdata.DB(b, n), db.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func benchCommon(st *db.Store) *Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256) // colours on: the real cost of a frame
	return NewCommon(st, "anne", model.Coordinator, Danish, func() time.Time { return testNow }, r)
}

// start runs the desk's first read, as the program does with Init.
func start(a *App) *App {
	a.Update(a.Init()()) // the queue's read: one command, no subscription
	return a
}

// frame applies one message and renders, as Bubble Tea does per keystroke.
func frame(a *App, msg tea.Msg) {
	a.Update(msg)
	_ = a.View()
}

// BenchmarkDeskStartup: from an open store to the first frame of the queue.
func BenchmarkDeskStartup(b *testing.B) {
	for _, size := range benchdata.Sizes(false) {
		n := size.N
		b.Run("cases="+size.Name, func(b *testing.B) {
			st := benchStore(b, n)
			b.ResetTimer()
			for b.Loop() {
				a := start(New(benchCommon(st)))
				frame(a, tea.WindowSizeMsg{Width: 120, Height: 40})
			}
		})
	}
}

// BenchmarkQueueKeys: keystroke to rendered frame in the queue.
func BenchmarkQueueKeys(b *testing.B) {
	for _, size := range benchdata.Sizes(false) {
		n := size.N
		st := benchStore(b, n)
		for _, tc := range []struct {
			name string
			keys []tea.Msg
		}{
			{"down", keys("down")},
			{"pgdown", keys("pgdown")},
			{"end-home", keys("G g")},
			{"view-cycle", keys("tab")},
		} {
			b.Run("cases="+size.Name+"/"+tc.name, func(b *testing.B) {
				a := start(New(benchCommon(st)))
				frame(a, tea.WindowSizeMsg{Width: 120, Height: 40})
				a.Update(a.top().(*Queue).needEvery()()) // all cases read, for the view of them
				b.ResetTimer()
				for b.Loop() {
					for _, k := range tc.keys {
						frame(a, k)
					}
				}
			})
		}
		// Incremental search: each keystroke filters the whole queue.
		b.Run("cases="+size.Name+"/search-keystroke", func(b *testing.B) {
			a := start(New(benchCommon(st)))
			frame(a, tea.WindowSizeMsg{Width: 120, Height: 40})
			frame(a, keys("/")[0])
			q := a.top().(*Queue)
			a.Update(q.needEvery()()) // all cases read, as the first letter typed does: the search counts closed cases
			typed := typeText("han")
			back := keys("backspace")[0]
			b.ResetTimer()
			i := 0
			for b.Loop() {
				// Type one letter, or take one back: every frame is one keystroke.
				if i%6 < 3 {
					frame(a, typed[i%3])
				} else {
					frame(a, back)
				}
				i++
			}
		})
	}
}
