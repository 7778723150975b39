package runner_test

import (
	"context"
	"fmt"

	"baton/model"
	"baton/runner"
)

// A debug session stops at a breakpoint in a Map iteration, shows the
// state's phases, steps out of the iteration and runs to the end.
func ExampleDebugSession() {
	doc, _ := model.Parse("example.asl.json", []byte(`{"StartAt":"Each","States":{
	  "Each":{"Type":"Map","ItemProcessor":{"StartAt":"Double","States":{
	    "Double":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($, $)"},"End":true}}},"End":true}}}`))
	m, err := runner.Compile(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := runner.NewDebugSession(m, []any{int64(1), int64(2), int64(3)}, runner.DebugConfig{})
	defer s.Close()
	s.SetBreakpoint(runner.Breakpoint{State: "Double", When: runner.After, Condition: "$.n == 4"})

	s.Continue()
	st, _ := s.Next(context.Background())
	fmt.Println(st.Scope, st)
	fmt.Printf("%s\n", st.InspectionJSON())
	fmt.Println(runner.ScopeFrames(st.Scope))

	s.StepOut()
	st, _ = s.Next(context.Background())
	fmt.Println(st)

	s.Continue()
	s.Next(context.Background())
	fmt.Printf("%s %s\n", s.Result().Status, runner.MarshalJSON(s.Result().Output))
	// Output:
	// Each/1 Double after breakpoint
	// {"input":2,"afterInputPath":2,"afterParameters":{"n":4},"result":{"n":4},"afterResultPath":{"n":4},"output":{"n":4}}
	// [{Each 1}]
	// Each after step
	// SUCCEEDED [{"n":2},{"n":4},{"n":6}]
}
