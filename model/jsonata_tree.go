package model

import "github.com/xiatechs/jsonata-go/jparse"

// JSONataChildren returns the places in a JSONata syntax tree node that
// hold its sub-expressions, so that a walk can read or replace them.
func JSONataChildren(n jparse.Node) []*jparse.Node {
	var c []*jparse.Node
	add := func(p *jparse.Node) {
		if *p != nil {
			c = append(c, p)
		}
	}
	addAll := func(list []jparse.Node) {
		for i := range list {
			add(&list[i])
		}
	}
	switch n := n.(type) {
	case *jparse.PathNode:
		addAll(n.Steps)
	case *jparse.NegationNode:
		add(&n.RHS)
	case *jparse.RangeNode:
		add(&n.LHS)
		add(&n.RHS)
	case *jparse.ArrayNode:
		addAll(n.Items)
	case *jparse.ObjectNode:
		c = append(c, pairs(n)...)
	case *jparse.BlockNode:
		addAll(n.Exprs)
	case *jparse.ObjectTransformationNode:
		add(&n.Pattern)
		add(&n.Updates)
		add(&n.Deletes)
	case *jparse.LambdaNode:
		add(&n.Body)
	case *jparse.TypedLambdaNode:
		if n.LambdaNode != nil {
			add(&n.LambdaNode.Body)
		}
	case *jparse.PartialNode:
		add(&n.Func)
		addAll(n.Args)
	case *jparse.FunctionCallNode:
		add(&n.Func)
		addAll(n.Args)
	case *jparse.PredicateNode:
		add(&n.Expr)
		addAll(n.Filters)
	case *jparse.GroupNode:
		add(&n.Expr)
		if n.ObjectNode != nil {
			c = append(c, pairs(n.ObjectNode)...)
		}
	case *jparse.ConditionalNode:
		add(&n.If)
		add(&n.Then)
		add(&n.Else)
	case *jparse.AssignmentNode:
		add(&n.Value)
	case *jparse.NumericOperatorNode:
		add(&n.LHS)
		add(&n.RHS)
	case *jparse.ComparisonOperatorNode:
		add(&n.LHS)
		add(&n.RHS)
	case *jparse.BooleanOperatorNode:
		add(&n.LHS)
		add(&n.RHS)
	case *jparse.StringConcatenationNode:
		add(&n.LHS)
		add(&n.RHS)
	case *jparse.SortNode:
		add(&n.Expr)
		for i := range n.Terms {
			add(&n.Terms[i].Expr)
		}
	case *jparse.FunctionApplicationNode:
		add(&n.LHS)
		add(&n.RHS)
	}
	return c
}

// pairs returns the places of an object constructor's keys and values.
func pairs(n *jparse.ObjectNode) []*jparse.Node {
	c := make([]*jparse.Node, 0, 2*len(n.Pairs))
	for i := range n.Pairs {
		c = append(c, &n.Pairs[i][0], &n.Pairs[i][1])
	}
	return c
}

// JSONataVariable is a workflow variable a JSONata expression reads.
type JSONataVariable struct {
	Name string
	// Offset is where "$name" starts in the expression.
	Offset int
}

// JSONataVariables returns the workflow variables an expression (without
// its "{% %}") reads: $name, unless the expression binds name itself (an
// assignment or a function parameter), name is a function (JSONata's or
// Step Functions'), or it is $states. An expression that does not parse
// reads nothing.
func JSONataVariables(expr string) []JSONataVariable {
	if checkJSONataSource(expr) != nil {
		return nil
	}
	root, err := parseJSONata(expr)
	if err != nil {
		return nil
	}
	local := map[string]bool{}
	var refs []JSONataVariable
	var walk func(n jparse.Node)
	walk = func(n jparse.Node) {
		switch n := n.(type) {
		case *jparse.VariableNode:
			if n.Name != "" && n.Name != "$" {
				refs = append(refs, JSONataVariable{Name: n.Name, Offset: max(n.Pos()-1, 0)})
			}
		case *jparse.AssignmentNode:
			local[n.Name] = true
		case *jparse.LambdaNode:
			for _, p := range n.ParamNames {
				local[p] = true
			}
		case *jparse.TypedLambdaNode:
			if n.LambdaNode != nil {
				for _, p := range n.ParamNames {
					local[p] = true
				}
			}
		}
		for _, c := range JSONataChildren(n) {
			walk(*c)
		}
	}
	walk(root)
	out := refs[:0]
	seen := map[string]bool{}
	for _, r := range refs {
		if local[r.Name] || jsonataFunctions[r.Name] || r.Name == "states" || seen[r.Name] {
			continue
		}
		seen[r.Name] = true
		out = append(out, r)
	}
	return out
}

// parseJSONata parses an expression the way the library compiles it.
func parseJSONata(expr string) (n jparse.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			n, err = nil, errCannotParse
		}
	}()
	return jparse.Parse(expr)
}

// IsJSONataFunction reports whether $name is a function of JSONata 2.0.6
// or one Step Functions adds.
func IsJSONataFunction(name string) bool { return jsonataFunctions[name] }

// jsonataFunctions are the functions of JSONata 2.0.6 and those Step
// Functions adds.
var jsonataFunctions = map[string]bool{}

func init() {
	for _, f := range []string{
		"string", "length", "substring", "substringBefore", "substringAfter", "uppercase", "lowercase", "trim", "pad",
		"contains", "split", "join", "match", "replace", "eval", "base64encode", "base64decode", "encodeUrlComponent",
		"encodeUrl", "decodeUrlComponent", "decodeUrl", "formatNumber", "formatBase", "formatInteger", "parseInteger",
		"number", "abs", "floor", "ceil", "round", "power", "sqrt", "random", "sum", "max", "min", "average", "boolean",
		"not", "exists", "count", "append", "sort", "reverse", "shuffle", "distinct", "zip", "keys", "lookup", "spread",
		"merge", "sift", "each", "error", "assert", "type", "map", "filter", "single", "reduce", "now", "millis",
		"fromMillis", "toMillis",
		"partition", "range", "hash", "uuid", "parse",
	} {
		jsonataFunctions[f] = true
	}
}
