package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Not a terminal (a buffer, a file, a pipe): nothing is drawn, however
// long the work takes.
func TestProgressNotATerminal(t *testing.T) {
	var buf bytes.Buffer
	p := startProgress(&buf, "import", "bytes", func() int64 { return 100 })
	p.Set(50)
	p.Stop()
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	q := startProgress(f, "export", "cases", func() int64 { t.Error("the total was asked for"); return 0 })
	if q.stop != nil {
		t.Error("a bar runs on a file")
	}
	q.Add(10)
	q.Stop()
	if fi, _ := f.Stat(); buf.Len() != 0 || fi.Size() != 0 {
		t.Errorf("wrote %q and %d bytes to a file", buf.String(), fi.Size())
	}
}

// A short run draws nothing: the bar waits for its delay.
func TestProgressShortRun(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, "import", "bytes", func() int64 { return 100 })
	p.delay, p.tick = time.Hour, time.Millisecond
	p.run()
	time.Sleep(20 * time.Millisecond) // several ticks, all before the delay
	p.Stop()
	if buf.Len() != 0 {
		t.Errorf("a short run drew %q", buf.String())
	}
}

// Each draw goes over the line drawn before; Stop clears it.
func TestProgressDrawAndClear(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	totals := 0
	p := newProgress(&buf, "export", "cases", func() int64 { totals++; return 1000 })
	p.now = func() time.Time { return clock }
	p.start = clock
	p.Add(250)
	clock = clock.Add(2 * time.Second)
	p.draw()
	p.Add(250)
	clock = clock.Add(2 * time.Second)
	p.draw()
	p.Stop()
	want := "\r" + renderProgress("export", "", "cases", 250, 1000, 2*time.Second, 80) + "\x1b[K" +
		"\r" + renderProgress("export", "", "cases", 500, 1000, 4*time.Second, 80) + "\x1b[K" + "\r\x1b[K"
	if buf.String() != want {
		t.Errorf("drew %q\nwant %q", buf.String(), want)
	}
	if totals != 1 {
		t.Errorf("the total was asked for %d times, want once", totals)
	}
}

func TestRenderProgress(t *testing.T) {
	tests := []struct {
		name, phase, unit string
		done, total       int64
		elapsed           time.Duration
		width             int
		want              string
	}{
		{"bytes", "", "bytes", 85e6, 207e6, 3 * time.Second, 80,
			"import  [################........................]   41 %  85/207 MB  0:04 left"},
		{"cases", "", "cases", 250000, 1000000, 10 * time.Second, 80,
			"import  [#######......................]   25 %  250000/1000000 cases  0:30 left"},
		{"done", "", "cases", 10, 10, 90 * time.Second, 80,
			"import  [########################################]  100 %  10/10 cases  1:30"},
		{"phase", "writing the database", "bytes", 207e6, 207e6, 5 * time.Second, 80,
			"import  [################################]  100 %  207 MB  writing the database"},
		{"no total", "", "cases", 1234, 0, time.Hour + 2*time.Second, 80,
			"import  1234 cases  1:00:02"},
		{"narrow: the time left goes first", "", "bytes", 1, 2, time.Second, 30,
			"import  [##...]   50 %  1/2 B"},
		{"very narrow: cut", "", "bytes", 1, 2, time.Second, 12,
			"import   50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderProgress("import", tt.phase, tt.unit, tt.done, tt.total, tt.elapsed, tt.width)
			if got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > tt.width-1 {
				t.Errorf("%d columns in a width of %d", n, tt.width)
			}
			if strings.ContainsAny(got, "\r\n\x1b") {
				t.Errorf("control characters in %q", got)
			}
		})
	}
}
