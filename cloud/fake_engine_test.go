package cloud_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"baton/cloud"
	"baton/runner"
)

// fakeEngine is a test double of the interpreter for protocol tests that
// must not depend on the runner's semantics: it runs Pass, Succeed, Fail
// and callback Task states (".waitForTaskToken") in sequence and emits
// their history events. Anything else fails loudly.
type fakeEngine struct{}

type fakeDef struct {
	StartAt string
	States  map[string]struct {
		Type, Next, Resource, Error, Cause string
		End                                bool
	}
}

func (fakeEngine) Check(def, typ string) []cloud.Diagnostic {
	var d fakeDef
	if err := json.Unmarshal([]byte(def), &d); err != nil {
		return []cloud.Diagnostic{{Severity: "ERROR", Code: "INVALID_JSON_DESCRIPTION", Message: err.Error()}}
	}
	if _, ok := d.States[d.StartAt]; !ok {
		return []cloud.Diagnostic{{Severity: "ERROR", Code: "MISSING_TRANSITION_TARGET", Message: "Missing 'Next' target: " + d.StartAt, Location: "/StartAt"}}
	}
	return nil
}

type fakeRun struct {
	req   cloud.RunRequest
	ctx   context.Context
	abort context.CancelFunc
	done  chan struct{}
	res   cloud.RunResult
	id    int64
	once  sync.Once
	stop  [2]string

	mu     sync.Mutex
	events []cloud.HistoryEvent
}

func (r *fakeRun) Events() []cloud.HistoryEvent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.events[:len(r.events):len(r.events)]
}

func (fakeEngine) Start(ctx context.Context, req cloud.RunRequest) (cloud.Run, error) {
	var d fakeDef
	if err := json.Unmarshal([]byte(req.Definition), &d); err != nil {
		return nil, err
	}
	r := &fakeRun{req: req, done: make(chan struct{})}
	r.ctx, r.abort = context.WithCancel(ctx)
	r.emit("ExecutionStarted", map[string]any{"input": req.Input, "inputDetails": map[string]any{"truncated": false}, "roleArn": req.RoleArn})
	go r.loop(&d)
	return r, nil
}

func (r *fakeRun) emit(typ string, details any) {
	r.id++
	e := cloud.HistoryEvent{Timestamp: r.req.StartTime.Add(time.Duration(r.id) * time.Millisecond), Type: typ, ID: r.id, PreviousEventID: r.id - 1}
	if details != nil {
		e.DetailsKey = runner.DetailsKey(typ)
		e.Details, _ = json.Marshal(details)
	}
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
}

func (r *fakeRun) loop(d *fakeDef) {
	defer close(r.done)
	data, name := r.req.Input, d.StartAt
	for {
		st := d.States[name]
		r.emit(st.Type+"StateEntered", map[string]any{"name": name, "input": data})
		switch st.Type {
		case "Pass", "Succeed":
		case "Fail":
			r.emit("ExecutionFailed", map[string]any{"error": st.Error, "cause": st.Cause})
			r.res = cloud.RunResult{Status: "FAILED", Error: st.Error, Cause: st.Cause}
			return
		case "Task":
			if !strings.HasSuffix(st.Resource, ".waitForTaskToken") {
				r.fail("States.Runtime", "fakeEngine runs only callback tasks")
				return
			}
			token := r.req.Callbacks.Mint()
			r.emit("TaskScheduled", map[string]any{"resource": st.Resource, "resourceType": "sqs", "region": "us-east-1", "parameters": fmt.Sprintf(`{"TaskToken":%q}`, token)})
			ans, err := r.req.Callbacks.Wait(r.ctx, token)
			if err != nil {
				r.emit("ExecutionAborted", map[string]any{"error": r.stop[0], "cause": r.stop[1]})
				r.res = cloud.RunResult{Status: "ABORTED", Error: r.stop[0], Cause: r.stop[1]}
				return
			}
			if ans.Failed {
				r.emit("TaskFailed", map[string]any{"error": ans.Error, "cause": ans.Cause})
				r.fail(ans.Error, ans.Cause)
				return
			}
			r.emit("TaskSucceeded", map[string]any{"resource": st.Resource, "output": ans.Output})
			data = ans.Output
		default:
			r.fail("States.Runtime", "fakeEngine does not run "+st.Type+" states")
			return
		}
		r.emit(st.Type+"StateExited", map[string]any{"name": name, "output": data})
		if st.End || st.Type == "Succeed" {
			r.emit("ExecutionSucceeded", map[string]any{"output": data, "outputDetails": map[string]any{"truncated": false}})
			r.res = cloud.RunResult{Status: "SUCCEEDED", Output: data}
			return
		}
		name = st.Next
	}
}

func (r *fakeRun) fail(errName, cause string) {
	r.emit("ExecutionFailed", map[string]any{"error": errName, "cause": cause})
	r.res = cloud.RunResult{Status: "FAILED", Error: errName, Cause: cause}
}

func (r *fakeRun) Wait() cloud.RunResult { <-r.done; return r.res }

func (r *fakeRun) Stop(errName, cause string) {
	r.once.Do(func() { r.stop = [2]string{errName, cause}; r.abort() })
}
