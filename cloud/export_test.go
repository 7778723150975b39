package cloud

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// WaitDone blocks until the execution arn, if running here, has ended and
// been stored.
func (s *Server) WaitDone(arn string) {
	s.mu.Lock()
	l := s.live[arn]
	s.mu.Unlock()
	if l != nil {
		<-l.done
	}
}

// Crash closes the store under running executions, as a killed process
// would leave it: they are never finished.
func (s *Server) Crash() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.store.close()
	s.cancel()
}

// SeedExecutions stores n ended executions of the machine arn, each with
// a history of events events, and running more still marked RUNNING, in
// one transaction, as a long-used store would hold them.
func SeedExecutions(dir, arn string, n, events, running int) error {
	st, err := openStore(dir)
	if err != nil {
		return err
	}
	defer st.close()
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	hist := make([]HistoryEvent, events)
	for i := range hist {
		hist[i] = HistoryEvent{Timestamp: start, Type: "PassStateEntered", ID: int64(i + 1), PreviousEventID: int64(i),
			DetailsKey: "stateEnteredEventDetails", Details: json.RawMessage(`{"name":"S","input":"{}"}`)}
	}
	return st.db.Update(func(tx *bolt.Tx) error {
		idx, err := tx.Bucket(bucketByMachine).CreateBucketIfNotExists([]byte(arn))
		if err != nil {
			return err
		}
		for i := range n + running {
			p, _ := parseArn(arn)
			e := execRecord{Arn: executionArn(p.Region, p.Machine, fmt.Sprintf("e%06d", i)), MachineArn: arn, Name: fmt.Sprintf("e%06d", i),
				Status: "SUCCEEDED", Start: start.Add(time.Duration(i) * time.Millisecond), Input: "{}", RevisionID: "r"}
			if i >= n {
				e.Status = "RUNNING"
				if err := tx.Bucket(bucketRunning).Put([]byte(e.Arn), nil); err != nil {
					return err
				}
			} else {
				e.Stop = e.Start
				if err := putHistory(tx, e.Arn, hist); err != nil {
					return err
				}
			}
			if err := putJSON(tx.Bucket(bucketExecs), e.Arn, e); err != nil {
				return err
			}
			if err := idx.Put(execKey(&e), []byte(e.Arn)); err != nil {
				return err
			}
		}
		return nil
	})
}
