package runner_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"baton/model"
	"baton/runner"
)

// benchDir holds the shared benchmark workloads, beside the project.
const benchDir = "../../shared/bench"

func loadBench(b *testing.B, name string) *runner.Machine {
	b.Helper()
	path := filepath.Join(benchDir, name+".asl.json")
	src, err := os.ReadFile(path)
	if err != nil {
		b.Skip("no benchmark workloads at " + benchDir)
	}
	doc, err := model.Parse(path, src)
	if err != nil {
		b.Fatal(err)
	}
	m, err := runner.Compile(doc)
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// benchInc answers the task-mocked workload's Lambda as the peer's mock
// does: its input plus i1 = i + 1 and ok = true.
var benchInc = runner.TaskFunc(func(_ context.Context, req *runner.TaskRequest) (any, error) {
	in, _ := req.Input.(map[string]any)
	out := make(map[string]any, len(in)+2)
	for k, v := range in {
		out[k] = v
	}
	i, _ := in["i"].(int64)
	out["i1"] = i + 1
	out["ok"] = true
	return out, nil
})

// runBench runs the machine b.N times with the full history recorded and
// reports states entered per second.
func runBench(b *testing.B, m *runner.Machine, input any, opts ...runner.Option) {
	b.Helper()
	b.ReportAllocs()
	opts = append(opts, runner.WithHistoryLimit(0), runner.WithPayloadLimit(0))
	var x *runner.Execution
	for b.Loop() {
		x = m.Start(context.Background(), input, opts...)
		if r := x.Wait(); r.Status != runner.StatusSucceeded {
			b.Fatalf("%s: %s: %s", r.Status, r.Error, r.Cause)
		}
	}
	// Reading the history (Events) is a caller's choice, like --history;
	// the peer is measured without it too.
	if len(x.Events()) == 0 {
		b.Fatal("no history")
	}
	transitions := x.Transitions()
	b.ReportMetric(float64(transitions)*float64(b.N)/b.Elapsed().Seconds(), "states/s")
}

func BenchmarkLoopPassChoice(b *testing.B) {
	m := loadBench(b, "loop-pass-choice")
	runBench(b, m, map[string]any{"n": int64(100000)})
}

func BenchmarkMapInline(b *testing.B) {
	m := loadBench(b, "map-inline")
	tags := []string{"alpha", "beta", "gamma", "delta"}
	items := make([]any, 10000)
	for i := range items {
		items[i] = map[string]any{"id": fmt.Sprintf("item-%06d", i), "value": int64(i*37) % 101, "tag": tags[i%4]}
	}
	runBench(b, m, map[string]any{"items": items})
}

func BenchmarkParallelFanout(b *testing.B) {
	m := loadBench(b, "parallel-fanout")
	runBench(b, m, map[string]any{"k": int64(10000)})
}

func BenchmarkTaskMocked(b *testing.B) {
	m := loadBench(b, "task-mocked")
	in := map[string]any{"i": int64(0), "n": int64(10000), "meta": map[string]any{"source": "bench", "tags": []any{"a", "b", "c"}, "version": int64(3)}}
	runBench(b, m, in, runner.WithTasks(benchInc))
}

func BenchmarkPayloadHeavy(b *testing.B) {
	m := loadBench(b, "payload-heavy")
	runBench(b, m, payloadInput(3333, 200))
}

// payloadInput builds the payload-heavy input as gen-input.py does: a
// document of about kb KiB carried along n loop rounds.
func payloadInput(n, kb int) map[string]any {
	colors := []string{"red", "green", "blue", "black", "white"}
	var items []any
	size := 0
	for i := 0; size < kb*1024; i++ {
		item := map[string]any{
			"id":     fmt.Sprintf("sku-%07d", i),
			"name":   fmt.Sprintf("Product number %d with a moderately long name", i),
			"price":  float64((i*7919)%100000) / 100,
			"qty":    int64((i * 31) % 17),
			"active": i%3 != 0,
			"tags":   []any{fmt.Sprintf("t%d", i%11), fmt.Sprintf("t%d", i%13)},
			"attrs":  map[string]any{"color": colors[i%5], "size": "M", "weight": float64(i%50) + 0.5},
		}
		size += len(runner.MarshalJSON(item)) + 1
		items = append(items, item)
	}
	doc := map[string]any{"meta": map[string]any{"name": "payload-heavy", "kb": int64(kb), "lastSeen": nil}, "items": items}
	return map[string]any{"counter": map[string]any{"i": int64(0), "n": int64(n)}, "doc": doc}
}
