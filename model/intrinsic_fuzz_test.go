package model_test

import (
	"reflect"
	"testing"

	"baton/model"
)

// FuzzParseIntrinsic is seeded with every intrinsic expression of the AWS
// conformance corpus (testdata/intrinsics.jsonl). No input may panic; a call
// that parses must render, through String, an expression that parses to the
// same call, and every error must be an *IntrinsicSyntaxError inside the input.
func FuzzParseIntrinsic(f *testing.F) {
	for _, s := range intrinsicSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		call, err := model.ParseIntrinsic(src)
		if err != nil {
			se, ok := err.(*model.IntrinsicSyntaxError)
			if !ok {
				t.Fatalf("ParseIntrinsic(%q) error %T, want *IntrinsicSyntaxError", src, err)
			}
			if se.Offset < 0 || se.Offset > len(src) {
				t.Fatalf("ParseIntrinsic(%q) error offset %d outside the input", src, se.Offset)
			}
			return
		}
		if !model.IsIntrinsic(src) {
			t.Fatalf("ParseIntrinsic(%q) succeeded but IsIntrinsic is false", src)
		}
		out := call.String()
		again, err := model.ParseIntrinsic(out)
		if err != nil {
			t.Fatalf("ParseIntrinsic(%q).String() = %q does not parse: %v", src, out, err)
		}
		if a, b := stripOffsets(call), stripOffsets(again); !reflect.DeepEqual(a, b) {
			t.Fatalf("round trip of %q through %q changed the call", src, out)
		}
	})
}
