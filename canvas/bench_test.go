package canvas_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baton/canvas"
	"baton/model"
)

// benchGraph shows a generated definition of n states in a 1280×800 test
// window.
func benchGraph(b *testing.B, n int) (*canvas.Graph, *model.Graph) {
	b.Helper()
	test.NewTempApp(b)
	doc, err := model.Parse("gen.asl.json", model.GenerateDefinition(n, 1))
	if err != nil {
		b.Fatal(err)
	}
	flow := model.BuildGraph(doc.Machine)
	g := canvas.NewGraph()
	g.SetDiagram(flow, model.Layout(flow, nil))
	w := test.NewTempWindow(b, g)
	w.Resize(fyne.NewSize(1280, 800))
	return g, flow
}

// BenchmarkGraph_dragState200 is one pointer movement while dragging a
// state of a 200-state definition: the box and its arrows move and every
// object of the widget is re-derived (budget: 16 ms).
func BenchmarkGraph_dragState200(b *testing.B) {
	g, flow := benchGraph(b, 200)
	name := flow.Nodes[len(flow.Nodes)/2].Name
	r := g.Diagram().Box(name).Rect
	start := g.ToWidget(model.Point{X: r.X + r.W/2, Y: r.Y + r.H/2})
	g.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start.Add(fyne.NewDelta(1, 0))}, Dragged: fyne.NewDelta(1, 0)})
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		d := fyne.NewDelta(float32(i%7)-3, 1)
		g.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start}, Dragged: d})
	}
	b.StopTimer()
	g.DragEnd()
}

// BenchmarkGraph_firstFrame500 goes from the text of a 500-state
// definition to the widget's first frame: parse, graph, layout, and the
// widget's objects built and laid out (budget, with the rest of the
// window: 500 ms).
func BenchmarkGraph_firstFrame500(b *testing.B) {
	test.NewTempApp(b)
	src := model.GenerateDefinition(500, 1)
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1280, 800))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		doc, err := model.Parse("gen.asl.json", src)
		if err != nil {
			b.Fatal(err)
		}
		flow := model.BuildGraph(doc.Machine)
		g := canvas.NewGraph()
		g.SetDiagram(flow, model.Layout(flow, nil))
		w.SetContent(g)
	}
}
