package cloud_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"baton/cloud"
	"baton/model"
)

// TestAccount_Flow is the loop a user goes through, against a server over
// real HTTP with the real SDK client: create, diff, push, a push refused
// after someone else's update, start, history import, replay and mocks.
func TestAccount_Flow(t *testing.T) {
	srv, a, _ := serve(t, "", cloud.DefaultEngine(), nil)
	v1 := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}`
	doc, err := model.Parse("flow.asl.json", []byte(v1))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := a.PlanPush(ctx, doc, nil, cloud.PushTarget{Name: "Flow", RoleArn: role})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Blocked() || plan.Diff != nil || plan.AWSUnavailable != "" || len(plan.Local) != 0 {
		t.Fatalf("create plan: %+v", plan)
	}
	created, err := a.Push(ctx, plan)
	if err != nil || !created.Created || created.Arn != "arn:aws:states:us-east-1:123456789012:stateMachine:Flow" {
		t.Fatalf("create: %+v %v", created, err)
	}

	// Edit locally: B waits for a callback.
	v2 := strings.Replace(v1, `"B":{"Type":"Pass","End":true}`, `"B":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody":{"TaskToken.$":"$$.Task.Token"}},"End":true}`, 1)
	doc, _ = model.Parse("flow.asl.json", []byte(v2))
	plan, err = a.PlanPush(ctx, doc, nil, cloud.PushTarget{Arn: created.Arn, Publish: true, VersionDescription: "callback"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Diff.States) != 1 || plan.Diff.States[0].State != "B" || strings.Join(plan.Diff.States[0].Fields, ",") != "Parameters,Resource,Type" || plan.RemoteRevision != created.RevisionID {
		t.Fatalf("update plan: %+v %+v", plan.Diff.States, plan)
	}
	pushed, err := a.Push(ctx, plan)
	if err != nil || pushed.VersionArn != created.Arn+":1" {
		t.Fatalf("push: %+v %v", pushed, err)
	}

	// Someone else updates the machine after our next diff.
	plan, err = a.PlanPush(ctx, doc, nil, cloud.PushTarget{Arn: created.Arn})
	if err != nil || !plan.Diff.Same() {
		t.Fatalf("replan: %+v %v", plan, err)
	}
	if _, err := a.Client.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(created.Arn), Definition: aws.String(v1)}); err != nil {
		t.Fatal(err)
	}
	_, err = a.Push(ctx, plan)
	var changed *cloud.RemoteChangedError
	if !errors.As(err, &changed) || changed.Planned != pushed.RevisionID {
		t.Fatalf("push after concurrent update: %v", err)
	}
	if !strings.Contains(err.Error(), "was changed on AWS after the diff was taken") {
		t.Fatalf("message: %v", err)
	}

	// Run the published version (with the callback) and bring it back.
	start, err := a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(pushed.VersionArn), Input: aws.String(`{"id":7}`)})
	if err != nil {
		t.Fatal(err)
	}
	exec := aws.ToString(start.ExecutionArn)
	token := taskToken(t, a, exec)
	if _, err := a.Client.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(token), Output: aws.String(`{"ok":1}`)}); err != nil {
		t.Fatal(err)
	}
	srv.WaitDone(exec)
	list, err := a.ListExecutions(ctx, created.Arn, "SUCCEEDED")
	if err != nil || len(list) != 1 || list[0].Arn != exec {
		t.Fatalf("executions: %+v %v", list, err)
	}
	var pages []int
	h, err := a.ImportHistory(ctx, exec, func(n int) { pages = append(pages, n) })
	if err != nil {
		t.Fatal(err)
	}
	if h.Definition != string(doc.Marshal(model.JSON)) {
		t.Fatalf("definition that ran:\n%s", h.Definition)
	}
	if len(pages) != 1 || pages[0] != len(h.Events) || h.Execution.Status != "SUCCEEDED" {
		t.Fatalf("progress %v, %d events", pages, len(h.Events))
	}
	var file bytes.Buffer
	cloud.SaveHistory(&file, h.Events)
	loaded, err := cloud.LoadHistory(&file)
	if err != nil || len(loaded) != len(h.Events) {
		t.Fatalf("history file: %v", err)
	}
	r := cloud.NewReplay(loaded)
	if got := fmtMap(r.Outcomes(len(r.Steps) - 1)); got != "map[A:succeeded B:succeeded]" {
		t.Fatalf("replay: %s", got)
	}
	if last := r.Steps[len(r.Steps)-1]; last.Event.Type != "ExecutionSucceeded" || last.Output != `{"ok":1}` {
		t.Fatalf("last step: %+v", last)
	}
	mocks, err := cloud.GenerateMocks(loaded, h.MachineName, "Recorded")
	if err != nil || !strings.Contains(string(mocks), `"B": "BResponse"`) || !strings.Contains(string(mocks), `"ok": 1`) {
		t.Fatalf("mocks: %s %v", mocks, err)
	}
}

func TestAccount_ImportHistoryCancelled(t *testing.T) {
	srv, a, _ := serve(t, "", cloud.DefaultEngine(), nil)
	arn := create(t, a, "P", passDef)
	start, err := a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	srv.WaitDone(aws.ToString(start.ExecutionArn))
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := a.ImportHistory(cctx, aws.ToString(start.ExecutionArn), nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
}

// TestFromSDKEvent_MatchesWire checks that history imported through the
// SDK's types is the JSON the server sent, member for member.
func TestFromSDKEvent_MatchesWire(t *testing.T) {
	mocks, _ := cloud.LoadMockConfig("../testdata/examples/order-saga.mocks.json")
	def, _ := os.ReadFile("../testdata/examples/order-saga.asl.json")
	input, _ := os.ReadFile("../testdata/examples/order-saga.input.json")
	srv, a, url := serve(t, "", cloud.DefaultEngine(), mocks)
	arn := create(t, a, "OrderSaga", string(def))
	out, err := a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn + "#PaymentFails"), Input: aws.String(string(input))})
	if err != nil {
		t.Fatal(err)
	}
	exec := aws.ToString(out.ExecutionArn)
	srv.WaitDone(exec)
	req, _ := http.NewRequest("POST", url, strings.NewReader(`{"executionArn":"`+exec+`","maxResults":1000}`))
	req.Header.Set("X-Amz-Target", "AWSStepFunctions.GetExecutionHistory")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	wire, err := cloud.LoadHistory(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	h, err := a.ImportHistory(ctx, exec, nil)
	if err != nil || len(h.Events) != len(wire) {
		t.Fatalf("%d events imported, %d on the wire (%v)", len(h.Events), len(wire), err)
	}
	kinds := map[string]bool{}
	for i, w := range wire {
		got := h.Events[i]
		if got.DetailsKey != w.DetailsKey || canonicalJSON(t, got.Details) != canonicalJSON(t, w.Details) || !got.Timestamp.Equal(w.Timestamp) {
			t.Errorf("event %d:\n imported %s %s\n     wire %s %s", w.ID, got.DetailsKey, got.Details, w.DetailsKey, w.Details)
		}
		kinds[w.Type] = true
	}
	if len(kinds) < 12 {
		t.Fatalf("only %d event types compared", len(kinds))
	}
}

func canonicalJSON(t *testing.T, raw []byte) string {
	if len(raw) == 0 {
		return ""
	}
	n, err := model.ParseJSON("", raw)
	if err != nil {
		t.Fatal(err)
	}
	return cloud.Canonical(n)
}
