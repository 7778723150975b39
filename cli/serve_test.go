package cli_test

import (
	"bufio"
	"context"
	"io"
	"strings"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"baton/cli"
	"baton/cloud"
)

func TestServe_RefusesRemoteAddress(t *testing.T) {
	code, _, stderr := run(t, "", "serve", "--addr", "0.0.0.0:0", "--data", t.TempDir())
	want := "baton serve: 0.0.0.0:0 is not a loopback address; the API has no authentication, so listening there needs --allow-remote\n"
	if code != cli.ExitUsage || stderr != want {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestServe_BadMocks(t *testing.T) {
	code, _, stderr := run(t, "", "serve", "--data", t.TempDir(), "--mocks", "testdata/nope.json")
	if code != cli.ExitUsage || stderr != "baton serve: open testdata/nope.json: no such file or directory\n" {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

// TestServe_Runs starts the real command on a free loopback port, calls it
// with the AWS SDK, and stops it with SIGINT as a user would.
func TestServe_Runs(t *testing.T) {
	pr, pw := io.Pipe()
	done := make(chan int)
	go func() {
		code := cli.Main(&cli.Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: pw}, []string{"serve", "--addr", "127.0.0.1:0", "--data", t.TempDir()})
		pw.Close()
		done <- code
	}()
	lines := bufio.NewScanner(pr)
	var url string
	for lines.Scan() {
		if _, rest, ok := strings.Cut(lines.Text(), "listening on "); ok {
			url, _, _ = strings.Cut(rest, " ")
			break
		}
	}
	if url == "" {
		t.Fatal("no listening line")
	}
	acct := cloud.NewAccount(aws.Config{Region: "eu-west-1", Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")}, url)
	out, err := acct.Client.CreateStateMachine(context.Background(), &sfn.CreateStateMachineInput{
		Name: aws.String("Hello"), RoleArn: aws.String("arn:aws:iam::123456789012:role/r"),
		Definition: aws.String(`{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`),
	})
	if err != nil || aws.ToString(out.StateMachineArn) != "arn:aws:states:eu-west-1:123456789012:stateMachine:Hello" {
		t.Fatalf("%v %v", out, err)
	}
	syscall.Kill(syscall.Getpid(), syscall.SIGINT)
	var rest []string
	for lines.Scan() {
		rest = append(rest, lines.Text())
	}
	if code := <-done; code != cli.ExitOK || strings.Join(rest, "\n") != "baton serve: stopped" {
		t.Fatalf("code %d, then %q", code, rest)
	}
}
