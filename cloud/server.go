package cloud

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"
)

// ServerOptions configures a Server.
type ServerOptions struct {
	// Data is the folder of the persistent store.
	Data string
	// Engine checks and runs definitions.
	Engine Engine
	// Mocks is a Step Functions Local mock config; an execution started
	// with "stateMachineArn#TestCase" runs that test case of it.
	Mocks json.RawMessage
	// Now is the clock of timestamps; time.Now when nil.
	Now func() time.Time
	// Logf, when set, receives one line per notable event (never request
	// bodies or credentials).
	Logf func(format string, args ...any)
}

// Server is a local AWS Step Functions endpoint speaking the JSON 1.0
// protocol (POST with X-Amz-Target: AWSStepFunctions.<Operation>), so
// that any AWS SDK or the AWS CLI can use it with a custom endpoint URL.
// State machines and executions persist in a store under the data
// folder; executions that were running when the server last stopped
// without finishing them are marked FAILED when it opens the store again.
type Server struct {
	opts      ServerOptions
	store     *store
	callbacks *Callbacks

	// ctx is the parent of every execution; Close cancels it.
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu     sync.Mutex
	live   map[string]*liveExec
	closed bool

	// Recovered is how many interrupted executions opening the store marked FAILED.
	Recovered int
}

// NewServer opens (or creates) the store in opts.Data and marks the
// executions that were interrupted as FAILED.
func NewServer(opts ServerOptions) (*Server, error) {
	if opts.Engine == nil {
		return nil, errors.New("cloud: NewServer needs an Engine")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if len(opts.Mocks) > 0 && !json.Valid(opts.Mocks) {
		return nil, errors.New("mock config is not valid JSON")
	}
	st, err := openStore(opts.Data)
	if err != nil {
		return nil, err
	}
	n, err := st.failInterrupted(opts.Now())
	if err != nil {
		st.close()
		return nil, err
	}
	s := &Server{opts: opts, store: st, callbacks: NewCallbacks(), live: map[string]*liveExec{}, Recovered: n}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	return s, nil
}

// Close stops every running execution (ABORTED, with a cause that says
// the server shut down), waits for them to be stored, and closes the store.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	for _, l := range s.live {
		l.run.Stop("States.Runtime", "baton serve was shut down while this execution was running")
	}
	s.mu.Unlock()
	s.wg.Wait()
	s.cancel()
	return s.store.close()
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Logf != nil {
		s.opts.Logf(format, args...)
	}
}

// call is one API request.
type call struct {
	ctx    context.Context
	region string
	body   []byte
}

// decode reads the request body into v; an empty body is an empty object.
func (c *call) decode(v any) *APIError {
	if len(bytes.TrimSpace(c.body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(c.body, v); err != nil {
		return apiErr(ErrCodeSerialization, "%s", err.Error())
	}
	return nil
}

// operation handles one API operation and returns its output.
type operation func(s *Server, c *call) (any, *APIError)

// operations is the dispatch table of the API.
var operations = map[string]operation{}

// registerOp adds an operation to the table; each server_*.go file adds its own.
func registerOp(name string, op operation) { operations[name] = op }

const targetPrefix = "AWSStepFunctions."

// credentialRegion finds the region in a SigV4 Authorization header:
// Credential=KEY/DATE/REGION/states/aws4_request.
var credentialRegion = regexp.MustCompile(`Credential=[^/,\s]+/\d{8}/([a-z0-9-]+)/`)

// ServeHTTP answers one request of the JSON 1.0 protocol.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	out, aerr := s.serve(r)
	h := w.Header()
	h.Set("Content-Type", "application/x-amz-json-1.0")
	h.Set("x-amzn-RequestId", newID())
	if aerr != nil {
		h.Set("X-Amzn-ErrorType", aerr.Code)
		w.WriteHeader(aerr.Status)
		body, _ := json.Marshal(struct {
			Type    string `json:"__type"`
			Message string `json:"message"`
		}{aerr.Code, aerr.Message})
		w.Write(body)
		return
	}
	body, err := json.Marshal(out)
	if err != nil {
		s.logf("encoding a response: %v", err)
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `{"__type":%q,"message":%q}`, ErrCodeInternal, err.Error())
		return
	}
	w.Write(body)
}

func (s *Server) serve(r *http.Request) (out any, aerr *APIError) {
	defer func() {
		if p := recover(); p != nil {
			s.logf("panic in %s: %v", r.Header.Get("X-Amz-Target"), p)
			out, aerr = nil, internalErr(fmt.Errorf("internal error: %v", p))
		}
	}()
	if r.Method != http.MethodPost {
		return nil, &APIError{Code: ErrCodeUnknownOperation, Message: "Step Functions accepts only POST requests", Status: http.StatusBadRequest}
	}
	target := r.Header.Get("X-Amz-Target")
	op, ok := operations[strings.TrimPrefix(target, targetPrefix)]
	if !ok || !strings.HasPrefix(target, targetPrefix) {
		return nil, apiErr(ErrCodeUnknownOperation, "Operation %q is not supported by baton serve", target)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		return nil, apiErr(ErrCodeSerialization, "reading the request: %v", err)
	}
	c := &call{ctx: r.Context(), region: DefaultRegion, body: body}
	if m := credentialRegion.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
		c.region = m[1]
	}
	return op(s, c)
}

// epoch is a timestamp written as epoch seconds, as the JSON 1.0 protocol
// writes every timestamp.
type epoch time.Time

func (t epoch) MarshalJSON() ([]byte, error) { return appendEpoch(nil, time.Time(t)), nil }

// epochPtr returns nil for the zero time, so that omitempty drops it.
func epochPtr(t time.Time) *epoch {
	if t.IsZero() {
		return nil
	}
	e := epoch(t)
	return &e
}

// required reports a missing required parameter as AWS does.
func required(name, value string) *APIError {
	if value == "" {
		return apiErr(ErrCodeValidation, "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", name)
	}
	return nil
}

// pageSize checks maxResults (0 means the default) against AWS's limit.
func pageSize(maxResults, def, limit int) (int, *APIError) {
	if maxResults < 0 || maxResults > limit {
		return 0, apiErr(ErrCodeValidation, "1 validation error detected: Value '%d' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to %d", maxResults, limit)
	}
	if maxResults == 0 {
		return def, nil
	}
	return maxResults, nil
}
