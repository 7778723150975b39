package cloud

import (
	"strings"
)

// Replay is a history prepared for stepping through on the canvas: for
// every event, the state it belongs to, the Map iterations it runs in,
// and the data it carries; and for any position, the outcome of every
// state so far (to colour the canvas). It works the same on an imported
// execution, a history file saved by the AWS CLI, and a local run.
type Replay struct {
	Steps []ReplayStep
}

// ReplayStep is one event of a replay.
type ReplayStep struct {
	Event HistoryEvent
	// State is the state the event belongs to; "" for the execution's
	// own events (ExecutionStarted, ExecutionSucceeded, …).
	State string
	// Scope lists the Map iterations the event runs in, outermost first,
	// as "MapState#index".
	Scope []string
	// Input, Output (JSON text), Error and Cause are what the event's
	// details carry, "" when they carry none.
	Input, Output, Error, Cause string
}

// Outcome is how far a state got, for colouring.
type Outcome int

// Outcomes, from least to most important when several iterations of a
// state disagree.
const (
	NotRun Outcome = iota
	Succeeded
	Running
	Failed
)

func (o Outcome) String() string {
	return [...]string{"not run", "succeeded", "running", "failed"}[o]
}

// NewReplay prepares events (in id order, as GetExecutionHistory returns
// them) for replay.
func NewReplay(events []HistoryEvent) *Replay {
	r := &Replay{Steps: make([]ReplayStep, len(events))}
	index := make(map[int64]int, len(events))
	// container is, for each step, the step that started the Parallel or
	// Map it runs in (-1 at the top level): their end events chain to the
	// last event of a branch or iteration, yet belong to the container.
	container := make([]int, len(events))
	for i, e := range events {
		container[i] = -1
		index[e.ID] = i
		s := &r.Steps[i]
		s.Event = e
		var name string
		if len(e.Details) > 0 {
			eachMember(e.Details, func(k string, v []byte) error {
				switch k {
				case "name":
					name, _ = unquote(v)
				case "input":
					s.Input, _ = unquote(v)
				case "output":
					s.Output, _ = unquote(v)
				case "error":
					s.Error, _ = unquote(v)
				case "cause":
					s.Cause, _ = unquote(v)
				}
				return nil
			})
		}
		prev, hasPrev := index[e.PreviousEventID]
		if hasPrev && e.PreviousEventID != 0 {
			p := &r.Steps[prev]
			s.Scope, s.State = p.Scope, p.State
			container[i] = container[prev]
			if p.Event.Type == "ParallelStateStarted" || p.Event.Type == "MapStateStarted" {
				container[i] = prev
			}
			if p.Event.Type == "MapIterationStarted" {
				var it, index string
				eachMember(p.Event.Details, func(k string, v []byte) error {
					switch k {
					case "name":
						it, _ = unquote(v)
					case "index":
						index = string(v)
					}
					return nil
				})
				s.Scope = append(p.Scope[:len(p.Scope):len(p.Scope)], it+"#"+index)
			}
		}
		switch {
		case strings.HasSuffix(e.Type, "StateEntered"), strings.HasSuffix(e.Type, "StateExited"):
			s.State = name
		case strings.HasPrefix(e.Type, "Execution"):
			s.State = ""
		case e.Type == "MapIterationStarted":
			// AWS chains an iteration to the last event of the one
			// before it: leave that iteration.
			if n := len(s.Scope); n > 0 && strings.HasPrefix(s.Scope[n-1], name+"#") {
				s.Scope = s.Scope[:n-1]
			}
		case containerEnds[e.Type]:
			if c := container[i]; c >= 0 {
				s.State, s.Scope = r.Steps[c].State, r.Steps[c].Scope
				container[i] = container[c]
			}
		case e.Type == "MapIterationSucceeded" || e.Type == "MapIterationFailed" || e.Type == "MapIterationAborted":
			if n := len(s.Scope); n > 0 {
				s.Scope = s.Scope[:n-1]
			}
			s.State = name
		}
	}
	return r
}

// containerEnds are the events that end a Parallel's branches or a Map's
// iterations.
var containerEnds = map[string]bool{
	"ParallelStateSucceeded": true, "ParallelStateFailed": true, "ParallelStateAborted": true,
	"MapStateSucceeded": true, "MapStateFailed": true, "MapStateAborted": true,
}

// failures are the event types that mark their state failed.
func isFailure(typ string) bool {
	for _, suffix := range []string{"Failed", "TimedOut", "Aborted"} {
		if strings.HasSuffix(typ, suffix) {
			return true
		}
	}
	return false
}

// Outcomes returns the outcome of every state that has run up to and
// including step i. A state that ran in several Map iterations shows the
// most important outcome among them (failed, then running, then
// succeeded).
func (r *Replay) Outcomes(i int) map[string]Outcome {
	type key struct{ scope, state string }
	last := map[key]Outcome{}
	var running []key
	for j := 0; j <= i && j < len(r.Steps); j++ {
		s := &r.Steps[j]
		typ := s.Event.Type
		if s.State == "" {
			if typ == "ExecutionFailed" || typ == "ExecutionTimedOut" || typ == "ExecutionAborted" {
				for _, k := range running {
					if last[k] == Running {
						last[k] = Failed
					}
				}
			}
			continue
		}
		k := key{strings.Join(s.Scope, "/"), s.State}
		switch {
		case strings.HasSuffix(typ, "StateEntered"), strings.HasSuffix(typ, "Scheduled"), strings.HasSuffix(typ, "Started"):
			last[k] = Running
			running = append(running, k)
		case strings.HasSuffix(typ, "StateExited"):
			last[k] = Succeeded
		case isFailure(typ):
			last[k] = Failed
		}
	}
	out := map[string]Outcome{}
	for k, o := range last {
		if o > out[k.state] {
			out[k.state] = o
		}
	}
	return out
}
