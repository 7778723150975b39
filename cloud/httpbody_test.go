package cloud_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"baton/cloud"
)

// TestAccount_historyPagesNeedNoRetry is the regression test of a race
// between the SDK closing a request body and Go's transport checking it:
// against a fast local server, some history pages failed with "use of
// closed network connection" and were only fetched by the SDK's retries.
func TestAccount_historyPagesNeedNoRetry(t *testing.T) {
	a, exec := bigExecution(t)
	noRetry := func(o *sfn.Options) { o.RetryMaxAttempts = 1 }
	for round := 0; round < 3; round++ {
		var token *string
		events := 0
		for page := 0; ; page++ {
			out, err := a.Client.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(exec), IncludeExecutionData: aws.Bool(true), MaxResults: 1000, NextToken: token}, noRetry)
			if err != nil {
				t.Fatalf("round %d, page %d: %v", round, page, err)
			}
			events += len(out.Events)
			if token = out.NextToken; token == nil {
				break
			}
		}
		if events != 25000 {
			t.Fatalf("round %d: %d events, want 25000", round, events)
		}
	}
}

// bigExecution serves an ended execution of 25,000 history events and
// returns an SDK account on that server and the execution's ARN.
func bigExecution(tb testing.TB) (*cloud.Account, string) {
	tb.Helper()
	srv, err := cloud.NewServer(cloud.ServerOptions{Data: tb.TempDir(), Engine: bulkEngine{genHistory(25000)}})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { srv.Close() })
	url, stop := listen(tb, srv)
	tb.Cleanup(stop)
	a := sdkAccount(url)
	arn := aws.ToString(must(a.Client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("Big"), Definition: aws.String(passDef), RoleArn: aws.String(role)})).StateMachineArn)
	exec := aws.ToString(must(a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn)})).ExecutionArn)
	srv.WaitDone(exec)
	return a, exec
}
