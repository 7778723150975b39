package cloud

import (
	"errors"
	"net/http"
)

func init() { registerOp("TestState", (*Server).testState) }

func (s *Server) testState(c *call) (any, *APIError) {
	var in struct {
		Definition      string  `json:"definition"`
		StateName       string  `json:"stateName"`
		Input           *string `json:"input"`
		InspectionLevel string  `json:"inspectionLevel"`
		Variables       string  `json:"variables"`
		Context         string  `json:"context"`
		Mock            *struct {
			Result      *string `json:"result"`
			ErrorOutput *struct {
				Error *string `json:"error"`
				Cause *string `json:"cause"`
			} `json:"errorOutput"`
		} `json:"mock"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := required("definition", in.Definition); err != nil {
		return nil, err
	}
	if in.Variables != "" || in.Context != "" {
		return nil, apiErr(ErrCodeValidation, "baton serve's TestState does not support variables or context yet")
	}
	tester, ok := s.opts.Engine.(StateTester)
	if !ok {
		return nil, &APIError{Code: ErrCodeUnknownOperation, Message: "this server's engine cannot test single states", Status: http.StatusBadRequest}
	}
	req := TestStateRequest{Definition: in.Definition, StateName: in.StateName, Input: "{}", Debug: in.InspectionLevel == "DEBUG" || in.InspectionLevel == "TRACE"}
	if in.Input != nil {
		req.Input = *in.Input
	}
	if in.Mock != nil {
		req.MockResult = in.Mock.Result
		if e := in.Mock.ErrorOutput; e != nil {
			req.MockError, req.MockCause = e.Error, e.Cause
		}
	}
	res, err := tester.TestState(c.ctx, req)
	if errors.Is(err, errBadTestState) {
		return nil, apiErr(ErrCodeValidation, "%s", err.Error())
	}
	if err != nil {
		return nil, apiErr(ErrCodeInvalidDefinition, "Invalid State Machine Definition: '%s'", err.Error())
	}
	out := struct {
		Status     string            `json:"status"`
		Output     *string           `json:"output,omitempty"`
		Error      *string           `json:"error,omitempty"`
		Cause      *string           `json:"cause,omitempty"`
		NextState  *string           `json:"nextState,omitempty"`
		Inspection map[string]string `json:"inspectionData,omitempty"`
	}{res.Status, res.Output, res.Error, res.Cause, res.NextState, res.Inspection}
	return out, nil
}
