package runner

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"time"

	jsonata "github.com/xiatechs/jsonata-go"
	"github.com/xiatechs/jsonata-go/jparse"

	"baton/model"
)

// JSONata expressions ("{% … %}") run on github.com/xiatechs/jsonata-go,
// which implements JSONata 1.5 with later functions; AWS runs JSONata
// 2.0.6. This file is the boundary: it compiles an expression once, binds
// $states and the workflow variables it reads, and turns what comes back
// into plain JSON values or AWS's States.QueryEvaluationError.
//
// The library is Baton's patched copy (third_party/jsonata-go/NOTICE.md):
// a compiled expression may be evaluated by several goroutines at once,
// and each evaluation carries its own variables, limits and guard.

// jsonataLimits bound one evaluation. AWS stops runaway expressions with
// a depth bound, a memory bound and a time bound; Baton's are close to
// AWS's where AWS's are known.
type jsonataLimits struct {
	// depth is the deepest nesting of the expression's syntax tree (AWS
	// fails a sum of 200 terms: its evaluator nests deeper than 100).
	depth int
	// calls is how deep function calls may nest.
	calls int
	// items is how many values the range operator and $range may make
	// in one evaluation (AWS's memory bound: 7 MB of numbers).
	items int
	// time is how long an evaluation may take.
	time time.Duration
}

var defaultJSONataLimits = jsonataLimits{depth: 100, calls: 2000, items: 873782, time: 5 * time.Second}

// jsonataExpr is one compiled expression.
type jsonataExpr struct {
	src  string // as written between the delimiters, trimmed
	expr *jsonata.Expr
	// vars are the variables the expression reads (names without "$"),
	// which workflow variables may set; fallback is each one's value
	// otherwise. states is true when it reads $states.
	vars     []string
	fallback []any
	states   bool
	// statesKeys are the members of $states it reads; nil when it uses
	// $states otherwise than as $states.name.
	statesKeys map[string]bool
	depth      int
}

// errJSONataSyntax marks an expression the library cannot parse.
type jsonataSyntaxError struct {
	src string
	err error
}

func (e *jsonataSyntaxError) Error() string {
	return fmt.Sprintf("invalid JSONata expression %q: %v", e.src, e.err)
}

// isJSONataString reports whether s is written as a JSONata expression.
func isJSONataString(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}

// compileJSONata compiles the expression inside "{% … %}".
func compileJSONata(s string) (*jsonataExpr, error) {
	src := strings.TrimSpace(s[2 : len(s)-2])
	if src == "" {
		return nil, &jsonataSyntaxError{src: src, err: errors.New("the expression is empty")}
	}
	e, err := model.CompileJSONata(src)
	if err != nil {
		return nil, &jsonataSyntaxError{src: src, err: err}
	}
	x := &jsonataExpr{src: src, expr: e}
	root := e.Node()
	x.depth = treeDepth(root)
	x.statesKeys = statesKeys(root)
	seen := map[string]bool{}
	walkVariables(root, func(name string) {
		switch {
		case name == "states":
			x.states = true
		case !seen[name]:
			seen[name] = true
			x.vars = append(x.vars, name)
			x.fallback = append(x.fallback, fallbackValue(name))
		}
	})
	return x, nil
}

// statesKeys finds the members of $states a tree reads, or nil when it
// uses $states as a whole.
func statesKeys(root jparse.Node) map[string]bool {
	keys := map[string]bool{}
	whole := false
	var walk func(n jparse.Node)
	walk = func(n jparse.Node) {
		if p, ok := n.(*jparse.PathNode); ok && len(p.Steps) > 1 {
			if v, ok := p.Steps[0].(*jparse.VariableNode); ok && v.Name == "states" {
				if name, ok := p.Steps[1].(*jparse.NameNode); ok {
					keys[name.Value] = true
					for _, step := range p.Steps[1:] {
						walk(step)
					}
					return
				}
			}
		}
		if v, ok := n.(*jparse.VariableNode); ok && v.Name == "states" {
			whole = true
		}
		for _, c := range model.JSONataChildren(n) {
			walk(*c)
		}
	}
	walk(root)
	if whole {
		return nil
	}
	return keys
}

// fallbackValues caches fallbackValue.
var fallbackValues sync.Map

// fallbackValue is what $name is when no workflow variable of that name is
// set (a workflow variable hides a function of its name, as bindings do in
// JSONata): Step Functions' function or JSONata's of that name, or
// undefined (nil), also for the functions Step Functions does not have.
func fallbackValue(name string) any {
	if v, ok := fallbackValues.Load(name); ok {
		return v
	}
	var v any
	if e, err := jsonata.Compile("$" + name); err == nil && !hiddenFunctions[name] {
		if ext, ok := jsonataExts[name]; ok {
			err = e.RegisterExts(map[string]jsonata.Extension{name: ext})
		}
		if err == nil {
			v, _ = e.Eval(nil)
		}
	}
	fallbackValues.Store(name, v)
	return v
}

// jsonataScope is what one evaluation sees: $states and the thread whose
// variables and execution ($random, $uuid, $now) it uses.
type jsonataScope struct {
	t      *thread
	states map[string]any
}

// evalGuard is what Baton keeps for one evaluation: the memory bound's
// count and the thread. The library stops deep calls and runaway time
// itself (EvalOptions); Step Functions' functions (jsonata_funcs.go) reach
// the guard through their context.Context.
type evalGuard struct {
	limits jsonataLimits
	items  int
	t      *thread
	now    time.Time // $now and $millis, read once
}

type guardKey struct{}

// guardOf returns the guard of the evaluation a function is called in, or
// nil outside one.
func guardOf(ctx context.Context) *evalGuard {
	g, _ := ctx.Value(guardKey{}).(*evalGuard)
	return g
}

// alloc counts n values made against the memory bound.
func (g *evalGuard) alloc(n float64) error {
	g.items += int(min(n, float64(g.limits.items)+1))
	if g.items > g.limits.items {
		return errJSONataMemory
	}
	return nil
}

// jsonataLimitError is an evaluation stopped by a limit; its message is
// AWS's.
type jsonataLimitError struct{ msg string }

func (e *jsonataLimitError) Error() string { return e.msg }

var (
	errJSONataDepth  = &jsonataLimitError{"Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive."}
	errJSONataMemory = &jsonataLimitError{"Expression evaluation memory limit exceeded: Check for excessive memory usage"}
	errJSONataTime   = &jsonataLimitError{"Expression evaluation timeout: Check for infinite loop"}
)

// jsonataUndefined is the result of an expression that selects nothing.
var errJSONataUndefined = errors.New("undefined")

// errJSONataFunction is a result JSON cannot hold (a function).
var errJSONataFunction = errors.New("unsupported result type")

// eval evaluates the expression with the workflow variables of t and
// $states. The result is a plain JSON value; errJSONataUndefined and
// errJSONataFunction report results that are not values.
func (x *jsonataExpr) eval(sc *jsonataScope) (v any, err error) {
	limits := defaultJSONataLimits
	if x.depth > limits.depth {
		return nil, errJSONataDepth
	}
	vars := make(map[string]any, len(x.vars)+1)
	if x.states {
		vars["states"] = sc.states
	}
	for i, name := range x.vars {
		if val, ok := sc.t.vars.get(name); ok {
			vars[name] = jsonataValue(val)
		} else {
			vars[name] = x.fallback[i]
		}
	}
	g := &evalGuard{limits: limits, t: sc.t}
	ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), guardKey{}, g), limits.time)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("the JSONata evaluator failed: %v", r)
		}
	}()
	res, err := x.expr.EvalWith(nil, jsonata.EvalOptions{
		Context:      ctx,
		Vars:         vars,
		MaxCallDepth: limits.calls,
		OnRange:      func(n int) error { return g.alloc(float64(n)) },
	})
	switch {
	case errors.Is(err, jsonata.ErrCallDepth):
		return nil, errJSONataDepth
	case errors.Is(err, context.DeadlineExceeded):
		return nil, errJSONataTime
	}
	if errors.Is(err, jsonata.ErrUndefined) {
		return nil, errJSONataUndefined
	}
	if err != nil {
		return nil, err
	}
	return plainValue(res)
}

// jsonataValue is how a JSON value is handed to the library: JSON null
// must be its null, since it takes Go's nil for undefined, in containers
// too. Containers without a null are shared, not copied.
func jsonataValue(v any) any {
	out, _ := withJSONataNulls(v)
	return out
}

func withJSONataNulls(v any) (any, bool) {
	out, changed, _ := rewriteLeaves(v, func(leaf any) (any, bool, error) {
		if leaf == nil {
			return jsonataNull, true, nil
		}
		return leaf, false, nil
	})
	return out, changed
}

// rewriteLeaves applies fn to every value of v that is not a plain map or
// array; containers none of whose values change are shared, the others
// copied.
func rewriteLeaves(v any, fn func(leaf any) (any, bool, error)) (any, bool, error) {
	switch t := v.(type) {
	case map[string]any:
		var out map[string]any
		for k, x := range t {
			y, changed, err := rewriteLeaves(x, fn)
			if err != nil {
				return nil, false, err
			}
			if changed && out == nil {
				out = make(map[string]any, len(t))
				for k2, x2 := range t {
					out[k2] = x2
				}
			}
			if changed {
				out[k] = y
			}
		}
		if out != nil {
			return out, true, nil
		}
		return v, false, nil
	case []any:
		var out []any
		for i, x := range t {
			y, changed, err := rewriteLeaves(x, fn)
			if err != nil {
				return nil, false, err
			}
			if changed && out == nil {
				out = append([]any(nil), t...)
			}
			if changed {
				out[i] = y
			}
		}
		if out != nil {
			return out, true, nil
		}
		return v, false, nil
	}
	return fn(v)
}

// jsonataNull is the library's representation of JSON null.
var jsonataNull = reflect.ValueOf((*any)(nil)).Interface()

// plainValue turns what the library returns into a plain JSON value:
// whole numbers become int64, as parsed JSON holds them, and the
// library's null becomes nil. Containers that need no change are shared.
func plainValue(v any) (any, error) {
	out, _, err := plainChanged(v)
	return out, err
}

func plainChanged(v any) (any, bool, error) {
	return rewriteLeaves(v, func(leaf any) (any, bool, error) {
		switch t := leaf.(type) {
		case nil, string, bool, int64:
			return leaf, false, nil
		case float64:
			p := plainNumber(t)
			_, isFloat := p.(float64)
			return p, !isFloat, nil
		}
		p, err := plainReflect(reflect.ValueOf(leaf))
		return p, true, err
	})
}

// plainReflect handles the other shapes the library may hand back
// (pointers to values, typed slices and maps, other number types).
func plainReflect(rv reflect.Value) (any, error) {
	switch rv.Kind() {
	case reflect.Invalid:
		return nil, nil
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return nil, nil
		}
		if rv.Type().Implements(callableType) {
			return nil, errJSONataFunction
		}
		return plainReflect(rv.Elem())
	case reflect.Bool:
		return rv.Bool(), nil
	case reflect.String:
		return rv.String(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return plainNumber(float64(rv.Uint())), nil
	case reflect.Float32, reflect.Float64:
		return plainNumber(rv.Float()), nil
	case reflect.Slice, reflect.Array:
		out := make([]any, rv.Len())
		for i := range out {
			p, err := plainReflect(rv.Index(i))
			if err != nil {
				return nil, err
			}
			out[i] = p
		}
		return out, nil
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			return nil, errJSONataFunction
		}
		out := make(map[string]any, rv.Len())
		it := rv.MapRange()
		for it.Next() {
			p, err := plainReflect(it.Value())
			if err != nil {
				return nil, err
			}
			out[it.Key().String()] = p
		}
		return out, nil
	}
	return nil, errJSONataFunction
}

var callableType = reflect.TypeOf((*interface {
	Call([]reflect.Value) (reflect.Value, error)
})(nil)).Elem()

// plainNumber gives a whole number as int64 (as JSON parsing would), and
// Infinity and NaN, which JSON cannot hold, as null (JSON.stringify's
// way).
func plainNumber(f float64) any {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil
	}
	if f == math.Trunc(f) && math.Abs(f) <= 1<<53 {
		return int64(f)
	}
	return f
}
