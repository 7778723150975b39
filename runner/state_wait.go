package runner

import (
	"math"
	"time"

	"baton/model"
)

func init() {
	registerKind(model.TypeWait, compileWait)
	registerKind(model.TypeFail, compileFail)
}

// waitKind waits on the execution's clock.
type waitKind struct {
	seconds     int64
	hasSeconds  bool
	secondsPath *path
	timestamp   time.Time
	hasStamp    bool
	stampPath   *path
}

func compileWait(c *compiler, s *cstate) (stateKind, error) {
	st := s.src
	k := &waitKind{}
	var err error
	if k.seconds, k.hasSeconds, err = intField(st.Seconds, "Seconds"); err != nil {
		return nil, err
	}
	if k.secondsPath, err = optionalPath(st.SecondsPath, "SecondsPath"); err != nil {
		return nil, err
	}
	if n := st.Timestamp; n != nil {
		ts, ok := parseTimestamp(n.Text())
		if !ok {
			return nil, withPos(errorf("Timestamp must be an ISO-8601 extended offset date-time, like 2016-03-14T01:59:00Z"), n.Pos)
		}
		k.timestamp, k.hasStamp = ts, true
	}
	if k.stampPath, err = optionalPath(st.TimestampPath, "TimestampPath"); err != nil {
		return nil, err
	}
	return k, nil
}

func (k *waitKind) run(t *thread, s *cstate, in any) (any, *cstate, error) {
	eff, err := t.applyPath(s.inputPath, in)
	if err != nil {
		return nil, nil, err
	}
	t.phase(PhaseAfterInputPath, eff)
	var d time.Duration
	switch {
	case k.hasSeconds:
		d = time.Duration(k.seconds) * time.Second
	case k.secondsPath != nil:
		v, ok := t.resolve(k.secondsPath, eff)
		if !ok {
			return nil, nil, t.runtimeErr("The SecondsPath parameter does not reference an input value: %s", k.secondsPath.src)
		}
		n, ok := wholeNumber(v)
		if !ok {
			return nil, nil, t.runtimeErr("The SecondsPath parameter cannot be parsed as a long value: %s == %s", k.secondsPath.src, marshalValue(v))
		}
		if n < 0 {
			return nil, nil, t.runtimeErr("The SecondsPath parameter references a negative value: %s == %d", k.secondsPath.src, n)
		}
		d = time.Duration(n) * time.Second
	case k.hasStamp:
		d = k.timestamp.Sub(t.x.now())
	case k.stampPath != nil:
		v, ok := t.resolve(k.stampPath, eff)
		if !ok {
			return nil, nil, t.runtimeErr("The TimestampPath parameter does not reference an input value: %s", k.stampPath.src)
		}
		str, _ := v.(string)
		ts, ok := parseTimestamp(str)
		if !ok {
			shown := str
			if _, isStr := v.(string); !isStr {
				shown = string(marshalValue(v))
			}
			return nil, nil, t.runtimeErr("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: %s == %s", k.stampPath.src, shown)
		}
		d = ts.Sub(t.x.now())
	}
	t.wait(d, false)
	if err := t.alive(); err != nil {
		return nil, nil, err
	}
	vals, err := s.assign.eval(t, eff)
	if err != nil {
		return nil, nil, err
	}
	t.assign(vals)
	out, err := t.output(s, eff)
	return out, s.next, err
}

// wholeNumber reads an integral JSON number.
func wholeNumber(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case int:
		return int64(n), true
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<62 {
			return int64(n), true
		}
	}
	return 0, false
}

// failKind ends the machine with an error.
type failKind struct {
	errVal, causeVal   *string
	errPath, causePath evaluator
}

func compileFail(c *compiler, s *cstate) (stateKind, error) {
	st := s.src
	k := &failKind{}
	if st.Error != nil {
		e := st.Error.Text()
		k.errVal = &e
	}
	if st.Cause != nil {
		e := st.Cause.Text()
		k.causeVal = &e
	}
	var err error
	if k.errPath, err = compileFailPath(st.ErrorPath, "ErrorPath"); err != nil {
		return nil, err
	}
	if k.causePath, err = compileFailPath(st.CausePath, "CausePath"); err != nil {
		return nil, err
	}
	return k, nil
}

func compileFailPath(n *model.Node, field string) (evaluator, error) {
	if n == nil {
		return nil, nil
	}
	if n.Kind != model.String {
		return nil, withPos(errorf("%s must be a string", field), n.Pos)
	}
	ev, err := compileDynamic(n.Str, field, true)
	return ev, withPos(err, n.Pos)
}

func (k *failKind) run(t *thread, s *cstate, in any) (any, *cstate, error) {
	se := &StateError{}
	if k.errVal != nil {
		se.Name = *k.errVal
	}
	if k.causeVal != nil {
		se.Cause = *k.causeVal
	}
	if k.errPath != nil {
		v, err := k.errPath.eval(t, in)
		if err != nil {
			return nil, nil, err
		}
		se.Name = failText(v)
	}
	if k.causePath != nil {
		v, err := k.causePath.eval(t, in)
		if err != nil {
			return nil, nil, err
		}
		se.Cause = failText(v)
	}
	return nil, nil, se
}

// failText is how a Fail state reports a non-string ErrorPath or
// CausePath value: as its JSON.
func failText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return string(marshalValue(v))
}
