package runner_test

import (
	"context"
	"testing"

	"baton/runner"
)

// BenchmarkDebugSession compares a debug session without breakpoints
// with a plain run of the same workload (the budget: 1.3× at most).
func BenchmarkDebugSession(b *testing.B) {
	workloads := []struct {
		name  string
		input any
		opts  []runner.Option
	}{
		{"loop-pass-choice", map[string]any{"n": int64(100000)}, nil},
		{"task-mocked", map[string]any{"i": int64(0), "n": int64(10000), "meta": map[string]any{"source": "bench", "tags": []any{"a", "b", "c"}, "version": int64(3)}},
			[]runner.Option{runner.WithTasks(benchInc)}},
	}
	for _, w := range workloads {
		m := loadBench(b, w.name)
		b.Run(w.name+"/plain", func(b *testing.B) { runBench(b, m, w.input, w.opts...) })
		b.Run(w.name+"/debug", func(b *testing.B) {
			b.ReportAllocs()
			opts := append([]runner.Option{runner.WithHistoryLimit(0), runner.WithPayloadLimit(0)}, w.opts...)
			for b.Loop() {
				s := runner.NewDebugSession(m, w.input, runner.DebugConfig{Options: opts})
				if err := s.Continue(); err != nil {
					b.Fatal(err)
				}
				if st, err := s.Next(context.Background()); st != nil || err != nil {
					b.Fatalf("stopped at %v (%v)", st, err)
				}
				if r := s.Result(); r.Status != runner.StatusSucceeded {
					b.Fatalf("%s: %s: %s", r.Status, r.Error, r.Cause)
				}
			}
		})
	}
}
