package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	def := write("def.asl.json", `{"StartAt":"Call","States":{
		"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$"},"OutputPath":"$.Payload","Next":"Wait"},
		"Wait":{"Type":"Wait","Seconds":3600,"End":true}}}`)
	mocks := write("mocks.json", `{"StateMachines":{"M":{"TestCases":{"Ok":{"Call":"R"},"Bad":{"Call":"E"}}}},
		"MockedResponses":{"R":{"0":{"Return":{"Payload":{"done":true}}}},"E":{"0":{"Throw":{"Error":"Boom","Cause":"it broke"}}}}}`)
	input := write("input.json", `{"x":1}`)
	invalid := write("invalid.asl.json", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}`)
	history := filepath.Join(dir, "history.json")
	tests := []struct {
		name         string
		args         []string
		code         int
		stdout, errs string
	}{
		{"succeeds", []string{def, "--mocks", mocks, "--test-case", "Ok", "--input", "@" + input, "--history", history}, 0, "{\"done\":true}\n", ""},
		{"fails", []string{def, "--mocks", mocks, "--test-case", "M/Bad"}, 1, "", "Boom: it broke\n"},
		{"unmocked", []string{def}, 1, "", "States.Runtime: Task state 'Call' (resource arn:aws:states:::lambda:invoke) has no task handler: add it to a mock config test case (--mocks FILE --test-case NAME), or give it a local command or Lambda endpoint\n"},
		{"command handler", []string{def, "--command", `Call=echo '{"Payload":"from a command"}'`}, 0, "\"from a command\"\n", ""},
		{"test case needed", []string{def, "--mocks", mocks}, 2, "", "baton run: the mock config has 2 test cases (M/Bad, M/Ok): choose one with --test-case\n"},
		{"invalid definition", []string{invalid}, 2, "", invalid + ":1:52: error MISSING_TRANSITION_TARGET: state \"A\": Next \"Nowhere\" does not name a state\n"},
		{"bad input", []string{def, "--input", "{"}, 2, "", "baton run: input: incomplete JSON at 1:2\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, "", append([]string{"run"}, tt.args...)...)
			if code != tt.code || out != tt.stdout || errs != tt.errs {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s\nwant:\n%s", code, tt.code, out, tt.stdout, errs, tt.errs)
			}
		})
	}
	b, err := os.ReadFile(history)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"type": "ExecutionStarted"`, `"type": "WaitStateExited"`, `"input": "{\"x\":1}"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("history file lacks %s:\n%s", want, b)
		}
	}
}

func TestConformanceCommand(t *testing.T) {
	dir := t.TempDir()
	mk := func(name, def, input, expected string) {
		c := filepath.Join(dir, name)
		if err := os.MkdirAll(c, 0o755); err != nil {
			t.Fatal(err)
		}
		for f, content := range map[string]string{"definition.asl.json": def, "input.json": input, "expected.json": expected} {
			if err := os.WriteFile(filepath.Join(c, f), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	pass := `{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"at":"2024-01-01T00:00:00Z"},"End":true}}}`
	mk("a-ok", pass, `{}`, `{"status":"SUCCEEDED","output":{"at":"date"}}`)
	mk("b-wrong", pass, `{}`, `{"status":"SUCCEEDED","output":{"at":1}}`)
	mk("c-fail", `{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}`, `{}`, `{"status":"FAILED","error":"E"}`)
	code, out, errs := run(t, "", "conformance", dir)
	want := "FAIL b-wrong: output differs at $.at: got \"date\", want 1\n2 passed, 1 failed\n"
	if code != 1 || out != want || errs != "" {
		t.Errorf("exit %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", code, out, want, errs)
	}
}
