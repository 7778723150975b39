package cli

import (
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strings"
	"time"

	"baton/runner"
)

func init() {
	register("test", "run the test cases of a mock config against a definition; JUnit XML for CI", runTest)
}

// expectation is what a test case should end with; every field given is
// checked. The file given with --expect maps test case names to these.
type expectation struct {
	Input  any
	Status string
	Output any
	Error  *string
	Cause  *string
	// hasOutput tells "output": null from no output key.
	hasOutput bool
}

// testOutcome is one test case's result.
type testOutcome struct {
	name     string
	problems []string
	elapsed  time.Duration
	res      runner.Result
}

// runTest runs every test case of a mock config (for one state machine)
// and compares each result with its expectation: by default the
// execution must succeed. The last line is "N passed, N failed"; exit 1 if
// any failed.
func runTest(env *Env, args []string) int {
	fs := newFlags(env, "test", "DEF --mocks FILE [--state-machine NAME] [--input JSON|@FILE] [--expect FILE] [--junit OUT] [--run CASE]...")
	mocks := fs.String("mocks", "", "AWS Step Functions Local mock config `FILE` (required)")
	machine := fs.String("state-machine", "", "the mock config's state machine whose test cases run (default: its only one)")
	input := fs.String("input", "{}", "execution input for cases without one in --expect: JSON text or @FILE")
	expectFile := fs.String("expect", "", "JSON `FILE` of expectations: {\"CASE\": {\"input\": …, \"status\": \"FAILED\", \"output\": …, \"error\": …, \"cause\": …}}; default: every case SUCCEEDED")
	junit := fs.String("junit", "", "write a JUnit XML report to `FILE`")
	var only multiFlag
	fs.Var(&only, "run", "run only this test `CASE`; repeatable")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 || *mocks == "" {
		fs.Usage()
		return ExitUsage
	}
	m, defaultInput, ok := loadRun(env, "test", pos[0], true, *input)
	if !ok {
		return ExitUsage
	}
	cfg, cases, err := testCases(*mocks, *machine, only)
	if err != nil {
		fmt.Fprintf(env.Stderr, "baton test: %v\n", err)
		return ExitUsage
	}
	expects, err := readExpectations(*expectFile, cases)
	if err != nil {
		fmt.Fprintf(env.Stderr, "baton test: %v\n", err)
		return ExitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var outcomes []testOutcome
	failed := 0
	for _, tc := range cases {
		want := expects[tc.name]
		in := defaultInput
		if want.Input != nil {
			in = want.Input
		}
		h, err := cfg.Handler(tc.machine, tc.name)
		if err != nil {
			fmt.Fprintf(env.Stderr, "baton test: %v\n", err)
			return ExitUsage
		}
		start := time.Now()
		res := m.Start(ctx, in, runner.WithTasks(h), runner.WithExecutionName(tc.name)).Wait()
		o := testOutcome{name: tc.name, elapsed: time.Since(start), res: res, problems: want.check(res)}
		outcomes = append(outcomes, o)
		if len(o.problems) == 0 {
			fmt.Fprintf(env.Stdout, "PASS %s (%s)\n", o.name, res.Status)
			continue
		}
		failed++
		fmt.Fprintf(env.Stdout, "FAIL %s: %s\n", o.name, strings.Join(o.problems, "; "))
	}
	if *junit != "" {
		if err := writeJUnit(*junit, pos[0], outcomes); err != nil {
			fmt.Fprintf(env.Stderr, "baton test: %v\n", err)
			return ExitUsage
		}
	}
	fmt.Fprintf(env.Stdout, "%d passed, %d failed\n", len(outcomes)-failed, failed)
	if failed > 0 {
		return ExitFailed
	}
	return ExitOK
}

type testCaseRef struct{ machine, name string }

// testCases reads the mock config and picks the test cases to run.
func testCases(path, machine string, only []string) (*runner.MockConfig, []testCaseRef, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := runner.ParseMockConfig(src)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", path, err)
	}
	machines := map[string]bool{}
	var all []testCaseRef
	for _, full := range cfg.TestCaseNames() {
		m, tc, _ := strings.Cut(full, "/")
		machines[m] = true
		if machine == "" || m == machine {
			all = append(all, testCaseRef{m, tc})
		}
	}
	if machine == "" && len(machines) > 1 {
		names := make([]string, 0, len(machines))
		for m := range machines {
			names = append(names, m)
		}
		sort.Strings(names)
		return nil, nil, fmt.Errorf("%s has test cases for several state machines (%s): choose one with --state-machine", path, strings.Join(names, ", "))
	}
	if len(all) == 0 {
		return nil, nil, fmt.Errorf("%s has no test cases for state machine %q", path, machine)
	}
	if len(only) == 0 {
		return cfg, all, nil
	}
	var picked []testCaseRef
	for _, name := range only {
		found := false
		for _, tc := range all {
			if tc.name == name {
				picked, found = append(picked, tc), true
			}
		}
		if !found {
			return nil, nil, fmt.Errorf("no test case %q in %s", name, path)
		}
	}
	return cfg, picked, nil
}

// readExpectations reads the --expect file; every name in it must be a
// test case, so that a typo cannot silently skip a check.
func readExpectations(path string, cases []testCaseRef) (map[string]expectation, error) {
	out := map[string]expectation{}
	if path == "" {
		return out, nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	v, err := runner.ParseJSON(src)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	top, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: expected an object of test case names", path)
	}
	known := map[string]bool{}
	for _, tc := range cases {
		known[tc.name] = true
	}
	for name, raw := range top {
		if !known[name] {
			return nil, fmt.Errorf("%s: %q is not a test case being run", path, name)
		}
		obj, ok := raw.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: %q: expected an object", path, name)
		}
		var e expectation
		for k, val := range obj {
			switch k {
			case "input":
				e.Input = val
			case "output":
				e.Output, e.hasOutput = val, true
			case "status", "error", "cause":
				s, ok := val.(string)
				if !ok {
					return nil, fmt.Errorf("%s: %q: %s must be a string", path, name, k)
				}
				switch k {
				case "status":
					e.Status = s
				case "error":
					e.Error = &s
				default:
					e.Cause = &s
				}
			default:
				return nil, fmt.Errorf("%s: %q: unknown key %q (expected input, status, output, error, cause)", path, name, k)
			}
		}
		out[name] = e
	}
	return out, nil
}

// check compares a result with the expectation and describes each
// difference.
func (e expectation) check(res runner.Result) []string {
	var problems []string
	wantStatus := e.Status
	if wantStatus == "" {
		wantStatus = string(runner.StatusSucceeded)
	}
	if string(res.Status) != wantStatus {
		p := fmt.Sprintf("status %s, want %s", res.Status, wantStatus)
		if res.Error != "" || res.Cause != "" {
			p += fmt.Sprintf(" (%s: %s)", res.Error, res.Cause)
		}
		problems = append(problems, p)
	}
	if e.hasOutput {
		got, want := runner.MarshalJSON(res.Output), runner.MarshalJSON(e.Output)
		if string(got) != string(want) {
			problems = append(problems, fmt.Sprintf("output %s, want %s", got, want))
		}
	}
	if e.Error != nil && res.Error != *e.Error {
		problems = append(problems, fmt.Sprintf("error %q, want %q", res.Error, *e.Error))
	}
	if e.Cause != nil && res.Cause != *e.Cause {
		problems = append(problems, fmt.Sprintf("cause %q, want %q", res.Cause, *e.Cause))
	}
	return problems
}

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(path, def string, outcomes []testOutcome) error {
	suite := junitSuite{Name: def, Tests: len(outcomes)}
	var total time.Duration
	for _, o := range outcomes {
		total += o.elapsed
		c := junitCase{Name: o.name, Classname: def, Time: seconds(o.elapsed)}
		if len(o.problems) > 0 {
			suite.Failures++
			c.Failure = &junitFailure{Message: o.problems[0], Text: strings.Join(o.problems, "\n")}
		}
		suite.Cases = append(suite.Cases, c)
	}
	suite.Time = seconds(total)
	b, err := xml.MarshalIndent(junitSuites{Suites: []junitSuite{suite}}, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, append([]byte(xml.Header), append(b, '\n')...))
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }
