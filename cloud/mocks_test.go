package cloud_test

import (
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"baton/cloud"
)

// TestServer_MockTestCases runs the example order saga with the test
// cases of its Step Functions Local mock config, selected as Step
// Functions Local does: "stateMachineArn#TestCase".
func TestServer_MockTestCases(t *testing.T) {
	mocks, err := cloud.LoadMockConfig("../testdata/examples/order-saga.mocks.json")
	if err != nil {
		t.Fatal(err)
	}
	def, _ := os.ReadFile("../testdata/examples/order-saga.asl.json")
	input, _ := os.ReadFile("../testdata/examples/order-saga.input.json")
	srv, a, _ := serve(t, "", cloud.DefaultEngine(), mocks)
	arn := create(t, a, "OrderSaga", string(def))
	cases := []struct{ testCase, status, errName string }{
		{"HappyPath", "SUCCEEDED", ""},
		{"PaymentFails", "FAILED", "OrderFailed"},
	}
	for _, c := range cases {
		out, err := a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn + "#" + c.testCase), Name: aws.String(c.testCase), Input: aws.String(string(input))})
		if err != nil {
			t.Fatal(err)
		}
		srv.WaitDone(aws.ToString(out.ExecutionArn))
		d, err := a.DescribeExecution(ctx, aws.ToString(out.ExecutionArn))
		if err != nil || d.Status != c.status || (c.errName != "" && d.Error != c.errName) {
			t.Errorf("%s: %+v %v", c.testCase, d, err)
		}
		// The history replays offline: mocks generated from it give the
		// same outcome.
		h, err := a.ImportHistory(ctx, aws.ToString(out.ExecutionArn), nil)
		if err != nil {
			t.Fatal(err)
		}
		gen, err := cloud.GenerateMocks(h.Events, "OrderSaga", "Replayed")
		if err != nil {
			t.Fatal(err)
		}
		srv2, a2, _ := serve(t, "", cloud.DefaultEngine(), gen)
		arn2 := create(t, a2, "OrderSaga", h.Definition)
		out2, err := a2.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn2 + "#Replayed"), Input: aws.String(string(input))})
		if err != nil {
			t.Fatal(err)
		}
		srv2.WaitDone(aws.ToString(out2.ExecutionArn))
		d2, _ := a2.DescribeExecution(ctx, aws.ToString(out2.ExecutionArn))
		if d2.Status != d.Status || d2.Output != d.Output || d2.Error != d.Error {
			t.Errorf("%s replayed from generated mocks: %s %s, recorded %s %s", c.testCase, d2.Status, d2.Output, d.Status, d.Output)
		}
	}
	_, err = a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn + "#Nope")})
	if got := apiCode(err); !strings.HasPrefix(got, `ValidationException: the mock config has no test case "Nope" for state machine "OrderSaga"`) {
		t.Fatalf("unknown test case: %s", got)
	}
}
