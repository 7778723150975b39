package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baton/model"
)

// routeOf returns the route of the transition of the given kind from a
// state.
func routeOf(t *testing.T, e *Editor, from string, kind model.EdgeKind) *model.Route {
	t.Helper()
	for _, r := range e.diagram.Routes {
		if r.Edge.From == from && r.Edge.Kind == kind {
			return r
		}
	}
	t.Fatalf("no %v route from %q", kind, from)
	return nil
}

// middle is the middle of a route's first segment, in diagram coordinates.
func middle(r *model.Route) model.Point {
	a, b := r.Points[0], r.Points[1]
	return model.Point{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2}
}

// dragTile drags a palette tile to a diagram point, as the desktop driver
// reports it: positions in the tile and absolute ones.
func dragTile(e *Editor, id string, to model.Point) {
	var tile *paletteTile
	for _, t := range e.palette.tiles {
		if t.item.ID == id {
			tile = t
		}
	}
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(e.graph).Add(e.graph.ToWidget(to))
	tile.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: abs.Subtract(fyne.NewDelta(40, 0))}, Dragged: fyne.NewDelta(40, 0)})
	tile.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: abs}, Dragged: fyne.NewDelta(40, 0)})
	tile.DragEnd()
}

const afterWaitInserted = `{
  "StartAt": "First",
  "States": {
    "First": {
      "Type": "Pass",
      "Next": "Wait"
    },
    "Done": {
      "Type": "Succeed"
    },
    "Wait": {
      "Type": "Wait",
      "Seconds": 5,
      "Next": "Done"
    }
  }
}
`

func TestGesture_dragFromPaletteOntoArrow(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	dragTile(e, "wait", middle(routeOf(t, e, "First", model.EdgeNext)))
	if e.Text() != afterWaitInserted {
		t.Errorf("ASL after dropping Wait on First→Done:\n%s", e.Text())
	}
	if got := e.graph.Selected(); len(got) != 1 || got[0] != "Wait" {
		t.Errorf("selected %q, want the new state", got)
	}
	e.Undo()
	if e.Text() != twoStates {
		t.Errorf("after undo:\n%s", e.Text())
	}
}

func TestGesture_dropPatternOnEmptySpaceIsPlacedThere(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	s := e.graph.Size()
	at := e.graph.ToDiagram(fyne.NewPos(s.Width*0.8, s.Height*0.2))
	dragTile(e, "saga", at)
	doc := e.Doc()
	for _, n := range []string{"Do Work", "Compensate", "Compensated"} {
		if doc.Machine.State(n) == nil {
			t.Errorf("state %q was not added:\n%s", n, e.Text())
		}
	}
	if c := doc.Machine.State("Do Work").Catch; len(c) != 1 || c[0].Next != "Compensate" {
		t.Errorf("the saga's catcher does not go to Compensate:\n%s", e.Text())
	}
	b := e.diagram.Box("Do Work").Rect
	if got := (model.Point{X: b.X + b.W/2, Y: b.Y + b.H/2}); abs(got.X-at.X) > 0.01 || abs(got.Y-at.Y) > 0.01 {
		t.Errorf("Do Work is centred on %v, want the drop point %v", got, at)
	}
	// A second drop makes new names.
	dragTile(e, "saga", e.graph.ToDiagram(fyne.NewPos(s.Width*0.8, s.Height*0.8)))
	if doc.Machine.State("Do Work 2") == nil || doc.Machine.State("Compensate 2").Next != "Compensated 2" {
		t.Errorf("second saga:\n%s", e.Text())
	}
}

func TestGesture_tapPaletteInsertsAfterSelection(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	e.graph.Select("First")
	e.addItem("approval")
	m := e.Doc().Machine
	if m.State("First").Next != "Request Approval" || m.State("Approved").Next != "Done" || m.State("Rejected") == nil {
		t.Errorf("approval pattern not inserted between First and Done:\n%s", e.Text())
	}
}

func TestGesture_connectFromHandle(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	e.addItem("fail") // unconnected
	e.graph.Select("First")
	g := e.graph
	r := g.Diagram().Box("First").Rect
	from := g.ToWidget(model.Point{X: r.X + r.W/2, Y: r.Y + r.H})
	f := g.Diagram().Box("Fail").Rect
	to := g.ToWidget(model.Point{X: f.X + f.W/2, Y: f.Y + f.H/2})
	g.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
	g.DragEnd()
	if got := e.Doc().Machine.State("First").Next; got != "Fail" {
		t.Errorf("First goes to %q, want Fail:\n%s", got, e.Text())
	}
	// From a Task's catch handle: a new catcher for every error.
	e.graph.Select()
	e.addItem("lambda")
	e.connect("Lambda Invoke", model.EdgeCatch, 0, "Fail")
	want := `"Catch": [
        {
          "ErrorEquals": [
            "States.ALL"
          ],
          "Next": "Fail"
        }
      ]`
	if !strings.Contains(e.Text(), want) {
		t.Errorf("no catcher to Fail:\n%s", e.Text())
	}
}

func TestGesture_deleteReconnects(t *testing.T) {
	three := strings.Replace(twoStates, `"Next": "Done"`, `"Next": "Middle"
    },
    "Middle": {
      "Type": "Pass",
      "Next": "Done"`, 1)
	e, _ := newTestEditor(t, "three.asl.json", three)
	e.graph.Select("Middle")
	e.win.Canvas().Focus(e.graph)
	e.graph.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if e.Text() != twoStates {
		t.Errorf("after deleting Middle:\n%s", e.Text())
	}
	e.Undo()
	if e.Text() != string(model.MarshalJSON(mustParse(t, three).Root)) {
		t.Errorf("after undo:\n%s", e.Text())
	}
}

func mustParse(t *testing.T, src string) *model.Document {
	t.Helper()
	d, err := model.Parse("", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestGesture_renameWithF2(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	e.moveState("Done", model.Point{X: 300, Y: 300})
	e.graph.Select("Done")
	e.win.Canvas().Focus(e.graph)
	e.graph.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF2})
	entry, ok := e.win.Canvas().Focused().(fyne.Focusable)
	if !ok {
		t.Fatal("F2 opened no name field")
	}
	test.Type(entry, "Finished")
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	want := strings.ReplaceAll(twoStates, `"Done"`, `"Finished"`)
	if e.Text() != want {
		t.Errorf("after renaming:\n%s", e.Text())
	}
	if _, ok := e.positions["Finished"]; !ok {
		t.Errorf("the manual position did not follow the rename: %v", e.positions)
	}
}

func TestPalette_searchFilters(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	e.palette.search.SetText("dynamodb item")
	if got := strings.Join(e.palette.visible(), " "); got != "dynamodb-get dynamodb-put dynamodb-update" {
		t.Errorf("search shows %q", got)
	}
}

func TestPalette_everyItemInserts(t *testing.T) {
	for _, it := range paletteItems {
		t.Run(it.ID, func(t *testing.T) {
			e, _ := newTestEditor(t, "two.asl.json", twoStates)
			if err := e.insertItem(it.ID, nil, routeOf(t, e, "First", model.EdgeNext)); err != nil {
				t.Fatal(err)
			}
			ds := model.Validate(e.Doc(), model.ValidateOptions{})
			if it.Exit == "-" && len(ds) == 1 && ds[0].Code == model.CodeUnreachableState && ds[0].State == "Done" {
				return // a terminal state on the arrow leaves the rest unreachable
			}
			if model.HasErrors(ds) {
				t.Errorf("inserting %s makes an invalid definition: %+v\n%s", it.ID, ds, e.Text())
			}
		})
	}
}

func abs(f float32) float32 { return max(f, -f) }

func TestGesture_dropOnStartAndEndArrows(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	dragTile(e, "pass", middle(routeOf(t, e, "", model.EdgeStart)))
	m := e.Doc().Machine
	if m.StartAt != "Pass" || m.State("Pass").Next != "First" {
		t.Errorf("dropping on the start arrow:\n%s", e.Text())
	}
	// After a Succeed nothing can go: the drop is refused and says why.
	before := e.Text()
	dragTile(e, "lambda", middle(routeOf(t, e, "Done", model.EdgeEnd)))
	if e.Text() != before || !strings.Contains(e.status.text(), "a Succeed state has no Next") {
		t.Errorf("dropping after a Succeed: status %q\n%s", e.status.text(), e.Text())
	}
	// After a state that ends, the new state takes over the end.
	e2, _ := newTestEditor(t, "end.asl.json", `{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}`)
	dragTile(e2, "wait", middle(routeOf(t, e2, "A", model.EdgeEnd)))
	if a, w := e2.Doc().Machine.State("A"), e2.Doc().Machine.State("Wait"); a.Next != "Wait" || a.End || !w.End {
		t.Errorf("dropping on an end arrow:\n%s", e2.Text())
	}
}
