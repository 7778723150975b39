package runner

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// LambdaHandler answers Lambda tasks from a Lambda-compatible endpoint,
// such as `sam local start-lambda`, speaking the Lambda Invoke API
// (POST /2015-03-31/functions/NAME/invocations) over plain HTTP. It answers
// Lambda function ARNs (the result is the function's payload) and
// arn:aws:states:::lambda:invoke (the result is the Invoke response, with
// Payload, StatusCode and ExecutedVersion); other tasks get ErrNoHandler.
// The endpoint is expected to need no request signing, as local ones do.
type LambdaHandler struct {
	// Endpoint is the base URL, e.g. http://127.0.0.1:3001.
	Endpoint string
	// Client is the HTTP client (nil: http.DefaultClient).
	Client *http.Client
}

// RealTime reports that calls take real time.
func (h *LambdaHandler) RealTime() bool { return true }

// Invoke calls the function.
func (h *LambdaHandler) Invoke(ctx context.Context, req *TaskRequest) (any, error) {
	r := parseResource(req.Resource)
	var fn string
	payload := req.Input
	invokeShape := false
	switch {
	case r.kind == resLambda:
		fn = req.Resource
	case r.kind == resService && r.typ == "lambda" && strings.HasPrefix(r.name, "invoke"):
		params, _ := req.Input.(map[string]any)
		fn, _ = params["FunctionName"].(string)
		if fn == "" {
			return nil, Errorf(ErrRuntime, "state '%s': lambda:invoke needs a FunctionName parameter", req.State)
		}
		payload = params["Payload"]
		invokeShape = true
	default:
		return nil, ErrNoHandler
	}
	status, body, fnErr, err := h.call(ctx, functionName(fn), payload)
	if err != nil {
		return nil, err
	}
	if fnErr != "" {
		return nil, lambdaFailure(body)
	}
	var result any
	if len(bytes.TrimSpace(body)) > 0 {
		if result, err = ParseJSON(body); err != nil {
			return nil, Errorf(ErrTaskFailed, "function %s returned a payload that is not JSON: %v", fn, err)
		}
	}
	if !invokeShape {
		return result, nil
	}
	return map[string]any{
		"ExecutedVersion": "$LATEST",
		"Payload":         result,
		"StatusCode":      int64(status),
		"SdkHttpMetadata": map[string]any{"HttpStatusCode": int64(status)},
	}, nil
}

func (h *LambdaHandler) call(ctx context.Context, fn string, payload any) (status int, body []byte, fnErr string, err error) {
	u := strings.TrimRight(h.Endpoint, "/") + "/2015-03-31/functions/" + url.PathEscape(fn) + "/invocations"
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(marshalValue(payload)))
	if err != nil {
		return 0, nil, "", Errorf(ErrRuntime, "lambda endpoint %q: %v", h.Endpoint, err)
	}
	hr.Header.Set("Content-Type", "application/json")
	client := h.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(hr)
	if err != nil {
		if ctx.Err() != nil {
			return 0, nil, "", ctx.Err()
		}
		return 0, nil, "", Errorf(ErrTaskFailed, "calling function %s at %s: %v", fn, h.Endpoint, err)
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, "", Errorf(ErrTaskFailed, "reading the answer of function %s: %v", fn, err)
	}
	if resp.StatusCode == http.StatusNotFound {
		return 0, nil, "", &StateError{Name: "Lambda.ResourceNotFoundException", Cause: fmt.Sprintf("Function not found: %s", fn)}
	}
	if resp.StatusCode >= 300 {
		return 0, nil, "", &StateError{Name: "Lambda.ServiceException", Cause: fmt.Sprintf("%s: %s", resp.Status, strings.TrimSpace(string(body)))}
	}
	return resp.StatusCode, body, resp.Header.Get("X-Amz-Function-Error"), nil
}

// lambdaFailure is the failure of a function that raised: the error is
// its errorType (Exception when it has none), the cause the whole error
// payload, as AWS reports them.
func lambdaFailure(body []byte) *StateError {
	name := "Exception"
	if v, err := ParseJSON(body); err == nil {
		if m, ok := v.(map[string]any); ok {
			if t, ok := m["errorType"].(string); ok && t != "" {
				name = t
			}
		}
	}
	return &StateError{Name: name, Cause: string(bytes.TrimSpace(body))}
}

// functionName takes the name out of a function ARN (or returns a plain
// name as is), dropping a version or alias qualifier.
func functionName(fn string) string {
	if !strings.HasPrefix(fn, "arn:") {
		return fn
	}
	parts := strings.Split(fn, ":")
	if len(parts) >= 7 {
		return parts[6]
	}
	return fn
}
