package app

import (
	"bytes"
	"context"
	"strconv"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baton/cloud"
	"baton/model"
	"baton/runner"
)

// bigMapDefinition runs a Task in every iteration of a Map (7 events an
// iteration), then two Pass states: with 3,570 items its history has
// exactly 25,000 events, AWS's maximum.
const bigMapDefinition = `{
  "StartAt": "Each",
  "States": {
    "Each": {
      "Type": "Map",
      "ItemsPath": "$.items",
      "ItemProcessor": {
        "ProcessorConfig": {"Mode": "INLINE"},
        "StartAt": "Work",
        "States": {
          "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "work", "Payload.$": "$"}, "End": true}
        }
      },
      "ResultPath": null,
      "Next": "Tally"
    },
    "Tally": {"Type": "Pass", "Next": "Done"},
    "Done": {"Type": "Pass", "End": true}
  }
}`

// bigHistory runs bigMapDefinition over items items locally and returns
// the definition and its history file (the AWS CLI's format).
func bigHistory(b *testing.B, items int) (*model.Document, []byte) {
	b.Helper()
	doc, err := model.Parse("big.asl.json", []byte(bigMapDefinition))
	if err != nil {
		b.Fatal(err)
	}
	m, err := runner.Compile(doc)
	if err != nil {
		b.Fatal(err)
	}
	list := make([]any, items)
	for i := range list {
		list[i] = map[string]any{"sku": "SKU-" + strconv.Itoa(i), "quantity": int64(i%5 + 1)}
	}
	work := runner.TaskFunc(func(_ context.Context, req *runner.TaskRequest) (any, error) {
		return map[string]any{"StatusCode": int64(200), "Payload": map[string]any{"reserved": true}}, nil
	})
	x := m.Start(context.Background(), map[string]any{"items": list}, runner.WithTasks(runner.Handlers{work}), runner.WithHistoryLimit(0))
	if res := x.Wait(); res.Status != "SUCCEEDED" {
		b.Fatalf("the generated run ended %s", res.Status)
	}
	var file bytes.Buffer
	if err := cloud.SaveHistory(&file, toHistory(b, x.Events())); err != nil {
		b.Fatal(err)
	}
	return doc, file.Bytes()
}

// toHistory converts a local run's events into history events, through
// the JSON that `baton run --history` writes.
func toHistory(b *testing.B, events []*runner.Event) []cloud.HistoryEvent {
	b.Helper()
	data, err := runner.MarshalHistory(events)
	if err != nil {
		b.Fatal(err)
	}
	out, err := cloud.LoadHistory(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkReplay_open25000 is what opening a 25,000-event history file
// costs until its replay is on screen: reading the file, the replay
// model (outcomes, scopes), the replay view (canvas, timeline, inspector
// at the last event) and the first frame of the window painted
// (budget: 1 s).
func BenchmarkReplay_open25000(b *testing.B) {
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	doc, file := bigHistory(b, 3570)
	a := test.NewTempApp(b)
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		events, err := cloud.LoadHistory(bytes.NewReader(file))
		if err != nil || len(events) != 25000 {
			b.Fatalf("%d events: %v", len(events), err)
		}
		v := newReplayView(a, "big.history.json", doc, nil, events, "")
		w := a.NewWindow("replay")
		w.SetContent(v.content())
		w.Resize(fyne.NewSize(1280, 800))
		w.Canvas().Capture()
		if v.tl.count.Text != "25000 / 25000" || v.panel.title.Text != "#25000  ExecutionSucceeded" {
			b.Fatalf("the replay shows %q, %q", v.tl.count.Text, v.panel.title.Text)
		}
		b.StopTimer()
		w.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64((processCPU()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkReplay_scrub25000 is one move of the scrubber in a
// 25,000-event replay: the outcomes of every state at that event, the
// canvas colours and the inspector (budget: one frame, 16 ms).
func BenchmarkReplay_scrub25000(b *testing.B) {
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	doc, file := bigHistory(b, 3570)
	a := test.NewTempApp(b)
	events, err := cloud.LoadHistory(bytes.NewReader(file))
	if err != nil {
		b.Fatal(err)
	}
	v := newReplayView(a, "big.history.json", doc, nil, events, "")
	w := a.NewWindow("replay")
	w.SetContent(v.content())
	w.Resize(fyne.NewSize(1280, 800))
	b.ReportAllocs()
	cpu := processCPU()
	i := 0
	for b.Loop() {
		i = (i + 7919) % len(events)
		v.tl.slider.SetValue(float64(i))
	}
	b.ReportMetric(float64((processCPU()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	if v.step != i {
		b.Fatalf("at %d, want %d", v.step, i)
	}
}

// processCPU is the CPU time (user and system) the test process has used:
// the machines benchmarks run on are often shared, which makes wall time
// noisy, so the CPU time is reported beside it (GC workers included).
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
