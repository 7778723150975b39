package cloud

import (
	"context"
	"encoding/json"
	"time"
)

// Engine is what Server needs from an interpreter: checking a definition
// and running it. RunnerEngine adapts Baton's runner to it; tests may give
// their own.
type Engine interface {
	// Check validates a definition for a state machine of the given type
	// ("STANDARD" or "EXPRESS") and returns every diagnostic; a diagnostic
	// of severity "ERROR" makes the definition invalid.
	Check(definition string, machineType string) []Diagnostic
	// Start begins running req.Definition.
	Start(ctx context.Context, req RunRequest) (Run, error)
}

// Diagnostic is one problem found in a definition, as
// ValidateStateMachineDefinition reports it.
type Diagnostic struct {
	Severity string `json:"severity"` // "ERROR" or "WARNING"
	Code     string `json:"code"`
	Message  string `json:"message"`
	Location string `json:"location,omitempty"`
}

// RunRequest is everything an execution needs.
type RunRequest struct {
	Definition string
	// Input is the execution input as JSON text.
	Input string
	// The context object's Execution and StateMachine members.
	ExecutionArn, ExecutionName, RoleArn string
	StateMachineArn, StateMachineName    string
	StartTime                            time.Time
	// Mocks holds a Step Functions Local mock config and the test case of
	// it that this execution runs; nil when the execution has no mocks.
	Mocks *MockSelection
	// Callbacks answers tasks that wait for a task token
	// (.waitForTaskToken) and have no mocked response.
	Callbacks *Callbacks
}

// MockSelection is one test case of a mock config.
type MockSelection struct {
	// Config is the whole mock config file (Step Functions Local format).
	Config json.RawMessage
	// Machine and TestCase name the entry StateMachines[Machine].TestCases[TestCase].
	Machine, TestCase string
}

// Run is an execution in progress.
type Run interface {
	// Wait blocks until the execution ends and returns its result.
	Wait() RunResult
	// Events returns the history events emitted so far, in order.
	Events() []HistoryEvent
	// Stop aborts the execution with an error and cause, as StopExecution
	// does; Wait then reports ABORTED.
	Stop(errName, cause string)
}

// RunResult is how an execution ended.
type RunResult struct {
	// Status is SUCCEEDED, FAILED, TIMED_OUT or ABORTED.
	Status string
	// Output is the JSON output of a SUCCEEDED execution.
	Output       string
	Error, Cause string
}
