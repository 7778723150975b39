package model_test

import (
	"fmt"

	"baton/model"
)

func ExampleLayout() {
	doc, _ := model.Parse("retry.asl.json", []byte(`{
  "StartAt": "Call",
  "States": {
    "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Ok?"},
    "Ok?": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": false, "Next": "Call"}], "Default": "Done"},
    "Done": {"Type": "Succeed"}
  }
}`))
	d := model.Layout(model.BuildGraph(doc.Machine), nil)
	for _, b := range d.Boxes {
		fmt.Printf("%-6q marker %d at %v\n", b.Name, b.Marker, b.Rect)
	}
	for _, r := range d.Routes {
		fmt.Printf("%-6q -> %-6q %-7s back=%-5v %v\n", r.Edge.From, r.Edge.To, r.Edge.Kind, r.Back, r.Points)
	}
	// Output:
	// ""     marker 1 at {102 24 24 24}
	// "Call" marker 0 at {24 96 180 44}
	// "Ok?"  marker 0 at {24 188 180 44}
	// "Done" marker 0 at {24 280 180 44}
	// ""     marker 2 at {102 372 24 24}
	// ""     -> "Call" start   back=false [{114 48} {114 96}]
	// "Call" -> "Ok?"  next    back=false [{114 140} {114 188}]
	// "Ok?"  -> "Call" choice  back=true  [{204 210} {231 210} {231 118} {204 118}]
	// "Ok?"  -> "Done" default back=false [{114 232} {114 280}]
	// "Done" -> ""     end     back=false [{114 324} {114 372}]
}
