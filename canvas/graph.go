package canvas

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"baton/model"
)

var (
	_ fyne.Widget            = (*Graph)(nil)
	_ fyne.Tappable          = (*Graph)(nil)
	_ fyne.Draggable         = (*Graph)(nil)
	_ fyne.Scrollable        = (*Graph)(nil)
	_ fyne.Focusable         = (*Graph)(nil)
	_ desktop.Hoverable      = (*Graph)(nil)
	_ fyne.SecondaryTappable = (*Graph)(nil)
)

// Zoom limits.
const (
	MinZoom = 0.1
	MaxZoom = 4
	// readableZoom is the least zoom a new view starts at.
	readableZoom = 0.6
)

// RunState is what a run shows on the diagram; the debugger sets it and
// calls Refresh. Names are state names.
type RunState struct {
	// Current is the state the execution is in (or stopped at).
	Current string
	// Visited, Failed and Breakpoints mark states; nil maps are empty.
	Visited, Failed, Breakpoints map[string]bool
	// Running marks states entered and not yet left (besides Current),
	// Caught states whose error a Catch handled, and Retried states that
	// went on after a Retry; nil maps are empty.
	Running, Caught, Retried map[string]bool
	// Counts are how many times each state was entered, drawn on its box
	// (a debug run's visits); nil draws none.
	Counts map[string]int
}

// Graph is the workflow diagram widget. It draws the Diagram given to
// SetDiagram and reports gestures through its On… callbacks; it never
// changes the workflow itself.
type Graph struct {
	widget.BaseWidget

	// Run holds the run-state overlays.
	Run RunState

	// OnSelect reports a new selection (state names, possibly empty).
	OnSelect func(names []string)
	// OnMove reports that the user dragged a state's box so its top-left
	// corner is at to (diagram coordinates).
	OnMove func(name string, to model.Point)
	// OnConnect reports a drag from a state's handle (or from the start of
	// one of its arrows) onto a state: set the transition of kind (index:
	// Choice rule or catcher, -1 otherwise) of from to go to to.
	OnConnect func(from string, kind model.EdgeKind, index int, to string)
	// OnDrop reports a palette item dropped on the diagram at a point;
	// route is the arrow it was dropped on, nil if none.
	OnDrop func(item string, at model.Point, route *model.Route)
	// OnDelete reports Delete pressed with states selected.
	OnDelete func(names []string)
	// OnRename reports F2 with one state selected. (No double tap: it would
	// make Fyne hold back every single tap, and selecting feel slow.)
	OnRename func(name string)
	// OnZoom reports a change of zoom, for a zoom indicator.
	OnZoom func(zoom float32)
	// OnGutter reports a tap on the gutter of a state's box (its left
	// edge, where a breakpoint's dot is drawn); while it is nil, the
	// gutter selects like the rest of the box.
	OnGutter func(name string)
	// OnKey reports the keys the focused widget does not handle itself
	// (F5, F9, …), for the owner's shortcuts.
	OnKey func(e *fyne.KeyEvent)

	flow     *model.Graph
	diagram  *model.Diagram
	selected []string

	zoom   float32
	offset fyne.Position // screen position of the diagram's origin
	// autoFit keeps the whole diagram in view (after Fit, and until the
	// user zooms or pans).
	autoFit bool
	// fitFloor is the least zoom fitting may choose: a readable size at
	// first (a tall diagram then scrolls), MinZoom after Fit.
	fitFloor float32

	hover    string // state under the pointer, for its handles
	dropHint *model.Route
	gesture  *gesture
	focused  bool

	// modifiers returns the keyboard modifiers held down (Ctrl+wheel
	// zooms); tests replace it.
	modifiers func() fyne.KeyModifier

	// hoverGutter is the state whose gutter is under the pointer, drawn
	// with a faint breakpoint dot.
	hoverGutter string
}

// NewGraph returns an empty diagram widget at zoom 1.
func NewGraph() *Graph {
	g := &Graph{zoom: 1, autoFit: true, fitFloor: readableZoom}
	g.modifiers = currentModifiers
	g.ExtendBaseWidget(g)
	return g
}

func currentModifiers() fyne.KeyModifier {
	if a := fyne.CurrentApp(); a != nil {
		if d, ok := a.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()
		}
	}
	return 0
}

// SetDiagram shows d, the layout of flow; either may be nil (nothing to
// show). The selection keeps the names that still exist.
func (g *Graph) SetDiagram(flow *model.Graph, d *model.Diagram) {
	g.flow, g.diagram = flow, d
	g.gesture = nil
	g.dropHint = nil
	if d != nil {
		g.selected = slices.DeleteFunc(g.selected, func(n string) bool { return d.Box(n) == nil })
	}
	g.Refresh()
}

// Diagram returns the diagram on show.
func (g *Graph) Diagram() *model.Diagram { return g.diagram }

// Flow returns the graph whose diagram is on show.
func (g *Graph) Flow() *model.Graph { return g.flow }

// Selected returns the selected state names.
func (g *Graph) Selected() []string { return slices.Clone(g.selected) }

// Select sets the selection without reporting it through OnSelect.
func (g *Graph) Select(names ...string) {
	g.selected = slices.Clone(names)
	g.Refresh()
}

// Zoom returns the current zoom factor.
func (g *Graph) Zoom() float32 { return g.zoom }

// Offset returns where the diagram's origin is drawn, in widget coordinates.
func (g *Graph) Offset() fyne.Position { return g.offset }

// SetView sets zoom (clamped to MinZoom…MaxZoom) and the diagram origin's
// position in the widget.
func (g *Graph) SetView(zoom float32, offset fyne.Position) {
	g.autoFit = false
	g.setView(zoom, offset)
	g.Refresh()
}

// setView changes the view without redrawing.
func (g *Graph) setView(zoom float32, offset fyne.Position) {
	zoom = min(max(zoom, MinZoom), MaxZoom)
	changed := zoom != g.zoom
	g.zoom, g.offset = zoom, offset
	if changed && g.OnZoom != nil {
		g.OnZoom(zoom)
	}
}

// ZoomAt multiplies the zoom by factor, keeping the diagram point under
// pos (widget coordinates) where it is.
func (g *Graph) ZoomAt(factor float32, pos fyne.Position) {
	z := min(max(g.zoom*factor, MinZoom), MaxZoom)
	p := g.ToDiagram(pos)
	g.SetView(z, fyne.NewPos(pos.X-p.X*z, pos.Y-p.Y*z))
}

// ZoomIn and ZoomOut step the zoom around the widget's centre.
func (g *Graph) ZoomIn()  { g.ZoomAt(1.25, g.centre()) }
func (g *Graph) ZoomOut() { g.ZoomAt(0.8, g.centre()) }

func (g *Graph) centre() fyne.Position {
	s := g.Size()
	return fyne.NewPos(s.Width/2, s.Height/2)
}

// Fit zooms (never above 1) so the whole diagram shows, centred, and
// keeps it so as the widget or the diagram changes size, until the user
// zooms or pans.
func (g *Graph) Fit() {
	g.autoFit, g.fitFloor = true, MinZoom
	g.Refresh()
}

// fit sets the view that shows the whole diagram in the widget's size.
func (g *Graph) fit() {
	s := g.Size()
	if g.diagram == nil || s.Width <= 0 || s.Height <= 0 {
		return
	}
	d := g.diagram.Size
	z := float32(1)
	if d.X > 0 && d.Y > 0 {
		z = min(1, s.Width/d.X, s.Height/d.Y)
	}
	z = max(z, g.fitFloor)
	g.setView(z, fyne.NewPos(max(0, (s.Width-d.X*z)/2), max(0, (s.Height-d.Y*z)/2)))
}

// CenterOn scrolls so the named state is in the middle, keeping the zoom,
// and reports whether there is such a state.
func (g *Graph) CenterOn(name string) bool {
	if g.diagram == nil {
		return false
	}
	b := g.diagram.Box(name)
	if b == nil {
		return false
	}
	c := g.centre()
	cx, cy := b.Rect.X+b.Rect.W/2, b.Rect.Y+b.Rect.H/2
	g.SetView(g.zoom, fyne.NewPos(c.X-cx*g.zoom, c.Y-cy*g.zoom))
	return true
}

// ToDiagram converts a widget position to diagram coordinates.
func (g *Graph) ToDiagram(p fyne.Position) model.Point {
	return model.Point{X: (p.X - g.offset.X) / g.zoom, Y: (p.Y - g.offset.Y) / g.zoom}
}

// ToWidget converts a diagram point to widget coordinates.
func (g *Graph) ToWidget(p model.Point) fyne.Position {
	return fyne.NewPos(p.X*g.zoom+g.offset.X, p.Y*g.zoom+g.offset.Y)
}

// CreateRenderer is part of fyne.Widget.
func (g *Graph) CreateRenderer() fyne.WidgetRenderer {
	g.ExtendBaseWidget(g)
	return newGraphRenderer(g)
}

// MinSize is small: the diagram scrolls and zooms inside whatever room it
// gets.
func (g *Graph) MinSize() fyne.Size { return fyne.NewSize(120, 120) }

// isSelected reports whether the named state is selected.
func (g *Graph) isSelected(name string) bool { return slices.Contains(g.selected, name) }

// stateOf returns the state drawn in box b, nil for markers.
func (g *Graph) stateOf(b *model.Box) *model.State {
	if b == nil || b.Marker != model.MarkerNone || g.flow == nil {
		return nil
	}
	if n := g.flow.Node(b.Name); n != nil {
		return n.State
	}
	return nil
}
