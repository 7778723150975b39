package runner

import (
	"reflect"

	jsonata "github.com/xiatechs/jsonata-go"
	"github.com/xiatechs/jsonata-go/jparse"
	"github.com/xiatechs/jsonata-go/jtypes"

	"baton/model"
)

// The library has no hook to stop an evaluation, so compile rewrites each
// expression's syntax tree, once, to call Baton's guard functions where an
// evaluation can run long or deep:
//
//   - a function body becomes $enter-then-$leave around it, which bounds
//     how deep calls nest (a Go stack overflow cannot be recovered) and
//     checks the clock on every call;
//   - the operands of the range operator are counted against the memory
//     bound;
//   - path steps and predicate filters that can reach beyond the item they
//     are applied to (variables, $$, function calls, blocks, **) tick the
//     clock, as they are where cross products are made.

// guardPrefix starts the names of the guard functions; no workflow
// variable can have it.
const guardPrefix = "__baton_"

const (
	guardEnter   = guardPrefix + "enter"
	guardLeave   = guardPrefix + "leave"
	guardTick    = guardPrefix + "tick"
	guardRangeLo = guardPrefix + "lo"
	guardRangeHi = guardPrefix + "hi"
)

func init() {
	addJSONataExts(map[string]jsonata.Extension{
		guardEnter:   {Func: guardEnterFunc},
		guardLeave:   {Func: guardLeaveFunc},
		guardTick:    {Func: guardTickFunc},
		guardRangeLo: {Func: guardRangeLoFunc},
		guardRangeHi: {Func: guardRangeHiFunc},
	})
}

// treeDepth is the nesting depth of a syntax tree.
func treeDepth(n jparse.Node) int {
	d := 0
	for _, c := range model.JSONataChildren(n) {
		d = max(d, treeDepth(*c))
	}
	return d + 1
}

// walkVariables calls fn with the name of every variable the tree reads
// ($name; not $ or $$).
func walkVariables(n jparse.Node, fn func(name string)) {
	if v, ok := n.(*jparse.VariableNode); ok && v.Name != "" && v.Name != "$" {
		fn(v.Name)
	}
	for _, c := range model.JSONataChildren(n) {
		walkVariables(*c, fn)
	}
}

// guardTree rewrites a tree in place as described at the top of this
// file; the root stays the same node.
func guardTree(n jparse.Node) {
	for _, c := range model.JSONataChildren(n) {
		guardTree(*c)
	}
	switch n := n.(type) {
	case *jparse.LambdaNode:
		n.Body = guardCall(guardLeave, guardCall(guardEnter), n.Body)
	case *jparse.TypedLambdaNode:
		if n.LambdaNode != nil {
			n.Body = guardCall(guardLeave, guardCall(guardEnter), n.Body)
		}
	case *jparse.RangeNode:
		n.LHS = guardCall(guardRangeLo, n.LHS)
		n.RHS = guardCall(guardRangeHi, n.RHS)
	case *jparse.PathNode:
		for i := 1; i < len(n.Steps); i++ {
			if reaches(n.Steps[i]) {
				n.Steps[i] = guardCall(guardTick, n.Steps[i])
			}
		}
	case *jparse.PredicateNode:
		for i, f := range n.Filters {
			if !literalNode(f) {
				n.Filters[i] = guardCall(guardTick, f)
			}
		}
	}
}

// reaches reports whether a path step may compute more than a part of the
// item it is applied to. Names and wildcards select from the item; an
// array constructor must stay one (the library treats it specially).
func reaches(n jparse.Node) bool {
	switch n.(type) {
	case *jparse.NameNode, *jparse.WildcardNode, *jparse.ArrayNode, *jparse.StringNode:
		return false
	}
	return true
}

func literalNode(n jparse.Node) bool {
	switch n.(type) {
	case *jparse.NumberNode, *jparse.StringNode, *jparse.BooleanNode, *jparse.NullNode:
		return true
	}
	return false
}

func guardCall(name string, args ...jparse.Node) jparse.Node {
	return &jparse.FunctionCallNode{Func: &jparse.VariableNode{Name: name}, Args: args}
}

// passThrough returns a guard function's argument as its result.
func passThrough(v reflect.Value) (any, error) {
	if !v.IsValid() {
		return nil, jtypes.ErrUndefined
	}
	if !v.CanInterface() {
		return nil, jtypes.ErrUndefined
	}
	return v.Interface(), nil
}

// guard returns the evaluation in progress. The guard functions only run
// inside one, which holds jsonataMu.
func guard() *evalGuard { return activeGuard }

// stop records why the evaluation must stop: errors from functions reach
// the caller only as text, so eval looks here first.
func (g *evalGuard) stop(err error) error {
	if g.stopped == nil {
		g.stopped = err
	}
	return err
}

func guardEnterFunc() (float64, error) {
	g := guard()
	if g == nil {
		return 0, nil
	}
	g.calls++
	if g.calls > g.limits.calls {
		return 0, g.stop(errJSONataDepth)
	}
	if err := g.tick(); err != nil {
		return 0, g.stop(err)
	}
	return 0, nil
}

func guardLeaveFunc(_ reflect.Value, v reflect.Value) (any, error) {
	if g := guard(); g != nil {
		g.calls--
	}
	return passThrough(v)
}

func guardTickFunc(v reflect.Value) (any, error) {
	if g := guard(); g != nil {
		if err := g.tick(); err != nil {
			return nil, g.stop(err)
		}
	}
	return passThrough(v)
}

func guardRangeLoFunc(v reflect.Value) (any, error) {
	if g := guard(); g != nil {
		n, ok := jtypes.AsNumber(v)
		if !ok {
			n = 0
		}
		g.los = append(g.los, n)
	}
	return passThrough(v)
}

func guardRangeHiFunc(v reflect.Value) (any, error) {
	g := guard()
	if g == nil || len(g.los) == 0 {
		return passThrough(v)
	}
	lo := g.los[len(g.los)-1]
	g.los = g.los[:len(g.los)-1]
	if hi, ok := jtypes.AsNumber(v); ok && hi >= lo {
		g.items += int(min(hi-lo+1, float64(g.limits.items)+1))
		if g.items > g.limits.items {
			return nil, g.stop(errJSONataMemory)
		}
		if err := g.tick(); err != nil {
			return nil, g.stop(err)
		}
	}
	return passThrough(v)
}
