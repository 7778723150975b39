package model_test

import (
	"strings"
	"testing"

	"baton/model"
)

// handFormatted has states laid out by hand, as users do.
const handFormatted = `{
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Result": [1, 2,   3], "Next": "B" },
    "B": {
      "Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
      "Retry": [ { "ErrorEquals": [ "States.ALL" ], "MaxAttempts": 2 } ],
      "Next": "P"
    },
    "P": {
      "Type": "Parallel",
      "Branches": [
        {
          "StartAt": "X",
          "States": {
            "X": {"Type": "Succeed"}
          }
        }
      ],
      "End": true
    }
  }
}
`

func TestDocument_TextKeepsUntouchedFormatting(t *testing.T) {
	h := model.NewHistory(mustParse(t, handFormatted))
	if got := string(h.Doc().Text(model.JSON)); got != handFormatted {
		t.Fatalf("unedited document changed:\n%s", got)
	}
	if err := h.Apply(model.SetField{State: "B", Path: []string{"Comment"}, Value: model.NewString("calls f")}); err != nil {
		t.Fatal(err)
	}
	want := `{
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Result": [1, 2,   3], "Next": "B" },
    "B": {
      "Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
      "Retry": [ { "ErrorEquals": [ "States.ALL" ], "MaxAttempts": 2 } ],
      "Next": "P",
      "Comment": "calls f"
    },
    "P": {
      "Type": "Parallel",
      "Branches": [
        {
          "StartAt": "X",
          "States": {
            "X": {"Type": "Succeed"}
          }
        }
      ],
      "End": true
    }
  }
}
`
	if got := string(h.Doc().Text(model.JSON)); got != want {
		t.Errorf("after SetField:\n%s", got)
	}
	// Canonical output is unaffected.
	if got := string(h.Doc().Marshal(model.JSON)); got == want {
		t.Errorf("Marshal kept hand formatting; it must be canonical")
	}
	if !h.Undo() || string(h.Doc().Text(model.JSON)) != handFormatted {
		t.Errorf("undo does not give back the original text:\n%s", h.Doc().Text(model.JSON))
	}
}

func TestDocument_TextReindentsMovedState(t *testing.T) {
	h := model.NewHistory(mustParse(t, handFormatted))
	if err := h.Apply(model.MoveState{Name: "A", Scope: []string{"P#0"}}); err != nil {
		t.Fatal(err)
	}
	got := string(h.Doc().Text(model.JSON))
	// A changed (its Next became End), so it is written canonically at its
	// new depth, but its untouched Result keeps its spacing; the text
	// parses back to the same document.
	if !strings.Contains(got, "\n              \"Result\": [1, 2,   3],\n") || !strings.Contains(got, "\n            \"X\": {\"Type\": \"Succeed\"},\n") {
		t.Errorf("moved state lost its formatting:\n%s", got)
	}
	back := mustParse(t, got)
	if string(back.Marshal(model.JSON)) != string(h.Doc().Marshal(model.JSON)) {
		t.Errorf("Text and Marshal disagree on content:\n%s", got)
	}
}

func mustParse(t *testing.T, src string) *model.Document {
	t.Helper()
	d, err := model.Parse("t.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}
