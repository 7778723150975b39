package cloud_test

import (
	"bytes"
	"strings"
	"testing"

	"baton/cloud"
)

// An excerpt of `aws stepfunctions get-execution-history` output.
const cliHistory = `{
    "events": [
        {
            "timestamp": "2025-03-01T13:00:00.123000+01:00",
            "type": "ExecutionStarted",
            "id": 1,
            "previousEventId": 0,
            "executionStartedEventDetails": {
                "input": "{\"n\": 1}",
                "inputDetails": {"truncated": false},
                "roleArn": "arn:aws:iam::123456789012:role/r"
            }
        },
        {
            "timestamp": "2025-03-01T13:00:00.200000+01:00",
            "type": "ParallelStateStarted",
            "id": 2,
            "previousEventId": 1
        }
    ]
}
`

func TestLoadHistory_AWSCLIFile(t *testing.T) {
	events, err := cloud.LoadHistory(strings.NewReader(cliHistory))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := cloud.SaveHistory(&out, events); err != nil {
		t.Fatal(err)
	}
	want := `{
  "events": [
    {"timestamp":"2025-03-01T12:00:00.123000+00:00","type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{
                "input": "{\"n\": 1}",
                "inputDetails": {"truncated": false},
                "roleArn": "arn:aws:iam::123456789012:role/r"
            }},
    {"timestamp":"2025-03-01T12:00:00.200000+00:00","type":"ParallelStateStarted","id":2,"previousEventId":1}
  ]
}
`
	if out.String() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", out.String(), want)
	}
	again, err := cloud.LoadHistory(&out)
	if err != nil || len(again) != 2 || !again[0].Timestamp.Equal(events[0].Timestamp) || string(again[0].Details) != string(events[0].Details) {
		t.Fatalf("round trip: %+v %v", again, err)
	}
}

func TestLoadHistory_Errors(t *testing.T) {
	cases := []struct{ src, want string }{
		{`{"events": []}`, "history file: no events"},
		{`{"events": [{"id": 1}]}`, "history file: history event without a type"},
		{`{"events": [{"type": "X", "timestamp": true}]}`, "history file: history event field timestamp: timestamp true is neither ISO 8601 text nor epoch seconds"},
		{`[`, "history file: unexpected EOF"},
	}
	for _, c := range cases {
		_, err := cloud.LoadHistory(strings.NewReader(c.src))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: got %v, want %s", c.src, err, c.want)
		}
	}
}
