package runner

import (
	"sort"

	"baton/model"
)

// varScope holds the workflow variables a thread sees. A Parallel branch
// or Map iteration gets a scope of its own whose parent is the scope of
// the state that runs it: it reads the outer variables, and what it
// assigns stays inside.
type varScope struct {
	parent *varScope
	vals   map[string]any
}

func (s *varScope) get(name string) (any, bool) {
	for ; s != nil; s = s.parent {
		if v, ok := s.vals[name]; ok {
			return v, true
		}
	}
	return nil, false
}

func (s *varScope) set(name string, v any) {
	if s.vals == nil {
		s.vals = map[string]any{}
	}
	s.vals[name] = v
}

// assignment is a compiled Assign field.
type assignment struct {
	names []string
	evals []evaluator
}

func compileAssign(n *model.Node) (*assignment, error) {
	if n == nil {
		return nil, nil
	}
	if n.Kind != model.Object {
		return nil, withPos(errorf("Assign must be an object"), n.Pos)
	}
	ev, err := compileTemplate(n, true)
	if err != nil {
		return nil, err
	}
	a := &assignment{}
	switch t := ev.(type) {
	case *objectTemplate:
		a.names, a.evals = t.keys, t.evals
	case literal:
		m, _ := t.v.(map[string]any)
		for k := range m {
			a.names = append(a.names, k)
		}
		sort.Strings(a.names)
		for _, k := range a.names {
			a.evals = append(a.evals, literal{m[k]})
		}
	}
	return a, nil
}

// eval computes every variable first and only then assigns them, so that
// each expression sees the values from before the state.
func (a *assignment) eval(t *thread, in any) (map[string]any, error) {
	if a == nil || len(a.names) == 0 {
		return nil, nil
	}
	out := make(map[string]any, len(a.names))
	for i, name := range a.names {
		v, err := a.evals[i].eval(t, in)
		if err != nil {
			return nil, err
		}
		out[name] = v
	}
	return out, t.checkAssignSize(out)
}
