package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"
)

// progress draws a bar on standard error while a long import or export
// runs: only when standard error is a terminal (never into a file, a pipe
// or a log), and only once the work has taken a second, so that a short
// run prints nothing.
type progress struct {
	w     io.Writer
	label string
	unit  string           // "bytes" or a noun such as "cases"
	total func() int64     // how much there is; called once, when the bar first shows
	width func() int       // the terminal's width
	now   func() time.Time // the clock
	tick  time.Duration    // how often the bar is redrawn
	delay time.Duration    // how long the work runs before the bar shows
	done  atomic.Int64     // how far the work has come
	phase atomic.Pointer[string]
	stop  chan struct{}
	wg    sync.WaitGroup
	start time.Time
	max   int64 // total(), once known
	shown bool  // something was drawn, to be cleared at the end
}

// startProgress starts a bar on w, if w is a terminal; otherwise it
// returns a progress that only counts.
func startProgress(w io.Writer, label, unit string, total func() int64) *progress {
	p := newProgress(w, label, unit, total)
	if f, ok := w.(*os.File); ok && term.IsTerminal(f.Fd()) {
		p.width = func() int {
			if cols, _, err := term.GetSize(f.Fd()); err == nil && cols > 0 {
				return cols
			}
			return 80
		}
		p.run()
	}
	return p
}

func newProgress(w io.Writer, label, unit string, total func() int64) *progress {
	return &progress{w: w, label: label, unit: unit, total: total, width: func() int { return 80 },
		now: time.Now, tick: 200 * time.Millisecond, delay: time.Second}
}

// Set says how far the work has come (safe from any goroutine).
func (p *progress) Set(n int64) { p.done.Store(n) }

// Add counts n more done.
func (p *progress) Add(n int64) { p.done.Add(n) }

// Phase names what the work is doing now, when it is no longer what the
// bar counts (e.g. writing the database once the file is read).
func (p *progress) Phase(s string) { p.phase.Store(&s) }

// run redraws the bar every tick from delay on, until Stop.
func (p *progress) run() {
	p.start = p.now()
	p.stop = make(chan struct{})
	p.wg.Go(func() {
		t := time.NewTicker(p.tick)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				if p.now().Sub(p.start) >= p.delay {
					p.draw()
				}
			}
		}
	})
}

// draw writes the bar over the line it wrote last.
func (p *progress) draw() {
	if !p.shown {
		p.max = p.total()
	}
	phase := ""
	if s := p.phase.Load(); s != nil {
		phase = *s
	}
	line := renderProgress(p.label, phase, p.unit, p.done.Load(), p.max, p.now().Sub(p.start), p.width())
	fmt.Fprint(p.w, "\r"+line+"\x1b[K")
	p.shown = true
}

// Stop ends the bar and clears its line, if one was drawn.
func (p *progress) Stop() {
	if p.stop != nil {
		close(p.stop)
		p.wg.Wait()
		p.stop = nil
	}
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// renderProgress is one line of the bar, at most width-1 columns (a
// terminal may wrap a line that fills the last one):
//
//	import  [################........................]   41 %  85/207 MB  0:04 left
//
// With no total (0) it shows only how much is done; with a phase, the
// phase instead of the time left. When the line is narrow, the time left
// goes first, then the amount, then the bar.
func renderProgress(label, phase, unit string, done, total int64, elapsed time.Duration, width int) string {
	room := width - 1
	frac := 0.0
	parts := []string{label}
	if total > 0 {
		frac = min(1, max(0, float64(done)/float64(total)))
		parts = append(parts, fmt.Sprintf("%3d %%", int(frac*100)))
	}
	parts = append(parts, formatAmount(done, total, unit))
	switch {
	case phase != "":
		parts = append(parts, phase)
	case total > 0 && done > 0 && frac < 1:
		parts = append(parts, formatClock(time.Duration(float64(elapsed)*(1-frac)/frac))+" left")
	default:
		parts = append(parts, formatClock(elapsed))
	}
	for len(parts) > 2 && utf8.RuneCountInString(strings.Join(parts, "  ")) > room {
		parts = parts[:len(parts)-1]
	}
	line := strings.Join(parts, "  ")
	if n := min(40, room-utf8.RuneCountInString(line)-4); total > 0 && n >= 5 {
		fill := int(frac * float64(n))
		bar := "[" + strings.Repeat("#", fill) + strings.Repeat(".", n-fill) + "]"
		line = label + "  " + bar + strings.TrimPrefix(line, label)
	}
	if r := []rune(line); len(r) > room {
		line = string(r[:max(room, 0)])
	}
	return line
}

// formatAmount is how much is done, of how much when the total is known:
// "85/207 MB" (the unit that suits the total), "250000/1000000 cases".
func formatAmount(done, total int64, unit string) string {
	if unit != "bytes" {
		if total > 0 {
			return fmt.Sprintf("%d/%d %s", done, total, unit)
		}
		return fmt.Sprintf("%d %s", done, unit)
	}
	of := max(total, done)
	name, div := "B", int64(1)
	switch {
	case of >= 10<<30:
		name, div = "GB", 1e9
	case of >= 10<<20:
		name, div = "MB", 1e6
	case of >= 10<<10:
		name, div = "kB", 1e3
	}
	if total <= 0 || done == total {
		return fmt.Sprintf("%d %s", done/div, name)
	}
	return fmt.Sprintf("%d/%d %s", done/div, total/div, name)
}

func formatClock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
