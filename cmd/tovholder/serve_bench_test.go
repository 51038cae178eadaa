package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"tovholder/db"
	"tovholder/internal/benchdata"
	"tovholder/model"
)

// BenchmarkServeSessions: N people at once on the desk over SSH (an in-Go
// client on loopback), on a 100,000-case queue. Each moves down the queue
// as a fast typist does (a key, the frame, 50 ms), while one after another
// opens a case and saves a journal note. While a save is on its way the
// others hold still, because the status line that shows it lasts only
// until their next key. It reports keystroke-to-frame
// latency (p50, p99) while saves go on, how long a save takes to show on
// every other desk (p50, max), and the server's memory (the Go heap at its
// largest, and the process's peak resident size). Targets at 50 sessions
// on this 2-core machine: p99 < 50 ms, < 500 MB, propagation < 1 s.
func BenchmarkServeSessions(b *testing.B) {
	for _, n := range []int{10, 50} {
		b.Run(fmt.Sprintf("sessions=%d/cases=100k", n), func(b *testing.B) {
			for b.Loop() {
				r := runSessions(b, n, 100000)
				b.ReportMetric(r.p50.Seconds()*1000, "key-p50-ms")
				b.ReportMetric(r.p99.Seconds()*1000, "key-p99-ms")
				b.ReportMetric(r.spreadP50.Seconds()*1000, "save-shown-p50-ms")
				b.ReportMetric(r.spreadMax.Seconds()*1000, "save-shown-max-ms")
				b.ReportMetric(float64(r.heapPeak)/(1<<20), "heap-peak-MiB")
				b.ReportMetric(float64(r.rss)/(1<<20), "rss-peak-MiB")
				b.ReportMetric(r.connect.Seconds()*1000, "all-connected-ms")
			}
		})
	}
}

type sessionResult struct {
	p50, p99, spreadP50, spreadMax, connect time.Duration
	heapPeak, rss                           uint64
}

func runSessions(b testing.TB, n, cases int) sessionResult {
	dir := b.TempDir()
	path := filepath.Join(dir, "serve.db")
	copyFile(b, benchdata.DB(b, cases), path) // streamed: the memory measured is the server's
	st, err := db.Open(path, db.Options{})
	if err != nil {
		b.Fatal(err)
	}
	keys := make([]ed25519.PrivateKey, n)
	for i := range keys {
		pub, priv, _ := ed25519.GenerateKey(rand.Reader)
		keys[i] = priv
		sp, _ := gossh.NewPublicKey(pub)
		k := db.Key{ID: keyID(sp), Fingerprint: gossh.FingerprintSHA256(sp)}
		if err := st.AddUser(model.Actor{Name: "bench", Role: model.Admin}, db.User{Name: benchUser(i), Role: model.Coordinator, Keys: []db.Key{k}}); err != nil {
			b.Fatal(err)
		}
	}
	_, hostKey, _ := ed25519.GenerateKey(rand.Reader)
	host, _ := gossh.NewSignerFromKey(hostKey)
	today := benchdata.Today.Time().Add(12 * time.Hour)
	srv, err := newServer(serverConfig{store: st, host: host, now: func() time.Time { return today }})
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go srv.Serve(ln)
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		st.Close()
	}()
	runtime.GC()
	stopSampling := sampleHeap()

	start := time.Now()
	sessions := make([]*benchSession, n)
	var wg sync.WaitGroup
	for i := range sessions {
		wg.Go(func() {
			sessions[i] = dialDesk(b, ln.Addr().String(), benchUser(i), keys[i])
			sessions[i].waitFor(b, 0, queueShown)
		})
	}
	wg.Wait()
	var r sessionResult
	r.connect = time.Since(start)
	defer func() {
		for _, s := range sessions {
			s.close()
		}
	}()

	// Everyone moves down the queue; meanwhile desks take turns saving a
	// note, and every other desk's status line must say so.
	var mu sync.Mutex
	var lat []time.Duration
	var saving atomicBool
	stop := make(chan struct{})
	var movers sync.WaitGroup
	for _, s := range sessions {
		movers.Go(func() {
			var mine []time.Duration
			for k := 0; ; k++ {
				select {
				case <-stop:
					mu.Lock()
					lat = append(lat, mine...)
					mu.Unlock()
					return
				default:
				}
				if s.busy.Load() || saving.Load() {
					time.Sleep(20 * time.Millisecond)
					continue
				}
				// Down, then up, and so on: every key moves the cursor, so
				// every key makes a frame (a key that changes nothing, such
				// as up on the first row, makes none to wait for).
				key := "j"
				if k%2 == 1 {
					key = "k"
				}
				if d, ok := s.keyToFrame(key); ok {
					mine = append(mine, d)
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	}
	// While a save is on its way to the others, they hold still: the
	// status line that says so lasts until their next key, which would
	// wipe it before it is drawn.
	var spread []time.Duration
	saves := min(n, 10)
	for j := 0; j < saves; j++ {
		saver := sessions[j*n/saves]
		saver.busy.Store(true)
		time.Sleep(100 * time.Millisecond) // let its last key's frame land
		marks := make([]int, n)
		for i, s := range sessions {
			marks[i] = s.shown()
		}
		at := saver.mark()
		saver.send("\r")
		saver.waitFor(b, at, "Sag K-") // the case view's title
		at = saver.mark()
		saver.send("n")
		saver.waitFor(b, at, "personoplysninger") // the note form's hint
		saver.send(fmt.Sprintf("benchmark-note %d", j))
		saving.Store(true)
		time.Sleep(100 * time.Millisecond) // their last keys' frames land
		for i, s := range sessions {
			marks[i] = s.shown()
		}
		sent := time.Now()
		saver.send("\x13") // ctrl+s
		want := benchUser(slices.Index(sessions, saver)) + " ændrede K-"
		var seen sync.WaitGroup
		var smu sync.Mutex
		for i, s := range sessions {
			if s == saver {
				continue
			}
			seen.Go(func() {
				s.waitFor(b, marks[i], want)
				d := time.Since(sent)
				smu.Lock()
				spread = append(spread, d)
				smu.Unlock()
			})
		}
		seen.Wait()
		saving.Store(false)
		time.Sleep(500 * time.Millisecond) // the others move on meanwhile
		at = saver.mark()
		saver.send("\x1b") // back to the queue
		saver.waitFor(b, at, queueShown)
		saver.busy.Store(false)
	}
	close(stop)
	movers.Wait()
	r.heapPeak = stopSampling()
	r.rss = peakRSS()
	slices.Sort(lat)
	slices.Sort(spread)
	if len(lat) == 0 || len(spread) == 0 {
		b.Fatal("no keystrokes or no saves measured")
	}
	r.p50, r.p99 = lat[len(lat)/2], lat[len(lat)*99/100]
	r.spreadP50, r.spreadMax = spread[len(spread)/2], spread[len(spread)-1]
	b.Logf("%d sessions: %d keystrokes, %d save sightings", n, len(lat), len(spread))
	return r
}

// queueShown is on the queue's help line: the queue is on the screen.
const queueShown = "enter åbn"

func benchUser(i int) string { return fmt.Sprintf("fs%02d", i) }

// sampleHeap samples the Go heap in use every 20 ms until the returned
// func is called, which returns the largest sample.
func sampleHeap() func() uint64 {
	done := make(chan uint64)
	quit := make(chan struct{})
	go func() {
		var peak uint64
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-quit:
				done <- peak
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() uint64 { close(quit); return <-done }
}

// peakRSS is the process's peak resident size (VmHWM), for the whole
// benchmark process: the server and its 50 clients.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		var kb uint64
		if _, err := fmt.Sscanf(line, "VmHWM: %d kB", &kb); err == nil {
			return kb << 10
		}
	}
	return 0
}

// benchSession is one SSH client on the desk: what the server has shown,
// stripped of escape sequences (the last 256 KB of it), and a token after
// every read.
type benchSession struct {
	name   string
	client *gossh.Client
	sess   *gossh.Session
	in     interface{ Write([]byte) (int, error) }
	mu     sync.Mutex
	text   []byte // the tail of everything shown
	carry  []byte // the start of a sequence or letter the last read cut
	base   int    // how much was shown before text
	reads  int
	// read is closed at the next read, and made anew: every waiter hears
	// every read (one token on a channel would wake only one of them).
	read chan struct{}
	busy atomicBool
}

type atomicBool struct {
	mu sync.Mutex
	v  bool
}

func (a *atomicBool) Load() bool   { a.mu.Lock(); defer a.mu.Unlock(); return a.v }
func (a *atomicBool) Store(v bool) { a.mu.Lock(); a.v = v; a.mu.Unlock() }

func dialDesk(tb testing.TB, addr, name string, key ed25519.PrivateKey) *benchSession {
	signer, err := gossh.NewSignerFromKey(key)
	if err != nil {
		tb.Fatal(err)
	}
	cl, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: name, Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 60 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	s, err := cl.NewSession()
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		tb.Fatal(err)
	}
	in, _ := s.StdinPipe()
	out, _ := s.StdoutPipe()
	bs := &benchSession{name: name, client: cl, sess: s, in: in, read: make(chan struct{})}
	if err := s.Shell(); err != nil {
		tb.Fatal(err)
	}
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := out.Read(buf)
			if n > 0 {
				shown := bs.strip(buf[:n])
				bs.mu.Lock()
				bs.text = append(bs.text, shown...)
				if len(bs.text) > 512<<10 {
					cut := len(bs.text) - 256<<10
					bs.base += cut
					bs.text = append(bs.text[:0], bs.text[cut:]...)
				}
				bs.reads++
				close(bs.read)
				bs.read = make(chan struct{})
				bs.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	return bs
}

// strip removes escape sequences from what arrived, keeping back an
// escape sequence or a letter cut in two by the read, for the next.
func (bs *benchSession) strip(b []byte) string {
	data := append(bs.carry, b...)
	cut := len(data)
	if i := bytes.LastIndexByte(data, 0x1b); i >= 0 && !sequenceEnds(data[i:]) {
		cut = i
	}
	for k := 1; k <= 3 && k <= cut; k++ { // a letter of several bytes, cut
		if c := data[cut-k]; c >= 0xc0 {
			if !utf8.FullRune(data[cut-k : cut]) {
				cut -= k
			}
			break
		} else if c < 0x80 {
			break
		}
	}
	bs.carry = append([]byte(nil), data[cut:]...)
	return ansi.Strip(string(data[:cut]))
}

// sequenceEnds says whether an escape sequence (from its ESC) is whole.
func sequenceEnds(seq []byte) bool {
	if len(seq) < 2 {
		return false
	}
	if seq[1] != '[' {
		return true // ESC and one more: enough for what the desk writes
	}
	for _, c := range seq[2:] {
		if c >= 0x40 && c <= 0x7e {
			return true
		}
	}
	return false
}

func (bs *benchSession) send(s string) {
	bs.in.Write([]byte(s))
}

// mark is where the shown text ends now: waitFor looks after it.
func (bs *benchSession) mark() int { return bs.shown() }

func (bs *benchSession) shown() int {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	return bs.base + len(bs.text)
}

// waitFor waits until what is shown after from holds s; it returns where
// s ends.
func (bs *benchSession) waitFor(tb testing.TB, from int, s string) int {
	deadline := time.After(waitLimit)
	for {
		bs.mu.Lock()
		rel := max(from-bs.base, 0)
		i := -1
		if rel <= len(bs.text) {
			i = strings.Index(string(bs.text[rel:]), s)
		}
		next := bs.read
		bs.mu.Unlock()
		if i >= 0 {
			return from + i + len(s)
		}
		select {
		case <-next:
		case <-deadline:
			bs.mu.Lock()
			tail := string(bs.text[max(0, len(bs.text)-300):])
			bs.mu.Unlock()
			tb.Errorf("%s: %q never showed; the screen ends %q", bs.name, s, tail)
			return from
		}
	}
}

// keyToFrame sends a key and waits for the next read from the server:
// the frame the key made.
func (bs *benchSession) keyToFrame(key string) (time.Duration, bool) {
	bs.mu.Lock()
	next := bs.read
	bs.mu.Unlock()
	start := time.Now()
	bs.send(key)
	select {
	case <-next:
		return time.Since(start), true
	case <-time.After(10 * time.Second):
		return 0, false
	}
}

func (bs *benchSession) close() {
	bs.sess.Close()
	bs.client.Close()
}

// waitLimit bounds a wait for the screen in the benchmark.
var waitLimit = 60 * time.Second

func copyFile(tb testing.TB, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o600)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}
