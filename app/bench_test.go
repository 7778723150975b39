package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baton/model"
)

// BenchmarkEditor_open500 opens a generated 500-state definition in a
// designer window: parse, graph, layout, canvas, code view, problems
// (budget to the first frame: 500 ms).
func BenchmarkEditor_open500(b *testing.B) {
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	a := test.NewTempApp(b)
	src := model.GenerateDefinition(500, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		doc, err := model.Parse("gen.asl.json", src)
		if err != nil {
			b.Fatal(err)
		}
		e := openEditorWindow(a, "", doc, src, (&manualClock{}).schedule)
		e.win.Canvas().Content().Refresh()
		b.StopTimer()
		e.win.Close()
		b.StartTimer()
	}
}

// BenchmarkEditor_textEdit200 is the work after the user pauses typing in
// a 200-state definition: re-parse, the edit through the history, graph,
// layout, canvas, inspector and problems (budget: 100 ms).
func BenchmarkEditor_textEdit200(b *testing.B) {
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	a := test.NewTempApp(b)
	src := model.GenerateDefinition(200, 1)
	doc, err := model.Parse("gen.asl.json", src)
	if err != nil {
		b.Fatal(err)
	}
	e := openEditorWindow(a, "", doc, src, (&manualClock{}).schedule)
	e.win.Resize(fyne.NewSize(1280, 800))
	texts := [2]string{string(src), strings.Replace(string(src), `"Comment": "Generated`, `"Comment": "Edited`, 1)}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		e.textChanged(texts[(i+1)%2])
	}
	b.StopTimer()
	if !strings.Contains(e.Doc().Machine.Comment.Text(), "Generated") && !strings.Contains(e.Doc().Machine.Comment.Text(), "Edited") {
		b.Fatal("the text edits did not reach the document")
	}
}
