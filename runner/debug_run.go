package runner

import (
	"errors"
	"sync"
	"sync/atomic"

	"baton/model"
)

// stepMode is how a resumed execution looks for its next stop, besides
// breakpoints.
type stepMode uint8

const (
	modeContinue stepMode = iota
	modeStep              // the next event at the origin's level or above
	modeInto              // the first event in the target branch, else as modeStep
	modeOut               // the next event above the origin's level
)

// debugRun is one run of a debug session: the Observer of its execution.
// Its methods run on the execution's threads; a stop blocks the thread
// (holding the execution) until a command resumes it.
type debugRun struct {
	s *DebugSession
	n int
	x *Execution

	quit     chan struct{} // closed by Stop
	quitOnce sync.Once
	resume   chan debugCmd
	endedCh  chan struct{} // closed once ended and result are set

	// How to look for the next stop. Commands write them only while the
	// execution is stopped, before resuming it.
	mode   stepMode
	origin string // the scope the command was given in
	target string // modeInto: the branch's scope, or the prefix of any
	anyKid bool   // modeInto: target is a prefix
	runTo  string

	pausing atomic.Bool

	// Guarded by s.mu.
	stop        *DebugStop
	pauseCh     chan struct{} // closed by Pause: cuts a real-clock wait
	pauseClosed bool
	input       any // SetInput's value, for the next resume
	inputSet    bool
	ended       bool
	result      Result

	haltMu sync.Mutex // one stop at a time
	// lastErr is the failure last stopped at, so that its propagation
	// through enclosing states does not stop again.
	lastErr *StateError

	tasksMu sync.Mutex
	tasks   map[string]*StateInfo // the Task state running in each scope (the runner's StateInfo)
}

func newDebugRun(s *DebugSession, n int) *debugRun {
	return &debugRun{
		s: s, n: n, quit: make(chan struct{}), resume: make(chan debugCmd, 1), endedCh: make(chan struct{}),
		pauseCh: make(chan struct{}), tasks: map[string]*StateInfo{},
	}
}

// steer sets how the run looks for its next stop after c, given at st.
func (r *debugRun) steer(c debugCmd, st *DebugStop) {
	r.mode, r.origin, r.target, r.anyKid, r.runTo = modeContinue, st.Scope, "", false, ""
	switch c.kind {
	case cmdStep, cmdSkip, cmdSend:
		r.mode = modeStep
	case cmdInto:
		r.mode = modeStep
		if st.editable && (st.Type == model.TypeParallel || st.Type == model.TypeMap) {
			r.mode = modeInto
			if c.index < 0 {
				r.target, r.anyKid = childScope(st.Scope, st.State, 0), true
				r.target = r.target[:len(r.target)-1] // "…/State/"
			} else {
				r.target = childScope(st.Scope, st.State, c.index)
			}
		}
	case cmdOut:
		if st.Scope != "" {
			r.mode = modeOut
		}
	case cmdRunTo:
		r.runTo = c.state
	}
}

// watch records the end of the execution.
func (r *debugRun) watch() {
	res := r.x.Wait()
	s := r.s
	s.mu.Lock()
	r.ended, r.result, r.stop = true, res, nil
	s.notifyLocked()
	s.mu.Unlock()
	close(r.endedCh)
}

// within reports whether scope is origin or encloses it.
func within(scope, origin string) bool {
	if scope == origin || scope == "" {
		return true
	}
	return len(origin) > len(scope) && origin[:len(scope)] == scope && origin[len(scope)] == '/'
}

// decide says whether the run stops at a side of a state, and why.
func (r *debugRun) decide(bt *breakTable, info *StateInfo, w When, data any) (StopReason, bool) {
	if bp := bt.at(info.Name, w); bp != nil && (bp.cond == nil || bp.cond.holds(data, info)) {
		return ReasonBreakpoint, true
	}
	if w == Before && r.runTo == info.Name {
		return ReasonHere, true
	}
	scope := info.Scope
	switch r.mode {
	case modeStep:
		if within(scope, r.origin) {
			return ReasonStep, true
		}
	case modeInto:
		if r.anyKid && len(scope) > len(r.target) && scope[:len(r.target)] == r.target || scope == r.target || within(scope, r.origin) {
			return ReasonStep, true
		}
	case modeOut:
		if scope != r.origin && within(scope, r.origin) {
			return ReasonStep, true
		}
	}
	if r.pausing.Load() {
		return ReasonPause, true
	}
	return 0, false
}

// quiet reports whether nothing can stop the run at a state's side: the
// fast path of a session without breakpoints.
func (r *debugRun) quiet(bt *breakTable) bool {
	return r.mode == modeContinue && r.runTo == "" && !r.pausing.Load() && bt.idle()
}

// BeforeState stops before a state when a breakpoint, a step or a pause
// asks for it; a stop may replace the state's input.
func (r *debugRun) BeforeState(info *StateInfo) {
	if info.Type == model.TypeTask {
		r.tasksMu.Lock()
		r.tasks[info.Scope] = info
		r.tasksMu.Unlock()
	}
	bt := r.s.bps.Load()
	if r.quiet(bt) {
		return
	}
	in, _ := info.Phases.Get(PhaseInput)
	reason, ok := r.decide(bt, info, Before, in)
	if !ok {
		return
	}
	st := r.snapshot(info, info.livePhases(), Before, reason)
	st.editable = true
	if c := r.halt(st); c.inputSet {
		info.SetInput(c.input)
	}
}

// AfterState stops after a state when it failed with an error a
// breakpoint takes (unless that failure stopped already), or when a
// breakpoint, a step or a pause asks for it.
func (r *debugRun) AfterState(info *StateInfo) {
	if info.Type == model.TypeTask {
		r.tasksMu.Lock()
		delete(r.tasks, info.Scope)
		r.tasksMu.Unlock()
	}
	bt := r.s.bps.Load()
	if info.Err != nil && len(bt.errors) > 0 && r.errorStop(bt, info) {
		return
	}
	if r.quiet(bt) {
		return
	}
	data, ok := info.Phases.Get(PhaseOutput)
	if !ok {
		data, _ = info.Phases.Get(PhaseInput)
	}
	if reason, ok := r.decide(bt, info, After, data); ok {
		r.halt(r.snapshot(info, info.Phases, After, reason))
	}
}

// errorStop stops after a state that failed with an error a breakpoint
// takes, unless that failure stopped already.
func (r *debugRun) errorStop(bt *breakTable, info *StateInfo) bool {
	var se *StateError
	if !errors.As(info.Err, &se) || se == r.lastErr || !bt.errorMatches(se, true) {
		return false
	}
	r.lastErr = se
	st := r.snapshot(info, info.Phases, After, ReasonError)
	st.Failure = &FailureInfo{Err: se}
	r.halt(st)
	return true
}

// StateFailed stops at a failed attempt that an error breakpoint takes,
// showing whether a Retry (and after what delay) or a Catch takes it.
func (r *debugRun) StateFailed(f *FailureInfo) {
	bt := r.s.bps.Load()
	if len(bt.errors) == 0 || f.Err == r.lastErr || !bt.errorMatches(f.Err, !f.Retry && !f.Caught) {
		return
	}
	r.lastErr = f.Err
	st := r.snapshot(f.State, f.State.livePhases(), After, ReasonError)
	fc := *f
	fc.State = nil
	st.Failure = &fc
	r.halt(st)
}

// Waiting stops in a wait when a pause asks for it (or BreakOnWaits), and
// lets Pause cut a wait on the real clock short.
func (r *debugRun) Waiting(w *WaitInfo) {
	bt := r.s.bps.Load()
	reason := StopReason(0)
	switch {
	case r.pausing.Load():
		reason = ReasonPause
	case bt.waits:
		reason = ReasonWait
	}
	if reason != 0 {
		st := r.snapshot(w.State, w.State.livePhases(), Before, reason)
		wc := *w
		wc.State, wc.Interrupt = nil, nil
		st.Wait = &wc
		if c := r.halt(st); c.kind == cmdSkip {
			w.Skip()
			return
		}
	}
	r.s.mu.Lock()
	w.Interrupt = r.pauseCh
	r.s.mu.Unlock()
}

// snapshot copies what a stop shows of a state.
func (r *debugRun) snapshot(info *StateInfo, ph Phases, w When, reason StopReason) *DebugStop {
	st := &DebugStop{
		State: info.Name, Type: info.Type, Scope: info.Scope, EnteredEventID: info.EnteredEventID,
		When: w, Reason: reason, Phases: ph, Variables: info.Variables(), Context: info.Context(),
		RetryCount: info.RetryCount(), Time: info.Time(),
	}
	if w == After {
		st.Next, st.Err = info.Next, info.Err
	}
	return st
}

// halt publishes a stop and blocks until a command resumes the run (or
// Stop ends it: then the command is cmdQuit).
func (r *debugRun) halt(st *DebugStop) debugCmd {
	r.haltMu.Lock()
	defer r.haltMu.Unlock()
	s := r.s
	s.mu.Lock()
	select {
	case <-r.quit:
		s.mu.Unlock()
		return debugCmd{kind: cmdQuit}
	default:
	}
	s.seq++
	st.Seq, st.Run = s.seq, r.n
	r.stop = st
	r.pausing.Store(false)
	if r.pauseClosed {
		r.pauseCh, r.pauseClosed = make(chan struct{}), false
	}
	s.notifyLocked()
	s.mu.Unlock()
	select {
	case c := <-r.resume:
		return c
	case <-r.quit:
		return debugCmd{kind: cmdQuit}
	}
}
