package tui

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"tovholder/db"
	"tovholder/model"
	"tovholder/synth"
)

// benchStore opens a database of n synthetic cases, built once and kept in
// the temp directory between runs (building 100,000 takes seconds).
func benchStore(b *testing.B, n int) *db.Store {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "tovholder-bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("tui-%d.db", n))
	st, err := db.Open(path, db.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if st.Count() != n {
		st.Close()
		os.Remove(path)
		if st, err = db.Open(path, db.Options{}); err != nil {
			b.Fatal(err)
		}
		const chunk = 50000
		for first := 0; first < n; first += chunk {
			cases := synth.Cases(min(chunk, n-first), int64(first+1), model.DateOf(testNow))
			for i := range cases {
				cases[i].ID = fmt.Sprintf("B-%07d", first+i) // ids unique across chunks
			}
			if err := st.Import(cases, "bench"); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func benchCommon(st *db.Store) *Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256) // colours on: the real cost of a frame
	return NewCommon(st, "anne", Coordinator, Danish, func() time.Time { return testNow }, r)
}

// frame applies one message and renders, as Bubble Tea does per keystroke.
func frame(a *App, msg tea.Msg) {
	a.Update(msg)
	_ = a.View()
}

var benchSizes = []int{10000, 100000}

// BenchmarkDeskStartup: from an open store to the first frame of the queue.
func BenchmarkDeskStartup(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			st := benchStore(b, n)
			b.ResetTimer()
			for b.Loop() {
				a := New(benchCommon(st))
				frame(a, tea.WindowSizeMsg{Width: 120, Height: 40})
			}
		})
	}
}

// BenchmarkQueueKeys: keystroke to rendered frame in the queue.
func BenchmarkQueueKeys(b *testing.B) {
	for _, n := range benchSizes {
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
			b.Run(fmt.Sprintf("cases=%d/%s", n, tc.name), func(b *testing.B) {
				a := New(benchCommon(st))
				frame(a, tea.WindowSizeMsg{Width: 120, Height: 40})
				b.ResetTimer()
				for b.Loop() {
					for _, k := range tc.keys {
						frame(a, k)
					}
				}
			})
		}
		// Incremental search: each keystroke filters the whole queue.
		b.Run(fmt.Sprintf("cases=%d/search-keystroke", n), func(b *testing.B) {
			a := New(benchCommon(st))
			frame(a, tea.WindowSizeMsg{Width: 120, Height: 40})
			frame(a, keys("/")[0])
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
