package cloud_test

import (
	"strings"
	"testing"

	"baton/cloud"
)

// A Map over two items calls the Charge task twice: the first call fails
// (retried), the retry and the second item succeed.
const mapHistory = `{"events": [
{"timestamp": 1740830400.0, "type": "ExecutionStarted", "id": 1, "previousEventId": 0, "executionStartedEventDetails": {"input": "{}"}},
{"timestamp": 1740830400.0, "type": "MapStateEntered", "id": 2, "previousEventId": 1, "stateEnteredEventDetails": {"name": "Each", "input": "[1,2]"}},
{"timestamp": 1740830400.0, "type": "MapStateStarted", "id": 3, "previousEventId": 2, "mapStateStartedEventDetails": {"length": 2}},
{"timestamp": 1740830400.0, "type": "MapIterationStarted", "id": 4, "previousEventId": 3, "mapIterationStartedEventDetails": {"name": "Each", "index": 0}},
{"timestamp": 1740830400.0, "type": "TaskStateEntered", "id": 5, "previousEventId": 4, "stateEnteredEventDetails": {"name": "Charge", "input": "1"}},
{"timestamp": 1740830400.0, "type": "TaskScheduled", "id": 6, "previousEventId": 5, "taskScheduledEventDetails": {"resource": "invoke", "resourceType": "lambda", "region": "us-east-1", "parameters": "{}"}},
{"timestamp": 1740830400.0, "type": "TaskFailed", "id": 7, "previousEventId": 6, "taskFailedEventDetails": {"resource": "invoke", "resourceType": "lambda", "error": "Throttled", "cause": "slow down"}},
{"timestamp": 1740830400.0, "type": "MapIterationStarted", "id": 8, "previousEventId": 3, "mapIterationStartedEventDetails": {"name": "Each", "index": 1}},
{"timestamp": 1740830400.0, "type": "TaskStateEntered", "id": 9, "previousEventId": 8, "stateEnteredEventDetails": {"name": "Charge", "input": "2"}},
{"timestamp": 1740830400.0, "type": "TaskScheduled", "id": 10, "previousEventId": 9, "taskScheduledEventDetails": {"resource": "invoke", "resourceType": "lambda", "region": "us-east-1", "parameters": "{}"}},
{"timestamp": 1740830400.0, "type": "TaskSucceeded", "id": 11, "previousEventId": 10, "taskSucceededEventDetails": {"resource": "invoke", "resourceType": "lambda", "output": "{\"Payload\":2}"}},
{"timestamp": 1740830400.0, "type": "TaskStateExited", "id": 12, "previousEventId": 11, "stateExitedEventDetails": {"name": "Charge", "output": "2"}},
{"timestamp": 1740830400.0, "type": "MapIterationSucceeded", "id": 13, "previousEventId": 12, "mapIterationSucceededEventDetails": {"name": "Each", "index": 1}},
{"timestamp": 1740830400.0, "type": "TaskScheduled", "id": 14, "previousEventId": 7, "taskScheduledEventDetails": {"resource": "invoke", "resourceType": "lambda", "region": "us-east-1", "parameters": "{}"}},
{"timestamp": 1740830400.0, "type": "TaskTimedOut", "id": 15, "previousEventId": 14, "taskTimedOutEventDetails": {"resource": "invoke", "resourceType": "lambda"}},
{"timestamp": 1740830400.0, "type": "MapIterationFailed", "id": 16, "previousEventId": 15, "mapIterationFailedEventDetails": {"name": "Each", "index": 0}},
{"timestamp": 1740830400.0, "type": "MapStateFailed", "id": 17, "previousEventId": 16},
{"timestamp": 1740830400.0, "type": "ExecutionFailed", "id": 18, "previousEventId": 17, "executionFailedEventDetails": {"error": "States.Timeout"}}
]}`

func TestGenerateMocks(t *testing.T) {
	events, err := cloud.LoadHistory(strings.NewReader(mapHistory))
	if err != nil {
		t.Fatal(err)
	}
	got, err := cloud.GenerateMocks(events, "Orders", "Replay")
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "StateMachines": {
    "Orders": {
      "TestCases": {
        "Replay": {
          "Charge": "ChargeResponse"
        }
      }
    }
  },
  "MockedResponses": {
    "ChargeResponse": {
      "0": {
        "Throw": {
          "Error": "Throttled",
          "Cause": "slow down"
        }
      },
      "1": {
        "Return": {
          "Payload": 2
        }
      },
      "2": {
        "Throw": {
          "Error": "States.Timeout"
        }
      }
    }
  }
}
`
	if string(got) != want {
		t.Fatalf("got:\n%s", got)
	}
}

func TestReplay(t *testing.T) {
	events, _ := cloud.LoadHistory(strings.NewReader(mapHistory))
	r := cloud.NewReplay(events)
	var lines []string
	for _, s := range r.Steps {
		lines = append(lines, s.Event.Type+" "+s.State+" "+strings.Join(s.Scope, "/")+" "+s.Input+s.Output+s.Error)
	}
	want := `ExecutionStarted   {}
MapStateEntered Each  [1,2]
MapStateStarted Each  
MapIterationStarted Each  
TaskStateEntered Charge Each#0 1
TaskScheduled Charge Each#0 
TaskFailed Charge Each#0 Throttled
MapIterationStarted Each  
TaskStateEntered Charge Each#1 2
TaskScheduled Charge Each#1 
TaskSucceeded Charge Each#1 {"Payload":2}
TaskStateExited Charge Each#1 2
MapIterationSucceeded Each  
TaskScheduled Charge Each#0 
TaskTimedOut Charge Each#0 
MapIterationFailed Each  
MapStateFailed Each  
ExecutionFailed   States.Timeout`
	if got := strings.Join(lines, "\n"); got != want {
		t.Errorf("steps:\n%s", got)
	}
	outcomes := []struct {
		at   int
		want string
	}{
		{4, "map[Charge:running Each:running]"},
		{6, "map[Charge:failed Each:running]"},
		{11, "map[Charge:failed Each:running]"},
		{13, "map[Charge:running Each:running]"},
		{17, "map[Charge:failed Each:failed]"},
	}
	for _, o := range outcomes {
		if got := fmtMap(r.Outcomes(o.at)); got != o.want {
			t.Errorf("at %d: %s, want %s", o.at, got, o.want)
		}
	}
}
