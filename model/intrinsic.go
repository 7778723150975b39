package model

import (
	"fmt"
	"strconv"
	"strings"
)

// IntrinsicCall is one parsed call States.Name(args...), as written in a
// JSONPath-mode value such as "key.$": "States.Format('x {}', $.a)".
type IntrinsicCall struct {
	// Name is the full function name, e.g. "States.Format".
	Name string
	Args []IntrinsicArg
	// Offset is the byte offset of "States." in the expression.
	Offset int
}

// ArgKind tells which form an IntrinsicArg has.
type ArgKind uint8

// The forms of an intrinsic-function argument.
const (
	ArgString      ArgKind = iota + 1 // 'text'
	ArgNumber                         // 12, -1.5, 1e3
	ArgBool                           // true, false
	ArgNull                           // null
	ArgPath                           // $.a, $['a b'], $
	ArgContextPath                    // $$.Execution.Id
	ArgVariable                       // $name, $name.a[0]
	ArgCall                           // States.Name(...)
)

var argKindNames = [...]string{"", "string", "number", "boolean", "null", "path", "context path", "variable", "call"}

func (k ArgKind) String() string {
	if int(k) < len(argKindNames) && k != 0 {
		return argKindNames[k]
	}
	return "ArgKind(" + strconv.Itoa(int(k)) + ")"
}

// IntrinsicArg is one argument of an intrinsic call: exactly one of its
// forms is set, as Kind says.
type IntrinsicArg struct {
	Kind ArgKind
	// Str is, for ArgString, the unescaped value; for ArgPath,
	// ArgContextPath and ArgVariable, the path as written ("$.a",
	// "$$.Execution.Id", "$var.x").
	Str string
	// Raw is the source text of a literal: for ArgString the text between
	// the quotes with its escapes kept (States.Format needs them to tell an
	// escaped \{ from a placeholder), for ArgNumber the number as written.
	Raw string
	// Num is the ArgNumber value: int64, or float64 when it has a fraction,
	// an exponent or does not fit in an int64.
	Num  any
	Bool bool
	Call *IntrinsicCall
	// Offset is the byte offset of the argument in the expression.
	Offset int
}

// IntrinsicSyntaxError is a malformed intrinsic-function expression.
type IntrinsicSyntaxError struct {
	Offset int // byte offset in the expression
	Msg    string
}

func (e *IntrinsicSyntaxError) Error() string {
	return "intrinsic function syntax error at offset " + strconv.Itoa(e.Offset) + ": " + e.Msg
}

// IntrinsicArity gives, per function name, the minimum and maximum number of
// arguments (maximum -1: unbounded), as the AWS documentation defines them.
var IntrinsicArity = map[string][2]int{
	"States.Format":         {1, -1},
	"States.StringToJson":   {1, 1},
	"States.JsonToString":   {1, 1},
	"States.Array":          {0, -1},
	"States.ArrayPartition": {2, 2},
	"States.ArrayContains":  {2, 2},
	"States.ArrayRange":     {3, 3},
	"States.ArrayGetItem":   {2, 2},
	"States.ArrayLength":    {1, 1},
	"States.ArrayUnique":    {1, 1},
	"States.Base64Encode":   {1, 1},
	"States.Base64Decode":   {1, 1},
	"States.Hash":           {2, 2},
	"States.JsonMerge":      {3, 3},
	"States.MathRandom":     {2, 3},
	"States.MathAdd":        {2, 2},
	"States.StringSplit":    {2, 2},
	"States.UUID":           {0, 0},
}

// maxIntrinsicNesting bounds the nesting of calls the parser accepts. AWS
// allows 10; the bound here only keeps hostile input from recursing deeply.
const maxIntrinsicNesting = 100

const intrinsicPrefix = "States."

// IsIntrinsic reports whether s has the shape of an intrinsic call: it starts
// with "States." followed by a function name and "(". It does not check the
// rest; ParseIntrinsic does.
func IsIntrinsic(s string) bool {
	if !strings.HasPrefix(s, intrinsicPrefix) {
		return false
	}
	n := identLen(s[len(intrinsicPrefix):])
	i := len(intrinsicPrefix) + n
	return n > 0 && i < len(s) && s[i] == '('
}

// ParseIntrinsic parses one intrinsic call. Function names are not checked
// against IntrinsicArity: that is validation's and the evaluator's job. The
// error is an *IntrinsicSyntaxError.
func ParseIntrinsic(s string) (*IntrinsicCall, error) {
	p := &intrinsicParser{src: s}
	if !IsIntrinsic(s) {
		return nil, p.errorf(0, "expected an intrinsic function call States.Name(...)")
	}
	call, err := p.call(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(s) {
		return nil, p.errorf(p.pos, "unexpected %s after the closing ')'", p.describe())
	}
	return call, nil
}

type intrinsicParser struct {
	src string
	pos int
}

func (p *intrinsicParser) errorf(off int, format string, args ...any) *IntrinsicSyntaxError {
	return &IntrinsicSyntaxError{Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// describe names the byte at the current position for error messages.
func (p *intrinsicParser) describe() string {
	if p.pos >= len(p.src) {
		return "end of expression"
	}
	return strconv.QuoteRune(rune(p.src[p.pos]))
}

func (p *intrinsicParser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func identLen(s string) int {
	n := 0
	for n < len(s) && isIdentByte(s[n]) {
		n++
	}
	return n
}

func isIdentByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// call parses States.Name(args) at p.pos.
func (p *intrinsicParser) call(depth int) (*IntrinsicCall, error) {
	start := p.pos
	if depth >= maxIntrinsicNesting {
		return nil, p.errorf(start, "intrinsic calls nested more than %d deep", maxIntrinsicNesting)
	}
	if !strings.HasPrefix(p.src[p.pos:], intrinsicPrefix) {
		return nil, p.errorf(start, "expected States.Name(...), found %s", p.describe())
	}
	p.pos += len(intrinsicPrefix)
	n := identLen(p.src[p.pos:])
	if n == 0 {
		return nil, p.errorf(p.pos, "expected a function name after \"States.\", found %s", p.describe())
	}
	p.pos += n
	call := &IntrinsicCall{Name: p.src[start:p.pos], Offset: start}
	if p.pos >= len(p.src) || p.src[p.pos] != '(' {
		return nil, p.errorf(p.pos, "expected '(' after %s, found %s", call.Name, p.describe())
	}
	p.pos++
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == ')' {
		p.pos++
		return call, nil
	}
	for {
		p.skipSpace()
		arg, err := p.arg(depth)
		if err != nil {
			return nil, err
		}
		call.Args = append(call.Args, arg)
		p.skipSpace()
		if p.pos >= len(p.src) {
			return nil, p.errorf(p.pos, "unterminated call to %s: expected ',' or ')'", call.Name)
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case ')':
			p.pos++
			return call, nil
		default:
			return nil, p.errorf(p.pos, "expected ',' or ')' after argument %d of %s, found %s",
				len(call.Args), call.Name, p.describe())
		}
	}
}

// arg parses one argument at p.pos.
func (p *intrinsicParser) arg(depth int) (IntrinsicArg, error) {
	start := p.pos
	if p.pos >= len(p.src) {
		return IntrinsicArg{}, p.errorf(p.pos, "expected an argument, found end of expression")
	}
	c := p.src[p.pos]
	switch {
	case c == '\'':
		return p.stringLit()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == '$':
		return p.path()
	case strings.HasPrefix(p.src[p.pos:], intrinsicPrefix):
		call, err := p.call(depth + 1)
		if err != nil {
			return IntrinsicArg{}, err
		}
		return IntrinsicArg{Kind: ArgCall, Call: call, Offset: start}, nil
	case isIdentByte(c):
		word := p.src[p.pos : p.pos+identLen(p.src[p.pos:])]
		p.pos += len(word)
		switch word {
		case "true", "false":
			return IntrinsicArg{Kind: ArgBool, Bool: word == "true", Raw: word, Offset: start}, nil
		case "null":
			return IntrinsicArg{Kind: ArgNull, Raw: word, Offset: start}, nil
		}
		return IntrinsicArg{}, p.errorf(start, "unexpected %q: an argument is a 'string', a number, true, false, null, a path or States.Name(...)", word)
	case c == ',' || c == ')':
		return IntrinsicArg{}, p.errorf(start, "missing argument before %s", p.describe())
	}
	return IntrinsicArg{}, p.errorf(start, "unexpected %s: an argument is a 'string', a number, true, false, null, a path or States.Name(...)", p.describe())
}

// stringLit parses 'text' with the escapes \' \{ \} and \\. Any other
// backslash stays in the value as written: the ASL specification makes such
// an open escape a run-time error, not a syntax error (see OpenEscape).
func (p *intrinsicParser) stringLit() (IntrinsicArg, error) {
	start := p.pos
	p.pos++ // opening quote
	var sb strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\'':
			raw := p.src[start+1 : p.pos]
			p.pos++
			return IntrinsicArg{Kind: ArgString, Str: sb.String(), Raw: raw, Offset: start}, nil
		case c == '\\' && p.pos+1 < len(p.src) && isIntrinsicEscape(p.src[p.pos+1]):
			sb.WriteByte(p.src[p.pos+1])
			p.pos += 2
		default:
			sb.WriteByte(c)
			p.pos++
		}
	}
	return IntrinsicArg{}, p.errorf(start, "unterminated string literal")
}

func isIntrinsicEscape(b byte) bool { return b == '\'' || b == '{' || b == '}' || b == '\\' }

// OpenEscape returns the byte offset, in the expression, of the first
// backslash in a string literal that escapes none of ' { } \, or -1 when
// there is none (or the argument is not a string literal). The ASL
// specification makes such a backslash a run-time error.
func (a *IntrinsicArg) OpenEscape() int {
	if a.Kind != ArgString {
		return -1
	}
	for i := 0; i < len(a.Raw); i++ {
		if a.Raw[i] == '\\' {
			if i+1 >= len(a.Raw) || !isIntrinsicEscape(a.Raw[i+1]) {
				return a.Offset + 1 + i
			}
			i++
		}
	}
	return -1
}

// number parses -?digits[.digits][(e|E)[+-]digits].
func (p *intrinsicParser) number() (IntrinsicArg, error) {
	start := p.pos
	if p.src[p.pos] == '-' {
		p.pos++
	}
	digits := func() int {
		n := 0
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if digits() == 0 {
		return IntrinsicArg{}, p.errorf(start, "invalid number: expected a digit after '-'")
	}
	isInt := true
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		isInt = false
		p.pos++
		if digits() == 0 {
			return IntrinsicArg{}, p.errorf(start, "invalid number %q: expected a digit after '.'", p.src[start:p.pos])
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		isInt = false
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return IntrinsicArg{}, p.errorf(start, "invalid number %q: expected a digit in the exponent", p.src[start:p.pos])
		}
	}
	if p.pos < len(p.src) && (isIdentByte(p.src[p.pos]) || p.src[p.pos] == '.') {
		return IntrinsicArg{}, p.errorf(start, "invalid number: unexpected %s after %q", p.describe(), p.src[start:p.pos])
	}
	raw := p.src[start:p.pos]
	arg := IntrinsicArg{Kind: ArgNumber, Raw: raw, Offset: start}
	if isInt {
		if i, err := strconv.ParseInt(raw, 10, 64); err == nil {
			arg.Num = i
			return arg, nil
		}
	}
	// Out of range gives ±Inf or 0 with an error; the syntax is already
	// checked, so the value stands.
	f, _ := strconv.ParseFloat(raw, 64)
	arg.Num = f
	return arg, nil
}

// path parses a $-path. It ends at the first ',' or ')' outside brackets,
// parentheses and quotes, so "$['a,b']" and "$.a[?(@.b == 1)]" stay whole.
func (p *intrinsicParser) path() (IntrinsicArg, error) {
	start := p.pos
	depth := 0
	var quote byte
	for ; p.pos < len(p.src); p.pos++ {
		c := p.src[p.pos]
		if quote != 0 {
			switch c {
			case '\\':
				p.pos++
			case quote:
				quote = 0
			}
			continue
		}
		switch c {
		case '\'', '"':
			if depth > 0 {
				quote = c
			}
		case '[', '(':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case ')':
			if depth == 0 {
				return p.finishPath(start)
			}
			depth--
		case ',':
			if depth == 0 {
				return p.finishPath(start)
			}
		}
	}
	if quote != 0 {
		return IntrinsicArg{}, p.errorf(start, "unterminated quote in path")
	}
	return p.finishPath(start)
}

func (p *intrinsicParser) finishPath(start int) (IntrinsicArg, error) {
	text := strings.TrimRight(p.src[start:p.pos], " \t\n\r")
	arg := IntrinsicArg{Str: text, Offset: start}
	// Check the path with the JSONPath parser the runner uses: a context
	// path and a variable are JSONPaths once their root is written as $.
	var rest string
	switch {
	case strings.HasPrefix(text, "$$"):
		arg.Kind = ArgContextPath
		rest = text[2:]
	case len(text) > 1 && isIdentByte(text[1]):
		arg.Kind = ArgVariable
		rest = text[1+identLen(text[1:]):]
	default:
		arg.Kind = ArgPath
		rest = text[1:]
	}
	if rest != "" && rest[0] != '.' && rest[0] != '[' {
		return IntrinsicArg{}, p.errorf(start+len(text)-len(rest), "invalid path %q: expected '.' or '[' after %q", text, text[:len(text)-len(rest)])
	}
	// The same path dialect (Jayway's, which Step Functions reads) as
	// everywhere else in a definition.
	if err := CheckPath(text, PathRules{Context: true, Variables: true}); err != nil {
		if pe, ok := err.(*PathError); ok {
			return IntrinsicArg{}, p.errorf(start+pe.Offset, "invalid path %q: %s", text, pe.Msg)
		}
		return IntrinsicArg{}, p.errorf(start, "invalid path %q: %v", text, err)
	}
	return arg, nil
}

// String renders the call as an expression that parses back to it.
func (c *IntrinsicCall) String() string {
	var sb strings.Builder
	c.write(&sb)
	return sb.String()
}

func (c *IntrinsicCall) write(sb *strings.Builder) {
	sb.WriteString(c.Name)
	sb.WriteByte('(')
	for i := range c.Args {
		if i > 0 {
			sb.WriteString(", ")
		}
		c.Args[i].write(sb)
	}
	sb.WriteByte(')')
}

// String renders the argument as written.
func (a *IntrinsicArg) String() string {
	var sb strings.Builder
	a.write(&sb)
	return sb.String()
}

func (a *IntrinsicArg) write(sb *strings.Builder) {
	switch a.Kind {
	case ArgString:
		sb.WriteByte('\'')
		if a.Raw == "" {
			sb.WriteString(escapeIntrinsicString(a.Str))
		} else {
			sb.WriteString(a.Raw)
		}
		sb.WriteByte('\'')
	case ArgNumber:
		if a.Raw == "" {
			fmt.Fprint(sb, a.Num)
		} else {
			sb.WriteString(a.Raw)
		}
	case ArgBool:
		sb.WriteString(strconv.FormatBool(a.Bool))
	case ArgNull:
		sb.WriteString("null")
	case ArgPath, ArgContextPath, ArgVariable:
		sb.WriteString(a.Str)
	case ArgCall:
		a.Call.write(sb)
	}
}

// escapeIntrinsicString escapes the characters an intrinsic string literal
// reserves: ' { } and \.
func escapeIntrinsicString(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'', '{', '}', '\\':
			sb.WriteByte('\\')
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}
