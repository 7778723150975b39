package runner

import (
	"reflect"
	"strconv"
	"sync"
)

// Service limits of AWS Step Functions that Baton enforces.
const (
	// MaxPayloadBytes is the largest input or output a state may have
	// (256 KiB of UTF-8 JSON); beyond it the state fails with
	// States.DataLimitExceeded.
	MaxPayloadBytes = 256 * 1024
	// DefaultHistoryLimit is AWS's limit of events in one execution's
	// history; beyond it the execution fails.
	DefaultHistoryLimit = 25000
)

// memoMinBytes is the smallest container whose size is remembered: big
// subtrees ride along unchanged from state to state, so their size is
// computed once; small ones are cheaper to measure again.
const memoMinBytes = 4096

// sizer measures the JSON size of values without serializing them. Values
// are immutable, so the size of a container is remembered by its identity;
// the memo keeps a reference to each container it knows, so that an
// address is never reused for another value while the execution lives.
type sizer struct {
	mu   sync.Mutex
	memo map[sizeKey]sizeEntry
}

type sizeKey struct {
	p uintptr
	n int
}

type sizeEntry struct {
	ref  any
	size int
}

// exceeds reports whether v written as JSON is longer than limit bytes.
func (s *sizer) exceeds(v any, limit int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.size(v) > limit
}

func (s *sizer) size(v any) int {
	switch t := v.(type) {
	case nil:
		return 4
	case bool:
		if t {
			return 4
		}
		return 5
	case string:
		return stringSize(t)
	case int64:
		var buf [24]byte
		return len(strconv.AppendInt(buf[:0], t, 10))
	case int:
		var buf [24]byte
		return len(strconv.AppendInt(buf[:0], int64(t), 10))
	case float64:
		var buf [32]byte
		return len(appendFloat(buf[:0], t))
	case map[string]any:
		if len(t) == 0 {
			return 2
		}
		key := sizeKey{reflect.ValueOf(t).Pointer(), -1}
		if e, ok := s.memo[key]; ok {
			return e.size
		}
		n := 1 // '{', and one ',' or '}' per member below
		for k, x := range t {
			n += stringSize(k) + 1 + s.size(x) + 1
		}
		s.remember(key, t, n)
		return n
	case []any:
		if len(t) == 0 {
			return 2
		}
		key := sizeKey{reflect.ValueOf(t).Pointer(), len(t)}
		if e, ok := s.memo[key]; ok {
			return e.size
		}
		n := 1
		for _, x := range t {
			n += s.size(x) + 1
		}
		s.remember(key, t, n)
		return n
	}
	return len(marshalValue(v))
}

func (s *sizer) remember(key sizeKey, ref any, n int) {
	if n < memoMinBytes {
		return
	}
	if s.memo == nil {
		s.memo = map[sizeKey]sizeEntry{}
	}
	s.memo[key] = sizeEntry{ref: ref, size: n}
}
