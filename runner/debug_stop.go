package runner

import (
	"strconv"
	"strings"
	"time"
)

// When says where in a state a debug session stopped: before its work
// (its input is known) or after it (its output, or its failure, is).
type When uint8

// The two sides of a state.
const (
	Before When = iota
	After
)

func (w When) String() string {
	if w == After {
		return "after"
	}
	return "before"
}

// StopReason says why a debug session stopped.
type StopReason uint8

// The reasons a session stops.
const (
	// ReasonBreakpoint: a breakpoint on the state (its condition held).
	ReasonBreakpoint StopReason = iota + 1
	// ReasonStep: a Step, Step Into, Step Out (or a Skip or a callback
	// answer, which go on as a Step) arrived.
	ReasonStep
	// ReasonError: the state failed and an error breakpoint took it.
	ReasonError
	// ReasonCallback: a .waitForTaskToken task waits for SendSuccess,
	// SendFailure or SendHeartbeat.
	ReasonCallback
	// ReasonPause: Pause was asked for.
	ReasonPause
	// ReasonWait: a Wait state or a retry delay starts (BreakOnWaits).
	ReasonWait
	// ReasonHere: RunTo's state was reached.
	ReasonHere
)

var reasonNames = [...]string{"", "breakpoint", "step", "error", "callback", "pause", "wait", "here"}

func (r StopReason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return "reason?"
}

// DebugStop is where a paused debug session stands and what the state's
// data looks like there. It is a snapshot: it stays as it is after the
// session moves on, and may be read from any goroutine.
type DebugStop struct {
	// Seq numbers the stops of a session (1, 2, …, across restarts); Run
	// numbers its runs (1, then one more per Restart).
	Seq, Run int
	// State, Type and Scope name the state ("" scope at the top level,
	// else e.g. "Fan/1" or "Items/3/Inner/0", as StateInfo.Scope).
	State, Type, Scope string
	// EnteredEventID is the id of the state's entered event.
	EnteredEventID int64
	When           When
	Reason         StopReason
	// Phases are the data phases the state has reached.
	Phases Phases
	// Variables are the workflow variables in scope; Context is the
	// context object ($$).
	Variables map[string]any
	Context   map[string]any
	// RetryCount is how many times the state has been retried so far.
	RetryCount int
	// Time is the execution's clock (virtual by default) at the stop.
	Time time.Time
	// Next and Err are set after a state: the state that follows, and
	// the failure that ended it.
	Next string
	Err  error
	// Failure is the failed attempt of a ReasonError stop: whether a
	// Retry takes it (and after what delay) or a Catch (and to where).
	Failure *FailureInfo
	// Wait is set while the state waits (a Wait state, or the delay
	// before a retry): how long, until when on the execution's clock, and
	// what is left. Skip ends it.
	Wait *WaitInfo
	// Token and Heartbeats are set for ReasonCallback: the task token,
	// and how many heartbeats the task has received.
	Token      string
	Heartbeats int

	// editable marks a stop before a state's work, where SetInput works.
	editable bool
}

// String is how the terminal debugger reports the stop: the state, before
// or after, and the reason ("error NAME" for an error).
func (s *DebugStop) String() string {
	reason := s.Reason.String()
	if s.Reason == ReasonError && s.Failure != nil && s.Failure.Err != nil {
		reason += " " + s.Failure.Err.Name
	}
	return s.State + " " + s.When.String() + " " + reason
}

// InspectionJSON writes the stop's data as one JSON object with the keys
// of the TestState API's inspection data, in its order: each phase the
// state reached ("input", "afterInputPath", "afterParameters", "result",
// "afterResultSelector", "afterResultPath", "output"), then "variables"
// when any are in scope. Values are JSON, not strings of JSON.
func (s *DebugStop) InspectionJSON() []byte {
	b := []byte{'{'}
	field := func(k string, v any) {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = appendValue(b, v)
	}
	for p := Phase(0); p < numPhases; p++ {
		if v, ok := s.Phases.Get(p); ok {
			field(p.String(), v)
		}
	}
	if len(s.Variables) > 0 {
		field("variables", s.Variables)
	}
	return append(b, '}')
}

// PhaseByName returns the value at the phase the TestState API names
// name ("input", "afterParameters", …, "output"), and whether the state
// reached it.
func (s *DebugStop) PhaseByName(name string) (any, bool) {
	for p := Phase(0); p < numPhases; p++ {
		if p.String() == name {
			return s.Phases.Get(p)
		}
	}
	return nil, false
}

// ScopeFrame is one level of a scope: branch or iteration Index of the
// Parallel or Map state State.
type ScopeFrame struct {
	State string
	Index int
}

// ScopeFrames splits a scope ("Fan/1/Items/3") into its frames, outermost
// first: the call stack of branches and iterations. (A state name that
// itself holds "/" and a number cannot be told apart.)
func ScopeFrames(scope string) []ScopeFrame {
	var frames []ScopeFrame
	name := ""
	for _, part := range strings.Split(scope, "/") {
		if n, err := strconv.Atoi(part); err == nil && name != "" && n >= 0 {
			frames = append(frames, ScopeFrame{State: name, Index: n})
			name = ""
			continue
		}
		if name != "" {
			name += "/"
		}
		name += part
	}
	return frames
}
