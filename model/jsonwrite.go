package model

import (
	"strconv"
	"unicode/utf8"
)

// MarshalJSON writes n as JSON: two-space indentation, ": " after keys,
// [] and {} for empty containers, no HTML escaping, UTF-8 as is, and a final
// newline. Strings and numbers read from JSON are written exactly as they
// were written, so an unedited document comes back byte for byte.
func MarshalJSON(n *Node) []byte {
	buf := appendJSON(nil, n, "  ", 0)
	return append(buf, '\n')
}

// MarshalCompactJSON writes n as JSON without any white space.
func MarshalCompactJSON(n *Node) []byte {
	return appendJSON(nil, n, "", 0)
}

func appendIndent(buf []byte, indent string, depth int) []byte {
	if indent == "" {
		return buf
	}
	buf = append(buf, '\n')
	for i := 0; i < depth; i++ {
		buf = append(buf, indent...)
	}
	return buf
}

func appendJSON(buf []byte, n *Node, indent string, depth int) []byte {
	if n == nil {
		return append(buf, "null"...)
	}
	switch n.Kind {
	case Null:
		return append(buf, "null"...)
	case Bool:
		return strconv.AppendBool(buf, n.Bool)
	case Number:
		return append(buf, jsonNumber(n.Raw)...)
	case String:
		if n.Raw != "" {
			return append(buf, n.Raw...)
		}
		return AppendJSONString(buf, n.Str)
	case Object:
		if len(n.Fields) == 0 {
			return append(buf, "{}"...)
		}
		buf = append(buf, '{')
		for i, f := range n.Fields {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendIndent(buf, indent, depth+1)
			if f.KeyRaw != "" {
				buf = append(buf, f.KeyRaw...)
			} else {
				buf = AppendJSONString(buf, f.Key)
			}
			buf = append(buf, ':')
			if indent != "" {
				buf = append(buf, ' ')
			}
			buf = appendJSON(buf, f.Value, indent, depth+1)
		}
		buf = appendIndent(buf, indent, depth)
		return append(buf, '}')
	case Array:
		if len(n.Items) == 0 {
			return append(buf, "[]"...)
		}
		buf = append(buf, '[')
		for i, it := range n.Items {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendIndent(buf, indent, depth+1)
			buf = appendJSON(buf, it, indent, depth+1)
		}
		buf = appendIndent(buf, indent, depth)
		return append(buf, ']')
	}
	return buf
}

// jsonNumber returns a number literal valid in JSON. Literals from YAML may
// use forms JSON lacks (".5", "+1", "0x1F"); those are normalised.
func jsonNumber(raw string) string {
	if isJSONNumber(raw) {
		return raw
	}
	if i, err := strconv.ParseInt(raw, 0, 64); err == nil {
		return strconv.FormatInt(i, 10)
	}
	if f, err := strconv.ParseFloat(raw, 64); err == nil {
		return formatFloat(f)
	}
	return "0"
}

func isJSONNumber(s string) bool {
	p := &jsonParser{src: []byte(s), line: 1, col: 1}
	if s == "" {
		return false
	}
	c := s[0]
	if c != '-' && (c < '0' || c > '9') {
		return false
	}
	raw, err := p.number()
	return err == nil && raw == s
}

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s as a quoted JSON string: quotes, backslashes
// and control characters escaped, everything else (HTML characters and
// non-ASCII text included) as is.
func AppendJSONString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			if c < utf8.RuneSelf {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				buf = append(buf, s[start:i]...)
				buf = append(buf, `\ufffd`...)
				i++
				start = i
				continue
			}
			i += size
			continue
		}
		buf = append(buf, s[start:i]...)
		switch c {
		case '"', '\\':
			buf = append(buf, '\\', c)
		case '\n':
			buf = append(buf, '\\', 'n')
		case '\r':
			buf = append(buf, '\\', 'r')
		case '\t':
			buf = append(buf, '\\', 't')
		case '\b':
			buf = append(buf, '\\', 'b')
		case '\f':
			buf = append(buf, '\\', 'f')
		default:
			buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		i++
		start = i
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
