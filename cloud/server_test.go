package cloud_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"baton/cloud"
)

const (
	role        = "arn:aws:iam::123456789012:role/test"
	passDef     = `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}`
	callbackDef = `{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody":{"TaskToken.$":"$$.Task.Token"}},"End":true}}}`
)

func create(t *testing.T, a *cloud.Account, name, def string) string {
	t.Helper()
	out, err := a.Client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String(name), Definition: aws.String(def), RoleArn: aws.String(role)})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.StateMachineArn)
}

func TestServer_StateMachines(t *testing.T) {
	_, a, _ := serve(t, "", cloud.DefaultEngine(), nil)
	arn := create(t, a, "Orders", passDef)
	if arn != "arn:aws:states:us-east-1:123456789012:stateMachine:Orders" {
		t.Fatalf("arn = %s", arn)
	}
	// The same request again is idempotent.
	if again := create(t, a, "Orders", passDef); again != arn {
		t.Fatalf("second create: %s", again)
	}
	d, err := a.DescribeStateMachine(ctx, arn)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "Orders" || d.Type != "STANDARD" || d.Definition != passDef || d.RoleArn != role || d.LoggingLevel != "OFF" || d.RevisionID == "" {
		t.Fatalf("describe: %+v", d)
	}
	up, err := a.Client.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(arn), Definition: aws.String(callbackDef), Publish: true, VersionDescription: aws.String("v1")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(up.RevisionId) == d.RevisionID || aws.ToString(up.StateMachineVersionArn) != arn+":1" {
		t.Fatalf("update: revision %s (was %s), version %s", aws.ToString(up.RevisionId), d.RevisionID, aws.ToString(up.StateMachineVersionArn))
	}
	v1, err := a.DescribeStateMachine(ctx, arn+":1")
	if err != nil || v1.Definition != callbackDef || v1.Description != "v1" {
		t.Fatalf("version 1: %+v %v", v1, err)
	}

	errs := []struct {
		name string
		call func() error
		want string
	}{
		{"create different", func() error {
			_, err := a.Client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("Orders"), Definition: aws.String(passDef), RoleArn: aws.String(role)})
			return err
		}, "StateMachineAlreadyExists: State Machine Already Exists: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders'"},
		{"invalid definition", func() error {
			_, err := a.Client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("Bad"), Definition: aws.String(`{"StartAt":"X","States":{}}`), RoleArn: aws.String(role)})
			return err
		}, "InvalidDefinition: Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: StartAt \"X\" does not name a state at /StartAt, SCHEMA_VALIDATION_FAILED: States must have at least one state at /States'"},
		{"invalid name", func() error {
			_, err := a.Client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("a b"), Definition: aws.String(passDef), RoleArn: aws.String(role)})
			return err
		}, "InvalidName: Invalid Name: 'a b'"},
		{"describe missing", func() error {
			_, err := a.DescribeStateMachine(ctx, arn+"X")
			return err
		}, "StateMachineDoesNotExist: State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:OrdersX'"},
		{"describe bad arn", func() error {
			_, err := a.DescribeStateMachine(ctx, "nope")
			return err
		}, "InvalidArn: Invalid Arn: 'Resource type not valid in this context: nope'"},
		{"update nothing", func() error {
			_, err := a.Client.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(arn)})
			return err
		}, "MissingRequiredParameter: Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified"},
		{"sync on standard", func() error {
			_, err := a.Client.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: aws.String(arn)})
			return err
		}, "StateMachineTypeNotSupported: This operation is not supported by this type of state machine"},
		{"bad token", func() error {
			_, err := a.Client.ListStateMachines(ctx, &sfn.ListStateMachinesInput{NextToken: aws.String("garbage")})
			return err
		}, "InvalidToken: Invalid Token: 'garbage'"},
	}
	for _, e := range errs {
		if got := apiCode(e.call()); got != e.want {
			t.Errorf("%s:\n got %s\nwant %s", e.name, got, e.want)
		}
	}

	if _, err := a.Client.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: aws.String(arn)}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.DescribeStateMachine(ctx, arn); !strings.HasPrefix(apiCode(err), "StateMachineDoesNotExist") {
		t.Fatalf("after delete: %v", err)
	}
}

func TestServer_ListStateMachinesPages(t *testing.T) {
	_, a, _ := serve(t, "", cloud.DefaultEngine(), nil)
	for i := range 7 {
		create(t, a, fmt.Sprintf("m%d", i), passDef)
	}
	create(t, a, "other", passDef)
	pages := 0
	p := sfn.NewListStateMachinesPaginator(a.Client, &sfn.ListStateMachinesInput{MaxResults: 3})
	var names []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, m := range page.StateMachines {
			names = append(names, aws.ToString(m.Name))
		}
	}
	if pages != 3 || strings.Join(names, ",") != "m0,m1,m2,m3,m4,m5,m6,other" {
		t.Fatalf("%d pages: %v", pages, names)
	}
	got, err := a.ListStateMachines(ctx, "M")
	if err != nil || len(got) != 7 {
		t.Fatalf("filtered: %v %v", got, err)
	}
}

// taskToken finds the token in the parameters of the TaskScheduled event.
func taskToken(t *testing.T, a *cloud.Account, execArn string) string {
	t.Helper()
	h, err := a.Client.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(execArn)})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range h.Events {
		if e.Type == types.HistoryEventTypeTaskScheduled {
			var p struct{ MessageBody struct{ TaskToken string } }
			json.Unmarshal([]byte(aws.ToString(e.TaskScheduledEventDetails.Parameters)), &p)
			return p.MessageBody.TaskToken
		}
	}
	t.Fatal("no TaskScheduled event")
	return ""
}

func TestServer_CallbackExecution(t *testing.T) {
	srv, a, _ := serve(t, "", cloud.DefaultEngine(), nil)
	arn := create(t, a, "Approve", callbackDef)
	start, err := a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn), Name: aws.String("run1"), Input: aws.String(`{"n":1}`)})
	if err != nil {
		t.Fatal(err)
	}
	exec := aws.ToString(start.ExecutionArn)
	if exec != "arn:aws:states:us-east-1:123456789012:execution:Approve:run1" {
		t.Fatalf("execution arn %s", exec)
	}
	// Same name and input while running: the same execution.
	again, err := a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn), Name: aws.String("run1"), Input: aws.String(`{"n":1}`)})
	if err != nil || aws.ToString(again.ExecutionArn) != exec {
		t.Fatalf("idempotent start: %v", err)
	}
	_, err = a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn), Name: aws.String("run1"), Input: aws.String(`{"n":2}`)})
	if got := apiCode(err); got != "ExecutionAlreadyExists: Execution Already Exists: '"+exec+"'" {
		t.Fatalf("different input: %s", got)
	}
	d, err := a.DescribeExecution(ctx, exec)
	if err != nil || d.Status != "RUNNING" {
		t.Fatalf("running: %+v %v", d, err)
	}
	token := taskToken(t, a, exec)
	if _, err := a.Client.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(token), Output: aws.String(`{"ok":true}`)}); err != nil {
		t.Fatal(err)
	}
	srv.WaitDone(exec)
	d, err = a.DescribeExecution(ctx, exec)
	if err != nil || d.Status != "SUCCEEDED" || d.Output != `{"ok":true}` || d.Input != `{"n":1}` {
		t.Fatalf("after success: %+v %v", d, err)
	}
	_, err = a.Client.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(token), Output: aws.String(`{}`)})
	if got := apiCode(err); got != "TaskDoesNotExist: Task does not exist anymore" {
		t.Fatalf("second answer: %s", got)
	}
	h, err := a.ImportHistory(ctx, exec, nil)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, e := range h.Events {
		types = append(types, e.Type)
	}
	if strings.Join(types, " ") != "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSubmitted TaskSucceeded TaskStateExited ExecutionSucceeded" || h.Definition != callbackDef || h.MachineName != "Approve" {
		t.Fatalf("history: %v, definition %s", types, h.Definition)
	}
}

func TestServer_StopExecution(t *testing.T) {
	srv, a, _ := serve(t, "", cloud.DefaultEngine(), nil)
	arn := create(t, a, "Approve", callbackDef)
	start, err := a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	exec := aws.ToString(start.ExecutionArn)
	if _, err := a.Client.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: aws.String(exec), Error: aws.String("Manual"), Cause: aws.String("by test")}); err != nil {
		t.Fatal(err)
	}
	srv.WaitDone(exec)
	d, err := a.DescribeExecution(ctx, exec)
	if err != nil || d.Status != "ABORTED" || d.Error != "Manual" || d.Cause != "by test" {
		t.Fatalf("%+v %v", d, err)
	}
	list, err := a.ListExecutions(ctx, arn, "ABORTED")
	if err != nil || len(list) != 1 || list[0].Arn != exec {
		t.Fatalf("list: %+v %v", list, err)
	}
	if list, _ := a.ListExecutions(ctx, arn, "RUNNING"); len(list) != 0 {
		t.Fatalf("running list: %+v", list)
	}
}

func TestServer_HistoryPages(t *testing.T) {
	srv, a, _ := serve(t, "", cloud.DefaultEngine(), nil)
	arn := create(t, a, "Pass", passDef)
	start, err := a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	exec := aws.ToString(start.ExecutionArn)
	srv.WaitDone(exec)
	for _, reverse := range []bool{false, true} {
		var ids []string
		p := sfn.NewGetExecutionHistoryPaginator(a.Client, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(exec), MaxResults: 2, ReverseOrder: reverse})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range page.Events {
				ids = append(ids, fmt.Sprint(e.Id))
			}
		}
		want := "1 2 3 4 5 6"
		if reverse {
			want = "6 5 4 3 2 1"
		}
		if strings.Join(ids, " ") != want {
			t.Errorf("reverse=%v: %v", reverse, ids)
		}
	}
}

// TestServer_WireErrors pins the raw JSON of AWS errors.
func TestServer_WireErrors(t *testing.T) {
	_, _, url := serve(t, "", cloud.DefaultEngine(), nil)
	cases := []struct{ target, body, want string }{
		{"AWSStepFunctions.Frobnicate", `{}`, `400 UnknownOperationException {"__type":"UnknownOperationException","message":"Operation \"AWSStepFunctions.Frobnicate\" is not supported by baton serve"}`},
		{"AWSStepFunctions.DescribeExecution", `{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:X:y"}`, `400 ExecutionDoesNotExist {"__type":"ExecutionDoesNotExist","message":"Execution Does Not Exist: 'arn:aws:states:us-east-1:123456789012:execution:X:y'"}`},
		{"AWSStepFunctions.ListStateMachines", `{"maxResults":`, `400 SerializationException {"__type":"SerializationException","message":"unexpected end of JSON input"}`},
		{"AWSStepFunctions.ListStateMachines", `{}`, `200  {"stateMachines":[]}`},
	}
	for _, c := range cases {
		req, _ := http.NewRequest("POST", url, strings.NewReader(c.body))
		req.Header.Set("X-Amz-Target", c.target)
		req.Header.Set("Content-Type", "application/x-amz-json-1.0")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got := fmt.Sprintf("%d %s %s", resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), body)
		if got != c.want {
			t.Errorf("%s %s:\n got %s\nwant %s", c.target, c.body, got, c.want)
		}
	}
}

func TestServer_Restart(t *testing.T) {
	dir := t.TempDir()
	srv, a, _ := serve(t, dir, cloud.DefaultEngine(), nil)
	arn := create(t, a, "Approve", callbackDef)
	start, err := a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn), Name: aws.String("lost"), Input: aws.String(`{"a":1}`)})
	if err != nil {
		t.Fatal(err)
	}
	done := create(t, a, "Done", passDef)
	ran, err := a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(done), Name: aws.String("kept")})
	if err != nil {
		t.Fatal(err)
	}
	srv.WaitDone(aws.ToString(ran.ExecutionArn))
	srv.Crash()

	srv2, a2, _ := serve(t, dir, cloud.DefaultEngine(), nil)
	if srv2.Recovered != 1 {
		t.Fatalf("recovered %d", srv2.Recovered)
	}
	d, err := a2.DescribeExecution(ctx, aws.ToString(start.ExecutionArn))
	if err != nil || d.Status != "FAILED" || d.Error != "States.Runtime" || !strings.Contains(d.Cause, "baton serve stopped while this execution was running") {
		t.Fatalf("lost execution: %+v %v", d, err)
	}
	h, err := a2.ImportHistory(ctx, aws.ToString(start.ExecutionArn), nil)
	if err != nil || len(h.Events) != 2 || h.Events[0].Type != "ExecutionStarted" || h.Events[1].Type != "ExecutionFailed" {
		t.Fatalf("history: %+v %v", h, err)
	}
	k, err := a2.DescribeExecution(ctx, aws.ToString(ran.ExecutionArn))
	if err != nil || k.Status != "SUCCEEDED" {
		t.Fatalf("kept execution: %+v %v", k, err)
	}
}

func TestServer_ExpressSyncAndTaskFailure(t *testing.T) {
	srv, a, _ := serve(t, "", cloud.DefaultEngine(), nil)
	out, err := a.Client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("Fast"), Type: types.StateMachineTypeExpress,
		Definition: aws.String(`{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"ok":true},"End":true}}}`), RoleArn: aws.String(role)})
	if err != nil {
		t.Fatal(err)
	}
	sync, err := a.Client.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: out.StateMachineArn, Name: aws.String("s1")})
	if err != nil || sync.Status != types.SyncExecutionStatusSucceeded || aws.ToString(sync.Output) != `{"ok":true}` ||
		!strings.HasPrefix(aws.ToString(sync.ExecutionArn), "arn:aws:states:us-east-1:123456789012:express:Fast:s1:") {
		t.Fatalf("sync: %+v %v", sync, err)
	}
	_, err = a.Client.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: out.StateMachineArn})
	if got := apiCode(err); got != "StateMachineTypeNotSupported: This operation is not supported by this type of state machine" {
		t.Fatalf("list express: %s", got)
	}

	arn := create(t, a, "Approve", callbackDef)
	start, err := a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	exec := aws.ToString(start.ExecutionArn)
	token := taskToken(t, a, exec)
	if _, err := a.Client.SendTaskHeartbeat(ctx, &sfn.SendTaskHeartbeatInput{TaskToken: aws.String(token)}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Client.SendTaskFailure(ctx, &sfn.SendTaskFailureInput{TaskToken: aws.String(token), Error: aws.String("Rejected"), Cause: aws.String("no")}); err != nil {
		t.Fatal(err)
	}
	srv.WaitDone(exec)
	d, err := a.DescribeExecution(ctx, exec)
	if err != nil || d.Status != "FAILED" || d.Error != "Rejected" || d.Cause != "no" {
		t.Fatalf("after failure: %+v %v", d, err)
	}
	h, err := a.Client.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(exec), IncludeExecutionData: aws.Bool(false)})
	if err != nil {
		t.Fatal(err)
	}
	if e := h.Events[0].ExecutionStartedEventDetails; e == nil || e.Input != nil || aws.ToString(e.RoleArn) != role {
		t.Fatalf("without data: %+v", e)
	}
	_, err = a.Client.SendTaskHeartbeat(ctx, &sfn.SendTaskHeartbeatInput{TaskToken: aws.String("nope-1")})
	if got := apiCode(err); got != "TaskDoesNotExist: Task does not exist anymore" {
		t.Fatalf("unknown token: %s", got)
	}
}
