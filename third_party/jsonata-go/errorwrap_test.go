package jsonata

import (
	"errors"
	"strings"
	"testing"
)

type extError struct{ msg string }

func (e *extError) Error() string { return e.msg }

// An extension function's error reached the caller only as text: the
// position and arguments were added with %v.
func TestExtensionErrorKeepsIdentity(t *testing.T) {
	want := &extError{"boom"}
	e := MustCompile(`$map([1], function($v) { $fail($v) })`)
	if err := e.RegisterExts(map[string]Extension{"fail": {Func: func(v float64) (float64, error) { return 0, want }}}); err != nil {
		t.Fatal(err)
	}
	_, err := e.Eval(nil)
	var got *extError
	if !errors.As(err, &got) || got != want {
		t.Fatalf("Eval error = %v, want one wrapping %v", err, want)
	}
	// The text is as before: the error, then where it happened.
	if prefix := "boom, position: 26, arguments: number:0 value:1 , position: 1,"; !strings.HasPrefix(err.Error(), prefix) {
		t.Errorf("Eval error text = %q, want it to start with %q", err.Error(), prefix)
	}
}
