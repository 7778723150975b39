package runner

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"
)

// eventReader reads a log's events in order, making Event values of them.
// The log keeps one for Events; WriteHistory uses one of its own.
type eventReader struct {
	l      *eventLog
	c      streamCursor
	sec    int64 // the time of the last event read
	nsec   int32
	parsed *parsedValues
}

func newEventReader(l *eventLog) *eventReader {
	return &eventReader{l: l, parsed: new(parsedValues)}
}

// detailsSlabs hands out the details of the kinds most events have, many
// at a time.
type detailsSlabs struct {
	entered slab[StateEnteredEventDetails]
	exited  slab[StateExitedEventDetails]
}

type slab[T any] struct{ free []T }

func (s *slab[T]) new() *T {
	if len(s.free) == 0 {
		s.free = make([]T, eventChunk)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}

// read reads the next event into e (all but its ids).
func (r *eventReader) read(e *Event, d *detailsSlabs) {
	l, s, c := r.l, &r.l.w, &r.c
	c.next(s)
	h := c.byte(s)
	e.Type = l.strs.strs[c.uvarint(s)]
	if h&timeChanged != 0 {
		r.sec += c.varint(s)
		r.nsec += int32(c.varint(s))
	}
	e.Timestamp = time.Unix(r.sec, int64(r.nsec)).UTC()
	switch h & kindMask {
	case kindNone:
	case kindRare:
		e.Details = l.rare[c.uvarint(s)]
	case kindEntered:
		x := d.entered.new()
		*x = StateEnteredEventDetails{Name: r.str(), Input: JSONData{Value: r.value()}, InputDetails: notTruncated}
		e.Details = x
	case kindExited:
		x := d.exited.new()
		*x = StateExitedEventDetails{Name: r.str(), Output: JSONData{Value: r.value()}, OutputDetails: notTruncated}
		e.Details = x
	case kindExitedAssigned:
		x := &StateExitedEventDetails{Name: r.str(), Output: JSONData{Value: r.value()}, OutputDetails: notTruncated, AssignedVariablesDetails: notTruncated}
		n := int(c.uvarint(s))
		x.AssignedVariables = make(map[string]string, n)
		for range n {
			k := r.str()
			x.AssignedVariables[k] = r.raw()
		}
		e.Details = x
	case kindTaskScheduled:
		x := &TaskScheduledEventDetails{ResourceType: r.str(), Resource: r.str(), Region: r.str()}
		x.TimeoutInSeconds, x.HeartbeatInSeconds = opts(r, r.num)
		x.Parameters = JSONData{Value: r.value()}
		e.Details = x
	case kindTask:
		e.Details = &TaskEventDetails{ResourceType: r.str(), Resource: r.str()}
	case kindTaskOutput:
		e.Details = &TaskOutputEventDetails{ResourceType: r.str(), Resource: r.str(), Output: JSONData{Value: r.value()}, OutputDetails: notTruncated}
	case kindTaskFailure:
		x := &TaskFailureEventDetails{ResourceType: r.str(), Resource: r.str()}
		x.Error, x.Cause = opts(r, r.raw)
		e.Details = x
	case kindLambdaScheduled:
		x := &LambdaFunctionScheduledEventDetails{Resource: r.str(), InputDetails: notTruncated}
		x.TimeoutInSeconds, _ = opts(r, r.num)
		x.Input = JSONData{Value: r.value()}
		e.Details = x
	case kindOutput:
		e.Details = &OutputEventDetails{Output: JSONData{Value: r.value()}, OutputDetails: notTruncated}
	case kindMapIteration:
		e.Details = &MapIterationEventDetails{Name: r.str(), Index: int(r.num())}
	default:
		panic(fmt.Sprintf("runner: history event %d has unknown kind %d", e.ID, h&kindMask))
	}
}

// The readers below take the next field.

func (r *eventReader) str() string { return r.l.strs.strs[r.c.uvarint(&r.l.w)] }

func (r *eventReader) raw() string {
	n := int(r.c.uvarint(&r.l.w))
	return string(r.c.bytes(&r.l.w, n))
}

// opts reads what putOpts wrote, each field with read.
func opts[T any](r *eventReader, read func() T) (first, second *T) {
	o := r.c.byte(&r.l.w)
	if o&optFirst != 0 {
		v := read()
		first = &v
	}
	if o&optSecond != 0 {
		v := read()
		second = &v
	}
	return first, second
}

func (r *eventReader) num() int64 { return r.c.varint(&r.l.w) }

func (r *eventReader) value() any {
	s, c := &r.l.w, &r.c
	v, next := r.readValue(s.blocks[c.blk], c.off, s.bases[c.blk])
	c.off = next
	return v
}

// readValue decodes the value whose tag is at b[i] (the block starting at
// stream position base) and returns it with the index after it.
func (r *eventReader) readValue(b []byte, i int, base int64) (any, int) {
	pos := base + int64(i)
	tag := b[i]
	i++
	switch tag {
	case vNull:
		return nil, i
	case vFalse:
		return false, i
	case vTrue:
		return true, i
	case vInt64:
		n, k := binary.Varint(b[i:])
		return n, i + k
	case vInt:
		n, k := binary.Varint(b[i:])
		return int(n), i + k
	case vFloat:
		return math.Float64frombits(binary.LittleEndian.Uint64(b[i:])), i + 8
	case vString:
		n, k := binary.Uvarint(b[i:])
		i += k
		return string(b[i : i+int(n)]), i + int(n)
	case vObject, vArray:
		n, k := binary.Uvarint(b[i:])
		i += k
		var v any
		if tag == vObject {
			m := make(map[string]any, n)
			for range n {
				kn, k := binary.Uvarint(b[i:])
				i += k
				key := string(b[i : i+int(kn)])
				m[key], i = r.readValue(b, i+int(kn), base)
			}
			v = m
		} else {
			a := make([]any, n)
			for j := range a {
				a[j], i = r.readValue(b, i, base)
			}
			v = a
		}
		r.parsed.put(pos, v)
		return v, i
	case vBack:
		d, k := binary.Uvarint(b[i:])
		at := pos - int64(d)
		if v, ok := r.parsed.get(at); ok {
			return v, i + k
		}
		v, _ := r.readValue(r.l.w.at(at), 0, at)
		return v, i + k
	case vRef:
		n, k := binary.Uvarint(b[i:])
		return r.l.refs[n], i + k
	}
	// The log wrote the bytes itself: this is a bug, not bad input.
	panic(fmt.Sprintf("runner: history value at %d has unknown tag %d", pos, tag))
}

// parsedValues remembers the containers decoded at recent stream
// positions while events are rebuilt, so that events that shared a value
// share it again.
type parsedValues [1024]struct {
	pos int64
	v   any
}

func (p *parsedValues) get(pos int64) (any, bool) {
	e := &p[pos%int64(len(p))]
	if e.v != nil && e.pos == pos {
		return e.v, true
	}
	return nil, false
}

func (p *parsedValues) put(pos int64, v any) {
	e := &p[pos%int64(len(p))]
	e.pos, e.v = pos, v
}
