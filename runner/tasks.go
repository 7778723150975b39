package runner

import (
	"context"
	"errors"
	"strings"
	"time"
)

// TaskRequest is one call of a Task state's resource.
type TaskRequest struct {
	// State is the Task state's name; Scope says where it runs ("" at the
	// top level, else e.g. "Fan/1" or "Items/3").
	State, Scope string
	// Resource is the state's Resource as written.
	Resource string
	// Input is the effective parameters: the state's input after
	// InputPath and Parameters.
	Input any
	// Attempt counts the calls of this state entry: 0, then 1, 2 … for
	// retries.
	Attempt int
	// TaskToken is set for .waitForTaskToken resources: the answer is the
	// result SendTaskSuccess would carry.
	TaskToken string
	// Timeout and Heartbeat are the state's TimeoutSeconds and
	// HeartbeatSeconds (0 when not set).
	Timeout, Heartbeat time.Duration
	// Credentials is the state's evaluated Credentials field, if any.
	Credentials any
}

// TaskHandler answers Task states. Invoke returns the task's result in
// the shape AWS gives it (e.g. the whole Invoke response for
// arn:aws:states:::lambda:invoke, the function's payload for a Lambda
// ARN). A failure is a *StateError with the error name and cause AWS
// would report (States.Timeout for a timeout); any other error is a
// States.TaskFailed failure with the error's text as the cause.
type TaskHandler interface {
	Invoke(ctx context.Context, req *TaskRequest) (any, error)
}

// TaskFunc adapts a function to a TaskHandler.
type TaskFunc func(ctx context.Context, req *TaskRequest) (any, error)

// Invoke calls f.
func (f TaskFunc) Invoke(ctx context.Context, req *TaskRequest) (any, error) { return f(ctx, req) }

// RealTimeHandler is implemented by handlers whose calls take real time (a
// process, the network). While such a call runs, other branches of the
// execution go on; in-process handlers such as mocks answer at once and
// keep the execution deterministic.
type RealTimeHandler interface {
	RealTime() bool
}

// Handlers tries each handler in turn: a handler that does not know a
// task returns an error wrapping ErrNoHandler, and the next one is asked.
type Handlers []TaskHandler

// ErrNoHandler is what a handler returns for a task it does not answer.
var ErrNoHandler = errors.New("no task handler for this task")

// Invoke asks each handler until one answers.
func (hs Handlers) Invoke(ctx context.Context, req *TaskRequest) (any, error) {
	for _, h := range hs {
		v, err := h.Invoke(ctx, req)
		if errors.Is(err, ErrNoHandler) {
			continue
		}
		return v, err
	}
	return nil, unmockedError(req)
}

// RealTime reports whether any of the handlers takes real time.
func (hs Handlers) RealTime() bool {
	for _, h := range hs {
		if rt, ok := h.(RealTimeHandler); ok && rt.RealTime() {
			return true
		}
	}
	return false
}

// unmockedError is the failure of a Task nobody answers.
func unmockedError(req *TaskRequest) *StateError {
	return Errorf(ErrRuntime, "Task state '%s' (resource %s) has no task handler: add it to a mock config test case (--mocks FILE --test-case NAME), or give it a local command or Lambda endpoint", req.State, req.Resource)
}

// resourceKind tells what a Task's Resource is, which decides its history
// events.
type resourceKind uint8

const (
	resService  resourceKind = iota // arn:aws:states:::service:action[.pattern]
	resLambda                       // arn:aws:lambda:…:function:name
	resActivity                     // arn:aws:states:…:activity:name
)

// resource is a parsed Task Resource.
type resource struct {
	arn  string
	kind resourceKind
	// typ and name are what TaskScheduled calls resourceType and
	// resource: "lambda" and "invoke", "aws-sdk:s3" and "getObject",
	// "sqs" and "sendMessage.waitForTaskToken".
	typ, name string
	region    string
	// pattern is "", "sync", "sync:2" or "waitForTaskToken".
	pattern string
}

func parseResource(arn string) resource {
	r := resource{arn: arn}
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		r.typ, r.name = "unknown", arn
		return r
	}
	service, region, rest := parts[2], parts[3], parts[5]
	r.region = region
	switch {
	case service == "lambda" && strings.HasPrefix(rest, "function:"):
		r.kind = resLambda
		return r
	case service == "states" && strings.HasPrefix(rest, "activity:"):
		r.kind = resActivity
		return r
	}
	// arn:aws:states:::service:action[.pattern]: rest is "service:action…"
	// after the empty account (parts[4]).
	full := rest
	for _, p := range []string{".sync:2", ".sync", ".waitForTaskToken"} {
		if strings.HasSuffix(full, p) {
			r.pattern = p[1:]
			full = strings.TrimSuffix(full, p)
			break
		}
	}
	i := strings.LastIndexByte(full, ':')
	if i < 0 {
		r.typ, r.name = full, full
	} else {
		r.typ, r.name = full[:i], full[i+1:]
	}
	if r.pattern != "" {
		r.name += "." + r.pattern
	}
	return r
}
