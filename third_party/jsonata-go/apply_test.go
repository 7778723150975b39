package jsonata

import "testing"

// The function application operator once inserted its left side into the
// call's arguments in the syntax tree itself, so every evaluation after
// the first saw one more argument.
func TestFunctionApplicationKeepsTree(t *testing.T) {
	e := MustCompile(`"abc" ~> $substring(1)`)
	before := e.String()
	for i := 0; i < 3; i++ {
		got, err := e.Eval(nil)
		if err != nil || got != "bc" {
			t.Fatalf("evaluation %d: got %v, %v; want bc", i+1, got, err)
		}
	}
	if after := e.String(); after != before {
		t.Errorf("the syntax tree changed from %s to %s", before, after)
	}
}
