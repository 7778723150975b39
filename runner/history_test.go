package runner_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"baton/model"
	"baton/runner"
)

func init() {
	// Other test files of the module may register -update too.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestMarshalHistory_golden runs the example saga's test cases and pins
// their whole history, as `baton run --history` writes it.
func TestMarshalHistory_golden(t *testing.T) {
	const dir = "../testdata/examples"
	src, err := os.ReadFile(filepath.Join(dir, "order-saga.asl.json"))
	if err != nil {
		t.Skip("no example saga")
	}
	doc, err := model.Parse("order-saga.asl.json", src)
	if err != nil {
		t.Fatal(err)
	}
	m, err := runner.Compile(doc)
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.ReadFile(filepath.Join(dir, "order-saga.input.json"))
	if err != nil {
		t.Fatal(err)
	}
	cfgSrc, err := os.ReadFile(filepath.Join(dir, "order-saga.mocks.json"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := runner.ParseMockConfig(cfgSrc)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []string{"HappyPath", "PaymentFails"} {
		t.Run(tc, func(t *testing.T) {
			h, err := cfg.Handler("OrderSaga", tc)
			if err != nil {
				t.Fatal(err)
			}
			_, events := m.Run(context.Background(), parse(t, string(in)),
				runner.WithTasks(h), runner.WithClock(runner.VirtualClock(fixedStart)), runner.WithExecutionName("golden"), runner.WithSeed(1))
			got, err := runner.MarshalHistory(events)
			if err != nil {
				t.Fatal(err)
			}
			// An execution writes the same, an event at a time (with a
			// handler of its own: mocks count their calls).
			h2, err := cfg.Handler("OrderSaga", tc)
			if err != nil {
				t.Fatal(err)
			}
			x := m.Start(context.Background(), parse(t, string(in)),
				runner.WithTasks(h2), runner.WithClock(runner.VirtualClock(fixedStart)), runner.WithExecutionName("golden"), runner.WithSeed(1))
			x.Wait()
			var streamed bytes.Buffer
			if err := x.WriteHistory(&streamed); err != nil || !bytes.Equal(streamed.Bytes(), got) {
				t.Errorf("Execution.WriteHistory differs from MarshalHistory (%v):\n%s", err, streamed.Bytes())
			}
			golden := filepath.Join("testdata", "order-saga."+tc+".history.json")
			if updating() {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(append(got, '\n'), want) {
				t.Errorf("history differs from %s (run with -update after checking the change):\n%s", golden, got)
			}
		})
	}
}

// TestWriteHistory_indent pins WriteHistory to what encoding/json's
// MarshalIndent writes for {"events": events}: HTML characters escaped,
// empty and missing lists.
func TestWriteHistory_indent(t *testing.T) {
	s := "a<b>&c\u2028d"
	evs := []*runner.Event{
		{ID: 1, Timestamp: time.Unix(0, 0).UTC(), Type: "ExecutionStarted", Details: &runner.ExecutionStartedEventDetails{
			Input: runner.JSONData{Value: map[string]any{"h": "<x>&", "u": "\u2028\u2029", "n": []any{}, "o": map[string]any{}}}, InputDetails: &runner.DataDetails{}}},
		{ID: 2, PreviousEventID: 1, Timestamp: time.Unix(5, 6).UTC(), Type: "TaskFailed", Details: &runner.TaskFailureEventDetails{Error: &s, Cause: &s}},
		{ID: 3, PreviousEventID: 2, Timestamp: time.Unix(5, 6).UTC(), Type: "PassStateEntered"},
	}
	for _, es := range [][]*runner.Event{evs, evs[:1], {}, nil} {
		want, err := json.MarshalIndent(struct {
			Events []*runner.Event `json:"events"`
		}{es}, "", "    ")
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := runner.WriteHistory(&got, es); err != nil || !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%d events: got (%v)\n%s\nwant\n%s", len(es), err, got.Bytes(), want)
		}
	}
}
