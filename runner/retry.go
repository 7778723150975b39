package runner

import (
	"errors"
	"math"
	"time"

	"baton/model"
)

// retrier is a compiled Retry element.
type retrier struct {
	errors   []string
	interval float64 // seconds
	max      int
	backoff  float64
	maxDelay float64 // seconds, 0 for none
	jitter   bool
}

func compileRetrier(r *model.Retrier) (*retrier, error) {
	rt := &retrier{errors: r.ErrorEquals, interval: 1, max: 3, backoff: 2}
	if n := r.IntervalSeconds; n != nil {
		v, ok := n.Int()
		if !ok || v < 1 {
			return nil, withPos(errorf("IntervalSeconds must be a positive integer"), n.Pos)
		}
		rt.interval = float64(v)
	}
	if n := r.MaxAttempts; n != nil {
		v, ok := n.Int()
		if !ok || v < 0 {
			return nil, withPos(errorf("MaxAttempts must be a non-negative integer"), n.Pos)
		}
		rt.max = int(v)
	}
	if n := r.BackoffRate; n != nil {
		v, ok := n.Float()
		if !ok || v < 1 {
			return nil, withPos(errorf("BackoffRate must be a number of at least 1.0"), n.Pos)
		}
		rt.backoff = v
	}
	if n := r.MaxDelaySeconds; n != nil {
		v, ok := n.Int()
		if !ok || v < 1 {
			return nil, withPos(errorf("MaxDelaySeconds must be a positive integer"), n.Pos)
		}
		rt.maxDelay = float64(v)
	}
	if n := r.JitterStrategy; n != nil {
		switch n.Text() {
		case "FULL":
			rt.jitter = true
		case "NONE":
		default:
			return nil, withPos(errorf("JitterStrategy must be FULL or NONE"), n.Pos)
		}
	}
	return rt, nil
}

// delay is the wait before retry number n (0 for the first retry).
func (r *retrier) delay(n int, rnd func() float64) time.Duration {
	d := r.interval * math.Pow(r.backoff, float64(n))
	if r.maxDelay > 0 && d > r.maxDelay {
		d = r.maxDelay
	}
	if r.jitter {
		d *= rnd()
	}
	return time.Duration(d * float64(time.Second))
}

// catcher is a compiled Catch element.
type catcher struct {
	src        *model.Catcher
	errors     []string
	resultPath *resultPath
	assign     *assignment
	next       *cstate
}

func compileCatcher(c *model.Catcher) (*catcher, error) {
	ct := &catcher{src: c, errors: c.ErrorEquals}
	var err error
	if ct.resultPath, err = compileResultPath(c.ResultPath); err != nil {
		return nil, err
	}
	if ct.assign, err = compileAssign(c.Assign); err != nil {
		return nil, err
	}
	return ct, nil
}

// errorMatches reports whether an ErrorEquals list takes an error.
// States.ALL takes everything but States.Runtime (which always fails the
// execution) and States.DataLimitExceeded (terminal unless named);
// States.TaskFailed takes everything but States.Timeout.
func errorMatches(list []string, se *StateError) bool {
	name := se.Name
	if name == ErrRuntime {
		return false
	}
	for _, e := range list {
		switch {
		case e == name && !se.NullError:
			return true
		case e == ErrAll:
			return name != ErrDataLimitExceeded
		case e == ErrTaskFailed:
			if name != ErrTimeout && name != ErrDataLimitExceeded {
				return true
			}
		}
	}
	return false
}

// attempt runs a state's work, retrying it as its Retry says; when the
// retries are spent it records failEvent (MapStateFailed, …; "" for none)
// and a Catch may take the failure. It returns the state's output and next
// state, or the failure.
func (t *thread) attempt(s *cstate, in any, failEvent string, work func() (any, error)) (out any, next *cstate, caught bool, err error) {
	var counts []int
	for {
		t.childFailed = false
		out, err := work()
		if err == nil {
			return out, s.next, false, nil
		}
		var se *StateError
		if !errors.As(err, &se) || t.ctx.Err() != nil {
			if e := t.alive(); e != nil {
				return nil, nil, false, e
			}
			return nil, nil, false, err
		}
		if i := matchRetrier(s.retry, se); i >= 0 {
			if counts == nil {
				counts = make([]int, len(s.retry))
			}
			r := s.retry[i]
			if counts[i] < r.max {
				d := r.delay(counts[i], t.x.rng.Float64)
				t.failed(se, d, true, nil)
				counts[i]++
				t.retryCount++
				t.ctxObj = nil
				t.wait(d, true)
				if e := t.alive(); e != nil {
					return nil, nil, false, e
				}
				continue
			}
		}
		if failEvent != "" && (se.Name != ErrRuntime || t.childFailed) {
			// A States.Runtime failure of the state itself ends the
			// execution at once; one from a branch or iteration fails
			// the state first.
			t.emit(failEvent, nil)
		}
		for _, c := range s.catch {
			if !errorMatches(c.errors, se) {
				continue
			}
			t.failed(se, 0, false, c.next)
			errOut := map[string]any{"Error": nullable(se.Name, se.NullError), "Cause": nullable(se.Cause, se.NullCause)}
			vals, err := c.assign.eval(t, errOut)
			if err != nil {
				return nil, nil, false, err
			}
			t.assigned = nil
			t.assign(vals)
			out, err := t.applyResultPath(c.resultPath, in, errOut)
			if err != nil {
				return nil, nil, false, err
			}
			return out, c.next, true, nil
		}
		t.failed(se, 0, false, nil)
		return nil, nil, false, se
	}
}

func matchRetrier(rs []*retrier, se *StateError) int {
	for i, r := range rs {
		if errorMatches(r.errors, se) {
			return i
		}
	}
	return -1
}

func nullable(s string, null bool) any {
	if null {
		return nil
	}
	return s
}
