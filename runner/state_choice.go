package runner

import (
	"fmt"
	"strings"
	"time"

	"baton/model"
)

func init() { registerKind(model.TypeChoice, compileChoice) }

// choiceKind picks the next state by the first rule that matches.
type choiceKind struct {
	rules   []*choiceRule
	def     *cstate
	defName string
	defNode *model.Node
}

type choiceRule struct {
	src    *model.ChoiceRule
	cond   choiceCond
	next   *cstate
	assign *assignment
}

// choiceCond is a compiled Boolean expression of a choice rule.
type choiceCond interface {
	match(t *thread, in any) (bool, error)
}

func compileChoice(c *compiler, s *cstate) (stateKind, error) {
	k := &choiceKind{defName: s.src.Default, defNode: s.src.Node.Get("Default")}
	for _, r := range s.src.Choices {
		cond, err := compileChoiceCond(r)
		if err != nil {
			return nil, err
		}
		a, err := compileAssign(r.Assign)
		if err != nil {
			return nil, err
		}
		k.rules = append(k.rules, &choiceRule{src: r, cond: cond, assign: a})
	}
	return k, nil
}

func (k *choiceKind) link(target func(string, *model.Node) (*cstate, error)) error {
	if k.defName != "" {
		def, err := target(k.defName, k.defNode)
		if err != nil {
			return err
		}
		k.def = def
	}
	for _, r := range k.rules {
		next, err := target(r.src.Next, r.src.Node.Get("Next"))
		if err != nil {
			return err
		}
		r.next = next
	}
	return nil
}

func (k *choiceKind) run(t *thread, s *cstate, in any) (any, *cstate, error) {
	eff, err := t.applyPath(s.inputPath, in)
	if err != nil {
		return nil, nil, err
	}
	t.phase(PhaseAfterInputPath, eff)
	var next *cstate
	var assign *assignment
	for _, r := range k.rules {
		ok, err := r.cond.match(t, eff)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			next, assign = r.next, r.assign
			break
		}
	}
	if next == nil {
		if k.def == nil {
			return nil, nil, &StateError{Name: ErrNoChoiceMatched, Cause: fmt.Sprintf("No Choice Rule matched and no Default in state '%s'", s.name)}
		}
		next, assign = k.def, s.assign
	}
	vals, err := assign.eval(t, eff)
	if err != nil {
		return nil, nil, err
	}
	t.assign(vals)
	out, err := t.applyPath(s.outputPath, eff)
	if err != nil {
		return nil, nil, err
	}
	return out, next, nil
}

// andCond, orCond and notCond combine rules.
type andCond []choiceCond
type orCond []choiceCond
type notCond struct{ c choiceCond }

func (a andCond) match(t *thread, in any) (bool, error) {
	for _, c := range a {
		ok, err := c.match(t, in)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

func (o orCond) match(t *thread, in any) (bool, error) {
	for _, c := range o {
		ok, err := c.match(t, in)
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

func (n notCond) match(t *thread, in any) (bool, error) {
	ok, err := n.c.match(t, in)
	return !ok, err
}

// comparison is Variable OPERATOR operand.
type comparison struct {
	variable *path
	op       string
	test     func(v, operand any) bool
	operand  any   // a literal operand
	opPath   *path // or a …Path operand
	isOp     bool  // Is* operators test the variable alone
}

func (c *comparison) match(t *thread, in any) (bool, error) {
	v, found := t.resolve(c.variable, in)
	if c.isOp {
		want, _ := c.operand.(bool)
		var is bool
		switch c.op {
		case "IsPresent":
			is = found
		case "IsNull":
			is = found && v == nil
		case "IsString":
			_, is = v.(string)
			is = found && is
		case "IsNumeric":
			is = found && isNumber(v)
		case "IsBoolean":
			_, is = v.(bool)
			is = found && is
		case "IsTimestamp":
			s, ok := v.(string)
			is = found && ok && isTimestamp(s)
		}
		return is == want, nil
	}
	if !found {
		return false, t.invalidPath(c.variable)
	}
	operand := c.operand
	if c.opPath != nil {
		o, ok := t.resolve(c.opPath, in)
		if !ok {
			return false, t.invalidPath(c.opPath)
		}
		operand = o
	}
	return c.test(v, operand), nil
}

func compileChoiceCond(r *model.ChoiceRule) (choiceCond, error) {
	switch {
	case r.And != nil || r.Node.Has("And"):
		var a andCond
		for _, sub := range r.And {
			c, err := compileChoiceCond(sub)
			if err != nil {
				return nil, err
			}
			a = append(a, c)
		}
		return a, nil
	case r.Or != nil || r.Node.Has("Or"):
		var o orCond
		for _, sub := range r.Or {
			c, err := compileChoiceCond(sub)
			if err != nil {
				return nil, err
			}
			o = append(o, c)
		}
		return o, nil
	case r.Not != nil:
		c, err := compileChoiceCond(r.Not)
		if err != nil {
			return nil, err
		}
		return notCond{c}, nil
	}
	if r.Operator == "" || r.Variable == nil || r.Variable.Kind != model.String {
		return nil, withPos(errorf("a choice rule needs a Variable and a comparison operator, or And, Or or Not"), r.Node.Pos)
	}
	v, err := compilePath(r.Variable.Str)
	if err != nil {
		return nil, withPos(err, r.Variable.Pos)
	}
	c := &comparison{variable: v, op: r.Operator}
	op := r.Operator
	if strings.HasPrefix(op, "Is") {
		if r.Operand.Kind != model.Bool {
			return nil, withPos(errorf("%s takes true or false", op), r.Operand.Pos)
		}
		c.isOp, c.operand = true, r.Operand.Bool
		return c, nil
	}
	base := strings.TrimSuffix(op, "Path")
	if base != op {
		if r.Operand.Kind != model.String {
			return nil, withPos(errorf("%s takes a path", op), r.Operand.Pos)
		}
		if c.opPath, err = compilePath(r.Operand.Str); err != nil {
			return nil, withPos(err, r.Operand.Pos)
		}
	} else {
		c.operand = r.Operand.Value()
	}
	test, ok := comparators[base]
	if !ok {
		return nil, withPos(errorf("unknown comparison operator %q", op), r.Operand.Pos)
	}
	if base == "StringMatches" {
		pat, _ := c.operand.(string)
		m := compileWildcard(pat)
		c.test = func(v, _ any) bool {
			s, ok := v.(string)
			return ok && m(s)
		}
		return c, nil
	}
	if base == "TimestampEquals" || strings.HasPrefix(base, "Timestamp") {
		if s, ok := c.operand.(string); ok && c.opPath == nil {
			if _, ok := parseTimestamp(s); !ok {
				return nil, withPos(errorf("%s takes a timestamp, not %q", op, s), r.Operand.Pos)
			}
		}
	}
	c.test = test
	return c, nil
}

// comparators holds the test of each comparison operator (without the
// Path suffix). A value of the wrong type never matches.
var comparators = map[string]func(v, operand any) bool{
	"StringEquals":            strCmp(func(c int) bool { return c == 0 }),
	"StringLessThan":          strCmp(func(c int) bool { return c < 0 }),
	"StringGreaterThan":       strCmp(func(c int) bool { return c > 0 }),
	"StringLessThanEquals":    strCmp(func(c int) bool { return c <= 0 }),
	"StringGreaterThanEquals": strCmp(func(c int) bool { return c >= 0 }),
	"StringMatches":           nil, // compiled per pattern
	"NumericEquals":           numCmp(func(c int) bool { return c == 0 }),
	"NumericLessThan":         numCmp(func(c int) bool { return c < 0 }),
	"NumericGreaterThan":      numCmp(func(c int) bool { return c > 0 }),
	"NumericLessThanEquals":   numCmp(func(c int) bool { return c <= 0 }),
	"NumericGreaterThanEquals": numCmp(func(c int) bool {
		return c >= 0
	}),
	"BooleanEquals": func(v, o any) bool {
		a, ok1 := v.(bool)
		b, ok2 := o.(bool)
		return ok1 && ok2 && a == b
	},
	"TimestampEquals":            tsCmp(func(c int) bool { return c == 0 }),
	"TimestampLessThan":          tsCmp(func(c int) bool { return c < 0 }),
	"TimestampGreaterThan":       tsCmp(func(c int) bool { return c > 0 }),
	"TimestampLessThanEquals":    tsCmp(func(c int) bool { return c <= 0 }),
	"TimestampGreaterThanEquals": tsCmp(func(c int) bool { return c >= 0 }),
}

func strCmp(ok func(int) bool) func(v, o any) bool {
	return func(v, o any) bool {
		a, ok1 := v.(string)
		b, ok2 := o.(string)
		return ok1 && ok2 && ok(strings.Compare(a, b))
	}
}

func numCmp(ok func(int) bool) func(v, o any) bool {
	return func(v, o any) bool {
		c, comparable := compareNumbers(v, o)
		return comparable && ok(c)
	}
}

func tsCmp(ok func(int) bool) func(v, o any) bool {
	return func(v, o any) bool {
		a, ok1 := v.(string)
		b, ok2 := o.(string)
		if !ok1 || !ok2 {
			return false
		}
		ta, ok1 := parseTimestamp(a)
		tb, ok2 := parseTimestamp(b)
		return ok1 && ok2 && ok(ta.Compare(tb))
	}
}

func isNumber(v any) bool {
	switch v.(type) {
	case int64, float64, int:
		return true
	}
	return false
}

// compareNumbers compares two JSON numbers exactly when both are integers.
func compareNumbers(a, b any) (int, bool) {
	ai, aInt := a.(int64)
	bi, bInt := b.(int64)
	if aInt && bInt {
		switch {
		case ai < bi:
			return -1, true
		case ai > bi:
			return 1, true
		}
		return 0, true
	}
	af, ok1 := toFloat(a)
	bf, ok2 := toFloat(b)
	if !ok1 || !ok2 {
		return 0, false
	}
	switch {
	case af < bf:
		return -1, true
	case af > bf:
		return 1, true
	}
	return 0, true
}

func toFloat(v any) (float64, bool) { return AsNumber(v) }

// parseTimestamp reads an RFC 3339 timestamp, as AWS requires them.
func parseTimestamp(s string) (time.Time, bool) {
	if len(s) < 20 || s[10] != 'T' {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

func isTimestamp(s string) bool {
	_, ok := parseTimestamp(s)
	return ok
}

// compileWildcard compiles a StringMatches pattern: * matches any run of
// characters, \* a literal star and \\ a backslash.
func compileWildcard(pat string) func(string) bool {
	type part struct {
		lit  string
		star bool
	}
	var parts []part
	var lit strings.Builder
	for i := 0; i < len(pat); i++ {
		c := pat[i]
		switch {
		case c == '\\' && i+1 < len(pat) && (pat[i+1] == '*' || pat[i+1] == '\\'):
			lit.WriteByte(pat[i+1])
			i++
		case c == '*':
			if lit.Len() > 0 {
				parts = append(parts, part{lit: lit.String()})
				lit.Reset()
			}
			parts = append(parts, part{star: true})
		default:
			lit.WriteByte(c)
		}
	}
	if lit.Len() > 0 {
		parts = append(parts, part{lit: lit.String()})
	}
	var match func(ps []part, s string) bool
	match = func(ps []part, s string) bool {
		if len(ps) == 0 {
			return s == ""
		}
		if !ps[0].star {
			return strings.HasPrefix(s, ps[0].lit) && match(ps[1:], s[len(ps[0].lit):])
		}
		for i := 0; i <= len(s); i++ {
			if match(ps[1:], s[i:]) {
				return true
			}
		}
		return false
	}
	return func(s string) bool { return match(parts, s) }
}
