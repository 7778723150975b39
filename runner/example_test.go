package runner_test

import (
	"context"
	"fmt"

	"baton/model"
	"baton/runner"
)

func ExampleMachine_Start() {
	doc, err := model.Parse("hello.asl.json", []byte(`{
		"StartAt": "Greet",
		"States": {
			"Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello, {}!', $.name)"}, "Next": "Nap"},
			"Nap": {"Type": "Wait", "Seconds": 86400, "End": true}
		}}`))
	if err != nil {
		panic(err)
	}
	m, err := runner.Compile(doc)
	if err != nil {
		panic(err)
	}
	// The clock is virtual: the day-long Wait takes no time.
	x := m.Start(context.Background(), map[string]any{"name": "World"})
	r := x.Wait()
	fmt.Println(r.Status, string(runner.MarshalJSON(r.Output)))
	for _, e := range x.Events() {
		fmt.Println(e.ID, e.PreviousEventID, e.Type)
	}
	// Output:
	// SUCCEEDED {"greeting":"Hello, World!"}
	// 1 0 ExecutionStarted
	// 2 0 PassStateEntered
	// 3 2 PassStateExited
	// 4 3 WaitStateEntered
	// 5 4 WaitStateExited
	// 6 5 ExecutionSucceeded
}
