package cloud

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// eachMember calls fn with the key and raw value of each member of the
// JSON object data, which must be valid JSON (encoding/json has checked
// it before calling an UnmarshalJSON method). It is the fast path for
// reading 25,000-event histories, where decoding every event through
// maps costs several times more.
func eachMember(data []byte, fn func(key string, value []byte) error) error {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return fmt.Errorf("expected a JSON object")
	}
	i++
	for {
		i = skipSpace(data, i)
		if i < len(data) && data[i] == '}' {
			return nil
		}
		if i >= len(data) || data[i] != '"' {
			return fmt.Errorf("expected a key at offset %d", i)
		}
		end := skipValue(data, i)
		key, err := unquote(data[i:end])
		if err != nil {
			return err
		}
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return fmt.Errorf("expected ':' at offset %d", i)
		}
		i = skipSpace(data, i+1)
		end = skipValue(data, i)
		if err := fn(key, data[i:end]); err != nil {
			return err
		}
		i = skipSpace(data, end)
		if i < len(data) && data[i] == ',' {
			i++
		}
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the offset just past the JSON value at data[i].
func skipValue(data []byte, i int) int {
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			if depth == 0 {
				return i + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
			if depth < 0 {
				return i
			}
		case ',', ' ', '\n', '\t', '\r':
			if depth == 0 {
				return i
			}
		}
	}
	return i
}

// unquote decodes a JSON string literal, quickly when it has no escapes.
func unquote(lit []byte) (string, error) {
	if len(lit) < 2 || lit[0] != '"' {
		return "", fmt.Errorf("expected a JSON string, got %.20s", lit)
	}
	inner := lit[1 : len(lit)-1]
	for _, c := range inner {
		if c == '\\' {
			var s string
			err := json.Unmarshal(lit, &s)
			return s, err
		}
	}
	return string(inner), nil
}

// memberInt decodes a JSON integer.
func memberInt(v []byte) (int64, error) {
	return strconv.ParseInt(string(v), 10, 64)
}
