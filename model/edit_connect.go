package model

import "strconv"

// Connect points one transition of From at To: Kind EdgeNext sets Next
// (an End in its place becomes the Next), EdgeChoice the Next of Choice
// rule Index, EdgeDefault the Default, EdgeCatch the Next of catcher
// Index; Index just past the last catcher adds a catcher of States.ALL (a
// Task, Parallel or Map state's new catch arrow). EdgeEnd makes From end its scope (its Next becomes "End": true);
// To is then unused. EdgeStart, with no From, makes To its scope's
// StartAt. Both states must be in the same scope: a transition cannot leave
// a Parallel branch or Map processor.
type Connect struct {
	From  string
	Kind  EdgeKind
	Index int
	To    string
}

// Describe implements Edit.
func (c Connect) Describe() string {
	switch c.Kind {
	case EdgeStart:
		return "Start at " + strconv.Quote(c.To)
	case EdgeEnd:
		return "End at " + strconv.Quote(c.From)
	}
	return "Connect " + strconv.Quote(c.From) + " to " + strconv.Quote(c.To)
}

// Apply implements Edit.
func (c Connect) Apply(d *Document) error {
	if c.Kind == EdgeStart {
		if c.From != "" {
			return editError(c, "the start is not a state; leave From empty")
		}
		to, err := findState(c, d, c.To)
		if err != nil {
			return err
		}
		to.Machine.Node.Set("StartAt", NewString(c.To))
		d.Refresh()
		return nil
	}
	from, err := findState(c, d, c.From)
	if err != nil {
		return err
	}
	if c.Kind == EdgeEnd {
		if from.Type == TypeChoice || isTerminalType(from.Type) {
			return editError(c, "a %s state cannot have End", from.Type)
		}
		setEnd(from.Node)
		d.Refresh()
		return nil
	}
	to, err := findState(c, d, c.To)
	if err != nil {
		return err
	}
	if to.Machine != from.Machine {
		return editError(c, "%q and %q are in different scopes; a transition cannot leave a Parallel branch or a Map processor", c.From, c.To)
	}
	if c.Kind == EdgeCatch && c.Index == len(from.Catch) {
		return c.addCatcher(d, from)
	}
	obj, key, err := transition(c, from, c.Kind, c.Index)
	if err != nil {
		return err
	}
	if c.Kind == EdgeNext {
		setNext(obj, c.To)
	} else {
		obj.Set(key, NewString(c.To))
	}
	d.Refresh()
	return nil
}

// addCatcher appends a catcher of every error going to c.To.
func (c Connect) addCatcher(d *Document, from *State) error {
	switch from.Type {
	case TypeTask, TypeParallel, TypeMap:
	default:
		return editError(c, "a %s state cannot catch errors", orUnknown(from.Type))
	}
	list := from.Node.Get("Catch")
	if list != nil && list.Kind != Array {
		return editError(c, "the Catch of %q is %s, not an array", c.From, article(list.Kind.String()))
	}
	catcher := NewObject()
	catcher.Set("ErrorEquals", NewArray(NewString("States.ALL")))
	catcher.Set("Next", NewString(c.To))
	if list == nil {
		from.Node.Set("Catch", NewArray(catcher))
	} else {
		list.Items = append(list.Items, catcher)
	}
	d.Refresh()
	return nil
}

// transition returns the object and key of transition kind (index) of s.
func transition(e Edit, s *State, kind EdgeKind, index int) (*Node, string, error) {
	switch kind {
	case EdgeNext:
		if s.Type == TypeChoice || isTerminalType(s.Type) {
			return nil, "", editError(e, "a %s state has no Next", s.Type)
		}
		return s.Node, "Next", nil
	case EdgeChoice:
		if index < 0 || index >= len(s.Choices) {
			return nil, "", editError(e, "%q has no Choice rule %d", s.Name, index)
		}
		return s.Choices[index].Node, "Next", nil
	case EdgeDefault:
		if s.Type != TypeChoice {
			return nil, "", editError(e, "%q is not a Choice state: it has no Default", s.Name)
		}
		return s.Node, "Default", nil
	case EdgeCatch:
		if index < 0 || index >= len(s.Catch) {
			return nil, "", editError(e, "%q has no catcher %d", s.Name, index)
		}
		return s.Catch[index].Node, "Next", nil
	case EdgeEnd:
		return s.Node, "End", nil
	}
	return nil, "", editError(e, "no transition kind given")
}

// Disconnect removes one transition of From: its Next, the Next of Choice
// rule or catcher Index, its Default, or its End. The state is left
// without it for the user to connect again (validation reports it
// meanwhile). The start cannot be disconnected; connect it elsewhere.
type Disconnect struct {
	From  string
	Kind  EdgeKind
	Index int
}

// Describe implements Edit.
func (c Disconnect) Describe() string { return "Disconnect " + strconv.Quote(c.From) }

// Apply implements Edit.
func (c Disconnect) Apply(d *Document) error {
	if c.Kind == EdgeStart {
		return editError(c, "the start cannot be disconnected; connect it to another state")
	}
	from, err := findState(c, d, c.From)
	if err != nil {
		return err
	}
	obj, key, err := transition(c, from, c.Kind, c.Index)
	if err != nil {
		return err
	}
	if !obj.Has(key) {
		return editError(c, "%q has no %s to remove", c.From, c.Kind)
	}
	obj.Delete(key)
	d.Refresh()
	return nil
}
