package cloud

import (
	"encoding/json"
	"strings"
)

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
	s.expectToken(in.Token)
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
	s.expectToken(in.Token)
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
	s.expectToken(in.Token)
	if err := s.callbacks.heartbeat(in.Token); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

// expectToken makes a token known when it names a running execution
// ("<execution name>-<n>", as the runner mints them): the token is in the
// history (TaskScheduled) a moment before its task starts waiting, and an
// answer sent in between is kept for it.
func (s *Server) expectToken(token string) {
	i := strings.LastIndexByte(token, '-')
	if i < 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.live {
		if l.name == token[:i] {
			s.callbacks.Expect(token)
			return
		}
	}
}
