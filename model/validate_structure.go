package model

import (
	"strconv"
	"unicode/utf8"
)

// maxStateNameLen is AWS's limit on state names, in characters.
const maxStateNameLen = 80

// topLevelFields are the fields allowed at the top of a definition.
var topLevelFields = map[string]bool{
	"Comment": true, "StartAt": true, "States": true, "TimeoutSeconds": true, "Version": true, "QueryLanguage": true,
}

func (v *validator) topLevel(m *StateMachine) {
	w := where{}
	for _, f := range m.Node.Fields {
		if !topLevelFields[f.Key] {
			v.errorf(CodeSchema, f.KeyPos, w.at(f.Key), "field %q is not supported at the top level of a state machine", f.Key)
		}
	}
	if n := m.Node.Get("Version"); n != nil && n.Kind != String {
		v.errorf(CodeSchema, n.Pos, w.at("Version"), "Version must be a string, not %s", kindName(n))
	}
	if n := m.Node.Get("TimeoutSeconds"); n != nil {
		v.intRange(n, w.at("TimeoutSeconds"), "TimeoutSeconds", 1, maxSeconds)
	}
	if n := m.Node.Get("QueryLanguage"); n != nil {
		v.queryLanguage(n, w.at("QueryLanguage"))
	}
}

func (v *validator) queryLanguage(n *Node, w where) {
	if n.Kind != String || (n.Str != LangJSONPath && n.Str != LangJSONata) {
		v.errorf(CodeSchema, n.Pos, w, "QueryLanguage must be \"JSONPath\" or \"JSONata\", not %s", literal(n))
	}
}

// machineWhere locates the fields of a nested machine within its parent
// state: ["Branches", "1"] or ["ItemProcessor"].
func machineWhere(m *StateMachine) where {
	p := m.Parent
	if p == nil {
		return where{}
	}
	for i, b := range p.Branches {
		if b == m {
			return where{state: p, path: []string{"Branches", strconv.Itoa(i)}}
		}
	}
	if p.Node.Has("ItemProcessor") {
		return where{state: p, path: []string{"ItemProcessor"}}
	}
	return where{state: p, path: []string{"Iterator"}}
}

// machine checks a state machine (the top level, a branch or a processor)
// and every state in it, recursively.
func (v *validator) machine(m *StateMachine) {
	w := machineWhere(m)
	if m.Parent != nil {
		allowed := map[string]bool{"StartAt": true, "States": true, "Comment": true}
		if w.path[0] != "Branches" {
			allowed["ProcessorConfig"] = true
		}
		for _, f := range m.Node.Fields {
			if !allowed[f.Key] {
				v.errorf(CodeSchema, f.KeyPos, w.at(f.Key), "field %q is not supported in %s", f.Key, machineKind(w))
			}
		}
	}
	if n := m.Node.Get("Comment"); n != nil && n.Kind != String {
		v.errorf(CodeSchema, n.Pos, w.at("Comment"), "Comment must be a string, not %s", kindName(n))
	}
	states := m.Node.Get("States")
	switch {
	case states == nil:
		v.errorf(CodeSchema, m.Node.Pos, w, "missing required field States")
	case states.Kind != Object:
		v.errorf(CodeSchema, states.Pos, w.at("States"), "States must be an object, not %s", kindName(states))
	case len(states.Fields) == 0:
		v.errorf(CodeSchema, states.Pos, w.at("States"), "States must have at least one state")
	default:
		for _, f := range states.Fields {
			if f.Value.Kind != Object {
				v.errorf(CodeSchema, f.Value.Pos, where{path: []string{"States", f.Key}}, "state %q must be an object, not %s", f.Key, kindName(f.Value))
			}
		}
	}
	startOK := v.startAt(m, w)
	for _, s := range m.States {
		v.state(s)
		for _, b := range s.Branches {
			v.machine(b)
		}
		if s.Processor != nil {
			v.machine(s.Processor)
		}
	}
	v.transitions(m)
	if startOK {
		v.reachability(m, w)
	}
}

func machineKind(w where) string {
	if w.state == nil {
		return "a state machine"
	}
	if w.path[0] == "Branches" {
		return "a Parallel branch"
	}
	return "a Map " + w.path[0]
}

// startAt checks StartAt and reports whether it names a state of m.
func (v *validator) startAt(m *StateMachine, w where) bool {
	n := m.Node.Get("StartAt")
	switch {
	case n == nil:
		v.errorf(CodeSchema, m.Node.Pos, w, "missing required field StartAt")
		return false
	case n.Kind != String:
		v.errorf(CodeSchema, n.Pos, w.at("StartAt"), "StartAt must be a string, not %s", kindName(n))
		return false
	case m.State(n.Str) != nil:
		return true
	}
	v.errorf(CodeMissingTarget, n.Pos, w.at("StartAt"), "StartAt %s", v.missingTarget(n.Str))
	return false
}

// missingTarget explains why a transition target is not a state of the
// machine it is written in.
func (v *validator) missingTarget(name string) string {
	if v.root.Find(name) != nil {
		return strconv.Quote(name) + " is in another branch or processor; transitions cannot cross into or out of a Parallel branch or a Map processor"
	}
	return strconv.Quote(name) + " does not name a state"
}

// edge is one transition written in a state.
type edge struct {
	target string
	node   *Node
	w      where
	field  string
}

// edges lists the transitions written in s: Next, Default, each choice
// rule's Next and each catcher's Next.
func edges(s *State) []edge {
	w := where{state: s}
	var out []edge
	add := func(n *Node, field string, path ...string) {
		if n != nil && n.Kind == String {
			out = append(out, edge{target: n.Str, node: n, w: w.at(path...), field: field})
		}
	}
	if s.Type != TypeChoice && s.Type != TypeSucceed && s.Type != TypeFail {
		add(s.Node.Get("Next"), "Next", "Next")
	}
	if s.Type == TypeChoice {
		if choices := s.Node.Get("Choices"); choices != nil && choices.Kind == Array {
			for i, c := range choices.Items {
				add(c.Get("Next"), "Next", "Choices", strconv.Itoa(i), "Next")
			}
		}
		add(s.Node.Get("Default"), "Default", "Default")
	}
	if s.Type == TypeTask || s.Type == TypeParallel || s.Type == TypeMap {
		if catch := s.Node.Get("Catch"); catch != nil && catch.Kind == Array {
			for i, c := range catch.Items {
				add(c.Get("Next"), "Next", "Catch", strconv.Itoa(i), "Next")
			}
		}
	}
	return out
}

func (v *validator) transitions(m *StateMachine) {
	for _, s := range m.States {
		for _, e := range edges(s) {
			if m.State(e.target) == nil {
				v.errorf(CodeMissingTarget, e.node.Pos, e.w, "%s %s", e.field, v.missingTarget(e.target))
			}
		}
	}
}

// isTerminal reports whether a state ends its machine.
func isTerminal(s *State) bool {
	return s.Type == TypeSucceed || s.Type == TypeFail || s.End
}

// reachability reports states that cannot be reached from StartAt, a
// machine whose reachable states never end, and states from which no end
// can be reached.
func (v *validator) reachability(m *StateMachine, w where) {
	next := map[*State][]*State{}
	prev := map[*State][]*State{}
	for _, s := range m.States {
		for _, e := range edges(s) {
			if t := m.State(e.target); t != nil {
				next[s] = append(next[s], t)
				prev[t] = append(prev[t], s)
			}
		}
	}
	start := m.State(m.StartAt)
	reached := closure(start, next)
	var ends []*State
	deadEnd := false
	for _, s := range m.States {
		if !reached[s] {
			if m.State(s.Name) == s { // a duplicate name is reported as such
				v.errorf(CodeUnreachableState, s.NamePos, where{state: s}, "cannot be reached from StartAt %q", m.StartAt)
			}
			continue
		}
		switch {
		case isTerminal(s):
			ends = append(ends, s)
		case len(next[s]) == 0:
			// A state without a valid successor is reported as such;
			// whether the machine ends cannot be told.
			deadEnd = true
		}
	}
	if deadEnd {
		return
	}
	if len(ends) == 0 {
		v.errorf(CodeMissingEndState, m.Node.Get("StartAt").Pos, w.at("StartAt"),
			"no terminal state (End: true, Succeed or Fail) can be reached from StartAt %q", m.StartAt)
		return
	}
	canEnd := map[*State]bool{}
	for _, e := range ends {
		for s := range closure(e, prev) {
			canEnd[s] = true
		}
	}
	for _, s := range m.States {
		if reached[s] && !canEnd[s] {
			v.warnf(CodeLoopWithoutExit, s.NamePos, where{state: s}, "no terminal state can be reached from this state; once entered, the execution loops until it times out")
		}
	}
}

// closure returns the states reachable from start along links, start
// included.
func closure(start *State, links map[*State][]*State) map[*State]bool {
	seen := map[*State]bool{start: true}
	stack := []*State{start}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, t := range links[s] {
			if !seen[t] {
				seen[t] = true
				stack = append(stack, t)
			}
		}
	}
	return seen
}

// stateNames reports duplicate state names anywhere in the definition and
// names AWS rejects.
func (v *validator) stateNames(m *StateMachine) {
	first := map[string]*State{}
	m.Walk(func(s *State) bool {
		w := where{state: s}
		if prior, dup := first[s.Name]; dup {
			v.errorf(CodeDuplicateStateName, s.NamePos, w, "state name is already used at %s; names must be unique across the whole definition, branches and processors included", prior.NamePos)
		} else {
			first[s.Name] = s
		}
		switch n := utf8.RuneCountInString(s.Name); {
		case n == 0:
			v.errorf(CodeInvalidStateName, s.NamePos, w, "a state name must not be empty")
		case n > maxStateNameLen:
			v.errorf(CodeInvalidStateName, s.NamePos, w, "state name is %d characters long; the limit is %d", n, maxStateNameLen)
		}
		return true
	})
}
