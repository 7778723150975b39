package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Edit is one change to a document: every change from the canvas, the
// forms or the text editor is an Edit. Apply changes d.Root in place,
// keeping the key order and the literals of everything it does not touch,
// then calls d.Refresh. When the edit is invalid, Apply returns an error (a
// *EditError, or a *SyntaxError from ReplaceText) and leaves d unchanged.
type Edit interface {
	Apply(d *Document) error
	// Describe says what the edit does, for menus: "Rename "A" to "B"".
	Describe() string
}

// EditError is an edit that cannot be applied.
type EditError struct {
	// Edit is the Describe text of the edit.
	Edit string
	Msg  string
}

// Error returns the edit's description and what is wrong with it.
func (e *EditError) Error() string { return e.Edit + ": " + e.Msg }

func editError(e Edit, format string, args ...any) error {
	return &EditError{Edit: e.Describe(), Msg: fmt.Sprintf(format, args...)}
}

// machine returns d's typed view, deriving it if needed.
func machine(d *Document) *StateMachine {
	if d.Machine == nil {
		d.Refresh()
	}
	return d.Machine
}

// findState returns the state named name anywhere in d.
func findState(e Edit, d *Document, name string) (*State, error) {
	if name == "" {
		return nil, editError(e, "no state name given")
	}
	if s := machine(d).Find(name); s != nil {
		return s, nil
	}
	return nil, editError(e, "there is no state %q", name)
}

// checkNewName reports why name cannot name a new state of d.
func checkNewName(e Edit, d *Document, name string) error {
	if strings.TrimSpace(name) == "" {
		return editError(e, "a state needs a name")
	}
	if machine(d).Find(name) != nil {
		return editError(e, "there is already a state named %q; names are unique across the whole definition", name)
	}
	return nil
}

// scope is a resolved scope path: an existing machine, or a branch or
// processor that does not exist yet and is created when the edit applies.
type scope struct {
	m *StateMachine
	// newOf is the Parallel (a new branch) or Map (its processor) whose
	// scope is created by materialize, when m is nil.
	newOf *State
}

// resolveScope finds the machine that path names: nil is the top level;
// each element steps into "Parallel#i", branch i of a Parallel, or "Map",
// the processor of a Map ("Map#0" too). The last element may name the
// branch just past a Parallel's last one, or a Map without processor: the
// scope is then created.
func resolveScope(e Edit, d *Document, path []string) (scope, error) {
	m := machine(d)
	for i, elem := range path {
		name, idx, hasIdx := elem, 0, false
		if m.State(elem) == nil {
			if at := strings.LastIndexByte(elem, '#'); at >= 0 {
				if n, err := strconv.Atoi(elem[at+1:]); err == nil && n >= 0 {
					name, idx, hasIdx = elem[:at], n, true
				}
			}
		}
		s := m.State(name)
		if s == nil {
			return scope{}, editError(e, "scope %q: there is no state %q there", strings.Join(path[:i+1], "/"), name)
		}
		last := i == len(path)-1
		switch s.Type {
		case TypeParallel:
			if !hasIdx {
				return scope{}, editError(e, "scope %q: say which branch of Parallel %q, as %q", elem, name, name+"#0")
			}
			branches := s.Node.Get("Branches")
			n := 0
			if branches != nil && branches.Kind == Array {
				n = len(branches.Items)
			}
			switch {
			case idx < n && branches.Items[idx].Kind == Object:
				m = branchMachine(s, branches.Items[idx])
			case idx == n && last && (branches == nil || branches.Kind == Array):
				return scope{newOf: s}, nil
			default:
				return scope{}, editError(e, "scope %q: Parallel %q has no branch %d", elem, name, idx)
			}
		case TypeMap:
			if hasIdx && idx != 0 {
				return scope{}, editError(e, "scope %q: a Map has one processor, %q", elem, name)
			}
			if s.Processor == nil {
				if last && !s.Node.Has("ItemProcessor") && !s.Node.Has("Iterator") {
					return scope{newOf: s}, nil
				}
				return scope{}, editError(e, "scope %q: Map %q has no usable ItemProcessor", elem, name)
			}
			m = s.Processor
		default:
			return scope{}, editError(e, "scope %q: %q is a %s state, not a Parallel or a Map", elem, name, orUnknown(s.Type))
		}
	}
	if states := m.Node.Get("States"); states != nil && states.Kind != Object {
		return scope{}, editError(e, "the States of that scope are %s, not an object", article(states.Kind.String()))
	}
	return scope{m: m}, nil
}

func orUnknown(t string) string {
	if t == "" {
		return "typeless"
	}
	return t
}

func branchMachine(s *State, n *Node) *StateMachine {
	for _, b := range s.Branches {
		if b.Node == n {
			return b
		}
	}
	return nil
}

// within reports whether the scope is s's own or nested in it.
func (sc scope) within(s *State) bool {
	p := sc.newOf
	if sc.m != nil {
		p = sc.m.Parent
	}
	for ; p != nil; p = p.Machine.Parent {
		if p == s {
			return true
		}
	}
	return false
}

// materialize returns the scope's machine object and its States object,
// creating what is missing.
func (sc scope) materialize() (machineNode, states *Node) {
	n := sc.newOf
	switch {
	case sc.m != nil:
		machineNode = sc.m.Node
	case n.Type == TypeParallel:
		machineNode = newMachineNode()
		if b := n.Node.Get("Branches"); b != nil {
			b.Items = append(b.Items, machineNode)
		} else {
			n.Node.Set("Branches", NewArray(machineNode))
		}
	default:
		machineNode = newMachineNode()
		n.Node.Set("ItemProcessor", machineNode)
	}
	states = machineNode.Get("States")
	if states == nil {
		states = NewObject()
		machineNode.Set("States", states)
	}
	return machineNode, states
}

func newMachineNode() *Node {
	n := NewObject()
	n.Set("StartAt", NewString(""))
	n.Set("States", NewObject())
	return n
}

// isTerminalType reports whether states of type t never have a Next.
func isTerminalType(t string) bool { return t == TypeSucceed || t == TypeFail }

// ref is one place in a scope that names a state: StartAt, a Next, a
// Default, a Choice rule's Next or a catcher's Next.
type ref struct {
	obj  *Node // the object holding the field
	f    *Field
	kind EdgeKind
}

// refsTo lists the places in m that name target.
func refsTo(m *StateMachine, target string) []ref {
	var refs []ref
	add := func(obj *Node, key string, kind EdgeKind) {
		if f := obj.Field(key); f != nil && f.Value.Kind == String && f.Value.Str == target {
			refs = append(refs, ref{obj, f, kind})
		}
	}
	add(m.Node, "StartAt", EdgeStart)
	for _, s := range m.States {
		add(s.Node, "Next", EdgeNext)
		add(s.Node, "Default", EdgeDefault)
		var rules func([]*ChoiceRule)
		rules = func(rs []*ChoiceRule) {
			for _, r := range rs {
				add(r.Node, "Next", EdgeChoice)
				rules(r.And)
				rules(r.Or)
				if r.Not != nil {
					rules([]*ChoiceRule{r.Not})
				}
			}
		}
		rules(s.Choices)
		for _, c := range s.Catch {
			add(c.Node, "Next", EdgeCatch)
		}
	}
	return refs
}

// setNext makes state object n go to target: its Next changes, or its End
// becomes a Next in the same place.
func setNext(n *Node, target string) { swapTransition(n, "Next", "End", NewString(target)) }

// setEnd makes state object n terminal: its Next becomes "End": true in
// the same place.
func setEnd(n *Node) { swapTransition(n, "End", "Next", NewBool(true)) }

func swapTransition(n *Node, key, other string, v *Node) {
	f := n.Field(key)
	if f == nil {
		if f = n.Field(other); f != nil {
			f.Key, f.KeyRaw = key, ""
		}
	}
	if f == nil {
		n.Set(key, v)
		return
	}
	f.Value = v
	n.Delete(other)
}

// stateField returns the field of states that holds state object n.
func stateField(states, n *Node) *Field {
	for _, f := range states.Fields {
		if f.Value == n {
			return f
		}
	}
	return nil
}

// removeField removes field f from object n.
func removeField(n *Node, f *Field) {
	for i, g := range n.Fields {
		if g == f {
			n.Fields = append(n.Fields[:i], n.Fields[i+1:]...)
			return
		}
	}
}

// insertField inserts f into object n at index i.
func insertField(n *Node, i int, f *Field) {
	n.Fields = append(n.Fields, nil)
	copy(n.Fields[i+1:], n.Fields[i:])
	n.Fields[i] = f
}
