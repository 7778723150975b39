package runner

import (
	"strconv"
	"strings"

	"github.com/ohler55/ojg/jp"
)

// rootKind says what a JSONPath starts from.
type rootKind uint8

const (
	rootInput   rootKind = iota // $…: the state's data
	rootContext                 // $$…: the context object
	rootVar                     // $name…: a workflow variable
)

// path is a compiled JSONPath query, parsed once at compile time. Definite
// paths made only of names and indexes (the common case) are walked
// directly; anything else goes through ojg's jp.
type path struct {
	src  string
	root rootKind
	// name is the variable of a rootVar path.
	name string
	// steps are the child names (string) and indexes (int) of a simple
	// path; nil for the root itself and for complex paths.
	steps []any
	// expr is the whole query relative to its root, for complex paths.
	expr jp.Expr
	// definite paths select at most one value; others yield a list.
	definite bool
}

// isVarStart reports whether s starts like a variable reference ($name).
func isVarStart(s string) bool {
	return len(s) > 1 && s[0] == '$' && (s[1] == '_' || isLetter(s[1]))
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func isIdentPart(b byte) bool { return b == '_' || isLetter(b) || b >= '0' && b <= '9' }

// isPathLike reports whether s is written as a path ($, $$ or $name).
func isPathLike(s string) bool { return strings.HasPrefix(s, "$") }

// compilePath parses a JSONPath as AWS accepts it in JSONPath mode: $…,
// $$… and, where variables are allowed, $name….
func compilePath(src string) (*path, error) {
	p := &path{src: src, definite: true}
	rest := src
	switch {
	case strings.HasPrefix(src, "$$"):
		p.root = rootContext
		rest = src[1:]
	case isVarStart(src):
		p.root = rootVar
		i := 1
		for i < len(src) && isIdentPart(src[i]) {
			i++
		}
		p.name = src[1:i]
		rest = "$" + src[i:]
	case strings.HasPrefix(src, "$"):
	default:
		return nil, errorf("invalid JSONPath %q: it must start with '$'", src)
	}
	if rest == "$" {
		return p, nil
	}
	if steps, ok := parseSimplePath(rest); ok {
		p.steps = steps
		return p, nil
	}
	x, err := jp.ParseString(bracketNames(rest))
	if err != nil {
		return nil, errorf("invalid JSONPath %q: %v", src, err)
	}
	if len(x) > 0 {
		if _, ok := x[0].(jp.Root); ok {
			x = x[1:]
		}
	}
	for _, f := range x {
		if !definiteFrag(f) {
			p.definite = false
		}
	}
	p.expr = x
	return p, nil
}

// parseSimplePath parses a path made only of names and indexes: $.a.b,
// $['a b'][0], $.delivery-partner. Names after a dot may hold any
// character but '.', '[' and ']', as Jayway JsonPath (AWS's) accepts.
func parseSimplePath(s string) ([]any, bool) {
	steps := []any{}
	i := 1 // after '$'
	for i < len(s) {
		switch s[i] {
		case '.':
			j := i + 1
			for j < len(s) && s[j] != '.' && s[j] != '[' && s[j] != ']' {
				j++
			}
			name := s[i+1 : j]
			if name == "" || name == "*" || strings.ContainsAny(name, "()?@,:'\"") {
				return nil, false
			}
			steps = append(steps, name)
			i = j
		case '[':
			if i+1 < len(s) && s[i+1] == '\'' {
				name, n, ok := quotedName(s[i+1:])
				if !ok || i+1+n >= len(s) || s[i+1+n] != ']' {
					return nil, false
				}
				steps = append(steps, name)
				i += n + 2
				continue
			}
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return nil, false
			}
			idx, err := strconv.Atoi(strings.TrimSpace(s[i+1 : i+j]))
			if err != nil {
				return nil, false
			}
			steps = append(steps, idx)
			i += j + 1
		default:
			return nil, false
		}
	}
	return steps, true
}

// quotedName reads a single-quoted name at the start of s; \' stands for
// a quote, any other backslash is itself. n is the length read.
func quotedName(s string) (name string, n int, ok bool) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '\'':
			b.WriteByte('\'')
			i++
		case s[i] == '\'':
			return b.String(), i + 1, true
		default:
			b.WriteByte(s[i])
		}
	}
	return "", 0, false
}

// bracketNames rewrites dot-notation names that ojg's parser would refuse
// (a-b, names with spaces) into bracket notation, leaving the rest as is.
func bracketNames(s string) string {
	var b strings.Builder
	b.WriteByte('$')
	for i := 1; i < len(s); {
		c := s[i]
		switch c {
		case '.':
			if i+1 < len(s) && s[i+1] == '.' {
				b.WriteString("..")
				i += 2
				if i < len(s) && s[i] != '[' && s[i] != '*' {
					j := i
					for j < len(s) && s[j] != '.' && s[j] != '[' {
						j++
					}
					b.WriteString(s[i:j])
					i = j
				}
				continue
			}
			j := i + 1
			for j < len(s) && s[j] != '.' && s[j] != '[' {
				j++
			}
			name := s[i+1 : j]
			if name == "*" || isIdent(name) {
				b.WriteString("." + name)
			} else {
				b.WriteString("['" + strings.ReplaceAll(name, "'", "\\'") + "']")
			}
			i = j
		case '[':
			j := closingBracket(s, i)
			b.WriteString(s[i:j])
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// closingBracket returns the index just past the ']' that closes the '['
// at i, skipping quoted text and nested brackets.
func closingBracket(s string, i int) int {
	depth := 0
	var quote byte
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(s)
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentPart(s[i]) {
			return false
		}
	}
	return true
}

// definiteFrag reports whether a fragment selects at most one value, in
// the sense of Jayway JsonPath (which AWS uses): wildcards, deep scans,
// slices, filters and unions make a path indefinite.
func definiteFrag(f jp.Frag) bool {
	switch t := f.(type) {
	case jp.Child, jp.Nth, jp.Bracket:
		return true
	case jp.Union:
		return len(t) == 1
	}
	return false
}

// get evaluates the path on root. For a definite path found is false when
// nothing is selected; an indefinite path always yields a list.
func (p *path) get(root any) (v any, found bool) {
	if p.steps != nil || p.expr == nil {
		return walkSteps(root, p.steps)
	}
	res := p.expr.Get(root)
	if !p.definite {
		if res == nil {
			res = []any{}
		}
		return res, true
	}
	if len(res) == 0 {
		return nil, false
	}
	return res[0], true
}

func walkSteps(v any, steps []any) (any, bool) {
	for _, s := range steps {
		switch k := s.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			if v, ok = m[k]; !ok {
				return nil, false
			}
		case int:
			a, ok := v.([]any)
			if !ok {
				return nil, false
			}
			if k < 0 {
				k += len(a)
			}
			if k < 0 || k >= len(a) {
				return nil, false
			}
			v = a[k]
		}
	}
	return v, true
}

// normalized writes the path the way Jayway JsonPath prints it in its
// errors: $['a']['b'][0].
func (p *path) normalized() string {
	if p.steps == nil && p.expr != nil {
		return "$" + strings.ReplaceAll(p.expr.BracketString(), "[..]", "..")
	}
	var b strings.Builder
	b.WriteString("$")
	for _, s := range p.steps {
		switch k := s.(type) {
		case string:
			b.WriteString("['")
			b.WriteString(k)
			b.WriteString("']")
		case int:
			b.WriteString("[")
			b.WriteString(strconv.Itoa(k))
			b.WriteString("]")
		}
	}
	return b.String()
}

// refPath is a compiled ResultPath: a definite path of names and indexes
// into the state's input, where the result is placed.
type refPath struct {
	src   string
	steps []any
}

func compileRefPath(src string) (*refPath, error) {
	p, err := compilePath(src)
	if err != nil {
		return nil, err
	}
	if p.root != rootInput || (p.steps == nil && p.expr != nil) {
		return nil, errorf("invalid ResultPath %q: it must be a reference path of names and indexes under $", src)
	}
	return &refPath{src: src, steps: p.steps}, nil
}

// set returns root with v placed at the path. Only the containers along
// the path are copied; everything else is shared, since values are never
// modified in place. ok is false when the path crosses a value that is not
// a container of the right kind.
func (r *refPath) set(root, v any) (any, bool) {
	return setSteps(root, r.steps, v)
}

func setSteps(cur any, steps []any, v any) (any, bool) {
	if len(steps) == 0 {
		return v, true
	}
	switch k := steps[0].(type) {
	case string:
		var m map[string]any
		switch t := cur.(type) {
		case map[string]any:
			m = t
		case nil:
			m = nil
		default:
			return nil, false
		}
		child, ok := setSteps(m[k], steps[1:], v)
		if !ok {
			return nil, false
		}
		out := make(map[string]any, len(m)+1)
		for key, val := range m {
			out[key] = val
		}
		out[k] = child
		return out, true
	case int:
		a, ok := cur.([]any)
		if !ok {
			return nil, false
		}
		i := k
		if i < 0 {
			i += len(a)
		}
		if i < 0 || i >= len(a) {
			return nil, false
		}
		child, ok := setSteps(a[i], steps[1:], v)
		if !ok {
			return nil, false
		}
		out := make([]any, len(a))
		copy(out, a)
		out[i] = child
		return out, true
	}
	return nil, false
}
