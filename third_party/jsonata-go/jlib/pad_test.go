package jlib_test

import (
	"reflect"
	"testing"

	"github.com/xiatechs/jsonata-go/jlib"
	"github.com/xiatechs/jsonata-go/jtypes"
)

// A huge width made Pad allocate for minutes (or panic in strings.Repeat),
// and a padding of n characters repeated them once per missing character.
func TestPad_wide(t *testing.T) {
	_, err := jlib.Pad("x", 10_000_000_000, jtypes.OptionalString{})
	if want := "pad: the width 10000000000 is longer than a string can be (536870888 characters)"; err == nil || err.Error() != want {
		t.Errorf("width 1e10: error %v, want %q", err, want)
	}
	var chars jtypes.OptionalString
	chars.Set(reflect.ValueOf("abc"))
	got, err := jlib.Pad("x", -8, chars)
	if err != nil || got != "abcabcax" {
		t.Errorf("Pad(x, -8, abc) = %q, %v; want abcabcax", got, err)
	}
}
