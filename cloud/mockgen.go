package cloud

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"baton/model"
)

// taskResults maps the events that end a task to the kind of mocked
// response they become.
var taskResults = map[string]string{
	"TaskSucceeded": "Return", "LambdaFunctionSucceeded": "Return", "ActivitySucceeded": "Return",
	"TaskFailed": "Throw", "LambdaFunctionFailed": "Throw", "ActivityFailed": "Throw",
	"TaskTimedOut": "Throw", "LambdaFunctionTimedOut": "Throw", "ActivityTimedOut": "Throw",
	"TaskStartFailed": "Throw", "TaskSubmitFailed": "Throw", "LambdaFunctionStartFailed": "Throw",
	"LambdaFunctionScheduleFailed": "Throw", "ActivityScheduleFailed": "Throw",
}

// GenerateMocks turns the task results of a history into a mock config in
// Step Functions Local's format, so that the execution replays offline:
// test case testCase of state machine machine maps every Task state that
// ran to a mocked response "<state>Response" holding, in call order, what
// each call returned ({"Return": output}) or threw ({"Throw": {"Error",
// "Cause"}}). The result is indented JSON, ready to save as a regression
// test.
func GenerateMocks(events []HistoryEvent, machine, testCase string) ([]byte, error) {
	byID := make(map[int64]*HistoryEvent, len(events))
	for i := range events {
		byID[events[i].ID] = &events[i]
	}
	responses := model.NewObject()
	cases := model.NewObject()
	for i := range events {
		e := &events[i]
		kind, ok := taskResults[e.Type]
		if !ok {
			continue
		}
		state := enteredState(byID, e)
		if state == "" {
			return nil, fmt.Errorf("event %d (%s): no state entered before it", e.ID, e.Type)
		}
		var d struct {
			Output       *string
			Error, Cause *string
		}
		if len(e.Details) > 0 {
			if err := json.Unmarshal(e.Details, &d); err != nil {
				return nil, fmt.Errorf("event %d: %v", e.ID, err)
			}
		}
		resp := model.NewObject()
		if kind == "Return" {
			out := "null"
			if d.Output != nil {
				out = *d.Output
			}
			v, err := model.ParseJSON("", []byte(out))
			if err != nil {
				return nil, fmt.Errorf("event %d: output is not JSON: %v", e.ID, err)
			}
			resp.Set("Return", v)
		} else {
			th := model.NewObject()
			if d.Error != nil {
				th.Set("Error", model.NewString(*d.Error))
			} else if strings.HasSuffix(e.Type, "TimedOut") {
				th.Set("Error", model.NewString("States.Timeout"))
			}
			if d.Cause != nil {
				th.Set("Cause", model.NewString(*d.Cause))
			}
			resp.Set("Throw", th)
		}
		name := state + "Response"
		calls := responses.Get(name)
		if calls == nil {
			calls = model.NewObject()
			responses.Set(name, calls)
			cases.Set(state, model.NewString(name))
		}
		calls.Set(strconv.Itoa(len(calls.Fields)), resp)
	}
	tc := model.NewObject()
	tc.Set(testCase, cases)
	sm := model.NewObject()
	sm.Set("TestCases", tc)
	machines := model.NewObject()
	machines.Set(machine, sm)
	root := model.NewObject()
	root.Set("StateMachines", machines)
	root.Set("MockedResponses", responses)
	return model.MarshalJSON(root), nil
}

// enteredState follows previousEventId back from e to the nearest
// *StateEntered event and returns the state's name.
func enteredState(byID map[int64]*HistoryEvent, e *HistoryEvent) string {
	for seen := 0; e != nil && seen <= len(byID); seen++ {
		if strings.HasSuffix(e.Type, "StateEntered") {
			var d struct{ Name string }
			json.Unmarshal(e.Details, &d)
			return d.Name
		}
		e = byID[e.PreviousEventID]
	}
	return ""
}
