package runner_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"baton/model"
	"baton/runner"
)

// fixedStart is the virtual start time of every test execution.
var fixedStart = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

func compile(t testing.TB, def string) *runner.Machine {
	t.Helper()
	doc, err := model.Parse("test.asl.json", []byte(def))
	if err != nil {
		t.Fatal(err)
	}
	m, err := runner.Compile(doc)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func parse(t testing.TB, src string) any {
	t.Helper()
	v, err := runner.ParseJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func run(t testing.TB, def, input string, opts ...runner.Option) (runner.Result, []*runner.Event) {
	t.Helper()
	opts = append([]runner.Option{runner.WithClock(runner.VirtualClock(fixedStart)), runner.WithExecutionName("exec-1"), runner.WithSeed(1)}, opts...)
	return compile(t, def).Run(context.Background(), parse(t, input), opts...)
}

// outcome renders a result as one line: the output JSON, or "STATUS
// Error: Cause".
func outcome(r runner.Result) string {
	if r.Status == runner.StatusSucceeded {
		return string(runner.MarshalJSON(r.Output))
	}
	return string(r.Status) + " " + r.Error + ": " + r.Cause
}

func eventTypes(events []*runner.Event) string {
	types := make([]string, len(events))
	for i, e := range events {
		types[i] = e.Type
	}
	return strings.Join(types, " ")
}

func mocks(t testing.TB, src string) runner.TaskHandler {
	t.Helper()
	cfg, err := runner.ParseMockConfig([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	h, err := cfg.Handler("", "T")
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestMachine_Run(t *testing.T) {
	tests := []struct {
		name, def, input, want string
	}{{
		name:  "pass data flow",
		def:   `{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.a","Parameters":{"x.$":"$.b","lit":[1,{"y.$":"$.b"}]},"ResultPath":"$.r","OutputPath":"$.r","End":true}}}`,
		input: `{"a":{"b":7}}`,
		want:  `{"lit":[1,{"y":7}],"x":7}`,
	}, {
		name:  "result path into the raw input, null paths",
		def:   `{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":null,"Result":{"k":1},"ResultPath":"$.deep.er","Next":"Q"},"Q":{"Type":"Pass","ResultPath":null,"OutputPath":"$.deep","End":true}}}`,
		input: `{"keep":true}`,
		want:  `{"er":{"k":1}}`,
	}, {
		name:  "indefinite paths give lists",
		def:   `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"all.$":"$.xs[*].v","tail.$":"$.xs[1:]","none.$":"$.xs[?(@.v > 5)]","dash.$":"$.a-b"},"End":true}}}`,
		input: `{"xs":[{"v":1},{"v":2}],"a-b":"d"}`,
		want:  `{"all":[1,2],"dash":"d","none":[],"tail":[{"v":2}]}`,
	}, {
		name:  "parameter path not found",
		def:   `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$.missing"},"End":true}}}`,
		input: `{"a":1}`,
		want:  `FAILED States.Runtime: An error occurred while executing the state 'P' (entered at the event id #2). The JSONPath '$.missing' specified for the field 'v.$' could not be found in the input '{"a":1}'`,
	}, {
		name:  "input path not found",
		def:   `{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.a.b","End":true}}}`,
		input: `{"a":{}}`,
		want:  `FAILED States.Runtime: An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.a.b' : No results for path: $['a']['b']`,
	}, {
		name:  "choice operators",
		def:   `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"And":[{"Variable":"$.s","StringMatches":"log-*.txt"},{"Not":{"Variable":"$.n","NumericGreaterThanPath":"$.max"}},{"Or":[{"Variable":"$.t","TimestampLessThan":"2020-01-01T00:00:00Z"},{"Variable":"$.b","BooleanEquals":true}]}],"Next":"Yes"}],"Default":"No"},"Yes":{"Type":"Pass","Result":"yes","End":true},"No":{"Type":"Pass","Result":"no","End":true}}}`,
		input: `{"s":"log-2024.txt","n":3,"max":3.0,"t":"2024-01-01T00:00:00Z","b":true}`,
		want:  `"yes"`,
	}, {
		name:  "choice with a wrong type never matches",
		def:   `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.v","NumericEquals":1,"Next":"Yes"}],"Default":"No"},"Yes":{"Type":"Pass","Result":"yes","End":true},"No":{"Type":"Pass","Result":"no","End":true}}}`,
		input: `{"v":"1"}`,
		want:  `"no"`,
	}, {
		name:  "no choice matched",
		def:   `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.v","IsNull":true,"Next":"C"}]}}}`,
		input: `{"v":1}`,
		want:  `FAILED States.NoChoiceMatched: No Choice Rule matched and no Default in state 'C'`,
	}, {
		name:  "fail with paths",
		def:   `{"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('bad {}', $.n)"}}}`,
		input: `{"e":"MyError","n":3}`,
		want:  `FAILED MyError: bad 3`,
	}, {
		name:  "variables",
		def:   `{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1,"y.$":"$.v"},"Next":"B"},"B":{"Type":"Pass","Assign":{"x.$":"$y","y":0},"Parameters":{"x.$":"$x","y.$":"$y"},"Next":"C"},"C":{"Type":"Pass","Parameters":{"x.$":"$x","y.$":"$y","prev.$":"$"},"End":true}}}`,
		input: `{"v":5}`,
		want:  `{"prev":{"x":1,"y":5},"x":5,"y":0}`,
	}, {
		name:  "wait a day on the virtual clock",
		def:   `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"Next":"P"},"P":{"Type":"Pass","Parameters":{"t.$":"$$.State.EnteredTime"},"End":true}}}`,
		input: `{}`,
		want:  `{"t":"2024-01-03T03:04:05.000Z"}`,
	}, {
		name:  "bad timestamp path",
		def:   `{"StartAt":"W","States":{"W":{"Type":"Wait","TimestampPath":"$.ts","End":true}}}`,
		input: `{"ts":"2016-12-05 21:29:29Z"}`,
		want:  `FAILED States.Runtime: An error occurred while executing the state 'W' (entered at the event id #2). The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.ts == 2016-12-05 21:29:29Z`,
	}, {
		name:  "unmocked task",
		def:   `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}`,
		input: `{}`,
		want:  `FAILED States.Runtime: Task state 'T' (resource arn:aws:states:::sqs:sendMessage) has no task handler: add it to a mock config test case (--mocks FILE --test-case NAME), or give it a local command or Lambda endpoint`,
	}, {
		name:  "parallel keeps branch order",
		def:   `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"Next":"A"},"A":{"Type":"Pass","Result":"slow","End":true}}},{"StartAt":"B","States":{"B":{"Type":"Pass","Result":"fast","End":true}}}],"End":true}}}`,
		input: `{}`,
		want:  `["slow","fast"]`,
	}, {
		name:  "a failing branch fails the parallel",
		def:   `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":50,"End":true}}},{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"branch 2"}}}],"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"Done"}],"End":true},"Done":{"Type":"Pass","End":true}}}`,
		input: `{}`,
		want:  `{"err":{"Cause":"branch 2","Error":"Boom"}}`,
	}, {
		name:  "map with item selector",
		def:   `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","MaxConcurrency":2,"ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","k.$":"$.k"},"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"ResultPath":"$.out","End":true}}}`,
		input: `{"xs":["a","b"],"k":0}`,
		want:  `{"k":0,"out":[{"i":0,"k":0,"v":"a"},{"i":1,"k":0,"v":"b"}],"xs":["a","b"]}`,
	}, {
		name:  "map item batcher",
		def:   `{"StartAt":"M","States":{"M":{"Type":"Map","ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"b":1}},"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`,
		input: `[1,2,3]`,
		want:  `[{"BatchInput":{"b":1},"Items":[1,2]},{"BatchInput":{"b":1},"Items":[3]}]`,
	}, {
		name:  "execution timeout",
		def:   `{"StartAt":"W","TimeoutSeconds":10,"States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}`,
		input: `{}`,
		want:  `TIMED_OUT : `,
	}, {
		name:  "jsonata output",
		def:   `{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $states.input %}","End":true}}}`,
		input: `{"a":[1,null]}`,
		want:  `{"a":[1,null]}`,
	}, {
		name:  "data limit",
		def:   `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"a.$":"$.s","b.$":"$.s"},"End":true}}}`,
		input: `{"s":"` + strings.Repeat("x", 130*1024) + `"}`,
		want:  `FAILED States.DataLimitExceeded: The state/task 'P' returned a result with a size exceeding the maximum number of bytes service limit.`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := run(t, tt.def, tt.input)
			if got := outcome(r); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestMachine_RunTasks(t *testing.T) {
	const cfg = `{"StateMachines":{"M":{"TestCases":{"T":{"Call":"R"}}}},"MockedResponses":{"R":{
		"0-1":{"Throw":{"Error":"Lambda.TooManyRequestsException","Cause":"slow down"}},
		"2":{"Return":{"Payload":{"n":1}}},
		"3":{"Throw":{}}}}}`
	tests := []struct {
		name, def, want, events string
	}{{
		name:   "retry until it works",
		def:    `{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$"},"ResultSelector":{"n.$":"$.Payload.n","retries.$":"$$.State.RetryCount"},"Retry":[{"ErrorEquals":["Lambda.TooManyRequestsException"],"MaxAttempts":2}],"End":true}}}`,
		want:   `{"n":1,"retries":2}`,
		events: "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskFailed TaskScheduled TaskStarted TaskFailed TaskScheduled TaskStarted TaskSucceeded TaskStateExited ExecutionSucceeded",
	}, {
		name:   "retries spent, caught",
		def:    `{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","Retry":[{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":1}],"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Handled"}],"End":true},"Handled":{"Type":"Pass","End":true}}}`,
		want:   `{"error":{"Cause":"slow down","Error":"Lambda.TooManyRequestsException"},"in":1}`,
		events: "ExecutionStarted TaskStateEntered LambdaFunctionScheduled LambdaFunctionStarted LambdaFunctionFailed LambdaFunctionScheduled LambdaFunctionStarted LambdaFunctionFailed TaskStateExited PassStateEntered PassStateExited ExecutionSucceeded",
	}, {
		name:   "max attempts zero never retries",
		def:    `{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"token.$":"$$.Task.Token"},"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":0}],"End":true}}}`,
		want:   `FAILED Lambda.TooManyRequestsException: slow down`,
		events: "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSubmitted TaskFailed ExecutionFailed",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, events := run(t, tt.def, `{"in":1}`, runner.WithTasks(mocks(t, cfg)))
			if got := outcome(r); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if got := eventTypes(events); got != tt.events {
				t.Errorf("events\n got  %s\n want %s", got, tt.events)
			}
		})
	}
}

func TestMachine_RunMaxTransitions(t *testing.T) {
	r, _ := run(t, `{"StartAt":"L","States":{"L":{"Type":"Pass","Next":"L"}}}`, `{}`, runner.WithMaxTransitions(10))
	want := "FAILED States.Runtime: the execution entered more than 10 states (WithMaxTransitions); is it looping forever?"
	if got := outcome(r); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestMachine_RunHistoryLimit(t *testing.T) {
	r, events := run(t, `{"StartAt":"L","States":{"L":{"Type":"Pass","Next":"L"}}}`, `{}`, runner.WithHistoryLimit(100))
	want := "FAILED States.Runtime: The execution reached the maximum number of history events (100)."
	if got := outcome(r); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if n := len(events); n != 102 {
		t.Errorf("%d events, want 102 (the limit, the event past it, ExecutionFailed)", n)
	}
}

// blockingHandler answers only when its context ends.
type blockingHandler struct{ started chan struct{} }

func (h blockingHandler) RealTime() bool { return true }
func (h blockingHandler) Invoke(ctx context.Context, _ *runner.TaskRequest) (any, error) {
	close(h.started)
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestExecution_Stop(t *testing.T) {
	m := compile(t, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}`)
	h := blockingHandler{started: make(chan struct{})}
	x := m.Start(context.Background(), map[string]any{}, runner.WithTasks(h))
	<-h.started
	x.Stop()
	r := x.Wait()
	if r.Status != runner.StatusAborted {
		t.Fatalf("status %s, want ABORTED", r.Status)
	}
	if got, want := eventTypes(x.Events()), "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted ExecutionAborted"; got != want {
		t.Errorf("events %s, want %s", got, want)
	}
}

func TestMachine_StartConcurrently(t *testing.T) {
	m := compile(t, `{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$","Next":"P"},"P":{"Type":"Pass","Parameters":{"v.$":"States.MathAdd($$.Execution.Input[0], 0)"},"End":true}}},"End":true}}}`)
	var wg sync.WaitGroup
	results := make([]string, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := []any{int64(i), int64(1), int64(2)}
			results[i] = outcome(m.Start(context.Background(), in).Wait())
		}()
	}
	wg.Wait()
	for i, got := range results {
		want := strings.Repeat(`{"v":`+string(runner.MarshalJSON(int64(i)))+`},`, 3)
		want = "[" + strings.TrimSuffix(want, ",") + "]"
		if got != want {
			t.Errorf("execution %d: got %s, want %s", i, got, want)
		}
	}
}

func TestMachine_RunPreviousEventIDs(t *testing.T) {
	_, events := run(t, `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`, `[1,2]`)
	var got []string
	for _, e := range events {
		got = append(got, e.Type+"#"+itoa(e.ID)+"<"+itoa(e.PreviousEventID))
	}
	// As AWS numbers them (see the corpus's map cases).
	want := "ExecutionStarted#1<0 MapStateEntered#2<0 MapStateStarted#3<2 MapIterationStarted#4<3 PassStateEntered#5<4 PassStateExited#6<5 MapIterationSucceeded#7<6 " +
		"MapIterationStarted#8<6 PassStateEntered#9<8 PassStateExited#10<9 MapIterationSucceeded#11<10 MapStateSucceeded#12<11 MapStateExited#13<11 ExecutionSucceeded#14<13"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("got  %s\nwant %s", s, want)
	}
}

func itoa(n int64) string { return string(runner.MarshalJSON(n)) }

// recorder is an Observer that writes down what it sees.
type recorder struct{ lines []string }

func (r *recorder) BeforeState(s *runner.StateInfo) { r.lines = append(r.lines, "before "+s.Name) }
func (r *recorder) AfterState(s *runner.StateInfo) {
	line := "after " + s.Name
	for p := runner.PhaseInput; p <= runner.PhaseOutput; p++ {
		if v, ok := s.Phases.Get(p); ok {
			line += " " + p.String() + "=" + string(runner.MarshalJSON(v))
		}
	}
	r.lines = append(r.lines, line+" next="+s.Next)
}

func TestObserver_Phases(t *testing.T) {
	rec := &recorder{}
	run(t, `{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.a","Parameters":{"b.$":"$.b"},"ResultPath":"$.r","Next":"Q"},"Q":{"Type":"Succeed"}}}`, `{"a":{"b":1}}`, runner.WithObserver(rec))
	want := []string{
		"before P",
		`after P input={"a":{"b":1}} afterInputPath={"b":1} afterParameters={"b":1} result={"b":1} afterResultPath={"a":{"b":1},"r":{"b":1}} output={"a":{"b":1},"r":{"b":1}} next=Q`,
		"before Q",
		`after Q input={"a":{"b":1},"r":{"b":1}} afterInputPath={"a":{"b":1},"r":{"b":1}} output={"a":{"b":1},"r":{"b":1}} next=`,
	}
	if got := strings.Join(rec.lines, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

func TestCompile_errors(t *testing.T) {
	tests := []struct{ def, want string }{
		{`{"StartAt":"X","States":{"A":{"Type":"Pass","End":true}}}`, `test.asl.json:1:12: StartAt "X" names no state`},
		{`{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}`, `test.asl.json:1:52: state 'A': transition to "B", which is not a state of this machine`},
		{`{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.a[","End":true}}}`, `test.asl.json:1:57: state 'A': invalid JSONPath "$.a[": not terminated at 5 in $.a[`},
		{`{"StartAt":"A","States":{"A":{"Type":"Bogus","End":true}}}`, `test.asl.json:1:38: state 'A': unknown state type "Bogus"`},
	}
	for _, tt := range tests {
		doc, err := model.Parse("test.asl.json", []byte(tt.def))
		if err != nil {
			t.Fatal(err)
		}
		_, err = runner.Compile(doc)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s:\n got  %v\n want %s", tt.def, err, tt.want)
		}
	}
}
