package model

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// ParseYAML parses YAML text into a Node tree with positions. Anchors and
// aliases are expanded; merge keys (<<) are applied. Errors are *SyntaxError.
func ParseYAML(file string, src []byte) (n *Node, err error) {
	defer func() {
		// The YAML library is not ours; a panic on hostile input must not
		// reach the user.
		if r := recover(); r != nil {
			n, err = nil, &SyntaxError{File: file, Pos: Pos{Line: 1, Col: 1}, Msg: fmt.Sprintf("invalid YAML: %v", r)}
		}
	}()
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if err.Error() == "EOF" {
			return nil, &SyntaxError{File: file, Pos: Pos{Line: 1, Col: 1}, Msg: "empty document; expected a state machine object"}
		}
		return nil, yamlError(file, src, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &SyntaxError{File: file, Pos: Pos{Line: extra.Line, Col: extra.Column}, Msg: "more than one YAML document; expected exactly one", Line: lineAt(src, extra.Line)}
	}
	c := &yamlConverter{src: src, lineOffsets: lineOffsets(src)}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil, &SyntaxError{File: file, Pos: Pos{Line: 1, Col: 1}, Msg: "empty document; expected a state machine object"}
		}
		root = root.Content[0]
	}
	out, err := c.convert(root, 0)
	if err != nil {
		if se, ok := err.(*SyntaxError); ok {
			se.File = file
			se.Line = lineAt(src, se.Pos.Line)
		}
		return nil, err
	}
	return out, nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

func yamlError(file string, src []byte, err error) error {
	msg := err.Error()
	line := 1
	if m := yamlLineRE.FindStringSubmatch(strings.SplitN(msg, "\n", 2)[0]); m != nil {
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
		msg = m[2]
	}
	text := lineAt(src, line)
	col := 1
	for col <= len(text) && (text[col-1] == ' ' || text[col-1] == '\t') {
		col++
	}
	return &SyntaxError{File: file, Pos: Pos{Line: line, Col: col}, Msg: "invalid YAML: " + msg, Line: text}
}

func lineOffsets(src []byte) []int {
	offs := []int{0}
	for i, b := range src {
		if b == '\n' {
			offs = append(offs, i+1)
		}
	}
	return offs
}

type yamlConverter struct {
	src         []byte
	lineOffsets []int
}

func (c *yamlConverter) pos(y *yaml.Node) Pos {
	p := Pos{Line: y.Line, Col: y.Column}
	if y.Line >= 1 && y.Line <= len(c.lineOffsets) {
		// Column counts characters; convert to a byte offset.
		off := c.lineOffsets[y.Line-1]
		for col := 1; col < y.Column && off < len(c.src) && c.src[off] != '\n'; col++ {
			_, size := utf8.DecodeRune(c.src[off:])
			off += size
		}
		p.Offset = off
	}
	return p
}

func (c *yamlConverter) convert(y *yaml.Node, depth int) (*Node, error) {
	if depth > maxDepth {
		return nil, &SyntaxError{Pos: c.pos(y), Msg: fmt.Sprintf("nesting deeper than %d levels", maxDepth)}
	}
	switch y.Kind {
	case yaml.AliasNode:
		if y.Alias == nil {
			return nil, &SyntaxError{Pos: c.pos(y), Msg: "unknown alias"}
		}
		return c.convert(y.Alias, depth+1)
	case yaml.MappingNode:
		n := &Node{Kind: Object, Pos: c.pos(y), Fields: []*Field{}}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				if err := c.merge(n, v, depth); err != nil {
					return nil, err
				}
				continue
			}
			if k.Kind != yaml.ScalarNode {
				return nil, &SyntaxError{Pos: c.pos(k), Msg: "object keys must be strings"}
			}
			val, err := c.convert(v, depth+1)
			if err != nil {
				return nil, err
			}
			n.Fields = append(n.Fields, &Field{Key: k.Value, KeyPos: c.pos(k), Value: val})
		}
		return n, nil
	case yaml.SequenceNode:
		n := &Node{Kind: Array, Pos: c.pos(y), Items: []*Node{}}
		for _, it := range y.Content {
			v, err := c.convert(it, depth+1)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, v)
		}
		return n, nil
	case yaml.ScalarNode:
		return c.scalar(y)
	}
	return nil, &SyntaxError{Pos: c.pos(y), Msg: "unsupported YAML node"}
}

func (c *yamlConverter) merge(into *Node, v *yaml.Node, depth int) error {
	src, err := c.convert(v, depth+1)
	if err != nil {
		return err
	}
	var maps []*Node
	switch src.Kind {
	case Object:
		maps = []*Node{src}
	case Array:
		maps = src.Items
	}
	for _, m := range maps {
		if m.Kind != Object {
			return &SyntaxError{Pos: c.pos(v), Msg: "merge key (<<) needs a mapping or a list of mappings"}
		}
		for _, f := range m.Fields {
			if !into.Has(f.Key) {
				into.Fields = append(into.Fields, f)
			}
		}
	}
	return nil
}

func (c *yamlConverter) scalar(y *yaml.Node) (*Node, error) {
	p := c.pos(y)
	switch y.ShortTag() {
	case "!!null":
		return &Node{Kind: Null, Pos: p}, nil
	case "!!bool":
		var b bool
		if err := y.Decode(&b); err != nil {
			return nil, &SyntaxError{Pos: p, Msg: "invalid boolean " + strconv.Quote(y.Value)}
		}
		return &Node{Kind: Bool, Bool: b, Pos: p}, nil
	case "!!int", "!!float":
		raw := strings.ReplaceAll(y.Value, "_", "")
		if isJSONNumber(raw) {
			return &Node{Kind: Number, Raw: raw, Pos: p}, nil
		}
		var f float64
		if err := y.Decode(&f); err != nil {
			return nil, &SyntaxError{Pos: p, Msg: "invalid number " + strconv.Quote(y.Value)}
		}
		lit := jsonNumber(raw)
		if _, err := strconv.ParseInt(raw, 0, 64); err != nil {
			if strings.ContainsAny(y.Value, "nN") { // .nan, .inf
				return nil, &SyntaxError{Pos: p, Msg: "JSON has no number " + strconv.Quote(y.Value)}
			}
			lit = formatFloat(f)
		}
		return &Node{Kind: Number, Raw: lit, Pos: p}, nil
	case "!!str", "!!binary", "!!timestamp":
		return &Node{Kind: String, Str: y.Value, Pos: p}, nil
	}
	return &Node{Kind: String, Str: y.Value, Pos: p}, nil
}

// MarshalYAML writes n as YAML (block style, two-space indentation), keeping
// key order. Strings that YAML would read as another type are quoted.
func MarshalYAML(n *Node) []byte {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(toYAML(n)); err != nil {
		// Encoding a tree we built cannot fail short of a library bug.
		panic(fmt.Sprintf("model: YAML encoding failed: %v", err))
	}
	enc.Close()
	return buf.Bytes()
}

var yaml11Bools = map[string]bool{"y": true, "yes": true, "n": true, "no": true, "on": true, "off": true}

func toYAML(n *Node) *yaml.Node {
	if n == nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	switch n.Kind {
	case Null:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(n.Bool)}
	case Number:
		lit := jsonNumber(n.Raw)
		tag := "!!int"
		if strings.ContainsAny(lit, ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: lit}
	case String:
		y := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: n.Str}
		if yaml11Bools[strings.ToLower(n.Str)] {
			// YAML 1.1 readers (CloudFormation, PyYAML) would take these
			// for booleans.
			y.Style = yaml.DoubleQuotedStyle
		}
		if strings.Contains(n.Str, "\n") {
			y.Style = yaml.LiteralStyle
			if strings.HasSuffix(n.Str, " ") || strings.Contains(n.Str, " \n") || strings.ContainsAny(n.Str, "\t\r") {
				y.Style = yaml.DoubleQuotedStyle
			}
		}
		return y
	case Object:
		y := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if len(n.Fields) == 0 {
			y.Style = yaml.FlowStyle
		}
		for _, f := range n.Fields {
			y.Content = append(y.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: f.Key}, toYAML(f.Value))
		}
		return y
	case Array:
		y := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		if len(n.Items) == 0 {
			y.Style = yaml.FlowStyle
		}
		for _, it := range n.Items {
			y.Content = append(y.Content, toYAML(it))
		}
		return y
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
}
