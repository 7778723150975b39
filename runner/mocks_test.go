package runner_test

import (
	"context"
	"errors"
	"testing"

	"baton/runner"
)

func TestMockHandler_Invoke(t *testing.T) {
	cfg, err := runner.ParseMockConfig([]byte(`{
		"StateMachines": {"M": {"TestCases": {"Happy": {"A": "RA", "B": "RB"}}}},
		"MockedResponses": {
			"RA": {"0": {"Return": {"n": 0}}, "1-2": {"Return": {"n": 1}}, "3": {"Throw": {"Error": "E", "Cause": "C"}}},
			"RB": {"0": {"Throw": {}}}
		}}`))
	if err != nil {
		t.Fatal(err)
	}
	h, err := cfg.Handler("M", "Happy")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := 0; i < 5; i++ {
		v, err := h.Invoke(context.Background(), &runner.TaskRequest{State: "A"})
		got = append(got, describe(v, err))
	}
	_, err = h.Invoke(context.Background(), &runner.TaskRequest{State: "B"})
	var se *runner.StateError
	if !errors.As(err, &se) || !se.NullError || !se.NullCause {
		t.Errorf("an empty Throw should have null error and cause, got %#v", err)
	}
	if _, err := h.Invoke(context.Background(), &runner.TaskRequest{State: "C"}); !errors.Is(err, runner.ErrNoHandler) {
		t.Errorf("an unmocked state should give ErrNoHandler, got %v", err)
	}
	want := []string{`{"n":0}`, `{"n":1}`, `{"n":1}`, `E: C`, `E: C`}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("call %d: got %s, want %s", i, got[i], want[i])
		}
	}
}

func describe(v any, err error) string {
	var se *runner.StateError
	if errors.As(err, &se) {
		return se.Name + ": " + se.Cause
	}
	if err != nil {
		return err.Error()
	}
	return string(runner.MarshalJSON(v))
}

func TestParseMockConfig_errors(t *testing.T) {
	tests := []struct{ src, want string }{
		{`[]`, `mock config: must be a JSON object`},
		{`{"StateMachines":{"M":{"TestCases":{"T":{"A":"Nope"}}}},"MockedResponses":{}}`, `mock config: test case M/T: state "A" uses mocked response "Nope", which is not defined`},
		{`{"MockedResponses":{"R":{"x":{"Return":1}}}}`, `mock config: mocked response "R": "x" is not a call number or range like "1-2"`},
		{`{"MockedResponses":{"R":{"0":{"Nothing":1}}}}`, `mock config: mocked response "R", call 0: must have Return or Throw`},
	}
	for _, tt := range tests {
		_, err := runner.ParseMockConfig([]byte(tt.src))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s:\n got  %v\n want %s", tt.src, err, tt.want)
		}
	}
}

func TestMockConfig_Handler_errors(t *testing.T) {
	cfg, err := runner.ParseMockConfig([]byte(`{"StateMachines":{"A":{"TestCases":{"T":{}}},"B":{"TestCases":{"T":{}}}},"MockedResponses":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ machine, tc, want string }{
		{"", "T", `test case "T" exists for several state machines (A, B): name one`},
		{"", "X", `mock config has no test case "X" (it has: A/T, B/T)`},
	}
	for _, tt := range tests {
		if _, err := cfg.Handler(tt.machine, tt.tc); err == nil || err.Error() != tt.want {
			t.Errorf("%s/%s: got %v, want %s", tt.machine, tt.tc, err, tt.want)
		}
	}
}
