package runner

import (
	"encoding/json"
	"math"
	"math/big"
	"slices"
	"strconv"

	"github.com/ohler55/ojg/oj"

	"baton/model"
)

// ParseJSON parses JSON text into a plain Go value (map[string]any, []any,
// string, int64, float64, bool, nil).
func ParseJSON(src []byte) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, errorf("invalid JSON: %v", r)
		}
	}()
	v, err = oj.Parse(src)
	if err != nil {
		return nil, err
	}
	return normalizeNumbers(v), nil
}

// normalizeNumbers turns the number types ojg may produce for very large
// literals into float64, so that values hold only int64 and float64.
func normalizeNumbers(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			switch x.(type) {
			case map[string]any, []any, json.Number, *big.Int, *big.Float:
				t[k] = normalizeNumbers(x)
			}
		}
	case []any:
		for i, x := range t {
			switch x.(type) {
			case map[string]any, []any, json.Number, *big.Int, *big.Float:
				t[i] = normalizeNumbers(x)
			}
		}
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return i
		}
		f, _ := t.Float64()
		return f
	case *big.Int:
		f, _ := new(big.Float).SetInt(t).Float64()
		return f
	case *big.Float:
		f, _ := t.Float64()
		return f
	}
	return v
}

// MarshalJSON writes a plain Go value as compact JSON with object keys
// sorted, no HTML escaping, and whole floats without a decimal point.
func MarshalJSON(v any) []byte { return marshalValue(v) }

func marshalValue(v any) []byte { return appendValue(make([]byte, 0, 64), v) }

func appendValue(b []byte, v any) []byte {
	switch t := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, t)
	case string:
		return appendString(b, t)
	case int64:
		return strconv.AppendInt(b, t, 10)
	case int:
		return strconv.AppendInt(b, int64(t), 10)
	case float64:
		return appendFloat(b, t)
	case map[string]any:
		var small [16]string
		keys := small[:0]
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendValue(b, t[k])
		}
		return append(b, '}')
	case []any:
		b = append(b, '[')
		for i, x := range t {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendValue(b, x)
		}
		return append(b, ']')
	}
	// Anything else (a caller's own types): let encoding/json decide.
	j, err := json.Marshal(v)
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, j...)
}

func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.AppendFloat(b, f, 'f', -1, 64)
	}
	abs := math.Abs(f)
	if abs >= 1e-6 && abs < 1e21 {
		return strconv.AppendFloat(b, f, 'f', -1, 64)
	}
	return strconv.AppendFloat(b, f, 'e', -1, 64)
}

func appendString(b []byte, s string) []byte { return model.AppendJSONString(b, s) }

// AsNumber returns a JSON number (int64, float64, or a caller's int) as a
// float64.
func AsNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	case int:
		return float64(n), true
	}
	return 0, false
}

// stringSize is the length of s written as a JSON string.
func stringSize(s string) int {
	n := 2
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f':
			n += 2
		case c < 0x20:
			n += 6
		default:
			n++
		}
	}
	return n
}
