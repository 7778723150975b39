package model_test

import (
	"os"
	"testing"

	"baton/model"
)

// TestValidate_corpusHasNoErrors validates every definition that real AWS
// accepted: none may have an error.
func TestValidate_corpusHasNoErrors(t *testing.T) {
	for _, f := range corpus(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := model.Parse(f, src)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, d := range model.Validate(doc, model.ValidateOptions{}) {
			if d.Severity == model.SeverityError {
				t.Errorf("%s", d.Format(f))
			}
		}
	}
}
