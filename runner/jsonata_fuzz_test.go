package runner

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"baton/model"
)

// jsonataSeeds are expressions that exercise the boundary: delimiters,
// every kind of node the evaluation limits watch, and the library's known
// weak spots.
var jsonataSeeds = []string{
	"{% $states.input %}", "{%%}", "{% %}", "{%", "%}", " {% 1 %}", "{% 1 %} ", "{%{%}%}", "{% '%}' %}",
	"{% $states.input.a[0].b %}", "{% $states.context.Execution.Input %}", "{% $x %}", "{% $ %}", "{% $$ %}",
	"{% ($f := function($n){ $n <= 1 ? 1 : $n * $f($n - 1) }; $f(20)) %}",
	"{% ($f := function($n){ $f($n + 1) }; $f(0)) %}",
	"{% [1..9999999].[1..9999999] %}", "{% $count([1..900000]) %}", "{% $range(0, 1e15, 1) %}",
	"{% $states.input.a.$states.input.a.$states.input.a %}", "{% **.**.** %}",
	"{% 'ab' ~> $uppercase() ~> $substring(1) %}", "{% $map([1,2,3], function($v, $i){ $v * $i }) %}",
	"{% $partition([1,2,3], 2) %}", "{% $hash('x', 'MD5') %}", "{% $random(7) %}", "{% $uuid() %}",
	"{% $parse('{\"a\":[1,null]}') %}", "{% $eval('1') %}", "{% 1/0 %}", "{% 'a' + 1 %}", "{% /a+/i %}",
	"{% $string({'a': 1/3}, true) %}", "{% $pad('x', 5, '#') %}", "{% $formatNumber(1234.5, '#,##0.00') %}",
	"{% $now() %}", "{% $millis() %}", "{% {'a': 1, 'a': 2} %}", "{% $states.input{$string(a): b} %}",
	"{% $states.input.a^(>$) %}", "{% $sum($states.input.a) / $count($states.input.a) %}",
	"{% function($x){$x} %}", "{% $lookup({'a': 1}, 'a') %}", "{% $exists(null) %}", "{% [null, 1][0] %}",
	"{% (((((((((((((((((((((1))))))))))))))))))))) %}", "{% λ($x)<n:n>{$x * 2}(3) %}", "{% $f := $substring(?, 1) %}",
}

// FuzzJSONata runs fuzzed strings as the Output, an Assign value and a
// Choice Condition of a JSONata state: compiling may refuse one, running
// must end (within the evaluation limits) with a JSON value or AWS's
// error, never a panic or a hang.
func FuzzJSONata(f *testing.F) {
	for _, s := range jsonataSeeds {
		f.Add(s)
	}
	for _, s := range corpusExpressions(f) {
		f.Add(s)
	}
	saved := defaultJSONataLimits
	defaultJSONataLimits = jsonataLimits{depth: 100, calls: 500, items: 200000, time: 250 * time.Millisecond}
	f.Cleanup(func() { defaultJSONataLimits = saved })
	input, err := ParseJSON([]byte(`{"a":[1,2,null,{"b":"x"}],"s":"text","n":3.5,"o":{"k":[true,false]}}`))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := strconv.Quote(s)
		def := `{"QueryLanguage":"JSONata","StartAt":"C","States":{` +
			`"C":{"Type":"Choice","Choices":[{"Condition":` + q + `,"Next":"P"}],"Default":"P"},` +
			`"P":{"Type":"Pass","Assign":{"v":` + q + `},"Output":{"o":` + q + `,"v":"{% $v %}"},"End":true}}}`
		doc, err := model.Parse("fuzz.asl.json", []byte(def))
		if err != nil {
			return // not valid UTF-8 JSON text; the parser's own fuzz covers it
		}
		m, err := Compile(doc)
		if err != nil {
			var ce *CompileError
			if !errors.As(err, &ce) {
				t.Fatalf("Compile(%q) failed with %T: %v", s, err, err)
			}
			return
		}
		start := time.Now()
		r, _ := m.Run(context.Background(), input, WithSeed(1))
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("%q ran %v", s, d)
		}
		switch r.Status {
		case StatusSucceeded:
			back, err := ParseJSON(MarshalJSON(r.Output))
			if err != nil || string(MarshalJSON(back)) != string(MarshalJSON(r.Output)) {
				t.Fatalf("%q gave an output that is not plain JSON: %#v", s, r.Output)
			}
		case StatusFailed:
			if r.Error == ErrRuntime {
				t.Fatalf("%q failed the execution: %s: %s", s, r.Error, r.Cause)
			}
		default:
			t.Fatalf("%q ended %s", s, r.Status)
		}
	})
}

var corpusExpr = regexp.MustCompile(`"(\{%(?:[^"\\]|\\.)*%\})"`)

// corpusExpressions are the expressions of the recorded corpus, when it is
// there.
func corpusExpressions(tb testing.TB) []string {
	files, _ := filepath.Glob("../../shared/conformance/cases/*/definition.asl.json")
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, m := range corpusExpr.FindAllStringSubmatch(string(b), -1) {
			s, err := strconv.Unquote(`"` + m[1] + `"`)
			if err == nil && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}
