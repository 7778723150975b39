package runner

import (
	"fmt"
	"sort"
)

// Breakpoint stops a debug session at a state, in every branch and
// iteration it runs in.
type Breakpoint struct {
	// State is the state's name.
	State string
	// When is the side of the state to stop at: Before its work, or After
	// it (whether it succeeded or failed).
	When When
	// Condition, if set, must hold for the session to stop: a JSONPath
	// filter expression over the state's data ($: its input before the
	// state, its output after it), its variables ($name) and the context
	// object ($$), e.g. `$.count > 3 && $attempts == 2`; or a JSONata
	// expression that yields true, with the data as $states.input, e.g.
	// `{% $states.input.count > 3 and $attempts = 2 %}`.
	Condition string

	cond *condition
}

// ErrorBreak stops a debug session when a state fails.
type ErrorBreak struct {
	// Name is the error to stop on; "" or States.ALL stop on any error.
	Name string
	// UncaughtOnly skips failures that a Retry or a Catch of the state
	// takes.
	UncaughtOnly bool
}

func (e ErrorBreak) matches(se *StateError, uncaught bool) bool {
	if e.UncaughtOnly && !uncaught {
		return false
	}
	return e.Name == "" || e.Name == ErrAll || e.Name == se.Name
}

// breakTable is a session's breakpoints. It is never changed once
// published: a change builds a new table, so the execution reads the
// current one without a lock.
type breakTable struct {
	states map[string]*[2]*Breakpoint // by state name: [Before], [After]
	errors []ErrorBreak
	waits  bool
}

// idle reports whether the table can never stop the session.
func (bt *breakTable) idle() bool {
	return len(bt.states) == 0 && len(bt.errors) == 0 && !bt.waits
}

// at is the breakpoint on a state's side, if any.
func (bt *breakTable) at(name string, w When) *Breakpoint {
	if sb := bt.states[name]; sb != nil {
		return sb[w]
	}
	return nil
}

func (bt *breakTable) errorMatches(se *StateError, uncaught bool) bool {
	for _, e := range bt.errors {
		if e.matches(se, uncaught) {
			return true
		}
	}
	return false
}

func (bt *breakTable) clone() *breakTable {
	c := &breakTable{states: make(map[string]*[2]*Breakpoint, len(bt.states)), errors: append([]ErrorBreak(nil), bt.errors...), waits: bt.waits}
	for k, v := range bt.states {
		sb := *v
		c.states[k] = &sb
	}
	return c
}

// editBreaks applies a change to a copy of the breakpoints and publishes
// it.
func (s *DebugSession) editBreaks(change func(bt *breakTable)) {
	s.bpMu.Lock()
	defer s.bpMu.Unlock()
	bt := s.bps.Load().clone()
	change(bt)
	s.bps.Store(bt)
}

// SetBreakpoint sets (or replaces) the breakpoint on a side of a state.
// It fails for a state the machine does not have and for a condition
// that does not parse.
func (s *DebugSession) SetBreakpoint(bp Breakpoint) error {
	if s.m.findState(bp.State) == nil {
		return fmt.Errorf("no state named %q", bp.State)
	}
	if bp.When != Before && bp.When != After {
		return fmt.Errorf("breakpoint on %q: When must be Before or After", bp.State)
	}
	bp.cond = nil
	if bp.Condition != "" {
		c, err := compileCondition(bp.Condition)
		if err != nil {
			return err
		}
		bp.cond = c
	}
	s.editBreaks(func(bt *breakTable) {
		sb := bt.states[bp.State]
		if sb == nil {
			sb = &[2]*Breakpoint{}
			bt.states[bp.State] = sb
		}
		sb[bp.When] = &bp
	})
	return nil
}

// ClearBreakpoint removes the breakpoint on a side of a state.
func (s *DebugSession) ClearBreakpoint(state string, w When) {
	s.editBreaks(func(bt *breakTable) {
		if sb := bt.states[state]; sb != nil && w <= After {
			sb[w] = nil
			if sb[Before] == nil && sb[After] == nil {
				delete(bt.states, state)
			}
		}
	})
}

// Breakpoints lists the state breakpoints, by state name, Before first.
func (s *DebugSession) Breakpoints() []Breakpoint {
	bt := s.bps.Load()
	var out []Breakpoint
	for _, sb := range bt.states {
		for _, bp := range sb {
			if bp != nil {
				out = append(out, *bp)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].State != out[j].State {
			return out[i].State < out[j].State
		}
		return out[i].When < out[j].When
	})
	return out
}

// BreakOnError adds an error breakpoint.
func (s *DebugSession) BreakOnError(e ErrorBreak) {
	s.editBreaks(func(bt *breakTable) { bt.errors = append(bt.errors, e) })
}

// ClearErrorBreaks removes every error breakpoint.
func (s *DebugSession) ClearErrorBreaks() {
	s.editBreaks(func(bt *breakTable) { bt.errors = nil })
}

// BreakOnWaits makes the session stop (ReasonWait) whenever a Wait state
// or a retry delay starts, where Skip can end it.
func (s *DebugSession) BreakOnWaits(on bool) {
	s.editBreaks(func(bt *breakTable) { bt.waits = on })
}

// findState finds a state by name in the machine, nested ones included.
func (m *Machine) findState(name string) *cstate {
	var find func(p *program) *cstate
	find = func(p *program) *cstate {
		if s := p.states[name]; s != nil {
			return s
		}
		for _, s := range p.states {
			switch k := s.kind.(type) {
			case *parallelKind:
				for _, b := range k.branches {
					if f := find(b); f != nil {
						return f
					}
				}
			case *mapKind:
				if f := find(k.proc); f != nil {
					return f
				}
			}
		}
		return nil
	}
	return find(m.main)
}
