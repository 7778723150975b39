package model

import (
	"errors"
	"strconv"
	"strings"
)

// template checks a JSONPath payload template (Parameters, ResultSelector,
// ItemSelector, Credentials, …): every "key.$" value must be a path, a
// context path, a variable or an intrinsic function call, and no key may be
// set twice once ".$" is taken off.
func (v *validator) template(n *Node, w where) {
	switch n.Kind {
	case Object:
		seen := map[string]string{}
		for _, f := range n.Fields {
			fw := w.at(f.Key)
			base, dynamic := strings.CutSuffix(f.Key, ".$")
			if prior, dup := seen[base]; dup && prior != f.Key {
				v.errorf(CodeSchema, f.KeyPos, fw, "fields %q and %q both set %q", prior, f.Key, base)
			} else {
				seen[base] = f.Key
			}
			if dynamic {
				v.dynamic(f.Value, fw, f.Key)
				continue
			}
			if f.Value.Kind == String && looksDynamic(f.Value.Str) {
				v.warnf(CodeNoDollar, f.Value.Pos, fw, "the value of %q looks like a path or a function call but is used as plain text; name the field %q to evaluate it", f.Key, f.Key+".$")
			}
			v.template(f.Value, fw)
		}
	case Array:
		for i, it := range n.Items {
			v.template(it, w.at(strconv.Itoa(i)))
		}
	}
}

// looksDynamic reports whether a plain string looks like it was meant to
// be evaluated.
func looksDynamic(s string) bool {
	return strings.HasPrefix(s, "$.") || strings.HasPrefix(s, "$$.") || strings.HasPrefix(s, "$[") || IsIntrinsic(s)
}

// dynamic checks the value of a "key.$" field.
func (v *validator) dynamic(n *Node, w where, key string) {
	if n.Kind != String {
		v.errorf(CodeSchema, n.Pos, w, "the value of %q must be a string (a path or an intrinsic function call), not %s", key, kindName(n))
		return
	}
	s := n.Str
	switch {
	case strings.HasPrefix(s, "States."):
		v.intrinsic(n, w)
	case strings.HasPrefix(s, "$"):
		v.checkPath(n, s, 0, w, key, PathRules{Context: true, Variables: true})
	default:
		v.errorf(CodeInvalidJSONPath, n.Pos, w, "the value of %q must be a path, a context path ($$), a variable ($name) or an intrinsic function call, not %q; drop \".$\" for a plain string", key, s)
	}
}

// intrinsic checks an intrinsic function call written in the string node n
// and returns it, or nil when it is malformed.
func (v *validator) intrinsic(n *Node, w where) *IntrinsicCall {
	call, err := ParseIntrinsic(n.Str)
	if err != nil {
		var se *IntrinsicSyntaxError
		off := 0
		msg := err.Error()
		if errors.As(err, &se) {
			off, msg = se.Offset, se.Msg
		}
		v.errorf(CodeInvalidIntrinsic, strPos(n, off), w, "%s", msg)
		return nil
	}
	if !v.checkCall(n, call, w, 1) {
		return nil
	}
	return call
}

// maxIntrinsicDepth is how deeply AWS lets intrinsic calls nest.
const maxIntrinsicDepth = 10

func (v *validator) checkCall(n *Node, c *IntrinsicCall, w where, depth int) bool {
	ok := true
	arity, known := IntrinsicArity[c.Name]
	switch {
	case !known:
		v.errorf(CodeInvalidIntrinsic, strPos(n, c.Offset), w, "unknown intrinsic function %s", c.Name)
		return false
	case len(c.Args) < arity[0] || (arity[1] >= 0 && len(c.Args) > arity[1]):
		v.errorf(CodeInvalidIntrinsic, strPos(n, c.Offset), w, "%s takes %s, not %d", c.Name, arityText(arity), len(c.Args))
		ok = false
	case depth > maxIntrinsicDepth:
		v.errorf(CodeInvalidIntrinsic, strPos(n, c.Offset), w, "intrinsic functions nest %d deep; the limit is %d", depth, maxIntrinsicDepth)
		return false
	}
	for _, a := range c.Args {
		switch a.Kind {
		case ArgPath, ArgContextPath, ArgVariable:
			if !v.checkPath(n, a.Str, a.Offset, w, c.Name+" argument", PathRules{Context: true, Variables: true}) {
				ok = false
			}
		case ArgCall:
			if !v.checkCall(n, a.Call, w, depth+1) {
				ok = false
			}
		}
	}
	return ok
}

func arityText(a [2]int) string {
	plural := func(n int) string {
		if n == 1 {
			return "1 argument"
		}
		return strconv.Itoa(n) + " arguments"
	}
	switch {
	case a[1] < 0:
		return "at least " + plural(a[0])
	case a[0] == a[1]:
		return plural(a[0])
	}
	return strconv.Itoa(a[0]) + " to " + plural(a[1])
}

// staticResult warns about "key.$" fields in a Pass state's Result, which
// is never evaluated.
func (v *validator) staticResult(n *Node, w where) {
	switch n.Kind {
	case Object:
		for _, f := range n.Fields {
			if strings.HasSuffix(f.Key, ".$") {
				v.warnf(CodePassResultIsStatic, f.KeyPos, w.at(f.Key), "Result is not evaluated: %q is kept as written; use Parameters to evaluate paths", f.Key)
			}
			v.staticResult(f.Value, w.at(f.Key))
		}
	case Array:
		for i, it := range n.Items {
			v.staticResult(it, w.at(strconv.Itoa(i)))
		}
	}
}

// assign checks an Assign object: variable names, and its values as a
// payload template (JSONPath) or JSONata template.
func (v *validator) assign(n *Node, w where, lang string) {
	if !v.mustBeObject(n, w, "Assign") {
		return
	}
	for _, f := range n.Fields {
		name := f.Key
		if lang == LangJSONPath {
			name = strings.TrimSuffix(name, ".$")
		}
		if !IsValidVariableName(name) {
			v.errorf(CodeInvalidVariableName, f.KeyPos, w.at(f.Key), "%q is not a valid variable name: it must start with a letter or '_', continue with letters, digits or '_', have at most 80 characters and not be \"states\"", name)
		}
	}
	if lang == LangJSONPath {
		v.template(n, w)
	}
}
