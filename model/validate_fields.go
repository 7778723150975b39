package model

import (
	"strconv"
	"strings"
	"time"
)

// stateType is a bit set of state types.
type stateType uint8

const (
	tPass stateType = 1 << iota
	tTask
	tChoice
	tWait
	tSucceed
	tFail
	tParallel
	tMap

	tAll      = tPass | tTask | tChoice | tWait | tSucceed | tFail | tParallel | tMap
	tNext     = tPass | tTask | tWait | tParallel | tMap // states that transition with Next/End
	tIO       = tAll &^ tFail                            // states with InputPath/OutputPath/Output
	tResult   = tPass | tTask | tParallel | tMap         // states with Parameters/ResultPath
	tAssign   = tPass | tTask | tChoice | tWait | tParallel | tMap
	tErrors   = tTask | tParallel | tMap // states with Retry/Catch
	tSelector = tTask | tParallel | tMap // states with ResultSelector
)

var stateTypeBits = map[string]stateType{
	TypePass: tPass, TypeTask: tTask, TypeChoice: tChoice, TypeWait: tWait,
	TypeSucceed: tSucceed, TypeFail: tFail, TypeParallel: tParallel, TypeMap: tMap,
}

// langOnly restricts a field to one query language ("" for both).
type fieldSpec struct {
	types stateType
	only  string
}

// stateFieldSpecs says, for every field a state may have, which state types
// accept it and in which query language.
var stateFieldSpecs = map[string]fieldSpec{
	"Type": {tAll, ""}, "Comment": {tAll, ""}, "QueryLanguage": {tAll, ""},
	"Next": {tNext, ""}, "End": {tNext, ""},
	"InputPath": {tIO, LangJSONPath}, "OutputPath": {tIO, LangJSONPath},
	"Parameters": {tResult, LangJSONPath}, "ResultPath": {tResult, LangJSONPath},
	"ResultSelector": {tSelector, LangJSONPath}, "Result": {tPass, LangJSONPath},
	"Arguments": {tTask | tParallel, LangJSONata}, "Output": {tIO, LangJSONata},
	"Assign":   {tAssign, ""},
	"Resource": {tTask, ""}, "Credentials": {tTask, ""},
	"TimeoutSeconds": {tTask, ""}, "TimeoutSecondsPath": {tTask, LangJSONPath},
	"HeartbeatSeconds": {tTask, ""}, "HeartbeatSecondsPath": {tTask, LangJSONPath},
	"Retry": {tErrors, ""}, "Catch": {tErrors, ""},
	"Choices": {tChoice, ""}, "Default": {tChoice, ""},
	"Seconds": {tWait, ""}, "Timestamp": {tWait, ""},
	"SecondsPath": {tWait, LangJSONPath}, "TimestampPath": {tWait, LangJSONPath},
	"Error": {tFail, ""}, "Cause": {tFail, ""},
	"ErrorPath": {tFail, LangJSONPath}, "CausePath": {tFail, LangJSONPath},
	"Branches":      {tParallel, ""},
	"ItemProcessor": {tMap, ""}, "Iterator": {tMap, ""},
	"ItemsPath": {tMap, LangJSONPath}, "Items": {tMap, LangJSONata},
	"ItemSelector": {tMap, ""}, "ItemReader": {tMap, ""}, "ItemBatcher": {tMap, ""}, "ResultWriter": {tMap, ""},
	"MaxConcurrency": {tMap, ""}, "MaxConcurrencyPath": {tMap, LangJSONPath},
	"ToleratedFailurePercentage": {tMap, ""}, "ToleratedFailurePercentagePath": {tMap, LangJSONPath},
	"ToleratedFailureCount": {tMap, ""}, "ToleratedFailureCountPath": {tMap, LangJSONPath},
	"Label": {tMap, ""},
}

// exclusiveFields are groups of fields of which a state may set one.
var exclusiveFields = [][]string{
	{"Seconds", "SecondsPath", "Timestamp", "TimestampPath"},
	{"TimeoutSeconds", "TimeoutSecondsPath"},
	{"HeartbeatSeconds", "HeartbeatSecondsPath"},
	{"Error", "ErrorPath"},
	{"Cause", "CausePath"},
	{"ItemProcessor", "Iterator"},
	{"ItemSelector", "Parameters"},
	{"MaxConcurrency", "MaxConcurrencyPath"},
	{"ToleratedFailureCount", "ToleratedFailureCountPath"},
	{"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"},
}

// maxSeconds is the largest number of seconds AWS accepts in a timeout or
// wait.
const maxSeconds = 99999999

// state checks one state; nested machines are checked by the caller.
func (v *validator) state(s *State) {
	w := where{state: s}
	typ := s.Node.Get("Type")
	if typ == nil {
		v.errorf(CodeSchema, s.NamePos, w, "missing required field Type")
		return
	}
	bit, ok := stateTypeBits[typ.Text()]
	if !ok {
		v.errorf(CodeSchema, typ.Pos, w.at("Type"), "Type %s is not a state type (%s)", literal(typ), strings.Join(StateTypes, ", "))
		return
	}
	if n := s.QueryLanguage; n != nil {
		v.queryLanguage(n, w.at("QueryLanguage"))
		if n.Text() == LangJSONPath && v.root.QueryLanguage.Text() == LangJSONata {
			v.errorf(CodeSchema, n.Pos, w.at("QueryLanguage"), "a state cannot use JSONPath when the state machine's QueryLanguage is JSONata")
		}
	}
	lang := s.Language()
	for _, f := range s.Node.Fields {
		spec, known := stateFieldSpecs[f.Key]
		switch {
		case !known:
			v.errorf(CodeSchema, f.KeyPos, w.at(f.Key), "field %q is not supported by Step Functions", f.Key)
		case spec.types&bit == 0:
			v.errorf(CodeSchema, f.KeyPos, w.at(f.Key), "field %q is not allowed in a %s state", f.Key, s.Type)
		case spec.only != "" && spec.only != lang:
			v.errorf(CodeSchema, f.KeyPos, w.at(f.Key), "field %q is only allowed in %s states; this state uses %s", f.Key, spec.only, lang)
		}
	}
	for _, group := range exclusiveFields {
		var set []*Field
		for _, name := range group {
			if f := s.Node.Field(name); f != nil {
				set = append(set, f)
			}
		}
		if len(set) > 1 {
			v.errorf(CodeSchema, set[1].KeyPos, w.at(set[1].Key), "fields %q and %q cannot both be set", set[0].Key, set[1].Key)
		}
	}
	if n := s.Comment; n != nil && n.Kind != String {
		v.errorf(CodeSchema, n.Pos, w.at("Comment"), "Comment must be a string, not %s", kindName(n))
	}
	if bit&tNext != 0 {
		v.nextOrEnd(s, w)
	}
	if lang == LangJSONata {
		v.jsonataState(s, w)
	} else {
		v.jsonPathState(s, w)
	}
	if n := s.Node.Get("Assign"); n != nil {
		v.assign(n, w.at("Assign"), lang)
	}
	v.retry(s, w)
	v.catch(s, w)
	switch s.Type {
	case TypeTask:
		v.task(s, w, lang)
	case TypeChoice:
		v.choice(s, w, lang)
	case TypeWait:
		v.wait(s, w, lang)
	case TypeFail:
		v.fail(s, w, lang)
	case TypeParallel:
		v.parallel(s, w)
	case TypeMap:
		v.mapState(s, w, lang)
	}
}

func (v *validator) nextOrEnd(s *State, w where) {
	next, end := s.Node.Get("Next"), s.Node.Get("End")
	if end != nil && (end.Kind != Bool || !end.Bool) {
		v.errorf(CodeSchema, end.Pos, w.at("End"), "End must be true, not %s; leave it out and set Next instead", literal(end))
		end = nil
	}
	if next != nil && next.Kind != String {
		v.errorf(CodeSchema, next.Pos, w.at("Next"), "Next must be a state name, not %s", kindName(next))
	}
	switch {
	case next != nil && end != nil:
		v.errorf(CodeSchema, s.Node.Field("End").KeyPos, w.at("End"), "a state cannot have both Next and End")
	case next == nil && end == nil && !s.Node.Has("End"):
		v.errorf(CodeSchema, s.NamePos, w, "a %s state must have Next or End: true", s.Type)
	}
}

// jsonPathState checks the JSONPath-only fields a state has.
func (v *validator) jsonPathState(s *State, w where) {
	io := PathRules{Context: true, Variables: true}
	ref := PathRules{Reference: true, Context: true, Variables: true}
	for _, f := range s.Node.Fields {
		fw := w.at(f.Key)
		switch f.Key {
		case "InputPath", "OutputPath":
			v.pathField(f.Value, fw, f.Key, io, true)
		case "ResultPath":
			v.pathField(f.Value, fw, f.Key, PathRules{Reference: true}, true)
		case "ItemsPath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath", "HeartbeatSecondsPath",
			"MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath":
			v.pathField(f.Value, fw, f.Key, ref, false)
		case "Parameters":
			v.template(f.Value, fw)
		case "ResultSelector", "ItemSelector":
			if v.mustBeObject(f.Value, fw, f.Key) {
				v.template(f.Value, fw)
			}
		case "Result":
			v.staticResult(f.Value, fw)
		}
	}
}

// pathField checks a field whose value is a path (null allowed when
// nullable).
func (v *validator) pathField(n *Node, w where, name string, r PathRules, nullable bool) {
	if n.Kind == Null && nullable {
		return
	}
	if n.Kind != String {
		v.errorf(CodeSchema, n.Pos, w, "%s must be a path string, not %s", name, kindName(n))
		return
	}
	v.checkPath(n, n.Str, 0, w, name, r)
}

// checkPath checks path, found at byte off of the string node n.
func (v *validator) checkPath(n *Node, path string, off int, w where, name string, r PathRules) bool {
	err := CheckPath(path, r)
	if err == nil {
		return true
	}
	pe := err.(*PathError)
	v.errorf(CodeInvalidJSONPath, strPos(n, off+pe.Offset), w, "%s: invalid path %q: %s", name, path, pe.Msg)
	return false
}

func (v *validator) mustBeObject(n *Node, w where, name string) bool {
	if n.Kind != Object {
		v.errorf(CodeSchema, n.Pos, w, "%s must be an object, not %s", name, kindName(n))
		return false
	}
	return true
}

// intRange checks an integer field against its bounds.
func (v *validator) intRange(n *Node, w where, name string, lo, hi int64) (int64, bool) {
	i, ok := n.Int()
	if !ok {
		v.errorf(CodeSchema, n.Pos, w, "%s must be an integer, not %s", name, literal(n))
		return 0, false
	}
	if i < lo || i > hi {
		v.errorf(CodeSchema, n.Pos, w, "%s must be between %d and %d, not %d", name, lo, hi, i)
		return i, false
	}
	return i, true
}

// numberOrExpr checks a numeric field, which in JSONata states may also be
// a JSONata expression (checked by jsonataState).
func (v *validator) numberOrExpr(n *Node, w where, name string, lo, hi int64, lang string) (int64, bool) {
	if lang == LangJSONata && n.Kind == String {
		if !isJSONataExpr(n.Str) {
			v.errorf(CodeSchema, n.Pos, w, "%s must be an integer or a JSONata expression {%% … %%}, not %s", name, literal(n))
		}
		return 0, false
	}
	return v.intRange(n, w, name, lo, hi)
}

// literal shows a scalar value as written, or names the kind of a
// compound one.
func literal(n *Node) string {
	switch n.Kind {
	case String:
		return strconv.Quote(n.Str)
	case Number:
		return n.Raw
	case Bool:
		return strconv.FormatBool(n.Bool)
	case Null:
		return "null"
	}
	return kindName(n)
}

func (v *validator) task(s *State, w where, lang string) {
	res := s.Node.Get("Resource")
	switch {
	case res == nil:
		v.errorf(CodeSchema, s.NamePos, w, "missing required field Resource")
	case res.Kind != String:
		v.errorf(CodeSchema, res.Pos, w.at("Resource"), "Resource must be a string, not %s", kindName(res))
	case !strings.HasPrefix(res.Str, "arn:") || strings.Count(res.Str, ":") < 5:
		v.errorf(CodeInvalidResource, res.Pos, w.at("Resource"), "Resource %q is not an ARN (arn:partition:service:region:account:resource)", res.Str)
	default:
		v.express(s, res, w.at("Resource"))
	}
	var timeout, heartbeat int64
	var timeoutOK, heartbeatOK bool
	if n := s.Node.Get("TimeoutSeconds"); n != nil {
		timeout, timeoutOK = v.numberOrExpr(n, w.at("TimeoutSeconds"), "TimeoutSeconds", 1, maxSeconds, lang)
	}
	if n := s.Node.Get("HeartbeatSeconds"); n != nil {
		heartbeat, heartbeatOK = v.numberOrExpr(n, w.at("HeartbeatSeconds"), "HeartbeatSeconds", 1, maxSeconds, lang)
		if timeoutOK && heartbeatOK && heartbeat >= timeout {
			v.errorf(CodeSchema, n.Pos, w.at("HeartbeatSeconds"), "HeartbeatSeconds (%d) must be smaller than TimeoutSeconds (%d)", heartbeat, timeout)
		}
	}
	if n := s.Node.Get("Credentials"); n != nil {
		if lang == LangJSONata && n.Kind == String && isJSONataExpr(n.Str) {
			return
		}
		if v.mustBeObject(n, w.at("Credentials"), "Credentials") {
			if !n.Has("RoleArn") && !n.Has("RoleArn.$") {
				v.errorf(CodeSchema, n.Pos, w.at("Credentials"), "Credentials must have a RoleArn field")
			}
			if lang == LangJSONPath {
				v.template(n, w.at("Credentials"))
			}
		}
	}
}

func (v *validator) wait(s *State, w where, lang string) {
	n := 0
	for _, name := range []string{"Seconds", "SecondsPath", "Timestamp", "TimestampPath"} {
		if s.Node.Has(name) {
			n++
		}
	}
	if n == 0 {
		v.errorf(CodeSchema, s.NamePos, w, "a Wait state must have one of Seconds, SecondsPath, Timestamp or TimestampPath")
	}
	if sec := s.Node.Get("Seconds"); sec != nil {
		v.numberOrExpr(sec, w.at("Seconds"), "Seconds", 0, maxSeconds, lang)
	}
	if ts := s.Node.Get("Timestamp"); ts != nil {
		switch {
		case ts.Kind != String:
			v.errorf(CodeSchema, ts.Pos, w.at("Timestamp"), "Timestamp must be a string, not %s", kindName(ts))
		case lang == LangJSONata && isJSONataExpr(ts.Str):
		case !IsTimestamp(ts.Str):
			v.errorf(CodeSchema, ts.Pos, w.at("Timestamp"), "Timestamp %q is not an RFC 3339 timestamp such as 2016-03-14T01:59:00Z", ts.Str)
		}
	}
}

// IsTimestamp reports whether s is a timestamp as ASL requires: RFC 3339
// with an uppercase T and, for UTC, an uppercase Z.
func IsTimestamp(s string) bool {
	if strings.ContainsAny(s, "tz") {
		return false
	}
	_, err := time.Parse(time.RFC3339Nano, s)
	return err == nil
}

// failPathIntrinsics are the intrinsic functions ErrorPath and CausePath
// may call (those that return a string).
var failPathIntrinsics = map[string]bool{
	"States.Format": true, "States.JsonToString": true, "States.ArrayGetItem": true,
	"States.Base64Encode": true, "States.Base64Decode": true, "States.Hash": true, "States.UUID": true,
}

func (v *validator) fail(s *State, w where, lang string) {
	for _, name := range []string{"Error", "Cause"} {
		n := s.Node.Get(name)
		if n == nil {
			continue
		}
		if n.Kind != String {
			v.errorf(CodeSchema, n.Pos, w.at(name), "%s must be a string, not %s", name, kindName(n))
			continue
		}
		if lang == LangJSONPath && (strings.HasPrefix(n.Str, "$.") || strings.HasPrefix(n.Str, "$$.") || IsIntrinsic(n.Str)) {
			v.warnf(CodeNoPath, n.Pos, w.at(name), "%s %q looks like a path or a function call but is used as plain text; use %sPath to evaluate it", name, n.Str, name)
		}
	}
	if lang != LangJSONPath {
		return
	}
	for _, name := range []string{"ErrorPath", "CausePath"} {
		n := s.Node.Get(name)
		if n == nil {
			continue
		}
		fw := w.at(name)
		if n.Kind == String && IsIntrinsic(n.Str) {
			if call := v.intrinsic(n, fw); call != nil && !failPathIntrinsics[call.Name] {
				v.errorf(CodeInvalidIntrinsic, n.Pos, fw, "%s cannot call %s; it needs a function that returns a string (%s)", name, call.Name, "States.Format, States.JsonToString, States.ArrayGetItem, States.Base64Encode, States.Base64Decode, States.Hash, States.UUID")
			}
			continue
		}
		v.pathField(n, fw, name, PathRules{Reference: true, Context: true, Variables: true}, false)
	}
}

func (v *validator) parallel(s *State, w where) {
	for i, it := range v.requiredList(s, w, "Branches", "branch") {
		if it.Kind != Object {
			v.errorf(CodeSchema, it.Pos, w.at("Branches", strconv.Itoa(i)), "a branch must be an object, not %s", kindName(it))
		}
	}
}

// requiredList returns the items of a field that must be a non-empty
// array (Choices, Branches), reporting what is wrong with it.
func (v *validator) requiredList(s *State, w where, name, item string) []*Node {
	n := s.Node.Get(name)
	switch {
	case n == nil:
		v.errorf(CodeSchema, s.NamePos, w, "missing required field %s", name)
	case n.Kind != Array:
		v.errorf(CodeSchema, n.Pos, w.at(name), "%s must be an array, not %s", name, kindName(n))
	case len(n.Items) == 0:
		v.errorf(CodeSchema, n.Pos, w.at(name), "%s must have at least one %s", name, item)
	default:
		return n.Items
	}
	return nil
}
