package model

import (
	"strconv"
	"strings"
)

// unassignedVariables warns about every reference to a workflow variable
// that no path reaching the state assigns: the reference would select
// nothing when the state runs (AWS accepts such a definition).
func (v *validator) unassignedVariables(m *StateMachine) {
	flow := VariableFlow(m)
	m.Walk(func(s *State) bool {
		if s.Node == nil || s.Node.Kind != Object {
			return true
		}
		readable := map[string]bool{}
		for _, name := range flow[s] {
			readable[name] = true
		}
		refs := &varRefs{jsonata: s.Language() == LangJSONata}
		refs.state(s.Node, where{state: s})
		for _, r := range refs.list {
			if !readable[r.name] {
				v.warnf(CodeUnassignedVariable, r.pos, r.w, "variable $%s is not assigned on any path that reaches state %q", r.name, s.Name)
			}
		}
		return true
	})
}

// varRef is one reference to a workflow variable.
type varRef struct {
	name string
	pos  Pos
	w    where
}

// varRefs collects the variable references of one state (not of the
// states nested in it).
type varRefs struct {
	jsonata bool
	list    []varRef
}

// nestedMachines are the fields that hold other states.
var nestedMachines = map[string]bool{"Branches": true, "ItemProcessor": true, "Iterator": true}

// templateFields are the JSONPath fields whose "key.$" members are paths
// or intrinsic calls.
var templateFields = map[string]bool{
	"Parameters": true, "ResultSelector": true, "ItemSelector": true, "Assign": true, "Credentials": true,
	"ItemReader": true, "ItemBatcher": true, "ResultWriter": true,
}

func (r *varRefs) state(n *Node, w where) {
	for _, f := range n.Fields {
		if nestedMachines[f.Key] {
			continue
		}
		fw := w.at(f.Key)
		switch {
		case r.jsonata:
			r.expressions(f.Value, fw)
		case f.Key == "Choices" || f.Key == "Catch" || f.Key == "And" || f.Key == "Or":
			for i, it := range f.Value.Items {
				if it.Kind == Object {
					r.state(it, fw.at(strconv.Itoa(i)))
				}
			}
		case f.Key == "Not" && f.Value.Kind == Object:
			r.state(f.Value, fw)
		case templateFields[f.Key]:
			r.template(f.Value, fw, f.Key != "Assign" && f.Key != "Parameters" && f.Key != "ResultSelector" && f.Key != "ItemSelector" && f.Key != "Credentials")
		case f.Key == "Variable" || strings.HasSuffix(f.Key, "Path") && f.Key != "ResultPath": // ResultPath writes
			r.dynamic(f.Value, fw)
		}
	}
}

// template collects the references of a JSONPath template; in the
// ItemReader, ItemBatcher and ResultWriter objects, "…Path" members are
// paths too.
func (r *varRefs) template(n *Node, w where, pathFields bool) {
	switch n.Kind {
	case Object:
		for _, f := range n.Fields {
			fw := w.at(f.Key)
			if strings.HasSuffix(f.Key, ".$") || pathFields && strings.HasSuffix(f.Key, "Path") {
				r.dynamic(f.Value, fw)
				continue
			}
			r.template(f.Value, fw, pathFields)
		}
	case Array:
		for i, it := range n.Items {
			r.template(it, w.at(strconv.Itoa(i)), pathFields)
		}
	}
}

// dynamic collects the reference of a path or intrinsic call.
func (r *varRefs) dynamic(n *Node, w where) {
	if n.Kind != String {
		return
	}
	if IsIntrinsic(n.Str) {
		call, err := ParseIntrinsic(n.Str)
		if err == nil {
			r.intrinsic(call, n, w)
		}
		return
	}
	r.path(n.Str, n, 0, w)
}

func (r *varRefs) intrinsic(call *IntrinsicCall, n *Node, w where) {
	for i := range call.Args {
		switch a := &call.Args[i]; a.Kind {
		case ArgVariable:
			r.path(a.Str, n, 0, w)
		case ArgCall:
			r.intrinsic(a.Call, n, w)
		}
	}
}

// path collects the variable a path starts with ("$name…").
func (r *varRefs) path(p string, n *Node, off int, w where) {
	if len(p) < 2 || p[0] != '$' {
		return
	}
	if l := varNameLen(p[1:]); l > 0 {
		r.list = append(r.list, varRef{name: p[1 : 1+l], pos: strPos(n, off), w: w})
	}
}

// expressions collects the references of every JSONata expression in a
// value of a JSONata state.
func (r *varRefs) expressions(n *Node, w where) {
	switch n.Kind {
	case String:
		if isJSONataExpr(n.Str) {
			for _, ref := range JSONataVariables(n.Str[2 : len(n.Str)-2]) {
				r.list = append(r.list, varRef{name: ref.Name, pos: strPos(n, 2+ref.Offset), w: w})
			}
		}
	case Object:
		for _, f := range n.Fields {
			if !nestedMachines[f.Key] {
				r.expressions(f.Value, w.at(f.Key))
			}
		}
	case Array:
		for i, it := range n.Items {
			r.expressions(it, w.at(strconv.Itoa(i)))
		}
	}
}
