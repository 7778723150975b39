package runner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"baton/model"
)

func init() { registerKind(model.TypeTask, compileTask) }

// taskKind calls a resource through the execution's TaskHandler.
type taskKind struct {
	res                       resource
	timeout, heartbeat        int64 // seconds, 0 if unset
	timeoutPath, heartbeatPth *path
	credentials               evaluator
	// JSONata states may give the seconds as expressions.
	timeoutExpr, heartbeatExpr *jsonataNumber
}

func compileTask(c *compiler, s *cstate) (stateKind, error) {
	st := s.src
	if st.Resource == "" {
		return nil, withPos(errorf("a Task state needs a Resource"), st.Node.Pos)
	}
	k := &taskKind{res: parseResource(st.Resource)}
	var err error
	if k.timeout, _, err = intField(st.TimeoutSeconds, "TimeoutSeconds"); err != nil {
		return nil, err
	}
	if k.heartbeat, _, err = intField(st.HeartbeatSeconds, "HeartbeatSeconds"); err != nil {
		return nil, err
	}
	if k.timeoutPath, err = optionalPath(st.TimeoutSecondsPath, "TimeoutSecondsPath"); err != nil {
		return nil, err
	}
	if k.heartbeatPth, err = optionalPath(st.HeartbeatSecondsPath, "HeartbeatSecondsPath"); err != nil {
		return nil, err
	}
	if st.Credentials != nil {
		if k.credentials, err = compileTemplate(st.Credentials, true); err != nil {
			return nil, withPos(err, st.Credentials.Pos)
		}
	}
	return k, nil
}

func (k *taskKind) run(t *thread, s *cstate, in any) (any, *cstate, error) {
	eff, err := t.applyPath(s.inputPath, in)
	if err != nil {
		return nil, nil, err
	}
	t.phase(PhaseAfterInputPath, eff)
	timeout, err := k.seconds(t, k.timeout, k.timeoutPath, k.timeoutExpr, eff)
	if err != nil {
		return nil, nil, err
	}
	heartbeat, err := k.seconds(t, k.heartbeat, k.heartbeatPth, k.heartbeatExpr, eff)
	if err != nil {
		return nil, nil, err
	}
	attempt := 0
	out, next, caught, err := t.attempt(s, in, "", func() (any, error) {
		if k.res.pattern != "" {
			t.token = t.x.newToken()
			t.ctxObj = nil
		}
		params := eff
		if s.parameters != nil {
			if params, err = s.parameters.eval(t, eff); err != nil {
				return nil, err
			}
			t.phase(PhaseAfterParameters, params)
		}
		if err := t.checkParams(k.res, params); err != nil {
			return nil, err
		}
		var creds any
		if k.credentials != nil {
			if creds, err = k.credentials.eval(t, eff); err != nil {
				return nil, err
			}
		}
		req := &TaskRequest{
			State: s.name, Scope: t.scopeName(), Resource: k.res.arn, Input: params, Attempt: attempt,
			TaskToken: t.token, Timeout: time.Duration(timeout) * time.Second,
			Heartbeat: time.Duration(heartbeat) * time.Second, Credentials: creds,
		}
		attempt++
		result, err := k.call(t, req, timeout, heartbeat)
		if err != nil {
			return nil, err
		}
		return t.applyResult(s, in, result)
	})
	if err != nil || caught {
		return out, next, err
	}
	out, err = t.output(s, out)
	return out, next, err
}

// seconds resolves TimeoutSeconds(Path) or HeartbeatSeconds(Path).
func (k *taskKind) seconds(t *thread, fixed int64, p *path, x *jsonataNumber, in any) (int64, error) {
	if n, ok, err := jsonataSeconds(t, x, in); ok || err != nil {
		return n, err
	}
	if x != nil && x.set {
		return int64(x.fixed), nil
	}
	if p == nil {
		return fixed, nil
	}
	v, err := t.resolveRequired(p, in)
	if err != nil {
		return 0, err
	}
	n, ok := wholeNumber(v)
	if !ok || n < 0 {
		return 0, t.runtimeErr("The value of %s must be a positive integer: %s == %s", p.src, p.src, marshalValue(v))
	}
	return n, nil
}

// call invokes the handler between the history events AWS records for the
// resource's kind.
func (k *taskKind) call(t *thread, req *TaskRequest, timeout, heartbeat int64) (any, error) {
	r := k.res
	var to, hb *int64
	if timeout > 0 {
		to = &timeout
	}
	if heartbeat > 0 {
		hb = &heartbeat
	}
	switch r.kind {
	case resLambda:
		t.emit("LambdaFunctionScheduled", &LambdaFunctionScheduledEventDetails{Resource: r.arn, Input: t.log.data(req.Input), InputDetails: notTruncated, TimeoutInSeconds: to, TaskCredentials: req.Credentials})
		t.emit("LambdaFunctionStarted", nil)
	case resActivity:
		t.emit("ActivityScheduled", &ActivityScheduledEventDetails{Resource: r.arn, Input: t.log.data(req.Input), InputDetails: notTruncated, TimeoutInSeconds: to, HeartbeatInSeconds: hb})
		t.emit("ActivityStarted", &ActivityStartedEventDetails{})
	default:
		region := r.region
		if region == "" {
			region = t.x.opts.info.Region
		}
		t.emit("TaskScheduled", &TaskScheduledEventDetails{ResourceType: r.typ, Resource: r.name, Region: region, Parameters: t.log.data(req.Input), TimeoutInSeconds: to, HeartbeatInSeconds: hb, TaskCredentials: req.Credentials})
		t.emit("TaskStarted", &TaskEventDetails{ResourceType: r.typ, Resource: r.name})
		if r.pattern != "" {
			t.emit("TaskSubmitted", &TaskOutputEventDetails{ResourceType: r.typ, Resource: r.name, Output: JSONData{Value: map[string]any{}}, OutputDetails: notTruncated})
		}
	}
	result, err := t.invoke(req)
	if err != nil {
		if stop := t.alive(); stop != nil {
			// The execution or branch was stopped meanwhile: the task
			// did not fail, it was abandoned.
			return nil, stop
		}
		se := taskError(err)
		timedOut := se.Name == ErrTimeout || se.Name == ErrHeartbeatTimeout
		errp, causep := failureFields(se)
		switch {
		case r.kind == resLambda && timedOut:
			t.emit("LambdaFunctionTimedOut", &FailureDetails{Error: errp, Cause: causep})
		case r.kind == resLambda:
			t.emit("LambdaFunctionFailed", &FailureDetails{Error: errp, Cause: causep})
		case r.kind == resActivity && timedOut:
			t.emit("ActivityTimedOut", &FailureDetails{Error: errp, Cause: causep})
		case r.kind == resActivity:
			t.emit("ActivityFailed", &FailureDetails{Error: errp, Cause: causep})
		case timedOut:
			t.emit("TaskTimedOut", &TaskFailureEventDetails{ResourceType: r.typ, Resource: r.name, Error: errp, Cause: causep})
		default:
			t.emit("TaskFailed", &TaskFailureEventDetails{ResourceType: r.typ, Resource: r.name, Error: errp, Cause: causep})
		}
		return nil, se
	}
	switch r.kind {
	case resLambda:
		t.emit("LambdaFunctionSucceeded", &OutputEventDetails{Output: t.log.data(result), OutputDetails: notTruncated})
	case resActivity:
		t.emit("ActivitySucceeded", &OutputEventDetails{Output: t.log.data(result), OutputDetails: notTruncated})
	default:
		t.emit("TaskSucceeded", &TaskOutputEventDetails{ResourceType: r.typ, Resource: r.name, Output: t.log.data(result), OutputDetails: notTruncated})
	}
	return result, nil
}

// invoke calls the execution's task handler.
func (t *thread) invoke(req *TaskRequest) (result any, err error) {
	h := t.x.opts.tasks
	if h == nil {
		return nil, unmockedError(req)
	}
	ctx := t.ctx
	call := func() {
		defer func() {
			if r := recover(); r != nil {
				result, err = nil, Errorf(ErrTaskFailed, "task handler panicked: %v", r)
			}
		}()
		cctx := ctx
		if req.Timeout > 0 {
			var cancel context.CancelFunc
			cctx, cancel = context.WithTimeout(ctx, req.Timeout)
			defer cancel()
		}
		result, err = h.Invoke(cctx, req)
		if err != nil && errors.Is(err, context.DeadlineExceeded) && cctx.Err() != nil && ctx.Err() == nil {
			err = &StateError{Name: ErrTimeout, NullCause: true}
		}
	}
	if rt, ok := h.(RealTimeHandler); ok && rt.RealTime() {
		t.x.sched.outside(t.g, call)
	} else {
		call()
	}
	if errors.Is(err, ErrNoHandler) {
		err = unmockedError(req)
	}
	return result, err
}

// taskError turns a handler's error into the failure AWS would report.
func taskError(err error) *StateError {
	var se *StateError
	if errors.As(err, &se) {
		return se
	}
	return &StateError{Name: ErrTaskFailed, Cause: err.Error()}
}

// failureFields gives the error and cause of a failure event, omitting
// those AWS reported without.
func failureFields(se *StateError) (errp, causep *string) {
	if !se.NullError && se.Name != "" {
		errp = strPtr(se.Name)
	}
	if !se.NullCause && se.Cause != "" {
		causep = strPtr(se.Cause)
	}
	return errp, causep
}

// newToken returns a fresh task token for a callback task.
func (x *Execution) newToken() string {
	n := x.tokenSeq.Add(1)
	return fmt.Sprintf("%s-%d", x.opts.info.ExecutionName, n)
}
