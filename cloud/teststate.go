package cloud

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"baton/model"
	"baton/runner"
)

// StateTester runs one state alone, as the TestState API does. RunnerEngine
// implements it; Server answers TestState with it.
type StateTester interface {
	TestState(ctx context.Context, req TestStateRequest) (*TestStateResult, error)
}

// TestStateRequest is a TestState call: a state's definition (or a whole
// machine and the name of one of its states), its input, and optionally a
// mocked task result or error.
type TestStateRequest struct {
	Definition, StateName string
	Input                 string
	// MockResult (JSON) or MockError/MockCause answer a Task state.
	MockResult           *string
	MockError, MockCause *string
	// Debug asks for the data of every phase (inspectionLevel DEBUG).
	Debug bool
}

// TestStateResult is what TestState answers.
type TestStateResult struct {
	// Status is SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR.
	Status       string
	Output       *string
	Error, Cause *string
	NextState    *string
	// Inspection maps phase names (input, afterInputPath, …) to JSON text.
	Inspection map[string]string
}

// errBadTestState is a request that names no state to test.
var errBadTestState = errors.New("bad TestState request")

// testMachine wraps the state under test into a machine of its own, with
// a Succeed state standing for each state it can go to, so that the
// state runs exactly once and its successor is visible.
func testMachine(definition, stateName string) (*model.Document, string, error) {
	doc, err := model.Parse("definition", []byte(definition))
	if err != nil {
		return nil, "", err
	}
	state := doc.Root
	name := "TestState"
	if states := doc.Root.Get("States"); states != nil {
		if stateName == "" {
			return nil, "", fmt.Errorf("%w: the definition is a state machine: name the state to test (stateName)", errBadTestState)
		}
		if state = states.Get(stateName); state == nil {
			return nil, "", fmt.Errorf("%w: the state machine has no state %q", errBadTestState, stateName)
		}
		name = stateName
	} else if stateName != "" {
		name = stateName
	}
	states := model.NewObject()
	states.Set(name, state)
	targets := []string{state.Get("Next").Text(), state.Get("Default").Text()}
	for _, list := range []string{"Choices", "Catch"} {
		if l := state.Get(list); l != nil {
			for _, c := range l.Items {
				targets = append(targets, c.Get("Next").Text())
			}
		}
	}
	for _, t := range targets {
		if t != "" && t != name && states.Get(t) == nil {
			succeed := model.NewObject()
			succeed.Set("Type", model.NewString("Succeed"))
			states.Set(t, succeed)
		}
	}
	root := model.NewObject()
	if ql := doc.Root.Get("QueryLanguage"); ql != nil {
		root.Set("QueryLanguage", ql)
	}
	root.Set("StartAt", model.NewString(name))
	root.Set("States", states)
	d := &model.Document{File: "TestState", Root: root}
	d.Refresh()
	return d, name, nil
}

// TestState runs the state once, with the mock answering a Task.
func (e *RunnerEngine) TestState(ctx context.Context, req TestStateRequest) (*TestStateResult, error) {
	doc, name, err := testMachine(req.Definition, req.StateName)
	if err != nil {
		return nil, err
	}
	m, err := runner.Compile(doc)
	if err != nil {
		return nil, err
	}
	input, err := model.ParseJSON("input", []byte(req.Input))
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tasks := &testTasks{req: req, cancel: cancel}
	obs := &testObserver{name: name}
	opts := []runner.Option{runner.WithTasks(tasks), runner.WithObserver(obs)}
	if e.Clock != nil {
		opts = append(opts, runner.WithClock(e.Clock))
	}
	x := m.Start(ctx, input.Value(), opts...)
	x.Wait()
	res := &TestStateResult{}
	info := obs.info
	caught, caughtErr, caughtCause := stateFailure(x.Events())
	switch {
	case tasks.retried:
		res.Status = "RETRIABLE"
		res.Error, res.Cause = tasks.firstErr, tasks.firstCause
	case info == nil:
		return nil, errors.New("the state did not run")
	case info.Err == nil && caught:
		res.Status = "CAUGHT_ERROR"
		res.Error, res.Cause = caughtErr, caughtCause
	case info.Err == nil:
		res.Status = "SUCCEEDED"
	case info.Next != "":
		res.Status = "CAUGHT_ERROR"
	default:
		res.Status = "FAILED"
	}
	if info != nil && !tasks.retried {
		if info.Err != nil {
			var se *runner.StateError
			if errors.As(info.Err, &se) {
				res.Error, res.Cause = optional(se.Name), optional(se.Cause)
			} else {
				res.Error, res.Cause = optional(runner.ErrRuntime), optional(info.Err.Error())
			}
		}
		if info.Next != "" {
			res.NextState = &info.Next
		}
		if res.Status != "FAILED" {
			if out, ok := info.Phases.Get(runner.PhaseOutput); ok {
				s := jsonText(out)
				res.Output = &s
			} else if out, ok := enteredInput(x.Events(), info.Next); ok {
				res.Output = &out
			}
		}
		if req.Debug {
			res.Inspection = map[string]string{}
			for p := runner.PhaseInput; p < runner.PhaseOutput; p++ {
				if v, ok := info.Phases.Get(p); ok {
					res.Inspection[p.String()] = jsonText(v)
				}
			}
		}
	}
	return res, nil
}

// stateFailure finds the failure a Catch handled: a failure event (a
// task's, or an evaluation's) before the execution's last events.
func stateFailure(events []*runner.Event) (found bool, errName, cause *string) {
	for _, e := range events {
		if strings.HasPrefix(e.Type, "Execution") || !(strings.HasSuffix(e.Type, "Failed") || strings.HasSuffix(e.Type, "TimedOut")) {
			continue
		}
		data, _ := json.Marshal(e.Details)
		var d struct{ Error, Cause *string }
		json.Unmarshal(data, &d)
		return true, d.Error, d.Cause
	}
	return false, nil, nil
}

// enteredInput is the input of the state entered as next, which is the
// tested state's output.
func enteredInput(events []*runner.Event, next string) (string, bool) {
	for _, e := range events {
		if d, ok := e.Details.(*runner.StateEnteredEventDetails); ok && d.Name == next {
			return jsonText(d.Input.Value), true
		}
	}
	return "", false
}

// testObserver keeps what the runner reports about the tested state.
type testObserver struct {
	name string
	mu   sync.Mutex
	info *runner.StateInfo
}

func (o *testObserver) BeforeState(*runner.StateInfo) {}

func (o *testObserver) AfterState(s *runner.StateInfo) {
	if s.Name == o.name && s.Scope == "" {
		o.mu.Lock()
		if o.info == nil {
			c := *s
			o.info = &c
		}
		o.mu.Unlock()
	}
}

// testTasks answers the tested Task with the request's mock, and stops
// at a second call: TestState reports a retry as RETRIABLE instead of
// retrying.
type testTasks struct {
	req                  TestStateRequest
	cancel               context.CancelFunc
	calls                int
	retried              bool
	firstErr, firstCause *string
}

func (t *testTasks) Invoke(_ context.Context, r *runner.TaskRequest) (any, error) {
	t.calls++
	if t.calls > 1 {
		t.retried = true
		t.cancel()
		return nil, runner.Errorf(runner.ErrRuntime, "TestState does not retry")
	}
	switch {
	case t.req.MockResult != nil:
		v, err := model.ParseJSON("mock result", []byte(*t.req.MockResult))
		if err != nil {
			return nil, runner.Errorf(runner.ErrRuntime, "the mock result is not JSON: %v", err)
		}
		return v.Value(), nil
	case t.req.MockError != nil || t.req.MockCause != nil:
		t.firstErr, t.firstCause = t.req.MockError, t.req.MockCause
		return nil, &runner.StateError{Name: deref(t.req.MockError), Cause: deref(t.req.MockCause)}
	}
	return nil, runner.Errorf(runner.ErrRuntime, "baton serve does not call AWS services: give TestState a mock (mock.result or mock.errorOutput) for Task state %q", r.State)
}
