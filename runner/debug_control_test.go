package runner_test

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"baton/runner"
)

const napDef = `{"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":3600,"Next":"Done"},"Done":{"Type":"Pass","End":true}}}`

func TestDebugSession_waits(t *testing.T) {
	tests := []struct {
		name    string
		cmds    []string
		want    []string
		elapsed time.Duration // virtual time at the end
	}{
		{"continue waits the hour", []string{"c", "c"}, []string{"Nap before wait", "end {}"}, time.Hour},
		{"skip ends the wait", []string{"c", "skip", "c"}, []string{"Nap before wait", "Nap after step", "end {}"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, napDef, `{}`, nil)
			s.BreakOnWaits(true)
			got := drive(t, s, tt.cmds[:1]...)
			w := s.Current().Wait
			if w == nil || w.Retry || w.Duration != time.Hour || w.Remaining != time.Hour || !w.Until.Equal(fixedStart.Add(time.Hour)) {
				t.Fatalf("wait: %+v", w)
			}
			got = append(got, drive(t, s, tt.cmds[1:]...)...)
			sameLines(t, got, tt.want)
			events := s.Events()
			if end := events[len(events)-1].Timestamp; !end.Equal(fixedStart.Add(tt.elapsed)) {
				t.Errorf("ended at %v, want %v", end, fixedStart.Add(tt.elapsed))
			}
		})
	}
}

func TestDebugSession_retryDelay(t *testing.T) {
	s := newSession(t, retryDef, `{}`, retryTasks)
	s.BreakOnWaits(true)
	sameLines(t, drive(t, s, "c"), []string{"Call before wait"})
	st := s.Current()
	// In a retry delay, RetryCount is the retry the delay leads to.
	if w := st.Wait; w == nil || !w.Retry || w.Duration != 3*time.Second || st.RetryCount != 1 {
		t.Fatalf("retry wait: %+v, retry count %d", w, st.RetryCount)
	}
	sameLines(t, drive(t, s, "c"), []string{"Call before wait"})
	if st := s.Current(); st.Wait.Duration != 6*time.Second || st.RetryCount != 2 {
		t.Errorf("second retry wait: %+v, retry count %d", st.Wait, st.RetryCount)
	}
}

// realNap is a Wait of a day on the real clock.
const realNap = `{"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":86400,"Next":"Done"},"Done":{"Type":"Pass","End":true}}}`

func realSession(t *testing.T, def string) *runner.DebugSession {
	s := runner.NewDebugSession(compile(t, def), map[string]any{}, runner.DebugConfig{Options: []runner.Option{runner.WithClock(runner.RealClock())}})
	t.Cleanup(s.Close)
	return s
}

// TestDebugSession_pauseDuringWait pauses a day-long Wait on the real
// clock: the session stops in it, and Skip ends it.
func TestDebugSession_pauseDuringWait(t *testing.T) {
	s := realSession(t, realNap)
	s.SetBreakpoint(runner.Breakpoint{State: "Nap"})
	sameLines(t, drive(t, s, "c"), []string{"Nap before breakpoint"})
	if err := s.Continue(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := s.Pause(); err != nil {
		t.Fatal(err)
	}
	st := waitNext(t, s)
	t.Logf("pause during a Wait stopped in %v", time.Since(start))
	if st == nil || st.Reason != runner.ReasonPause || st.Wait == nil || st.Wait.Duration != 24*time.Hour || st.Wait.Remaining <= 23*time.Hour {
		t.Fatalf("stop: %+v", st)
	}
	sameLines(t, drive(t, s, "skip", "c"), []string{"Nap after step", "end {}"})
}

// TestDebugSession_stopDuringWait stops a session in a day-long Wait on
// the real clock.
func TestDebugSession_stopDuringWait(t *testing.T) {
	s := realSession(t, realNap)
	s.BreakOnWaits(true)
	sameLines(t, drive(t, s, "c"), []string{"Nap before wait"})
	if err := s.Continue(); err != nil {
		t.Fatal(err)
	}
	d, res := timedStop(t, s)
	t.Logf("stop during a Wait returned in %v", d)
	if res.Status != runner.StatusAborted {
		t.Errorf("result: %+v", res)
	}
}

// timedStop stops the session and measures how long Stop takes to
// return; it fails the test if Stop does not return within 10 s.
func timedStop(t *testing.T, s *runner.DebugSession) (time.Duration, runner.Result) {
	t.Helper()
	done := make(chan runner.Result, 1)
	start := time.Now()
	go func() { done <- s.Stop() }()
	timeout := time.NewTimer(10 * time.Second)
	defer timeout.Stop()
	select {
	case res := <-done:
		return time.Since(start), res
	case <-timeout.C:
		t.Fatal("Stop did not return")
		return 0, runner.Result{}
	}
}

// loopDef counts to n: two states per round.
const loopDef = `{"StartAt":"Incr","States":{
 "Incr":{"Type":"Pass","Parameters":{"i.$":"States.MathAdd($.i, 1)","n.$":"$.n"},"Next":"Test"},
 "Test":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericLessThanPath":"$.n","Next":"Incr"}],"Default":"Done"},
 "Done":{"Type":"Succeed"}}}`

// TestDebugSession_longLoop pauses and stops a loop of 1,000,000
// transitions while it runs.
func TestDebugSession_longLoop(t *testing.T) {
	m := compile(t, loopDef)
	s := runner.NewDebugSession(m, map[string]any{"i": int64(0), "n": int64(500000)}, runner.DebugConfig{Options: append(debugOpts(), runner.WithHistoryLimit(0))})
	t.Cleanup(s.Close)
	if err := s.Continue(); err != nil {
		t.Fatal(err)
	}
	runUntil(t, s, 100000)
	start := time.Now()
	if err := s.Pause(); err != nil {
		t.Fatal(err)
	}
	st := waitNext(t, s)
	t.Logf("pause stopped the loop in %v, at transition %d", time.Since(start), s.Execution().Transitions())
	if st == nil || st.Reason != runner.ReasonPause {
		t.Fatalf("stop: %+v", st)
	}
	if err := s.Continue(); err != nil {
		t.Fatal(err)
	}
	runUntil(t, s, 150000)
	d, res := timedStop(t, s)
	n := s.Execution().Transitions()
	t.Logf("stop of the loop returned in %v, after %d of 1000001 transitions", d, n)
	if res.Status != runner.StatusAborted || n >= 1000001 {
		t.Errorf("result %+v after %d transitions", res, n)
	}
}

func TestDebugSession_restart(t *testing.T) {
	s := newSession(t, retryDef, `{}`, retryTasks)
	s.BreakOnError(runner.ErrorBreak{Name: "Custom.Error"})
	sameLines(t, drive(t, s, "c"), []string{"Call after error Custom.Error"})
	first := s.Current()
	s.Restart()
	if s.Execution() != nil || s.Current() != nil {
		t.Fatal("a restarted session is not unstarted")
	}
	if _, err := s.Next(context.Background()); !errors.Is(err, runner.ErrDebugNotStarted) {
		t.Errorf("Next after Restart: %v", err)
	}
	// The mocks start over: the same failure comes on the same call.
	sameLines(t, drive(t, s, "c", "c"), []string{"Call after error Custom.Error", `end {"Cause":"bad","Error":"Custom.Error"}`})
	if first.Run != 1 || first.Seq != 1 {
		t.Errorf("first stop: run %d seq %d", first.Run, first.Seq)
	}
}

func TestDebugSession_commandErrors(t *testing.T) {
	s := newSession(t, callbackDef, `{}`, nil)
	if err := s.Pause(); !errors.Is(err, runner.ErrDebugNotRunning) {
		t.Errorf("Pause before start: %v", err)
	}
	if err := s.SendSuccess(1); !errors.Is(err, runner.ErrDebugNotStarted) {
		t.Errorf("send before start: %v", err)
	}
	if _, err := s.SetInput(1); !errors.Is(err, runner.ErrDebugNotStarted) {
		t.Errorf("SetInput before start: %v", err)
	}
	if res := s.Stop(); res.Status != "" {
		t.Errorf("Stop before start: %+v", res)
	}
	drive(t, s, "c") // stops at the callback
	if err := s.Skip(); !errors.Is(err, runner.ErrDebugAwaitsCallback) {
		t.Errorf("skip at a callback: %v", err)
	}
	if err := s.Pause(); !errors.Is(err, runner.ErrDebugNotRunning) {
		t.Errorf("Pause when stopped: %v", err)
	}
	if res := s.Stop(); res.Status != runner.StatusAborted {
		t.Errorf("Stop at a callback: %+v", res)
	}
	if got := eventTypes(s.Events()); got != "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSubmitted ExecutionAborted" {
		t.Errorf("events: %s", got)
	}
	if err := s.Continue(); !errors.Is(err, runner.ErrDebugEnded) {
		t.Errorf("Continue after Stop: %v", err)
	}
}

// TestDebugSession_noLeaks: sessions that end, are stopped at a stop, in
// a callback, in a real-clock wait, or are restarted leave no goroutine.
func TestDebugSession_noLeaks(t *testing.T) {
	before := runtime.NumGoroutine()
	ended := newSession(t, fanMap, `{"items":[1,2,3]}`, nil)
	drive(t, ended, "c")
	stopped := newSession(t, fanMap, `{"items":[1,2,3]}`, nil)
	stopped.SetBreakpoint(runner.Breakpoint{State: "Item"})
	drive(t, stopped, "c")
	stopped.Stop()
	callback := newSession(t, callbackDef, `{}`, nil)
	drive(t, callback, "c")
	callback.Stop()
	waiting := realSession(t, realNap)
	waiting.Continue()
	waiting.Stop()
	restarted := newSession(t, fanMap, `{"items":[1,2,3]}`, nil)
	restarted.SetBreakpoint(runner.Breakpoint{State: "B1"})
	drive(t, restarted, "c")
	restarted.Restart()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines before, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}

// runUntil lets the session's execution run until it has entered n
// states (busy-waiting, no sleep; at most 10 s).
func runUntil(t *testing.T, s *runner.DebugSession, n int64) {
	t.Helper()
	x := s.Execution()
	// Generous: under the race detector on a busy 2-core machine the loop
	// runs some 20 times slower than a plain build.
	deadline := time.Now().Add(60 * time.Second)
	for x.Transitions() < n {
		select {
		case <-x.Done():
			t.Fatalf("the execution ended after %d states: %+v", x.Transitions(), x.Wait())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the execution entered only %d states", x.Transitions())
		}
		runtime.Gosched()
	}
}
