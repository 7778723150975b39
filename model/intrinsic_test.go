package model_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"baton/model"
)

func TestIsIntrinsic(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"States.Format('x')", true},
		{"States.UUID()", true},
		{"States.Nope(", true}, // the shape only; ParseIntrinsic checks the rest
		{"States.Format ('x')", false},
		{"States.('x')", false},
		{"States.Format", false},
		{"$.a", false},
		{" States.UUID()", false},
		{"states.UUID()", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := model.IsIntrinsic(tt.src); got != tt.want {
			t.Errorf("IsIntrinsic(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

func TestParseIntrinsic(t *testing.T) {
	str := func(off int, s, raw string) model.IntrinsicArg {
		return model.IntrinsicArg{Kind: model.ArgString, Str: s, Raw: raw, Offset: off}
	}
	num := func(off int, raw string, v any) model.IntrinsicArg {
		return model.IntrinsicArg{Kind: model.ArgNumber, Raw: raw, Num: v, Offset: off}
	}
	path := func(off int, kind model.ArgKind, s string) model.IntrinsicArg {
		return model.IntrinsicArg{Kind: kind, Str: s, Offset: off}
	}
	tests := []struct {
		src  string
		want *model.IntrinsicCall
	}{
		{"States.UUID()", &model.IntrinsicCall{Name: "States.UUID"}},
		{"States.Array( )", &model.IntrinsicCall{Name: "States.Array"}},
		{"States.Format('x {}', $.a)", &model.IntrinsicCall{Name: "States.Format", Args: []model.IntrinsicArg{
			str(14, "x {}", "x {}"), path(22, model.ArgPath, "$.a"),
		}}},
		{`States.Format('it\'s \{\} \\ {}',$$.Execution.Id)`, &model.IntrinsicCall{Name: "States.Format", Args: []model.IntrinsicArg{
			str(14, `it's {} \ {}`, `it\'s \{\} \\ {}`), path(33, model.ArgContextPath, "$$.Execution.Id"),
		}}},
		{"States.Array(0, -1, 2.5, -0.0, 1e3, 9223372036854775808, true, false, null)", &model.IntrinsicCall{Name: "States.Array", Args: []model.IntrinsicArg{
			num(13, "0", int64(0)), num(16, "-1", int64(-1)), num(20, "2.5", 2.5), num(25, "-0.0", -0.0),
			num(31, "1e3", 1000.0), num(36, "9223372036854775808", 9223372036854775808.0),
			{Kind: model.ArgBool, Bool: true, Raw: "true", Offset: 57},
			{Kind: model.ArgBool, Raw: "false", Offset: 63},
			{Kind: model.ArgNull, Raw: "null", Offset: 70},
		}}},
		{"States.Array($, $$, $v, $v.a[0], $['a, b)'], $.a[?(@.b == 'x, y')] , $.a\t)", &model.IntrinsicCall{Name: "States.Array", Args: []model.IntrinsicArg{
			path(13, model.ArgPath, "$"), path(16, model.ArgContextPath, "$$"), path(20, model.ArgVariable, "$v"),
			path(24, model.ArgVariable, "$v.a[0]"), path(33, model.ArgPath, "$['a, b)']"),
			path(45, model.ArgPath, "$.a[?(@.b == 'x, y')]"), path(69, model.ArgPath, "$.a"),
		}}},
		{"States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)", &model.IntrinsicCall{Name: "States.ArrayGetItem", Args: []model.IntrinsicArg{
			{Kind: model.ArgCall, Offset: 20, Call: &model.IntrinsicCall{Name: "States.StringSplit", Offset: 20, Args: []model.IntrinsicArg{
				path(39, model.ArgContextPath, "$$.StateMachine.Name"), str(61, "-", "-"),
			}}},
			num(67, "0", int64(0)),
		}}},
		// An open escape is kept as written: it fails at run time (OpenEscape).
		{`States.StringToJson('{"a":"\"b\""}')`, &model.IntrinsicCall{Name: "States.StringToJson", Args: []model.IntrinsicArg{
			str(20, `{"a":"\"b\""}`, `{"a":"\"b\""}`),
		}}},
		// A newline decoded from JSON is an ordinary character.
		{"States.StringSplit('a\nb', '\n')", &model.IntrinsicCall{Name: "States.StringSplit", Args: []model.IntrinsicArg{
			str(19, "a\nb", "a\nb"), str(26, "\n", "\n"),
		}}},
	}
	for _, tt := range tests {
		got, err := model.ParseIntrinsic(tt.src)
		if err != nil {
			t.Errorf("ParseIntrinsic(%q): %v", tt.src, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseIntrinsic(%q)\n got %s\nwant %s", tt.src, dumpCall(got), dumpCall(tt.want))
		}
	}
}

func dumpCall(c *model.IntrinsicCall) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s@%d(", c.Name, c.Offset)
	for _, a := range c.Args {
		if a.Kind == model.ArgCall {
			fmt.Fprintf(&sb, "call@%d %s, ", a.Offset, dumpCall(a.Call))
			continue
		}
		fmt.Fprintf(&sb, "%s@%d{Str:%q Raw:%q Num:%#v Bool:%v}, ", a.Kind, a.Offset, a.Str, a.Raw, a.Num, a.Bool)
	}
	sb.WriteString(")")
	return sb.String()
}

func TestParseIntrinsic_errors(t *testing.T) {
	tests := []struct {
		src    string
		offset int
		msg    string
	}{
		{"$.a", 0, "expected an intrinsic function call States.Name(...)"},
		{"States.Format", 0, "expected an intrinsic function call States.Name(...)"},
		{"States.Array(", 13, "expected an argument, found end of expression"},
		{"States.Array(1", 14, "unterminated call to States.Array: expected ',' or ')'"},
		{"States.Array(1,)", 15, "missing argument before ')'"},
		{"States.Array(,1)", 13, "missing argument before ','"},
		{"States.Array(1 2)", 15, "expected ',' or ')' after argument 1 of States.Array, found '2'"},
		{"States.Array(nul)", 13, `unexpected "nul": an argument is a 'string', a number, true, false, null, a path or States.Name(...)`},
		{"States.Array(\"x\")", 13, `unexpected '"': an argument is a 'string', a number, true, false, null, a path or States.Name(...)`},
		{"States.Array('abc)", 13, "unterminated string literal"},
		{"States.Array(-)", 13, "invalid number: expected a digit after '-'"},
		{"States.Array(1.)", 13, `invalid number "1.": expected a digit after '.'`},
		{"States.Array(1e+)", 13, `invalid number "1e+": expected a digit in the exponent`},
		{"States.Array(12ab)", 13, `invalid number: unexpected 'a' after "12"`},
		{"States.Array($.)", 14, `invalid path "$.": a path must not end with '.'`},
		{"States.Array($$x)", 15, `invalid path "$$x": expected '.' or '[' after "$$"`},
		{"States.Array($['a)", 13, "unterminated quote in path"},
		{"States.Array(1) x", 16, "unexpected 'x' after the closing ')'"},
		{"States.Array(States.(1))", 20, `expected a function name after "States.", found '('`},
		{"States.Array(States.Array)", 25, "expected '(' after States.Array, found ')'"},
		{strings.Repeat("States.Array(", 101) + strings.Repeat(")", 101), 1300, "intrinsic calls nested more than 100 deep"},
	}
	for _, tt := range tests {
		_, err := model.ParseIntrinsic(tt.src)
		var se *model.IntrinsicSyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ParseIntrinsic(%q) error = %v, want an *IntrinsicSyntaxError", tt.src, err)
			continue
		}
		if se.Offset != tt.offset || se.Msg != tt.msg {
			t.Errorf("ParseIntrinsic(%q) error = %d: %s\nwant %d: %s", tt.src, se.Offset, se.Msg, tt.offset, tt.msg)
		}
	}
}

func TestIntrinsicSyntaxError_Error(t *testing.T) {
	_, err := model.ParseIntrinsic("States.Array(1 2)")
	want := "intrinsic function syntax error at offset 15: expected ',' or ')' after argument 1 of States.Array, found '2'"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestIntrinsicArg_OpenEscape(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{`States.Format('a\'b\{\}\\')`, -1},
		{`States.Format('ab\"c')`, 17},
		{`States.Format('\n')`, 15},
		{`States.Format('ok', 'x\\\y')`, 24},
	}
	for _, tt := range tests {
		call, err := model.ParseIntrinsic(tt.src)
		if err != nil {
			t.Fatalf("ParseIntrinsic(%q): %v", tt.src, err)
		}
		got := -1
		for i := range call.Args {
			if off := call.Args[i].OpenEscape(); off >= 0 {
				got = off
				break
			}
		}
		if got != tt.want {
			t.Errorf("OpenEscape in %q = %d, want %d", tt.src, got, tt.want)
		}
	}
	path := model.IntrinsicArg{Kind: model.ArgPath, Str: `$['\x']`}
	if off := path.OpenEscape(); off != -1 {
		t.Errorf("OpenEscape of a path = %d, want -1", off)
	}
}

func TestIntrinsicCall_String(t *testing.T) {
	tests := []struct{ src, want string }{
		{"States.Format( 'x {}' ,$.a )", "States.Format('x {}', $.a)"},
		{`States.Array(-1.50, 1E3, true, null, 'it\'s', $$.Map.Item.Value, States.UUID())`,
			`States.Array(-1.50, 1E3, true, null, 'it\'s', $$.Map.Item.Value, States.UUID())`},
	}
	for _, tt := range tests {
		call, err := model.ParseIntrinsic(tt.src)
		if err != nil {
			t.Fatalf("ParseIntrinsic(%q): %v", tt.src, err)
		}
		if got := call.String(); got != tt.want {
			t.Errorf("String() = %s, want %s", got, tt.want)
		}
	}
	built := model.IntrinsicCall{Name: "States.Format", Args: []model.IntrinsicArg{
		{Kind: model.ArgString, Str: `a'{}\`}, {Kind: model.ArgNumber, Num: int64(7)},
	}}
	if got, want := built.String(), `States.Format('a\'\{\}\\', 7)`; got != want {
		t.Errorf("String() of a built call = %s, want %s", got, want)
	}
}

// TestParseIntrinsic_roundTrip checks, for every seed in testdata that
// parses, that String gives an expression that parses to the same call.
func TestParseIntrinsic_roundTrip(t *testing.T) {
	parsed := 0
	for _, src := range intrinsicSeeds(t) {
		call, err := model.ParseIntrinsic(src)
		if err != nil {
			continue
		}
		parsed++
		again, err := model.ParseIntrinsic(call.String())
		if err != nil {
			t.Errorf("%q: String() = %q does not parse: %v", src, call.String(), err)
			continue
		}
		if a, b := stripOffsets(call), stripOffsets(again); !reflect.DeepEqual(a, b) {
			t.Errorf("%q: round trip changed the call\n got %s\nwant %s", src, dumpCall(b), dumpCall(a))
		}
	}
	if parsed < 50 {
		t.Errorf("only %d seeds parsed; testdata/intrinsics.jsonl holds more valid ones", parsed)
	}
}

func stripOffsets(c *model.IntrinsicCall) *model.IntrinsicCall {
	out := &model.IntrinsicCall{Name: c.Name}
	for _, a := range c.Args {
		a.Offset = 0
		if a.Call != nil {
			a.Call = stripOffsets(a.Call)
		}
		out.Args = append(out.Args, a)
	}
	return out
}

// TestParseIntrinsic_corpus parses every intrinsic call in the recorded AWS
// conformance definitions: AWS accepted all of them.
func TestParseIntrinsic_corpus(t *testing.T) {
	dir := findCorpus(t)
	files, err := filepath.Glob(filepath.Join(dir, "*", "definition.asl.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no definitions under %s: %v", dir, err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(src, &v); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		walkStrings(v, func(s string) {
			if model.IsIntrinsic(s) {
				seen[s] = true
			}
		})
	}
	var all []string
	for s := range seen {
		all = append(all, s)
	}
	sort.Strings(all)
	for _, s := range all {
		if _, err := model.ParseIntrinsic(s); err != nil {
			t.Errorf("corpus expression %q: %v", s, err)
		}
	}
	if len(all) < 30 {
		t.Errorf("found only %d intrinsic expressions in %s", len(all), dir)
	}
	t.Logf("parsed %d distinct intrinsic expressions from %d definitions", len(all), len(files))
}

func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			walkStrings(x, f)
		}
	case []any:
		for _, x := range v {
			walkStrings(x, f)
		}
	case string:
		f(v)
	}
}

// findCorpus returns shared/conformance/cases, which sits beside the
// repository (locally and in CI).
func findCorpus(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		c := filepath.Join(dir, "shared", "conformance", "cases")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("shared/conformance/cases not found beside the repository")
		}
		dir = parent
	}
}

// intrinsicSeeds reads testdata/intrinsics.jsonl: one JSON string per line,
// every intrinsic expression of the AWS corpus plus malformed variants.
func intrinsicSeeds(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "intrinsics.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var seeds []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var s string
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			tb.Fatalf("testdata/intrinsics.jsonl: %q: %v", sc.Text(), err)
		}
		seeds = append(seeds, s)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return seeds
}

func TestIntrinsicArity(t *testing.T) {
	if len(model.IntrinsicArity) != 18 {
		t.Errorf("IntrinsicArity has %d functions, want the 18 of the AWS documentation", len(model.IntrinsicArity))
	}
	for name, a := range model.IntrinsicArity {
		if !strings.HasPrefix(name, "States.") || a[0] < 0 || (a[1] != -1 && a[1] < a[0]) {
			t.Errorf("IntrinsicArity[%q] = %v", name, a)
		}
	}
}

func ExampleParseIntrinsic() {
	call, err := model.ParseIntrinsic("States.Format('Hello {}, it\\'s {}', $.name, States.MathAdd($.n, 1))")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(call.Name)
	for _, a := range call.Args {
		fmt.Printf("%d %s %s\n", a.Offset, a.Kind, a.String())
	}
	// Output:
	// States.Format
	// 14 string 'Hello {}, it\'s {}'
	// 36 path $.name
	// 44 call States.MathAdd($.n, 1)
}

func BenchmarkParseIntrinsic(b *testing.B) {
	src := "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), $$.Execution.Name)"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := model.ParseIntrinsic(src); err != nil {
			b.Fatal(err)
		}
	}
}
