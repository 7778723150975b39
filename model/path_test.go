package model_test

import (
	"testing"

	"baton/model"
)

func TestCheckPath(t *testing.T) {
	ref := model.PathRules{Reference: true, Context: true, Variables: true}
	any := model.PathRules{Context: true, Variables: true}
	tests := []struct {
		path  string
		rules model.PathRules
		err   string
	}{
		{"$", ref, ""},
		{"$.a.b[0]['c d']", ref, ""},
		{"$.delivery-partner", ref, ""},
		{"$$.Execution.Input.input-value", ref, ""},
		{"$var.items[2]", ref, ""},
		{"$ürün.ad", ref, ""},
		{"$.items[*].price", any, ""},
		{"$..price", any, ""},
		{"$.items[1:]", any, ""},
		{"$.items[-1:]", any, ""},
		{"$.items[0,2]", any, ""},
		{"$['a','b']", any, ""},
		{"$.items.length()", any, ""},
		{"$.users[?(@.status == 0)]", any, ""},
		{"$.users[?(@.tags nin ['x'] && @.name =~ /a(b)c/i)]", any, ""},
		{"$.users[?(@.roles size 2)]", any, ""},
		{"", any, "invalid path at offset 0: a path must not be empty"},
		{"a.b", any, "invalid path at offset 0: a path must start with '$'"},
		{"$x", model.PathRules{}, "invalid path at offset 0: a variable is not allowed here"},
		{"$$.Task.Token", model.PathRules{Variables: true}, "invalid path at offset 0: a context object path ($$) is not allowed here"},
		{"$.", any, "invalid path at offset 1: a path must not end with '.'"},
		{"$.a.", any, "invalid path at offset 3: a path must not end with '.'"},
		{"$.a b", any, "invalid path at offset 3: unexpected white space; put names with blanks in brackets, as ['a b']"},
		{"$ .a", any, "invalid path at offset 1: unexpected white space; put names with blanks in brackets, as ['a b']"},
		{"$.a[", any, "invalid path at offset 3: unterminated '['"},
		{"$.a[x]", any, "invalid path at offset 4: expected a quoted name, an index, '*' or a filter in brackets"},
		{"$.a[1-]", any, "invalid path at offset 4: invalid index \"1-\""},
		{"$.a['b]", any, "invalid path at offset 4: unterminated quoted name"},
		{"$.a.nope()", any, "invalid path at offset 4: unknown path function nope()"},
		{"$.a.length().b", any, "invalid path at offset 10: a path function takes no arguments and must end the path"},
		{"$.a[?(@.x ==)]", any, "invalid path at offset 12: invalid filter expression: '' is not a value or function"},
		{"$.a[?(@.x == 1]", any, "invalid path at offset 4: unterminated filter: missing ')'"},
		{"$..a", ref, "invalid path at offset 1: a reference path cannot use deep scan (..)"},
		{"$.a[*]", ref, "invalid path at offset 4: a reference path cannot use the wildcard *"},
		{"$.a.*", ref, "invalid path at offset 4: a reference path cannot use the wildcard *"},
		{"$.a[0:1]", ref, "invalid path at offset 4: a reference path cannot use a slice or a list of indexes"},
		{"$.a[-1]", ref, "invalid path at offset 4: a reference path cannot use a negative index"},
		{"$['a','b']", ref, "invalid path at offset 5: a reference path cannot select several fields"},
		{"$.a[?(@.x)]", ref, "invalid path at offset 4: a reference path cannot use a filter"},
		{"$.a.length()", ref, "invalid path at offset 4: a reference path cannot call a function"},
	}
	for _, tt := range tests {
		err := model.CheckPath(tt.path, tt.rules)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.err {
			t.Errorf("CheckPath(%q, %+v) = %q, want %q", tt.path, tt.rules, got, tt.err)
		}
	}
}

func TestIsValidVariableName(t *testing.T) {
	for name, want := range map[string]bool{
		"x": true, "_tmp": true, "orderId2": true, "ürün": true,
		"": false, "2x": false, "my-var": false, "a.b": false, "states": false, "$x": false,
		"v23456789012345678901234567890123456789012345678901234567890123456789012345678901": false,
	} {
		if got := model.IsValidVariableName(name); got != want {
			t.Errorf("IsValidVariableName(%q) = %v, want %v", name, got, want)
		}
	}
}
