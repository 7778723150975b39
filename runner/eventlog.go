package runner

import "sync"

// eventLog is the history of one execution (a distributed Map's child
// executions each have their own). Ids are assigned in order, from 1.
type eventLog struct {
	x      *Execution
	mu     sync.Mutex
	events []*Event
	limit  int
	over   bool
}

// add records an event whose previous event is prev and returns its id.
// Past the history limit the execution fails, as AWS's does.
func (l *eventLog) add(prev int64, typ string, details any) int64 {
	ts := l.x.now()
	l.mu.Lock()
	id := int64(len(l.events) + 1)
	l.events = append(l.events, &Event{ID: id, PreviousEventID: prev, Timestamp: ts, Type: typ, Details: details})
	over := l.limit > 0 && len(l.events) > l.limit && !l.over
	if over {
		l.over = true
	}
	l.mu.Unlock()
	if over {
		l.x.cancel(Errorf(ErrRuntime, "The execution reached the maximum number of history events (%d).", l.limit))
		l.x.sched.wakeCancelled()
	}
	return id
}

func (l *eventLog) snapshot() []*Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]*Event(nil), l.events...)
}
