package model_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
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

// Random edits on generated definitions: each either fails and changes
// nothing, or gives a document that reads back the same and lays out
// cleanly; undoing them all gives back the original text.
func TestHistory_randomEdits(t *testing.T) {
	for seed := int64(1); seed <= 8; seed++ {
		src := model.GenerateDefinition(40, seed)
		doc, err := model.Parse("gen.asl.json", src)
		if err != nil {
			t.Fatal(err)
		}
		h := model.NewHistory(doc)
		rng := rand.New(rand.NewPCG(uint64(seed), 7))
		applied := 0
		for i := 0; i < 150; i++ {
			e := randomEdit(rng, doc)
			before := doc.Marshal(model.JSON)
			if err := h.Apply(e); err != nil {
				if got := doc.Marshal(model.JSON); !bytes.Equal(got, before) {
					t.Fatalf("seed %d: failed %s (%v) changed the document", seed, e.Describe(), err)
				}
				continue
			}
			applied++
			again, err := model.Parse("again", doc.Marshal(model.JSON))
			if err != nil {
				t.Fatalf("seed %d: after %s: %v", seed, e.Describe(), err)
			}
			if a, b := edgesOf(doc.Machine), edgesOf(again.Machine); a != b {
				t.Fatalf("seed %d: after %s the typed view is stale", seed, e.Describe())
			}
			checkDiagram(t, fmt.Sprintf("seed %d after %s", seed, e.Describe()), model.Layout(model.BuildGraph(doc.Machine), nil), true)
		}
		if applied < 50 {
			t.Errorf("seed %d: only %d of 150 random edits applied", seed, applied)
		}
		for h.Undo() {
		}
		if got := doc.Marshal(model.JSON); !bytes.Equal(got, src) {
			t.Errorf("seed %d: undoing everything does not give the original back", seed)
		}
	}
}

func randomEdit(rng *rand.Rand, doc *model.Document) model.Edit {
	var states []*model.State
	doc.Machine.Walk(func(s *model.State) bool { states = append(states, s); return true })
	pick := func() string {
		if len(states) == 0 || rng.IntN(20) == 0 {
			return "Nope"
		}
		return states[rng.IntN(len(states))].Name
	}
	scope := func() []string {
		if len(states) == 0 || rng.IntN(4) == 0 {
			return nil
		}
		s := states[rng.IntN(len(states))]
		p := model.ScopePath(s.Machine)
		if s.Type == model.TypeParallel && rng.IntN(2) == 0 {
			p = append(p, fmt.Sprintf("%s#%d", s.Name, rng.IntN(len(s.Branches)+1)))
		}
		return p
	}
	kinds := []model.EdgeKind{0, model.EdgeStart, model.EdgeNext, model.EdgeChoice, model.EdgeDefault, model.EdgeCatch, model.EdgeEnd}
	kind := kinds[rng.IntN(len(kinds))]
	types := []string{`{"Type": "Pass", "End": true}`, `{"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Nope"}]}`, `{"Type": "Fail"}`, `{"Type": "Parallel", "Branches": []}`, `{"Type": "Wait", "Seconds": 1}`}
	switch rng.IntN(8) {
	case 0:
		after := ""
		if kind != model.EdgeStart && kind != 0 {
			after = pick()
		}
		return model.AddState{Scope: scope(), Name: fmt.Sprintf("New%d", rng.IntN(1000)), State: obj(types[rng.IntN(len(types))]), After: after, Kind: kind, Index: rng.IntN(2)}
	case 1:
		return model.RemoveState{Name: pick()}
	case 2:
		return model.RenameState{Old: pick(), New: fmt.Sprintf("Renamed%d", rng.IntN(1000))}
	case 3:
		from := pick()
		if kind == model.EdgeStart {
			from = ""
		}
		return model.Connect{From: from, Kind: kind, Index: rng.IntN(2), To: pick()}
	case 4:
		return model.Disconnect{From: pick(), Kind: kind, Index: rng.IntN(2)}
	case 5:
		return model.SetField{State: pick(), Path: []string{"Comment"}, Value: model.NewString("x")}
	case 6:
		after := ""
		if rng.IntN(2) == 0 {
			after = pick()
		}
		return model.MoveState{Name: pick(), Scope: scope(), After: after, Kind: kind, Index: rng.IntN(2)}
	}
	return model.SetField{State: pick(), Path: []string{"Retry", "0"}, Value: obj(`{"ErrorEquals": ["States.ALL"]}`)}
}
