package runner_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/ohler55/ojg/jp"
	"github.com/ohler55/ojg/oj"

	"baton/model"
	"baton/runner"
)

// testResolver resolves $ paths in input, $$ paths in ctx and $name paths in
// vars with ojg's JSONPath, and fails like the interpreter on a miss.
func testResolver(input, ctx any, vars map[string]any) func(*model.IntrinsicArg) (any, error) {
	return func(a *model.IntrinsicArg) (any, error) {
		var root any
		path := a.Str
		switch a.Kind {
		case model.ArgPath:
			root = input
		case model.ArgContextPath:
			root, path = ctx, a.Str[1:]
		case model.ArgVariable:
			name := a.Str[1:]
			if i := strings.IndexAny(name, ".["); i >= 0 {
				name, path = name[:i], "$"+name[i:]
			} else {
				path = "$"
			}
			v, ok := vars[name]
			if !ok {
				return nil, runner.Errorf(runner.ErrRuntime, "variable %s not found", a.Str)
			}
			root = v
		}
		x, err := jp.ParseString(path)
		if err != nil {
			return nil, err
		}
		res := x.Get(root)
		if len(res) == 0 {
			return nil, runner.Errorf(runner.ErrRuntime, "path %s not found", a.Str)
		}
		return res[0], nil
	}
}

func mustJSON(t *testing.T, s string) any {
	t.Helper()
	v, err := oj.ParseString(s)
	if err != nil {
		t.Fatalf("bad test JSON %q: %v", s, err)
	}
	return v
}

// evalExpr parses expr and evaluates it against input (JSON text), with a
// fixed random source.
func evalExpr(t *testing.T, expr, input string) (any, error) {
	t.Helper()
	call, err := model.ParseIntrinsic(expr)
	if err != nil {
		t.Fatalf("ParseIntrinsic(%q): %v", expr, err)
	}
	in := mustJSON(t, input)
	ctx := map[string]any{"Execution": map[string]any{"Input": in, "Name": "exec-1"}}
	vars := map[string]any{"greeting": "Hi", "obj": map[string]any{"k": int64(1)}}
	return runner.EvalIntrinsicWith(call, testResolver(in, ctx, vars), rand.NewPCG(1, 2))
}

// intrinsicCase pins either the exact result (JSON text, decoded by ojg so
// that 1 and 1.0 differ) or the exact cause of a States.Runtime failure.
type intrinsicCase struct {
	expr, input string
	want        string // JSON
	cause       string // when the call must fail
}

func runIntrinsicCases(t *testing.T, tests []intrinsicCase) {
	t.Helper()
	for _, tt := range tests {
		input := tt.input
		if input == "" {
			input = "{}"
		}
		got, err := evalExpr(t, tt.expr, input)
		if tt.cause != "" {
			var se *runner.StateError
			if !errors.As(err, &se) || se.Name != runner.ErrRuntime || se.Cause != tt.cause {
				t.Errorf("%s on %s: got (%v, %v), want %s: %s", tt.expr, input, got, err, runner.ErrRuntime, tt.cause)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s on %s: %v", tt.expr, input, err)
			continue
		}
		if want := mustJSON(t, tt.want); !reflect.DeepEqual(got, want) {
			t.Errorf("%s on %s\n got %#v\nwant %#v", tt.expr, input, got, want)
		}
	}
}

func TestEvalIntrinsic_format(t *testing.T) {
	runIntrinsicCases(t, []intrinsicCase{
		{expr: `States.Format('Hello {}, it\'s {}', $.name, $.n)`, input: `{"name":"Ada","n":1.0}`, want: `"Hello Ada, it's 1.0"`},
		{expr: `States.Format('{}|{}|{}|{}|{}|{}', $.nil, $.b, $.i, $.f, $.big, $.small)`,
			input: `{"nil":null,"b":false,"i":-1,"f":3.5,"big":1e10,"small":0.0001}`, want: `"null|false|-1|3.5|1.0E10|1.0E-4"`},
		{expr: `States.Format('{} and {}', $.obj, $.arr)`, input: `{"obj":{"Name":"n","Id":"arn:x"},"arr":[1,"x",null,{"a":[]}]}`,
			want: `"{Id=arn:x, Name=n} and [1, x, null, {a=[]}]"`},
		{expr: `States.Format('\{\} {} \\ \'', 'x')`, want: `"{} x \\ '"`},
		{expr: `States.Format('{}', '{}')`, want: `"{}"`},
		{expr: `States.Format('no placeholders')`, want: `"no placeholders"`},
		{expr: `States.Format($.t, $.name)`, input: `{"t":"Hello {}","name":"Ada"}`, want: `"Hello Ada"`},
		{expr: `States.Format($greeting)`, want: `"Hi"`},
		{expr: `States.Format('{}', States.JsonToString($obj))`, want: `"{\"k\":1}"`},
		{expr: `States.Format('{} {}', 'x')`, cause: "Invalid arguments in States.Format"},
		{expr: `States.Format('{}', 'x', 'y')`, cause: "Invalid arguments in States.Format"},
		{expr: `States.Format('Hello {', 'x')`, cause: "Invalid arguments in States.Format"},
		{expr: `States.Format('Hello {{}}', 'x')`, cause: "Invalid arguments in States.Format"},
		{expr: `States.Format('}')`, cause: "Invalid arguments in States.Format"},
		{expr: `States.Format($.t, 'x')`, input: `{"t":123}`, cause: "Invalid arguments in States.Format"},
		{expr: `States.Format('a\"b')`, cause: `Invalid escape in a string argument of States.Format at offset 16: a backslash must escape one of ' { } \`},
	})
}

func TestEvalIntrinsic_json(t *testing.T) {
	runIntrinsicCases(t, []intrinsicCase{
		{expr: `States.StringToJson($.s)`, input: `{"s":""}`, want: `null`},
		{expr: `States.StringToJson($.s)`, input: `{"s":" "}`, want: `null`},
		{expr: `States.StringToJson($.s)`, input: `{"s":"-0"}`, want: `0`},
		{expr: `States.StringToJson($.s)`, input: `{"s":"1.1"}`, want: `1.1`},
		{expr: `States.StringToJson($.s)`, input: `{"s":"{\"Arg1\": 1, \"Arg2\": []}"}`, want: `{"Arg1":1,"Arg2":[]}`},
		{expr: `States.StringToJson($.s)`, input: `{"s":"{"}`, cause: "Invalid arguments in States.StringToJson"},
		{expr: `States.StringToJson($.s)`, input: `{"s":"1 2"}`, cause: "Invalid arguments in States.StringToJson"},
		{expr: `States.StringToJson($.s)`, input: `{"s":{"a":1}}`, cause: "Invalid arguments in States.StringToJson"},
		{expr: `States.JsonToString($.v)`, input: `{"v":{"b":1,"a":[1.0,"q\"\\\n\u0001<>&/é"],"c":null,"d":true}}`,
			want: `"{\"a\":[1.0,\"q\\\"\\\\\\n\\u0001<>&/é\"],\"b\":1,\"c\":null,\"d\":true}"`},
		{expr: `States.JsonToString($.v)`, input: `{"v":[1e21,0.001,1234567.5,-0.0,12345678901234567890]}`,
			want: `"[1.0E21,0.001,1234567.5,-0.0,12345678901234567890]"`},
		{expr: `States.JsonToString($)`, input: `"x"`, want: `"\"x\""`},
		{expr: `States.JsonMerge($.a, $.b, false)`, input: `{"a":{"x":1,"n":{"l":1}},"b":{"y":2,"n":{"r":2}}}`, want: `{"x":1,"y":2,"n":{"r":2}}`},
		{expr: `States.JsonMerge($.a, $.b, 'false')`, input: `{"a":{"x":1},"b":{}}`, want: `{"x":1}`},
		{expr: `States.JsonMerge($.a, $.b, true)`, input: `{"a":{},"b":{}}`, cause: "Invalid arguments in States.JsonMerge"},
		{expr: `States.JsonMerge($.a, $.b, false)`, input: `{"a":null,"b":{}}`, cause: "Invalid arguments in States.JsonMerge"},
		{expr: `States.JsonMerge($.a, $.b, false)`, input: `{"a":{},"b":[]}`, cause: "Invalid arguments in States.JsonMerge"},
	})
}

func TestEvalIntrinsic_array(t *testing.T) {
	runIntrinsicCases(t, []intrinsicCase{
		{expr: `States.Array()`, want: `[]`},
		{expr: `States.Array(1, 2.5, 'x', true, null, $.o)`, input: `{"o":{"a":[]}}`, want: `[1,2.5,"x",true,null,{"a":[]}]`},
		{expr: `States.ArrayPartition($.a, 2)`, input: `{"a":[0,1,2,3,4]}`, want: `[[0,1],[2,3],[4]]`},
		{expr: `States.ArrayPartition($.a, 2.6)`, input: `{"a":[1,2,3,4,5]}`, want: `[[1,2],[3,4],[5]]`},
		{expr: `States.ArrayPartition($.a, 2147483647)`, input: `{"a":[1,2,3]}`, want: `[[1,2,3]]`},
		{expr: `States.ArrayPartition($.a, 1)`, input: `{"a":[]}`, want: `[]`},
		{expr: `States.ArrayPartition($.a, 0.6)`, input: `{"a":[1]}`, cause: "Invalid arguments in States.ArrayPartition"},
		{expr: `States.ArrayPartition($.a, -1)`, input: `{"a":[1]}`, cause: "Invalid arguments in States.ArrayPartition"},
		{expr: `States.ArrayPartition($.a, '2')`, input: `{"a":[1]}`, cause: "Invalid arguments in States.ArrayPartition"},
		{expr: `States.ArrayPartition($.a, null)`, input: `{"a":[1]}`, cause: "Invalid arguments in States.ArrayPartition"},
		{expr: `States.ArrayPartition('abc', 2)`, cause: "Invalid arguments in States.ArrayPartition"},
		{expr: `States.ArrayContains($.a, $.v)`, input: `{"a":[[1,2,3],2],"v":[1,2,3]}`, want: `true`},
		{expr: `States.ArrayContains($.a, $.v)`, input: `{"a":[{"1":2,"2":[]}],"v":{"2":[],"1":2}}`, want: `true`},
		{expr: `States.ArrayContains($.a, $.v)`, input: `{"a":[1,2],"v":1.0}`, want: `false`},
		{expr: `States.ArrayContains($.a, null)`, input: `{"a":[]}`, want: `false`},
		{expr: `States.ArrayContains($.a, 1)`, input: `{"a":"x"}`, cause: "Invalid arguments in States.ArrayContains"},
		{expr: `States.ArrayRange(1, 9, 2)`, want: `[1,3,5,7,9]`},
		{expr: `States.ArrayRange(0, 10, 3)`, want: `[0,3,6,9]`},
		{expr: `States.ArrayRange(3, 3, -1)`, want: `[3]`},
		{expr: `States.ArrayRange(5, 1, -2)`, want: `[5,3,1]`},
		{expr: `States.ArrayRange(5, 1, 1)`, want: `[]`},
		{expr: `States.ArrayRange(1.4, 5.6, 2.2)`, want: `[1,3,5]`},
		{expr: `States.ArrayRange(5.4, -0.6, -2.4)`, want: `[5,3,1]`},
		{expr: `States.ArrayRange(1, 1001, 1)`, cause: "Invalid arguments in States.ArrayRange"},
		{expr: `States.ArrayRange(1001, 1, -1)`, cause: "Invalid arguments in States.ArrayRange"},
		{expr: `States.ArrayRange(1, 10, 0.49)`, cause: "Invalid arguments in States.ArrayRange"},
		{expr: `States.ArrayRange('a', 5, 1)`, cause: "Invalid arguments in States.ArrayRange"},
		{expr: `States.ArrayGetItem($.a, 5)`, input: `{"a":[1,2,3,4,5,6,7,8,9]}`, want: `6`},
		{expr: `States.ArrayGetItem($.a, 1.9)`, input: `{"a":["x","y"]}`, want: `"y"`},
		{expr: `States.ArrayGetItem($.a, 2)`, input: `{"a":["x","y"]}`, cause: "Invalid arguments in States.ArrayGetItem"},
		{expr: `States.ArrayGetItem($.a, -1)`, input: `{"a":["x","y"]}`, cause: "Invalid arguments in States.ArrayGetItem"},
		{expr: `States.ArrayGetItem($.a, '0')`, input: `{"a":["x","y"]}`, cause: "Invalid arguments in States.ArrayGetItem"},
		{expr: `States.ArrayLength($.a)`, input: `{"a":[null,1,"x"]}`, want: `3`},
		{expr: `States.ArrayLength($.a)`, input: `{"a":{}}`, cause: "Invalid arguments in States.ArrayLength"},
		{expr: `States.ArrayUnique($.a)`,
			input: `{"a":[null,null,true,true,false,false,1,1,1.1,0,0,1.0,"HelloWorld","HelloWorld",[],[],[null],[null],{"a":1,"b":2},{"b":2,"a":1}]}`,
			want:  `[null,true,false,1,1.1,0,1.0,"HelloWorld",[],[null],{"a":1,"b":2}]`},
		{expr: `States.ArrayUnique($.a)`, input: `{"a":"x"}`, cause: "Invalid arguments in States.ArrayUnique"},
	})
	got, err := evalExpr(t, `States.ArrayRange(1000, 1, -1)`, `{}`)
	if arr, _ := got.([]any); err != nil || len(arr) != 1000 || arr[0] != int64(1000) || arr[999] != int64(1) {
		t.Errorf("States.ArrayRange(1000, 1, -1) = %d items, %v; want 1000 items from 1000 to 1", len(arr), err)
	}
}

func TestEvalIntrinsic_encoding(t *testing.T) {
	long := strings.Repeat("a", 10001)
	runIntrinsicCases(t, []intrinsicCase{
		{expr: `States.Base64Encode($.s)`, input: `{"s":"Data to encode"}`, want: `"RGF0YSB0byBlbmNvZGU="`},
		{expr: `States.Base64Encode($.s)`, input: `{"s":""}`, want: `""`},
		{expr: `States.Base64Encode($.s)`, input: `{"s":"` + long + `"}`, cause: "Invalid arguments in States.Base64Encode"},
		{expr: `States.Base64Encode($.s)`, input: `{"s":1}`, cause: "Invalid arguments in States.Base64Encode"},
		{expr: `States.Base64Decode($.s)`, input: `{"s":"RGF0YSB0byBlbmNvZGU="}`, want: `"Data to encode"`},
		{expr: `States.Base64Decode('YQ')`, want: `"a"`},
		{expr: `States.Base64Decode('/w==')`, want: `"\ufffd"`},
		{expr: `States.Base64Decode('!!!')`, cause: "Invalid arguments in States.Base64Decode"},
		{expr: `States.Hash($.d, 'MD5')`, input: `{"d":"input data"}`, want: `"812f45842bc6d66ee14572ce20db8e86"`},
		{expr: `States.Hash($.d, 'SHA-1')`, input: `{"d":"input data"}`, want: `"aaff4a450a104cd177d28d18d74485e8cae074b7"`},
		{expr: `States.Hash($.d, 'SHA-256')`, input: `{"d":"input data"}`, want: `"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"`},
		{expr: `States.Hash($.d, 'SHA-384')`, input: `{"d":"input data"}`,
			want: `"d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"`},
		{expr: `States.Hash($.d, 'SHA-512')`, input: `{"d":"input data"}`,
			want: `"6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"`},
		{expr: `States.Hash($.d, 'sha-256')`, input: `{"d":"x"}`, cause: "Invalid arguments in States.Hash"},
		{expr: `States.Hash($.d, 'SHA-256')`, input: `{"d":1}`, cause: "Invalid arguments in States.Hash"},
	})
}

func TestEvalIntrinsic_math(t *testing.T) {
	runIntrinsicCases(t, []intrinsicCase{
		{expr: `States.MathAdd(5, 3)`, want: `8`},
		{expr: `States.MathAdd($.v, -1)`, input: `{"v":111}`, want: `110`},
		{expr: `States.MathAdd($.a, $.b)`, input: `{"a":1.6,"b":2.7}`, want: `5`},
		{expr: `States.MathAdd(0.1, 0.2)`, want: `0`},
		{expr: `States.MathAdd(-1.5, 0)`, want: `-1`},
		{expr: `States.MathAdd(2147483646, 1)`, want: `2147483647`},
		{expr: `States.MathAdd(-2147483647, -1)`, want: `-2147483648`},
		{expr: `States.MathAdd(2147483647, 1)`, cause: "Invalid arguments in States.MathAdd"},
		{expr: `States.MathAdd(3000000000, -1000000000)`, cause: "Invalid arguments in States.MathAdd"},
		{expr: `States.MathAdd('1', 2)`, cause: "Invalid arguments in States.MathAdd"},
		{expr: `States.MathAdd(null, 2)`, cause: "Invalid arguments in States.MathAdd"},
		{expr: `States.MathAdd(true, 2)`, cause: "Invalid arguments in States.MathAdd"},
		{expr: `States.MathAdd(1)`, cause: "Invalid arguments in States.MathAdd"},
		{expr: `States.MathRandom(0, 999, 3)`, want: `239`}, // new Random(3).nextInt(999)
		{expr: `States.MathRandom(1, 1)`, cause: "Invalid arguments in States.MathRandom"},
		{expr: `States.MathRandom(10, 5)`, cause: "Invalid arguments in States.MathRandom"},
		{expr: `States.MathRandom(1.4, 1.6)`, cause: "Invalid arguments in States.MathRandom"},
		{expr: `States.MathRandom('a', 10)`, cause: "Invalid arguments in States.MathRandom"},
		{expr: `States.MathRandom(1, 10, null)`, cause: "Invalid arguments in States.MathRandom"},
		{expr: `States.MathRandom(1, 10, 'seed')`, cause: "Invalid arguments in States.MathRandom"},
		{expr: `States.MathRandom(-2000000000, 2000000000)`, cause: "Invalid arguments in States.MathRandom"},
	})
	for _, expr := range []string{"States.MathRandom(12.5, 44.51)", "States.MathRandom(-99999, -9999)", "States.MathRandom(1.6, 5.4)"} {
		call, _ := model.ParseIntrinsic(expr)
		lo, _ := call.Args[0].Num.(float64)
		hi, _ := call.Args[1].Num.(float64)
		if n, ok := call.Args[0].Num.(int64); ok {
			lo, hi = float64(n), float64(call.Args[1].Num.(int64))
		}
		for seed := range uint64(200) {
			got, err := runner.EvalIntrinsicWith(call, nil, rand.NewPCG(seed, seed))
			n, ok := got.(int64)
			if err != nil || !ok || float64(n) < float64(int64(lo)) || float64(n) >= float64(int64(hi)) {
				t.Fatalf("%s = %#v, %v; want an int64 in [%d, %d)", expr, got, err, int64(lo), int64(hi))
			}
		}
	}
}

func TestEvalIntrinsic_string(t *testing.T) {
	runIntrinsicCases(t, []intrinsicCase{
		{expr: `States.StringSplit($.s, ',')`, input: `{"s":"1,2,3,4,5"}`, want: `["1","2","3","4","5"]`},
		{expr: `States.StringSplit($.s, ',')`, input: `{"s":", , ,"}`, want: `[" "," "]`},
		{expr: `States.StringSplit($.s, ',')`, input: `{"s":",,,,"}`, want: `[]`},
		{expr: `States.StringSplit($.s, $.d)`, input: `{"s":"This.is+a,test=string","d":".+,="}`, want: `["This","is","a","test","string"]`},
		{expr: "States.StringSplit('Hello\nWorld', '\n')", want: `["Hello","World"]`},
		{expr: `States.StringSplit('abc', '')`, want: `["abc"]`},
		{expr: `States.StringSplit($.s, ',')`, input: `{"s":1}`, cause: "Invalid arguments in States.StringSplit"},
		{expr: `States.StringSplit('a', $.d)`, input: `{"d":null}`, cause: "Invalid arguments in States.StringSplit"},
	})
}

func TestEvalIntrinsic_nested(t *testing.T) {
	call, err := model.ParseIntrinsic("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))")
	if err != nil {
		t.Fatal(err)
	}
	ctx := map[string]any{"StateMachine": map[string]any{"Name": "my-state-machine"}}
	got, err := runner.EvalIntrinsic(call, testResolver(nil, ctx, nil))
	if err != nil || got != "machine" {
		t.Errorf("got %#v, %v; want \"machine\"", got, err)
	}
}

func TestEvalIntrinsic_uuid(t *testing.T) {
	call, _ := model.ParseIntrinsic("States.UUID()")
	a, err := runner.EvalIntrinsicWith(call, nil, rand.NewPCG(7, 7))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := runner.EvalIntrinsicWith(call, nil, rand.NewPCG(7, 7))
	c, _ := runner.EvalIntrinsic(call, nil)
	v4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	for _, u := range []any{a, c} {
		if s, ok := u.(string); !ok || !v4.MatchString(s) {
			t.Errorf("States.UUID() = %#v, want a version 4 UUID", u)
		}
	}
	if a != b {
		t.Errorf("the same source gave %v and %v", a, b)
	}
}

func TestEvalIntrinsic_failures(t *testing.T) {
	runIntrinsicCases(t, []intrinsicCase{
		{expr: `States.Nope(1)`, cause: "Unsupported intrinsic function: States.Nope"},
		{expr: `States.UUID(1)`, cause: "Invalid arguments in States.UUID"},
		{expr: `States.Array($.missing)`, cause: "path $.missing not found"},
		{expr: `States.Array(States.MathAdd('x', 1))`, cause: "Invalid arguments in States.MathAdd"},
	})
	call, _ := model.ParseIntrinsic("States.Array($.a)")
	_, err := runner.EvalIntrinsic(call, nil)
	var se *runner.StateError
	if !errors.As(err, &se) || se.Cause != "No resolver for the path $.a in States.Array" {
		t.Errorf("without a resolver: %v", err)
	}
}

func ExampleEvalIntrinsic() {
	call, err := model.ParseIntrinsic("States.Format('{} has {} items', $.name, States.ArrayLength($.items))")
	if err != nil {
		fmt.Println(err)
		return
	}
	input := map[string]any{"name": "cart", "items": []any{"a", "b"}}
	out, err := runner.EvalIntrinsic(call, func(a *model.IntrinsicArg) (any, error) {
		return jp.MustParseString(a.Str).First(input), nil
	})
	fmt.Println(out, err)
	// Output: cart has 2 items <nil>
}

func BenchmarkEvalIntrinsic(b *testing.B) {
	call, err := model.ParseIntrinsic("States.Format('{}.{}', States.ArrayGetItem(States.StringSplit($.arn, '/'), 1), States.JsonToString($.obj))")
	if err != nil {
		b.Fatal(err)
	}
	input := map[string]any{"arn": "arn:aws:imagebuilder/recipe/x.y", "obj": map[string]any{"b": []any{int64(1), 2.5}, "a": "x"}}
	resolve := testResolver(input, nil, nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := runner.EvalIntrinsic(call, resolve); err != nil {
			b.Fatal(err)
		}
	}
}
