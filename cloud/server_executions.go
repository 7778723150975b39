package cloud

import (
	"baton/runner"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"
)

func init() {
	registerOp("StartExecution", (*Server).startExecution)
	registerOp("StartSyncExecution", (*Server).startSyncExecution)
	registerOp("DescribeExecution", (*Server).describeExecution)
	registerOp("DescribeStateMachineForExecution", (*Server).describeMachineForExecution)
	registerOp("ListExecutions", (*Server).listExecutions)
	registerOp("StopExecution", (*Server).stopExecution)
	registerOp("GetExecutionHistory", (*Server).getExecutionHistory)
}

// liveExec is an execution that is running in this process.
type liveExec struct {
	run  Run
	done chan struct{}
	name string // the execution's name, never changed

	mu  sync.Mutex
	rec execRecord
	// events is the whole history once the execution has ended; before,
	// the run reports its events.
	events []HistoryEvent
}

// record returns the execution as it is now.
func (l *liveExec) record() execRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.rec
}

// history returns the events so far.
func (l *liveExec) history() []HistoryEvent {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rec.Status == "RUNNING" && l.run != nil {
		return l.run.Events()
	}
	return l.events
}

type startInput struct {
	Arn   string  `json:"stateMachineArn"`
	Name  string  `json:"name"`
	Input *string `json:"input"`
}

// prepare resolves what StartExecution and StartSyncExecution share: the
// machine (or version), the test case after '#', the name and the input.
func (s *Server) prepare(in *startInput) (m machineRecord, def string, rec execRecord, mocks *MockSelection, aerr *APIError) {
	arn, testCase, hasCase := strings.Cut(in.Arn, "#")
	m, v, aerr := s.findMachine(arn)
	if aerr != nil {
		return
	}
	def, revision := m.Definition, m.RevisionID
	if v != nil {
		rev, ok, err := s.store.revision(v.RevisionID)
		if err != nil || !ok {
			aerr = internalErr(errors.New("revision " + v.RevisionID + " of " + arn + " is missing from the store"))
			return
		}
		def, revision = rev.Definition, v.RevisionID
	}
	if hasCase {
		if mocks, aerr = s.selectMocks(m.Name, testCase); aerr != nil {
			return
		}
	}
	if in.Name == "" {
		in.Name = newID()
	}
	if aerr = checkName(in.Name); aerr != nil {
		return
	}
	input := "{}"
	if in.Input != nil {
		input = *in.Input
	}
	if !json.Valid([]byte(input)) {
		aerr = apiErr(ErrCodeInvalidExecutionInput, "Invalid State Machine Execution Input: 'the input is not valid JSON'")
		return
	}
	p, _ := parseArn(m.Arn)
	rec = execRecord{
		Arn: executionArn(p.Region, m.Name, in.Name), MachineArn: m.Arn, Name: in.Name, Status: "RUNNING",
		Start: s.opts.Now(), Input: input, RevisionID: revision, TestCase: testCase,
	}
	if v != nil {
		rec.VersionArn = arn
	}
	if m.Type == "EXPRESS" {
		rec.Arn = arnPrefix(p.Region) + "express:" + m.Name + ":" + in.Name + ":" + newID()
	}
	return
}

func (s *Server) startExecution(c *call) (any, *APIError) {
	var in startInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	m, def, rec, mocks, aerr := s.prepare(&in)
	if aerr != nil {
		return nil, aerr
	}
	if m.Type == "STANDARD" {
		rec.StartedEvent, _ = json.Marshal(startedEvent(&rec, m.RoleArn))
		err := s.store.startExecution(rec)
		var exists *errExists
		if errors.As(err, &exists) {
			// StartExecution is idempotent for a running execution of the
			// same name and input.
			if e := exists.existing; e.Status == "RUNNING" && e.Input == rec.Input {
				return startOutput(&e), nil
			}
			return nil, apiErr(ErrCodeExecutionExists, "Execution Already Exists: '%s'", rec.Arn)
		}
		if err != nil {
			return nil, internalErr(err)
		}
	}
	if _, aerr := s.launch(rec, def, m, mocks, m.Type == "STANDARD"); aerr != nil {
		return nil, aerr
	}
	return startOutput(&rec), nil
}

func startOutput(e *execRecord) any {
	return struct {
		Arn   string `json:"executionArn"`
		Start epoch  `json:"startDate"`
	}{e.Arn, epoch(e.Start)}
}

// startedEvent is the first event of every history.
func startedEvent(rec *execRecord, role string) HistoryEvent {
	details, _ := json.Marshal(struct {
		Input        string          `json:"input"`
		InputDetails json.RawMessage `json:"inputDetails"`
		RoleArn      string          `json:"roleArn"`
	}{rec.Input, json.RawMessage(`{"truncated":false}`), role})
	return HistoryEvent{Timestamp: rec.Start, Type: "ExecutionStarted", ID: 1, DetailsKey: runner.DetailsKey("ExecutionStarted"), Details: details}
}

// launch starts running rec. persist stores the outcome; an execution
// that cannot start is ended at once as FAILED.
func (s *Server) launch(rec execRecord, def string, m machineRecord, mocks *MockSelection, persist bool) (*liveExec, *APIError) {
	l := &liveExec{rec: rec, done: make(chan struct{}), name: rec.Name}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, &APIError{Code: ErrCodeInternal, Message: "baton serve is shutting down", Status: 503}
	}
	s.live[rec.Arn] = l
	s.wg.Add(1)
	s.mu.Unlock()
	req := RunRequest{
		Definition: def, Input: rec.Input, ExecutionArn: rec.Arn, ExecutionName: rec.Name, RoleArn: m.RoleArn,
		StateMachineArn: m.Arn, StateMachineName: m.Name, StartTime: rec.Start, Mocks: mocks, Callbacks: s.callbacks,
	}
	run, err := s.opts.Engine.Start(s.ctx, req)
	l.mu.Lock()
	l.run = run
	if err != nil {
		l.run = stoppedRun{events: []HistoryEvent{startedEvent(&rec, m.RoleArn)}}
	}
	l.mu.Unlock()
	if err != nil {
		s.finish(l, RunResult{Status: "FAILED", Error: "States.Runtime", Cause: err.Error()}, persist)
		return l, nil
	}
	go func() { s.finish(l, run.Wait(), persist) }()
	return l, nil
}

// stoppedRun stands for an execution that could not start.
type stoppedRun struct{ events []HistoryEvent }

func (stoppedRun) Wait() RunResult          { return RunResult{} }
func (stoppedRun) Stop(string, string)      {}
func (r stoppedRun) Events() []HistoryEvent { return r.events }

// finish records how an execution ended. The end is stored before it
// shows in DescribeExecution, so that a client that saw it finds it in
// ListExecutions too, and after a restart.
func (s *Server) finish(l *liveExec, res RunResult, persist bool) {
	defer s.wg.Done()
	now := s.opts.Now()
	events := l.run.Events()
	l.mu.Lock()
	rec := l.rec
	l.mu.Unlock()
	rec.Status, rec.Stop = res.Status, now
	if res.Status == "SUCCEEDED" {
		rec.Output = &res.Output
	} else {
		rec.Error, rec.Cause = &res.Error, &res.Cause
	}
	if n := len(events); n == 0 || !strings.HasPrefix(events[n-1].Type, "Execution") || events[n-1].Type == "ExecutionStarted" {
		// The engine ended without a closing event: say so in the history
		// rather than leave it open.
		events = append(events, closingEvent(&rec, events, now))
	}
	if persist {
		if err := s.store.endExecution(rec, events); err != nil {
			s.logf("storing the end of %s: %v", rec.Arn, err)
		}
	}
	l.mu.Lock()
	l.rec, l.events = rec, events
	l.mu.Unlock()
	s.mu.Lock()
	delete(s.live, rec.Arn)
	s.mu.Unlock()
	close(l.done)
}

// closingEvent is the Execution{Succeeded,Failed,TimedOut,Aborted} event
// for an execution whose engine emitted none.
func closingEvent(rec *execRecord, events []HistoryEvent, now time.Time) HistoryEvent {
	typ := map[string]string{"SUCCEEDED": "ExecutionSucceeded", "TIMED_OUT": "ExecutionTimedOut", "ABORTED": "ExecutionAborted"}[rec.Status]
	var details []byte
	if typ == "" {
		typ = "ExecutionFailed"
	}
	if rec.Output != nil {
		details, _ = json.Marshal(struct {
			Output        string          `json:"output"`
			OutputDetails json.RawMessage `json:"outputDetails"`
		}{*rec.Output, json.RawMessage(`{"truncated":false}`)})
	} else {
		details, _ = json.Marshal(struct {
			Error string `json:"error,omitempty"`
			Cause string `json:"cause,omitempty"`
		}{deref(rec.Error), deref(rec.Cause)})
	}
	id := int64(len(events) + 1)
	return HistoryEvent{Timestamp: now, Type: typ, ID: id, PreviousEventID: id - 1, DetailsKey: runner.DetailsKey(typ), Details: details}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (s *Server) startSyncExecution(c *call) (any, *APIError) {
	var in startInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	m, def, rec, mocks, aerr := s.prepare(&in)
	if aerr != nil {
		return nil, aerr
	}
	if m.Type != "EXPRESS" {
		return nil, apiErr(ErrCodeTypeNotSupported, "This operation is not supported by this type of state machine")
	}
	l, aerr := s.launch(rec, def, m, mocks, false)
	if aerr != nil {
		return nil, aerr
	}
	select {
	case <-l.done:
	case <-c.ctx.Done():
		l.run.Stop("States.Runtime", "the StartSyncExecution request was cancelled")
		<-l.done
	}
	r := l.record()
	out := execOutput(&r)
	out.Billing = &billing{Memory: 64, Duration: max(100, r.Stop.Sub(r.Start).Milliseconds())}
	return out, nil
}

type billing struct {
	Memory   int64 `json:"billedMemoryUsedInMB"`
	Duration int64 `json:"billedDurationInMilliseconds"`
}

// executionOutput is DescribeExecution's (and StartSyncExecution's) answer.
type executionOutput struct {
	Arn           string          `json:"executionArn"`
	MachineArn    string          `json:"stateMachineArn"`
	Name          string          `json:"name"`
	Status        string          `json:"status"`
	Start         epoch           `json:"startDate"`
	Stop          *epoch          `json:"stopDate,omitempty"`
	Input         string          `json:"input"`
	InputDetails  json.RawMessage `json:"inputDetails"`
	Output        *string         `json:"output,omitempty"`
	OutputDetails json.RawMessage `json:"outputDetails,omitempty"`
	Error         *string         `json:"error,omitempty"`
	Cause         *string         `json:"cause,omitempty"`
	VersionArn    string          `json:"stateMachineVersionArn,omitempty"`
	RedriveCount  *int            `json:"redriveCount,omitempty"`
	RedriveStatus string          `json:"redriveStatus,omitempty"`
	Billing       *billing        `json:"billingDetails,omitempty"`
}

var included = json.RawMessage(`{"included":true}`)

func execOutput(e *execRecord) *executionOutput {
	out := &executionOutput{
		Arn: e.Arn, MachineArn: e.MachineArn, Name: e.Name, Status: e.Status, Start: epoch(e.Start), Stop: epochPtr(e.Stop),
		Input: e.Input, InputDetails: included, Output: e.Output, Error: e.Error, Cause: e.Cause, VersionArn: e.VersionArn,
	}
	if e.Output != nil {
		out.OutputDetails = included
	}
	return out
}

// findExecution returns an execution: live, or from the store.
func (s *Server) findExecution(arn string) (execRecord, *liveExec, *APIError) {
	if err := required("executionArn", arn); err != nil {
		return execRecord{}, nil, err
	}
	if p, ok := parseArn(arn); !ok || (p.Resource != "execution" && p.Resource != "express") {
		return execRecord{}, nil, apiErr(ErrCodeInvalidArn, "Invalid Arn: 'Resource type not valid in this context: %s'", arn)
	}
	s.mu.Lock()
	l := s.live[arn]
	s.mu.Unlock()
	if l != nil {
		return l.record(), l, nil
	}
	rec, ok, err := s.store.execution(arn)
	if err != nil {
		return rec, nil, internalErr(err)
	}
	if !ok {
		return rec, nil, apiErr(ErrCodeExecutionDoesNotExist, "Execution Does Not Exist: '%s'", arn)
	}
	return rec, nil, nil
}

type execArnInput struct {
	Arn string `json:"executionArn"`
}

func (s *Server) describeExecution(c *call) (any, *APIError) {
	var in execArnInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	rec, _, aerr := s.findExecution(in.Arn)
	if aerr != nil {
		return nil, aerr
	}
	out := execOutput(&rec)
	zero := 0
	out.RedriveCount, out.RedriveStatus = &zero, "NOT_REDRIVABLE"
	return out, nil
}

func (s *Server) describeMachineForExecution(c *call) (any, *APIError) {
	var in execArnInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	rec, _, aerr := s.findExecution(in.Arn)
	if aerr != nil {
		return nil, aerr
	}
	rev, ok, err := s.store.revision(rec.RevisionID)
	if err != nil || !ok {
		return nil, internalErr(errors.New("the definition that " + in.Arn + " ran is missing from the store"))
	}
	m, _, _ := s.store.machine(rec.MachineArn)
	p, _ := parseArn(rec.MachineArn)
	return struct {
		Arn        string          `json:"stateMachineArn"`
		Name       string          `json:"name"`
		Definition string          `json:"definition"`
		RoleArn    string          `json:"roleArn"`
		Updated    epoch           `json:"updateDate"`
		Logging    json.RawMessage `json:"loggingConfiguration"`
		Tracing    json.RawMessage `json:"tracingConfiguration"`
		RevisionID string          `json:"revisionId"`
	}{rec.MachineArn, p.Machine, rev.Definition, rev.RoleArn, epoch(rev.Updated), defaultLogging(m.Logging), defaultTracing(m.Tracing), rec.RevisionID}, nil
}

type execListItem struct {
	Arn        string `json:"executionArn"`
	MachineArn string `json:"stateMachineArn"`
	Name       string `json:"name"`
	Status     string `json:"status"`
	Start      epoch  `json:"startDate"`
	Stop       *epoch `json:"stopDate,omitempty"`
	VersionArn string `json:"stateMachineVersionArn,omitempty"`
}

var execStatuses = map[string]bool{"RUNNING": true, "SUCCEEDED": true, "FAILED": true, "TIMED_OUT": true, "ABORTED": true, "PENDING_REDRIVE": true}

func (s *Server) listExecutions(c *call) (any, *APIError) {
	var in struct {
		Arn          string `json:"stateMachineArn"`
		StatusFilter string `json:"statusFilter"`
		MaxResults   int    `json:"maxResults"`
		NextToken    string `json:"nextToken"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	m, _, aerr := s.findMachine(in.Arn)
	if aerr != nil {
		return nil, aerr
	}
	if m.Type == "EXPRESS" {
		return nil, apiErr(ErrCodeTypeNotSupported, "This operation is not supported by this type of state machine")
	}
	if in.StatusFilter != "" && !execStatuses[in.StatusFilter] {
		return nil, apiErr(ErrCodeValidation, "1 validation error detected: Value '%s' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]", in.StatusFilter)
	}
	max, aerr := pageSize(in.MaxResults, 100, 1000)
	if aerr != nil {
		return nil, aerr
	}
	after, aerr := readPageToken("executions", in.NextToken)
	if aerr != nil {
		return nil, aerr
	}
	recs, next, err := s.store.listExecutions(m.Arn, in.StatusFilter, after, max)
	if err != nil {
		return nil, internalErr(err)
	}
	items := make([]execListItem, len(recs))
	for i, e := range recs {
		items[i] = execListItem{e.Arn, e.MachineArn, e.Name, e.Status, epoch(e.Start), epochPtr(e.Stop), e.VersionArn}
	}
	return struct {
		Items     []execListItem `json:"executions"`
		NextToken *string        `json:"nextToken,omitempty"`
	}{items, pageToken("executions", next)}, nil
}

func (s *Server) stopExecution(c *call) (any, *APIError) {
	var in struct {
		Arn   string `json:"executionArn"`
		Error string `json:"error"`
		Cause string `json:"cause"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	rec, l, aerr := s.findExecution(in.Arn)
	if aerr != nil {
		return nil, aerr
	}
	if l != nil {
		l.run.Stop(in.Error, in.Cause)
		select {
		case <-l.done:
		case <-c.ctx.Done():
			return nil, apiErr(ErrCodeValidation, "the request was cancelled while the execution was stopping")
		}
		rec = l.record()
	}
	return struct {
		Stop epoch `json:"stopDate"`
	}{epoch(rec.Stop)}, nil
}

// historyPage is the answer of GetExecutionHistory: events already in
// their wire form.
type historyPage struct {
	Events    [][]byte
	NextToken *string
}

func (p historyPage) MarshalJSON() ([]byte, error) {
	n := 64
	for _, e := range p.Events {
		n += len(e) + 1
	}
	buf := make([]byte, 0, n)
	buf = append(buf, `{"events":[`...)
	for i, e := range p.Events {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, e...)
	}
	buf = append(buf, ']')
	if p.NextToken != nil {
		buf = append(buf, `,"nextToken":`...)
		t, _ := json.Marshal(*p.NextToken)
		buf = append(buf, t...)
	}
	return append(buf, '}'), nil
}

func (s *Server) getExecutionHistory(c *call) (any, *APIError) {
	var in struct {
		Arn                  string `json:"executionArn"`
		MaxResults           int    `json:"maxResults"`
		ReverseOrder         bool   `json:"reverseOrder"`
		NextToken            string `json:"nextToken"`
		IncludeExecutionData *bool  `json:"includeExecutionData"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	max, aerr := pageSize(in.MaxResults, 100, 1000)
	if aerr != nil {
		return nil, aerr
	}
	pos, aerr := readPageToken("history", in.NextToken)
	if aerr != nil {
		return nil, aerr
	}
	// The token is the id of the last event of the previous page.
	var after int64
	if pos != "" {
		var err error
		if after, err = strconv.ParseInt(pos, 10, 64); err != nil || after < 1 {
			return nil, apiErr(ErrCodeInvalidToken, "Invalid Token: '%s'", in.NextToken)
		}
	}
	_, l, aerr := s.findExecution(in.Arn)
	if aerr != nil {
		return nil, aerr
	}
	var page [][]byte
	var more bool
	if l != nil {
		page, more = livePage(l.history(), after, max, in.ReverseOrder)
	} else {
		var err error
		if page, more, err = s.store.historyPage(in.Arn, after, max, in.ReverseOrder); err != nil {
			return nil, internalErr(err)
		}
	}
	var next *string
	if more {
		var last struct {
			ID int64 `json:"id"`
		}
		json.Unmarshal(page[len(page)-1], &last)
		next = pageToken("history", idString(last.ID))
	}
	if in.IncludeExecutionData != nil && !*in.IncludeExecutionData {
		page = withoutData(page)
	}
	return historyPage{Events: page, NextToken: next}, nil
}

// livePage is historyPage for the events of a running execution.
func livePage(events []HistoryEvent, after int64, max int, reverse bool) (page [][]byte, more bool) {
	i, stepBy := 0, 1
	if reverse {
		i, stepBy = len(events)-1, -1
	}
	if after > 0 {
		i = int(after) // ids are 1-based positions
		if reverse {
			i = int(after) - 2
		}
	}
	for ; i >= 0 && i < len(events); i += stepBy {
		if len(page) == max {
			return page, true
		}
		page = append(page, events[i].appendJSON(nil, true))
	}
	return page, false
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

// withoutData drops the input and output of events, as
// includeExecutionData=false asks.
func withoutData(events [][]byte) [][]byte {
	out := make([][]byte, len(events))
	for i, e := range events {
		var ev HistoryEvent
		out[i] = e
		if json.Unmarshal(e, &ev) != nil || len(ev.Details) == 0 {
			continue
		}
		var d map[string]json.RawMessage
		if json.Unmarshal(ev.Details, &d) != nil {
			continue
		}
		for _, k := range []string{"input", "output", "parameters"} {
			delete(d, k)
		}
		ev.Details, _ = json.Marshal(d)
		out[i] = ev.appendJSON(nil, true)
	}
	return out
}
