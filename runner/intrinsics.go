package runner

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"

	"baton/model"
)

// EvalIntrinsic evaluates a parsed call. resolve returns the value of a path
// argument (the interpreter supplies it: JSONPath over the state input, the
// context object or a variable); it returns a *StateError for a path that
// does not resolve. Random functions (States.MathRandom without a seed,
// States.UUID) draw from the process-wide generator; EvalIntrinsicWith takes
// a source instead.
//
// A failed call returns a *StateError named States.Runtime: AWS reports
// intrinsic failures under that name (States.IntrinsicFailure is reserved),
// with the cause "Invalid arguments in States.Name" for any argument it
// rejects. The interpreter adds the "An error occurred while executing the
// state ..." prefix. Results may share maps and slices with the values
// resolve returned; a caller that mutates them must copy first.
func EvalIntrinsic(call *model.IntrinsicCall, resolve func(arg *model.IntrinsicArg) (any, error)) (any, error) {
	return EvalIntrinsicWith(call, resolve, nil)
}

// EvalIntrinsicWith is EvalIntrinsic with the random source for
// States.MathRandom without a seed and States.UUID, so a run can be
// reproduced; nil means the process-wide generator.
func EvalIntrinsicWith(call *model.IntrinsicCall, resolve func(arg *model.IntrinsicArg) (any, error), src rand.Source) (any, error) {
	if src == nil {
		src = globalSource{}
	}
	e := &intrinsicEval{resolve: resolve, rnd: rand.New(src)}
	return e.call(call)
}

// globalSource draws from math/rand/v2's process-wide, randomly seeded
// generator, which is safe for concurrent use.
type globalSource struct{}

func (globalSource) Uint64() uint64 { return rand.Uint64() }

type intrinsicEval struct {
	resolve func(arg *model.IntrinsicArg) (any, error)
	rnd     *rand.Rand
}

// intrinsicFunc implements one function. args are the evaluated arguments,
// already checked against model.IntrinsicArity; call gives access to how
// they were written (States.Format needs the raw template literal).
type intrinsicFunc func(e *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error)

// intrinsicFuncs is the dispatch table of the 18 intrinsic functions.
var intrinsicFuncs map[string]intrinsicFunc

func init() {
	intrinsicFuncs = map[string]intrinsicFunc{
		"States.Format":         fnFormat,
		"States.StringToJson":   fnStringToJSON,
		"States.JsonToString":   fnJSONToString,
		"States.Array":          fnArray,
		"States.ArrayPartition": fnArrayPartition,
		"States.ArrayContains":  fnArrayContains,
		"States.ArrayRange":     fnArrayRange,
		"States.ArrayGetItem":   fnArrayGetItem,
		"States.ArrayLength":    fnArrayLength,
		"States.ArrayUnique":    fnArrayUnique,
		"States.Base64Encode":   fnBase64Encode,
		"States.Base64Decode":   fnBase64Decode,
		"States.Hash":           fnHash,
		"States.JsonMerge":      fnJSONMerge,
		"States.MathRandom":     fnMathRandom,
		"States.MathAdd":        fnMathAdd,
		"States.StringSplit":    fnStringSplit,
		"States.UUID":           fnUUID,
	}
}

func (e *intrinsicEval) call(call *model.IntrinsicCall) (any, error) {
	fn, ok := intrinsicFuncs[call.Name]
	if !ok {
		return nil, Errorf(ErrRuntime, "Unsupported intrinsic function: %s", call.Name)
	}
	if arity, ok := model.IntrinsicArity[call.Name]; ok {
		if n := len(call.Args); n < arity[0] || arity[1] >= 0 && n > arity[1] {
			return nil, invalidArgs(call)
		}
	}
	args := make([]any, len(call.Args))
	for i := range call.Args {
		v, err := e.arg(call, &call.Args[i])
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	return fn(e, call, args)
}

func (e *intrinsicEval) arg(call *model.IntrinsicCall, a *model.IntrinsicArg) (any, error) {
	switch a.Kind {
	case model.ArgString:
		if off := a.OpenEscape(); off >= 0 {
			return nil, Errorf(ErrRuntime, "Invalid escape in a string argument of %s at offset %d: a backslash must escape one of ' { } \\", call.Name, off)
		}
		return a.Str, nil
	case model.ArgNumber:
		return a.Num, nil
	case model.ArgBool:
		return a.Bool, nil
	case model.ArgNull:
		return nil, nil
	case model.ArgPath, model.ArgContextPath, model.ArgVariable:
		if e.resolve == nil {
			return nil, Errorf(ErrRuntime, "No resolver for the path %s in %s", a.Str, call.Name)
		}
		return e.resolve(a)
	case model.ArgCall:
		return e.call(a.Call)
	}
	return nil, Errorf(ErrRuntime, "Unsupported argument kind %s in %s", a.Kind, call.Name)
}

// invalidArgs is the failure AWS reports for any argument a function rejects.
func invalidArgs(call *model.IntrinsicCall) *StateError {
	return Errorf(ErrRuntime, "Invalid arguments in %s", call.Name)
}

// intrNumber returns v as a float64 if it is a JSON number.
func intrNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	case int:
		return float64(n), true
	case json.Number:
		// Out of range gives ±Inf with ErrRange: still a number.
		f, err := strconv.ParseFloat(string(n), 64)
		return f, err == nil || errors.Is(err, strconv.ErrRange)
	}
	return 0, false
}

// javaInt converts like Java's (int) cast of a double, which AWS applies to
// integer arguments: truncation toward zero, saturating at the int32 range,
// NaN to 0.
func javaInt(f float64) int64 { return javaTrunc(f, math.MinInt32, math.MaxInt32) }

// javaLong is javaInt for Java's (long) cast.
func javaLong(f float64) int64 { return javaTrunc(f, math.MinInt64, math.MaxInt64) }

func javaTrunc(f float64, lo, hi int64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= float64(hi):
		return hi
	case f <= float64(lo):
		return lo
	}
	return int64(f)
}

// javaRound is Java's Math.round(double): halves round up (toward positive
// infinity), saturating at the int64 range, NaN to 0.
func javaRound(f float64) int64 {
	if math.IsNaN(f) {
		return 0
	}
	r := math.Floor(f)
	if f-r >= 0.5 {
		r++
	}
	return javaLong(r)
}

// intArg returns an integer argument the way AWS reads it: any JSON number,
// truncated toward zero (javaInt).
func intArg(v any) (int64, bool) {
	f, ok := intrNumber(v)
	if !ok {
		return 0, false
	}
	return javaInt(f), true
}
