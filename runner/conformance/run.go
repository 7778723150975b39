package conformance

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"baton/model"
	"baton/runner"
)

// Options tune a conformance run.
type Options struct {
	// Timeout bounds one case in real time (default 30 s).
	Timeout time.Duration
	// Workers is how many cases run at once (default GOMAXPROCS).
	Workers int
}

// Outcome is the verdict on one case.
type Outcome struct {
	Case *Case
	// Pass is true when status, output, error and cause match.
	Pass   bool
	Reason string
	// HistoryChecked is true when the case has a recorded history;
	// HistoryMatch then says whether the event types match, and
	// HistoryReason where they differ.
	HistoryChecked, HistoryMatch bool
	HistoryReason                string
	// PrevIDMatch is whether every previousEventId matched too.
	PrevIDMatch bool
	Result      runner.Result
	Events      []*runner.Event
}

// The account and region the recordings were normalised to.
const (
	recordedAccount = "111111111111"
	recordedRegion  = "us-east-1"
)

// Run executes one case and compares it with its recording.
func Run(ctx context.Context, c *Case, opts Options) *Outcome {
	o := &Outcome{Case: c}
	if opts.Timeout == 0 {
		opts.Timeout = 30 * time.Second
	}
	doc, err := model.Parse(c.ID+"/definition.asl.json", c.Definition)
	if err != nil {
		o.Reason = "definition does not parse: " + err.Error()
		return o
	}
	m, err := runner.Compile(doc)
	if err != nil {
		o.Reason = "definition does not compile: " + err.Error()
		return o
	}
	runOpts := []runner.Option{
		runner.WithContext(runner.ContextInfo{Account: recordedAccount, Region: recordedRegion, Express: c.Meta.StateMachineType == "EXPRESS", Synchronous: c.Meta.ResultKind == "start_sync_execution"}),
		runner.WithSeed(1),
		runner.WithMaxTransitions(100000),
	}
	if c.Mocks != nil {
		h, err := c.Mocks.Handler("Recorded", "Recorded")
		if err != nil {
			o.Reason = "mocks: " + err.Error()
			return o
		}
		runOpts = append(runOpts, runner.WithTasks(h))
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	x := m.Start(ctx, c.Input, runOpts...)
	o.Result = x.Wait()
	o.Events = x.Events()
	if ctx.Err() != nil && o.Result.Status == runner.StatusAborted {
		o.Reason = fmt.Sprintf("did not finish within %v", opts.Timeout)
		return o
	}
	o.Reason = compareResult(c, o.Result)
	o.Pass = o.Reason == ""
	if c.History != nil {
		o.HistoryChecked = true
		o.HistoryReason = compareHistory(c, o.Events)
		o.HistoryMatch = o.HistoryReason == ""
		o.PrevIDMatch = o.HistoryMatch && prevIDsMatch(c, o.Events)
	}
	return o
}

func compareResult(c *Case, r runner.Result) string {
	m := newMatcher(c)
	want := c.Expected
	if string(r.Status) != want.Status {
		msg := fmt.Sprintf("status %s, want %s", r.Status, want.Status)
		if r.Status != runner.StatusSucceeded {
			msg += fmt.Sprintf(" (%s: %s)", r.Error, shorten(r.Cause))
		} else if want.Error != nil {
			msg += fmt.Sprintf(" (want %s)", *want.Error)
		}
		return msg
	}
	if want.Status == "SUCCEEDED" {
		if d := m.match(normalize(r.Output), want.Output, ""); d != "" {
			return "output differs " + d
		}
		return ""
	}
	if d := compareText("error", r.Error, want.Error, m); d != "" {
		return d
	}
	return compareText("cause", r.Cause, want.Cause, m)
}

func compareText(field, got string, want *string, m *matcher) string {
	if want == nil {
		if got != "" {
			return fmt.Sprintf("%s %q, want none", field, shorten(got))
		}
		return ""
	}
	g, _ := normalize(got).(string)
	if !m.matchString(g, *want) {
		return fmt.Sprintf("%s %q, want %q", field, shorten(got), shorten(*want))
	}
	return ""
}

func shorten(s string) string {
	if len(s) > 200 {
		return s[:197] + "..."
	}
	return s
}

func prevIDsMatch(c *Case, events []*runner.Event) bool {
	if c.Meta.HasFlag("parallel_events_normalised") || c.Meta.HasFlag("history_ids_normalised") || len(events) != len(c.History) {
		return false
	}
	for i, e := range events {
		if e.PreviousEventID != c.History[i].PreviousEventID || e.ID != c.History[i].ID {
			return false
		}
	}
	return true
}

// RunAll runs cases in parallel and returns their outcomes in order.
func RunAll(ctx context.Context, cases []*Case, opts Options) []*Outcome {
	out := make([]*Outcome, len(cases))
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = Run(ctx, cases[i], opts)
			}
		}()
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
