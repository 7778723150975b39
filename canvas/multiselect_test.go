package canvas

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baton/model"
)

func TestGraph_modifierTapExtendsSelection(t *testing.T) {
	test.NewTempApp(t)
	doc, err := model.Parse("", []byte(`{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}`))
	if err != nil {
		t.Fatal(err)
	}
	g := NewGraph()
	flow := model.BuildGraph(doc.Machine)
	g.SetDiagram(flow, model.Layout(flow, nil))
	w := test.NewTempWindow(t, g)
	w.Resize(fyne.NewSize(600, 400))
	var mods fyne.KeyModifier
	g.modifiers = func() fyne.KeyModifier { return mods }
	at := func(name string) fyne.Position {
		r := g.Diagram().Box(name).Rect
		return g.ToWidget(model.Point{X: r.X + 20, Y: r.Y + 10})
	}
	test.TapAt(g, at("A"))
	mods = fyne.KeyModifierShift
	test.TapAt(g, at("B"))
	if got := g.Selected(); !slices.Equal(got, []string{"A", "B"}) {
		t.Errorf("Shift+tap: selected %q", got)
	}
	test.TapAt(g, at("A"))
	if got := g.Selected(); !slices.Equal(got, []string{"B"}) {
		t.Errorf("Shift+tap on a selected state: %q", got)
	}
	// Ctrl+wheel zooms, the wheel alone pans.
	z := g.Zoom()
	mods = fyne.KeyModifierControl
	g.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at("B")}, Scrolled: fyne.NewDelta(0, 100)})
	if g.Zoom() <= z {
		t.Errorf("Ctrl+wheel up: zoom %v, was %v", g.Zoom(), z)
	}
	mods = 0
	off := g.Offset()
	g.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -30)})
	if g.Offset() != off.Add(fyne.NewDelta(0, -30)) {
		t.Errorf("wheel: offset %v, was %v", g.Offset(), off)
	}
}
