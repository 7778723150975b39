package runner

import (
	"slices"
	"sync"
)

// eventChunk is how many events one chunk of previous ids holds.
const eventChunk = 256

// eventLog is the history of one execution (a distributed Map's child
// executions each have their own). Ids are assigned in order, from 1.
//
// A long history must stay cheap, so events are not kept as Event values:
// each is a few bytes in a stream (its kind, type, time change, interned
// names, and its value), and Events rebuilds the Event values the first
// time someone asks for them. A small value is written out (a map costs
// far more than its encoding), a big one kept by reference, and a
// container that comes again (a state's input is the output before it; a
// part of the data rides along unchanged) is written once. See
// eventcodec.go and eventvalues.go for the layout.
type eventLog struct {
	x     *Execution
	limit int

	mu   sync.Mutex
	n    int
	over bool

	// chunks holds each event's previous id, eventChunk to a chunk
	// (previous, in jsonata_template.go, reads them).
	chunks [][]eventRec

	w      eventStream
	sec    int64 // the time of the last event
	nsec   int32
	strs   strTable
	refs   []any // values kept by reference
	rare   []any // details of kinds the stream has no layout for, as given
	recent recentValues
	site   uint64       // the event site of the value being written
	shapes [32]mapShape // the keys of the last map of each event site

	// Events rebuilt so far, and the reader of the ones after them.
	events []*Event
	rd     *eventReader
}

// eventRec is what an event keeps besides its bytes in the stream.
type eventRec struct{ PreviousEventID int64 }

// data wraps a value for an event's details.
func (l *eventLog) data(v any) JSONData { return JSONData{Value: v} }

// add records an event whose previous event is prev and returns its id.
// Past the history limit the execution fails, as AWS's does.
func (l *eventLog) add(prev int64, typ string, details any) int64 {
	l.mu.Lock()
	if !l.encode(typ, details) {
		l.encodeRare(typ, details)
	}
	id, over := l.added(prev)
	l.mu.Unlock()
	if over {
		l.overLimit()
	}
	return id
}

// addEntered records a state's entered event.
func (l *eventLog) addEntered(prev int64, typ, name string, in any) int64 {
	l.mu.Lock()
	l.encodeNamed(kindEntered, typ, name, in)
	id, over := l.added(prev)
	l.mu.Unlock()
	if over {
		l.overLimit()
	}
	return id
}

// addExited records a state's exited event.
func (l *eventLog) addExited(prev int64, typ, name string, out any, assigned map[string]string) int64 {
	l.mu.Lock()
	if assigned == nil {
		l.encodeNamed(kindExited, typ, name, out)
	} else {
		l.encodeAssigned(typ, name, out, assigned)
	}
	id, over := l.added(prev)
	l.mu.Unlock()
	if over {
		l.overLimit()
	}
	return id
}

// added numbers the event just encoded.
func (l *eventLog) added(prev int64) (id int64, over bool) {
	l.n++
	id = int64(l.n)
	k := len(l.chunks)
	if k == 0 || len(l.chunks[k-1]) == eventChunk {
		size := eventChunk
		if k == 0 {
			size = 16 // most histories are short
		}
		l.chunks = append(l.chunks, make([]eventRec, 0, size))
		k++
	}
	l.chunks[k-1] = append(l.chunks[k-1], eventRec{PreviousEventID: prev})
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

// snapshot returns the events so far.
func (l *eventLog) snapshot() []*Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rebuild()
	return append(make([]*Event, 0, len(l.events)), l.events...)
}

// rebuild makes Event values of the events recorded since the last call.
func (l *eventLog) rebuild() {
	if len(l.events) == l.n {
		return
	}
	if l.rd == nil {
		l.rd = newEventReader(l)
	}
	evs := make([]Event, l.n-len(l.events))
	l.events = slices.Grow(l.events, len(evs))
	var d detailsSlabs
	for i := range evs {
		e := &evs[i]
		l.number(e, len(l.events)+1)
		l.rd.read(e, &d)
		l.events = append(l.events, e)
	}
}

// number sets the ids of event id.
func (l *eventLog) number(e *Event, id int) {
	e.ID = int64(id)
	e.PreviousEventID = l.chunks[(id-1)/eventChunk][(id-1)%eventChunk].PreviousEventID
}

// each calls f with each event so far, in order. Events already made for
// Events are given as they are; the others are made a batch at a time and
// dropped after f, so that reading a long history takes little memory.
// The log is locked only while a batch is made.
func (l *eventLog) each(f func(*Event) error) error {
	l.mu.Lock()
	n, made := l.n, l.events[:len(l.events):len(l.events)]
	r := newEventReader(l)
	if l.rd != nil { // go on from the events made
		r.c, r.sec, r.nsec = l.rd.c, l.rd.sec, l.rd.nsec
	}
	l.mu.Unlock()
	for _, e := range made {
		if err := f(e); err != nil {
			return err
		}
	}
	batch := make([]Event, 0, min(eventChunk, n-len(made)))
	for id := len(made) + 1; id <= n; {
		batch = batch[:0]
		var d detailsSlabs
		l.mu.Lock()
		for ; id <= n && len(batch) < cap(batch); id++ {
			batch = append(batch, Event{})
			l.number(&batch[len(batch)-1], id)
			r.read(&batch[len(batch)-1], &d)
		}
		l.mu.Unlock()
		for i := range batch {
			if err := f(&batch[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// len is the number of events so far.
func (l *eventLog) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n
}
