package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"baton/model"
	"baton/runner"
)

// mockFile is a Step Functions Local mock configuration (StateMachines →
// TestCases → state → response name; MockedResponses → response name →
// call number → Return or Throw): one chosen in a run's configuration, or
// the mocks generated from a recorded run, kept in memory.
type mockFile struct {
	// path is the file, "" for mocks held in memory only.
	path string
	src  []byte
	cfg  *runner.MockConfig
}

// loadMockFile reads and checks a mock file.
func loadMockFile(path string) (*mockFile, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseMockFile(path, src)
}

// parseMockFile checks the text of a mock file.
func parseMockFile(path string, src []byte) (*mockFile, error) {
	cfg, err := runner.ParseMockConfig(src)
	if err != nil {
		if path != "" {
			err = fmt.Errorf("%s: %w", filepath.Base(path), err)
		}
		return nil, err
	}
	return &mockFile{path: path, src: src, cfg: cfg}, nil
}

// splitTestCase splits "MACHINE/CASE" (or a bare "CASE").
func splitTestCase(name string) (machine, testCase string) {
	machine, testCase, ok := strings.Cut(name, "/")
	if !ok {
		return "", name
	}
	return machine, testCase
}

// tasks makes the task handler factory of runs with test case name
// ("MACHINE/CASE"): each run gets a handler whose call counts start at
// zero. It fails when the file has no such test case.
func (f *mockFile) tasks(name string) (func() runner.TaskHandler, error) {
	machine, tc := splitTestCase(name)
	if _, err := f.cfg.Handler(machine, tc); err != nil {
		return nil, err
	}
	return func() runner.TaskHandler {
		h, _ := f.cfg.Handler(machine, tc)
		return h
	}, nil
}

// stateMock is what a test case mocks a state with: the response's name,
// its JSON (call number → Return or Throw), and the other test cases
// that share the response.
type stateMock struct {
	response string
	json     string
	sharedBy []string
}

// stateMock returns how test case name ("MACHINE/CASE") mocks state;
// response is "" when it does not.
func (f *mockFile) stateMock(name, state string) stateMock {
	root, err := model.ParseJSON(f.path, f.src)
	if err != nil {
		return stateMock{}
	}
	machine, tc := splitTestCase(name)
	resp := root.Get("StateMachines").Get(machine).Get("TestCases").Get(tc).Get(state)
	if resp == nil || resp.Kind != model.String {
		return stateMock{}
	}
	out := stateMock{response: resp.Str}
	if v := root.Get("MockedResponses").Get(resp.Str); v != nil {
		out.json = strings.TrimSuffix(string(model.MarshalJSON(v)), "\n")
	}
	for _, other := range f.cfg.TestCaseNames() {
		if other == name {
			continue
		}
		m, c := splitTestCase(other)
		if r := root.Get("StateMachines").Get(m).Get("TestCases").Get(c).Get(state); r != nil && r.Str == resp.Str {
			out.sharedBy = append(out.sharedBy, other)
		}
	}
	return out
}

// setStateMock returns the mock file's text with state of test case name
// ("MACHINE/CASE") answered by response, the JSON of a mocked response
// ({"0": {"Return": …}, "1-2": {"Throw": {"Error": …, "Cause": …}}}); ""
// removes the state from the test case. The state's response keeps its
// name (and is changed for every test case that shares it); a new one is
// named after the state. Everything else in the file keeps its order and
// values. src may be empty: the file is new.
func setStateMock(src []byte, name, state, response string) ([]byte, error) {
	root := model.NewObject()
	if len(strings.TrimSpace(string(src))) > 0 {
		var err error
		if root, err = model.ParseJSON("mocks", src); err != nil {
			return nil, err
		}
	}
	machine, tc := splitTestCase(name)
	if machine == "" || tc == "" {
		return nil, fmt.Errorf("test case %q: want MACHINE/CASE", name)
	}
	cases := child(child(child(root, "StateMachines"), machine), "TestCases")
	states := child(cases, tc)
	responses := child(root, "MockedResponses")
	if strings.TrimSpace(response) == "" {
		states.Delete(state)
	} else {
		v, err := model.ParseJSON("response", []byte(response))
		if err != nil {
			return nil, fmt.Errorf("the mocked response is not JSON: %w", err)
		}
		if v.Kind != model.Object || len(v.Fields) == 0 {
			return nil, errors.New(`a mocked response maps call numbers to answers: {"0": {"Return": …}}`)
		}
		respName := ""
		if r := states.Get(state); r != nil && r.Kind == model.String {
			respName = r.Str
		} else {
			respName = state
			for n := 2; responses.Has(respName); n++ {
				respName = fmt.Sprintf("%s%d", state, n)
			}
			states.Set(state, model.NewString(respName))
		}
		responses.Set(respName, v)
	}
	out := model.MarshalJSON(root)
	if _, err := runner.ParseMockConfig(out); err != nil {
		return nil, err
	}
	return out, nil
}

// child is the object member key of n, added (empty) if n lacks it.
func child(n *model.Node, key string) *model.Node {
	if c := n.Get(key); c != nil && c.Kind == model.Object {
		return c
	}
	c := model.NewObject()
	n.Set(key, c)
	return c
}
