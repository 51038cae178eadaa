package main

import (
	"bytes"
	"os/exec"
	"testing"
	"time"
	"tovholder/internal/benchdata"
)

// BenchmarkDeskFirstFrame: from starting the desk process to its first
// drawn queue, the wait a user has after typing `tovholder`. Output goes
// to a pipe; the frame counts as drawn once its row count ("1–…") is out.
func BenchmarkDeskFirstFrame(b *testing.B) {
	for _, size := range benchdata.Sizes(false) {
		b.Run("cases="+size.Name, func(b *testing.B) {
			path := benchdata.DB(b, size.N)
			bin := procBenchBinary(b)
			var total time.Duration
			for b.Loop() {
				total += firstFrame(b, bin, "--db", path, "--today", "2026-11-25")
			}
			b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/first-frame")
		})
	}
}

func firstFrame(b *testing.B, bin string, args ...string) time.Duration {
	b.Helper()
	cmd := exec.Command(bin, args...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() }()
	drawn := make(chan error, 1)
	var seen bytes.Buffer
	go func() {
		buf := make([]byte, 64<<10)
		for !bytes.Contains(seen.Bytes(), []byte(" af ")) {
			n, err := out.Read(buf)
			seen.Write(buf[:n])
			if err != nil {
				drawn <- err
				return
			}
		}
		drawn <- nil
	}()
	select {
	case err := <-drawn:
		if err != nil {
			b.Fatalf("the desk ended before its first frame: %v\n%s", err, seen.String())
		}
	case <-time.After(10 * time.Second):
		b.Fatal("no first frame after 10 s")
	}
	return time.Since(start)
}
