package cloud

import "encoding/json"

func init() {
	registerOp("SendTaskSuccess", (*Server).sendTaskSuccess)
	registerOp("SendTaskFailure", (*Server).sendTaskFailure)
	registerOp("SendTaskHeartbeat", (*Server).sendTaskHeartbeat)
}

func (s *Server) sendTaskSuccess(c *call) (any, *APIError) {
	var in struct {
		Token  string `json:"taskToken"`
		Output string `json:"output"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := required("taskToken", in.Token); err != nil {
		return nil, err
	}
	if err := required("output", in.Output); err != nil {
		return nil, err
	}
	if !json.Valid([]byte(in.Output)) {
		return nil, apiErr(ErrCodeInvalidOutput, "Invalid Output: 'the output is not valid JSON'")
	}
	if err := s.callbacks.answer(in.Token, CallbackResult{Output: in.Output}); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (s *Server) sendTaskFailure(c *call) (any, *APIError) {
	var in struct {
		Token string `json:"taskToken"`
		Error string `json:"error"`
		Cause string `json:"cause"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := required("taskToken", in.Token); err != nil {
		return nil, err
	}
	if err := s.callbacks.answer(in.Token, CallbackResult{Failed: true, Error: in.Error, Cause: in.Cause}); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (s *Server) sendTaskHeartbeat(c *call) (any, *APIError) {
	var in struct {
		Token string `json:"taskToken"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := required("taskToken", in.Token); err != nil {
		return nil, err
	}
	if err := s.callbacks.heartbeat(in.Token); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}
