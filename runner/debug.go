package runner

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// DebugConfig configures a debug session.
type DebugConfig struct {
	// Tasks makes the task handler of one run; it is called again for
	// each Restart, so that mock call counts start over. nil: the handler
	// of a WithTasks option, shared by every run, if any. Callback tasks
	// (.waitForTaskToken) that the handler does not answer stop the
	// session until SendSuccess or SendFailure.
	Tasks func() TaskHandler
	// Options are the runs' execution options (clock, limits, context,
	// seed, …). The session wraps their task handler and is their
	// observer: a WithObserver option has no effect.
	Options []Option
}

// DebugSession runs a machine under a step debugger: breakpoints on
// states (before, after, conditional) and on errors, Step, Step Into
// (a Parallel branch or a Map iteration), Step Out, Continue, Run to
// Here, Pause, Stop and Restart. It is an Observer of the same execution
// a plain run makes, so the history events are the same.
//
// A session starts unstarted: the first Continue, Step, StepInto,
// StepOut or RunTo starts the execution. Commands return at once; Next
// waits for the stop (or the end) they lead to. Every method is safe to
// call from any goroutine.
type DebugSession struct {
	m     *Machine
	input any
	cfg   DebugConfig

	bps  atomic.Pointer[breakTable]
	bpMu sync.Mutex

	mu       sync.Mutex
	run      *debugRun // nil until started, and after Restart
	runs     int
	seq      int
	reported int
	changed  chan struct{} // closed (and replaced) at every stop and end
}

// Errors of debug commands given at the wrong time.
var (
	ErrDebugNotStarted       = errors.New("the execution has not started: continue or step to start it")
	ErrDebugRunning          = errors.New("the execution is running: pause it first")
	ErrDebugNotRunning       = errors.New("the execution is not running")
	ErrDebugEnded            = errors.New("the execution has ended: restart it to run it again")
	ErrDebugAwaitsCallback   = errors.New("the task waits for a callback: send success, failure or a heartbeat")
	ErrDebugNoCallback       = errors.New("no task waits for a callback here")
	ErrDebugNotWaiting       = errors.New("the state is not waiting here")
	ErrDebugInputNotEditable = errors.New("the input can be edited only at a stop before a state")
)

// NewDebugSession prepares a debug session of m on input; nothing runs
// until the first command.
func NewDebugSession(m *Machine, input any, cfg DebugConfig) *DebugSession {
	s := &DebugSession{m: m, input: input, cfg: cfg, changed: make(chan struct{})}
	s.bps.Store(&breakTable{states: map[string]*[2]*Breakpoint{}})
	return s
}

// cmdKind is what a command asks of a stopped execution.
type cmdKind uint8

const (
	cmdContinue cmdKind = iota
	cmdStep
	cmdInto
	cmdOut
	cmdRunTo
	cmdSkip
	cmdSend
	cmdQuit
)

// debugCmd resumes a stopped execution.
type debugCmd struct {
	kind  cmdKind
	index int    // cmdInto: the branch or iteration (-1: the first to run)
	state string // cmdRunTo
	// cmdSend: the callback's answer
	output any
	fail   *StateError
	// input replaces the state's input (SetInput)
	input    any
	inputSet bool
}

// Continue runs until a breakpoint or the end.
func (s *DebugSession) Continue() error { return s.command(debugCmd{kind: cmdContinue}) }

// Step runs to the next stop at the same level: from before a state to
// after it (over its branches and iterations), from after it to before
// the next one, or after the enclosing Parallel or Map once a branch or
// iteration ends. Breakpoints still stop on the way.
func (s *DebugSession) Step() error { return s.command(debugCmd{kind: cmdStep}) }

// StepInto, before a Parallel or Map state, runs to the first stop in
// branch or iteration index (index < 0: in the first one to run; if index
// never runs, the stop after the state). Elsewhere it is Step.
func (s *DebugSession) StepInto(index int) error {
	return s.command(debugCmd{kind: cmdInto, index: index})
}

// StepOut runs until the enclosing Parallel or Map state is done (its
// after stop); at the top level it is Continue.
func (s *DebugSession) StepOut() error { return s.command(debugCmd{kind: cmdOut}) }

// RunTo runs until the state is about to run (Run to Here), or a
// breakpoint stops on the way.
func (s *DebugSession) RunTo(state string) error {
	if s.m.findState(state) == nil {
		return errors.New("no state named " + quote(state))
	}
	return s.command(debugCmd{kind: cmdRunTo, state: state})
}

// Skip, at a stop in a wait (DebugStop.Wait), ends the wait at once and
// goes on as Step.
func (s *DebugSession) Skip() error { return s.command(debugCmd{kind: cmdSkip}) }

// SendSuccess answers the callback task the session is stopped at with
// output, as SendTaskSuccess does, and goes on as Step.
func (s *DebugSession) SendSuccess(output any) error {
	return s.command(debugCmd{kind: cmdSend, output: output})
}

// SendFailure fails the callback task the session is stopped at with an
// error and a cause, as SendTaskFailure does, and goes on as Step.
func (s *DebugSession) SendFailure(errName, cause string) error {
	return s.command(debugCmd{kind: cmdSend, fail: &StateError{Name: errName, Cause: cause, NullError: errName == "", NullCause: cause == ""}})
}

// SendHeartbeat records a heartbeat for the callback task the session is
// stopped at; the session stays stopped. It returns the stop with the
// heartbeat counted.
func (s *DebugSession) SendHeartbeat() (*DebugStop, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.stoppedLocked()
	if err != nil {
		return nil, err
	}
	if st.Reason != ReasonCallback {
		return nil, ErrDebugNoCallback
	}
	c := *st
	c.Heartbeats++
	s.run.stop = &c
	return &c, nil
}

// SetInput, at a stop before a state, makes the state run on v instead of
// its input once the session goes on. It returns the stop with the input
// replaced. The history keeps the input the state entered with.
func (s *DebugSession) SetInput(v any) (*DebugStop, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.stoppedLocked()
	if err != nil {
		return nil, err
	}
	if !st.editable {
		return nil, ErrDebugInputNotEditable
	}
	c := *st
	c.Phases.set(PhaseInput, v)
	s.run.stop = &c
	s.run.input, s.run.inputSet = v, true
	return &c, nil
}

// Pause stops the running execution at the next state it enters or
// leaves, or in the wait it is in.
func (s *DebugSession) Pause() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.run
	if r == nil || r.ended || r.stop != nil {
		return ErrDebugNotRunning
	}
	r.pausing.Store(true)
	if !r.pauseClosed {
		close(r.pauseCh)
		r.pauseClosed = true
	}
	return nil
}

// Stop aborts the execution, whether it runs or is stopped, and returns
// once it has ended, with its result (ABORTED unless it had ended
// already). Without an execution it returns the zero Result.
func (s *DebugSession) Stop() Result {
	s.mu.Lock()
	r := s.run
	s.mu.Unlock()
	if r == nil {
		return Result{}
	}
	// Cancel the execution before releasing what is halted, so that a
	// task released from a callback stop sees the execution stopped and is
	// abandoned rather than recorded as failed.
	r.x.Stop()
	r.quitOnce.Do(func() { close(r.quit) })
	<-r.endedCh
	return r.result
}

// Restart stops the execution and makes the session unstarted again; the
// next command runs the machine anew on the same input, with a new task
// handler from DebugConfig.Tasks, and the same breakpoints.
func (s *DebugSession) Restart() {
	s.Stop()
	s.mu.Lock()
	s.run = nil
	s.mu.Unlock()
}

// Close stops the execution; a session must be closed (or run to its
// end) so that its goroutines end.
func (s *DebugSession) Close() { s.Stop() }

// Next waits until the session stops somewhere it has not reported yet
// and returns the stop, or until the execution ends and returns nil (then
// Result tells how it ended). It returns ErrDebugNotStarted before the
// first command, and ctx's error if ctx ends first. A stop is reported
// once: Next is meant for one consumer (a UI's update loop).
func (s *DebugSession) Next(ctx context.Context) (*DebugStop, error) {
	for {
		s.mu.Lock()
		r := s.run
		switch {
		case r == nil:
			s.mu.Unlock()
			return nil, ErrDebugNotStarted
		case r.stop != nil && r.stop.Seq > s.reported:
			st := r.stop
			s.reported = st.Seq
			s.mu.Unlock()
			return st, nil
		case r.ended:
			s.mu.Unlock()
			return nil, nil
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// Current is the stop the session is at, nil while it runs, has ended or
// has not started.
func (s *DebugSession) Current() *DebugStop {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.run == nil {
		return nil
	}
	return s.run.stop
}

// Result is how the last execution ended; Status is "" until it has.
func (s *DebugSession) Result() Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.run == nil || !s.run.ended {
		return Result{}
	}
	return s.run.result
}

// Execution is the current run's execution (its events, transitions);
// nil before the first command and after Restart.
func (s *DebugSession) Execution() *Execution {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.run == nil {
		return nil
	}
	return s.run.x
}

// Events are the history events of the current run so far.
func (s *DebugSession) Events() []*Event {
	if x := s.Execution(); x != nil {
		return x.Events()
	}
	return nil
}

// stoppedLocked is the current stop, or why there is none; s.mu is held.
func (s *DebugSession) stoppedLocked() (*DebugStop, error) {
	r := s.run
	switch {
	case r == nil:
		return nil, ErrDebugNotStarted
	case r.ended:
		return nil, ErrDebugEnded
	case r.stop == nil:
		return nil, ErrDebugRunning
	}
	return r.stop, nil
}

// command resumes the stopped execution (or starts it) as c asks.
func (s *DebugSession) command(c debugCmd) error {
	s.mu.Lock()
	if s.run == nil {
		if c.kind == cmdSkip || c.kind == cmdSend {
			s.mu.Unlock()
			return ErrDebugNotStarted
		}
		s.startLocked(c)
		s.mu.Unlock()
		return nil
	}
	st, err := s.stoppedLocked()
	if err != nil {
		s.mu.Unlock()
		return err
	}
	switch {
	case st.Reason == ReasonCallback && c.kind != cmdSend:
		err = ErrDebugAwaitsCallback
	case c.kind == cmdSend && st.Reason != ReasonCallback:
		err = ErrDebugNoCallback
	case c.kind == cmdSkip && st.Wait == nil:
		err = ErrDebugNotWaiting
	}
	if err != nil {
		s.mu.Unlock()
		return err
	}
	r := s.run
	r.steer(c, st)
	c.input, c.inputSet = r.input, r.inputSet
	r.input, r.inputSet = nil, false
	r.stop = nil
	s.mu.Unlock()
	r.resume <- c
	return nil
}

// startLocked starts a run that goes as c says; s.mu is held.
func (s *DebugSession) startLocked(c debugCmd) {
	s.runs++
	r := newDebugRun(s, s.runs)
	r.steer(c, &DebugStop{})
	var hs Handlers
	tasks := buildOptions(s.cfg.Options).tasks
	if s.cfg.Tasks != nil {
		tasks = s.cfg.Tasks()
	}
	if tasks != nil {
		switch h := tasks.(type) {
		case Handlers:
			hs = append(hs, h...)
		case nil:
		default:
			hs = append(hs, h)
		}
	}
	hs = append(hs, debugCallbacks{r})
	opts := append(append([]Option(nil), s.cfg.Options...), WithTasks(hs), WithObserver(r))
	r.x = s.m.Start(context.Background(), s.input, opts...)
	s.run = r
	go r.watch()
}

// notifyLocked wakes Next; s.mu is held.
func (s *DebugSession) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}
