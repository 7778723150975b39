package cloud_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"baton/cloud"
)

func TestServer_TestState(t *testing.T) {
	_, a, _ := serve(t, "", cloud.DefaultEngine(), nil)
	task := `{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"Payload.$":"$.order"},
"ResultSelector":{"total.$":"$.Payload.total"},"ResultPath":"$.charge","Next":"Ship",
"Retry":[{"ErrorEquals":["Throttled"],"MaxAttempts":2}],
"Catch":[{"ErrorEquals":["Declined"],"ResultPath":"$.why","Next":"Refund"}]}`
	cases := []struct {
		name string
		in   sfn.TestStateInput
		want string
	}{
		{"success with debug", sfn.TestStateInput{Definition: aws.String(task), Input: aws.String(`{"order":{"id":1}}`), InspectionLevel: types.InspectionLevelDebug,
			Mock: &types.MockInput{Result: aws.String(`{"Payload":{"total":9}}`)}},
			`SUCCEEDED next=Ship output={"charge":{"total":9},"order":{"id":1}} error= cause= afterParameters={"Payload":{"id":1}} result={"Payload":{"total":9}} afterResultSelector={"total":9}`},
		{"caught", sfn.TestStateInput{Definition: aws.String(task), Input: aws.String(`{"order":{"id":1}}`),
			Mock: &types.MockInput{ErrorOutput: &types.MockErrorOutput{Error: aws.String("Declined"), Cause: aws.String("card")}}},
			`CAUGHT_ERROR next=Refund output={"order":{"id":1},"why":{"Cause":"card","Error":"Declined"}} error=Declined cause=card afterParameters= result= afterResultSelector=`},
		{"retriable", sfn.TestStateInput{Definition: aws.String(task), Input: aws.String(`{"order":{}}`),
			Mock: &types.MockInput{ErrorOutput: &types.MockErrorOutput{Error: aws.String("Throttled"), Cause: aws.String("slow")}}},
			`RETRIABLE next= output= error=Throttled cause=slow afterParameters= result= afterResultSelector=`},
		{"failed", sfn.TestStateInput{Definition: aws.String(task), Input: aws.String(`{"order":{}}`),
			Mock: &types.MockInput{ErrorOutput: &types.MockErrorOutput{Error: aws.String("Boom")}}},
			`FAILED next= output= error=Boom cause= afterParameters= result= afterResultSelector=`},
		{"choice in a machine", sfn.TestStateInput{Definition: aws.String(`{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}],"Default":"Small"},"Big":{"Type":"Succeed"},"Small":{"Type":"Succeed"}}}`),
			StateName: aws.String("C"), Input: aws.String(`{"n":5}`)},
			`SUCCEEDED next=Big output={"n":5} error= cause= afterParameters= result= afterResultSelector=`},
	}
	for _, c := range cases {
		out, err := a.Client.TestState(ctx, &c.in)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var ins types.InspectionData
		if out.InspectionData != nil {
			ins = *out.InspectionData
		}
		got := fmt.Sprintf("%s next=%s output=%s error=%s cause=%s afterParameters=%s result=%s afterResultSelector=%s", out.Status, aws.ToString(out.NextState), aws.ToString(out.Output),
			aws.ToString(out.Error), aws.ToString(out.Cause), aws.ToString(ins.AfterParameters), aws.ToString(ins.Result), aws.ToString(ins.AfterResultSelector))
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
	_, err := a.Client.TestState(ctx, &sfn.TestStateInput{Definition: aws.String(`{"StartAt":"C","States":{"C":{"Type":"Pass","End":true}}}`)})
	if got := apiCode(err); got != "ValidationException: bad TestState request: the definition is a state machine: name the state to test (stateName)" {
		t.Errorf("no state name: %s", got)
	}
}
