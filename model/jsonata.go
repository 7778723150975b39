package model

import (
	"errors"
	"fmt"

	jsonata "github.com/xiatechs/jsonata-go"
)

// MaxJSONataNesting is how deep brackets may nest in a JSONata expression:
// the parser recurses once per level.
const MaxJSONataNesting = 500

// JSONataSourceError is an expression the JSONata library must not be
// given, with the byte offset of the problem in it.
type JSONataSourceError struct {
	Offset int
	Msg    string
}

func (e *JSONataSourceError) Error() string { return fmt.Sprintf("%s, position: %d", e.Msg, e.Offset) }

// CompileJSONata compiles a JSONata expression (without its "{% %}")
// with github.com/xiatechs/jsonata-go, guarding against what the library
// does with hostile text: its parser recurses once per nesting level, and
// it may panic. A '!' not followed by '=' or a '~' not followed by '>'
// is reported here too, by offset in the expression (the library's lexer
// looped forever on one inside a function signature until Baton's patch,
// third_party/jsonata-go/NOTICE.md). The runner and validation both
// compile through here.
func CompileJSONata(expr string) (e *jsonata.Expr, err error) {
	if err := checkJSONataSource(expr); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			e, err = nil, errCannotParse
		}
	}()
	return jsonata.Compile(expr)
}

var errCannotParse = errors.New("the expression cannot be parsed")

// checkJSONataSource finds what the library cannot take, outside string
// literals, quoted names and regular expressions.
func checkJSONataSource(s string) error {
	depth := 0
	var quote byte
	operand := true // whether a '/' here starts a regular expression
	for i := 0; i < len(s); i++ {
		c := s[i]
		if quote != 0 {
			switch {
			case c == '\\' && quote != '`':
				i++
			case c == quote:
				quote = 0
				operand = false
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '"', '\'', '`':
			quote = c
			continue
		case '/':
			if operand && !(i+1 < len(s) && s[i+1] == '*') {
				quote = '/'
				continue
			}
			if i+1 < len(s) && s[i+1] == '*' { // a comment
				end := indexFrom(s, "*/", i+2)
				if end < 0 {
					return nil
				}
				i = end + 1
				continue
			}
		case '!':
			if i+1 >= len(s) || s[i+1] != '=' {
				return &JSONataSourceError{Offset: i, Msg: "unexpected character '!'"}
			}
		case '~':
			if i+1 >= len(s) || s[i+1] != '>' {
				return &JSONataSourceError{Offset: i, Msg: "unexpected character '~'"}
			}
		case '(', '[', '{':
			depth++
			if depth > MaxJSONataNesting {
				return &JSONataSourceError{Offset: i, Msg: fmt.Sprintf("brackets nest deeper than %d", MaxJSONataNesting)}
			}
		case ')', ']', '}':
			depth--
		}
		// After a name, number, closing bracket or quote a '/' divides;
		// after an operator or an opening bracket it starts a regex.
		operand = !(isNameByte(c) || c == ')' || c == ']' || c == '}')
	}
	return nil
}

func isNameByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func indexFrom(s, sub string, from int) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
