package cloud

import (
	"baton/runner"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// store keeps Server's state machines and executions in one bbolt file
// under the data folder. Every record is JSON; writes from concurrent
// requests are coalesced into shared transactions (bolt's Batch), so each
// stays durable without one disk sync per request.
type store struct {
	db *bolt.DB
}

// Buckets of the store.
var (
	bucketMachines  = []byte("machines")   // machine ARN → machineRecord
	bucketRevisions = []byte("revisions")  // revision id → revisionRecord
	bucketExecs     = []byte("executions") // execution ARN → execRecord
	bucketHistory   = []byte("history")    // execution ARN → {event id (8 bytes) → event JSON, wire form}
	bucketRunning   = []byte("running")    // execution ARN → "" while it runs
	bucketByMachine = []byte("byMachine")  // machine ARN → {newest-first key → execution ARN}
)

// machineRecord is a state machine.
type machineRecord struct {
	Arn          string          `json:"arn"`
	Name         string          `json:"name"`
	Type         string          `json:"type"`
	RevisionID   string          `json:"revisionId"`
	Definition   string          `json:"definition"`
	RoleArn      string          `json:"roleArn"`
	Logging      json.RawMessage `json:"logging,omitempty"`
	Tracing      json.RawMessage `json:"tracing,omitempty"`
	Created      time.Time       `json:"created"`
	Updated      time.Time       `json:"updated"`
	Versions     []versionRecord `json:"versions,omitempty"`
	Description  string          `json:"description,omitempty"`
	VersionCount int             `json:"versionCount,omitempty"`
}

// versionRecord is a published version of a state machine.
type versionRecord struct {
	Number      int       `json:"number"`
	RevisionID  string    `json:"revisionId"`
	Description string    `json:"description,omitempty"`
	Created     time.Time `json:"created"`
}

// revisionRecord is a definition as it was at one revision, so that
// DescribeStateMachineForExecution shows what an execution ran.
type revisionRecord struct {
	Definition string    `json:"definition"`
	RoleArn    string    `json:"roleArn"`
	Updated    time.Time `json:"updated"`
}

// execRecord is an execution.
type execRecord struct {
	Arn          string    `json:"arn"`
	MachineArn   string    `json:"machineArn"`
	VersionArn   string    `json:"versionArn,omitempty"`
	Name         string    `json:"name"`
	Status       string    `json:"status"`
	Start        time.Time `json:"start"`
	Stop         time.Time `json:"stop,omitzero"`
	Input        string    `json:"input"`
	Output       *string   `json:"output,omitempty"`
	Error        *string   `json:"error,omitempty"`
	Cause        *string   `json:"cause,omitempty"`
	RevisionID   string    `json:"revisionId"`
	TestCase     string    `json:"testCase,omitempty"`
	StartedEvent []byte    `json:"startedEvent,omitempty"`
}

// openStore opens (creating) dir/baton-serve.db.
func openStore(dir string) (*store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "baton-serve.db")
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("%s is in use by another baton serve", path)
	}
	if err != nil {
		return nil, err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketMachines, bucketRevisions, bucketExecs, bucketHistory, bucketRunning, bucketByMachine} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return &store{db: db}, nil
}

func (s *store) close() error { return s.db.Close() }

func getJSON(b *bolt.Bucket, key string, v any) (bool, error) {
	data := b.Get([]byte(key))
	if data == nil {
		return false, nil
	}
	return true, json.Unmarshal(data, v)
}

func putJSON(b *bolt.Bucket, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put([]byte(key), data)
}

// machine reads a state machine; ok is false if there is none.
func (s *store) machine(arn string) (m machineRecord, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		ok, err = getJSON(tx.Bucket(bucketMachines), arn, &m)
		return err
	})
	return m, ok, err
}

// revision reads the definition of a revision.
func (s *store) revision(id string) (r revisionRecord, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		ok, err = getJSON(tx.Bucket(bucketRevisions), id, &r)
		return err
	})
	return r, ok, err
}

// execution reads an execution record.
func (s *store) execution(arn string) (e execRecord, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		ok, err = getJSON(tx.Bucket(bucketExecs), arn, &e)
		return err
	})
	return e, ok, err
}

// historyPage reads up to max stored events of an ended execution (in
// the wire form of GetExecutionHistory) after the event with id after (0
// for the first page), in id order or reversed; more says whether events
// follow. Only the page is read, however long the history.
func (s *store) historyPage(arn string, after int64, max int, reverse bool) (events [][]byte, more bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketHistory).Bucket([]byte(arn))
		if b == nil {
			return nil
		}
		c := b.Cursor()
		var k, v []byte
		switch {
		case !reverse && after == 0:
			k, v = c.First()
		case !reverse:
			k, v = c.Seek(idKey(after + 1))
		case after == 0:
			k, v = c.Last()
		default:
			k, v = c.Seek(idKey(after))
			k, v = c.Prev()
		}
		for ; k != nil; k, v = step(c, reverse) {
			if len(events) == max {
				more = true
				return nil
			}
			events = append(events, bytes.Clone(v))
		}
		return nil
	})
	return events, more, err
}

func step(c *bolt.Cursor, reverse bool) ([]byte, []byte) {
	if reverse {
		return c.Prev()
	}
	return c.Next()
}

func idKey(id int64) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(id))
}

// putHistory stores the events of an execution, each in its wire form.
func putHistory(tx *bolt.Tx, arn string, events []HistoryEvent) error {
	b, err := tx.Bucket(bucketHistory).CreateBucketIfNotExists([]byte(arn))
	if err != nil {
		return err
	}
	for i := range events {
		// bolt keeps the value until the transaction commits: one
		// buffer per event.
		if err := b.Put(idKey(events[i].ID), events[i].appendJSON(nil, true)); err != nil {
			return err
		}
	}
	return nil
}

// saveMachine changes the state machine arn in one transaction: fn gets
// the stored record (exists false if there is none), changes it or
// refuses with an error, and the result is written with its revision.
func (s *store) saveMachine(arn string, fn func(m *machineRecord, exists bool) error) (machineRecord, error) {
	var m machineRecord
	err := s.db.Update(func(tx *bolt.Tx) error {
		m = machineRecord{}
		ok, err := getJSON(tx.Bucket(bucketMachines), arn, &m)
		if err != nil {
			return err
		}
		if err := fn(&m, ok); err != nil {
			return err
		}
		if err := putJSON(tx.Bucket(bucketRevisions), m.RevisionID, revisionRecord{Definition: m.Definition, RoleArn: m.RoleArn, Updated: m.Updated}); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bucketMachines), m.Arn, m)
	})
	return m, err
}

// deleteMachine removes a state machine; its executions stay, as on AWS.
func (s *store) deleteMachine(arn string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMachines).Delete([]byte(arn))
	})
}

// listMachines returns up to max machines with ARNs after the token,
// in ARN order, and the token of the next page ("" at the end).
func (s *store) listMachines(after string, max int) (out []machineRecord, next string, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketMachines).Cursor()
		k, v := c.First()
		if after != "" {
			k, v = c.Seek([]byte(after))
			if k != nil && string(k) == after {
				k, v = c.Next()
			}
		}
		for ; k != nil; k, v = c.Next() {
			if len(out) == max {
				next = string(out[len(out)-1].Arn)
				return nil
			}
			var m machineRecord
			if err := json.Unmarshal(v, &m); err != nil {
				return err
			}
			out = append(out, m)
		}
		return nil
	})
	return out, next, err
}

// execKey orders a machine's executions newest first: the start time
// inverted, then the name.
func execKey(e *execRecord) []byte {
	k := make([]byte, 8, 8+len(e.Name))
	binary.BigEndian.PutUint64(k, math.MaxUint64-uint64(e.Start.UnixNano()))
	return append(k, e.Name...)
}

// errExists is returned by startExecution when the name is taken; existing
// holds the execution that has it.
type errExists struct{ existing execRecord }

func (e *errExists) Error() string { return "execution exists: " + e.existing.Arn }

// startExecution records a new running execution, atomically refusing
// (with *errExists) when one with the same ARN exists.
func (s *store) startExecution(e execRecord) error {
	return s.db.Batch(func(tx *bolt.Tx) error {
		var old execRecord
		ok, err := getJSON(tx.Bucket(bucketExecs), e.Arn, &old)
		if err != nil {
			return err
		}
		if ok {
			return &errExists{existing: old}
		}
		if err := putJSON(tx.Bucket(bucketExecs), e.Arn, e); err != nil {
			return err
		}
		if err := tx.Bucket(bucketRunning).Put([]byte(e.Arn), nil); err != nil {
			return err
		}
		idx, err := tx.Bucket(bucketByMachine).CreateBucketIfNotExists([]byte(e.MachineArn))
		if err != nil {
			return err
		}
		return idx.Put(execKey(&e), []byte(e.Arn))
	})
}

// endExecution records how an execution ended, with its whole history.
func (s *store) endExecution(e execRecord, events []HistoryEvent) error {
	return s.db.Batch(func(tx *bolt.Tx) error {
		if err := putJSON(tx.Bucket(bucketExecs), e.Arn, e); err != nil {
			return err
		}
		if err := putHistory(tx, e.Arn, events); err != nil {
			return err
		}
		return tx.Bucket(bucketRunning).Delete([]byte(e.Arn))
	})
}

// listExecutions returns up to max executions of a machine, newest first,
// after the token; status filters when not "".
func (s *store) listExecutions(machine, status, after string, max int) (out []execRecord, next string, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		idx := tx.Bucket(bucketByMachine).Bucket([]byte(machine))
		if idx == nil {
			return nil
		}
		execs := tx.Bucket(bucketExecs)
		c := idx.Cursor()
		k, v := c.First()
		if after != "" {
			k, v = c.Seek([]byte(after))
			if k != nil && string(k) == after {
				k, v = c.Next()
			}
		}
		var lastKey []byte
		for ; k != nil; k, v = c.Next() {
			var e execRecord
			if ok, err := getJSON(execs, string(v), &e); err != nil || !ok {
				if err != nil {
					return err
				}
				continue
			}
			if status != "" && e.Status != status {
				continue
			}
			if len(out) == max {
				next = string(lastKey)
				return nil
			}
			out = append(out, e)
			lastKey = bytes.Clone(k)
		}
		return nil
	})
	return out, next, err
}

// failInterrupted marks every execution that was running when the store
// was last closed as FAILED, with a history that says why, and returns
// how many there were.
func (s *store) failInterrupted(now time.Time) (int, error) {
	n := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		running := tx.Bucket(bucketRunning)
		var arns [][]byte
		running.ForEach(func(k, _ []byte) error {
			arns = append(arns, bytes.Clone(k))
			return nil
		})
		for _, arn := range arns {
			var e execRecord
			ok, err := getJSON(tx.Bucket(bucketExecs), string(arn), &e)
			if err != nil {
				return err
			}
			if ok {
				errName, cause := "States.Runtime", "baton serve stopped while this execution was running; it was marked FAILED when the server restarted"
				e.Status, e.Stop, e.Error, e.Cause = "FAILED", now, &errName, &cause
				events := interruptedHistory(&e)
				if err := putJSON(tx.Bucket(bucketExecs), e.Arn, e); err != nil {
					return err
				}
				if err := putHistory(tx, e.Arn, events); err != nil {
					return err
				}
				n++
			}
			if err := running.Delete(arn); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// interruptedHistory is the history of an execution lost in a crash: its
// ExecutionStarted event and an ExecutionFailed event with the reason.
func interruptedHistory(e *execRecord) []HistoryEvent {
	var events []HistoryEvent
	if len(e.StartedEvent) > 0 {
		var started HistoryEvent
		if json.Unmarshal(e.StartedEvent, &started) == nil {
			events = append(events, started)
		}
	}
	details, _ := json.Marshal(map[string]string{"error": *e.Error, "cause": *e.Cause})
	events = append(events, HistoryEvent{
		Timestamp: e.Stop, Type: "ExecutionFailed", ID: int64(len(events) + 1), PreviousEventID: int64(len(events)),
		DetailsKey: runner.DetailsKey("ExecutionFailed"), Details: details,
	})
	return events
}
