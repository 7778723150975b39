package cloud

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// HistoryEvent is one event of an execution's history in the shape of
// GetExecutionHistory: a timestamp, the type ("TaskStateEntered", …), the id
// and the id of the event before it, and the type's details object under its
// own key ("stateEnteredEventDetails", …), kept as raw JSON so that every
// event type, present or future, passes through unchanged.
type HistoryEvent struct {
	Timestamp       time.Time
	Type            string
	ID              int64
	PreviousEventID int64
	// DetailsKey is the name of the details member, "" if the event has none.
	DetailsKey string
	// Details is the details object as JSON; input and output inside it are
	// JSON text in strings, as AWS sends them.
	Details json.RawMessage
}

// historyTimeLayout is how the AWS CLI prints a history timestamp.
const historyTimeLayout = "2006-01-02T15:04:05.000000-07:00"

// MarshalJSON writes the event as the AWS CLI prints it: the timestamp as
// ISO 8601 text in UTC.
func (e HistoryEvent) MarshalJSON() ([]byte, error) {
	return e.appendJSON(nil, false), nil
}

// appendJSON writes the event; wire selects the timestamp of the JSON 1.0
// protocol (epoch seconds) instead of ISO text.
func (e *HistoryEvent) appendJSON(buf []byte, wire bool) []byte {
	buf = append(buf, `{"timestamp":`...)
	if wire {
		buf = appendEpoch(buf, e.Timestamp)
	} else {
		buf = append(buf, '"')
		buf = e.Timestamp.UTC().AppendFormat(buf, historyTimeLayout)
		buf = append(buf, '"')
	}
	buf = append(buf, `,"type":`...)
	buf = strconv.AppendQuote(buf, e.Type)
	buf = append(buf, `,"id":`...)
	buf = strconv.AppendInt(buf, e.ID, 10)
	buf = append(buf, `,"previousEventId":`...)
	buf = strconv.AppendInt(buf, e.PreviousEventID, 10)
	if e.DetailsKey != "" && len(e.Details) > 0 {
		buf = append(buf, ',')
		buf = strconv.AppendQuote(buf, e.DetailsKey)
		buf = append(buf, ':')
		buf = append(buf, e.Details...)
	}
	return append(buf, '}')
}

// appendEpoch writes t as epoch seconds with milliseconds, the timestamp
// format of AWS's JSON protocols.
func appendEpoch(buf []byte, t time.Time) []byte {
	return strconv.AppendFloat(buf, float64(t.UnixMilli())/1000, 'f', 3, 64)
}

// UnmarshalJSON reads an event printed by the AWS CLI, saved by Baton, or
// sent on the wire (epoch-second timestamps).
func (e *HistoryEvent) UnmarshalJSON(data []byte) error {
	*e = HistoryEvent{}
	err := eachMember(data, func(k string, v []byte) error {
		var err error
		switch k {
		case "timestamp":
			e.Timestamp, err = parseTimestamp(v)
		case "type":
			e.Type, err = unquote(v)
		case "id":
			e.ID, err = memberInt(v)
		case "previousEventId":
			e.PreviousEventID, err = memberInt(v)
		default:
			if strings.HasSuffix(k, "EventDetails") {
				if e.DetailsKey != "" {
					return fmt.Errorf("history event has two details members, %s and %s", e.DetailsKey, k)
				}
				e.DetailsKey, e.Details = k, append(json.RawMessage(nil), v...)
			}
		}
		if err != nil {
			return fmt.Errorf("history event field %s: %w", k, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if e.Type == "" {
		return fmt.Errorf("history event without a type")
	}
	return nil
}

func parseTimestamp(v []byte) (time.Time, error) {
	if len(v) > 0 && v[0] == '"' {
		s, err := unquote(v)
		if err != nil {
			return time.Time{}, err
		}
		return time.Parse(time.RFC3339Nano, s)
	}
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("timestamp %s is neither ISO 8601 text nor epoch seconds", v)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(math.Round(frac*1e3))*1e6).UTC(), nil
}

// historyFile is the AWS CLI's output of get-execution-history.
type historyFile struct {
	Events []HistoryEvent `json:"events"`
}

// SaveHistory writes events as a history file in the AWS CLI's format,
// {"events": [...]}, which LoadHistory and `aws stepfunctions
// get-execution-history` agree on.
func SaveHistory(w io.Writer, events []HistoryEvent) error {
	var buf bytes.Buffer
	buf.WriteString("{\n  \"events\": [")
	for i := range events {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		buf.Write(events[i].appendJSON(nil, false))
	}
	buf.WriteString("\n  ]\n}\n")
	_, err := w.Write(buf.Bytes())
	return err
}

// LoadHistory reads a history file: Baton's, or the output of `aws
// stepfunctions get-execution-history` (one page or several concatenated
// by --no-paginate). Events are returned in the file's order.
func LoadHistory(r io.Reader) ([]HistoryEvent, error) {
	dec := json.NewDecoder(r)
	var out []HistoryEvent
	for {
		var f historyFile
		err := dec.Decode(&f)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("history file: %w", err)
		}
		out = append(out, f.Events...)
	}
	if out == nil {
		return nil, fmt.Errorf("history file: no events")
	}
	return out, nil
}
