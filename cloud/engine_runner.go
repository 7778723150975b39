package cloud

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"baton/model"
	"baton/runner"
)

// RunnerEngine runs definitions on Baton's interpreter (runner): the
// Engine of `baton serve`. Compiled machines are kept by definition, so
// that many executions of one revision compile it once.
type RunnerEngine struct {
	// Clock is the executions' clock; nil for the runner's default, a
	// virtual clock (a Wait of a day takes no time).
	Clock runner.Clock

	compiled sync.Map // definition → *runner.Machine
}

// DefaultEngine is the Engine `baton serve` runs on.
func DefaultEngine() Engine { return &RunnerEngine{} }

// Check validates with Baton's rules (CheckDefinition).
func (e *RunnerEngine) Check(definition, machineType string) []Diagnostic {
	return CheckDefinition(definition, machineType)
}

func (e *RunnerEngine) machine(definition string) (*runner.Machine, error) {
	if m, ok := e.compiled.Load(definition); ok {
		return m.(*runner.Machine), nil
	}
	doc, err := model.Parse("definition", []byte(definition))
	if err != nil {
		return nil, err
	}
	m, err := runner.Compile(doc)
	if err != nil {
		return nil, err
	}
	e.compiled.Store(definition, m)
	return m, nil
}

// Start compiles (once) and starts req.Definition with the test case's
// mocks, then callbacks for .waitForTaskToken tasks, as task handlers.
func (e *RunnerEngine) Start(ctx context.Context, req RunRequest) (Run, error) {
	m, err := e.machine(req.Definition)
	if err != nil {
		return nil, err
	}
	input, err := model.ParseJSON("input", []byte(req.Input))
	if err != nil {
		return nil, err
	}
	var handlers runner.Handlers
	if req.Mocks != nil {
		cfg, err := runner.ParseMockConfig(req.Mocks.Config)
		if err != nil {
			return nil, err
		}
		h, err := cfg.Handler(req.Mocks.Machine, req.Mocks.TestCase)
		if err != nil {
			return nil, err
		}
		handlers = append(handlers, h)
	}
	if req.Callbacks != nil {
		handlers = append(handlers, callbackHandler{req.Callbacks})
	}
	p, _ := parseArn(req.StateMachineArn)
	opts := []runner.Option{
		runner.WithTasks(handlers),
		runner.WithContext(runner.ContextInfo{Region: p.Region, Account: DefaultAccount, StateMachineName: req.StateMachineName,
			ExecutionName: req.ExecutionName, RoleArn: req.RoleArn}),
	}
	if e.Clock != nil {
		opts = append(opts, runner.WithClock(e.Clock))
	}
	return &runnerRun{x: m.Start(ctx, input.Value(), opts...)}, nil
}

// runnerRun adapts a runner.Execution to Run.
type runnerRun struct {
	x *runner.Execution

	mu               sync.Mutex
	stopped          bool
	stopErr, stopWhy string
	// converted are the events converted so far; events never change
	// once emitted, so each is converted once.
	converted []HistoryEvent
}

func (r *runnerRun) Stop(errName, cause string) {
	r.mu.Lock()
	if !r.stopped {
		r.stopped, r.stopErr, r.stopWhy = true, errName, cause
	}
	r.mu.Unlock()
	r.x.Stop()
}

func (r *runnerRun) Wait() RunResult {
	res := r.x.Wait()
	out := RunResult{Status: string(res.Status), Error: res.Error, Cause: res.Cause}
	if res.Status == runner.StatusSucceeded {
		out.Output = jsonText(res.Output)
	}
	if res.Status == runner.StatusAborted {
		r.mu.Lock()
		out.Error, out.Cause = r.stopErr, r.stopWhy
		r.mu.Unlock()
	}
	return out
}

func (r *runnerRun) Events() []HistoryEvent {
	events := r.x.Events()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range events[len(r.converted):] {
		r.converted = append(r.converted, HistoryEventOf(e))
	}
	out := r.converted[:len(events):len(events)]
	// StopExecution's error and cause belong in ExecutionAborted, which
	// the runner writes without them.
	if n := len(out); n > 0 && out[n-1].Type == "ExecutionAborted" {
		if r.stopErr != "" || r.stopWhy != "" {
			d := map[string]string{}
			if r.stopErr != "" {
				d["error"] = r.stopErr
			}
			if r.stopWhy != "" {
				d["cause"] = r.stopWhy
			}
			out[n-1].DetailsKey = runner.DetailsKey("ExecutionAborted")
			out[n-1].Details, _ = json.Marshal(d)
		}
	}
	return out
}

// HistoryEventOf is a local run's history event in the shape of
// GetExecutionHistory.
func HistoryEventOf(e *runner.Event) HistoryEvent {
	h := HistoryEvent{Timestamp: e.Timestamp, Type: e.Type, ID: e.ID, PreviousEventID: e.PreviousEventID}
	if e.Details != nil {
		h.DetailsKey = runner.DetailsKey(e.Type)
		h.Details, _ = json.Marshal(e.Details)
	}
	return h
}

// jsonText writes a runner value as compact JSON text, formatted as the
// runner writes it into history events.
func jsonText(v any) string {
	quoted, err := runner.JSONData{Value: v}.MarshalJSON()
	if err != nil {
		return fmt.Sprintf("%q", err.Error())
	}
	var s string
	json.Unmarshal(quoted, &s)
	return s
}

// callbackHandler answers .waitForTaskToken tasks with what
// SendTaskSuccess or SendTaskFailure brings.
type callbackHandler struct{ c *Callbacks }

// RealTime tells the runner that the answer takes real time, so other
// branches go on meanwhile.
func (callbackHandler) RealTime() bool { return true }

func (h callbackHandler) Invoke(ctx context.Context, req *runner.TaskRequest) (any, error) {
	if req.TaskToken == "" {
		return nil, runner.ErrNoHandler
	}
	ans, err := h.c.Wait(ctx, req.TaskToken)
	if err != nil {
		return nil, err
	}
	if ans.Failed {
		return nil, &runner.StateError{Name: ans.Error, Cause: ans.Cause, NullError: ans.Error == "", NullCause: ans.Cause == ""}
	}
	out, err := model.ParseJSON("output", []byte(ans.Output))
	if err != nil {
		return nil, runner.Errorf(runner.ErrTaskFailed, "the task output is not JSON: %v", err)
	}
	return out.Value(), nil
}
