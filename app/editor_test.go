package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baton/model"
)

// manualClock is a Scheduler whose functions run when the test says.
type manualClock struct{ pending []*func() }

func (c *manualClock) schedule(_ time.Duration, f func()) func() {
	p := &f
	c.pending = append(c.pending, p)
	return func() { *p = nil }
}

// fire runs what is due (everything scheduled and not cancelled).
func (c *manualClock) fire() {
	due := c.pending
	c.pending = nil
	for _, f := range due {
		if *f != nil {
			(*f)()
		}
	}
}

const twoStates = `{
  "StartAt": "First",
  "States": {
    "First": {
      "Type": "Pass",
      "Next": "Done"
    },
    "Done": {
      "Type": "Succeed"
    }
  }
}
`

// newTestEditor opens def (saved as name in a temporary folder) in a
// designer window on Fyne's test driver.
func newTestEditor(t *testing.T, name, def string) (*Editor, *manualClock) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // recovery files go there
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(def), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, src, err := readDefinition(path)
	if err != nil {
		t.Fatal(err)
	}
	c := &manualClock{}
	e := openEditorWindow(a, path, doc, src, c.schedule)
	t.Cleanup(e.win.Close)
	return e, c
}

// typeText replaces the text in the code view as the user would: select
// all, then type (paste) the new text.
func typeText(e *Editor, s string) {
	e.code.editor.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.code.editor.insert(s)
}

// boxes lists the state names on the canvas.
func boxes(e *Editor) []string {
	var names []string
	for _, b := range e.graph.Diagram().Boxes {
		if b.Name != "" {
			names = append(names, b.Name)
		}
	}
	return names
}

func TestEditor_opens(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	if got := strings.Join(boxes(e), " "); got != "First Done" {
		t.Errorf("canvas shows %q, want First Done", got)
	}
	if e.Text() != twoStates {
		t.Errorf("code view shows\n%s\nwant the file as written", e.Text())
	}
	if got := e.win.Title(); got != "Baton — two.asl.json" {
		t.Errorf("title %q", got)
	}
}

func TestEditor_textEditUpdatesCanvasAfterPause(t *testing.T) {
	e, clock := newTestEditor(t, "two.asl.json", twoStates)
	edited := strings.Replace(twoStates, `"Next": "Done"`, `"Next": "Wait"
    },
    "Wait": {
      "Type": "Wait",
      "Seconds": 3,
      "Next": "Done"`, 1)
	typeText(e, edited)
	if got := strings.Join(boxes(e), " "); got != "First Done" {
		t.Fatalf("canvas changed before the pause: %q", got)
	}
	clock.fire()
	if got := strings.Join(boxes(e), " "); got != "First Wait Done" {
		t.Errorf("canvas shows %q after the pause, want First Wait Done", got)
	}
	if e.Text() != edited {
		t.Errorf("the user's text was rewritten:\n%s", e.Text())
	}
	if got := e.win.Title(); got != "Baton — two.asl.json •" {
		t.Errorf("title %q, want the unsaved mark", got)
	}

	e.Undo()
	if got := strings.Join(boxes(e), " "); got != "First Done" {
		t.Errorf("after undo the canvas shows %q", got)
	}
	if got, want := e.Text(), string(e.Doc().Marshal(model.JSON)); got != want || !strings.Contains(got, `"Next": "Done"`) {
		t.Errorf("after undo the text is\n%s", got)
	}
	if got := e.win.Title(); got != "Baton — two.asl.json" {
		t.Errorf("title %q after undoing to the saved state", got)
	}
	e.Redo()
	if got := strings.Join(boxes(e), " "); got != "First Wait Done" {
		t.Errorf("after redo the canvas shows %q", got)
	}
}

func TestEditor_invalidTextKeepsDiagramAndShowsError(t *testing.T) {
	e, clock := newTestEditor(t, "two.asl.json", twoStates)
	broken := strings.Replace(twoStates, `"Type": "Pass",`, `"Type": "Pass"`, 1)
	typeText(e, broken)
	clock.fire()
	if got := strings.Join(boxes(e), " "); got != "First Done" {
		t.Errorf("canvas shows %q while the text is invalid", got)
	}
	msg := e.code.errText.Text
	if want := `/two.asl.json:6:7: unexpected '"' after the value of "Type"; expected ',' or '}'`; !e.code.errText.Visible() || !strings.HasSuffix(msg, want) {
		t.Errorf("error shown: %q (visible %v)", msg, e.code.errText.Visible())
	}
	if len(e.problems.items) != 1 || e.problems.items[0].Code != model.CodeSyntaxError || e.problems.items[0].Pos.Line != 6 {
		t.Errorf("problems %+v, want one syntax error on line 6", e.problems.items)
	}
	if e.Text() != broken {
		t.Error("the invalid text was replaced")
	}
	// Fixing the text takes over again.
	typeText(e, twoStates)
	clock.fire()
	if e.code.errText.Visible() || len(e.problems.items) != 0 {
		t.Errorf("after fixing: error visible %v, problems %+v", e.code.errText.Visible(), e.problems.items)
	}
}

func TestEditor_undoShortcutInTextFlushesAndUndoes(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	typeText(e, strings.Replace(twoStates, `"Type": "Pass"`, `"Type": "Pass", "Comment": "hi"`, 1))
	// Ctrl+Z before the pause: the pending text becomes an edit, then is undone.
	e.code.editor.TypedShortcut(&fyne.ShortcutUndo{})
	if strings.Contains(e.Text(), "hi") || e.Doc().Machine.State("First").Comment != nil {
		t.Errorf("after Ctrl+Z the text is\n%s", e.Text())
	}
	e.code.editor.TypedShortcut(&fyne.ShortcutRedo{})
	if e.Doc().Machine.State("First").Comment.Text() != "hi" {
		t.Errorf("Ctrl+Y did not redo the text edit")
	}
}

func TestEditor_saveWritesTextAndSidecar(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	e.moveState("Done", model.Point{X: 300, Y: 200})
	if !strings.HasSuffix(e.win.Title(), "•") {
		t.Errorf("title %q after a move, want the unsaved mark", e.win.Title())
	}
	if err := e.Save(); err != nil {
		t.Fatal(err)
	}
	if got := e.win.Title(); got != "Baton — two.asl.json" {
		t.Errorf("title %q after saving", got)
	}
	pos, err := model.LoadPositions(e.Path())
	if err != nil || pos["Done"] != (model.Point{X: 300, Y: 200}) {
		t.Errorf("sidecar positions %v, %v", pos, err)
	}
	data, _ := os.ReadFile(e.Path())
	if string(data) != twoStates {
		t.Errorf("saved\n%s", data)
	}
}

func TestProblems_clickSelectsStateAndLine(t *testing.T) {
	def := strings.Replace(twoStates, `"Next": "Done"`, `"Next": "Nowhere"`, 1)
	e, _ := newTestEditor(t, "bad.asl.json", def)
	var found *model.Diagnostic
	for i, d := range e.problems.items {
		if d.Code == model.CodeMissingTarget {
			found = &e.problems.items[i]
		}
	}
	if found == nil {
		t.Fatalf("problems %+v lack %s", e.problems.items, model.CodeMissingTarget)
	}
	e.problems.open(*found)
	if got := e.graph.Selected(); len(got) != 1 || got[0] != "First" {
		t.Errorf("selected %q, want First", got)
	}
	if row, _ := e.code.editor.CursorPos(); row != found.Pos.Line-1 {
		t.Errorf("cursor on row %d, want %d", row, found.Pos.Line-1)
	}
}

func TestEditor_canvasEditKeepsFormattingOfUntouchedStates(t *testing.T) {
	def := `{
  "StartAt": "First",
  "States": {
    "First": { "Type": "Pass", "Result": {"a": 1,  "b": [1, 2]}, "Next": "Done" },
    "Done": {
      "Type": "Succeed"
    }
  }
}
`
	e, _ := newTestEditor(t, "hand.asl.json", def)
	if err := e.Apply(model.SetField{State: "Done", Path: []string{"Comment"}, Value: model.NewString("all good")}); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(def, `"Type": "Succeed"`, `"Type": "Succeed",
      "Comment": "all good"`, 1)
	if e.Text() != want {
		t.Errorf("text after a form edit:\n%s\nwant:\n%s", e.Text(), want)
	}
}
