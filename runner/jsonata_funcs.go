package runner

import (
	"context"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"time"

	jsonata "github.com/xiatechs/jsonata-go"
	"github.com/xiatechs/jsonata-go/jlib"
	"github.com/xiatechs/jsonata-go/jtypes"
)

// Step Functions' dialect of JSONata: the functions AWS adds ($partition,
// $range, $hash, $random with a seed, $uuid, $parse), the ones it takes
// away ($eval), and the library's own additions, which JSONata 2.0.6 does
// not have and AWS therefore does not either. $now and $millis read the
// execution's clock, so a run on the virtual clock is reproducible.
func init() {
	addJSONataExts(map[string]jsonata.Extension{
		"partition": {Func: sfnPartition},
		"range":     {Func: sfnRange},
		"hash":      {Func: sfnHash},
		"random":    {Func: sfnRandom},
		"uuid":      {Func: sfnUUID},
		"parse":     {Func: sfnParse},
		"now":       {Func: sfnNow},
		"millis":    {Func: sfnMillis},
		"string":    {Func: sfnString, EvalContextHandler: contextIfNoArgs, UndefinedHandler: undefinedFirst},
		"assert":    {Func: sfnAssert},
		"pad":       {Func: sfnPad, UndefinedHandler: undefinedFirst, EvalContextHandler: contextPad},
	})
}

// hiddenFunctions are the library's functions that JSONata 2.0.6 does not
// have, and $eval, which AWS takes away: calling one is "Attempted to
// invoke a non-function", as on AWS.
var hiddenFunctions = map[string]bool{
	"eval": true, "objmerge": true, "sjoin": true, "unescape": true, "hashmd5": true, "hash256": true, "dateTimeDim": true,
	"dateTimeDimLite": true, "timeSince": true, "objectsToDocument": true, "oneToManyJoin": true, "accumulatingSlice": true,
	"renameKeys": true,
}

// jsonataExts are the functions Baton gives expressions (Step Functions');
// each expression gets those it calls. Those that take a context.Context
// get the evaluation's, with its guard (guardOf).
var jsonataExts = map[string]jsonata.Extension{}

func addJSONataExts(exts map[string]jsonata.Extension) {
	for name, ext := range exts {
		jsonataExts[name] = ext
	}
}

// funcError is a failure of one of these functions, with JSONata's error
// code; the library hands it back wrapped, and it stops the evaluation.
type funcError struct{ code, msg string }

func (e *funcError) Error() string { return e.code + ": " + e.msg }

func failf(code, format string, args ...any) error {
	return &funcError{code: code, msg: fmt.Sprintf(format, args...)}
}

// asArray gives a JSONata value as an array: a single value is a sequence
// of one.
func asArray(v reflect.Value) []any {
	v = jtypes.Resolve(v)
	if !v.IsValid() {
		return nil
	}
	if v.Kind() == reflect.Slice || v.Kind() == reflect.Array {
		out := make([]any, v.Len())
		for i := range out {
			out[i] = v.Index(i).Interface()
		}
		return out
	}
	return []any{v.Interface()}
}

// sfnPartition is $partition(array, size): the array cut into arrays of
// size items, the last one shorter.
func sfnPartition(arr reflect.Value, size float64) (any, error) {
	if !arr.IsValid() {
		return nil, jtypes.ErrUndefined
	}
	n := int64(size)
	if float64(n) != size || n <= 0 {
		return nil, failf("D3141", "The chunk size of $partition must be a positive integer, not %s", jsNumber(size))
	}
	items := asArray(arr)
	chunk := int(min(n, int64(len(items))))
	out := make([]any, 0, (len(items)+max(chunk, 1)-1)/max(chunk, 1))
	for i := 0; i < len(items); i += chunk {
		out = append(out, items[i:min(i+chunk, len(items))])
	}
	return out, nil
}

// sfnRange is $range(start, end, step): the numbers from start to end
// (included when a step lands on it), arguments truncated towards zero. A
// range of one number is that number, as a sequence of one is in JSONata.
func sfnRange(ctx context.Context, startF, endF, stepF float64) (any, error) {
	start, end, step := math.Trunc(startF), math.Trunc(endF), math.Trunc(stepF)
	if step == 0 || math.IsNaN(start+end+step) || math.IsInf(start+end+step, 0) {
		return nil, failf("D3141", "The step of $range must be a non-zero number")
	}
	count := math.Floor((end-start)/step) + 1
	if count <= 0 {
		return nil, jtypes.ErrUndefined
	}
	if g := guardOf(ctx); g != nil {
		if err := g.alloc(count); err != nil {
			return nil, err
		}
	}
	out := make([]any, int(count))
	for i := range out {
		out[i] = start + float64(i)*step
	}
	if len(out) == 1 {
		return out[0], nil
	}
	return out, nil
}

// sfnHash is $hash(value, algorithm): the hex digest of a string, with the
// algorithms of States.Hash.
func sfnHash(value string, algorithm jtypes.OptionalString) (string, error) {
	alg := "SHA-256"
	if algorithm.IsSet() {
		alg = algorithm.String
	}
	newHash, ok := intrinsicHashes[alg]
	if !ok {
		return "", failf("D3141", "The hashing algorithm %q is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512", alg)
	}
	h := newHash()
	h.Write([]byte(value))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// sfnRandom is $random([seed]): a number in [0, 1). With a seed it is
// Java's new Random(seed).nextDouble(), as AWS computes it.
func sfnRandom(ctx context.Context, seed jtypes.OptionalFloat64) (float64, error) {
	if seed.IsSet() {
		return newJavaRandom(javaLong(seed.Float64)).nextDouble(), nil
	}
	if g := guardOf(ctx); g != nil && g.t != nil {
		return rand.New(g.t.x.rnd).Float64(), nil
	}
	return rand.Float64(), nil
}

// nextDouble is Random.nextDouble().
func (r *javaRandom) nextDouble() float64 {
	return float64(int64(r.next(26))<<27+int64(r.next(27))) * 0x1p-53
}

// sfnUUID is $uuid(): a random version 4 UUID from the execution's random
// source.
func sfnUUID(ctx context.Context) (string, error) {
	src := rand.Source(globalSource{})
	if g := guardOf(ctx); g != nil && g.t != nil {
		src = g.t.x.rnd
	}
	v, err := fnUUID(&intrinsicEval{rnd: rand.New(src)}, nil, nil)
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

// sfnParse is $parse(json): the value a JSON text holds.
func sfnParse(s string) (any, error) {
	v, err := ParseJSON([]byte(s))
	if err != nil {
		return nil, failf("D3140", "Malformed JSON: %s", strings.TrimPrefix(err.Error(), "invalid JSON: "))
	}
	return jsonataValue(v), nil
}

// evalTime is the time of the evaluation: the execution's clock, read once
// per evaluation, as JSONata's $now is.
func evalTime(ctx context.Context) time.Time {
	g := guardOf(ctx)
	if g == nil || g.t == nil {
		return time.Now()
	}
	if g.now.IsZero() {
		g.now = g.t.x.now()
	}
	return g.now
}

func sfnNow(ctx context.Context, picture, tz jtypes.OptionalString) (string, error) {
	return jlib.FromMillis(evalTime(ctx).UnixMilli(), picture, tz)
}

func sfnMillis(ctx context.Context) (int64, error) { return evalTime(ctx).UnixMilli(), nil }

// sfnString is $string(value[, prettify]) with numbers written as
// JavaScript writes them, to 15 significant digits, as JSONata 2 does.
func sfnString(v reflect.Value, prettify jtypes.OptionalBool) (any, error) {
	v = jtypes.Resolve(v)
	if !v.IsValid() {
		return nil, jtypes.ErrUndefined
	}
	if v.Kind() == reflect.String {
		return v.String(), nil
	}
	if jtypes.IsCallable(v) {
		return "", nil
	}
	val, err := plainReflect(v)
	if err != nil {
		return "", nil
	}
	if f, ok := val.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
		return nil, failf("D3001", "Attempting to invoke string function on Infinity or NaN")
	}
	indent := ""
	if prettify.IsSet() && prettify.Bool {
		indent = "  "
	}
	var b strings.Builder
	writeJS(&b, val, indent, "")
	return b.String(), nil
}

func contextIfNoArgs(argv []reflect.Value) bool { return len(argv) == 0 }

func undefinedFirst(argv []reflect.Value) bool { return len(argv) > 0 && !argv[0].IsValid() }

// sfnPad is the library's $pad within AWS's memory bound, which is far
// below the widest string the library makes.
func sfnPad(ctx context.Context, s string, width float64, chars jtypes.OptionalString) (string, error) {
	if g := guardOf(ctx); g != nil && math.Abs(width) > float64(g.limits.items*8) {
		return "", errJSONataMemory
	}
	return jlib.Pad(s, int(width), chars)
}

// contextPad uses the context as the string when $pad is given only a
// width (and characters), as the library does.
func contextPad(argv []reflect.Value) bool {
	switch len(argv) {
	case 1:
		return jtypes.IsNumber(argv[0])
	case 2:
		return jtypes.IsNumber(argv[0]) && jtypes.IsString(argv[1])
	}
	return false
}

// sfnAssert is $assert(condition, message).
func sfnAssert(cond bool, msg jtypes.OptionalString) (any, error) {
	if !cond {
		m := "$assert() statement failed"
		if msg.IsSet() {
			m = msg.String
		}
		return nil, failf("D3141", "%s", m)
	}
	return nil, jtypes.ErrUndefined
}

// jsNumber writes a number as JavaScript's Number(n.toPrecision(15))
// prints it.
func jsNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	abs := math.Abs(r)
	if abs >= 1e-7 && abs < 1e21 {
		return strconv.FormatFloat(r, 'f', -1, 64)
	}
	s := strconv.FormatFloat(r, 'e', -1, 64)
	// JavaScript writes 1e+21 and 1e-7, Go 1e+21 and 1e-07.
	if i := strings.IndexAny(s, "+-"); i > 0 && i+1 < len(s) && s[i+1] == '0' && len(s) > i+2 {
		s = s[:i+1] + s[i+2:]
	}
	return s
}

// writeJS writes a value as JSON.stringify does, numbers as jsNumber.
func writeJS(b *strings.Builder, v any, indent, prefix string) {
	switch t := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(t))
	case string:
		b.Write(appendString(nil, t))
	case int64:
		b.WriteString(strconv.FormatInt(t, 10))
	case float64:
		b.WriteString(jsNumber(t))
	case []any:
		if len(t) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i, x := range t {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(b, indent, prefix+indent)
			writeJS(b, x, indent, prefix+indent)
		}
		newline(b, indent, prefix)
		b.WriteByte(']')
	case map[string]any:
		if len(t) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteByte('{')
		for i, k := range sortedKeys(t) {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(b, indent, prefix+indent)
			b.Write(appendString(nil, k))
			b.WriteByte(':')
			if indent != "" {
				b.WriteByte(' ')
			}
			writeJS(b, t[k], indent, prefix+indent)
		}
		newline(b, indent, prefix)
		b.WriteByte('}')
	}
}

func newline(b *strings.Builder, indent, prefix string) {
	if indent != "" {
		b.WriteByte('\n')
		b.WriteString(prefix)
	}
}
