package cli_test

import (
	"os"
	"path/filepath"
	"testing"
)

const validDef = `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`

const brokenDef = `{
  "StartAt": "A",
  "States": {
    "A": {"Type": "Pass", "Next": "Nowhere"},
    "B": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}], "End": true}
  }
}
`

const warnDef = `StartAt: A
States:
  A:
    Type: Pass
    Parameters:
      name: $.name
    End: true
`

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	valid := write("valid.asl.json", validDef)
	broken := write("broken.asl.json", brokenDef)
	warn := write("warn.asl.yaml", warnDef)
	syntax := write("syntax.asl.json", "{\"StartAt\": \"A\",\n  \"States\": {]\n}")
	missing := filepath.Join(dir, "missing.asl.json")

	tests := []struct {
		name         string
		stdin        string
		args         []string
		code         int
		stdout, errs string
	}{
		{"valid file prints nothing", "", []string{valid}, 0, "", ""},
		{"every diagnostic, sorted", "", []string{broken}, 1,
			broken + ":4:35: error MISSING_TRANSITION_TARGET: state \"A\": Next \"Nowhere\" does not name a state\n" +
				broken + ":5:5: error UNREACHABLE_STATE: state \"B\": cannot be reached from StartAt \"A\"\n" +
				broken + ":5:149: error SCHEMA_VALIDATION_FAILED: state \"B\": BackoffRate must be at least 1.0, not 0.5\n", ""},
		{"express limits", "", []string{"--express", broken}, 1,
			broken + ":4:35: error MISSING_TRANSITION_TARGET: state \"A\": Next \"Nowhere\" does not name a state\n" +
				broken + ":5:5: error UNREACHABLE_STATE: state \"B\": cannot be reached from StartAt \"A\"\n" +
				broken + ":5:39: error INVALID_RESOURCE: state \"B\": Express workflows do not support the .waitForTaskToken (callback) integration pattern\n" +
				broken + ":5:149: error SCHEMA_VALIDATION_FAILED: state \"B\": BackoffRate must be at least 1.0, not 0.5\n", ""},
		{"warnings do not fail", "", []string{warn}, 0,
			warn + ":6:13: warning NO_DOLLAR: state \"A\": the value of \"name\" looks like a path or a function call but is used as plain text; name the field \"name.$\" to evaluate it\n", ""},
		{"syntax error", "", []string{syntax, valid}, 1,
			syntax + ":2:14: error SYNTAX_ERROR: unexpected ']'; expected a quoted key\n", ""},
		{"standard input", brokenDef[:0] + `{"StartAt":"X","States":{"A":{"Type":"Succeed"}}}`, []string{"-"}, 1,
			"<stdin>:1:12: error MISSING_TRANSITION_TARGET: StartAt \"X\" does not name a state\n", ""},
		{"unreadable file", "", []string{valid, missing}, 2, "", "baton: open " + missing + ": no such file or directory\n"},
		{"no file", "", nil, 2, "", "usage: baton validate [--express] FILE...\n  -express\n    \tapply the limits of Express workflows (no .sync, .waitForTaskToken or activities)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, tt.stdin, append([]string{"validate"}, tt.args...)...)
			if code != tt.code || out != tt.stdout || errs != tt.errs {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s\nwant:\n%s", code, tt.code, out, tt.stdout, errs, tt.errs)
			}
		})
	}
}
