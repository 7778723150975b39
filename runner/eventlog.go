package runner

import "sync"

// eventChunk is how many events (and state details) are allocated at
// once: one allocation per chunk instead of one per event keeps a long
// history cheap for the allocator and the garbage collector.
const eventChunk = 256

// eventLog is the history of one execution (a distributed Map's child
// executions each have their own). Ids are assigned in order, from 1.
type eventLog struct {
	x      *Execution
	mu     sync.Mutex
	events []*Event
	limit  int
	over   bool

	chunk   []Event
	entered []StateEnteredEventDetails
	exited  []StateExitedEventDetails
}

// add records an event whose previous event is prev and returns its id.
// Past the history limit the execution fails, as AWS's does.
func (l *eventLog) add(prev int64, typ string, details any) int64 {
	ts := l.x.now()
	l.mu.Lock()
	id := int64(len(l.events) + 1)
	if len(l.chunk) == cap(l.chunk) {
		l.chunk = make([]Event, 0, eventChunk)
	}
	l.chunk = append(l.chunk, Event{ID: id, PreviousEventID: prev, Timestamp: ts, Type: typ, Details: details})
	l.events = append(l.events, &l.chunk[len(l.chunk)-1])
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

// enteredDetails allocates the details of a state entered event.
func (l *eventLog) enteredDetails(name string, in any) *StateEnteredEventDetails {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.entered) == cap(l.entered) {
		l.entered = make([]StateEnteredEventDetails, 0, eventChunk)
	}
	l.entered = append(l.entered, StateEnteredEventDetails{Name: name, Input: JSONData{in}, InputDetails: notTruncated})
	return &l.entered[len(l.entered)-1]
}

// exitedDetails allocates the details of a state exited event.
func (l *eventLog) exitedDetails(name string, out any) *StateExitedEventDetails {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.exited) == cap(l.exited) {
		l.exited = make([]StateExitedEventDetails, 0, eventChunk)
	}
	l.exited = append(l.exited, StateExitedEventDetails{Name: name, Output: JSONData{out}, OutputDetails: notTruncated})
	return &l.exited[len(l.exited)-1]
}

func (l *eventLog) snapshot() []*Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]*Event(nil), l.events...)
}
