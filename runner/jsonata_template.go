package runner

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	jsonata "github.com/xiatechs/jsonata-go"

	"baton/model"
)

// jsonataRole says what an evaluator's argument is to $states.
type jsonataRole uint8

const (
	// roleInput: the argument is the state's input (Arguments, Items,
	// ItemSelector, Condition, the numbers of Task, Wait and Map, Fail's
	// Error and Cause).
	roleInput jsonataRole = iota
	// roleState: the state has no result; $states.input is the state's
	// input (Output and Assign of Pass, Wait, Choice, Succeed).
	roleState
	// roleResult: the argument is the result of a Task, Parallel or Map;
	// $states.input is the state's input (their Output and Assign).
	roleResult
	// roleError: the argument is the error output (a Catch's Output and
	// Assign).
	roleError
)

// jsonataField evaluates one "{% … %}" string of a state's field.
type jsonataField struct {
	x *jsonataExpr
	// field names where the expression is, as AWS does in its messages:
	// "Output", "Arguments/FunctionName", "Items".
	field string
	role  jsonataRole
}

// jsonataStates builds $states for an evaluation.
func (t *thread) jsonataStates(role jsonataRole, in any) map[string]any {
	return t.jsonataStatesOf(role, in, nil)
}

// jsonataStatesOf builds $states with the members keys names (all when
// keys is nil).
func (t *thread) jsonataStatesOf(role jsonataRole, in any, keys map[string]bool) map[string]any {
	m := make(map[string]any, 3)
	put := func(k string, v any) {
		if keys == nil || keys[k] {
			m[k] = v
		}
	}
	if keys == nil || keys["context"] {
		m["context"] = t.contextObject()
	}
	switch role {
	case roleInput:
		put("input", in)
	case roleState:
		put("input", t.input)
	case roleResult:
		put("input", t.input)
		put("result", in)
	case roleError:
		put("input", t.input)
		put("errorOutput", in)
	}
	return jsonataValue(m).(map[string]any)
}

// value evaluates the expression; the error is the state's failure.
func (f *jsonataField) value(t *thread, in any) (any, error) {
	sc := &jsonataScope{t: t}
	if f.x.states {
		sc.states = t.jsonataStatesOf(f.role, in, f.x.statesKeys)
	}
	v, err := f.x.eval(sc)
	if err != nil {
		return nil, f.fail(t, err)
	}
	return v, nil
}

// eval is the evaluator of a field whose expression must give a value.
func (f *jsonataField) eval(t *thread, in any) (any, error) { return f.value(t, in) }

// fail turns an evaluation error into AWS's States.QueryEvaluationError.
func (f *jsonataField) fail(t *thread, err error) error {
	var msg string
	switch {
	case errors.Is(err, errJSONataUndefined):
		msg = fmt.Sprintf("The JSONata expression '%s' specified for the field '%s' returned nothing (undefined).", f.x.src, f.field)
	case errors.Is(err, errJSONataFunction):
		msg = fmt.Sprintf("The JSONata expression '%s' specified for the field '%s' returned an unsupported result type.", f.x.src, f.field)
	default:
		msg = fmt.Sprintf("The JSONata expression '%s' specified for the field '%s' threw an error during evaluation%s", f.x.src, f.field, jsonataErrorText(err))
	}
	return t.queryFailed(f.field, msg)
}

// typed evaluates an expression that must give a value of one JSON type:
// "array", "boolean", "string", "number" or "integer".
func (f *jsonataField) typed(t *thread, in any, want string) (any, error) {
	v, err := f.value(t, in)
	if err != nil {
		return nil, err
	}
	got := jsonTypeName(v)
	ok := got == want
	if want == "integer" {
		_, ok = wholeNumber(v)
	}
	if !ok {
		return nil, t.queryFailed(f.field, fmt.Sprintf("The JSONata expression '%s' specified for the field '%s' returned an unexpected result type. Expected '%s', but was '%s' for value: %s", f.x.src, f.field, want, got, marshalValue(v)))
	}
	return v, nil
}

// jsonTypeName is the JSON type of a value, as AWS names it.
func jsonTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case int64, float64, int:
		return "number"
	case []any:
		return "array"
	}
	return "object"
}

// queryFailed is a States.QueryEvaluationError of the current state, with
// the EvaluationFailed event AWS records for it (location is the field,
// "" for none).
func (t *thread) queryFailed(location, msg string) *StateError {
	cause := msg
	if t.state != nil {
		cause = fmt.Sprintf("An error occurred while executing the state '%s' (entered at the event id #%d). %s", t.state.name, t.enteredID, msg)
	}
	se := &StateError{Name: ErrQueryEvaluation, Cause: cause}
	d := &EvaluationFailedEventDetails{Error: se.Name, Cause: cause, Location: location}
	prev := t.prev
	if t.state != nil {
		d.State = t.state.name
		if t.state.typ != model.TypeWait && t.enteredID > 0 {
			// AWS chains the event to what preceded the state's
			// entered event, except in a Wait state.
			prev = t.log.previous(t.enteredID)
		}
	}
	t.prev = t.log.add(prev, "EvaluationFailed", d)
	return se
}

// checkAssignSize fails the state when the variables one Assign sets are
// together larger than AWS allows (256 KiB, the payload limit).
func (t *thread) checkAssignSize(vals map[string]any) error {
	if limit := t.x.opts.payloadLimit; limit > 0 && t.x.sizes.exceeds(vals, limit) {
		name := ""
		if t.state != nil {
			name = t.state.name
		}
		return &StateError{Name: ErrDataLimitExceeded, Cause: fmt.Sprintf("The variables assigned by the state '%s' exceed the maximum size of %d bytes.", name, limit)}
	}
	return nil
}

// previous is the previous event id of event id.
func (l *eventLog) previous(id int64) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	i := int(id - 1)
	c := i / eventChunk
	if id < 1 || c >= len(l.chunks) || i%eventChunk >= len(l.chunks[c]) {
		return 0
	}
	return l.chunks[c][i%eventChunk].PreviousEventID
}

// jsonataCodes are JSONata's error codes and messages for the library's
// errors, so causes read as AWS's (JSONata 2) do.
var jsonataCodes = map[jsonata.ErrType]struct{ code, msg string }{
	jsonata.ErrNonNumberLHS:       {"T2001", "The left side of the %s operator must evaluate to a number"},
	jsonata.ErrNonNumberRHS:       {"T2002", "The right side of the %s operator must evaluate to a number"},
	jsonata.ErrNonIntegerLHS:      {"T2003", "The left side of the range operator (..) must evaluate to an integer"},
	jsonata.ErrNonIntegerRHS:      {"T2004", "The right side of the range operator (..) must evaluate to an integer"},
	jsonata.ErrNonComparableLHS:   {"T2010", "The expressions either side of operator %s must evaluate to numeric or string values"},
	jsonata.ErrNonComparableRHS:   {"T2010", "The expressions either side of operator %s must evaluate to numeric or string values"},
	jsonata.ErrTypeMismatch:       {"T2009", "The values either side of operator %s must be of the same data type"},
	jsonata.ErrNonCallable:        {"T1006", "Attempted to invoke a non-function"},
	jsonata.ErrNonCallableApply:   {"T2006", "The right side of the function application operator ~> must be a function"},
	jsonata.ErrNonCallablePartial: {"T1008", "Attempted to partially apply a non-function"},
	jsonata.ErrNumberInf:          {"D1001", "Number out of range"},
	jsonata.ErrNumberNaN:          {"D1001", "Number out of range"},
	jsonata.ErrMaxRangeItems:      {"D2014", "The size of the sequence allocated by the range operator (..) must not exceed 1e7"},
	jsonata.ErrIllegalKey:         {"T1003", "Key in object structure must evaluate to a string"},
	jsonata.ErrDuplicateKey:       {"D1009", "Multiple key definitions evaluate to same key: %s"},
	jsonata.ErrIllegalUpdate:      {"T2011", "The insert/update clause of the transform expression must evaluate to an object"},
	jsonata.ErrIllegalDelete:      {"T2012", "The delete clause of the transform expression must evaluate to a string or array of strings"},
	jsonata.ErrNonSortable:        {"T2008", "The expressions within an order-by clause must evaluate to numeric or string values"},
	jsonata.ErrSortMismatch:       {"T2007", "Type mismatch when comparing values in order-by clause"},
}

var libraryDetail = regexp.MustCompile(`,? position: ?-?\d+(, arguments: .*)?$`)

var argTypeText = regexp.MustCompile(`^argument (\d+) of function "([^"]*)" does not match function signature`)

// jsonataErrorText is the tail of a cause: ". CODE: message" for JSONata's
// coded errors, ": message" for the others (AWS writes both).
func jsonataErrorText(err error) string {
	var le *jsonataLimitError
	var fe *funcError
	var ee *jsonata.EvalError
	var ae *jsonata.ArgCountError
	var te *jsonata.ArgTypeError
	switch {
	case errors.As(err, &le):
		return ": " + le.msg
	case errors.As(err, &fe):
		return ". " + fe.Error()
	case errors.As(err, &ee):
		if c, ok := jsonataCodes[ee.Type]; ok {
			msg := c.msg
			if strings.Contains(msg, "%s") {
				arg := ee.Value
				if arg == "" {
					arg = ee.Token
				}
				msg = fmt.Sprintf(msg, arg)
			}
			return ". " + c.code + ": " + msg
		}
	case errors.As(err, &ae):
		return fmt.Sprintf(". T0410: Argument %d of function %s does not match function signature", ae.Received, ae.Func)
	case errors.As(err, &te):
		return fmt.Sprintf(". T0410: Argument %d of function %s does not match function signature", te.Which, te.Func)
	}
	msg := libraryDetail.ReplaceAllString(err.Error(), "")
	if m := argTypeText.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return fmt.Sprintf(". T0410: Argument %d of function %s does not match function signature", n, m[2])
	}
	return ": " + msg
}

// compileJSONataValue compiles a value of a JSONata state's field: a
// "{% … %}" string anywhere in it is an expression, everything else is
// written as is.
func compileJSONataValue(n *model.Node, field string, role jsonataRole) (evaluator, error) {
	if !hasJSONata(n) {
		return literal{n.Value()}, nil
	}
	switch n.Kind {
	case model.String:
		x, err := compileJSONata(n.Str)
		if err != nil {
			return nil, withPos(errorf("%s: %v", field, err), n.Pos)
		}
		return &jsonataField{x: x, field: field, role: role}, nil
	case model.Object:
		keys, evals, err := compileJSONataFields(n, field, role)
		if err != nil {
			return nil, err
		}
		return &objectTemplate{keys: keys, evals: evals}, nil
	case model.Array:
		a := &arrayTemplate{items: make([]evaluator, len(n.Items))}
		for i, it := range n.Items {
			ev, err := compileJSONataValue(it, field+"["+strconv.Itoa(i)+"]", role)
			if err != nil {
				return nil, err
			}
			a.items[i] = ev
		}
		return a, nil
	}
	return literal{n.Value()}, nil
}

// hasJSONata reports whether a value holds a "{% … %}" string.
func hasJSONata(n *model.Node) bool {
	switch n.Kind {
	case model.String:
		return isJSONataString(n.Str)
	case model.Object:
		for _, f := range n.Fields {
			if hasJSONata(f.Value) {
				return true
			}
		}
	case model.Array:
		for _, it := range n.Items {
			if hasJSONata(it) {
				return true
			}
		}
	}
	return false
}

// compileJSONataAssign compiles the Assign field of a JSONata state or
// catcher; field is where it is ("Assign", "Catch[0]/Assign").
func compileJSONataAssign(n *model.Node, field string, role jsonataRole) (*assignment, error) {
	if n == nil {
		return nil, nil
	}
	if n.Kind != model.Object {
		return nil, withPos(errorf("%s must be an object", field), n.Pos)
	}
	names, evals, err := compileJSONataFields(n, field, role)
	if err != nil {
		return nil, err
	}
	return &assignment{names: names, evals: evals}, nil
}

// compileJSONataFields compiles the members of an object; a key written
// twice takes its last value.
func compileJSONataFields(n *model.Node, field string, role jsonataRole) (keys []string, evals []evaluator, err error) {
	seen := map[string]int{}
	for _, f := range n.Fields {
		ev, err := compileJSONataValue(f.Value, field+"/"+f.Key, role)
		if err != nil {
			return nil, nil, err
		}
		if i, dup := seen[f.Key]; dup {
			evals[i] = ev
			continue
		}
		seen[f.Key] = len(keys)
		keys = append(keys, f.Key)
		evals = append(evals, ev)
	}
	return keys, evals, nil
}

// jsonataNumber is a numeric field of a JSONata state: a number, or an
// expression that gives one.
type jsonataNumber struct {
	fixed float64
	set   bool
	expr  *jsonataField
}

func compileJSONataNumber(n *model.Node, field string) (*jsonataNumber, error) {
	if n == nil {
		return &jsonataNumber{}, nil
	}
	if n.Kind == model.String && isJSONataString(n.Str) {
		x, err := compileJSONata(n.Str)
		if err != nil {
			return nil, withPos(errorf("%s: %v", field, err), n.Pos)
		}
		return &jsonataNumber{set: true, expr: &jsonataField{x: x, field: field, role: roleInput}}, nil
	}
	f, ok := n.Float()
	if !ok || f < 0 {
		return nil, withPos(errorf("%s must be a non-negative number or a JSONata expression {%% … %%}", field), n.Pos)
	}
	return &jsonataNumber{fixed: f, set: true}, nil
}

// value resolves the number; want is "integer" or "number".
func (j *jsonataNumber) value(t *thread, in any, want string) (float64, error) {
	if j.expr == nil {
		return j.fixed, nil
	}
	v, err := j.expr.typed(t, in, want)
	if err != nil {
		return 0, err
	}
	f, _ := toFloat(v)
	return f, nil
}
