package runner_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"baton/runner"
)

// pass is a one-state JSONata machine whose Output is expr.
func pass(expr string) string {
	return `{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":` + expr + `,"End":true}}}`
}

const cause = "An error occurred while executing the state 'P' (entered at the event id #2). "

func TestJSONata_expressions(t *testing.T) {
	tests := []struct {
		name, def, input, want string
	}{
		{"input and arithmetic", pass(`"{% $sum($states.input.n) + 1 %}"`), `{"n":[1,2,3.5]}`, `7.5`},
		{"whole numbers are integers", pass(`"{% $states.input.n * 2 %}"`), `{"n":3}`, `6`},
		{"template with literals", pass(`{"a":"{% $states.input.a %}","b":["x","{% 1 = 1 %}"],"c":" {% not an expression %} "}`), `{"a":null}`, `{"a":null,"b":["x",true],"c":" {% not an expression %} "}`},
		{"null inside input", pass(`"{% $states.input.a[1] %}"`), `{"a":[1,null,3]}`, `null`},
		{"context", pass(`"{% $states.context.State.Name & ' ' & $states.context.Execution.Name %}"`), `{}`, `"P exec-1"`},
		{"function application twice", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Map","Items":[1,2],"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% 'ab' ~> $uppercase() %}","End":true}}},"End":true}}}`, `{}`, `["AB","AB"]`},
		{"partition", pass(`"{% $partition([1,2,3,4,5], 2) %}"`), `{}`, `[[1,2],[3,4],[5]]`},
		{"range", pass(`"{% $range(0, 10, 3) %}"`), `{}`, `[0,3,6,9]`},
		{"range of one", pass(`"{% $range(1, 9, 9) %}"`), `{}`, `1`},
		{"range down, truncated", pass(`"{% $range(2.9, -1.5, -1) %}"`), `{}`, `[2,1,0,-1]`},
		{"hash", pass(`"{% $hash('input', 'SHA-1') %}"`), `{}`, `"140f86aae51ab9e1cda9b4254fe98a74eb54c1a1"`},
		{"seeded random", pass(`"{% $random(42) %}"`), `{}`, `0.7275636800328681`},
		{"parse", pass(`"{% $parse($states.input.s).a %}"`), `{"s":"{\"a\":[1,null]}"}`, `[1,null]`},
		{"parse minus zero", pass(`"{% $parse('-0') %}"`), `{}`, `0`},
		{"uuid", pass(`"{% $length($uuid()) %}"`), `{}`, `36`},
		{"string of a number", pass(`"{% $string(1/3) %}"`), `{}`, `"0.333333333333333"`},
		{"arithmetic in doubles", pass(`"{% [0.1 + 0.2, 1/3, 1.23456789012 * 3, 7 % -3, $sum([0.1, 0.2]), $average([1, 2])] %}"`), `{}`, `[0.30000000000000004,0.3333333333333333,3.7037036703599995,1,0.30000000000000004,1.5]`},
		{"division by zero", pass(`"{% 1/0 %}"`), `{}`, `null`},
		{"string of an object", pass(`"{% $string({'b':[1.5,true],'a':null}) %}"`), `{}`, `"{\"a\":null,\"b\":[1.5,true]}"`},
		{"regular expression", pass(`"{% $contains('hello$world', /^hello\\$/) %}"`), `{}`, `true`},
		{"lambda", pass(`"{% ($f := function($n){ $n <= 1 ? 1 : $n * $f($n - 1) }; $f(10)) %}"`), `{}`, `3628800`},
		{"eval is not available", pass(`"{% $eval('1') %}"`), `{}`,
			`FAILED States.QueryEvaluationError: ` + cause + `The JSONata expression '$eval('1')' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function`},
		{"library extras are not available", pass(`"{% $sjoin(['a'], ',') %}"`), `{}`,
			`FAILED States.QueryEvaluationError: ` + cause + `The JSONata expression '$sjoin(['a'], ',')' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function`},
		{"undefined", pass(`{"x":["{% $states.input.nope %}"]}`), `{}`,
			`FAILED States.QueryEvaluationError: ` + cause + `The JSONata expression '$states.input.nope' specified for the field 'Output/x[0]' returned nothing (undefined).`},
		{"function result", pass(`"{% function($x){$x} %}"`), `{}`,
			`FAILED States.QueryEvaluationError: ` + cause + `The JSONata expression 'function($x){$x}' specified for the field 'Output' returned an unsupported result type.`},
		{"type error", pass(`"{% 'a' + 1 %}"`), `{}`,
			`FAILED States.QueryEvaluationError: ` + cause + `The JSONata expression ''a' + 1' specified for the field 'Output' threw an error during evaluation. T2001: The left side of the + operator must evaluate to a number`},
		{"bad partition size", pass(`"{% $partition([1], 0) %}"`), `{}`,
			`FAILED States.QueryEvaluationError: ` + cause + `The JSONata expression '$partition([1], 0)' specified for the field 'Output' threw an error during evaluation. D3141: The chunk size of $partition must be a positive integer, not 0`},
		{"endless recursion", pass(`"{% ($f := function($n){ $f($n + 1) }; $f(0)) %}"`), `{}`,
			`FAILED States.QueryEvaluationError: ` + cause + `The JSONata expression '($f := function($n){ $f($n + 1) }; $f(0))' specified for the field 'Output' threw an error during evaluation: Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive.`},
		{"deep expression", pass(`"{% ` + strings.Repeat("1+", 200) + `1 %}"`), `{}`,
			`FAILED States.QueryEvaluationError: ` + cause + `The JSONata expression '` + strings.Repeat("1+", 200) + `1' specified for the field 'Output' threw an error during evaluation: Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive.`},
		{"memory", pass(`"{% $count([1..900000]) %}"`), `{}`,
			`FAILED States.QueryEvaluationError: ` + cause + `The JSONata expression '$count([1..900000])' specified for the field 'Output' threw an error during evaluation: Expression evaluation memory limit exceeded: Check for excessive memory usage`},
		{"pad within the memory bound", pass(`"{% $length($pad('x', -5, '#')) & $pad('x', 9999999999) %}"`), `{}`,
			`FAILED States.QueryEvaluationError: ` + cause + `The JSONata expression '$length($pad('x', -5, '#')) & $pad('x', 9999999999)' specified for the field 'Output' threw an error during evaluation: Expression evaluation memory limit exceeded: Check for excessive memory usage`},
		{"range within the memory bound", pass(`"{% $count($range(1, 200000, 1)) %}"`), `{}`, `200000`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := run(t, tt.def, tt.input)
			if got := outcome(r); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestJSONata_states(t *testing.T) {
	const cfg = `{"StateMachines":{"M":{"TestCases":{"T":{"Call":"R","Fails":"F"}}}},"MockedResponses":{
		"R":{"0":{"Return":{"sum":3}}},
		"F":{"0-9":{"Throw":{"Error":"Boom","Cause":"it broke"}}}}}`
	tests := []struct {
		name, def, input, want, events string
	}{{
		name:   "task arguments, output and assign",
		def:    `{"QueryLanguage":"JSONata","StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"f","Payload":"{% $states.input %}"},"Assign":{"got":"{% $states.result.sum %}"},"Output":{"in":"{% $states.input.a %}","sum":"{% $states.result.sum %}"},"TimeoutSeconds":"{% 10 %}","Next":"Use"},"Use":{"Type":"Pass","Output":"{% $got * 10 %}","End":true}}}`,
		input:  `{"a":1}`,
		want:   `30`,
		events: "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited PassStateEntered PassStateExited ExecutionSucceeded",
	}, {
		name:  "assign and output see the variables from before the state",
		def:   `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},"B":{"Type":"Pass","Assign":{"x":"{% $x + 1 %}","y":"{% $x %}"},"Output":{"x":"{% $x %}"},"Next":"C"},"C":{"Type":"Pass","Output":{"x":"{% $x %}","y":"{% $y %}","in":"{% $states.input %}"},"End":true}}}`,
		input: `{}`,
		want:  `{"in":{"x":1},"x":2,"y":1}`,
	}, {
		name:   "catch with error output",
		def:    `{"QueryLanguage":"JSONata","StartAt":"Fails","States":{"Fails":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"g"},"Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"err":"{% $states.errorOutput.Error %}"},"Output":{"in":"{% $states.input %}","e":"{% $states.errorOutput %}"},"Next":"After"}],"End":true},"After":{"Type":"Pass","Output":{"out":"{% $states.input %}","err":"{% $err %}"},"End":true}}}`,
		input:  `{"a":1}`,
		want:   `{"err":"Boom","out":{"e":{"Cause":"it broke","Error":"Boom"},"in":{"a":1}}}`,
		events: "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskFailed TaskStateExited PassStateEntered PassStateExited ExecutionSucceeded",
	}, {
		name:   "a query error can be caught",
		def:    `{"QueryLanguage":"JSONata","StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"{% $nope %}"},"Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Output":"{% $states.errorOutput.Error %}","Next":"After"}],"End":true},"After":{"Type":"Succeed"}}}`,
		input:  `{}`,
		want:   `"States.QueryEvaluationError"`,
		events: "ExecutionStarted TaskStateEntered EvaluationFailed TaskStateExited SucceedStateEntered SucceedStateExited ExecutionSucceeded",
	}, {
		name:  "choice conditions, rule output and assign",
		def:   `{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n > 5 %}","Assign":{"big":true},"Output":{"n":"{% $states.input.n %}"},"Next":"Big"}],"Default":"Small","Output":"small"},"Big":{"Type":"Pass","Output":"{% 'big ' & $states.input.n & ' ' & $big %}","End":true},"Small":{"Type":"Succeed"}}}`,
		input: `{"n":7}`,
		want:  `"big 7 true"`,
	}, {
		name:  "choice default output",
		def:   `{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n > 5 %}","Next":"Big"}],"Default":"Small","Output":"small"},"Big":{"Type":"Succeed"},"Small":{"Type":"Succeed"}}}`,
		input: `{"n":1}`,
		want:  `"small"`,
	}, {
		name:  "condition must be a boolean",
		def:   `{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n %}","Next":"Big"}],"Default":"Big"},"Big":{"Type":"Succeed"}}}`,
		input: `{"n":1}`,
		want:  `FAILED States.QueryEvaluationError: An error occurred while executing the state 'C' (entered at the event id #2). The JSONata expression '$states.input.n' specified for the field 'Choices[0]/Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 1`,
	}, {
		name:  "wait seconds and timestamp",
		def:   `{"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Seconds":"{% $states.input.s %}","Next":"T"},"T":{"Type":"Wait","Timestamp":"{% $states.input.at %}","Output":"{% $states.context.State.EnteredTime %}","End":true}}}`,
		input: `{"s":60,"at":"2030-01-01T00:00:00Z"}`,
		want:  `"2024-01-02T03:05:05.000Z"`,
	}, {
		name:  "fail with expressions",
		def:   `{"QueryLanguage":"JSONata","StartAt":"F","States":{"F":{"Type":"Fail","Error":"{% $states.input.e %}","Cause":"{% 'because ' & $states.input.n %}"}}}`,
		input: `{"e":"MyError","n":3}`,
		want:  `FAILED MyError: because 3`,
	}, {
		name:  "map items, selector and numbers",
		def:   `{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% $states.input.xs %}","MaxConcurrency":"{% 1 %}","ItemSelector":{"v":"{% $states.context.Map.Item.Value %}","i":"{% $states.context.Map.Item.Index %}"},"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $states.input.v * 10 + $states.input.i %}","End":true}}},"Output":"{% $sum($states.result) %}","End":true}}}`,
		input: `{"xs":[1,2,3]}`,
		want:  `63`,
	}, {
		name:   "map input must be an array",
		def:    `{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`,
		input:  `{"a":1}`,
		want:   `FAILED States.QueryEvaluationError: An error occurred while executing the state 'M' (entered at the event id #2). Map state input must be an array but was: {"a":1}`,
		events: "ExecutionStarted MapStateEntered EvaluationFailed MapStateFailed ExecutionFailed",
	}, {
		name:  "inner scopes read outer variables and do not leak",
		def:   `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"Next":"Par"},"Par":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Assign":{"x":"{% $x + 10 %}"},"Next":"B2"},"B2":{"Type":"Pass","Output":"{% $x %}","End":true}}},{"StartAt":"C","States":{"C":{"Type":"Pass","Output":"{% $x %}","End":true}}}],"Assign":{"r":"{% $states.result %}"},"Next":"D"},"D":{"Type":"Pass","Output":{"x":"{% $x %}","r":"{% $r %}"},"End":true}}}`,
		input: `{}`,
		want:  `{"r":[11,1],"x":1}`,
	}, {
		name:  "a distributed map reads no outer variables",
		def:   `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"Next":"M"},"M":{"Type":"Map","Items":[1],"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $exists($x) %}","End":true}}},"End":true}}}`,
		input: `{}`,
		want:  `[false]`,
	}, {
		name:  "parallel arguments and output",
		def:   `{"QueryLanguage":"JSONata","StartAt":"Par","States":{"Par":{"Type":"Parallel","Arguments":{"n":"{% $states.input.n + 1 %}"},"Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Output":"{% $states.input.n * 2 %}","End":true}}},{"StartAt":"C","States":{"C":{"Type":"Pass","End":true}}}],"Output":{"r":"{% $states.result %}","in":"{% $states.input %}"},"End":true}}}`,
		input: `{"n":1}`,
		want:  `{"in":{"n":1},"r":[4,{"n":2}]}`,
	}, {
		name:  "a workflow variable hides the function of its name",
		def:   `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $sum([1, 2]) %}","Next":"B"},"B":{"Type":"Pass","Assign":{"sum":"{% $states.input %}"},"Next":"C"},"C":{"Type":"Pass","Output":"{% $sum * 10 %}","End":true}}}`,
		input: `{}`,
		want:  `30`,
	}, {
		name:  "assigned variables have a size limit",
		def:   `{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"a.$":"$.s","b.$":"$.s"},"End":true}}}`,
		input: `{"s":"` + strings.Repeat("x", 600) + `"}`,
		want:  `FAILED States.DataLimitExceeded: The variables assigned by the state 'A' exceed the maximum size of 1024 bytes.`,
	}, {
		name:  "mixed query languages",
		def:   `{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"v.$":"$.a"},"Assign":{"p.$":"$.v"},"Next":"B"},"B":{"Type":"Pass","QueryLanguage":"JSONata","Assign":{"q":"{% $p * 2 %}"},"Output":{"w":"{% $states.input.v + $p %}"},"Next":"C"},"C":{"Type":"Pass","Parameters":{"w.$":"$.w","q.$":"$q"},"End":true}}}`,
		input: `{"a":4}`,
		want:  `{"q":8,"w":8}`,
	}, {
		name:   "assign that gives nothing",
		def:    `{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"x":"{% $states.input.nope %}"},"End":true}}}`,
		input:  `{}`,
		want:   `FAILED States.QueryEvaluationError: ` + cause + `The JSONata expression '$states.input.nope' specified for the field 'Assign/x' returned nothing (undefined).`,
		events: "ExecutionStarted PassStateEntered EvaluationFailed ExecutionFailed",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, events := run(t, tt.def, tt.input, runner.WithTasks(mocks(t, cfg)), runner.WithPayloadLimit(1024))
			if got := outcome(r); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if tt.events != "" {
				if got := eventTypes(events); got != tt.events {
					t.Errorf("events\ngot  %s\nwant %s", got, tt.events)
				}
			}
		})
	}
}

// TestJSONata_concurrentRuns runs one compiled JSONata machine many times
// at once; with -race it checks the library is used safely.
func TestJSONata_concurrentRuns(t *testing.T) {
	m := compile(t, pass(`{"a":"{% $uppercase($states.input.s) %}","b":"{% $states.input.s ~> $substring(1) %}","c":"{% $states.input.n.$string() %}"}`))
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				r, _ := m.Run(context.Background(), parse(t, `{"s":"abc","n":[1,2]}`))
				if got := outcome(r); got != `{"a":"ABC","b":"bc","c":["1","2"]}` {
					errs <- got
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("got %s", got)
	}
}

func TestJSONata_itemReaderAndResultWriter(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "bucket", "in"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "bucket", "in", "items.json"), []byte(`[{"n":1},{"n":2}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	def := `{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map",` +
		`"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $states.input.n * 10 %}","End":true}}},` +
		`"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Arguments":{"Bucket":"bucket","Key":"{% $states.input.key %}"}},` +
		`"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Arguments":{"Bucket":"bucket","Prefix":"{% 'out' %}"}},` +
		`"Output":"{% $states.result.ResultWriterDetails.Key %}","End":true}}}`
	r, _ := run(t, def, `{"key":"in/items.json"}`, runner.WithItemStore(runner.DirStore{Root: root}))
	got := outcome(r)
	if !strings.HasPrefix(got, `"out/`) || !strings.HasSuffix(got, `/manifest.json"`) {
		t.Fatalf("got %s, want the key of the manifest under out/", got)
	}
	var key string
	if err := json.Unmarshal([]byte(got), &key); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "bucket", filepath.Dir(key), "SUCCEEDED_0.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"Output":"10"`, `"Output":"20"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("SUCCEEDED_0.json lacks %s:\n%s", want, b)
		}
	}
}
