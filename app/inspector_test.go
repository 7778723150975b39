package app

import (
	"strings"
	"testing"

	"baton/model"
)

// fieldOf returns the inspector's field for a path of the selected state.
func fieldOf(t *testing.T, e *Editor, path ...string) *field {
	t.Helper()
	for _, f := range e.insp.fields {
		if strings.Join(f.path, "/") == strings.Join(path, "/") && !f.raw && !f.rename {
			return f
		}
	}
	t.Fatalf("no field %q in the inspector", path)
	return nil
}

// labels lists the inspector's field labels.
func labels(e *Editor) string {
	var ls []string
	for _, f := range e.insp.fields {
		ls = append(ls, f.label)
	}
	return strings.Join(ls, " ")
}

func TestInspector_fieldsFollowTypeAndLanguage(t *testing.T) {
	def := `{"StartAt": "T", "States": {
  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true},
  "J": {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}`
	e, _ := newTestEditor(t, "x.asl.json", def)
	if got, want := labels(e), "Comment StartAt QueryLanguage TimeoutSeconds Version"; got != want {
		t.Errorf("with nothing selected: %s, want %s", got, want)
	}
	e.selectState("T")
	if got, want := labels(e), "Name Comment QueryLanguage Next Resource InputPath Parameters ResultSelector ResultPath OutputPath Assign TimeoutSeconds TimeoutSecondsPath HeartbeatSeconds HeartbeatSecondsPath Credentials JSON"; got != want {
		t.Errorf("JSONPath Task:\n%s\nwant\n%s", got, want)
	}
	e.selectState("J")
	if got, want := labels(e), "Name Comment QueryLanguage Next Resource Arguments Output Assign TimeoutSeconds HeartbeatSeconds Credentials JSON"; got != want {
		t.Errorf("JSONata Task:\n%s\nwant\n%s", got, want)
	}
}

func TestInspector_editsBecomeASL(t *testing.T) {
	e, clock := newTestEditor(t, "two.asl.json", twoStates)
	e.selectState("First")

	fieldOf(t, e, "Comment").entry.SetText("Say hi")
	clock.fire()
	if got := e.Doc().Machine.State("First").Comment.Text(); got != "Say hi" {
		t.Errorf("Comment %q after typing in the form", got)
	}

	res := fieldOf(t, e, "Result")
	res.entry.SetText(`{"greeting": "hi"}`)
	res.flush()
	if !strings.Contains(e.Text(), `"Result": {
        "greeting": "hi"
      }`) {
		t.Errorf("Result not set:\n%s", e.Text())
	}

	bad := fieldOf(t, e, "Parameters")
	bad.entry.SetText(`{"x": `)
	bad.flush()
	if bad.invalid != "Parameters:1:7: unexpected end of input; expected a value" || e.Doc().Machine.State("First").Parameters != nil {
		t.Errorf("invalid JSON was accepted")
	}

	fieldOf(t, e, "Next").sel.SetSelected(endChoice)
	if s := e.Doc().Machine.State("First"); !s.End || s.Next != "" {
		t.Errorf("Next ▸ (End) left Next %q End %v", s.Next, s.End)
	}
	e.Undo()
	if s := e.Doc().Machine.State("First"); s.Next != "Done" {
		t.Errorf("undo left Next %q", s.Next)
	}
}

func TestInspector_retryList(t *testing.T) {
	def := `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}`
	e, _ := newTestEditor(t, "x.asl.json", def)
	e.selectState("T")
	e.insp.appendTo(e.insp.state(), "Retry", model.FromValue(map[string]any{"ErrorEquals": []any{"States.ALL"}}))
	f := fieldOf(t, e, "Retry", "0", "MaxAttempts")
	f.entry.SetText("5")
	f.flush()
	g := fieldOf(t, e, "Retry", "0", "ErrorEquals")
	g.entry.SetText("States.Timeout, Lambda.ServiceException")
	g.flush()
	r := e.Doc().Machine.State("T").Retry
	if len(r) != 1 || r[0].MaxAttempts.Raw != "5" || strings.Join(r[0].ErrorEquals, "|") != "States.Timeout|Lambda.ServiceException" {
		t.Errorf("retry %+v:\n%s", r, e.Text())
	}
	n := fieldOf(t, e, "Retry", "0", "BackoffRate")
	n.entry.SetText("fast")
	n.flush()
	if n.invalid != "a number, or a JSONata expression {% … %}" || r[0].BackoffRate != nil {
		t.Error("a non-number BackoffRate was accepted")
	}
}

func TestInspector_rename(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	e.selectState("Done")
	name := e.insp.fields[0]
	name.entry.SetText("Finished")
	name.entry.OnSubmitted("Finished")
	if e.Text() != strings.ReplaceAll(twoStates, `"Done"`, `"Finished"`) {
		t.Errorf("after renaming in the inspector:\n%s", e.Text())
	}
	if got := e.graph.Selected(); len(got) != 1 || got[0] != "Finished" {
		t.Errorf("selection %q after rename", got)
	}
}

func TestInspector_undoWhileTypingTakesTheFieldFirst(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	e.selectState("First")
	fieldOf(t, e, "Comment").entry.SetText("typed") // not yet an edit
	e.Undo()
	if e.Doc().Machine.State("First").Comment != nil {
		t.Errorf("undo while typing left the comment:\n%s", e.Text())
	}
	e.Redo()
	if got := e.Doc().Machine.State("First").Comment.Text(); got != "typed" {
		t.Errorf("redo gave comment %q", got)
	}
}
