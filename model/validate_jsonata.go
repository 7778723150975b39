package model

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	jsonata "github.com/xiatechs/jsonata-go"
	"github.com/xiatechs/jsonata-go/jparse"
)

// isJSONataExpr reports whether s is a JSONata expression: "{% … %}".
func isJSONataExpr(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}

// jsonataFields are the state fields whose values JSONata states evaluate.
var jsonataFields = []string{
	"Arguments", "Output", "Assign", "Items", "ItemSelector", "Credentials",
	"TimeoutSeconds", "HeartbeatSeconds", "Seconds", "Timestamp", "Error", "Cause",
	"MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage",
	"ItemReader", "ItemBatcher", "ResultWriter",
}

// jsonataState checks the expressions of a JSONata state.
func (v *validator) jsonataState(s *State, w where) {
	for _, name := range jsonataFields {
		if n := s.Node.Get(name); n != nil {
			v.jsonataTemplate(n, w.at(name))
		}
	}
	if n := s.Node.Get("Arguments"); n != nil && n.Kind != Object && !(n.Kind == String && isJSONataExpr(n.Str)) {
		v.errorf(CodeSchema, n.Pos, w.at("Arguments"), "Arguments must be an object or a JSONata expression {%% … %%}, not %s", literal(n))
	}
	if n := s.Node.Get("Items"); n != nil && n.Kind != Array && !(n.Kind == String && isJSONataExpr(n.Str)) {
		v.errorf(CodeSchema, n.Pos, w.at("Items"), "Items must be an array or a JSONata expression {%% … %%}, not %s", literal(n))
	}
	if catch := s.Node.Get("Catch"); catch != nil && catch.Kind == Array {
		for i, c := range catch.Items {
			if o := c.Get("Output"); o != nil {
				v.jsonataTemplate(o, w.at("Catch", strconv.Itoa(i), "Output"))
			}
			if a := c.Get("Assign"); a != nil {
				v.jsonataTemplate(a, w.at("Catch", strconv.Itoa(i), "Assign"))
			}
		}
	}
	v.statesMembers(s, w)
}

// jsonataTemplate checks every expression in a JSONata-mode value.
func (v *validator) jsonataTemplate(n *Node, w where) {
	switch n.Kind {
	case String:
		switch s := n.Str; {
		case isJSONataExpr(s):
			v.jsonata(n, w)
		case strings.HasPrefix(s, "{%") || strings.HasSuffix(s, "%}"):
			v.warnf(CodeInvalidJSONata, n.Pos, w, "%q looks like an incomplete JSONata expression and is used as plain text; an expression is written \"{%% expression %%}\"", s)
		}
	case Object:
		for _, f := range n.Fields {
			if strings.HasSuffix(f.Key, ".$") {
				v.errorf(CodeSchema, f.KeyPos, w.at(f.Key), "field names ending in \".$\" are JSONPath; a JSONata state evaluates \"{%% … %%}\" values instead")
			}
			v.jsonataTemplate(f.Value, w.at(f.Key))
		}
	case Array:
		for i, it := range n.Items {
			v.jsonataTemplate(it, w.at(strconv.Itoa(i)))
		}
	}
}

var jsonataPosition = regexp.MustCompile(`,? position: -?\d+$`)

// jsonata compiles the expression in the string node n ("{% … %}").
func (v *validator) jsonata(n *Node, w where) {
	expr := n.Str[2 : len(n.Str)-2]
	if strings.TrimSpace(expr) == "" {
		v.errorf(CodeInvalidJSONata, n.Pos, w, "empty JSONata expression")
		return
	}
	_, err := compileJSONata(expr)
	if err == nil {
		v.jsonataContext(n, expr, w)
		return
	}
	off := 0
	msg := err.Error()
	var pe *jparse.Error
	var se *JSONataSourceError
	switch {
	case errors.As(err, &pe):
		off = min(max(pe.Position, 0), len(expr))
		msg = jsonataPosition.ReplaceAllString(msg, "")
	case errors.As(err, &se):
		off, msg = se.Offset, se.Msg
	}
	v.errorf(CodeInvalidJSONata, strPos(n, 2+off), w, "invalid JSONata expression: %s", msg)
}

// compileJSONata compiles an expression; the JSONata library is not ours,
// so CompileJSONata guards it.
func compileJSONata(expr string) (*jsonata.Expr, error) { return CompileJSONata(expr) }

// jsonataContext warns about what selects from the expression's input at
// its top level: Step Functions evaluates expressions without one, so $,
// $$ and plain field names there give nothing ($states.input is the
// state's input).
func (v *validator) jsonataContext(n *Node, expr string, w where) {
	root, err := parseJSONata(expr)
	if err != nil {
		return
	}
	var walk func(x jparse.Node, inContext bool)
	walk = func(x jparse.Node, inContext bool) {
		switch x := x.(type) {
		case *jparse.VariableNode:
			if !inContext && (x.Name == "" || x.Name == "$") {
				v.warnf(CodeInvalidJSONata, strPos(n, 2+max(x.Pos()-1, 0)), w, "$%s at the top level of a JSONata expression selects nothing: Step Functions gives expressions no input; use $states.input", x.Name)
			}
			return
		case *jparse.NameNode:
			if !inContext {
				v.warnf(CodeInvalidJSONata, strPos(n, 2+x.Pos()), w, "the field name %q at the top level of a JSONata expression selects nothing: Step Functions gives expressions no input; use $states.input.%s", x.Value, x.Value)
			}
			return
		case *jparse.PathNode:
			for i, step := range x.Steps {
				walk(step, inContext || i > 0)
			}
			return
		case *jparse.PredicateNode:
			walk(x.Expr, inContext)
			for _, f := range x.Filters {
				walk(f, true)
			}
			return
		case *jparse.SortNode:
			walk(x.Expr, inContext)
			for _, t := range x.Terms {
				walk(t.Expr, true)
			}
			return
		case *jparse.GroupNode:
			walk(x.Expr, inContext)
			if x.ObjectNode != nil {
				walk(x.ObjectNode, true)
			}
			return
		case *jparse.ObjectTransformationNode:
			inContext = true
		}
		for _, c := range JSONataChildren(x) {
			walk(*c, inContext)
		}
	}
	walk(root, false)
}

// statesMembers warns about $states members a field cannot read:
// $states.result exists in the Output and Assign of Task, Parallel and Map
// states, $states.errorOutput in a Catch's, $states.input and
// $states.context everywhere.
func (v *validator) statesMembers(s *State, w where) {
	base := []string{"input", "context"}
	result := base
	switch s.Type {
	case TypeTask, TypeParallel, TypeMap:
		result = []string{"input", "context", "result"}
	}
	for _, f := range s.Node.Fields {
		fw := w.at(f.Key)
		switch f.Key {
		case "Branches", "ItemProcessor", "Iterator":
		case "Output", "Assign":
			v.statesIn(f.Value, fw, f.Key, result)
		case "Catch":
			for i, c := range f.Value.Items {
				for _, k := range []string{"Output", "Assign"} {
					if n := c.Get(k); n != nil {
						v.statesIn(n, fw.at(strconv.Itoa(i), k), "Catch "+k, []string{"input", "context", "errorOutput"})
					}
				}
			}
		default:
			v.statesIn(f.Value, fw, f.Key, base)
		}
	}
}

// statesIn checks the $states members the expressions in n read.
func (v *validator) statesIn(n *Node, w where, field string, allowed []string) {
	switch n.Kind {
	case String:
		if !isJSONataExpr(n.Str) {
			return
		}
		root, err := parseJSONata(n.Str[2 : len(n.Str)-2])
		if err != nil {
			return
		}
		var walk func(x jparse.Node)
		walk = func(x jparse.Node) {
			if p, ok := x.(*jparse.PathNode); ok && len(p.Steps) > 1 {
				if sv, ok := p.Steps[0].(*jparse.VariableNode); ok && sv.Name == "states" {
					if name, ok := p.Steps[1].(*jparse.NameNode); ok {
						v.statesMember(n, w, field, allowed, name)
					}
				}
			}
			for _, c := range JSONataChildren(x) {
				walk(*c)
			}
		}
		walk(root)
	case Object:
		for _, f := range n.Fields {
			v.statesIn(f.Value, w.at(f.Key), field, allowed)
		}
	case Array:
		for i, it := range n.Items {
			v.statesIn(it, w.at(strconv.Itoa(i)), field, allowed)
		}
	}
}

func (v *validator) statesMember(n *Node, w where, field string, allowed []string, name *jparse.NameNode) {
	pos := strPos(n, 2+name.Pos())
	switch m := name.Value; {
	case slices.Contains(allowed, m):
	case m == "input" || m == "context" || m == "result" || m == "errorOutput":
		v.warnf(CodeInvalidJSONata, pos, w, "$states.%s is not available in %s (it has %s); the expression gets nothing there", m, field, "$states."+strings.Join(allowed, ", $states."))
	default:
		v.warnf(CodeInvalidJSONata, pos, w, "$states has no member %q (it has input, result, errorOutput and context)", m)
	}
}
