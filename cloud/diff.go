package cloud

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"

	"baton/model"
)

// DefinitionDiff is the difference between a local definition and the
// deployed one: both canonicalised (keys sorted, two-space indentation,
// strings and numbers written one way), a line diff of the two, and a
// summary per state.
type DefinitionDiff struct {
	// Local and Remote are the canonical texts.
	Local, Remote string
	Lines         []DiffLine
	States        []StateChange
}

// Same reports whether the two definitions are equivalent.
func (d *DefinitionDiff) Same() bool { return d.Local == d.Remote }

// DiffOp is the kind of a diff line.
type DiffOp int

// Diff line kinds.
const (
	Equal   DiffOp = iota
	Removed        // only in the deployed definition
	Added          // only in the local definition
)

// DiffLine is one line of a line diff; Remote and Local are its 1-based
// line numbers in each text, 0 where it is absent.
type DiffLine struct {
	Op            DiffOp
	Text          string
	Remote, Local int
}

// Change is what happened to a state.
type Change string

// State changes.
const (
	StateAdded   Change = "added"
	StateRemoved Change = "removed"
	StateChanged Change = "changed"
)

// StateChange is one entry of the per-state summary. State is "" for the
// top level of the definition (StartAt, Comment, TimeoutSeconds, …).
type StateChange struct {
	State  string
	Change Change
	// Fields are the fields that differ, sorted, for a changed state.
	Fields []string
}

// Unified renders the line diff with "-" for deployed-only lines, "+"
// for local-only lines and " " for context.
func (d *DefinitionDiff) Unified() string {
	var b strings.Builder
	for _, l := range d.Lines {
		b.WriteString([]string{" ", "-", "+"}[l.Op])
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// Diff compares a local definition with a deployed one (both JSON or
// YAML text). values, when not nil, resolves ${Name} placeholders in the
// local definition first (see Substitute), so that SAM and CDK
// placeholders are not reported as drift.
func Diff(local, remote []byte, values map[string]string) (*DefinitionDiff, error) {
	ldoc, err := model.Parse("local", local)
	if err != nil {
		return nil, err
	}
	rdoc, err := model.Parse("deployed", remote)
	if err != nil {
		return nil, err
	}
	if values != nil {
		ldoc = ldoc.Clone()
		Substitute(ldoc.Root, values)
		ldoc.Refresh()
	}
	d := &DefinitionDiff{Local: Canonical(ldoc.Root), Remote: Canonical(rdoc.Root)}
	d.Lines = lineDiff(d.Remote, d.Local)
	d.States = stateChanges(rdoc.Machine, ldoc.Machine)
	return d, nil
}

// Canonical writes a value as canonical JSON: object keys sorted (the last
// of duplicate keys wins), two-space indentation, strings encoded afresh,
// numbers in their shortest form, and a final newline.
func Canonical(n *model.Node) string {
	return string(model.MarshalJSON(canonicalNode(n)))
}

func canonicalNode(n *model.Node) *model.Node {
	return model.FromValue(n.Value())
}

func lineDiff(a, b string) []DiffLine {
	dmp := diffmatchpatch.New()
	ra, rb, lines := dmp.DiffLinesToRunes(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(ra, rb, false), lines)
	var out []DiffLine
	la, lb := 0, 0
	for _, df := range diffs {
		for _, text := range strings.SplitAfter(df.Text, "\n") {
			if text == "" {
				continue
			}
			text = strings.TrimSuffix(text, "\n")
			switch df.Type {
			case diffmatchpatch.DiffEqual:
				la++
				lb++
				out = append(out, DiffLine{Op: Equal, Text: text, Remote: la, Local: lb})
			case diffmatchpatch.DiffDelete:
				la++
				out = append(out, DiffLine{Op: Removed, Text: text, Remote: la})
			case diffmatchpatch.DiffInsert:
				lb++
				out = append(out, DiffLine{Op: Added, Text: text, Local: lb})
			}
		}
	}
	return out
}

// nested are the fields of Parallel and Map states that hold machines of
// their own; their states are compared one by one, not as a field.
var nested = map[string]bool{"Branches": true, "ItemProcessor": true, "Iterator": true}

// stateChanges compares the states of two machines, nested ones included
// (state names are unique across a definition), in the order of the local
// definition, then the removed ones in the deployed order.
func stateChanges(remote, local *model.StateMachine) []StateChange {
	var out []StateChange
	if f := changedFields(remote.Node, local.Node, map[string]bool{"States": true}); len(f) > 0 {
		out = append(out, StateChange{Change: StateChanged, Fields: f})
	}
	local.Walk(func(s *model.State) bool {
		r := remote.Find(s.Name)
		if r == nil {
			out = append(out, StateChange{State: s.Name, Change: StateAdded})
		} else if f := changedFields(r.Node, s.Node, nil); len(f) > 0 {
			out = append(out, StateChange{State: s.Name, Change: StateChanged, Fields: f})
		}
		return true
	})
	remote.Walk(func(s *model.State) bool {
		if local.Find(s.Name) == nil {
			out = append(out, StateChange{State: s.Name, Change: StateRemoved})
		}
		return true
	})
	return out
}

// changedFields lists the fields of two objects whose values differ,
// skipping those in skip; nested machines are compared without their
// states.
func changedFields(a, b *model.Node, skip map[string]bool) []string {
	av, _ := a.Value().(map[string]any)
	bv, _ := b.Value().(map[string]any)
	var out []string
	for _, k := range unionKeys(av, bv) {
		if skip[k] {
			continue
		}
		x, y := av[k], bv[k]
		if nested[k] {
			x, y = stripStates(x), stripStates(y)
		}
		if Canonical(model.FromValue(x)) != Canonical(model.FromValue(y)) {
			out = append(out, k)
		}
	}
	return out
}

func unionKeys(a, b map[string]any) []string {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// stripStates replaces the States of nested machines by their names.
func stripStates(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, it := range x {
			out[i] = stripStates(it)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, it := range x {
			out[k] = it
		}
		if states, ok := x["States"].(map[string]any); ok {
			names := make([]any, 0, len(states))
			for _, n := range unionKeys(states, nil) {
				names = append(names, n)
			}
			out["States"] = names
		}
		return out
	}
	return v
}

// Substitute replaces ${Name} placeholders in every string of n (keys
// included) by values[Name], and returns the names that had no value,
// sorted and without repeats.
func Substitute(n *model.Node, values map[string]string) (missing []string) {
	seen := map[string]bool{}
	var walk func(n *model.Node)
	sub := func(s string) (string, bool) {
		if !strings.Contains(s, "${") {
			return s, false
		}
		var b strings.Builder
		changed := false
		for {
			i := strings.Index(s, "${")
			if i < 0 {
				break
			}
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				break
			}
			name := s[i+2 : i+j]
			v, ok := values[name]
			b.WriteString(s[:i])
			if ok {
				b.WriteString(v)
				changed = true
			} else {
				b.WriteString(s[i : i+j+1])
				if !seen[name] {
					seen[name] = true
					missing = append(missing, name)
				}
			}
			s = s[i+j+1:]
		}
		b.WriteString(s)
		return b.String(), changed
	}
	walk = func(n *model.Node) {
		if n == nil {
			return
		}
		switch n.Kind {
		case model.String:
			if s, ok := sub(n.Str); ok {
				n.Str, n.Raw = s, ""
			}
		case model.Object:
			for _, f := range n.Fields {
				if k, ok := sub(f.Key); ok {
					f.Key, f.KeyRaw = k, ""
				}
				walk(f.Value)
			}
		case model.Array:
			for _, it := range n.Items {
				walk(it)
			}
		}
	}
	walk(n)
	slices.Sort(missing)
	return missing
}

// LoadValues reads a values file for Substitute: a JSON or YAML object of
// names to scalar values, or such an object under a
// "DefinitionSubstitutions" key (as in a SAM template's properties).
func LoadValues(file string, src []byte) (map[string]string, error) {
	doc, err := model.Parse(file, src)
	if err != nil {
		return nil, err
	}
	root := doc.Root
	if inner := root.Get("DefinitionSubstitutions"); inner != nil && inner.Kind == model.Object {
		root = inner
	}
	out := map[string]string{}
	for _, f := range root.Fields {
		switch f.Value.Kind {
		case model.String:
			out[f.Key] = f.Value.Str
		case model.Number:
			out[f.Key] = f.Value.Raw
		case model.Bool:
			out[f.Key] = fmt.Sprint(f.Value.Bool)
		default:
			return nil, fmt.Errorf("%s:%s: the value of %s must be a string, number or boolean, not %s", file, f.Value.Pos, f.Key, f.Value.Kind)
		}
	}
	return out, nil
}
