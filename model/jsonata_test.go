package model_test

import (
	"strings"
	"testing"

	"baton/model"
)

func TestCompileJSONata_hostileText(t *testing.T) {
	tests := []struct{ src, err string }{
		{`$f := function($n)<!<<+ 1) {1}`, "unexpected character '!', position: 19"},
		{`function($n)<n~n>{1}`, "unexpected character '~', position: 14"},
		{strings.Repeat("(", 600) + "1" + strings.Repeat(")", 600), "brackets nest deeper than 500, position: 500"},
		{`'!' & "~" & $x != 1 ~> $string() & /a!b/`, ""},
		{`1 /* a comment with ! */ + 1`, ""},
		{`1 + + `, "the symbol '+' cannot be used as a prefix operator, position: 4"},
	}
	for _, tt := range tests {
		_, err := model.CompileJSONata(tt.src)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.err {
			t.Errorf("CompileJSONata(%q) = %q, want %q", tt.src, got, tt.err)
		}
	}
}
