package runner_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"baton/runner"
)

func TestCommandHandler_Invoke(t *testing.T) {
	h := &runner.CommandHandler{Commands: map[string][]string{
		"Double": {"sh", "-c", `read x; echo "{\"in\": $x, \"ok\": true}"`},
		"Fail":   {"sh", "-c", `echo "no luck" >&2; exit 3`},
		"Named":  {"sh", "-c", `echo '{"Error":"Custom.Error","Cause":"why"}' >&2; exit 1`},
		"NoJSON": {"sh", "-c", `echo not json`},
	}}
	tests := []struct{ state, want string }{
		{"Double", `{"in":{"a":1},"ok":true}`},
		{"Fail", `States.TaskFailed: no luck`},
		{"Named", `Custom.Error: why`},
		{"NoJSON", `States.TaskFailed: command "sh" for state 'NoJSON' printed output that is not JSON: expected null at 1:2`},
		{"Other", `no task handler for this task`},
	}
	for _, tt := range tests {
		v, err := h.Invoke(context.Background(), &runner.TaskRequest{State: tt.state, Input: map[string]any{"a": int64(1)}})
		if got := describe(v, err); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.state, got, tt.want)
		}
	}
}

func TestLambdaHandler_Invoke(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch r.URL.Path {
		case "/2015-03-31/functions/echo/invocations":
			w.Write(body)
		case "/2015-03-31/functions/boom/invocations":
			w.Header().Set("X-Amz-Function-Error", "Unhandled")
			w.Write([]byte(`{"errorMessage":"bad","errorType":"ValueError"}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	h := &runner.LambdaHandler{Endpoint: srv.URL}
	tests := []struct {
		resource string
		input    any
		want     string
	}{
		{"arn:aws:lambda:us-east-1:123456789012:function:echo", map[string]any{"a": int64(1)}, `{"a":1}`},
		{"arn:aws:states:::lambda:invoke", map[string]any{"FunctionName": "echo", "Payload": "hi"}, `{"ExecutedVersion":"$LATEST","Payload":"hi","SdkHttpMetadata":{"HttpStatusCode":200},"StatusCode":200}`},
		{"arn:aws:lambda:us-east-1:123456789012:function:boom", nil, `ValueError: {"errorMessage":"bad","errorType":"ValueError"}`},
		{"arn:aws:lambda:us-east-1:123456789012:function:gone", nil, `Lambda.ResourceNotFoundException: Function not found: gone`},
		{"arn:aws:states:::sqs:sendMessage", nil, `no task handler for this task`},
	}
	for _, tt := range tests {
		v, err := h.Invoke(context.Background(), &runner.TaskRequest{State: "S", Resource: tt.resource, Input: tt.input})
		if got := describe(v, err); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.resource, got, tt.want)
		}
	}
}
