package model_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"baton/model"
)

func TestDiagnostic_Format(t *testing.T) {
	d := model.Diagnostic{Severity: model.SeverityWarning, Code: "NO_DOLLAR", Message: "m", Pos: model.Pos{Line: 3, Col: 7}}
	if got := d.Format("a.asl.json"); got != "a.asl.json:3:7: warning NO_DOLLAR: m" {
		t.Errorf("got %q", got)
	}
	d.Severity = model.SeverityError
	if got := d.Format(""); got != "<input>:3:7: error NO_DOLLAR: m" {
		t.Errorf("got %q", got)
	}
}

func TestHasErrors(t *testing.T) {
	warn := model.Diagnostic{Severity: model.SeverityWarning}
	if model.HasErrors(nil) || model.HasErrors([]model.Diagnostic{warn}) {
		t.Error("warnings are not errors")
	}
	if !model.HasErrors([]model.Diagnostic{warn, {Severity: model.SeverityError}}) {
		t.Error("missed an error")
	}
}

func TestSyntaxDiagnostic(t *testing.T) {
	_, err := model.Parse("x.json", []byte("{\n  \"StartAt\": }"))
	got := model.SyntaxDiagnostic(err).Format("x.json")
	if got != "x.json:2:14: error SYNTAX_ERROR: unexpected '}'; expected a value" {
		t.Errorf("got %q", got)
	}
	if got := model.SyntaxDiagnostic(errors.New("boom")).Format("x"); got != "x:1:1: error SYNTAX_ERROR: boom" {
		t.Errorf("got %q", got)
	}
}

// TestValidate_locations pins where a diagnostic points for the designer:
// the state and the field path inside it.
func TestValidate_locations(t *testing.T) {
	src := `{"StartAt": "P", "States": {
  "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "T", "States": {
    "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": true,
          "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0}]}}}]}},
  "Extra": 1}`
	doc, err := model.Parse("t.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	type loc struct {
		Code, State string
		Path        []string
		Pos         string
	}
	var got []loc
	for _, d := range model.Validate(doc, model.ValidateOptions{}) {
		got = append(got, loc{d.Code, d.State, d.Path, d.Pos.String()})
	}
	want := []loc{
		{"SCHEMA_VALIDATION_FAILED", "T", []string{"Retry", "0", "BackoffRate"}, "4:68"},
		{"SCHEMA_VALIDATION_FAILED", "", []string{"Extra"}, "5:3"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestValidate_neverPanics(t *testing.T) {
	ds := model.Validate(nil, model.ValidateOptions{})
	if len(ds) != 1 || ds[0].Code != model.CodeSchema {
		t.Errorf("nil document: %v", ds)
	}
	doc := &model.Document{Root: model.NewObject()}
	if !model.HasErrors(model.Validate(doc, model.ValidateOptions{})) {
		t.Error("an empty object must not be valid")
	}
}

func ExampleValidate() {
	src := []byte(`{
  "StartAt": "Hello",
  "States": {
    "Hello": {"Type": "Pass", "Next": "World"}
  }
}`)
	doc, err := model.Parse("hello.asl.json", src)
	if err != nil {
		fmt.Println(model.SyntaxDiagnostic(err).Format("hello.asl.json"))
		return
	}
	for _, d := range model.Validate(doc, model.ValidateOptions{}) {
		fmt.Println(d.Format(doc.File))
	}
	// Output:
	// hello.asl.json:4:39: error MISSING_TRANSITION_TARGET: state "Hello": Next "World" does not name a state
}
