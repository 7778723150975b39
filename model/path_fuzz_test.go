package model_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"baton/model"
)

var pathSeeds = []string{
	"$", "$$", "$.a", "$.a.b[0]", "$['a b']", "$.a[?(@.x == 1)]", "$..a", "$.a[*]", "$.a[-1:]",
	"$.a[0,1]", "$.a.length()", "$.", "$.a[", "$a", "$var.x[2]", "$$.Execution.Input", "$.a-b",
	"$.items[?(@.tags anyof ['x'] || @.n =~ /a(b)/i)]", "$['a','b']", "$[\"q\\\"\"]", "$.a..b",
}

// FuzzPath checks that CheckPath never panics, reports offsets inside the
// path, and accepts as a general path whatever it accepts as a reference
// path.
func FuzzPath(f *testing.F) {
	for _, s := range pathSeeds {
		f.Add(s)
	}
	if file, err := os.Open("testdata/intrinsics.jsonl"); err == nil {
		sc := bufio.NewScanner(file)
		for sc.Scan() {
			for _, part := range strings.FieldsFunc(sc.Text(), func(r rune) bool { return r == '"' || r == ',' || r == ' ' }) {
				if strings.HasPrefix(part, "$") {
					f.Add(part)
				}
			}
		}
		file.Close()
	}
	f.Fuzz(func(t *testing.T, s string) {
		all := model.PathRules{Context: true, Variables: true}
		for _, r := range []model.PathRules{{}, {Reference: true}, all, {Reference: true, Context: true, Variables: true}} {
			err := model.CheckPath(s, r)
			if err == nil {
				continue
			}
			pe, ok := err.(*model.PathError)
			if !ok || pe.Offset < 0 || pe.Offset > len(s) {
				t.Fatalf("CheckPath(%q, %+v) = %#v", s, r, err)
			}
		}
		if model.CheckPath(s, model.PathRules{Reference: true, Context: true, Variables: true}) == nil {
			if err := model.CheckPath(s, all); err != nil {
				t.Fatalf("%q is a reference path but not a path: %v", s, err)
			}
		}
	})
}
