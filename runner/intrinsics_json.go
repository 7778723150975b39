package runner

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/ohler55/ojg/oj"

	"baton/model"
)

// AWS evaluates intrinsics in Java on Jackson values, and its text shows it:
// a decimal number prints as Java's Double.toString does (1.0, 1.0E10) and
// stays apart from an integer (0.0 and 0 are different outputs in the
// recorded cases). Values here keep that apart too, as ojg decodes them:
// int64 for integers, float64 for numbers written with a fraction or an
// exponent. Go maps do not keep key order, so JSON text and Java-style text
// list object keys sorted; AWS keeps the insertion order.

// fnStringToJSON is States.StringToJson(string): the JSON value the string
// holds. A blank string gives null, as on AWS.
func fnStringToJSON(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	s, ok := args[0].(string)
	if !ok {
		return nil, invalidArgs(call)
	}
	v, err := oj.ParseString(s)
	if err != nil {
		return nil, invalidArgs(call)
	}
	return v, nil
}

// fnJSONToString is States.JsonToString(value): the value as compact JSON.
func fnJSONToString(_ *intrinsicEval, _ *model.IntrinsicCall, args []any) (any, error) {
	return string(appendIntrinsicJSON(nil, args[0])), nil
}

// fnJSONMerge is States.JsonMerge(a, b, deep): a's fields overridden by
// b's, one level deep. AWS supports only the shallow merge: deep = true
// fails; any other third argument (AWS does not insist on a boolean) means
// shallow.
func fnJSONMerge(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	a, ok1 := args[0].(map[string]any)
	b, ok2 := args[1].(map[string]any)
	if !ok1 || !ok2 || args[2] == true {
		return nil, invalidArgs(call)
	}
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out, nil
}

// intrinsicEqual reports whether two JSON values are equal as AWS compares
// them (States.ArrayContains, States.ArrayUnique): same structure and, for
// numbers, the same kind, so 1 and 1.0 differ.
func intrinsicEqual(a, b any) bool { return intrinsicKey(a) == intrinsicKey(b) }

// intrinsicKey is a canonical text of a JSON value: equal values, and only
// they, have the same key.
func intrinsicKey(v any) string { return string(appendIntrinsicJSON(nil, v)) }

// appendIntrinsicJSON appends v as compact JSON in the form Jackson writes:
// no spaces, numbers as javaNumber, and only '"', '\\' and control
// characters escaped. Keys are sorted.
func appendIntrinsicJSON(buf []byte, v any) []byte { return appendIntrinsicText(buf, v, true) }

// appendJavaString appends v as Java's String.valueOf prints the value AWS
// holds for it: what States.Format puts in place of {}. Strings stay as they
// are, null is "null", objects are {k=v, k2=v2} (keys sorted) and arrays
// [a, b].
func appendJavaString(buf []byte, v any) []byte { return appendIntrinsicText(buf, v, false) }

// appendIntrinsicText appends v as JSON or, when asJSON is false, as Java's
// String.valueOf text; the two differ only in separators and quoting.
func appendIntrinsicText(buf []byte, v any, asJSON bool) []byte {
	str := func(buf []byte, s string) []byte {
		if asJSON {
			return appendJacksonString(buf, s)
		}
		return append(buf, s...)
	}
	sep, kv := ", ", "="
	if asJSON {
		sep, kv = ",", ":"
	}
	switch v := v.(type) {
	case nil:
		return append(buf, "null"...)
	case bool:
		return strconv.AppendBool(buf, v)
	case string:
		return str(buf, v)
	case map[string]any:
		buf = append(buf, '{')
		for i, k := range sortedKeys(v) {
			if i > 0 {
				buf = append(buf, sep...)
			}
			buf = str(buf, k)
			buf = append(buf, kv...)
			buf = appendIntrinsicText(buf, v[k], asJSON)
		}
		return append(buf, '}')
	case []any:
		buf = append(buf, '[')
		for i, x := range v {
			if i > 0 {
				buf = append(buf, sep...)
			}
			buf = appendIntrinsicText(buf, x, asJSON)
		}
		return append(buf, ']')
	}
	if s, ok := javaNumber(v); ok {
		return append(buf, s...)
	}
	// Not a JSON value: say what it is rather than guess a rendering.
	return str(buf, fmt.Sprintf("%T", v))
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

const upperHex = "0123456789ABCDEF"

// appendJacksonString appends s as a JSON string the way Jackson escapes it.
func appendJacksonString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			buf = append(buf, '\\', c)
		case c >= 0x20:
			buf = append(buf, c)
		case c == '\n':
			buf = append(buf, '\\', 'n')
		case c == '\t':
			buf = append(buf, '\\', 't')
		case c == '\r':
			buf = append(buf, '\\', 'r')
		case c == '\b':
			buf = append(buf, '\\', 'b')
		case c == '\f':
			buf = append(buf, '\\', 'f')
		default:
			buf = append(buf, '\\', 'u', '0', '0', upperHex[c>>4], upperHex[c&0xF])
		}
	}
	return append(buf, '"')
}

// javaNumber formats a JSON number as AWS prints it: integers in full,
// decimals as Java's Double.toString.
func javaNumber(v any) (string, bool) {
	switch n := v.(type) {
	case int64:
		return strconv.FormatInt(n, 10), true
	case int:
		return strconv.Itoa(n), true
	case float64:
		return javaDouble(n), true
	case json.Number:
		return string(n), true
	}
	return "", false
}

// javaDouble is Java's Double.toString: plain notation with at least one
// decimal for 1e-3 <= |f| < 1e7, otherwise d.dddE±n; the shortest digits
// that identify f, as Java prints them since JDK 19.
func javaDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	// Shortest digits d[0].d[1:] × 10^exp.
	sci := strconv.FormatFloat(f, 'e', -1, 64)
	mant, expText, _ := strings.Cut(sci, "e")
	digits := strings.Replace(mant, ".", "", 1)
	exp, _ := strconv.Atoi(expText)
	if f >= 1e-3 && f < 1e7 {
		if exp < 0 {
			return sign + "0." + strings.Repeat("0", -exp-1) + digits
		}
		if len(digits) <= exp+1 {
			return sign + digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
		}
		return sign + digits[:exp+1] + "." + digits[exp+1:]
	}
	frac := digits[1:]
	if frac == "" {
		frac = "0"
	}
	return sign + digits[:1] + "." + frac + "E" + strconv.Itoa(exp)
}
