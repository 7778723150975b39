package runner

import (
	"encoding/binary"
)

// How an event is laid out in the history's stream:
//
//	header   one byte: the kind (low four bits), timeChanged
//	type     uvarint: the interned event type
//	time     if timeChanged: varint seconds and varint nanoseconds, the
//	         change since the event before
//	details  by kind, below: uvarint interned strings (names, resources),
//	         varint numbers, uvarint-length raw strings, and a value
//
// Values are laid out as eventvalues.go says.
const (
	kindNone            = iota // no details
	kindRare                   // uvarint index in rare: details kept as given
	kindEntered                // name, value
	kindExited                 // name, value
	kindExitedAssigned         // name, value, count, count × (name, raw JSON)
	kindTaskScheduled          // resource type, resource, region, options, value
	kindTask                   // resource type, resource
	kindTaskOutput             // resource type, resource, value
	kindTaskFailure            // resource type, resource, options (raw error, cause)
	kindLambdaScheduled        // resource, options, value
	kindOutput                 // value
	kindMapIteration           // name, index

	timeChanged = 0x10
	kindMask    = 0x0f
)

// Options of a kind: a byte saying which optional fields follow.
const (
	optFirst  = 1 // timeout, or error
	optSecond = 2 // heartbeat, or cause
)

// eventBytes bounds what an event takes in the stream besides its value
// and raw strings; valueBytes is what a value usually takes at most. A
// bigger one makes its block grow (a block's position in the stream does
// not change when it moves).
const (
	eventBytes = 64
	valueBytes = 256
)

// untruncated is true for the data details every event of Baton has.
func untruncated(d *DataDetails) bool { return d != nil && !d.Truncated }

// encode writes the event when its details have a layout, and reports
// whether they had one.
func (l *eventLog) encode(typ string, details any) bool {
	switch d := details.(type) {
	case nil:
		l.w.commit(l.begin(kindNone, typ, 0))
	case *StateEnteredEventDetails:
		if !untruncated(d.InputDetails) {
			return false
		}
		l.encodeNamed(kindEntered, typ, d.Name, d.Input.Value)
	case *StateExitedEventDetails:
		switch {
		case !untruncated(d.OutputDetails):
			return false
		case d.AssignedVariables == nil && d.AssignedVariablesDetails == nil:
			l.encodeNamed(kindExited, typ, d.Name, d.Output.Value)
		case untruncated(d.AssignedVariablesDetails):
			l.encodeAssigned(typ, d.Name, d.Output.Value, d.AssignedVariables)
		default:
			return false
		}
	case *TaskScheduledEventDetails:
		if d.TaskCredentials != nil {
			return false
		}
		b := l.begin(kindTaskScheduled, typ, valueBytes)
		b = l.putStr(b, d.ResourceType)
		b = l.putStr(b, d.Resource)
		b = l.putStr(b, d.Region)
		b = putOpts(b, d.TimeoutInSeconds, d.HeartbeatInSeconds, binary.AppendVarint)
		l.w.commit(l.putValue(b, d.Parameters.Value))
	case *TaskEventDetails:
		b := l.begin(kindTask, typ, 0)
		b = l.putStr(b, d.ResourceType)
		l.w.commit(l.putStr(b, d.Resource))
	case *TaskOutputEventDetails:
		if !untruncated(d.OutputDetails) {
			return false
		}
		b := l.begin(kindTaskOutput, typ, valueBytes)
		b = l.putStr(b, d.ResourceType)
		b = l.putStr(b, d.Resource)
		l.w.commit(l.putValue(b, d.Output.Value))
	case *TaskFailureEventDetails:
		b := l.begin(kindTaskFailure, typ, rawSize(d.Error)+rawSize(d.Cause))
		b = l.putStr(b, d.ResourceType)
		b = l.putStr(b, d.Resource)
		l.w.commit(putOpts(b, d.Error, d.Cause, putRaw))
	case *LambdaFunctionScheduledEventDetails:
		if d.TaskCredentials != nil || !untruncated(d.InputDetails) {
			return false
		}
		b := l.begin(kindLambdaScheduled, typ, valueBytes)
		b = l.putStr(b, d.Resource)
		b = putOpts(b, d.TimeoutInSeconds, nil, binary.AppendVarint)
		l.w.commit(l.putValue(b, d.Input.Value))
	case *OutputEventDetails:
		if !untruncated(d.OutputDetails) {
			return false
		}
		l.w.commit(l.putValue(l.begin(kindOutput, typ, valueBytes), d.Output.Value))
	case *MapIterationEventDetails:
		b := l.begin(kindMapIteration, typ, 0)
		b = l.putStr(b, d.Name)
		l.w.commit(binary.AppendVarint(b, int64(d.Index)))
	default:
		return false
	}
	return true
}

// encodeRare writes an event whose details the stream keeps as given.
func (l *eventLog) encodeRare(typ string, details any) {
	b := l.begin(kindRare, typ, 0)
	b = binary.AppendUvarint(b, uint64(len(l.rare)))
	l.rare = append(l.rare, details)
	l.w.commit(b)
}

// encodeNamed writes an event of a kind with a name and a value.
func (l *eventLog) encodeNamed(kind byte, typ, name string, value any) {
	b := l.begin(kind, typ, valueBytes)
	b = l.putStr(b, name)
	l.w.commit(l.putValue(b, value))
}

// encodeAssigned writes a state's exited event with the variables it
// assigned (names and JSON texts).
func (l *eventLog) encodeAssigned(typ, name string, value any, assigned map[string]string) {
	extra := valueBytes
	for k, text := range assigned {
		extra += 2*binary.MaxVarintLen64 + len(k) + len(text)
	}
	b := l.begin(kindExitedAssigned, typ, extra)
	b = l.putStr(b, name)
	b = l.putValue(b, value)
	b = binary.AppendUvarint(b, uint64(len(assigned)))
	for k, text := range assigned {
		b = l.putStr(b, k)
		b = putRaw(b, text)
	}
	l.w.commit(b)
}

// begin starts an event in the stream, with room for extra bytes of
// texts, and returns the block to append its details to.
func (l *eventLog) begin(kind byte, typ string, extra int) []byte {
	t := l.x.now()
	sec, nsec := t.Unix(), int32(t.Nanosecond())
	b := l.w.reserve(eventBytes + extra)
	tc := l.strs.code(typ)
	l.site = tc
	if sec == l.sec && nsec == l.nsec {
		b = append(b, kind)
		return binary.AppendUvarint(b, tc)
	}
	b = append(b, kind|timeChanged)
	b = binary.AppendUvarint(b, tc)
	b = binary.AppendVarint(b, sec-l.sec)
	b = binary.AppendVarint(b, int64(nsec-l.nsec))
	l.sec, l.nsec = sec, nsec
	return b
}

// putStr appends an interned string; it is part of the site of the value
// that follows (see mapShape).
func (l *eventLog) putStr(b []byte, s string) []byte {
	c := l.strs.code(s)
	l.site = l.site*0x9e3779b97f4a7c15 + c + 1
	return binary.AppendUvarint(b, c)
}

// putOpts appends a byte saying which of two optional fields are there,
// then those that are, each with put.
func putOpts[T any](b []byte, first, second *T, put func([]byte, T) []byte) []byte {
	opts := byte(0)
	if first != nil {
		opts |= optFirst
	}
	if second != nil {
		opts |= optSecond
	}
	b = append(b, opts)
	if first != nil {
		b = put(b, *first)
	}
	if second != nil {
		b = put(b, *second)
	}
	return b
}

func putRaw(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func rawSize(s *string) int {
	if s == nil {
		return 0
	}
	return binary.MaxVarintLen64 + len(*s)
}
