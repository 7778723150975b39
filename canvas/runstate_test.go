package canvas_test

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	fcanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"baton/canvas"
	"baton/model"
)

// gutterOf is the widget position of a point in a state's gutter.
func gutterOf(g *canvas.Graph, name string) fyne.Position {
	r := g.Diagram().Box(name).Rect
	return g.ToWidget(model.Point{X: r.X + 4, Y: r.Y + r.H/2})
}

func TestGraph_gutterTapReportsInsteadOfSelecting(t *testing.T) {
	g, _ := newTestGraph(t, small)
	var selected [][]string
	g.OnSelect = func(names []string) { selected = append(selected, names) }
	test.TapAt(g, gutterOf(g, "B"))
	if len(selected) != 1 || !slices.Equal(selected[0], []string{"B"}) {
		t.Fatalf("without OnGutter, a gutter tap selects: %q", selected)
	}
	var gutter []string
	g.OnGutter = func(name string) { gutter = append(gutter, name) }
	test.TapAt(g, gutterOf(g, "A"))
	test.TapAt(g, centreOf(g, "C"))
	if !slices.Equal(gutter, []string{"A"}) {
		t.Errorf("gutter taps %q, want [A]", gutter)
	}
	if len(selected) != 2 || !slices.Equal(selected[1], []string{"C"}) {
		t.Errorf("selections %q, want [[B] [C]]", selected)
	}
}

func TestGraph_unhandledKeysGoToOnKey(t *testing.T) {
	g, _ := newTestGraph(t, small)
	var keys []fyne.KeyName
	g.OnKey = func(e *fyne.KeyEvent) { keys = append(keys, e.Name) }
	for _, k := range []fyne.KeyName{fyne.KeyF5, fyne.KeyLeft, fyne.KeyF9} {
		g.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if !slices.Equal(keys, []fyne.KeyName{fyne.KeyF5, fyne.KeyF9}) {
		t.Errorf("keys passed on %q, want [F5 F9]", keys)
	}
}

// texts lists the text objects the graph draws.
func texts(w fyne.Window) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if tx, ok := o.(*fcanvas.Text); ok {
			out = append(out, tx.Text)
		}
		if wd, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(wd).Objects() {
				walk(c)
			}
		}
	}
	walk(w.Content())
	return out
}

func TestGraph_drawsVisitCounts(t *testing.T) {
	g, w := newTestGraph(t, small)
	g.Run = canvas.RunState{Counts: map[string]int{"A": 1, "B": 3}}
	g.Refresh()
	got := texts(w)
	for _, want := range []string{"×1", "×3"} {
		if !slices.Contains(got, want) {
			t.Errorf("no %q among the texts drawn %q", want, got)
		}
	}
	if slices.Contains(got, "×0") || slices.Contains(got, "×") {
		t.Errorf("a count for a state that did not run: %q", got)
	}
}
