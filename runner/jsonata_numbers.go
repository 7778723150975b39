package runner

import (
	"math"
	"reflect"

	jsonata "github.com/xiatechs/jsonata-go"
	"github.com/xiatechs/jsonata-go/jparse"
	"github.com/xiatechs/jsonata-go/jtypes"
)

// The library rounds the results of +, -, /, $sum and $average up to 8
// decimal places and truncates * and % (1/3 gives 0.33333334); AWS's
// JSONata computes in IEEE doubles, as JavaScript does (0.1 + 0.2 gives
// 0.30000000000000004). Compile replaces the arithmetic operators with
// calls of these functions, and $sum and $average are replaced too.

var numericOps = map[jparse.NumericOperator]struct {
	fn   string
	text string
}{
	jparse.NumericAdd:      {guardPrefix + "add", "+"},
	jparse.NumericSubtract: {guardPrefix + "sub", "-"},
	jparse.NumericMultiply: {guardPrefix + "mul", "*"},
	jparse.NumericDivide:   {guardPrefix + "div", "/"},
	jparse.NumericModulo:   {guardPrefix + "mod", "%"},
}

func init() {
	exts := map[string]jsonata.Extension{
		"sum":     {Func: sfnSum, UndefinedHandler: undefinedFirst, EvalContextHandler: contextIfNoArgs},
		"average": {Func: sfnAverage, UndefinedHandler: undefinedFirst, EvalContextHandler: contextIfNoArgs},
	}
	for op, o := range numericOps {
		exts[o.fn] = jsonata.Extension{Func: arithmetic(op, o.text)}
	}
	addJSONataExts(exts)
}

// arithmeticCall is the call that replaces a numeric operator.
func arithmeticCall(n *jparse.NumericOperatorNode) jparse.Node {
	return guardCall(numericOps[n.Type].fn, n.LHS, n.RHS)
}

// arithmetic is one operator as JSONata 2 evaluates it: an operand that is
// there must be a number; if one is missing, so is the result.
func arithmetic(op jparse.NumericOperator, text string) func(lhs, rhs reflect.Value) (any, error) {
	return func(lhs, rhs reflect.Value) (any, error) {
		a, aok := jtypes.AsNumber(lhs)
		if lhs.IsValid() && !aok {
			return nil, failf("T2001", "The left side of the %s operator must evaluate to a number", text)
		}
		b, bok := jtypes.AsNumber(rhs)
		if rhs.IsValid() && !bok {
			return nil, failf("T2002", "The right side of the %s operator must evaluate to a number", text)
		}
		if !aok || !bok {
			return nil, jtypes.ErrUndefined
		}
		switch op {
		case jparse.NumericAdd:
			return a + b, nil
		case jparse.NumericSubtract:
			return a - b, nil
		case jparse.NumericMultiply:
			return a * b, nil
		case jparse.NumericDivide:
			return a / b, nil
		}
		return math.Mod(a, b), nil
	}
}

// numbers gives the numbers of an array argument (a single number is an
// array of one).
func numbers(fn string, v reflect.Value) ([]float64, error) {
	items := asArray(v)
	out := make([]float64, len(items))
	for i, it := range items {
		n, ok := jtypes.AsNumber(reflect.ValueOf(it))
		if !ok {
			return nil, failf("T0412", "Argument 1 of function %s must be an array of numbers", fn)
		}
		out[i] = n
	}
	return out, nil
}

func sfnSum(v reflect.Value) (float64, error) {
	ns, err := numbers("sum", v)
	sum := 0.0
	for _, n := range ns {
		sum += n
	}
	return sum, err
}

func sfnAverage(v reflect.Value) (any, error) {
	ns, err := numbers("average", v)
	if err != nil || len(ns) == 0 {
		return nil, errOr(err, jtypes.ErrUndefined)
	}
	sum := 0.0
	for _, n := range ns {
		sum += n
	}
	return sum / float64(len(ns)), nil
}

func errOr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}
