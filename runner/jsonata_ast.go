package runner

import (
	"github.com/xiatechs/jsonata-go/jparse"

	"baton/model"
)

// What compile reads from an expression's syntax tree, which the library
// evaluates unchanged: how deeply it nests (AWS's depth bound, checked
// before evaluation) and which variables it reads.

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
