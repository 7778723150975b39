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
	chunks [][]Event // full chunks, then the one being filled
	n      int
	limit  int
	over   bool

	chunk   []Event
	entered []StateEnteredEventDetails
	exited  []StateExitedEventDetails
}

// data wraps a value for an event: by reference, serialized only when
// the event is written out.
func (l *eventLog) data(v any) JSONData { return JSONData{Value: v} }

// add records an event whose previous event is prev and returns its id.
// Past the history limit the execution fails, as AWS's does.
func (l *eventLog) add(prev int64, typ string, details any) int64 {
	l.mu.Lock()
	id, over := l.addLocked(prev, typ, details)
	l.mu.Unlock()
	if over {
		l.overLimit()
	}
	return id
}

// addEntered records a state's entered event.
func (l *eventLog) addEntered(prev int64, typ, name string, in any) int64 {
	l.mu.Lock()
	if len(l.entered) == cap(l.entered) {
		l.entered = make([]StateEnteredEventDetails, 0, eventChunk)
	}
	l.entered = append(l.entered, StateEnteredEventDetails{Name: name, Input: JSONData{Value: in}, InputDetails: notTruncated})
	id, over := l.addLocked(prev, typ, &l.entered[len(l.entered)-1])
	l.mu.Unlock()
	if over {
		l.overLimit()
	}
	return id
}

// addExited records a state's exited event.
func (l *eventLog) addExited(prev int64, typ, name string, out any, assigned map[string]string) int64 {
	l.mu.Lock()
	if len(l.exited) == cap(l.exited) {
		l.exited = make([]StateExitedEventDetails, 0, eventChunk)
	}
	d := StateExitedEventDetails{Name: name, Output: JSONData{Value: out}, OutputDetails: notTruncated}
	if assigned != nil {
		d.AssignedVariables, d.AssignedVariablesDetails = assigned, notTruncated
	}
	l.exited = append(l.exited, d)
	id, over := l.addLocked(prev, typ, &l.exited[len(l.exited)-1])
	l.mu.Unlock()
	if over {
		l.overLimit()
	}
	return id
}

func (l *eventLog) addLocked(prev int64, typ string, details any) (id int64, over bool) {
	l.n++
	id = int64(l.n)
	if len(l.chunk) == cap(l.chunk) {
		l.chunk = make([]Event, 0, eventChunk)
		l.chunks = append(l.chunks, nil)
	}
	l.chunk = append(l.chunk, Event{ID: id, PreviousEventID: prev, Timestamp: l.x.now(), Type: typ, Details: details})
	l.chunks[len(l.chunks)-1] = l.chunk
	over = l.limit > 0 && l.n > l.limit && !l.over
	if over {
		l.over = true
	}
	return id, over
}

// overLimit fails the execution for having too many events.
func (l *eventLog) overLimit() {
	l.x.cancel(Errorf(ErrRuntime, "The execution reached the maximum number of history events (%d).", l.limit))
	l.x.sched.wakeCancelled()
}

func (l *eventLog) snapshot() []*Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]*Event, 0, l.n)
	for _, c := range l.chunks {
		for i := range c {
			out = append(out, &c[i])
		}
	}
	return out
}

// len is the number of events so far.
func (l *eventLog) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n
}
