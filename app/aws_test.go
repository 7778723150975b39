package app

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"baton/cloud"
)

// testRole is the role new state machines get in tests.
const testRole = "arn:aws:iam::123456789012:role/StepFunctions-Baton"

// serveAWS starts `baton serve` in-process on a loopback port (with a
// Step Functions Local mock config, which may be nil), points a's AWS
// session at it with dummy credentials that the SDK's default chain
// finds in the environment, runs the session's calls synchronously, and
// returns an account for the test's own calls.
func serveAWS(t *testing.T, a fyne.App, mocks []byte) *cloud.Account {
	t.Helper()
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "SECRETTEST", "AWS_SESSION_TOKEN": "",
		"AWS_REGION": "us-east-1", "AWS_PROFILE": "", "AWS_EC2_METADATA_DISABLED": "true",
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
	} {
		t.Setenv(k, v)
	}
	srv, err := cloud.NewServer(cloud.ServerOptions{Data: filepath.Join(dir, "data"), Engine: cloud.DefaultEngine(), Mocks: mocks, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv) // 127.0.0.1:0
	t.Cleanup(func() {
		hs.Close()
		srv.Close()
	})
	s := sessionFor(a)
	s.setTarget(cloud.Target{Endpoint: hs.URL})
	s.background = func(f func()) { f() }
	account, err := cloud.Connect(context.Background(), cloud.Target{Endpoint: hs.URL})
	if err != nil {
		t.Fatal(err)
	}
	return account
}

// deploy creates a state machine and returns its ARN.
func deploy(t *testing.T, a *cloud.Account, name, def string) string {
	t.Helper()
	out, err := a.Client.CreateStateMachine(context.Background(), &sfn.CreateStateMachineInput{
		Name: aws.String(name), Definition: aws.String(def), RoleArn: aws.String(testRole),
	})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.StateMachineArn)
}

// deployed returns the deployed definition of arn and its revision.
func deployed(t *testing.T, a *cloud.Account, arn string) (string, string) {
	t.Helper()
	info, err := a.DescribeStateMachine(context.Background(), arn)
	if err != nil {
		t.Fatal(err)
	}
	return info.Definition, info.RevisionID
}

// finish waits until an execution has ended, asking the server (its
// executions run on a virtual clock, so this takes a few requests).
func finish(t *testing.T, a *cloud.Account, arn string) *cloud.ExecutionInfo {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		info, err := a.DescribeExecution(ctx, arn)
		if err != nil {
			t.Fatal(err)
		}
		if info.Status != "RUNNING" {
			return info
		}
	}
	t.Fatalf("%s still running", arn)
	return nil
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
