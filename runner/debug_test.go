package runner_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"baton/runner"
)

// debugOpts are the execution options of every test session: the same as
// run's, so that a session's history can be compared with a plain run's.
func debugOpts() []runner.Option {
	return []runner.Option{runner.WithClock(runner.VirtualClock(fixedStart)), runner.WithExecutionName("exec-1"), runner.WithSeed(1)}
}

func newSession(t testing.TB, def, input string, tasks func() runner.TaskHandler) *runner.DebugSession {
	t.Helper()
	s := runner.NewDebugSession(compile(t, def), parse(t, input), runner.DebugConfig{Tasks: tasks, Options: debugOpts()})
	t.Cleanup(s.Close)
	return s
}

// waitNext waits for the session's next stop or its end; a session that
// neither stops nor ends within 10 s fails the test (a timer, not a sleep).
func waitNext(t testing.TB, s *runner.DebugSession) *runner.DebugStop {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := s.Next(ctx)
	if err != nil {
		t.Fatalf("Next: %v", err)
	}
	return st
}

// describeStop renders a stop as one line: its scope (if any), then what the
// terminal debugger prints; the end renders as "end " and the outcome.
func describeStop(s *runner.DebugSession, st *runner.DebugStop) string {
	if st == nil {
		return "end " + outcome(s.Result())
	}
	if st.Scope != "" {
		return st.Scope + " " + st.String()
	}
	return st.String()
}

// drive gives the session each command and describes the stop (or end)
// that follows it.
func drive(t *testing.T, s *runner.DebugSession, cmds ...string) []string {
	t.Helper()
	var got []string
	for _, c := range cmds {
		var err error
		verb, arg, _ := strings.Cut(c, " ")
		switch verb {
		case "c":
			err = s.Continue()
		case "s":
			err = s.Step()
		case "i":
			n := -1
			if arg != "" {
				n = int(arg[0] - '0')
			}
			err = s.StepInto(n)
		case "o":
			err = s.StepOut()
		case "to":
			err = s.RunTo(arg)
		case "skip":
			err = s.Skip()
		default:
			t.Fatalf("unknown test command %q", c)
		}
		if err != nil {
			got = append(got, c+": "+err.Error())
			continue
		}
		got = append(got, describeStop(s, waitNext(t, s)))
	}
	return got
}

// continueToEnd continues until the end (at most 10 stops), describing
// each stop with line and the end as describeStop does.
func continueToEnd(t *testing.T, s *runner.DebugSession, line func(*runner.DebugStop) string) []string {
	t.Helper()
	var got []string
	for range 10 {
		if err := s.Continue(); err != nil {
			t.Fatal(err)
		}
		st := waitNext(t, s)
		if st == nil {
			return append(got, describeStop(s, nil))
		}
		got = append(got, line(st))
	}
	return got
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// fanMap has a Parallel of two branches, then a Map of the input's items.
const fanMap = `{"StartAt":"Fan","States":{
 "Fan":{"Type":"Parallel","ResultPath":"$.fan","Next":"Each","Branches":[
   {"StartAt":"A1","States":{"A1":{"Type":"Pass","Next":"A2"},"A2":{"Type":"Pass","End":true}}},
   {"StartAt":"B1","States":{"B1":{"Type":"Pass","End":true}}}]},
 "Each":{"Type":"Map","ItemsPath":"$.items","ResultPath":"$.out","Next":"Done",
   "ItemProcessor":{"StartAt":"Item","States":{"Item":{"Type":"Pass","End":true}}}},
 "Done":{"Type":"Succeed"}}}`

func TestDebugSession_breakpointOrder(t *testing.T) {
	s := newSession(t, fanMap, `{"items":[1,2,3]}`, nil)
	for _, bp := range []runner.Breakpoint{
		{State: "A2"}, {State: "B1"}, {State: "Item"}, {State: "Each", When: runner.After}, {State: "Fan", When: runner.After},
	} {
		if err := s.SetBreakpoint(bp); err != nil {
			t.Fatal(err)
		}
	}
	got := drive(t, s, "c", "c", "c", "c", "c", "c", "c", "c")
	sameLines(t, got, []string{
		"Fan/0 A2 before breakpoint",
		"Fan/1 B1 before breakpoint",
		"Fan after breakpoint",
		"Each/0 Item before breakpoint",
		"Each/1 Item before breakpoint",
		"Each/2 Item before breakpoint",
		"Each after breakpoint",
		`end {"fan":[{"items":[1,2,3]},{"items":[1,2,3]}],"items":[1,2,3],"out":[1,2,3]}`,
	})
}

func TestDebugSession_step(t *testing.T) {
	tests := []struct {
		name string
		bps  []string
		cmds []string
		want []string
	}{
		{"step over a Parallel", nil, []string{"s", "s", "s", "s", "s", "s", "s", "s"}, []string{
			"Fan before step", "Fan after step", "Each before step", "Each after step", "Done before step", "Done after step",
			`end {"fan":[{"items":[1,2]},{"items":[1,2]}],"items":[1,2],"out":[1,2]}`, "s: " + runner.ErrDebugEnded.Error(),
		}},
		{"into the first branch, then along it and out of it", nil, []string{"s", "i", "s", "s", "s", "s", "s"}, []string{
			"Fan before step", "Fan/0 A1 before step", "Fan/0 A1 after step", "Fan/0 A2 before step", "Fan/0 A2 after step",
			"Fan after step", "Each before step",
		}},
		{"into a chosen branch", nil, []string{"s", "i 1", "s", "s"}, []string{
			"Fan before step", "Fan/1 B1 before step", "Fan/1 B1 after step", "Fan after step",
		}},
		{"into a chosen iteration, then out", nil, []string{"to Each", "i 1", "o", "s"}, []string{
			"Each before here", "Each/1 Item before step", "Each after step", "Done before step",
		}},
		{"into a branch that does not exist", nil, []string{"s", "i 7"}, []string{"Fan before step", "Fan after step"}},
		{"into a state without branches is step", nil, []string{"to Done", "i"}, []string{"Done before here", "Done after step"}},
		{"out at the top level is continue", nil, []string{"s", "o"}, []string{
			"Fan before step", `end {"fan":[{"items":[1,2]},{"items":[1,2]}],"items":[1,2],"out":[1,2]}`,
		}},
		{"a breakpoint stops a step", []string{"A2"}, []string{"s", "s"}, []string{"Fan before step", "Fan/0 A2 before breakpoint"}},
		{"step from a branch stays in it", []string{"A2"}, []string{"c", "s", "s"}, []string{
			"Fan/0 A2 before breakpoint", "Fan/0 A2 after step", "Fan after step",
		}},
		{"run to a state in a branch", nil, []string{"to B1", "c"}, []string{
			"Fan/1 B1 before here", `end {"fan":[{"items":[1,2]},{"items":[1,2]}],"items":[1,2],"out":[1,2]}`,
		}},
		{"skip outside a wait", nil, []string{"s", "skip"}, []string{"Fan before step", "skip: " + runner.ErrDebugNotWaiting.Error()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, fanMap, `{"items":[1,2]}`, nil)
			for _, bp := range tt.bps {
				if err := s.SetBreakpoint(runner.Breakpoint{State: bp}); err != nil {
					t.Fatal(err)
				}
			}
			sameLines(t, drive(t, s, tt.cmds...), tt.want)
		})
	}
}

// TestDebugSession_sameHistory: stepping through every state and
// stopping at every breakpoint leaves the history a plain run writes.
func TestDebugSession_sameHistory(t *testing.T) {
	def := `{"StartAt":"Fan","States":{
 "Fan":{"Type":"Parallel","ResultPath":"$.fan","Next":"Nap","Branches":[
   {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:a","End":true,
     "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":2}]}}},
   {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":5,"End":true}}}]},
 "Nap":{"Type":"Wait","Seconds":3600,"Next":"Each"},
 "Each":{"Type":"Map","ItemsPath":"$.items","ResultPath":"$.out","End":true,
   "ItemProcessor":{"StartAt":"Item","States":{"Item":{"Type":"Pass","Assign":{"seen.$":"$"},"End":true}}}}}}`
	failOnce := func() runner.TaskHandler {
		calls := 0
		return runner.TaskFunc(func(_ context.Context, req *runner.TaskRequest) (any, error) {
			calls++
			if calls == 1 {
				return nil, &runner.StateError{Name: "Flaky", Cause: "first call"}
			}
			return map[string]any{"ok": true}, nil
		})
	}
	_, plain := run(t, def, `{"items":[1,2]}`, runner.WithTasks(failOnce()))
	want, _ := runner.MarshalHistory(plain)
	scripts := [][]string{
		{"c"},
		{"s", "i", "s", "s", "s", "s", "s", "s", "s", "i 1", "s", "s", "s"},
		{"c", "c", "c", "c", "skip"}, // skips Nap
	}
	for i, script := range scripts {
		s := newSession(t, def, `{"items":[1,2]}`, failOnce)
		s.BreakOnError(runner.ErrorBreak{})
		s.SetBreakpoint(runner.Breakpoint{State: "Item", When: runner.After})
		if i == 2 {
			s.BreakOnWaits(true)
		}
		lines := drive(t, s, script...)
		for s.Current() != nil {
			lines = append(lines, drive(t, s, "c")...)
		}
		got, _ := runner.MarshalHistory(s.Events())
		if i == 2 {
			// Skipping a wait changes the time, nothing else.
			want2 := stripTimestamps(want)
			if g := stripTimestamps(got); !bytes.Equal(g, want2) {
				t.Errorf("script %d (%s): history differs from a plain run's apart from timestamps:\n%s\nwant:\n%s", i, strings.Join(lines, "; "), g, want2)
			}
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("script %d (%s): history differs from a plain run's:\n%s\nwant:\n%s", i, strings.Join(lines, "; "), got, want)
		}
	}
}

func stripTimestamps(b []byte) []byte {
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.Contains(line, `"timestamp"`) {
			out = append(out, line)
		}
	}
	return []byte(strings.Join(out, "\n"))
}

func TestDebugSession_editInput(t *testing.T) {
	def := `{"StartAt":"Greet","States":{"Greet":{"Type":"Pass","Parameters":{"msg.$":"States.Format('hi {}', $.name)"},"End":true}}}`
	s := newSession(t, def, `{"name":"ann"}`, nil)
	s.SetBreakpoint(runner.Breakpoint{State: "Greet"})
	drive(t, s, "c")
	st, err := s.SetInput(map[string]any{"name": "bob"})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(st.InspectionJSON()); got != `{"input":{"name":"bob"}}` {
		t.Errorf("stop after SetInput: %s", got)
	}
	if _, err := s.SendHeartbeat(); !errors.Is(err, runner.ErrDebugNoCallback) {
		t.Errorf("heartbeat outside a callback: %v", err)
	}
	sameLines(t, drive(t, s, "s", "c"), []string{"Greet after step", `end {"msg":"hi bob"}`})
	if _, err := s.SetInput(nil); !errors.Is(err, runner.ErrDebugEnded) {
		t.Errorf("SetInput after the end: %v", err)
	}
	// The history keeps the input the state entered with.
	entered, _ := s.Events()[1].Details.(*runner.StateEnteredEventDetails).Input.MarshalJSON()
	if got := string(entered); got != `"{\"name\":\"ann\"}"` {
		t.Errorf("entered input = %s", got)
	}
}

func TestDebugSession_editInputOnlyBefore(t *testing.T) {
	def := `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`
	s := newSession(t, def, `{}`, nil)
	s.SetBreakpoint(runner.Breakpoint{State: "P", When: runner.After})
	drive(t, s, "c")
	if _, err := s.SetInput(1); !errors.Is(err, runner.ErrDebugInputNotEditable) {
		t.Errorf("SetInput after a state: %v", err)
	}
}

// callbackDef waits for a callback; a failure is caught.
const callbackDef = `{"StartAt":"Ask","States":{
 "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
   "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"ResultPath":"$.answer","Next":"Done",
   "Catch":[{"ErrorEquals":["Rejected"],"ResultPath":"$.error","Next":"Done"}]},
 "Done":{"Type":"Pass","End":true}}}`

func TestDebugSession_callback(t *testing.T) {
	tests := []struct {
		name string
		send func(s *runner.DebugSession) error
		want []string
		// answer is what a plain run's handler answers, for the history
		answer func() (any, error)
	}{
		{"success", func(s *runner.DebugSession) error { return s.SendSuccess(map[string]any{"approved": true}) },
			[]string{"Ask after step", `end {"answer":{"approved":true},"x":1}`},
			func() (any, error) { return map[string]any{"approved": true}, nil }},
		{"failure", func(s *runner.DebugSession) error { return s.SendFailure("Rejected", "not today") },
			[]string{"Ask after step", `end {"error":{"Cause":"not today","Error":"Rejected"},"x":1}`},
			func() (any, error) { return nil, &runner.StateError{Name: "Rejected", Cause: "not today"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, callbackDef, `{"x":1}`, nil)
			sameLines(t, drive(t, s, "c"), []string{"Ask before callback"})
			st := s.Current()
			if st.Token != "exec-1-1" {
				t.Errorf("token = %q", st.Token)
			}
			if got := string(st.InspectionJSON()); got != `{"input":{"x":1},"afterInputPath":{"x":1},"afterParameters":{"MessageBody":{"token":"exec-1-1"},"QueueUrl":"q"}}` {
				t.Errorf("phases at the callback: %s", got)
			}
			if err := s.Continue(); !errors.Is(err, runner.ErrDebugAwaitsCallback) {
				t.Errorf("continue at a callback: %v", err)
			}
			if hb, err := s.SendHeartbeat(); err != nil || hb.Heartbeats != 1 {
				t.Errorf("heartbeat: %v, %+v", err, hb)
			}
			if err := tt.send(s); err != nil {
				t.Fatal(err)
			}
			var got []string
			got = append(got, describeStop(s, waitNext(t, s)))
			got = append(got, drive(t, s, "c")...)
			sameLines(t, got, tt.want)
			_, plain := run(t, callbackDef, `{"x":1}`, runner.WithTasks(runner.TaskFunc(func(context.Context, *runner.TaskRequest) (any, error) { return tt.answer() })))
			want, _ := runner.MarshalHistory(plain)
			if got, _ := runner.MarshalHistory(s.Events()); !bytes.Equal(got, want) {
				t.Errorf("history:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestDebugSession_callbackAnsweredByMocks: a mock that answers a callback
// task leaves nothing to send.
func TestDebugSession_callbackAnsweredByMocks(t *testing.T) {
	cfg, err := runner.ParseMockConfig([]byte(`{"StateMachines":{"M":{"TestCases":{"ok":{"Ask":"Yes"}}}},"MockedResponses":{"Yes":{"0":{"Return":{"approved":true}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	tasks := func() runner.TaskHandler {
		h, err := cfg.Handler("", "ok")
		if err != nil {
			t.Fatal(err)
		}
		return runner.Handlers{h}
	}
	s := newSession(t, callbackDef, `{}`, tasks)
	sameLines(t, drive(t, s, "c"), []string{`end {"answer":{"approved":true}}`})
}

// retryDef fails twice (Flaky, retried), then with Custom.Error
// (caught).
const retryDef = `{"StartAt":"Call","States":{
 "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"Next":"Done",
   "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":3,"BackoffRate":2}],
   "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done"}]},
 "Done":{"Type":"Pass","End":true}}}`

func retryTasks() runner.TaskHandler {
	calls := 0
	return runner.TaskFunc(func(context.Context, *runner.TaskRequest) (any, error) {
		calls++
		if calls <= 2 {
			return nil, &runner.StateError{Name: "Flaky", Cause: "boom"}
		}
		return nil, &runner.StateError{Name: "Custom.Error", Cause: "bad"}
	})
}

func TestDebugSession_errorBreaks(t *testing.T) {
	tests := []struct {
		name string
		brk  runner.ErrorBreak
		want []string
	}{
		{"any error", runner.ErrorBreak{}, []string{
			"Call after error Flaky retry=0 delay=3s",
			"Call after error Flaky retry=1 delay=6s",
			"Call after error Custom.Error retry=2 caught→Done",
			`end {"Cause":"bad","Error":"Custom.Error"}`,
		}},
		{"by name", runner.ErrorBreak{Name: "Custom.Error"}, []string{
			"Call after error Custom.Error retry=2 caught→Done",
			`end {"Cause":"bad","Error":"Custom.Error"}`,
		}},
		{"uncaught only", runner.ErrorBreak{UncaughtOnly: true}, []string{
			`end {"Cause":"bad","Error":"Custom.Error"}`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, retryDef, `{}`, retryTasks)
			s.BreakOnError(tt.brk)
			got := continueToEnd(t, s, func(st *runner.DebugStop) string {
				line := describeStop(s, st) + " retry=" + strconv.Itoa(st.RetryCount)
				if f := st.Failure; f.Retry {
					line += " delay=" + f.RetryDelay.String()
				} else if f.Caught {
					line += " caught→" + f.Next
				}
				return line
			})
			sameLines(t, got, tt.want)
		})
	}
}

func TestDebugSession_uncaughtErrorStopsOnce(t *testing.T) {
	// The branch's failure fails the Parallel too: one stop, where it
	// happened.
	def := `{"StartAt":"Fan","States":{"Fan":{"Type":"Parallel","End":true,"Branches":[
   {"StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"Bad","Cause":"worse"}}}]}}}`
	s := newSession(t, def, `{}`, nil)
	s.BreakOnError(runner.ErrorBreak{Name: "Bad"})
	sameLines(t, drive(t, s, "c", "c"), []string{"Fan/0 Boom after error Bad", "end FAILED Bad: worse"})
}

func TestDebugSession_conditions(t *testing.T) {
	loop := `{"StartAt":"Init","States":{
 "Init":{"Type":"Pass","Result":{"i":0},"Assign":{"round":0},"Next":"Incr"},
 "Incr":{"Type":"Pass","Parameters":{"i.$":"States.MathAdd($.i, 1)"},"Assign":{"round.$":"States.MathAdd($round, 1)"},"Next":"Test"},
 "Test":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericLessThan":5,"Next":"Incr"}],"Default":"Done"},
 "Done":{"Type":"Succeed"}}}`
	tests := []struct {
		cond string
		when runner.When
		want []string
	}{
		{"$.i == 3", runner.Before, []string{"Incr before breakpoint i=3 round=3", "end {\"i\":5}"}},
		{"$.i >= 4", runner.After, []string{"Incr after breakpoint i=3 round=4", "Incr after breakpoint i=4 round=5", "end {\"i\":5}"}},
		{"$round == 2 && $.i < 10", runner.Before, []string{"Incr before breakpoint i=2 round=2", "end {\"i\":5}"}},
		{"$$.State.Name == 'Nope'", runner.Before, []string{"end {\"i\":5}"}},
		{"$.missing", runner.Before, []string{"end {\"i\":5}"}},
		{"{% $states.input.i = 3 %}", runner.Before, []string{"Incr before breakpoint i=3 round=3", "end {\"i\":5}"}},
		{"{% $round = 2 and $states.input.i < 10 %}", runner.Before, []string{"Incr before breakpoint i=2 round=2", "end {\"i\":5}"}},
		{"{% $states.context.State.Name = 'Incr' and $states.input.i = 4 %}", runner.After, []string{"Incr after breakpoint i=3 round=4", "end {\"i\":5}"}},
		{"{% $states.input.i %}", runner.Before, []string{"end {\"i\":5}"}},
	}
	for _, tt := range tests {
		t.Run(tt.cond, func(t *testing.T) {
			s := newSession(t, loop, `{}`, nil)
			if err := s.SetBreakpoint(runner.Breakpoint{State: "Incr", When: tt.when, Condition: tt.cond}); err != nil {
				t.Fatal(err)
			}
			got := continueToEnd(t, s, func(st *runner.DebugStop) string {
				in, _ := st.Phases.Get(runner.PhaseInput)
				return st.String() + " i=" + string(runner.MarshalJSON(in.(map[string]any)["i"])) + " round=" + string(runner.MarshalJSON(st.Variables["round"]))
			})
			sameLines(t, got, tt.want)
		})
	}
}

func TestDebugSession_SetBreakpoint_errors(t *testing.T) {
	s := newSession(t, fanMap, `{}`, nil)
	tests := []struct {
		bp   runner.Breakpoint
		want string
	}{
		{runner.Breakpoint{State: "Nope"}, `no state named "Nope"`},
		{runner.Breakpoint{State: "A1", Condition: "{% $x > %}"}, `condition {% $x > %}: invalid JSONata expression "$x >": unexpected end of expression, position: 4`},
		{runner.Breakpoint{State: "A1", Condition: "{% $x > 1"}, "condition {% $x > 1: a JSONata condition ends with %}"},
		{runner.Breakpoint{State: "A1", Condition: "$.s == 'open"}, "condition $.s == 'open: unterminated '"},
		{runner.Breakpoint{State: "A1", Condition: "   "}, "empty condition"},
		{runner.Breakpoint{State: "A1", When: 7}, `breakpoint on "A1": When must be Before or After`},
	}
	for _, tt := range tests {
		err := s.SetBreakpoint(tt.bp)
		if err == nil || err.Error() != tt.want {
			t.Errorf("SetBreakpoint(%+v) = %v, want %s", tt.bp, err, tt.want)
		}
	}
	if err := s.RunTo("Nope"); err == nil || err.Error() != "no state named 'Nope'" {
		t.Errorf("RunTo(Nope) = %v", err)
	}
	s.SetBreakpoint(runner.Breakpoint{State: "B1", When: runner.After})
	s.SetBreakpoint(runner.Breakpoint{State: "A1", Condition: "$.x > 1"})
	s.SetBreakpoint(runner.Breakpoint{State: "B1"})
	s.ClearBreakpoint("B1", runner.After)
	var got []string
	for _, bp := range s.Breakpoints() {
		got = append(got, bp.State+" "+bp.When.String()+" "+bp.Condition)
	}
	sameLines(t, got, []string{"A1 before $.x > 1", "B1 before "})
}

func TestDebugSession_inspection(t *testing.T) {
	def := `{"StartAt":"Set","States":{
 "Set":{"Type":"Pass","Assign":{"who":"ann"},"Next":"Call"},
 "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","InputPath":"$.in","Parameters":{"Payload.$":"$"},
   "ResultSelector":{"v.$":"$.Payload"},"ResultPath":"$.res","OutputPath":"$.res","End":true}}}`
	echo := func() runner.TaskHandler {
		return runner.TaskFunc(func(_ context.Context, req *runner.TaskRequest) (any, error) {
			return map[string]any{"Payload": req.Input.(map[string]any)["Payload"], "StatusCode": int64(200)}, nil
		})
	}
	s := newSession(t, def, `{"in":{"a":1}}`, echo)
	s.SetBreakpoint(runner.Breakpoint{State: "Call", When: runner.After})
	drive(t, s, "c")
	st := s.Current()
	want := `{"input":{"in":{"a":1}},"afterInputPath":{"a":1},"afterParameters":{"Payload":{"a":1}},"result":{"Payload":{"a":1},"StatusCode":200},"afterResultSelector":{"v":{"a":1}},"afterResultPath":{"in":{"a":1},"res":{"v":{"a":1}}},"output":{"v":{"a":1}},"variables":{"who":"ann"}}`
	if got := string(st.InspectionJSON()); got != want {
		t.Errorf("inspection:\n%s\nwant:\n%s", got, want)
	}
	if v, ok := st.PhaseByName("afterResultSelector"); !ok || string(runner.MarshalJSON(v)) != `{"v":{"a":1}}` {
		t.Errorf("afterResultSelector = %v, %v", v, ok)
	}
	if st.Context["State"].(map[string]any)["Name"] != "Call" || st.Context["Execution"].(map[string]any)["Name"] != "exec-1" {
		t.Errorf("context object: %v", st.Context)
	}
	if st.Next != "" || st.Err != nil || st.Type != "Task" || st.EnteredEventID != 4 || !st.Time.Equal(fixedStart) {
		t.Errorf("stop: %+v", st)
	}
}

func TestScopeFrames(t *testing.T) {
	tests := []struct {
		scope string
		want  string
	}{
		{"", "[]"},
		{"Fan/1", "[{Fan 1}]"},
		{"Fan/1/Items/30", "[{Fan 1} {Items 30}]"},
		{"a/b/2", "[{a/b 2}]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(runner.ScopeFrames(tt.scope)); got != tt.want {
			t.Errorf("ScopeFrames(%q) = %s, want %s", tt.scope, got, tt.want)
		}
	}
}
