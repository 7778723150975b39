package cloud_test

import (
	"os/exec"
	"strings"
	"testing"

	"baton/cloud"
)

// TestAWSCLI drives a server with the AWS CLI (testdata/awscli_test.sh).
// It skips only when `aws` is not installed; `make deps` installs it.
func TestAWSCLI(t *testing.T) {
	// Debian's awscli package, when installed, rather than another one
	// earlier on PATH.
	cli, err := exec.LookPath("/usr/bin/aws")
	if err != nil {
		if cli, err = exec.LookPath("aws"); err != nil {
			t.Skip("aws (the AWS CLI) is not installed")
		}
	}
	_, _, url := serve(t, "", cloud.DefaultEngine(), nil)
	cmd := exec.Command("bash", "testdata/awscli_test.sh")
	cmd.Dir = t.TempDir()
	cmd.Path, _ = exec.LookPath("bash")
	cmd.Args = []string{"bash", mustAbs(t, "testdata/awscli_test.sh")}
	cmd.Env = append(cmd.Environ(), "ENDPOINT="+url, "AWS_CLI="+cli)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := `created arn:aws:states:us-east-1:123456789012:stateMachine:Approvals
listed Approvals
started arn:aws:states:us-east-1:123456789012:execution:Approvals:first
status RUNNING
answered
status SUCCEEDED
output {"approved":true}
events ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSubmitted TaskSucceeded TaskStateExited ExecutionSucceeded
error ExecutionDoesNotExist
`
	if got := string(out); got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(string(out), "SECRET") {
		t.Fatal("credentials in the output")
	}
}
