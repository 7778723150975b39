package model_test

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"baton/model"
)

func TestHistory_undoRedoIsExact(t *testing.T) {
	original, err := os.ReadFile(editBase)
	if err != nil {
		t.Fatal(err)
	}
	doc := parseFile(t, editBase)
	h := model.NewHistory(doc)
	edits := []model.Edit{
		model.RenameState{Old: "A", New: "Start here"},
		model.AddState{Name: "F", State: obj(`{"Type": "Pass", "End": true}`), After: "C"},
		model.SetField{State: "B", Path: []string{"Choices", "0", "NumericEquals"}, Value: model.NewNumber("2.50")},
		model.MoveState{Name: "F", Scope: []string{"D#0"}, Kind: model.EdgeStart},
		model.RemoveState{Name: "E"},
		model.ReplaceText{Src: []byte("StartAt: X\nStates:\n  X: {Type: Succeed}\n")},
	}
	texts := [][]byte{original}
	for _, e := range edits {
		if err := h.Apply(e); err != nil {
			t.Fatalf("%s: %v", e.Describe(), err)
		}
		if h.Doc() != doc {
			t.Fatal("Doc() is not the document the history started with")
		}
		texts = append(texts, doc.Marshal(doc.Format))
	}
	if doc.Format != model.YAML {
		t.Errorf("after ReplaceText with YAML, the format is %v", doc.Format)
	}
	if got := h.UndoLabel(); got != "Edit text" {
		t.Errorf("UndoLabel() = %q", got)
	}
	for i := len(edits) - 1; i >= 0; i-- {
		if !h.Undo() {
			t.Fatalf("Undo %d failed", i)
		}
		if got := doc.Marshal(doc.Format); !bytes.Equal(got, texts[i]) {
			t.Errorf("after undoing %q:\n%s\nwant\n%s", edits[i].Describe(), got, texts[i])
		}
		if got := h.RedoLabel(); got != edits[i].Describe() {
			t.Errorf("RedoLabel() = %q, want %q", got, edits[i].Describe())
		}
	}
	if h.Undo() || h.CanUndo() {
		t.Error("undo past the beginning")
	}
	if doc.Format != model.JSON || doc.Machine.State("A") == nil {
		t.Error("undo did not restore the format and typed view")
	}
	for i := range edits {
		if !h.Redo() {
			t.Fatalf("Redo %d failed", i)
		}
		if got := doc.Marshal(doc.Format); !bytes.Equal(got, texts[i+1]) {
			t.Errorf("after redoing %q:\n%s\nwant\n%s", edits[i].Describe(), got, texts[i+1])
		}
	}
	if h.Redo() || h.CanRedo() {
		t.Error("redo past the end")
	}
	// Undo everything once more: the very same bytes as the file.
	for h.Undo() {
	}
	if got := doc.Marshal(model.JSON); !bytes.Equal(got, original) {
		t.Errorf("after undoing everything:\n%s", got)
	}
}

func TestHistory_failedEditsAreNotRecorded(t *testing.T) {
	doc := parseFile(t, editBase)
	h := model.NewHistory(doc)
	if err := h.Apply(model.RemoveState{Name: "Nope"}); err == nil {
		t.Fatal("no error")
	}
	if h.CanUndo() || h.UndoLabel() != "" {
		t.Error("a failed edit was recorded")
	}
	if err := h.Apply(model.RemoveState{Name: "A"}); err != nil {
		t.Fatal(err)
	}
	h.Undo()
	if !h.CanRedo() {
		t.Fatal("nothing to redo")
	}
	if err := h.Apply(model.RemoveState{Name: "B"}); err != nil {
		t.Fatal(err)
	}
	if h.CanRedo() {
		t.Error("a new edit did not forget the undone one")
	}
}

func TestHistory_limit(t *testing.T) {
	doc := parseFile(t, editBase)
	h := model.NewHistory(doc)
	set := func(i int) model.Edit {
		return model.SetField{State: "A", Path: []string{"Result"}, Value: model.NewInt(int64(i))}
	}
	const extra = 5
	for i := 1; i <= model.HistoryLimit+extra; i++ {
		if err := h.Apply(set(i)); err != nil {
			t.Fatal(err)
		}
	}
	undone := 0
	for h.Undo() {
		undone++
	}
	if undone != model.HistoryLimit {
		t.Errorf("undid %d edits, want %d", undone, model.HistoryLimit)
	}
	if got := doc.Machine.State("A").Result.Raw; got != fmt.Sprint(extra) {
		t.Errorf("oldest state kept has Result %s, want %d", got, extra)
	}
}

func ExampleHistory() {
	doc, _ := model.Parse("hello.asl.json", []byte(`{"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "End": true}}}`))
	h := model.NewHistory(doc)
	_ = h.Apply(model.AddState{Name: "World", State: model.FromValue(map[string]any{"Type": "Succeed"}), After: "Hello"})
	fmt.Print(string(doc.Marshal(model.JSON)))
	h.Undo()
	fmt.Println(h.RedoLabel(), len(doc.Machine.States))
	// Output:
	// {
	//   "StartAt": "Hello",
	//   "States": {
	//     "Hello": {
	//       "Type": "Pass",
	//       "Next": "World"
	//     },
	//     "World": {
	//       "Type": "Succeed"
	//     }
	//   }
	// }
	// Add state "World" 1
}
