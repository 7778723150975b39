package model

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ohler55/ojg/jp"
)

// PathRules says which forms of JSONPath a field accepts.
type PathRules struct {
	// Reference limits the path to one node: only names and indexes, no
	// wildcard, deep scan, slice, union, filter or function (ASL's
	// "Reference Path", e.g. ResultPath and ItemsPath).
	Reference bool
	// Context allows paths into the context object ($$.Execution.Id).
	Context bool
	// Variables allows workflow variables ($name.field).
	Variables bool
}

// PathError is a malformed path: where (a byte offset into the path) and
// what.
type PathError struct {
	Offset int
	Msg    string
}

func (e *PathError) Error() string {
	return "invalid path at offset " + strconv.Itoa(e.Offset) + ": " + e.Msg
}

// pathFunctions are the functions Jayway JsonPath (the dialect Step
// Functions reads) allows at the end of a path, e.g. $.items.length().
var pathFunctions = map[string]bool{
	"min": true, "max": true, "avg": true, "stddev": true, "length": true, "sum": true,
	"keys": true, "concat": true, "append": true, "first": true, "last": true, "index": true,
}

// CheckPath checks the syntax of a JSONPath-mode path the way Step
// Functions reads it (Jayway JsonPath): "$", "$.a.b[0]", "$['a b']",
// "$.items[?(@.n > 1)]", "$$.Execution.Id" (when r.Context), "$var.x"
// (when r.Variables). Filter expressions are checked with ojg's jp parser.
// It returns nil or a *PathError.
func CheckPath(s string, r PathRules) error {
	p := pathScanner{s: s, rules: r}
	return p.scan()
}

type pathScanner struct {
	s     string
	i     int
	rules PathRules
}

func (p *pathScanner) fail(off int, msg string) error { return &PathError{Offset: off, Msg: msg} }

func (p *pathScanner) scan() error {
	s := p.s
	if s == "" {
		return p.fail(0, "a path must not be empty")
	}
	if s[0] != '$' {
		return p.fail(0, "a path must start with '$'")
	}
	p.i = 1
	switch {
	case strings.HasPrefix(s, "$$"):
		if !p.rules.Context {
			return p.fail(0, "a context object path ($$) is not allowed here")
		}
		p.i = 2
	case len(s) > 1 && isVarStart(s[1:]):
		if !p.rules.Variables {
			return p.fail(0, "a variable is not allowed here")
		}
		p.i = 1 + varNameLen(s[1:])
	}
	for p.i < len(s) {
		var err error
		switch s[p.i] {
		case '.':
			err = p.dot()
		case '[':
			err = p.bracket()
		default:
			c, _ := utf8.DecodeRuneInString(s[p.i:])
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				return p.fail(p.i, "unexpected white space; put names with blanks in brackets, as ['a b']")
			}
			return p.fail(p.i, "unexpected "+strconv.QuoteRune(c)+"; expected '.' or '['")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// dot reads ".name", "..name", ".*" or ".fn()".
func (p *pathScanner) dot() error {
	start := p.i
	p.i++
	if p.i < len(p.s) && p.s[p.i] == '.' {
		if p.rules.Reference {
			return p.fail(start, "a reference path cannot use deep scan (..)")
		}
		p.i++
		if p.i < len(p.s) && p.s[p.i] == '[' {
			return nil
		}
	}
	if p.i >= len(p.s) {
		return p.fail(start, "a path must not end with '.'")
	}
	if p.s[p.i] == '*' {
		if p.rules.Reference {
			return p.fail(p.i, "a reference path cannot use the wildcard *")
		}
		p.i++
		return nil
	}
	nameStart := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '.' || c == '[' || c == '(' {
			break
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			return p.fail(p.i, "unexpected white space; put names with blanks in brackets, as ['a b']")
		}
		p.i++
	}
	name := p.s[nameStart:p.i]
	if name == "" {
		return p.fail(nameStart, "missing a field name after '.'")
	}
	if p.i < len(p.s) && p.s[p.i] == '(' {
		if p.rules.Reference {
			return p.fail(nameStart, "a reference path cannot call a function")
		}
		if !pathFunctions[name] {
			return p.fail(nameStart, "unknown path function "+name+"()")
		}
		if !strings.HasPrefix(p.s[p.i:], "()") || p.i+2 != len(p.s) {
			return p.fail(p.i, "a path function takes no arguments and must end the path")
		}
		p.i = len(p.s)
	}
	return nil
}

// bracket reads "[...]": names, indexes, slices, unions, * and filters.
func (p *pathScanner) bracket() error {
	open := p.i
	p.i++
	p.skipSpace()
	if p.i >= len(p.s) {
		return p.fail(open, "unterminated '['")
	}
	switch c := p.s[p.i]; {
	case c == '\'' || c == '"':
		n := 0
		for {
			if err := p.quoted(); err != nil {
				return err
			}
			n++
			p.skipSpace()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				if p.rules.Reference {
					return p.fail(p.i, "a reference path cannot select several fields")
				}
				p.i++
				p.skipSpace()
				if p.i < len(p.s) && (p.s[p.i] == '\'' || p.s[p.i] == '"') {
					continue
				}
				return p.fail(p.i, "expected a quoted name after ','")
			}
			break
		}
	case c == '*':
		if p.rules.Reference {
			return p.fail(p.i, "a reference path cannot use the wildcard *")
		}
		p.i++
	case c == '?':
		if p.rules.Reference {
			return p.fail(p.i, "a reference path cannot use a filter")
		}
		if err := p.filter(); err != nil {
			return err
		}
	case c == '-' || c == ':' || (c >= '0' && c <= '9'):
		if err := p.indexes(); err != nil {
			return err
		}
	default:
		return p.fail(p.i, "expected a quoted name, an index, '*' or a filter in brackets")
	}
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] != ']' {
		return p.fail(open, "unterminated '['")
	}
	p.i++
	return nil
}

func (p *pathScanner) skipSpace() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

// quoted reads a 'name' or "name" with backslash escapes.
func (p *pathScanner) quoted() error {
	q := p.s[p.i]
	start := p.i
	p.i++
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case '\\':
			p.i += 2
			continue
		case q:
			p.i++
			return nil
		}
		p.i++
	}
	return p.fail(start, "unterminated quoted name")
}

// indexes reads "0", "-1", "1:3", ":2", "0,2,4".
func (p *pathScanner) indexes() error {
	start := p.i
	for p.i < len(p.s) && strings.IndexByte("-0123456789:, ", p.s[p.i]) >= 0 {
		p.i++
	}
	text := strings.TrimSpace(p.s[start:p.i])
	if strings.ContainsAny(text, ":,") {
		if p.rules.Reference {
			return p.fail(start, "a reference path cannot use a slice or a list of indexes")
		}
		for part := range strings.SplitSeq(strings.ReplaceAll(text, ":", ","), ",") {
			if part = strings.TrimSpace(part); part != "" && !isInt(part) {
				return p.fail(start, "invalid index "+strconv.Quote(part))
			}
		}
		return nil
	}
	if !isInt(text) {
		return p.fail(start, "invalid index "+strconv.Quote(text))
	}
	if p.rules.Reference && text[0] == '-' {
		return p.fail(start, "a reference path cannot use a negative index")
	}
	return nil
}

func isInt(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// filter reads "?(...)" up to its matching parenthesis and checks the
// expression with ojg.
func (p *pathScanner) filter() error {
	start := p.i
	p.i++
	if p.i >= len(p.s) || p.s[p.i] != '(' {
		return p.fail(start, "expected '(' after '?'")
	}
	depth := 0
	for p.i < len(p.s) {
		switch c := p.s[p.i]; c {
		case '\'', '"':
			if err := p.quoted(); err != nil {
				return err
			}
			continue
		case '/':
			// A regular expression after =~ may hold parentheses.
			if strings.HasSuffix(strings.TrimRight(p.s[start:p.i], " "), "=~") {
				end := strings.IndexByte(p.s[p.i+1:], '/')
				if end < 0 {
					return p.fail(p.i, "unterminated regular expression")
				}
				p.i += end + 2
				continue
			}
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				p.i++
				return checkFilter(p.s[start:p.i], start)
			}
		}
		p.i++
	}
	return p.fail(start, "unterminated filter: missing ')'")
}

// jaywayOnly matches filter operators and regex flags that Jayway accepts
// and ojg does not; they are rewritten to ojg operators of the same shape
// before ojg checks the rest.
var (
	jaywayOps   = regexp.MustCompile(`\s(nin|anyof|noneof|subsetof)\s`)
	jaywaySize  = regexp.MustCompile(`\ssize\s`)
	jaywayFlags = regexp.MustCompile(`(/[^/]*/)[a-z]+`)
	ojgOffset   = regexp.MustCompile(` at (\d+) in `)
)

func checkFilter(f string, off int) error {
	g := jaywayOps.ReplaceAllString(f, " in ")
	g = jaywaySize.ReplaceAllString(g, " == ")
	g = jaywayFlags.ReplaceAllString(g, "$1")
	const prefix = "$["
	if _, err := jp.ParseString(prefix + g + "]"); err != nil {
		msg := err.Error()
		at := off
		if m := ojgOffset.FindStringSubmatchIndex(msg); m != nil {
			if n, e := strconv.Atoi(msg[m[2]:m[3]]); e == nil {
				at = min(max(off, off+n-1-len(prefix)), off+len(f)-1)
			}
			msg = msg[:m[0]]
		}
		return &PathError{Offset: at, Msg: "invalid filter expression: " + msg}
	}
	return nil
}

// isVarStart reports whether s starts with a character that can begin a
// variable name.
func isVarStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '_' || unicode.IsLetter(r)
}

// varNameLen returns the length in bytes of the variable name at the start
// of s: a letter or '_', then letters, digits and '_'.
func varNameLen(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !(r == '_' || unicode.IsLetter(r) || (n > 0 && unicode.IsDigit(r))) {
			break
		}
		n += size
	}
	return n
}

// IsValidVariableName reports whether name can be assigned with Assign: a
// letter or '_' followed by letters, digits and '_', at most 80 characters,
// and not the reserved name "states".
func IsValidVariableName(name string) bool {
	return name != "" && varNameLen(name) == len(name) && utf8.RuneCountInString(name) <= 80 && name != "states"
}
