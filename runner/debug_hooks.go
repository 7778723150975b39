package runner

import "time"

// The hooks below extend Observer for a step debugger. An observer that
// implements WaitObserver or FailureObserver is called at those points
// too; a plain run (no observer) pays one nil check.

// WaitObserver is an Observer that also sees every wait on the
// execution's clock: a Wait state's, and the delay before a retry.
type WaitObserver interface {
	// Waiting is called on the waiting thread before the wait starts, and
	// again whenever WaitInfo.Interrupt cut it short. It may block (the
	// execution pauses) and may call Skip.
	Waiting(w *WaitInfo)
}

// WaitInfo describes a wait that is about to start (or go on).
type WaitInfo struct {
	// State is the state that waits.
	State *StateInfo
	// Retry is set for the delay before a retry, unset for a Wait state.
	Retry bool
	// Duration is the whole wait; Until is when it ends on the
	// execution's clock; Remaining is what is left of it.
	Duration, Remaining time.Duration
	Until               time.Time
	// Interrupt, when the observer sets it, ends a wait on the real clock
	// early once it is closed; Waiting is then called again with what
	// remains. (A wait on the virtual clock takes no real time.)
	Interrupt <-chan struct{}

	skip bool
}

// Skip ends the wait at once: the state goes on without waiting and the
// clock does not move for it.
func (w *WaitInfo) Skip() { w.skip = true }

// FailureObserver is an Observer that also sees every failure of a
// state's attempt, before its Retry or Catch takes it: failures that are
// retried or caught never reach AfterState as StateInfo.Err.
type FailureObserver interface {
	StateFailed(f *FailureInfo)
}

// FailureInfo describes one failed attempt of a state.
type FailureInfo struct {
	// State is the state that failed.
	State *StateInfo
	// Err is the failure.
	Err *StateError
	// Retry is set when a Retrier takes the failure: the next attempt
	// starts after RetryDelay.
	Retry      bool
	RetryDelay time.Duration
	// Caught is set when a Catcher takes the failure; Next is the state
	// it goes to.
	Caught bool
	Next   string
}

// Variables returns the workflow variables the state sees (those of
// enclosing scopes included, inner ones first) as a new map. Like the
// other live views, it is valid only while the observer is being called.
func (s *StateInfo) Variables() map[string]any {
	if s.t == nil {
		return nil
	}
	out := map[string]any{}
	for sc := s.t.vars; sc != nil; sc = sc.parent {
		for k, v := range sc.vals {
			if _, ok := out[k]; !ok {
				out[k] = v
			}
		}
	}
	return out
}

// Context returns the state's context object ($$).
func (s *StateInfo) Context() map[string]any {
	if s.t == nil {
		return nil
	}
	return s.t.contextObject()
}

// RetryCount is how many times the state has been retried so far.
func (s *StateInfo) RetryCount() int {
	if s.t == nil {
		return 0
	}
	return s.t.retryCount
}

// Time is the execution's current time (virtual by default).
func (s *StateInfo) Time() time.Time {
	if s.t == nil {
		return time.Time{}
	}
	return s.t.x.now()
}

// SetInput makes the state run on v instead of its input; it has an
// effect only in BeforeState. The history keeps the input the state
// entered with.
func (s *StateInfo) SetInput(v any) { s.input, s.inputSet = v, true }

// livePhases are the phases the state has reached so far, read from its
// thread (StateInfo.Phases is a copy taken when the observer was called).
func (s *StateInfo) livePhases() Phases {
	if s.t == nil || s.t.ph == nil {
		return s.Phases
	}
	return *s.t.ph
}

// stateInfo describes the thread's current state for a hook.
func (t *thread) stateInfo() *StateInfo {
	info := &StateInfo{Name: t.state.name, Type: t.state.typ, Scope: t.scopeName(), EnteredEventID: t.enteredID, t: t}
	if t.ph != nil {
		info.Phases = *t.ph
	}
	return info
}

// wait waits d on the execution's clock, through the observer's Waiting
// hook when it has one.
func (t *thread) wait(d time.Duration, retry bool) {
	wo, ok := t.x.opts.observer.(WaitObserver)
	if !ok || d <= 0 {
		t.x.sched.sleep(t.g, d)
		return
	}
	until := t.x.now().Add(d)
	w := &WaitInfo{State: t.stateInfo(), Retry: retry, Duration: d, Remaining: d, Until: until}
	for {
		wo.Waiting(w)
		if w.skip || t.ctx.Err() != nil {
			return
		}
		t.g.cut = w.Interrupt
		t.x.sched.sleep(t.g, w.Remaining)
		t.g.cut = nil
		select {
		case <-w.Interrupt:
		default:
			return // the wait ran its course (or the thread was stopped)
		}
		w.Remaining = until.Sub(t.x.now())
		if w.Remaining <= 0 || t.ctx.Err() != nil {
			return
		}
		w.State.Phases = w.State.livePhases()
	}
}

// failed tells a FailureObserver about a failed attempt: retried after
// delay, caught by a catcher going to next, or neither.
func (t *thread) failed(se *StateError, delay time.Duration, retry bool, next *cstate) {
	fo, ok := t.x.opts.observer.(FailureObserver)
	if !ok {
		return
	}
	f := &FailureInfo{State: t.stateInfo(), Err: se, Retry: retry, RetryDelay: delay}
	if next != nil {
		f.Caught, f.Next = true, next.name
	}
	fo.StateFailed(f)
}

// observed is the StateInfo observers get for state s: the thread's own,
// reused state after state, so that observing allocates nothing.
func (t *thread) observed(s *cstate) *StateInfo {
	if t.info == nil {
		t.info = &StateInfo{}
	}
	*t.info = StateInfo{Name: s.name, Type: s.typ, Scope: t.scopeName(), EnteredEventID: t.enteredID, Phases: *t.ph, t: t}
	return t.info
}
