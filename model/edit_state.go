package model

import "strconv"

// AddState adds a state. With After (and Kind), it goes into one of
// After's transitions, as when a state is dropped onto an arrow: After now
// goes to the new state, and the new state goes where After went. With
// Kind EdgeStart it goes first: StartAt names it and it goes to the old
// StartAt. Otherwise it is added unconnected, except that the first state
// of an empty scope becomes its StartAt and ends it.
type AddState struct {
	// Scope is where the state goes: nil for the top level, else the path
	// of enclosing containers, "Parallel#i" for branch i of a Parallel and
	// "Map" for a Map's processor (see ScopePath). The branch just past a
	// Parallel's last one, or the processor of a Map without one, is
	// created.
	Scope []string
	Name  string
	// State is the state's object, e.g. {"Type": "Pass", "End": true}; it
	// is copied.
	State *Node
	// After names a state of the scope whose transition the new state is
	// inserted into.
	After string
	// Kind says which of After's transitions: EdgeNext (also when zero;
	// EdgeEnd for a terminal After is the same), EdgeChoice or EdgeCatch
	// with Index, or EdgeDefault. EdgeStart, with no After, inserts before
	// the scope's StartAt.
	Kind  EdgeKind
	Index int
}

// Describe implements Edit.
func (a AddState) Describe() string { return "Add state " + strconv.Quote(a.Name) }

// Apply implements Edit.
func (a AddState) Apply(d *Document) error {
	if err := checkNewName(a, d, a.Name); err != nil {
		return err
	}
	if a.State == nil || a.State.Kind != Object {
		return editError(a, "a state must be an object")
	}
	in, err := planInsert(a, d, a.Scope, a.State, a.After, a.Kind, a.Index)
	if err != nil {
		return err
	}
	in.apply(a.Name, a.State.Clone())
	d.Refresh()
	return nil
}

// insertion is a validated place for a new state in a scope.
type insertion struct {
	sc      scope
	after   *State // the state whose transition is rewired; nil at the start
	atStart bool
	// point and key are the object and field of the transition rewired
	// to the new state; old is where it went. viaNext is set when that is
	// After's Next (or End).
	point   *Node
	key     string
	old     string
	viaNext bool
	typ     string
}

func (in *insertion) connected() bool { return in.atStart || in.after != nil }

func planInsert(e Edit, d *Document, path []string, state *Node, after string, kind EdgeKind, index int) (*insertion, error) {
	sc, err := resolveScope(e, d, path)
	if err != nil {
		return nil, err
	}
	in := &insertion{sc: sc, typ: state.Get("Type").Text()}
	switch {
	case kind == EdgeStart:
		if after != "" {
			return nil, editError(e, "insert at the start or after %q, not both", after)
		}
		in.atStart, in.key = true, "StartAt"
		if sc.m != nil {
			in.old = sc.m.StartAt
			if sc.m.State(in.old) == nil {
				in.old = ""
			}
		}
	case after != "":
		var a *State
		if sc.m != nil {
			a = sc.m.State(after)
		}
		if a == nil {
			return nil, editError(e, "there is no state %q in that scope", after)
		}
		in.after = a
		if err := in.pickTransition(e, kind, index); err != nil {
			return nil, err
		}
	case kind != 0:
		return nil, editError(e, "a %s transition needs the state it leaves (After)", kind)
	}
	if in.old != "" && isTerminalType(in.typ) {
		return nil, editError(e, "a %s state has no Next, so it cannot go between %q and %q", in.typ, after, in.old)
	}
	return in, nil
}

// pickTransition chooses which transition of in.after the new state goes
// into.
func (in *insertion) pickTransition(e Edit, kind EdgeKind, index int) error {
	a := in.after
	switch kind {
	case 0, EdgeNext, EdgeEnd:
		if a.Type == TypeChoice || isTerminalType(a.Type) {
			return editError(e, "%q is a %s state: it has no Next to insert into", a.Name, a.Type)
		}
		if kind == EdgeEnd && !a.End {
			return editError(e, "%q does not end its scope", a.Name)
		}
		in.point, in.key, in.old, in.viaNext = a.Node, "Next", a.Next, true
	case EdgeChoice:
		if a.Type != TypeChoice || index < 0 || index >= len(a.Choices) {
			return editError(e, "%q has no Choice rule %d", a.Name, index)
		}
		in.point, in.key, in.old = a.Choices[index].Node, "Next", a.Choices[index].Next
	case EdgeDefault:
		if a.Type != TypeChoice {
			return editError(e, "%q is not a Choice state: it has no Default", a.Name)
		}
		in.point, in.key, in.old = a.Node, "Default", a.Default
	case EdgeCatch:
		if index < 0 || index >= len(a.Catch) {
			return editError(e, "%q has no catcher %d", a.Name, index)
		}
		in.point, in.key, in.old = a.Catch[index].Node, "Next", a.Catch[index].Next
	default:
		return editError(e, "cannot insert into a %s transition", kind)
	}
	return nil
}

// apply inserts state object n named name.
func (in *insertion) apply(name string, n *Node) {
	machineNode, states := in.sc.materialize()
	empty := len(states.Fields) == 0
	at := len(states.Fields)
	switch {
	case in.atStart:
		at = 0
	case in.after != nil:
		for i, f := range states.Fields {
			if f.Value == in.after.Node {
				at = i + 1
			}
		}
	}
	insertField(states, at, &Field{Key: name, Value: n})
	canEnd := in.typ != TypeChoice && !isTerminalType(in.typ)
	if !in.connected() {
		if start := machineNode.Get("StartAt"); empty || start.Text() == "" {
			machineNode.Set("StartAt", NewString(name))
			if empty && canEnd && !n.Has("Next") && !n.Has("End") {
				setEnd(n)
			}
		}
		return
	}
	switch {
	case in.old != "" && in.typ == TypeChoice:
		if !n.Has("Default") {
			n.Set("Default", NewString(in.old))
		}
	case in.old != "":
		setNext(n, in.old)
	case canEnd && (in.viaNext || in.atStart && !n.Has("Next")):
		setEnd(n) // it takes the place of the end
	}
	switch {
	case in.atStart:
		machineNode.Set("StartAt", NewString(name))
	case in.viaNext:
		setNext(in.point, name)
	default:
		in.point.Set(in.key, NewString(name))
	}
}

// RemoveState deletes a state (with everything inside it, for a Parallel
// or Map). What pointed at it is reconnected: when the state has exactly
// one successor (its Next, or the one target of all a Choice's rules and
// Default), everything that went to it goes there instead; when it ended
// its scope, states whose Next it was end instead. Other references are
// left for validation to report.
type RemoveState struct{ Name string }

// Describe implements Edit.
func (r RemoveState) Describe() string { return "Delete state " + strconv.Quote(r.Name) }

// Apply implements Edit.
func (r RemoveState) Apply(d *Document) error {
	rm, err := planRemove(r, d, r.Name)
	if err != nil {
		return err
	}
	rm.apply()
	d.Refresh()
	return nil
}

type removal struct {
	s        *State
	states   *Node
	f        *Field
	refs     []ref
	succ     string
	terminal bool
}

func planRemove(e Edit, d *Document, name string) (*removal, error) {
	s, err := findState(e, d, name)
	if err != nil {
		return nil, err
	}
	rm := &removal{s: s, states: s.Machine.Node.Get("States")}
	rm.f = stateField(rm.states, s.Node)
	if rm.f == nil {
		return nil, editError(e, "state %q is not in its scope's States", name)
	}
	rm.succ = s.Next
	if s.Type == TypeChoice {
		targets := map[string]bool{}
		for _, c := range s.Choices {
			targets[c.Next] = true
		}
		if s.Default != "" {
			targets[s.Default] = true
		}
		rm.succ = ""
		if len(targets) == 1 {
			for t := range targets {
				rm.succ = t
			}
		}
	}
	if rm.succ == name {
		rm.succ = ""
	}
	rm.terminal = rm.succ == "" && (s.End || isTerminalType(s.Type))
	for _, r := range refsTo(s.Machine, name) {
		if !owns(s, r.obj) {
			rm.refs = append(rm.refs, r)
		}
	}
	return rm, nil
}

// owns reports whether obj is s's object or one of its rules or catchers.
func owns(s *State, obj *Node) bool {
	if obj == s.Node {
		return true
	}
	for _, c := range s.Catch {
		if c.Node == obj {
			return true
		}
	}
	found := false
	var walk func([]*ChoiceRule)
	walk = func(rs []*ChoiceRule) {
		for _, r := range rs {
			if r.Node == obj {
				found = true
			}
			walk(r.And)
			walk(r.Or)
			if r.Not != nil {
				walk([]*ChoiceRule{r.Not})
			}
		}
	}
	walk(s.Choices)
	return found
}

func (rm *removal) apply() {
	removeField(rm.states, rm.f)
	for _, r := range rm.refs {
		switch {
		case rm.succ != "":
			r.f.Value = NewString(rm.succ)
		case rm.terminal && r.kind == EdgeNext:
			setEnd(r.obj)
		}
	}
}

// RenameState renames a state and every reference to it in its scope:
// StartAt, Next, Default, Choice rules and catchers.
type RenameState struct{ Old, New string }

// Describe implements Edit.
func (r RenameState) Describe() string {
	return "Rename " + strconv.Quote(r.Old) + " to " + strconv.Quote(r.New)
}

// Apply implements Edit.
func (r RenameState) Apply(d *Document) error {
	s, err := findState(r, d, r.Old)
	if err != nil {
		return err
	}
	if r.New == r.Old {
		return editError(r, "the new name is the old one")
	}
	if err := checkNewName(r, d, r.New); err != nil {
		return err
	}
	f := stateField(s.Machine.Node.Get("States"), s.Node)
	if f == nil {
		return editError(r, "state %q is not in its scope's States", r.Old)
	}
	for _, ref := range refsTo(s.Machine, r.Old) {
		ref.f.Value = NewString(r.New)
	}
	f.Key, f.KeyRaw = r.New, ""
	d.Refresh()
	return nil
}

// MoveState moves a state (with everything inside it) into another scope
// — into or out of a Parallel branch or a Map processor — or, with After,
// onto another arrow of its own scope. Its old scope is reconnected as by
// RemoveState; in the new one it is inserted as by AddState. A Next that
// would leave the new scope becomes the end of it.
type MoveState struct {
	Name string
	// Scope, After, Kind and Index are as in AddState.
	Scope []string
	After string
	Kind  EdgeKind
	Index int
}

// Describe implements Edit.
func (m MoveState) Describe() string { return "Move state " + strconv.Quote(m.Name) }

// Apply implements Edit.
func (m MoveState) Apply(d *Document) error {
	s, err := findState(m, d, m.Name)
	if err != nil {
		return err
	}
	sc, err := resolveScope(m, d, m.Scope)
	if err != nil {
		return err
	}
	switch {
	case sc.within(s):
		return editError(m, "a state cannot move into itself")
	case m.After == m.Name:
		return editError(m, "a state cannot go after itself")
	case sc.m == s.Machine && m.After == "" && m.Kind == 0:
		return editError(m, "%q is already in that scope", m.Name)
	}
	// Removing and inserting are planned on a copy, so that a failure
	// leaves d as it was.
	tmp := &Document{File: d.File, Format: d.Format, Root: d.Root.Clone()}
	tmp.Refresh()
	rm, err := planRemove(m, tmp, m.Name)
	if err != nil {
		return err
	}
	rm.apply()
	tmp.Refresh()
	n := rm.f.Value
	in, err := planInsert(m, tmp, m.Scope, n, m.After, m.Kind, m.Index)
	if err != nil {
		return err
	}
	in.apply(m.Name, n)
	tmp.Refresh()
	if moved := tmp.Machine.Find(m.Name); moved.Next != "" && moved.Machine.State(moved.Next) == nil {
		setEnd(n)
	}
	d.Root = tmp.Root
	d.Refresh()
	return nil
}
