package runner_test

import (
	"context"
	"testing"

	"baton/runner"
)

// BenchmarkLoopPassChoiceEvents is BenchmarkLoopPassChoice with the whole
// history read once the run ends, as `baton run --history` or a debugger
// reads it: what the compact history costs its reader.
func BenchmarkLoopPassChoiceEvents(b *testing.B) {
	m := loadBench(b, "loop-pass-choice")
	b.ReportAllocs()
	for b.Loop() {
		x := m.Start(context.Background(), map[string]any{"n": int64(100000)}, runner.WithHistoryLimit(0), runner.WithPayloadLimit(0))
		if r := x.Wait(); r.Status != runner.StatusSucceeded {
			b.Fatalf("%s: %s: %s", r.Status, r.Error, r.Cause)
		}
		if n := len(x.Events()); n != 400010 {
			b.Fatalf("%d events, want 400010", n)
		}
	}
}
