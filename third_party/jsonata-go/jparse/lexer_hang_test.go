package jparse_test

import (
	"testing"

	"github.com/xiatechs/jsonata-go/jparse"
)

// A '!' or '~' that starts no operator made the lexer return an empty name
// without moving on; inside a function signature the parser looped
// forever.
func TestParse_loneBangOrTilde(t *testing.T) {
	tests := []struct{ src, err string }{
		{`function($n)<n!n>{1}`, "syntax error: '!', position: 14"},
		{`function($n)<n~n>{1}`, "syntax error: '~', position: 14"},
		{`1 ! 2`, "syntax error: '!', position: 2"},
		{`$x ~ $y`, "syntax error: '~', position: 3"},
		{`$x != 1 ~> $string()`, ""},
	}
	for _, tt := range tests {
		_, err := jparse.Parse(tt.src)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.err {
			t.Errorf("Parse(%q) error = %q, want %q", tt.src, got, tt.err)
		}
	}
}
