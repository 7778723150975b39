package canvas_test

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baton/canvas"
	"baton/model"
)

const small = `{"StartAt": "A", "States": {
  "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "B",
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}]},
  "B": {"Type": "Choice", "Choices": [{"Variable": "$.x", "StringEquals": "a", "Next": "C"}], "Default": "F"},
  "C": {"Type": "Succeed"},
  "F": {"Type": "Fail", "Error": "E"}}}`

// newTestGraph shows def in a graph widget in an 800×600 test window.
func newTestGraph(t *testing.T, def string) (*canvas.Graph, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	doc, err := model.Parse("test.asl.json", []byte(def))
	if err != nil {
		t.Fatal(err)
	}
	g := canvas.NewGraph()
	flow := model.BuildGraph(doc.Machine)
	g.SetDiagram(flow, model.Layout(flow, nil))
	w := test.NewTempWindow(t, g)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(800, 600))
	return g, w
}

// centreOf is the widget position of the middle of a state's box.
func centreOf(g *canvas.Graph, name string) fyne.Position {
	r := g.Diagram().Box(name).Rect
	return g.ToWidget(model.Point{X: r.X + r.W/2, Y: r.Y + r.H/2})
}

// drag sends the events Fyne's desktop driver sends for a drag from one
// position to another: Position is where the pointer is, Dragged the
// movement since the last event.
func drag(g *canvas.Graph, from, to fyne.Position) {
	mid := fyne.NewPos((from.X+to.X)/2, (from.Y+to.Y)/2)
	g.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-from.X, mid.Y-from.Y)})
	g.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-mid.X, to.Y-mid.Y)})
	g.DragEnd()
}

func TestGraph_tapSelects(t *testing.T) {
	g, _ := newTestGraph(t, small)
	var got [][]string
	g.OnSelect = func(names []string) { got = append(got, names) }
	test.TapAt(g, centreOf(g, "B"))
	test.TapAt(g, fyne.NewPos(2, 2))
	if len(got) != 2 || !slices.Equal(got[0], []string{"B"}) || len(got[1]) != 0 {
		t.Errorf("selections %q, want [[B] []]", got)
	}
	if len(g.Selected()) != 0 {
		t.Errorf("selected %q after tapping nothing", g.Selected())
	}
}

func TestGraph_dragMovesState(t *testing.T) {
	g, _ := newTestGraph(t, small)
	start := g.Diagram().Box("C").Rect
	type move struct {
		name string
		to   model.Point
	}
	var got []move
	g.OnMove = func(name string, to model.Point) { got = append(got, move{name, to}) }
	from := centreOf(g, "C")
	z := g.Zoom()
	drag(g, from, from.Add(fyne.NewDelta(60*z, 30*z)))
	want := []move{{"C", model.Point{X: start.X + 60, Y: start.Y + 30}}}
	if !slices.Equal(got, want) {
		t.Errorf("moves %v, want %v", got, want)
	}
}

func TestGraph_dragEmptyPans(t *testing.T) {
	g, _ := newTestGraph(t, small)
	before := g.Offset()
	drag(g, fyne.NewPos(3, 3), fyne.NewPos(23, 13))
	if got, want := g.Offset(), before.Add(fyne.NewDelta(20, 10)); got != want {
		t.Errorf("offset %v after panning, want %v", got, want)
	}
}

func TestGraph_connect(t *testing.T) {
	type conn struct {
		from  string
		kind  model.EdgeKind
		index int
		to    string
	}
	bottom := func(g *canvas.Graph, name string) fyne.Position {
		r := g.Diagram().Box(name).Rect
		return g.ToWidget(model.Point{X: r.X + r.W/2, Y: r.Y + r.H})
	}
	right := func(g *canvas.Graph, name string) fyne.Position {
		r := g.Diagram().Box(name).Rect
		return g.ToWidget(model.Point{X: r.X + r.W, Y: r.Y + r.H/2})
	}
	routeStart := func(g *canvas.Graph, kind model.EdgeKind) fyne.Position {
		for _, r := range g.Diagram().Routes {
			if r.Edge.Kind == kind {
				return g.ToWidget(r.Points[0])
			}
		}
		t.Fatalf("no %v route", kind)
		return fyne.Position{}
	}
	for _, tc := range []struct {
		name    string
		select_ string
		from    func(g *canvas.Graph) fyne.Position
		to      string
		want    conn
	}{
		{"next handle", "A", func(g *canvas.Graph) fyne.Position { return bottom(g, "A") }, "C", conn{"A", model.EdgeNext, -1, "C"}},
		{"choice's handle sets Default", "B", func(g *canvas.Graph) fyne.Position { return bottom(g, "B") }, "C", conn{"B", model.EdgeDefault, -1, "C"}},
		{"catch handle adds a catcher", "A", func(g *canvas.Graph) fyne.Position { return right(g, "A") }, "C", conn{"A", model.EdgeCatch, 1, "C"}},
		{"start of a Choice rule's arrow", "", func(g *canvas.Graph) fyne.Position { return routeStart(g, model.EdgeChoice) }, "F", conn{"B", model.EdgeChoice, 0, "F"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, _ := newTestGraph(t, small)
			if tc.select_ != "" {
				g.Select(tc.select_)
			}
			var got []conn
			g.OnConnect = func(from string, kind model.EdgeKind, index int, to string) {
				got = append(got, conn{from, kind, index, to})
			}
			g.OnMove = func(string, model.Point) { t.Error("a drag from a handle moved the state") }
			drag(g, tc.from(g), centreOf(g, tc.to))
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("connections %v, want [%v]", got, tc.want)
			}
		})
	}
}

func TestGraph_dropOnArrowAndOnEmpty(t *testing.T) {
	g, _ := newTestGraph(t, small)
	type drop struct {
		item  string
		route *model.Route
	}
	var got []drop
	var at model.Point
	g.OnDrop = func(item string, p model.Point, r *model.Route) { got = append(got, drop{item, r}); at = p }
	var next *model.Route
	for _, r := range g.Diagram().Routes {
		if r.Edge.Kind == model.EdgeNext {
			next = r
		}
	}
	a, b := next.Points[0], next.Points[1]
	g.DropAt("pass", g.ToWidget(model.Point{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2}))
	g.DropAt("wait", fyne.NewPos(3, 3))
	if len(got) != 2 || got[0] != (drop{"pass", next}) || got[1] != (drop{"wait", nil}) {
		t.Fatalf("drops %v, want pass on A→B and wait on nothing", got)
	}
	if want := g.ToDiagram(fyne.NewPos(3, 3)); at != want {
		t.Errorf("dropped at %v, want %v", at, want)
	}
}

func TestGraph_keys(t *testing.T) {
	g, w := newTestGraph(t, small)
	var deleted []string
	var renamed string
	g.OnDelete = func(names []string) { deleted = names }
	g.OnRename = func(name string) { renamed = name }
	g.Select("B", "C")
	w.Canvas().Focus(g)
	g.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	g.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF2}) // two selected: no rename
	g.Select("C")
	g.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF2})
	if !slices.Equal(deleted, []string{"B", "C"}) || renamed != "C" {
		t.Errorf("deleted %q, renamed %q; want [B C] and C", deleted, renamed)
	}
}

func TestGraph_zoomKeepsPointUnderPointer(t *testing.T) {
	g, _ := newTestGraph(t, small)
	p := centreOf(g, "B")
	before := g.ToDiagram(p)
	g.ZoomAt(2, p)
	if after := g.ToDiagram(p); after != before {
		t.Errorf("point under the pointer moved from %v to %v", before, after)
	}
	g.ZoomAt(1000, p)
	if g.Zoom() != canvas.MaxZoom {
		t.Errorf("zoom %v, want clamped to %v", g.Zoom(), canvas.MaxZoom)
	}
	g.Fit()
	d := g.Diagram().Size
	s := g.Size()
	if z := g.Zoom(); d.X*z > s.Width+0.5 || d.Y*z > s.Height+0.5 {
		t.Errorf("after Fit the diagram is %vx%v at zoom %v in %v", d.X, d.Y, z, s)
	}
}

func TestGraph_renders(t *testing.T) {
	g, w := newTestGraph(t, small)
	g.Select("B")
	g.Run = canvas.RunState{Current: "A", Breakpoints: map[string]bool{"C": true}}
	g.Refresh()
	test.AssertRendersToMarkup(t, "graph/small.xml", w.Canvas())
}

func TestGraph_minimapForLargeDiagrams(t *testing.T) {
	g, _ := newTestGraph(t, string(model.GenerateDefinition(60, 3)))
	g.SetView(1, fyne.NewPos(0, 0))
	// Tapping the bottom of the minimap brings the bottom of the diagram into view.
	test.TapAt(g, fyne.NewPos(800-10-20, 600-10-2))
	d := g.Diagram().Size
	if bottom := g.ToWidget(model.Point{X: 0, Y: d.Y}).Y; bottom > 600+1 || g.Offset().Y >= 0 {
		t.Errorf("after tapping the minimap's bottom the diagram's bottom is at %v (offset %v)", bottom, g.Offset())
	}
	g.Fit()
	before := g.Offset()
	test.TapAt(g, fyne.NewPos(790, 590)) // the minimap is gone when everything fits
	if g.Offset() != before {
		t.Error("a tap where the minimap was moved the view although the diagram fits")
	}
}

const containers = `{"StartAt": "Fan", "States": {
  "Fan": {"Type": "Parallel", "Branches": [
    {"StartAt": "Left", "States": {"Left": {"Type": "Wait", "Seconds": 1, "End": true}}},
    {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "End": true}}}], "Next": "Each"},
  "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}, "End": true}}}`

func TestGraph_rendersContainers(t *testing.T) {
	g, w := newTestGraph(t, containers)
	g.Run = canvas.RunState{Visited: map[string]bool{"Left": true}, Failed: map[string]bool{"Item": true}}
	g.Refresh()
	test.AssertRendersToMarkup(t, "graph/containers.xml", w.Canvas())
}
