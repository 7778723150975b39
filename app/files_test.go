package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"baton/model"
)

func TestFiles_dropOpensInAnUntouchedWindow(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	blank := openEditorWindow(e.app, "", nil, nil, e.schedule)
	t.Cleanup(blank.win.Close)
	if blank.Title() != "Baton — Untitled" {
		t.Errorf("new window title %q", blank.Title())
	}
	other := filepath.Join(t.TempDir(), "other.asl.yaml")
	yaml := "StartAt: Only\nStates:\n  Only:\n    Type: Succeed\n"
	if err := os.WriteFile(other, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	blank.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(other)})
	if blank.Path() != other || blank.Text() != yaml || blank.format != model.YAML {
		t.Errorf("after the drop: path %q format %v text\n%s", blank.Path(), blank.format, blank.Text())
	}
	if got := recentFiles(e.app); len(got) == 0 || got[0] != other {
		t.Errorf("recent files %q, want %s first", got, other)
	}
}

func TestFiles_switchToYAMLAndSave(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	e.SetFormat(model.YAML)
	want := "StartAt: First\nStates:\n  First:\n    Type: Pass\n    Next: Done\n  Done:\n    Type: Succeed\n"
	if e.Text() != want {
		t.Errorf("YAML view:\n%s", e.Text())
	}
	if !strings.HasSuffix(e.win.Title(), "•") {
		t.Errorf("switching format is an unsaved change; title %q", e.win.Title())
	}
	yamlPath := strings.TrimSuffix(e.Path(), ".json") + ".yaml"
	if err := e.saveTo(yamlPath); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(yamlPath); string(data) != want {
		t.Errorf("saved\n%s", data)
	}
	// Invalid text is never saved.
	typeText(e, "StartAt: [")
	e.code.flush()
	if err := e.Save(); err == nil || !strings.HasPrefix(err.Error(), "not saved: the text does not parse") {
		t.Errorf("saving invalid text: %v", err)
	}
}

func TestGesture_dragIntoParallelBranch(t *testing.T) {
	def := `{"StartAt": "P", "States": {
  "P": {"Type": "Parallel", "Branches": [{"StartAt": "In", "States": {"In": {"Type": "Pass", "End": true}}}], "Next": "Out"},
  "Out": {"Type": "Pass", "End": true}}}`
	e, _ := newTestEditor(t, "p.asl.json", def)
	br := e.diagram.Box("P").Branches[0]
	b := e.diagram.Box("Out").Rect
	e.moveState("Out", model.Point{X: br.X + br.W/2 - b.W/2, Y: br.Y + br.H - b.H - 4})
	s := e.Doc().Machine.Find("Out")
	if got := model.ScopePath(s.Machine); len(got) != 1 || got[0] != "P#0" {
		t.Errorf("Out is in scope %q after dropping it in the branch:\n%s", got, e.Text())
	}
	e.Undo()
	if s := e.Doc().Machine.State("Out"); s == nil {
		t.Errorf("undo did not bring Out back to the top level:\n%s", e.Text())
	}
}
