package runner

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// MockConfig is an AWS Step Functions Local mock configuration:
// StateMachines → TestCases → state name → response name, and
// MockedResponses → response name → call number (or range "1-2") →
// {"Return": value} or {"Throw": {"Error": …, "Cause": …}}.
type MockConfig struct {
	// TestCases maps state machine name → test case name → state name →
	// response name.
	TestCases map[string]map[string]map[string]string
	// Responses maps a response name to its answers in call order.
	Responses map[string][]mockAnswer
}

// mockAnswer answers the calls from..to (0-based, inclusive).
type mockAnswer struct {
	from, to int
	ret      any
	throw    *StateError
}

// ParseMockConfig reads a mock config in Step Functions Local's format.
func ParseMockConfig(src []byte) (*MockConfig, error) {
	v, err := ParseJSON(src)
	if err != nil {
		return nil, fmt.Errorf("mock config: %w", err)
	}
	root, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("mock config: must be a JSON object")
	}
	c := &MockConfig{TestCases: map[string]map[string]map[string]string{}, Responses: map[string][]mockAnswer{}}
	machines, _ := root["StateMachines"].(map[string]any)
	for mname, mv := range machines {
		m, _ := mv.(map[string]any)
		cases, _ := m["TestCases"].(map[string]any)
		c.TestCases[mname] = map[string]map[string]string{}
		for cname, cv := range cases {
			states, ok := cv.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("mock config: test case %s/%s must be an object", mname, cname)
			}
			tc := map[string]string{}
			for state, rv := range states {
				r, ok := rv.(string)
				if !ok {
					return nil, fmt.Errorf("mock config: test case %s/%s: state %q must name a mocked response", mname, cname, state)
				}
				tc[state] = r
			}
			c.TestCases[mname][cname] = tc
		}
	}
	responses, _ := root["MockedResponses"].(map[string]any)
	for rname, rv := range responses {
		calls, ok := rv.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("mock config: mocked response %q must be an object", rname)
		}
		var answers []mockAnswer
		for key, av := range calls {
			from, to, err := parseCallRange(key)
			if err != nil {
				return nil, fmt.Errorf("mock config: mocked response %q: %v", rname, err)
			}
			a, err := parseAnswer(av)
			if err != nil {
				return nil, fmt.Errorf("mock config: mocked response %q, call %s: %v", rname, key, err)
			}
			a.from, a.to = from, to
			answers = append(answers, a)
		}
		sort.Slice(answers, func(i, j int) bool { return answers[i].from < answers[j].from })
		c.Responses[rname] = answers
	}
	for mname, cases := range c.TestCases {
		for cname, tc := range cases {
			for state, r := range tc {
				if _, ok := c.Responses[r]; !ok {
					return nil, fmt.Errorf("mock config: test case %s/%s: state %q uses mocked response %q, which is not defined", mname, cname, state, r)
				}
			}
		}
	}
	return c, nil
}

func parseCallRange(key string) (int, int, error) {
	a, b, isRange := strings.Cut(key, "-")
	from, err := strconv.Atoi(a)
	if err != nil || from < 0 {
		return 0, 0, fmt.Errorf("%q is not a call number or range like \"1-2\"", key)
	}
	to := from
	if isRange {
		if to, err = strconv.Atoi(b); err != nil || to < from {
			return 0, 0, fmt.Errorf("%q is not a call number or range like \"1-2\"", key)
		}
	}
	return from, to, nil
}

func parseAnswer(v any) (mockAnswer, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return mockAnswer{}, fmt.Errorf("must be an object with Return or Throw")
	}
	if ret, ok := m["Return"]; ok {
		return mockAnswer{ret: ret}, nil
	}
	th, ok := m["Throw"].(map[string]any)
	if !ok {
		return mockAnswer{}, fmt.Errorf("must have Return or Throw")
	}
	se := &StateError{}
	e, hasE := th["Error"].(string)
	c, hasC := th["Cause"].(string)
	se.Name, se.Cause = e, c
	if !hasE && !hasC {
		// AWS reported the failure without either: both are null.
		se.NullError, se.NullCause = true, true
	}
	return mockAnswer{throw: se}, nil
}

// TestCaseNames lists "machine/case" for every test case, sorted.
func (c *MockConfig) TestCaseNames() []string {
	var names []string
	for m, cases := range c.TestCases {
		for tc := range cases {
			names = append(names, m+"/"+tc)
		}
	}
	sort.Strings(names)
	return names
}

// Handler returns a task handler for one execution of a test case. The
// machine name may be empty when the test case name is unique. Call
// counts start at zero for every handler.
func (c *MockConfig) Handler(machine, testCase string) (*MockHandler, error) {
	var found map[string]string
	var where []string
	for m, cases := range c.TestCases {
		if machine != "" && m != machine {
			continue
		}
		if tc, ok := cases[testCase]; ok {
			found = tc
			where = append(where, m)
		}
	}
	switch {
	case len(where) == 0:
		return nil, fmt.Errorf("mock config has no test case %q (it has: %s)", testCase, strings.Join(c.TestCaseNames(), ", "))
	case len(where) > 1:
		sort.Strings(where)
		return nil, fmt.Errorf("test case %q exists for several state machines (%s): name one", testCase, strings.Join(where, ", "))
	}
	return &MockHandler{cfg: c, states: found, calls: map[string]int{}}, nil
}

// MockHandler answers Task states from a mock config test case.
type MockHandler struct {
	cfg    *MockConfig
	states map[string]string
	mu     sync.Mutex
	calls  map[string]int
}

// Invoke answers the n-th call of a state with the n-th mocked response
// (the last one again once they run out). A state the test case does not
// mock gives ErrNoHandler.
func (h *MockHandler) Invoke(_ context.Context, req *TaskRequest) (any, error) {
	name, ok := h.states[req.State]
	if !ok {
		return nil, ErrNoHandler
	}
	h.mu.Lock()
	n := h.calls[req.State]
	h.calls[req.State] = n + 1
	h.mu.Unlock()
	answers := h.cfg.Responses[name]
	if len(answers) == 0 {
		return nil, Errorf(ErrRuntime, "mocked response %q has no answers", name)
	}
	a := answers[len(answers)-1]
	for _, x := range answers {
		if n >= x.from && n <= x.to {
			a = x
			break
		}
	}
	if a.throw != nil {
		se := *a.throw
		return nil, &se
	}
	return a.ret, nil
}
