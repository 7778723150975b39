package model

import (
	"slices"
	"strings"
)

// Workflow variables get their values from Assign fields: a state's own
// (applied when it leaves through Next, or through a Choice's Default),
// a Choice rule's, or a Catch's. A state can read the variables assigned on
// some path that reaches it. A Parallel branch or a Map processor also
// reads what its Parallel or Map state can read, and what it assigns stays
// inside; a distributed Map's child executions read nothing from outside.

// VariableFlow gives, for every state of a definition (nested ones
// included), the names of the workflow variables it can read, sorted.
// The designer completes "$" with them and the debugger watches them.
func VariableFlow(m *StateMachine) map[*State][]string {
	f := map[*State][]string{}
	flowInto(m, nil, f)
	return f
}

// ReadableVariables returns the names of the workflow variables state s can
// read, sorted.
func ReadableVariables(s *State) []string {
	if s == nil || s.Machine == nil {
		return nil
	}
	return VariableFlow(s.Machine.Root())[s]
}

// flowInto computes the variables of the states of machine m, whose start
// state can read outer, into f.
func flowInto(m *StateMachine, outer []string, f map[*State][]string) {
	if m == nil {
		return
	}
	in := map[*State]map[string]bool{}
	// reach adds names to what s can read; it reports whether s must be
	// (re)visited: when first reached, or when it can read more.
	reach := func(s *State, names ...[]string) bool {
		set, seen := in[s]
		if !seen {
			set = map[string]bool{}
			in[s] = set
		}
		grew := !seen
		for _, list := range names {
			for _, n := range list {
				if !set[n] {
					set[n], grew = true, true
				}
			}
		}
		return grew
	}
	start := m.State(m.StartAt)
	if start == nil {
		return
	}
	reach(start, outer)
	work := []*State{start}
	for len(work) > 0 {
		s := work[len(work)-1]
		work = work[:len(work)-1]
		here := keys(in[s])
		for _, e := range assigningEdges(s) {
			if t := m.State(e.to); t != nil && reach(t, here, e.assigns) {
				work = append(work, t)
			}
		}
	}
	for _, s := range m.States {
		names := keys(in[s])
		f[s] = names
		inner := names
		if s.Type == TypeMap && s.Processor != nil && s.Processor.ProcessorConfig.Get("Mode").Text() == "DISTRIBUTED" {
			inner = nil
		}
		for _, b := range s.Branches {
			flowInto(b, inner, f)
		}
		flowInto(s.Processor, inner, f)
	}
}

// assigningEdge is a transition and the variables it assigns.
type assigningEdge struct {
	to      string
	assigns []string
}

func assigningEdges(s *State) []assigningEdge {
	var es []assigningEdge
	if s.Type == TypeChoice {
		for _, r := range s.Choices {
			es = append(es, assigningEdge{r.Next, AssignedNames(r.Assign)})
		}
		if s.Default != "" {
			es = append(es, assigningEdge{s.Default, AssignedNames(s.Assign)})
		}
	} else if s.Next != "" {
		es = append(es, assigningEdge{s.Next, AssignedNames(s.Assign)})
	}
	for _, c := range s.Catch {
		es = append(es, assigningEdge{c.Next, AssignedNames(c.Assign)})
	}
	return es
}

// AssignedNames returns the names of the variables an Assign object
// assigns ("x.$" assigns x), in source order.
func AssignedNames(assign *Node) []string {
	if assign == nil || assign.Kind != Object {
		return nil
	}
	names := make([]string, 0, len(assign.Fields))
	for _, f := range assign.Fields {
		names = append(names, strings.TrimSuffix(f.Key, ".$"))
	}
	return names
}

func keys(set map[string]bool) []string {
	if len(set) == 0 {
		return nil
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
