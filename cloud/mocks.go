package cloud

import (
	"encoding/json"
	"fmt"
	"os"
)

// MockConfigEnv is the environment variable Step Functions Local reads its
// mock config from; `baton serve` reads it too when --mocks is not given.
const MockConfigEnv = "SFN_MOCK_CONFIG"

// LoadMockConfig reads a mock config file in Step Functions Local's format
// and checks its outline: a StateMachines object whose entries have
// TestCases, and a MockedResponses object.
func LoadMockConfig(path string) (json.RawMessage, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var outline struct {
		StateMachines map[string]struct {
			TestCases map[string]map[string]string
		}
		MockedResponses map[string]map[string]json.RawMessage
	}
	if err := json.Unmarshal(data, &outline); err != nil {
		return nil, fmt.Errorf("%s: not a Step Functions Local mock config: %v", path, err)
	}
	if outline.StateMachines == nil {
		return nil, fmt.Errorf("%s: not a Step Functions Local mock config: no StateMachines", path)
	}
	return data, nil
}

// selectMocks picks test case testCase of machine from the mock config,
// as Step Functions Local does for "stateMachineArn#TestCase".
func (s *Server) selectMocks(machine, testCase string) (*MockSelection, *APIError) {
	if len(s.opts.Mocks) == 0 {
		return nil, apiErr(ErrCodeValidation, "test case %q asked for, but baton serve has no mock config (start it with --mocks FILE or %s)", testCase, MockConfigEnv)
	}
	var cfg struct {
		StateMachines map[string]struct {
			TestCases map[string]json.RawMessage
		}
	}
	if err := json.Unmarshal(s.opts.Mocks, &cfg); err != nil {
		return nil, internalErr(err)
	}
	sm, ok := cfg.StateMachines[machine]
	if !ok {
		return nil, apiErr(ErrCodeValidation, "the mock config has no state machine %q", machine)
	}
	if _, ok := sm.TestCases[testCase]; !ok {
		return nil, apiErr(ErrCodeValidation, "the mock config has no test case %q for state machine %q", testCase, machine)
	}
	return &MockSelection{Config: s.opts.Mocks, Machine: machine, TestCase: testCase}, nil
}
