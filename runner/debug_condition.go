package runner

import (
	"fmt"
	"strings"

	"github.com/ohler55/ojg/jp"
)

// condition is a compiled breakpoint condition, over the state's data
// (its input before the state, its output after it), the workflow
// variables and the context object. It is either
//
//   - a JSONPath filter expression (ojg's script syntax: ==, !=, <, <=,
//     >, >=, =~ /regex/, in, &&, ||, !, parentheses) whose paths start
//     from $ (the data), $name (a variable) or $$ (the context object):
//     `$.count > 3`, `$retries >= 2 && $.status == 'FAILED'`,
//     `$$.State.RetryCount > 0`; or
//   - a JSONata expression, "{% … %}", that yields true, with the data as
//     $states.input, the context object as $states.context and the
//     variables as themselves: `{% $states.input.count > 3 and $retries = 2 %}`.
type condition struct {
	src    string
	script *jp.Script
	// which roots the condition reads
	vars, ctx bool
	// jsonata is set for a JSONata condition
	jsonata *jsonataExpr
}

// The keys of the document a condition is matched against.
const (
	condData = "d"
	condVars = "v"
	condCtx  = "c"
)

func compileCondition(src string) (*condition, error) {
	trimmed := strings.TrimSpace(src)
	if trimmed == "" {
		return nil, fmt.Errorf("empty condition")
	}
	c := &condition{src: src}
	if strings.HasPrefix(trimmed, "{%") {
		if !isJSONataString(trimmed) {
			return nil, fmt.Errorf("condition %s: a JSONata condition ends with %%}", src)
		}
		x, err := compileJSONata(trimmed)
		if err != nil {
			return nil, fmt.Errorf("condition %s: %v", src, err)
		}
		c.jsonata = x
		return c, nil
	}
	rewritten, err := c.rewrite(trimmed)
	if err != nil {
		return nil, fmt.Errorf("condition %s: %v", src, err)
	}
	sc, err := parseScript("(" + rewritten + ")")
	if err != nil {
		return nil, fmt.Errorf("condition %s: %v", src, err)
	}
	c.script = sc
	return c, nil
}

// parseScript parses an ojg script, turning its panics into errors.
func parseScript(src string) (sc *jp.Script, err error) {
	defer func() {
		if r := recover(); r != nil {
			sc, err = nil, fmt.Errorf("%v", r)
		}
	}()
	return jp.NewScript(src)
}

// rewrite maps the condition's roots onto the document it is matched
// against: $ → $.d, $name → $.v.name, $$ → $.c. Quoted strings and
// regular expressions are copied as they are.
func (c *condition) rewrite(src string) (string, error) {
	var b strings.Builder
	prev := byte(0) // last non-space byte copied
	for i := 0; i < len(src); {
		ch := src[i]
		switch {
		case ch == '\'' || ch == '"' || ch == '/' && prev == '~':
			j := i + 1
			for j < len(src) && src[j] != ch {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) {
				return "", fmt.Errorf("unterminated %c", ch)
			}
			b.WriteString(src[i : j+1])
			i, prev = j+1, ch
			continue
		case ch == '$' && i+1 < len(src) && src[i+1] == '$':
			b.WriteString("$." + condCtx)
			c.ctx = true
			i += 2
		case ch == '$' && isVarStart(src[i:]):
			j := i + 1
			for j < len(src) && isIdentPart(src[j]) {
				j++
			}
			b.WriteString("$." + condVars + "." + src[i+1:j])
			c.vars = true
			i = j
		case ch == '$':
			b.WriteString("$." + condData)
			i++
		default:
			b.WriteByte(ch)
			i++
		}
		if ch != ' ' && ch != '\t' {
			prev = ch
		}
	}
	return b.String(), nil
}

// holds evaluates the condition on a state's data; the variables and the
// context object are read from info only when the condition uses them. A
// condition that cannot be evaluated does not hold.
func (c *condition) holds(data any, info *StateInfo) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	if c.jsonata != nil {
		if info.t == nil {
			return false
		}
		v, err := c.jsonata.eval(&jsonataScope{t: info.t, states: info.t.jsonataStates(roleInput, data)})
		return err == nil && v == true
	}
	doc := map[string]any{condData: data}
	if c.vars {
		doc[condVars] = info.Variables()
	}
	if c.ctx {
		doc[condCtx] = info.Context()
	}
	return c.script.Match(doc)
}
