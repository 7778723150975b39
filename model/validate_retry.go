package model

import (
	"strconv"
	"strings"
)

// ErrorNames are the error names Step Functions itself raises; a
// States.* name in ErrorEquals outside this list never matches.
var ErrorNames = map[string]bool{
	"States.ALL": true, "States.DataLimitExceeded": true, "States.ExceedToleratedFailureThreshold": true,
	"States.HeartbeatTimeout": true, "States.Http.Socket": true, "States.IntrinsicFailure": true,
	"States.ItemReaderFailed": true, "States.NoChoiceMatched": true, "States.ParameterPathFailure": true,
	"States.Permissions": true, "States.QueryEvaluationError": true, "States.ResultPathMatchFailure": true,
	"States.ResultWriterFailed": true, "States.Runtime": true, "States.TaskFailed": true,
	"States.Timeout": true, "States.BranchFailed": true,
}

var retrierFields = map[string]bool{
	"ErrorEquals": true, "IntervalSeconds": true, "MaxAttempts": true, "BackoffRate": true,
	"MaxDelaySeconds": true, "JitterStrategy": true, "Comment": true,
}

// maxDelayLimit is the largest MaxDelaySeconds AWS accepts (a year).
const maxDelayLimit = 31622400

func (v *validator) retry(s *State, w where) {
	list := v.handlerList(s, w, "Retry")
	for i, r := range list {
		rw := w.at("Retry", strconv.Itoa(i))
		if !v.mustBeObject(r, rw, "a retrier") {
			continue
		}
		for _, f := range r.Fields {
			if !retrierFields[f.Key] {
				v.errorf(CodeSchema, f.KeyPos, rw.at(f.Key), "field %q is not supported in a retrier", f.Key)
			}
		}
		v.errorEquals(r, rw, "retrier", i == len(list)-1)
		if n := r.Get("IntervalSeconds"); n != nil {
			v.intRange(n, rw.at("IntervalSeconds"), "IntervalSeconds", 1, maxSeconds)
		}
		if n := r.Get("MaxAttempts"); n != nil {
			v.intRange(n, rw.at("MaxAttempts"), "MaxAttempts", 0, maxSeconds)
		}
		if n := r.Get("MaxDelaySeconds"); n != nil {
			v.intRange(n, rw.at("MaxDelaySeconds"), "MaxDelaySeconds", 1, maxDelayLimit)
		}
		if n := r.Get("BackoffRate"); n != nil {
			if f, ok := n.Float(); !ok {
				v.errorf(CodeSchema, n.Pos, rw.at("BackoffRate"), "BackoffRate must be a number, not %s", literal(n))
			} else if f < 1 {
				v.errorf(CodeSchema, n.Pos, rw.at("BackoffRate"), "BackoffRate must be at least 1.0, not %s", n.Raw)
			}
		}
		if n := r.Get("JitterStrategy"); n != nil && n.Text() != "FULL" && n.Text() != "NONE" {
			v.errorf(CodeSchema, n.Pos, rw.at("JitterStrategy"), "JitterStrategy must be \"FULL\" or \"NONE\", not %s", literal(n))
		}
		if n := r.Get("Comment"); n != nil && n.Kind != String {
			v.errorf(CodeSchema, n.Pos, rw.at("Comment"), "Comment must be a string, not %s", kindName(n))
		}
	}
}

func (v *validator) catch(s *State, w where) {
	lang := s.Language()
	list := v.handlerList(s, w, "Catch")
	for i, c := range list {
		cw := w.at("Catch", strconv.Itoa(i))
		if !v.mustBeObject(c, cw, "a catcher") {
			continue
		}
		for _, f := range c.Fields {
			switch f.Key {
			case "ErrorEquals", "Next", "Comment", "Assign":
			case "ResultPath":
				if lang != LangJSONPath {
					v.errorf(CodeSchema, f.KeyPos, cw.at(f.Key), "field \"ResultPath\" is only allowed in JSONPath states; this state uses %s", lang)
				} else {
					v.pathField(f.Value, cw.at(f.Key), "ResultPath", PathRules{Reference: true}, true)
				}
			case "Output":
				if lang != LangJSONata {
					v.errorf(CodeSchema, f.KeyPos, cw.at(f.Key), "field \"Output\" is only allowed in JSONata states; this state uses %s", lang)
				}
			default:
				v.errorf(CodeSchema, f.KeyPos, cw.at(f.Key), "field %q is not supported in a catcher", f.Key)
			}
		}
		v.errorEquals(c, cw, "catcher", i == len(list)-1)
		v.requiredNext(c, cw, "catcher")
		if n := c.Get("Assign"); n != nil {
			v.assign(n, cw.at("Assign"), lang)
		}
	}
}

// requiredNext checks the Next of a choice rule or catcher; whether it
// names a state is checked with the other transitions.
func (v *validator) requiredNext(n *Node, w where, what string) {
	switch next := n.Get("Next"); {
	case next == nil:
		v.errorf(CodeSchema, n.Pos, w, "a %s must have Next", what)
	case next.Kind != String:
		v.errorf(CodeSchema, next.Pos, w.at("Next"), "Next must be a state name, not %s", kindName(next))
	}
}

// handlerList returns the items of Retry or Catch, reporting a value that
// is not an array.
func (v *validator) handlerList(s *State, w where, name string) []*Node {
	n := s.Node.Get(name)
	if n == nil || s.Type != TypeTask && s.Type != TypeParallel && s.Type != TypeMap {
		return nil
	}
	if n.Kind != Array {
		v.errorf(CodeSchema, n.Pos, w.at(name), "%s must be an array, not %s", name, kindName(n))
		return nil
	}
	return n.Items
}

// errorEquals checks the ErrorEquals of a retrier or catcher.
func (v *validator) errorEquals(h *Node, w where, what string, last bool) {
	n := h.Get("ErrorEquals")
	ew := w.at("ErrorEquals")
	switch {
	case n == nil:
		v.errorf(CodeSchema, h.Pos, w, "a %s must have ErrorEquals", what)
		return
	case n.Kind != Array:
		v.errorf(CodeSchema, n.Pos, ew, "ErrorEquals must be an array of error names, not %s", kindName(n))
		return
	case len(n.Items) == 0:
		v.errorf(CodeSchema, n.Pos, ew, "ErrorEquals must name at least one error")
		return
	}
	for i, it := range n.Items {
		iw := ew.at(strconv.Itoa(i))
		if it.Kind != String {
			v.errorf(CodeSchema, it.Pos, iw, "an error name must be a string, not %s", kindName(it))
			continue
		}
		switch {
		case it.Str == "States.ALL" && len(n.Items) > 1:
			v.errorf(CodeSchema, it.Pos, iw, "States.ALL must appear alone in ErrorEquals")
		case it.Str == "States.ALL" && !last:
			v.errorf(CodeSchema, it.Pos, iw, "a %s matching States.ALL must be the last one", what)
		case strings.HasPrefix(it.Str, "States.") && !ErrorNames[it.Str]:
			v.warnf(CodeUnknownErrorName, it.Pos, iw, "%q is not an error Step Functions raises; it never matches", it.Str)
		}
	}
}
