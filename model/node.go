package model

import (
	"slices"
	"strconv"
	"strings"
)

// Kind is the JSON type of a Node.
type Kind uint8

// The kinds of Node.
const (
	Null Kind = iota
	Bool
	Number
	String
	Object
	Array
)

var kindNames = [...]string{"null", "boolean", "number", "string", "object", "array"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Pos is a place in a source text: 1-based line and column (in characters),
// and the 0-based byte offset.
type Pos struct {
	Line, Col, Offset int
}

// IsValid reports whether the position was set by a parser.
func (p Pos) IsValid() bool { return p.Line > 0 }

func (p Pos) String() string { return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col) }

// Node is one value of a document. It keeps what the user wrote: object keys
// in their order (duplicates included), number literals exactly as written,
// the raw JSON text of strings, and the position of every key and value.
type Node struct {
	Kind Kind
	// Bool is the value of a Bool node.
	Bool bool
	// Str is the decoded value of a String node.
	Str string
	// Raw is the literal as written: the digits of a Number, or the quoted
	// JSON token of a String read from JSON (empty when the string came
	// from YAML or an edit, in which case it is encoded afresh).
	Raw string
	// Fields are the members of an Object, in source order.
	Fields []*Field
	// Items are the elements of an Array.
	Items []*Node
	// Pos is where the value starts.
	Pos Pos
	// End is just past where the value ends (for objects and arrays, after
	// the closing bracket).
	End Pos
}

// Field is one member of an object.
type Field struct {
	Key string
	// KeyRaw is the quoted key as written in JSON; empty if not from JSON.
	KeyRaw string
	KeyPos Pos
	Value  *Node
}

// Get returns the value of the first field named key, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	for _, f := range n.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

// Field returns the first field named key, or nil.
func (n *Node) Field(key string) *Field {
	if n == nil || n.Kind != Object {
		return nil
	}
	for _, f := range n.Fields {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// Has reports whether the object has a field named key.
func (n *Node) Has(key string) bool { return n.Field(key) != nil }

// Set sets the value of field key, keeping its place, or appends it.
func (n *Node) Set(key string, v *Node) {
	if f := n.Field(key); f != nil {
		f.Value = v
		return
	}
	n.Fields = append(n.Fields, &Field{Key: key, Value: v})
}

// Delete removes every field named key and reports whether one was there.
func (n *Node) Delete(key string) bool {
	if n == nil || n.Kind != Object {
		return false
	}
	out := n.Fields[:0]
	found := false
	for _, f := range n.Fields {
		if f.Key == key {
			found = true
			continue
		}
		out = append(out, f)
	}
	for i := len(out); i < len(n.Fields); i++ {
		n.Fields[i] = nil
	}
	n.Fields = out
	return found
}

// Keys returns the object's keys in order.
func (n *Node) Keys() []string {
	if n == nil || n.Kind != Object {
		return nil
	}
	keys := make([]string, len(n.Fields))
	for i, f := range n.Fields {
		keys[i] = f.Key
	}
	return keys
}

// IsString reports whether n is a string.
func (n *Node) IsString() bool { return n != nil && n.Kind == String }

// Text returns the value of a string node, or "" for anything else.
func (n *Node) Text() string {
	if n == nil || n.Kind != String {
		return ""
	}
	return n.Str
}

// Int returns the value of an integral number node.
func (n *Node) Int() (int64, bool) {
	if n == nil || n.Kind != Number {
		return 0, false
	}
	if i, err := strconv.ParseInt(n.Raw, 10, 64); err == nil {
		return i, true
	}
	f, err := strconv.ParseFloat(n.Raw, 64)
	if err != nil || f != float64(int64(f)) {
		return 0, false
	}
	return int64(f), true
}

// Float returns the value of a number node.
func (n *Node) Float() (float64, bool) {
	if n == nil || n.Kind != Number {
		return 0, false
	}
	f, err := strconv.ParseFloat(n.Raw, 64)
	return f, err == nil
}

// Clone returns a deep copy of n.
func (n *Node) Clone() *Node {
	if n == nil {
		return nil
	}
	c := *n
	if n.Fields != nil {
		c.Fields = make([]*Field, len(n.Fields))
		for i, f := range n.Fields {
			fc := *f
			fc.Value = f.Value.Clone()
			c.Fields[i] = &fc
		}
	}
	if n.Items != nil {
		c.Items = make([]*Node, len(n.Items))
		for i, it := range n.Items {
			c.Items[i] = it.Clone()
		}
	}
	return &c
}

// NewString returns a string node.
func NewString(s string) *Node { return &Node{Kind: String, Str: s} }

// NewInt returns a number node.
func NewInt(i int64) *Node { return &Node{Kind: Number, Raw: strconv.FormatInt(i, 10)} }

// NewNumber returns a number node with the given literal; it must be a
// valid JSON number.
func NewNumber(literal string) *Node { return &Node{Kind: Number, Raw: literal} }

// NewBool returns a boolean node.
func NewBool(b bool) *Node { return &Node{Kind: Bool, Bool: b} }

// NewNull returns a null node.
func NewNull() *Node { return &Node{Kind: Null} }

// NewObject returns an empty object node.
func NewObject() *Node { return &Node{Kind: Object, Fields: []*Field{}} }

// NewArray returns an array node of the given items.
func NewArray(items ...*Node) *Node {
	if items == nil {
		items = []*Node{}
	}
	return &Node{Kind: Array, Items: items}
}

// Value converts n to a plain Go JSON value: map[string]any, []any, string,
// int64 or float64, bool, nil — the shape ojg and the runner work on. Of
// duplicate keys the last wins, as in most JSON decoders.
func (n *Node) Value() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Bool:
		return n.Bool
	case Number:
		return numberValue(n.Raw)
	case String:
		return n.Str
	case Object:
		m := make(map[string]any, len(n.Fields))
		for _, f := range n.Fields {
			m[f.Key] = f.Value.Value()
		}
		return m
	case Array:
		a := make([]any, len(n.Items))
		for i, it := range n.Items {
			a[i] = it.Value()
		}
		return a
	}
	return nil
}

func numberValue(raw string) any {
	if !strings.ContainsAny(raw, ".eE") {
		if i, err := strconv.ParseInt(raw, 10, 64); err == nil {
			return i
		}
	}
	f, _ := strconv.ParseFloat(raw, 64)
	return f
}

// FromValue converts a plain Go JSON value into a Node. Map keys are sorted,
// since Go maps have no order.
func FromValue(v any) *Node {
	switch x := v.(type) {
	case nil:
		return NewNull()
	case bool:
		return NewBool(x)
	case string:
		return NewString(x)
	case int:
		return NewInt(int64(x))
	case int64:
		return NewInt(x)
	case float64:
		return NewNumber(formatFloat(x))
	case []any:
		items := make([]*Node, len(x))
		for i, it := range x {
			items[i] = FromValue(it)
		}
		return NewArray(items...)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		o := NewObject()
		for _, k := range keys {
			o.Fields = append(o.Fields, &Field{Key: k, Value: FromValue(x[k])})
		}
		return o
	}
	return NewString("")
}

func formatFloat(f float64) string {
	if f == float64(int64(f)) && f < 1e21 && f > -1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
