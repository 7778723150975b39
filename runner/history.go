package runner

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"
)

// Event is one history event, with the types and JSON fields of AWS's
// GetExecutionHistory. Data fields (input, output, parameters) hold values,
// written as JSON only when the event is written out. While it runs, an
// execution keeps its history compact (see eventLog) and makes Event
// values the first time they are read.
type Event struct {
	ID              int64
	PreviousEventID int64
	Timestamp       time.Time
	Type            string
	// Details is the type's *…EventDetails value, nil for events without
	// details (ParallelStateStarted, MapStateSucceeded, …).
	Details any
}

// JSONData is a value carried by an event. AWS prints it as a string
// holding JSON, written only when the event is written out. Value is the
// state's value itself when it is big (values are never modified), and
// for a small one an equal value the history kept in a compact form.
type JSONData struct{ Value any }

// MarshalJSON writes the value as a JSON string of its compact JSON.
func (d JSONData) MarshalJSON() ([]byte, error) {
	return json.Marshal(string(marshalValue(d.Value)))
}

// DataDetails says whether a data field was truncated; Baton never
// truncates.
type DataDetails struct {
	Truncated bool `json:"truncated"`
}

var notTruncated = &DataDetails{}

// ExecutionStartedEventDetails are the details of ExecutionStarted.
type ExecutionStartedEventDetails struct {
	Input        JSONData     `json:"input"`
	InputDetails *DataDetails `json:"inputDetails"`
	RoleArn      string       `json:"roleArn,omitempty"`
}

// ExecutionSucceededEventDetails are the details of ExecutionSucceeded.
type ExecutionSucceededEventDetails struct {
	Output        JSONData     `json:"output"`
	OutputDetails *DataDetails `json:"outputDetails"`
}

// FailureDetails are the details of the events that report a failure
// (ExecutionFailed, ExecutionTimedOut, ExecutionAborted, LambdaFunctionFailed,
// ActivityFailed, MapRunFailed, …): the error and the cause, each omitted
// when absent.
type FailureDetails struct {
	Error *string `json:"error,omitempty"`
	Cause *string `json:"cause,omitempty"`
}

// StateEnteredEventDetails are the details of every *StateEntered event.
type StateEnteredEventDetails struct {
	Name         string       `json:"name"`
	Input        JSONData     `json:"input"`
	InputDetails *DataDetails `json:"inputDetails"`
}

// StateExitedEventDetails are the details of every *StateExited event.
type StateExitedEventDetails struct {
	Name                     string            `json:"name"`
	Output                   JSONData          `json:"output"`
	OutputDetails            *DataDetails      `json:"outputDetails"`
	AssignedVariables        map[string]string `json:"assignedVariables,omitempty"`
	AssignedVariablesDetails *DataDetails      `json:"assignedVariablesDetails,omitempty"`
}

// TaskScheduledEventDetails are the details of TaskScheduled.
type TaskScheduledEventDetails struct {
	ResourceType       string   `json:"resourceType"`
	Resource           string   `json:"resource"`
	Region             string   `json:"region"`
	Parameters         JSONData `json:"parameters"`
	TimeoutInSeconds   *int64   `json:"timeoutInSeconds,omitempty"`
	HeartbeatInSeconds *int64   `json:"heartbeatInSeconds,omitempty"`
	TaskCredentials    any      `json:"taskCredentials,omitempty"`
}

// TaskEventDetails are the details of TaskStarted.
type TaskEventDetails struct {
	ResourceType string `json:"resourceType"`
	Resource     string `json:"resource"`
}

// TaskOutputEventDetails are the details of TaskSubmitted and
// TaskSucceeded.
type TaskOutputEventDetails struct {
	ResourceType  string       `json:"resourceType"`
	Resource      string       `json:"resource"`
	Output        JSONData     `json:"output"`
	OutputDetails *DataDetails `json:"outputDetails"`
}

// TaskFailureEventDetails are the details of TaskFailed, TaskTimedOut and
// TaskStartFailed.
type TaskFailureEventDetails struct {
	ResourceType string  `json:"resourceType"`
	Resource     string  `json:"resource"`
	Error        *string `json:"error,omitempty"`
	Cause        *string `json:"cause,omitempty"`
}

// LambdaFunctionScheduledEventDetails are the details of
// LambdaFunctionScheduled.
type LambdaFunctionScheduledEventDetails struct {
	Resource         string       `json:"resource"`
	Input            JSONData     `json:"input"`
	InputDetails     *DataDetails `json:"inputDetails"`
	TimeoutInSeconds *int64       `json:"timeoutInSeconds,omitempty"`
	TaskCredentials  any          `json:"taskCredentials,omitempty"`
}

// ActivityScheduledEventDetails are the details of ActivityScheduled.
type ActivityScheduledEventDetails struct {
	Resource           string       `json:"resource"`
	Input              JSONData     `json:"input"`
	InputDetails       *DataDetails `json:"inputDetails"`
	TimeoutInSeconds   *int64       `json:"timeoutInSeconds,omitempty"`
	HeartbeatInSeconds *int64       `json:"heartbeatInSeconds,omitempty"`
}

// ActivityStartedEventDetails are the details of ActivityStarted.
type ActivityStartedEventDetails struct {
	WorkerName string `json:"workerName,omitempty"`
}

// OutputEventDetails are the details of LambdaFunctionSucceeded and
// ActivitySucceeded.
type OutputEventDetails struct {
	Output        JSONData     `json:"output"`
	OutputDetails *DataDetails `json:"outputDetails"`
}

// MapStateStartedEventDetails are the details of MapStateStarted.
type MapStateStartedEventDetails struct {
	Length int `json:"length"`
}

// MapIterationEventDetails are the details of MapIterationStarted,
// …Succeeded, …Failed and …Aborted.
type MapIterationEventDetails struct {
	Name  string `json:"name"`
	Index int    `json:"index"`
}

// MapRunStartedEventDetails are the details of MapRunStarted.
type MapRunStartedEventDetails struct {
	MapRunArn string `json:"mapRunArn,omitempty"`
}

// EvaluationFailedEventDetails are the details of EvaluationFailed.
type EvaluationFailedEventDetails struct {
	Error    string `json:"error"`
	Cause    string `json:"cause,omitempty"`
	Location string `json:"location,omitempty"`
	State    string `json:"state"`
}

// DetailsKey returns the JSON member that holds the details of an event
// type, as GetExecutionHistory names it ("stateEnteredEventDetails",
// "taskScheduledEventDetails", …).
func DetailsKey(eventType string) string {
	switch {
	case strings.HasSuffix(eventType, "StateEntered"):
		return "stateEnteredEventDetails"
	case strings.HasSuffix(eventType, "StateExited"):
		return "stateExitedEventDetails"
	case eventType == "":
		return ""
	}
	return strings.ToLower(eventType[:1]) + eventType[1:] + "EventDetails"
}

// timestampLayout is how the AWS CLI prints event timestamps.
const timestampLayout = "2006-01-02T15:04:05.000000-07:00"

// MarshalJSON writes the event as `aws stepfunctions
// get-execution-history` prints it.
func (e *Event) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 256)
	b = append(b, `{"timestamp":"`...)
	b = e.Timestamp.AppendFormat(b, timestampLayout)
	b = append(b, `","type":`...)
	b = strconv.AppendQuote(b, e.Type)
	b = append(b, `,"id":`...)
	b = strconv.AppendInt(b, e.ID, 10)
	b = append(b, `,"previousEventId":`...)
	b = strconv.AppendInt(b, e.PreviousEventID, 10)
	if e.Details != nil {
		d, err := json.Marshal(e.Details)
		if err != nil {
			return nil, err
		}
		b = append(b, ',')
		b = strconv.AppendQuote(b, DetailsKey(e.Type))
		b = append(b, ':')
		b = append(b, d...)
	}
	return append(b, '}'), nil
}

// MarshalHistory writes events as `{"events": [...]}`, the shape of `aws
// stepfunctions get-execution-history`.
func MarshalHistory(events []*Event) ([]byte, error) {
	var b bytes.Buffer
	err := WriteHistory(&b, events)
	return b.Bytes(), err
}

// WriteHistory writes to w what MarshalHistory returns, an event at a
// time, so that a long history needs no buffer of its size. The text is
// encoding/json's MarshalIndent of {"events": events} with four spaces.
func WriteHistory(w io.Writer, events []*Event) error {
	if events == nil {
		_, err := io.WriteString(w, "{\n    \"events\": null\n}")
		return err
	}
	h := newHistoryWriter(w)
	for _, e := range events {
		if err := h.event(e); err != nil {
			return err
		}
	}
	return h.close()
}

// WriteHistory writes the history so far to w as WriteHistory writes
// Events(), making its events one at a time rather than all at once: a
// long history is written in the memory of a few events.
func (x *Execution) WriteHistory(w io.Writer) error {
	h := newHistoryWriter(w)
	if err := x.log.each(h.event); err != nil {
		return err
	}
	return h.close()
}

// historyWriter writes {"events": [...]} an event at a time.
type historyWriter struct {
	bw       *bufio.Writer
	esc, ind bytes.Buffer
	n        int
}

func newHistoryWriter(w io.Writer) *historyWriter {
	return &historyWriter{bw: bufio.NewWriterSize(w, 64<<10)}
}

func (h *historyWriter) event(e *Event) error {
	raw, err := e.MarshalJSON()
	if err != nil {
		return err
	}
	// As json.Marshal does with what a MarshalJSON returns.
	h.esc.Reset()
	json.HTMLEscape(&h.esc, raw)
	h.ind.Reset()
	if err := json.Indent(&h.ind, h.esc.Bytes(), "        ", "    "); err != nil {
		return err
	}
	if h.n == 0 {
		h.bw.WriteString("{\n    \"events\": [\n        ")
	} else {
		h.bw.WriteString(",\n        ")
	}
	h.n++
	_, err = h.bw.Write(h.ind.Bytes())
	return err
}

func (h *historyWriter) close() error {
	if h.n == 0 {
		h.bw.WriteString("{\n    \"events\": []\n}")
	} else {
		h.bw.WriteString("\n    ]\n}")
	}
	return h.bw.Flush()
}

func strPtr(s string) *string { return &s }
