package model

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 512

// ParseJSON parses JSON text into a Node tree with positions. file names the
// source in errors. Errors are *SyntaxError.
func ParseJSON(file string, src []byte) (*Node, error) {
	p := &jsonParser{src: src, line: 1, col: 1}
	p.skipBOM()
	p.skipSpace()
	n, err := p.value(0)
	if err == nil {
		p.skipSpace()
		if p.off < len(p.src) {
			err = p.errorf("unexpected %s after the end of the document", p.describe())
		}
	}
	if err != nil {
		if se, ok := err.(*SyntaxError); ok {
			se.File = file
			se.Line = lineAt(src, se.Pos.Line)
		}
		return nil, err
	}
	return n, nil
}

type jsonParser struct {
	src       []byte
	off       int
	line, col int
}

func (p *jsonParser) pos() Pos { return Pos{Line: p.line, Col: p.col, Offset: p.off} }

func (p *jsonParser) errorf(format string, args ...any) error {
	return &SyntaxError{Pos: p.pos(), Msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) errorAt(pos Pos, format string, args ...any) error {
	return &SyntaxError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) skipBOM() {
	if len(p.src) >= 3 && p.src[0] == 0xEF && p.src[1] == 0xBB && p.src[2] == 0xBF {
		p.off = 3
	}
}

// advance moves past one byte, keeping line and column (in characters).
func (p *jsonParser) advance() {
	b := p.src[p.off]
	p.off++
	switch {
	case b == '\n':
		p.line++
		p.col = 1
	case b&0xC0 != 0x80:
		p.col++
	}
}

func (p *jsonParser) skipSpace() {
	for p.off < len(p.src) {
		switch p.src[p.off] {
		case ' ', '\t', '\n', '\r':
			p.advance()
		default:
			return
		}
	}
}

// describe names the token at the current offset, for messages.
func (p *jsonParser) describe() string {
	if p.off >= len(p.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.src[p.off:])
	if r == utf8.RuneError {
		return fmt.Sprintf("byte 0x%02x", p.src[p.off])
	}
	return strconv.QuoteRune(r)
}

func (p *jsonParser) value(depth int) (*Node, error) {
	if depth > maxDepth {
		return nil, p.errorf("nesting deeper than %d levels", maxDepth)
	}
	if p.off >= len(p.src) {
		return nil, p.errorf("unexpected end of input; expected a value")
	}
	start := p.pos()
	switch c := p.src[p.off]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, raw, err := p.str()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: String, Str: s, Raw: raw, Pos: start, End: p.pos()}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		raw, err := p.number()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: Number, Raw: raw, Pos: start, End: p.pos()}, nil
	case c == 't':
		if err := p.literal("true"); err != nil {
			return nil, err
		}
		return &Node{Kind: Bool, Bool: true, Pos: start, End: p.pos()}, nil
	case c == 'f':
		if err := p.literal("false"); err != nil {
			return nil, err
		}
		return &Node{Kind: Bool, Pos: start, End: p.pos()}, nil
	case c == 'n':
		if err := p.literal("null"); err != nil {
			return nil, err
		}
		return &Node{Kind: Null, Pos: start, End: p.pos()}, nil
	case c == '\'':
		return nil, p.errorf("strings must use double quotes, not single quotes")
	default:
		return nil, p.errorf("unexpected %s; expected a value", p.describe())
	}
}

func (p *jsonParser) literal(word string) error {
	start := p.pos()
	for i := 0; i < len(word); i++ {
		if p.off >= len(p.src) || p.src[p.off] != word[i] {
			p.off, p.line, p.col = start.Offset, start.Line, start.Col
			end := p.off
			for end < len(p.src) && isWordByte(p.src[end]) {
				end++
			}
			if end == p.off {
				end = p.off + 1
			}
			return p.errorAt(start, "invalid literal %q; expected a value", string(p.src[p.off:min(end, len(p.src))]))
		}
		p.advance()
	}
	if p.off < len(p.src) && isWordByte(p.src[p.off]) {
		return p.errorAt(start, "invalid literal; expected %s", word)
	}
	return nil
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}

func (p *jsonParser) number() (string, error) {
	start := p.off
	if p.src[p.off] == '-' {
		p.advance()
	}
	digits := func() int {
		n := 0
		for p.off < len(p.src) && p.src[p.off] >= '0' && p.src[p.off] <= '9' {
			p.advance()
			n++
		}
		return n
	}
	intStart := p.off
	if digits() == 0 {
		return "", p.errorf("invalid number: expected a digit, found %s", p.describe())
	}
	if p.src[intStart] == '0' && p.off-intStart > 1 {
		return "", p.errorAt(Pos{Line: p.line, Col: p.col - (p.off - intStart), Offset: intStart}, "invalid number: leading zeros are not allowed")
	}
	if p.off < len(p.src) && p.src[p.off] == '.' {
		p.advance()
		if digits() == 0 {
			return "", p.errorf("invalid number: expected a digit after the decimal point, found %s", p.describe())
		}
	}
	if p.off < len(p.src) && (p.src[p.off] == 'e' || p.src[p.off] == 'E') {
		p.advance()
		if p.off < len(p.src) && (p.src[p.off] == '+' || p.src[p.off] == '-') {
			p.advance()
		}
		if digits() == 0 {
			return "", p.errorf("invalid number: expected a digit in the exponent, found %s", p.describe())
		}
	}
	return string(p.src[start:p.off]), nil
}

// str reads a quoted string, returning its value and its raw token.
func (p *jsonParser) str() (string, string, error) {
	start := p.off
	startPos := p.pos()
	p.advance() // opening quote
	var buf []byte
	simple := true
	for {
		if p.off >= len(p.src) {
			return "", "", p.errorAt(startPos, "unterminated string")
		}
		c := p.src[p.off]
		switch {
		case c == '"':
			p.advance()
			raw := string(p.src[start:p.off])
			if simple {
				return raw[1 : len(raw)-1], raw, nil
			}
			return string(buf), raw, nil
		case c == '\\':
			if simple {
				buf = append(buf, p.src[start+1:p.off]...)
				simple = false
			}
			escPos := p.pos()
			p.advance()
			if p.off >= len(p.src) {
				return "", "", p.errorAt(startPos, "unterminated string")
			}
			e := p.src[p.off]
			p.advance()
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, err := p.hex4(escPos)
				if err != nil {
					return "", "", err
				}
				if utf16.IsSurrogate(r) {
					// A surrogate pair is two \u escapes.
					if p.off+1 < len(p.src) && p.src[p.off] == '\\' && p.src[p.off+1] == 'u' {
						save := p.pos()
						p.advance()
						p.advance()
						r2, err := p.hex4(save)
						if err != nil {
							return "", "", err
						}
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							r = dec
						} else {
							buf = utf8.AppendRune(buf, utf8.RuneError)
							r = r2
						}
					} else {
						r = utf8.RuneError
					}
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return "", "", p.errorAt(escPos, "invalid escape sequence \\%c in string", e)
			}
		case c < 0x20:
			what := "control character"
			if c == '\n' {
				what = "line break"
			}
			return "", "", p.errorf("%s in string; write it escaped (e.g. \\n)", what)
		default:
			if c >= 0x80 {
				r, size := utf8.DecodeRune(p.src[p.off:])
				if r == utf8.RuneError && size <= 1 {
					return "", "", p.errorf("invalid UTF-8 in string")
				}
				if !simple {
					buf = append(buf, p.src[p.off:p.off+size]...)
				}
				for i := 0; i < size; i++ {
					p.advance()
				}
				continue
			}
			if !simple {
				buf = append(buf, c)
			}
			p.advance()
		}
	}
}

func (p *jsonParser) hex4(escPos Pos) (rune, error) {
	if p.off+4 > len(p.src) {
		return 0, p.errorAt(escPos, "invalid \\u escape: expected 4 hex digits")
	}
	v, err := strconv.ParseUint(string(p.src[p.off:p.off+4]), 16, 32)
	if err != nil {
		return 0, p.errorAt(escPos, "invalid \\u escape: expected 4 hex digits")
	}
	for i := 0; i < 4; i++ {
		p.advance()
	}
	return rune(v), nil
}

func (p *jsonParser) object(depth int) (*Node, error) {
	n := &Node{Kind: Object, Pos: p.pos(), Fields: []*Field{}}
	p.advance() // {
	p.skipSpace()
	if p.off < len(p.src) && p.src[p.off] == '}' {
		p.advance()
		n.End = p.pos()
		return n, nil
	}
	for {
		if p.off >= len(p.src) {
			return nil, p.errorAt(n.Pos, "unclosed object: missing '}'")
		}
		if p.src[p.off] != '"' {
			if p.src[p.off] == '}' {
				return nil, p.errorf("trailing comma before '}'")
			}
			return nil, p.errorf("unexpected %s; expected a quoted key", p.describe())
		}
		keyPos := p.pos()
		key, raw, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.off >= len(p.src) || p.src[p.off] != ':' {
			return nil, p.errorf("unexpected %s after key %q; expected ':'", p.describe(), key)
		}
		p.advance()
		p.skipSpace()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Fields = append(n.Fields, &Field{Key: key, KeyRaw: raw, KeyPos: keyPos, Value: v})
		p.skipSpace()
		if p.off >= len(p.src) {
			return nil, p.errorAt(n.Pos, "unclosed object: missing '}'")
		}
		switch p.src[p.off] {
		case ',':
			p.advance()
			p.skipSpace()
		case '}':
			p.advance()
			n.End = p.pos()
			return n, nil
		default:
			return nil, p.errorf("unexpected %s after the value of %q; expected ',' or '}'", p.describe(), key)
		}
	}
}

func (p *jsonParser) array(depth int) (*Node, error) {
	n := &Node{Kind: Array, Pos: p.pos(), Items: []*Node{}}
	p.advance() // [
	p.skipSpace()
	if p.off < len(p.src) && p.src[p.off] == ']' {
		p.advance()
		n.End = p.pos()
		return n, nil
	}
	for {
		if p.off < len(p.src) && p.src[p.off] == ']' {
			return nil, p.errorf("trailing comma before ']'")
		}
		v, err := p.value(depth + 1)
		if err != nil {
			if p.off >= len(p.src) {
				return nil, p.errorAt(n.Pos, "unclosed array: missing ']'")
			}
			return nil, err
		}
		n.Items = append(n.Items, v)
		p.skipSpace()
		if p.off >= len(p.src) {
			return nil, p.errorAt(n.Pos, "unclosed array: missing ']'")
		}
		switch p.src[p.off] {
		case ',':
			p.advance()
			p.skipSpace()
		case ']':
			p.advance()
			n.End = p.pos()
			return n, nil
		default:
			return nil, p.errorf("unexpected %s in array; expected ',' or ']'", p.describe())
		}
	}
}
