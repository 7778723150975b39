package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ValidateOptions tunes validation.
type ValidateOptions struct {
	// Express applies the limits of Express workflows (no .sync or
	// .waitForTaskToken integrations, no activities).
	Express bool
}

// Validate checks a definition against every rule AWS enforces when it
// creates a state machine, and returns all problems at once, sorted by
// position. It never panics: an internal failure becomes an INTERNAL_ERROR
// diagnostic.
func Validate(d *Document, opts ValidateOptions) (ds []Diagnostic) {
	v := &validator{opts: opts}
	defer func() {
		if r := recover(); r != nil {
			v.diags = append(v.diags, Diagnostic{Severity: SeverityError, Code: CodeInternalError,
				Message: fmt.Sprintf("validation failed unexpectedly: %v", r), Pos: Pos{Line: 1, Col: 1}})
		}
		ds = v.sorted()
	}()
	if d == nil || d.Root == nil {
		v.diags = append(v.diags, Diagnostic{Severity: SeverityError, Code: CodeSchema,
			Message: "empty document; expected a state machine object", Pos: Pos{Line: 1, Col: 1}})
		return
	}
	m := d.Machine
	if m == nil {
		m = decodeMachine(d.Root, nil)
	}
	v.root = m
	v.duplicateKeys(d.Root, nil)
	v.topLevel(m)
	v.machine(m)
	v.stateNames(m)
	v.labels(m)
	v.unassignedVariables(m)
	return
}

// validator collects diagnostics.
type validator struct {
	opts  ValidateOptions
	root  *StateMachine
	diags []Diagnostic
}

func (v *validator) sorted() []Diagnostic {
	slices.SortStableFunc(v.diags, func(a, b Diagnostic) int {
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col - b.Pos.Col
		}
		return strings.Compare(a.Code, b.Code)
	})
	return v.diags
}

// where is the place a diagnostic refers to: the state ("" at the top
// level) and the field path in it.
type where struct {
	state *State
	path  []string
}

func (w where) at(path ...string) where {
	return where{state: w.state, path: append(slices.Clip(w.path), path...)}
}

func (w where) describe() string {
	if w.state == nil {
		return ""
	}
	return "state " + strconv.Quote(w.state.Name) + ": "
}

func (v *validator) add(sev Severity, code string, pos Pos, w where, msg string) {
	if !pos.IsValid() {
		pos = Pos{Line: 1, Col: 1}
	}
	d := Diagnostic{Severity: sev, Code: code, Message: w.describe() + msg, Pos: pos, Path: w.path}
	if w.state != nil {
		d.State = w.state.Name
	}
	v.diags = append(v.diags, d)
}

func (v *validator) errorf(code string, pos Pos, w where, format string, args ...any) {
	v.add(SeverityError, code, pos, w, fmt.Sprintf(format, args...))
}

func (v *validator) warnf(code string, pos Pos, w where, format string, args ...any) {
	v.add(SeverityWarning, code, pos, w, fmt.Sprintf(format, args...))
}

// duplicateKeys reports an object key written twice. Duplicate state names
// are reported by stateNames instead.
func (v *validator) duplicateKeys(n *Node, path []string) {
	switch n.Kind {
	case Object:
		statesObj := len(path) > 0 && path[len(path)-1] == "States"
		for i, f := range n.Fields {
			if !statesObj {
				for _, g := range n.Fields[:i] {
					if g.Key == f.Key {
						v.errorf(CodeInvalidJSON, f.KeyPos, where{}, "duplicate field %q", f.Key)
						break
					}
				}
			}
			v.duplicateKeys(f.Value, append(path, f.Key))
		}
	case Array:
		for i, it := range n.Items {
			v.duplicateKeys(it, append(path, strconv.Itoa(i)))
		}
	}
}

// strPos returns the source position of byte off of the decoded value of a
// string node. JSON strings are mapped exactly through their escapes; for
// YAML, where the quoting is not kept, the start of the value is returned.
func strPos(n *Node, off int) Pos {
	p := n.Pos
	if n.Raw == "" || len(n.Raw) < 2 || n.Raw[0] != '"' {
		return p
	}
	raw := n.Raw[1 : len(n.Raw)-1]
	col, byteOff := p.Col+1, p.Offset+1
	for i, decoded := 0, 0; i < len(raw) && decoded < off; {
		if raw[i] == '\\' && i+1 < len(raw) {
			size, width := 2, 1
			if raw[i+1] == 'u' {
				size = min(6, len(raw)-i)
				r := decodeHex(raw[i+2 : i+size])
				width = utf8.RuneLen(r)
				if r >= 0xD800 && r < 0xDC00 && i+12 <= len(raw) && raw[i+6] == '\\' {
					size, width = 12, 4
				} else if width < 0 {
					width = 3 // a lone surrogate decodes to U+FFFD
				}
			}
			i, col, byteOff, decoded = i+size, col+size, byteOff+size, decoded+width
			continue
		}
		_, size := utf8.DecodeRuneInString(raw[i:])
		i, col, byteOff, decoded = i+size, col+1, byteOff+size, decoded+size
	}
	return Pos{Line: p.Line, Col: col, Offset: byteOff}
}

func decodeHex(s string) rune {
	var r rune
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			r = r*16 + rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r*16 + rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r*16 + rune(c-'A'+10)
		}
	}
	return r
}

// kindName names the JSON type of n for messages.
func kindName(n *Node) string { return article(n.Kind.String()) }
