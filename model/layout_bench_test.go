package model_test

import (
	"testing"

	"baton/model"
)

// BenchmarkLoad1000 is opening a large definition: parse, validate, graph
// and layout of 1,000 states (choices, loops, parallels, maps, catches).
func BenchmarkLoad1000(b *testing.B) {
	src := model.GenerateDefinition(1000, 1)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := model.Parse("gen.asl.json", src)
		if err != nil {
			b.Fatal(err)
		}
		model.Validate(doc, model.ValidateOptions{})
		model.Layout(model.BuildGraph(doc.Machine), nil)
	}
}

func benchmarkLayout(b *testing.B, states int) {
	doc, err := model.Parse("gen.asl.json", model.GenerateDefinition(states, 1))
	if err != nil {
		b.Fatal(err)
	}
	g := model.BuildGraph(doc.Machine)
	b.ReportAllocs()
	for b.Loop() {
		model.Layout(g, nil)
	}
}

func BenchmarkLayout200(b *testing.B)  { benchmarkLayout(b, 200) }
func BenchmarkLayout500(b *testing.B)  { benchmarkLayout(b, 500) }
func BenchmarkLayout1000(b *testing.B) { benchmarkLayout(b, 1000) }

// BenchmarkMoveBox200 is one frame of a drag at 200 states.
func BenchmarkMoveBox200(b *testing.B) {
	doc, err := model.Parse("gen.asl.json", model.GenerateDefinition(200, 1))
	if err != nil {
		b.Fatal(err)
	}
	d := model.Layout(model.BuildGraph(doc.Machine), nil)
	name := doc.Machine.States[len(doc.Machine.States)/2].Name
	start := d.Box(name).Rect
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		d.MoveBox(name, model.Point{X: start.X + float32(i%50), Y: start.Y + float32(i%30)})
	}
}
