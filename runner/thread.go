package runner

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// thread is one flow of control in an execution: the main flow, a Parallel
// branch or a Map iteration. It holds everything that changes while it
// runs, so compiled states stay immutable.
type thread struct {
	x   *Execution
	log *eventLog
	g   *gor
	ctx context.Context
	// prev is the id the next event names as its previous event.
	prev int64
	vars *varScope
	// scope names where the thread runs, for observers and task
	// handlers: "" or "Par/1", "Map/3", …; built on first use from the
	// parent's scope, the state and the index.
	scope       string
	scopeParent *thread
	scopeState  string
	scopeIndex  int
	ph          *Phases
	info        *StateInfo // what observers get, reused state after state

	// The state being run, and its input ($states.input in JSONata).
	state      *cstate
	input      any
	enteredID  int64
	enteredAt  time.Time
	retryCount int
	// item is $$.Map.Item while an ItemSelector is evaluated.
	item *mapItem
	// token is $$.Task.Token while a callback task's Parameters are
	// evaluated.
	token  string
	ctxObj map[string]any
	// assigned are the variables the current state assigns on success.
	assigned map[string]any
	// args resolves intrinsic-call arguments; made on first use.
	args *argResolver
	// childFailed marks a failure that comes from a branch or iteration.
	childFailed bool
}

type mapItem struct {
	index int
	value any
}

// scopeName returns the thread's scope, building it on first use.
func (t *thread) scopeName() string {
	if t.scopeParent != nil {
		t.scope = childScope(t.scopeParent.scopeName(), t.scopeState, t.scopeIndex)
		t.scopeParent = nil
	}
	return t.scope
}

// setScope makes the thread branch or iteration i of state in parent.
func (t *thread) setScope(parent *thread, state string, i int) {
	t.scope, t.scopeParent, t.scopeState, t.scopeIndex = "", parent, state, i
}

// emit records an event that follows the thread's last one.
func (t *thread) emit(typ string, details any) int64 {
	id := t.log.add(t.prev, typ, details)
	t.prev = id
	return id
}

// emitAside records an event that follows the thread's last one without
// becoming the one the next event follows (AWS does this for
// MapIterationSucceeded, ParallelStateSucceeded, …).
func (t *thread) emitAside(typ string, details any) int64 {
	return t.log.add(t.prev, typ, details)
}

// alive reports why the thread must stop, if it must.
func (t *thread) alive() error {
	if t.ctx.Err() == nil {
		return nil
	}
	if err := t.x.stopCause(); err != nil {
		return err
	}
	return errStopped
}

// run runs a state list from its start state to its end.
func (t *thread) run(p *program, in any) (any, error) {
	s := p.start
	for {
		out, next, err := t.step(s, in)
		if err != nil {
			return nil, err
		}
		if next == nil {
			return out, nil
		}
		s, in = next, out
	}
}

// step runs one state, from its entered event to its exited event.
func (t *thread) step(s *cstate, in any) (any, *cstate, error) {
	if err := t.alive(); err != nil {
		return nil, nil, err
	}
	if err := t.x.countTransition(); err != nil {
		return nil, nil, err
	}
	t.state, t.retryCount, t.item, t.token, t.ctxObj, t.assigned = s, 0, nil, "", nil, nil
	t.enteredAt = t.x.now()
	t.enteredID = t.log.addEntered(t.prev, s.entry, s.name, in)
	t.prev = t.enteredID
	var info *StateInfo
	if obs := t.x.opts.observer; obs != nil {
		*t.ph = Phases{}
		t.ph.set(PhaseInput, in)
		info = t.observed(s)
		obs.BeforeState(info)
		if info.inputSet {
			in = info.input
			t.ph.set(PhaseInput, in)
		}
	}
	var out any
	var next *cstate
	var err error
	t.input = in
	out, next, err = s.kind.run(t, s, in)
	if err == nil && s.exit != "" {
		var assigned map[string]string
		if len(t.assigned) > 0 {
			assigned = make(map[string]string, len(t.assigned))
			for k, v := range t.assigned {
				t.vars.set(k, v)
				assigned[k] = string(marshalValue(v))
			}
		}
		t.prev = t.log.addExited(t.prev, s.exit, s.name, out, assigned)
	}
	if info != nil {
		info.Phases = *t.ph
		if err == nil {
			info.Phases.set(PhaseOutput, out)
			if next != nil {
				info.Next = next.name
			}
		}
		info.Err = err
		t.x.opts.observer.AfterState(info)
	}
	return out, next, err
}

// phase records a data phase for an observer; without one it does nothing.
func (t *thread) phase(p Phase, v any) {
	if t.ph != nil {
		t.ph.set(p, v)
	}
}

// assign schedules variables to be set when the state succeeds.
func (t *thread) assign(vals map[string]any) {
	if len(vals) == 0 {
		return
	}
	if t.assigned == nil {
		t.assigned = vals
		return
	}
	for k, v := range vals {
		t.assigned[k] = v
	}
}

// runtimeErr is a States.Runtime failure of the current state, worded as
// AWS words them.
func (t *thread) runtimeErr(format string, args ...any) *StateError {
	msg := fmt.Sprintf(format, args...)
	if t.state == nil {
		return &StateError{Name: ErrRuntime, Cause: msg}
	}
	return &StateError{Name: ErrRuntime, Cause: fmt.Sprintf("An error occurred while executing the state '%s' (entered at the event id #%d). %s", t.state.name, t.enteredID, msg)}
}

// pathNotFound is the failure of a "key.$" path (or a …Path field) that
// selects nothing.
func (t *thread) pathNotFound(p *path, field string, in any) *StateError {
	return t.runtimeErr("The JSONPath '%s' specified for the field '%s' could not be found in the input '%s'", p.src, field, marshalValue(in))
}

// invalidPath is the failure of InputPath, OutputPath or an ItemsPath-like
// path that selects nothing.
func (t *thread) invalidPath(p *path) *StateError {
	return t.runtimeErr("Invalid path '%s' : No results for path: %s", p.src, p.normalized())
}

// wrapIntrinsicErr turns an intrinsic function's failure into the state's:
// a StateError keeps its name, anything else is a States.Runtime failure.
func (t *thread) wrapIntrinsicErr(err error) error {
	var se *StateError
	if errors.As(err, &se) {
		if se.Name == ErrRuntime && t.state != nil && !hasStatePrefix(se.Cause) {
			return t.runtimeErr("%s", se.Cause)
		}
		return se
	}
	return t.runtimeErr("%v", err)
}

func hasStatePrefix(cause string) bool {
	const p = "An error occurred while executing the state '"
	return len(cause) >= len(p) && cause[:len(p)] == p
}

// resolve evaluates a path on the state data, the context object or a
// variable.
func (t *thread) resolve(p *path, in any) (any, bool) {
	switch p.root {
	case rootContext:
		return p.get(t.contextObject())
	case rootVar:
		v, ok := t.vars.get(p.name)
		if !ok {
			return nil, false
		}
		return p.get(v)
	}
	return p.get(in)
}

// resolveRequired evaluates a …Path field that must select a value.
func (t *thread) resolveRequired(p *path, in any) (any, error) {
	v, ok := t.resolve(p, in)
	if !ok {
		return nil, t.invalidPath(p)
	}
	return v, nil
}

// applyPath applies an InputPath or OutputPath.
func (t *thread) applyPath(op *optPath, in any) (any, error) {
	if op == nil {
		return in, nil
	}
	if op.null {
		return map[string]any{}, nil
	}
	return t.resolveRequired(op.p, in)
}

// applyResultPath places result into the state's input as ResultPath says.
func (t *thread) applyResultPath(rp *resultPath, in, result any) (any, error) {
	switch {
	case rp == nil:
		return result, nil
	case rp.discard:
		return in, nil
	case rp.output != nil:
		return rp.output.eval(t, result)
	}
	out, ok := rp.ref.set(in, result)
	if !ok {
		return nil, &StateError{Name: ErrResultPathMatch, Cause: fmt.Sprintf("Unable to apply ResultPath '%s' to input '%s'", rp.ref.src, marshalValue(in))}
	}
	return out, nil
}

// checkSize fails the state when its output is larger than AWS allows.
func (t *thread) checkSize(v any) error {
	if limit := t.x.opts.payloadLimit; limit > 0 && t.x.sizes.exceeds(v, limit) {
		return &StateError{Name: ErrDataLimitExceeded, Cause: fmt.Sprintf("The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", t.state.name)}
	}
	return nil
}

// isoMillis is how the context object writes times.
const isoMillis = "2006-01-02T15:04:05.000Z"

// contextObject builds $$ for the current state, once per state.
func (t *thread) contextObject() map[string]any {
	if t.ctxObj != nil {
		return t.ctxObj
	}
	x := t.x
	info := x.opts.info
	st := map[string]any{"EnteredTime": t.enteredAt.UTC().Format(isoMillis)}
	if t.state != nil {
		st["Name"] = t.state.name
		switch t.state.typ {
		case "Task", "Map", "Parallel":
			st["RetryCount"] = int64(t.retryCount)
		}
	}
	exec := map[string]any{
		"Id": x.executionArn(), "Input": x.input, "Name": info.ExecutionName, "RoleArn": info.RoleArn,
		"StartTime": x.start.Format(isoMillis),
	}
	if !info.Express || !info.Synchronous {
		exec["RedriveCount"] = int64(info.RedriveCount)
	}
	obj := map[string]any{
		"Execution":    exec,
		"State":        st,
		"StateMachine": map[string]any{"Id": x.stateMachineArn(), "Name": info.StateMachineName},
	}
	if t.token != "" {
		obj["Task"] = map[string]any{"Token": t.token}
	}
	if t.item != nil {
		obj["Map"] = map[string]any{"Item": map[string]any{"Index": int64(t.item.index), "Value": t.item.value}}
	}
	t.ctxObj = obj
	return obj
}
