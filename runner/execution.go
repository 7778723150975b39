package runner

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"time"
)

// Status is how an execution ended.
type Status string

// Execution statuses, as AWS names them.
const (
	StatusRunning   Status = "RUNNING"
	StatusSucceeded Status = "SUCCEEDED"
	StatusFailed    Status = "FAILED"
	StatusTimedOut  Status = "TIMED_OUT"
	StatusAborted   Status = "ABORTED"
)

// Result is the outcome of an execution: the output when it SUCCEEDED,
// else the error and cause ("" when AWS would report none).
type Result struct {
	Status Status
	Output any
	Error  string
	Cause  string
}

// Execution is one run of a Machine. It is safe to use from several
// goroutines.
type Execution struct {
	m     *Machine
	opts  options
	sched *scheduler
	start time.Time
	input any
	rng   *rand.Rand
	rnd   *rand.PCG // the random source of intrinsic functions

	ctx      context.Context
	cancel   context.CancelCauseFunc
	timedOut atomic.Bool

	log       *eventLog
	expressID string

	transitions atomic.Int64
	sizes       sizer
	tokenSeq    atomic.Int64

	done   chan struct{}
	result Result
}

// errTimedOut ends an execution at its TimeoutSeconds; errStopped ends a
// thread whose branch or execution was stopped.
var (
	errTimedOut = errors.New("execution timed out")
	errStopped  = errors.New("stopped")
)

// Start runs the machine on input (a plain Go JSON value) in the
// background and returns at once. Cancelling ctx aborts the execution.
func (m *Machine) Start(ctx context.Context, input any, opts ...Option) *Execution {
	o := buildOptions(opts)
	x := &Execution{m: m, opts: o, input: input, done: make(chan struct{})}
	x.log = &eventLog{x: x, limit: o.historyLimit}
	if o.info.Express {
		x.expressID = newUUID()
	}
	x.start = o.clock.Now().UTC()
	x.sched = &scheduler{}
	if _, ok := o.clock.(virtualClock); ok {
		x.sched.virtual = true
		x.sched.setNow(x.start)
	}
	seed := time.Now().UnixNano()
	if o.hasSeed {
		seed = o.seed
	}
	x.rnd = rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)
	x.rng = rand.New(rand.NewPCG(uint64(seed), 1))
	x.ctx, x.cancel = context.WithCancelCause(ctx)
	go x.run()
	return x
}

// Run starts the machine and waits for the result.
func (m *Machine) Run(ctx context.Context, input any, opts ...Option) (Result, []*Event) {
	x := m.Start(ctx, input, opts...)
	r := x.Wait()
	return r, x.Events()
}

// Wait blocks until the execution ends and returns its result.
func (x *Execution) Wait() Result {
	<-x.done
	return x.result
}

// Done is closed when the execution has ended.
func (x *Execution) Done() <-chan struct{} { return x.done }

// Stop aborts the execution.
func (x *Execution) Stop() { x.cancel(context.Canceled) }

// Events returns the history events recorded so far.
func (x *Execution) Events() []*Event { return x.log.snapshot() }

// Name is the execution's name.
func (x *Execution) Name() string { return x.opts.info.ExecutionName }

// now is the execution's current time.
func (x *Execution) now() time.Time {
	if x.sched.virtual {
		return x.sched.nowTime()
	}
	return x.opts.clock.Now().UTC()
}

func (x *Execution) run() {
	defer close(x.done)
	g := newGor(x.ctx)
	x.sched.acquire(g)
	t := &thread{x: x, log: x.log, g: g, ctx: x.ctx, vars: &varScope{}}
	if x.opts.observer != nil {
		t.ph = &Phases{}
	}
	x.log.add(0, "ExecutionStarted", &ExecutionStartedEventDetails{
		Input: x.log.data(x.input), InputDetails: notTruncated, RoleArn: x.opts.info.RoleArn,
	})
	if d := x.m.main.timeout; d > 0 {
		stop := x.sched.at(x.start.Add(d), func() {
			x.timedOut.Store(true)
			x.cancel(errTimedOut)
			x.sched.wakeCancelledLocked()
		})
		defer stop()
	}
	var stopWatch func() bool
	if ctxDone := x.ctx.Done(); ctxDone != nil {
		stopWatch = context.AfterFunc(x.ctx, x.sched.wakeCancelled)
	}
	out, err := x.guarded(t, x.m.main, x.input)
	if stopWatch != nil {
		stopWatch()
	}
	x.finish(t, out, err)
	x.sched.release()
}

// guarded runs the main thread, turning a panic into a States.Runtime
// failure.
func (x *Execution) guarded(t *thread, p *program, in any) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, Errorf(ErrRuntime, "internal error: %v", r)
		}
	}()
	return t.run(p, in)
}

func (x *Execution) finish(t *thread, out any, err error) {
	var se *StateError
	switch {
	case err == nil:
		x.result = Result{Status: StatusSucceeded, Output: out}
		t.emit("ExecutionSucceeded", &ExecutionSucceededEventDetails{Output: t.log.data(out), OutputDetails: notTruncated})
	case x.timedOut.Load():
		x.result = Result{Status: StatusTimedOut}
		t.emit("ExecutionTimedOut", &FailureDetails{})
	case errors.As(err, &se):
		x.result = Result{Status: StatusFailed, Error: se.Name, Cause: se.Cause}
		d := &FailureDetails{}
		if se.Name != "" && !se.NullError {
			d.Error = strPtr(se.Name)
		}
		if se.Cause != "" && !se.NullCause {
			d.Cause = strPtr(se.Cause)
		}
		t.emit("ExecutionFailed", d)
	default:
		x.result = Result{Status: StatusAborted}
		t.emit("ExecutionAborted", &FailureDetails{})
	}
}

// countTransition counts one state entered against WithMaxTransitions.
func (x *Execution) countTransition() error {
	n := x.transitions.Add(1)
	if max := x.opts.maxTransitions; max > 0 && n > max {
		return Errorf(ErrRuntime, "the execution entered more than %d states (WithMaxTransitions); is it looping forever?", max)
	}
	return nil
}

// stopCause is the failure to report when the execution's context ended
// for a reason of its own (history limit); nil for an abort or timeout.
func (x *Execution) stopCause() error {
	var se *StateError
	if err := context.Cause(x.ctx); errors.As(err, &se) {
		return se
	}
	return nil
}

// Transitions is the number of states entered so far, nested ones
// included.
func (x *Execution) Transitions() int64 { return x.transitions.Load() }

func (x *Execution) executionArn() string {
	i := x.opts.info
	if i.Express {
		return fmt.Sprintf("arn:aws:states:%s:%s:express:%s:%s:%s", i.Region, i.Account, i.StateMachineName, i.ExecutionName, x.expressID)
	}
	return fmt.Sprintf("arn:aws:states:%s:%s:execution:%s:%s", i.Region, i.Account, i.StateMachineName, i.ExecutionName)
}

func (x *Execution) stateMachineArn() string {
	i := x.opts.info
	return fmt.Sprintf("arn:aws:states:%s:%s:stateMachine:%s", i.Region, i.Account, i.StateMachineName)
}
