package model

import (
	"fmt"
	"strings"
)

// SyntaxError is malformed JSON or YAML: where it is and what is wrong.
type SyntaxError struct {
	File string
	Pos  Pos
	Msg  string
	// Line is the source line the error is on, for a caret display.
	Line string
}

func (e *SyntaxError) Error() string {
	file := e.File
	if file == "" {
		file = "<input>"
	}
	return fmt.Sprintf("%s:%d:%d: %s", file, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Snippet returns the offending line with a caret under the column.
func (e *SyntaxError) Snippet() string {
	if e.Line == "" {
		return ""
	}
	col := e.Pos.Col - 1
	if col < 0 {
		col = 0
	}
	var pad strings.Builder
	for i, r := range []rune(e.Line) {
		if i >= col {
			break
		}
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return e.Line + "\n" + pad.String() + "^"
}

// lineAt returns the text of the given 1-based line of src.
func lineAt(src []byte, line int) string {
	n := 1
	start := 0
	for i, b := range src {
		if n == line {
			break
		}
		if b == '\n' {
			n++
			start = i + 1
		}
	}
	if n != line {
		return ""
	}
	end := start
	for end < len(src) && src[end] != '\n' && src[end] != '\r' {
		end++
	}
	return string(src[start:end])
}
