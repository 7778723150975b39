package runner

import (
	"encoding/binary"
	"math"
	"unsafe"
)

// smallValueBytes is the largest container the history writes out, in
// bytes of its encoding. A small map costs several times its encoding in
// memory (a Go map has a fixed cost of a few hundred bytes), and most state
// data is small and made afresh at every state, so the history keeps the
// encoding and lets the map go. A bigger container is usually a document
// that rides along from state to state, mostly unchanged and shared: the
// history keeps it by reference, which costs nothing more.
const smallValueBytes = 1024

// How a value is encoded in the history's stream: a tag byte, then
//
//	vInt64, vInt   varint
//	vFloat         the 8 bytes of its IEEE bits, little-endian
//	vString        uvarint length, bytes
//	vObject        uvarint count, then count × (uvarint length, key bytes, value)
//	vArray         uvarint count, then count × value
//	vBack          uvarint distance back to the tag of the same container,
//	               written before
//	vRef           uvarint index in the log's refs: kept by reference
//
// Numbers keep their Go type and bits, and strings their bytes, so the
// value read back is written out exactly as the original.
const (
	vNull byte = iota
	vFalse
	vTrue
	vInt64
	vInt
	vFloat
	vString
	vObject
	vArray
	vBack
	vRef
)

// refBytes bounds a vRef or vBack tag.
const refBytes = 1 + binary.MaxVarintLen64

// putValue appends value v to b, the stream's last block. It takes at most
// smallValueBytes + refBytes bytes.
func (l *eventLog) putValue(b []byte, v any) []byte {
	end := len(b) + smallValueBytes + refBytes
	if m, ok := v.(map[string]any); ok && m != nil {
		b, _ = l.appendContainer(b, v, len(m), end, l.shapeAt(l.site))
		return b
	}
	b, _ = l.appendValue(b, v, end)
	return b
}

// mapShape is the keys of the last map an event site had. The maps a
// state makes (Parameters, ResultSelector, a task's result) have the same
// keys each time, and looking each up costs half as much as walking a
// map: a map of that many keys that has them all has no others.
type mapShape struct {
	site uint64
	keys []string
}

// shapeAt returns the shape slot of an event site: the event's type and
// the strings written before its value (see begin and putStr). The slot
// may hold another site's shape.
func (l *eventLog) shapeAt(site uint64) *mapShape {
	return &l.shapes[(site^site>>17)&uint64(len(l.shapes)-1)]
}

// appendValue appends v to b if it fits before index end, and reports
// whether it did. A container that does not fit in smallValueBytes is
// kept by reference instead, and so is a long string or a value of a type
// that is not JSON's.
func (l *eventLog) appendValue(b []byte, v any, end int) ([]byte, bool) {
	switch t := v.(type) {
	case nil:
		b = append(b, vNull)
	case bool:
		if t {
			b = append(b, vTrue)
		} else {
			b = append(b, vFalse)
		}
	case int64:
		b = binary.AppendVarint(append(b, vInt64), t)
	case int:
		b = binary.AppendVarint(append(b, vInt), int64(t))
	case float64:
		b = binary.LittleEndian.AppendUint64(append(b, vFloat), math.Float64bits(t))
	case string:
		if len(t) > smallValueBytes {
			return l.appendRef(b, v, end, nil)
		}
		if len(b)+refBytes+len(t) > end {
			return b, false
		}
		b = binary.AppendUvarint(append(b, vString), uint64(len(t)))
		b = append(b, t...)
	case map[string]any:
		if t == nil {
			return l.appendRef(b, v, end, nil) // read back as nil, not as {}
		}
		return l.appendContainer(b, v, len(t), end, nil)
	case []any:
		if t == nil {
			return l.appendRef(b, v, end, nil)
		}
		return l.appendContainer(b, v, len(t), end, nil)
	default:
		return l.appendRef(b, v, end, nil)
	}
	// A scalar takes a few bytes: a container that overflows with it is
	// undone.
	return b, len(b) <= end
}

// appendContainer appends a map or an array of n members: as a reference
// back to the same container written before, by value if it fits, or by
// reference. sh, for a map, is the shape its site had.
func (l *eventLog) appendContainer(b []byte, v any, n, end int, sh *mapShape) ([]byte, bool) {
	id := idOf(&v)
	if r := l.recentSlot(id); r.id == id {
		if len(b)+refBytes > end {
			return b, false
		}
		if r.ref {
			return binary.AppendUvarint(append(b, vRef), uint64(r.at)), true
		}
		at := l.w.posAt(b)
		return binary.AppendUvarint(append(b, vBack), uint64(at-r.at)), true
	}
	start, refs := len(b), len(l.refs)
	cend := min(end, start+smallValueBytes)
	// A member takes at least two bytes (a key of "" and a null).
	ok := start+refBytes+2*n <= cend
	if ok {
		switch t := v.(type) {
		case map[string]any:
			b = binary.AppendUvarint(append(b, vObject), uint64(n))
			if sh != nil && sh.site == l.site && len(sh.keys) == n {
				var missing bool
				if b, ok, missing = l.appendMembers(b, t, sh.keys, cend); !missing {
					break
				}
				// Not the same keys: undo, and walk the map.
				b, ok = l.undo(b, start, refs), true
				b = binary.AppendUvarint(append(b, vObject), uint64(n))
			}
			if sh != nil {
				sh.site, sh.keys = l.site, sh.keys[:0]
			}
			for k, x := range t {
				if sh != nil {
					sh.keys = append(sh.keys, k)
				}
				if b, ok = l.appendMember(b, k, x, cend); !ok {
					break
				}
			}
		case []any:
			b = binary.AppendUvarint(append(b, vArray), uint64(n))
			for _, x := range t {
				if b, ok = l.appendValue(b, x, cend); !ok {
					break
				}
			}
		}
	}
	if !ok {
		return l.appendRef(l.undo(b, start, refs), v, end, &id)
	}
	*l.recentSlot(id) = recentValue{id: id, v: v, at: l.w.posAt(b[:start])}
	return b, true
}

// appendMembers appends the members of m with the given keys; ok is
// false if they do not fit, missing is true if m lacks one of the keys.
func (l *eventLog) appendMembers(b []byte, m map[string]any, keys []string, end int) (_ []byte, ok, missing bool) {
	for _, k := range keys {
		x, found := m[k]
		if !found {
			return b, false, true
		}
		if b, ok = l.appendMember(b, k, x, end); !ok {
			return b, false, false
		}
	}
	return b, true, false
}

// undo takes back what was written from b[start] on, and the references
// kept from index refs on.
func (l *eventLog) undo(b []byte, start, refs int) []byte {
	l.forget(l.w.posAt(b[:start]), refs)
	clear(l.refs[refs:])
	l.refs = l.refs[:refs]
	return b[:start]
}

// appendMember appends one member of a map: its key, then its value.
func (l *eventLog) appendMember(b []byte, k string, x any, end int) ([]byte, bool) {
	if len(b)+refBytes+len(k) > end {
		return b, false
	}
	b = binary.AppendUvarint(b, uint64(len(k)))
	b = append(b, k...)
	return l.appendValue(b, x, end)
}

// appendRef appends a reference to v, kept in refs; id, when v is a
// container, remembers it.
func (l *eventLog) appendRef(b []byte, v any, end int, id *valueID) ([]byte, bool) {
	if len(b)+refBytes > end {
		return b, false
	}
	i := len(l.refs)
	l.refs = append(l.refs, v)
	if id != nil {
		*l.recentSlot(*id) = recentValue{id: *id, v: v, at: int64(i), ref: true}
	}
	return binary.AppendUvarint(append(b, vRef), uint64(i)), true
}

// forget drops what the cache knows of containers written from stream
// position pos or kept from index ref in refs on: they are being undone
// (which is rare: only for a container too big to write).
func (l *eventLog) forget(pos int64, ref int) {
	for i := range l.recent {
		r := &l.recent[i]
		if r.v != nil && (r.ref && r.at >= int64(ref) || !r.ref && r.at >= pos) {
			*r = recentValue{}
		}
	}
}

// valueID is the identity of a map or array held in an interface: its
// dynamic type and the pointer the interface holds. Values are never
// modified, so one identity always stands for the same content, as long
// as the value is kept alive (an address may be reused once it is freed).
type valueID struct{ typ, data unsafe.Pointer }

func idOf(v *any) valueID { return *(*valueID)(unsafe.Pointer(v)) }

// recentValues remembers where the containers the log wrote last are: a
// state's input is the output of the state before it, and a part of the
// data often rides along unchanged from state to state, so the same
// containers come again and again, from interleaved threads too. It is a
// cache (a container it forgets is written again), small for a short
// history and bigger for a long one.
type recentValues []recentValue

// recentValue is a container written before: at is the position of its
// tag in the stream, or its index in refs. Entries keep their value alive,
// which keeps its identity valid.
type recentValue struct {
	id  valueID
	v   any
	at  int64
	ref bool
}

// Sizes of the cache: at first, and once the history is longer than
// growRecentAt events.
const (
	fewRecent    = 16
	manyRecent   = 256
	growRecentAt = 1024
)

func (l *eventLog) recentSlot(id valueID) *recentValue {
	if len(l.recent) < manyRecent && (l.recent == nil || l.n >= growRecentAt) {
		size := fewRecent
		if l.n >= growRecentAt {
			size = manyRecent
		}
		l.recent = make(recentValues, size)
	}
	p := uintptr(id.data)
	return &l.recent[(p>>4^p>>12)&uintptr(len(l.recent)-1)] // a power of two long
}
