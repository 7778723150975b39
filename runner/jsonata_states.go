package runner

import (
	"math"
	"strconv"
	"time"

	"baton/model"
)

// The state kinds and hooks of JSONata states (see lang_jsonata.go).

func compileJSONataTask(c *compiler, s *cstate) (stateKind, error) {
	st := s.src
	if st.Resource == "" {
		return nil, withPos(errorf("a Task state needs a Resource"), st.Node.Pos)
	}
	k := &taskKind{res: parseResource(st.Resource)}
	var err error
	if k.timeoutExpr, err = compileJSONataNumber(st.TimeoutSeconds, "TimeoutSeconds"); err != nil {
		return nil, err
	}
	if k.heartbeatExpr, err = compileJSONataNumber(st.HeartbeatSeconds, "HeartbeatSeconds"); err != nil {
		return nil, err
	}
	if st.Credentials != nil {
		if k.credentials, err = compileJSONataValue(st.Credentials, "Credentials", roleInput); err != nil {
			return nil, err
		}
	}
	return k, nil
}

// jsonataSeconds resolves TimeoutSeconds or HeartbeatSeconds given as an
// expression; ok is false when the field is a number (or absent).
func jsonataSeconds(t *thread, n *jsonataNumber, in any) (int64, bool, error) {
	if n == nil || n.expr == nil {
		return 0, false, nil
	}
	f, err := n.value(t, in, "integer")
	if err != nil {
		return 0, true, err
	}
	if f <= 0 {
		return 0, true, t.queryFailed(n.expr.field, "The value of the field '"+n.expr.field+"' must be a positive integer, but was: "+jsNumber(f))
	}
	return int64(f), true, nil
}

// jsonataCond is the Condition of a JSONata choice rule.
type jsonataCond struct{ f *jsonataField }

func (c jsonataCond) match(t *thread, in any) (bool, error) {
	v, err := c.f.typed(t, in, "boolean")
	if err != nil {
		return false, err
	}
	return v.(bool), nil
}

// constCond is a Condition written as true or false.
type constCond bool

func (c constCond) match(*thread, any) (bool, error) { return bool(c), nil }

// jsonataChoice is a Choice state in JSONata: its rules have a Condition,
// and each may have an Output and an Assign of its own.
type jsonataChoice struct {
	*choiceKind
	outputs []evaluator // per rule, nil for none
}

func compileJSONataChoice(c *compiler, s *cstate) (stateKind, error) {
	k := &jsonataChoice{choiceKind: &choiceKind{defName: s.src.Default, defNode: s.src.Node.Get("Default")}}
	for i, r := range s.src.Choices {
		field := "Choices[" + strconv.Itoa(i) + "]"
		var cond choiceCond
		switch n := r.Condition; {
		case n == nil:
			return nil, withPos(errorf("a choice rule of a JSONata state needs a Condition"), r.Node.Pos)
		case n.Kind == model.Bool:
			cond = constCond(n.Bool)
		case n.Kind == model.String && isJSONataString(n.Str):
			x, err := compileJSONata(n.Str)
			if err != nil {
				return nil, withPos(errorf("%s/Condition: %v", field, err), n.Pos)
			}
			cond = jsonataCond{&jsonataField{x: x, field: field + "/Condition", role: roleInput}}
		default:
			return nil, withPos(errorf("Condition must be a JSONata expression {%% … %%} or a boolean"), n.Pos)
		}
		a, err := compileJSONataAssign(r.Assign, field+"/Assign", roleState)
		if err != nil {
			return nil, err
		}
		var out evaluator
		if r.Output != nil {
			if out, err = compileJSONataValue(r.Output, field+"/Output", roleState); err != nil {
				return nil, err
			}
		}
		k.rules = append(k.rules, &choiceRule{src: r, cond: cond, assign: a})
		k.outputs = append(k.outputs, out)
	}
	return k, nil
}

func (k *jsonataChoice) run(t *thread, s *cstate, in any) (any, *cstate, error) {
	var next *cstate
	var assign *assignment
	var output evaluator
	for i, r := range k.rules {
		ok, err := r.cond.match(t, in)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			next, assign, output = r.next, r.assign, k.outputs[i]
			break
		}
	}
	if next == nil {
		if k.def == nil {
			return nil, nil, &StateError{Name: ErrNoChoiceMatched, Cause: "No Choice Rule matched and no Default in state '" + s.name + "'"}
		}
		next, assign = k.def, s.assign
		if s.resultPath != nil {
			output = s.resultPath.output
		}
	}
	vals, err := assign.eval(t, in)
	if err != nil {
		return nil, nil, err
	}
	t.assign(vals)
	out := in
	if output != nil {
		if out, err = output.eval(t, in); err != nil {
			return nil, nil, err
		}
	}
	out, err = t.output(s, out)
	return out, next, err
}

// jsonataWait is a Wait state in JSONata: Seconds and Timestamp may be
// expressions.
type jsonataWait struct {
	seconds   *jsonataNumber
	timestamp *jsonataField // an expression
	fixedTime time.Time
	hasTime   bool
}

func compileJSONataWait(c *compiler, s *cstate) (stateKind, error) {
	st := s.src
	k := &jsonataWait{}
	var err error
	if st.Seconds != nil {
		if k.seconds, err = compileJSONataNumber(st.Seconds, "Seconds"); err != nil {
			return nil, err
		}
	}
	if n := st.Timestamp; n != nil {
		if n.Kind == model.String && isJSONataString(n.Str) {
			x, err := compileJSONata(n.Str)
			if err != nil {
				return nil, withPos(errorf("Timestamp: %v", err), n.Pos)
			}
			k.timestamp = &jsonataField{x: x, field: "Timestamp", role: roleInput}
		} else {
			ts, ok := parseTimestamp(n.Text())
			if !ok {
				return nil, withPos(errorf("Timestamp must be an ISO-8601 extended offset date-time, like 2016-03-14T01:59:00Z"), n.Pos)
			}
			k.fixedTime, k.hasTime = ts, true
		}
	}
	return k, nil
}

func (k *jsonataWait) run(t *thread, s *cstate, in any) (any, *cstate, error) {
	var d time.Duration
	switch {
	case k.seconds != nil:
		f, err := k.seconds.value(t, in, "integer")
		if err != nil {
			return nil, nil, err
		}
		if f < 0 {
			return nil, nil, t.queryFailed("Seconds", "The value of the field 'Seconds' must be a non-negative integer, but was: "+jsNumber(f))
		}
		d = time.Duration(math.Min(f, math.MaxInt64/float64(time.Second))) * time.Second
	case k.timestamp != nil:
		v, err := k.timestamp.value(t, in)
		if err != nil {
			return nil, nil, err
		}
		str, _ := v.(string)
		ts, ok := parseTimestamp(str)
		if !ok {
			return nil, nil, t.queryFailed("Timestamp", "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: "+shownValue(v))
		}
		d = ts.Sub(t.x.now())
	case k.hasTime:
		d = k.fixedTime.Sub(t.x.now())
	}
	t.x.sched.sleep(t.g, d)
	if err := t.alive(); err != nil {
		return nil, nil, err
	}
	vals, err := s.assign.eval(t, in)
	if err != nil {
		return nil, nil, err
	}
	t.assign(vals)
	out, err := t.applyResultPath(s.resultPath, in, in)
	if err != nil {
		return nil, nil, err
	}
	out, err = t.output(s, out)
	return out, s.next, err
}

// jsonataSucceed ends the machine with its Output.
type jsonataSucceed struct{}

func (jsonataSucceed) run(t *thread, s *cstate, in any) (any, *cstate, error) {
	out, err := t.applyResultPath(s.resultPath, in, in)
	if err != nil {
		return nil, nil, err
	}
	out, err = t.output(s, out)
	return out, nil, err
}

func compileJSONataFail(c *compiler, s *cstate) (stateKind, error) {
	k := &failKind{}
	for _, f := range []struct {
		n    *model.Node
		name string
		val  **string
		expr *evaluator
	}{{s.src.Error, "Error", &k.errVal, &k.errPath}, {s.src.Cause, "Cause", &k.causeVal, &k.causePath}} {
		switch n := f.n; {
		case n == nil:
		case n.Kind == model.String && isJSONataString(n.Str):
			x, err := compileJSONata(n.Str)
			if err != nil {
				return nil, withPos(errorf("%s: %v", f.name, err), n.Pos)
			}
			*f.expr = &jsonataString{&jsonataField{x: x, field: f.name, role: roleInput}}
		default:
			text := n.Text()
			*f.val = &text
		}
	}
	return k, nil
}

// jsonataString is an expression that must give a string.
type jsonataString struct{ f *jsonataField }

func (j *jsonataString) eval(t *thread, in any) (any, error) { return j.f.typed(t, in, "string") }

// mapJSONata holds what a JSONata Map state evaluates: Items, and the
// numbers that may be expressions.
type mapJSONata struct {
	items                     evaluator // nil: the state input
	maxConc, tolCount, tolPct *jsonataNumber
}

func compileJSONataMap(c *compiler, s *cstate) (stateKind, error) {
	st := s.src
	if st.Processor == nil {
		return nil, withPos(errorf("a Map state needs an ItemProcessor (or Iterator)"), st.Node.Pos)
	}
	j := &mapJSONata{}
	k := &mapKind{jsonata: j}
	var err error
	if n := st.ItemReader; n != nil {
		if rc := n.Get("ReaderConfig"); rc != nil && rc.Get("MaxItems").IsString() {
			return nil, withPos(errorf("ItemReader: JSONata expressions in MaxItems are not supported yet"), rc.Get("MaxItems").Pos)
		}
		args, err := jsonataArguments(n, "ItemReader")
		if err != nil {
			return nil, err
		}
		if k.reader, err = compileItemReader(asParameters(n)); err != nil {
			return nil, err
		}
		k.reader.params = args
	}
	if n := st.ResultWriter; n != nil {
		args, err := jsonataArguments(n, "ResultWriter")
		if err != nil {
			return nil, err
		}
		if k.writer, err = compileResultWriter(asParameters(n)); err != nil {
			return nil, err
		}
		k.writer.params = args
	}
	if k.proc, err = c.program(st.Processor); err != nil {
		return nil, err
	}
	if pc := st.Processor.ProcessorConfig; pc != nil && pc.Get("Mode").Text() == "DISTRIBUTED" {
		k.distributed = true
	}
	if n := st.Items; n != nil {
		if n.Kind != model.Array && !(n.Kind == model.String && isJSONataString(n.Str)) {
			return nil, withPos(errorf("Items must be an array or a JSONata expression {%% … %%}"), n.Pos)
		}
		if j.items, err = compileJSONataValue(n, "Items", roleInput); err != nil {
			return nil, err
		}
	}
	if n := st.ItemSelector; n != nil {
		if k.itemSelector, err = compileJSONataValue(n, "ItemSelector", roleInput); err != nil {
			return nil, err
		}
	}
	if j.maxConc, err = compileJSONataNumber(st.MaxConcurrency, "MaxConcurrency"); err != nil {
		return nil, err
	}
	if j.tolCount, err = compileJSONataNumber(st.ToleratedFailureCount, "ToleratedFailureCount"); err != nil {
		return nil, err
	}
	if j.tolPct, err = compileJSONataNumber(st.ToleratedFailurePercentage, "ToleratedFailurePercentage"); err != nil {
		return nil, err
	}
	k.hasTolerance = st.ToleratedFailureCount != nil || st.ToleratedFailurePercentage != nil
	if n := st.ItemBatcher; n != nil {
		for _, f := range []string{"MaxItemsPerBatch", "MaxInputBytesPerBatch"} {
			if v := n.Get(f); v != nil && v.Kind == model.String {
				return nil, withPos(errorf("ItemBatcher: JSONata expressions in %s are not supported yet", f), v.Pos)
			}
		}
		if k.batcher, err = compileItemBatcher(n); err != nil {
			return nil, err
		}
		if bi := n.Get("BatchInput"); bi != nil {
			if k.batcher.batchInput, err = compileJSONataValue(bi, "ItemBatcher/BatchInput", roleInput); err != nil {
				return nil, err
			}
		}
	}
	return k, nil
}

// items gives the array a JSONata Map iterates over.
func (j *mapJSONata) itemList(t *thread, in any) ([]any, error) {
	if j.items == nil {
		arr, ok := in.([]any)
		if !ok {
			return nil, t.queryFailed("", "Map state input must be an array but was: "+string(marshalValue(in)))
		}
		return arr, nil
	}
	var v any
	var err error
	if f, ok := j.items.(*jsonataField); ok {
		v, err = f.typed(t, in, "array")
	} else {
		v, err = j.items.eval(t, in)
	}
	if err != nil {
		return nil, err
	}
	return v.([]any), nil
}

// maxConcurrency resolves MaxConcurrency.
func (j *mapJSONata) maxConcurrency(t *thread, in any) (int64, error) {
	f, err := j.maxConc.value(t, in, "integer")
	return int64(f), err
}

// tolerance resolves how many failed items the Map tolerates of n.
func (j *mapJSONata) tolerance(t *thread, in any, n int) (int, error) {
	count, err := j.tolCount.value(t, in, "integer")
	if err != nil {
		return 0, err
	}
	pct, err := j.tolPct.value(t, in, "number")
	if err != nil {
		return 0, err
	}
	if pct < 0 || pct > 100 {
		return 0, t.queryFailed("ToleratedFailurePercentage", "ToleratedFailurePercentage must be between 0 and 100.")
	}
	tol := int(count)
	if byPct := int(math.Floor(pct / 100 * float64(n))); j.tolPct.set && byPct > tol {
		tol = byPct
	}
	return tol, nil
}

// jsonataArguments compiles the Arguments of a JSONata state's ItemReader
// or ResultWriter (a JSONPath state's Parameters).
func jsonataArguments(n *model.Node, field string) (evaluator, error) {
	if n.Kind != model.Object {
		return nil, withPos(errorf("%s must be an object", field), n.Pos)
	}
	if f := n.Field("Parameters"); f != nil {
		return nil, withPos(errorf("%s: Parameters is only allowed in JSONPath states; a JSONata state gives Arguments", field), f.KeyPos)
	}
	args := n.Get("Arguments")
	if args == nil {
		return nil, withPos(errorf("%s needs Arguments with a Bucket", field), n.Pos)
	}
	return compileJSONataValue(args, field+"/Arguments", roleInput)
}

// asParameters is n with its Arguments named Parameters, so that the
// JSONPath compiler checks the rest of it.
func asParameters(n *model.Node) *model.Node {
	c := n.Clone()
	c.Set("Parameters", model.NewObject())
	c.Delete("Arguments")
	return c
}
