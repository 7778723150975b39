package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Map processor modes and child execution types.
const (
	ModeInline      = "INLINE"
	ModeDistributed = "DISTRIBUTED"
)

// distributedOnly are the Map fields that need ProcessorConfig.Mode
// DISTRIBUTED.
var distributedOnly = []string{"ItemReader", "ItemBatcher", "ResultWriter"}

func (v *validator) mapState(s *State, w where, lang string) {
	proc := s.Node.Get("ItemProcessor")
	procName := "ItemProcessor"
	if proc == nil {
		proc, procName = s.Node.Get("Iterator"), "Iterator"
	}
	mode := ModeInline
	switch {
	case proc == nil:
		v.errorf(CodeSchema, s.NamePos, w, "missing required field ItemProcessor")
	case proc.Kind != Object:
		v.errorf(CodeSchema, proc.Pos, w.at(procName), "%s must be an object, not %s", procName, kindName(proc))
	default:
		mode = v.processorConfig(proc.Get("ProcessorConfig"), w.at(procName, "ProcessorConfig"))
	}
	if mode != ModeDistributed {
		for _, name := range distributedOnly {
			if f := s.Node.Field(name); f != nil {
				v.errorf(CodeSchema, f.KeyPos, w.at(name), "%s is only allowed in a Map state whose ProcessorConfig.Mode is DISTRIBUTED", name)
			}
		}
	}
	if n := s.Node.Get("MaxConcurrency"); n != nil {
		v.numberOrExpr(n, w.at("MaxConcurrency"), "MaxConcurrency", 0, maxSeconds, lang)
	}
	if n := s.Node.Get("ToleratedFailureCount"); n != nil {
		v.numberOrExpr(n, w.at("ToleratedFailureCount"), "ToleratedFailureCount", 0, maxSeconds, lang)
	}
	if n := s.Node.Get("ToleratedFailurePercentage"); n != nil {
		fw := w.at("ToleratedFailurePercentage")
		switch f, ok := n.Float(); {
		case lang == LangJSONata && n.Kind == String && isJSONataExpr(n.Str):
		case !ok:
			v.errorf(CodeSchema, n.Pos, fw, "ToleratedFailurePercentage must be a number, not %s", literal(n))
		case f < 0 || f > 100:
			v.errorf(CodeSchema, n.Pos, fw, "ToleratedFailurePercentage must be between 0 and 100, not %s", n.Raw)
		}
	}
	if n := s.Node.Get("Label"); n != nil && n.Kind != String {
		v.errorf(CodeSchema, n.Pos, w.at("Label"), "Label must be a string, not %s", kindName(n))
	}
	for _, name := range []string{"ItemReader", "ItemBatcher", "ResultWriter"} {
		n := s.Node.Get(name)
		if n == nil || !v.mustBeObject(n, w.at(name), name) {
			continue
		}
		if lang == LangJSONPath {
			v.mapConfig(n, w.at(name))
		}
	}
	if n := s.Node.Get("ItemReader"); n != nil && n.Kind == Object && !n.Has("Resource") {
		v.errorf(CodeSchema, n.Pos, w.at("ItemReader"), "ItemReader must have Resource")
	}
}

// mapConfig checks the JSONPath fields inside ItemReader, ItemBatcher and
// ResultWriter: payload templates and *Path fields.
func (v *validator) mapConfig(n *Node, w where) {
	for _, f := range n.Fields {
		fw := w.at(f.Key)
		switch {
		case f.Key == "Parameters" || f.Key == "BatchInput":
			v.template(f.Value, fw)
		case f.Key == "ReaderConfig" && f.Value.Kind == Object:
			v.mapConfig(f.Value, fw)
		case strings.HasSuffix(f.Key, "Path"):
			v.pathField(f.Value, fw, f.Key, PathRules{Reference: true, Context: true, Variables: true}, false)
		}
	}
}

// processorConfig checks a ProcessorConfig and returns the mode.
func (v *validator) processorConfig(n *Node, w where) string {
	if n == nil {
		return ModeInline
	}
	if !v.mustBeObject(n, w, "ProcessorConfig") {
		return ModeInline
	}
	mode := ModeInline
	for _, f := range n.Fields {
		fw := w.at(f.Key)
		switch f.Key {
		case "Mode":
			if f.Value.Text() != ModeInline && f.Value.Text() != ModeDistributed {
				v.errorf(CodeSchema, f.Value.Pos, fw, "Mode must be \"INLINE\" or \"DISTRIBUTED\", not %s", literal(f.Value))
			} else {
				mode = f.Value.Str
			}
		case "ExecutionType":
			if f.Value.Text() != "STANDARD" && f.Value.Text() != "EXPRESS" {
				v.errorf(CodeSchema, f.Value.Pos, fw, "ExecutionType must be \"STANDARD\" or \"EXPRESS\", not %s", literal(f.Value))
			}
		default:
			v.errorf(CodeSchema, f.KeyPos, fw, "field %q is not supported in ProcessorConfig", f.Key)
		}
	}
	et := n.Field("ExecutionType")
	switch {
	case mode == ModeDistributed && et == nil:
		v.errorf(CodeSchema, n.Pos, w, "a DISTRIBUTED ProcessorConfig must have ExecutionType")
	case mode != ModeDistributed && et != nil:
		v.errorf(CodeSchema, et.KeyPos, w.at("ExecutionType"), "ExecutionType is only allowed when Mode is DISTRIBUTED")
	}
	return mode
}

// maxLabelLen is AWS's limit on Map labels, in characters.
const maxLabelLen = 40

// labels checks Map state labels: valid and unique in the definition.
func (v *validator) labels(m *StateMachine) {
	seen := map[string]Pos{}
	m.Walk(func(s *State) bool {
		n := s.Label
		if n == nil || n.Kind != String || s.Type != TypeMap {
			return true
		}
		w := where{state: s, path: []string{"Label"}}
		if prior, dup := seen[n.Str]; dup {
			v.errorf(CodeDuplicateLabelName, n.Pos, w, "Label %q is already used at %s", n.Str, prior)
		} else {
			seen[n.Str] = n.Pos
		}
		switch l := utf8.RuneCountInString(n.Str); {
		case l == 0 || l > maxLabelLen:
			v.errorf(CodeInvalidLabelName, n.Pos, w, "Label must have 1 to %d characters, not %d", maxLabelLen, l)
		case strings.IndexFunc(n.Str, badLabelRune) >= 0:
			v.errorf(CodeInvalidLabelName, n.Pos, w, "Label %q must not contain white space, brackets, wildcards, control characters or any of \" # %% \\ ^ | ~ ` $ & , ; : /", n.Str)
		}
		return true
	})
}

func badLabelRune(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune("<>{}[]?*\"#%\\^|~`$&,;:/", r)
}

// express checks a Task's Resource against the limits of Express
// workflows: the whole machine when opts.Express, and the processor of a
// DISTRIBUTED Map whose ExecutionType is EXPRESS.
func (v *validator) express(s *State, res *Node, w where) {
	if !v.opts.Express && !inExpressChild(s) {
		return
	}
	arn := res.Str
	switch {
	case strings.HasSuffix(arn, ".sync") || strings.Contains(arn, ".sync:"):
		v.errorf(CodeInvalidResource, res.Pos, w, "Express workflows do not support the .sync (run a job) integration pattern")
	case strings.HasSuffix(arn, ".waitForTaskToken"):
		v.errorf(CodeInvalidResource, res.Pos, w, "Express workflows do not support the .waitForTaskToken (callback) integration pattern")
	case strings.HasPrefix(arn, "arn:") && strings.Contains(arn, ":states:") && strings.Contains(arn, ":activity:"):
		v.errorf(CodeInvalidResource, res.Pos, w, "Express workflows do not support activities")
	}
}

// inExpressChild reports whether s runs in the child workflows of a
// DISTRIBUTED Map with ExecutionType EXPRESS.
func inExpressChild(s *State) bool {
	for m := s.Machine; m.Parent != nil; m = m.Parent.Machine {
		if pc := m.ProcessorConfig; pc != nil && pc.Get("Mode").Text() == ModeDistributed && pc.Get("ExecutionType").Text() == "EXPRESS" {
			return true
		}
	}
	return false
}
