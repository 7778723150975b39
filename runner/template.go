package runner

import (
	"strings"

	"baton/model"
)

// evaluator computes one field's value at run time from a state's data.
// Compile builds one per field, so nothing is parsed while running. The
// JSONPath query language has literals, paths, intrinsic calls and payload
// templates; JSONata will add its own kind behind the same interface.
type evaluator interface {
	eval(t *thread, in any) (any, error)
}

// literal is a value written as is; it is shared, never copied, since
// values are immutable.
type literal struct{ v any }

func (l literal) eval(*thread, any) (any, error) { return l.v, nil }

// pathField is a "key.$": "$.path" member of a payload template.
type pathField struct {
	p     *path
	field string
}

func (e *pathField) eval(t *thread, in any) (any, error) {
	v, ok := t.resolve(e.p, in)
	if !ok {
		return nil, t.pathNotFound(e.p, e.field, in)
	}
	return v, nil
}

// intrinsicField is a "key.$": "States.Fn(...)" member.
type intrinsicField struct {
	call  *model.IntrinsicCall
	paths map[*model.IntrinsicArg]*path
	field string
}

// argResolver resolves the path arguments of the intrinsic call a thread
// evaluates. Each thread keeps one, with its method value made once, so a
// call allocates no closure.
type argResolver struct {
	t  *thread
	e  *intrinsicField
	in any
	fn func(arg *model.IntrinsicArg) (any, error)
}

func (r *argResolver) resolve(arg *model.IntrinsicArg) (any, error) {
	p := r.e.paths[arg]
	if p == nil {
		var err error
		if p, err = compilePath(arg.Str); err != nil {
			return nil, r.t.runtimeErr("%v", err)
		}
	}
	v, ok := r.t.resolve(p, r.in)
	if !ok {
		return nil, r.t.pathNotFound(p, r.e.field, r.in)
	}
	return v, nil
}

func (e *intrinsicField) eval(t *thread, in any) (any, error) {
	r := t.args
	if r == nil {
		r = &argResolver{t: t}
		r.fn = r.resolve
		t.args = r
	}
	prevE, prevIn := r.e, r.in
	r.e, r.in = e, in
	v, err := EvalIntrinsicWith(e.call, r.fn, t.x.rnd)
	r.e, r.in = prevE, prevIn
	if err != nil {
		return nil, t.wrapIntrinsicErr(err)
	}
	return v, nil
}

// objectTemplate is a payload template object: every "key.$" member is
// evaluated, other members are copied (recursively evaluated when they
// contain templates themselves).
type objectTemplate struct {
	keys  []string
	evals []evaluator
}

func (o *objectTemplate) eval(t *thread, in any) (any, error) {
	out := make(map[string]any, len(o.keys))
	for i, k := range o.keys {
		v, err := o.evals[i].eval(t, in)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

// arrayTemplate is an array with templates among its items.
type arrayTemplate struct{ items []evaluator }

func (a *arrayTemplate) eval(t *thread, in any) (any, error) {
	out := make([]any, len(a.items))
	for i, it := range a.items {
		v, err := it.eval(t, in)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// compileTemplate compiles a JSONPath payload template (Parameters,
// ResultSelector, ItemSelector, Assign, …). Parts without any "key.$"
// member become literals.
func compileTemplate(n *model.Node, vars bool) (evaluator, error) {
	if !hasDynamic(n) {
		return literal{n.Value()}, nil
	}
	switch n.Kind {
	case model.Object:
		o := &objectTemplate{}
		seen := map[string]int{}
		for _, f := range n.Fields {
			key := f.Key
			var ev evaluator
			var err error
			if strings.HasSuffix(key, ".$") && f.Value.Kind == model.String {
				key = strings.TrimSuffix(key, ".$")
				ev, err = compileDynamic(f.Value.Str, f.Key, vars)
			} else {
				ev, err = compileTemplate(f.Value, vars)
			}
			if err != nil {
				return nil, withPos(err, f.Value.Pos)
			}
			if i, dup := seen[key]; dup {
				o.evals[i] = ev
				continue
			}
			seen[key] = len(o.keys)
			o.keys = append(o.keys, key)
			o.evals = append(o.evals, ev)
		}
		return o, nil
	case model.Array:
		a := &arrayTemplate{items: make([]evaluator, len(n.Items))}
		for i, it := range n.Items {
			ev, err := compileTemplate(it, vars)
			if err != nil {
				return nil, err
			}
			a.items[i] = ev
		}
		return a, nil
	}
	return literal{n.Value()}, nil
}

// hasDynamic reports whether a template node has a "key.$" member anywhere.
func hasDynamic(n *model.Node) bool {
	switch n.Kind {
	case model.Object:
		for _, f := range n.Fields {
			if strings.HasSuffix(f.Key, ".$") || hasDynamic(f.Value) {
				return true
			}
		}
	case model.Array:
		for _, it := range n.Items {
			if hasDynamic(it) {
				return true
			}
		}
	}
	return false
}

// compileDynamic compiles the value of a "key.$" member: a path or an
// intrinsic call.
func compileDynamic(src, field string, vars bool) (evaluator, error) {
	if model.IsIntrinsic(src) {
		return compileIntrinsic(src, field)
	}
	p, err := compilePath(src)
	if err != nil {
		return nil, err
	}
	if p.root == rootVar && !vars {
		return nil, errorf("invalid JSONPath %q: variables are not allowed here", src)
	}
	return &pathField{p: p, field: field}, nil
}

func compileIntrinsic(src, field string) (evaluator, error) {
	call, err := model.ParseIntrinsic(src)
	if err != nil {
		return nil, errorf("invalid intrinsic function %q: %v", src, err)
	}
	e := &intrinsicField{call: call, paths: map[*model.IntrinsicArg]*path{}, field: field}
	if err := e.compileArgs(call); err != nil {
		return nil, err
	}
	return e, nil
}

func (e *intrinsicField) compileArgs(call *model.IntrinsicCall) error {
	for i := range call.Args {
		a := &call.Args[i]
		switch a.Kind {
		case model.ArgPath, model.ArgContextPath, model.ArgVariable:
			p, err := compilePath(a.Str)
			if err != nil {
				return err
			}
			e.paths[a] = p
		case model.ArgCall:
			if err := e.compileArgs(a.Call); err != nil {
				return err
			}
		}
	}
	return nil
}
