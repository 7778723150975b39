package runner

import (
	"reflect"

	jsonata "github.com/xiatechs/jsonata-go"
	"github.com/xiatechs/jsonata-go/jtypes"
)

// JSONata computes in IEEE doubles, as JavaScript does (0.1 + 0.2 gives
// 0.30000000000000004); the library does too since Baton's patch of it
// (third_party/jsonata-go/NOTICE.md). $sum and $average are registered
// here all the same, for JSONata 2's error when an item is not a number
// (T0412), where the library writes its own text.

func init() {
	addJSONataExts(map[string]jsonata.Extension{
		"sum":     {Func: sfnSum, UndefinedHandler: undefinedFirst, EvalContextHandler: contextIfNoArgs},
		"average": {Func: sfnAverage, UndefinedHandler: undefinedFirst, EvalContextHandler: contextIfNoArgs},
	})
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
