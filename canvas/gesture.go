package canvas

import (
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"baton/model"
)

// Gesture geometry, in screen pixels.
const (
	handleRadius = 6
	handleReach  = 10 // how close a press must be to grab a handle
	routeReach   = 6  // how close to an arrow a drop lands on it
)

type gestureKind int

const (
	gesturePan gestureKind = iota
	gestureMove
	gestureConnect
	gestureMinimap // dragging the view around the minimap
)

// gesture is a drag in progress: what it does and where it started. It is
// view state only; the result is reported when the drag ends.
type gesture struct {
	kind  gestureKind
	start fyne.Position // widget coordinates of the press
	at    fyne.Position // where the pointer is now

	// move: the boxes dragged and their top-left corners at the start.
	names   []string
	origins []model.Point
	moved   bool

	// connect: the transition being set.
	from  string
	edge  model.EdgeKind
	index int
}

// handle is a place on a state's box to drag a new transition from.
type handle struct {
	at    fyne.Position
	kind  model.EdgeKind
	index int
}

// handlesOf returns the connection handles of a state's box: Next (Default
// for a Choice) at the bottom, a new Catch on the right of states that can
// catch. Succeed and Fail have none.
func (g *Graph) handlesOf(b *model.Box) []handle {
	s := g.stateOf(b)
	if s == nil || s.Type == model.TypeSucceed || s.Type == model.TypeFail {
		return nil
	}
	r := b.Rect
	kind := model.EdgeNext
	if s.Type == model.TypeChoice {
		kind = model.EdgeDefault
	}
	hs := []handle{{at: g.ToWidget(model.Point{X: r.X + r.W/2, Y: r.Y + r.H}), kind: kind, index: -1}}
	switch s.Type {
	case model.TypeTask, model.TypeParallel, model.TypeMap:
		y := r.Y + r.H/2
		if b.Container {
			y = r.Y + 18
		}
		hs = append(hs, handle{at: g.ToWidget(model.Point{X: r.X + r.W, Y: y}), kind: model.EdgeCatch, index: len(s.Catch)})
	}
	return hs
}

// showsHandles reports whether the named state's handles are drawn.
func (g *Graph) showsHandles(name string) bool {
	return name != "" && (name == g.hover || (len(g.selected) == 1 && g.selected[0] == name))
}

// grab finds what a drag starting at pos (widget coordinates) would take:
// a handle, the start of an arrow, a state's box, or nothing (pan).
func (g *Graph) grab(pos fyne.Position) *gesture {
	gs := &gesture{kind: gesturePan, start: pos, at: pos}
	if g.diagram == nil {
		return gs
	}
	if _, ok := g.minimapAt(pos); ok {
		gs.kind = gestureMinimap
		return gs
	}
	for _, b := range g.diagram.Boxes {
		if !g.showsHandles(b.Name) {
			continue
		}
		for _, h := range g.handlesOf(b) {
			if dist(h.at, pos) <= handleReach {
				gs.kind, gs.from, gs.edge, gs.index = gestureConnect, b.Name, h.kind, h.index
				return gs
			}
		}
	}
	for _, r := range g.diagram.Routes {
		if r.Edge.Kind == model.EdgeEnd || len(r.Points) == 0 {
			continue
		}
		if dist(g.ToWidget(r.Points[0]), pos) <= handleReach {
			gs.kind, gs.from, gs.edge, gs.index = gestureConnect, r.Edge.From, r.Edge.Kind, r.Edge.Index
			return gs
		}
	}
	b := g.diagram.BoxAt(g.ToDiagram(pos))
	if b == nil || b.Name == "" {
		return gs
	}
	gs.kind = gestureMove
	names := []string{b.Name}
	if g.isSelected(b.Name) {
		for _, n := range g.selected {
			if n != b.Name && !g.inside(n, names) {
				names = append(names, n)
			}
		}
	}
	for _, n := range names {
		if nb := g.diagram.Box(n); nb != nil {
			gs.names = append(gs.names, n)
			gs.origins = append(gs.origins, model.Point{X: nb.Rect.X, Y: nb.Rect.Y})
		}
	}
	return gs
}

// inside reports whether state n is drawn inside one of the containers
// named in names (it moves with them, so it is not moved on its own).
func (g *Graph) inside(n string, names []string) bool {
	for b := g.diagram.Box(n); b != nil && b.Scope != ""; b = g.diagram.Box(b.Scope) {
		if slices.Contains(names, b.Scope) {
			return true
		}
	}
	return false
}

func dist(a, b fyne.Position) float32 {
	return float32(math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y)))
}

// Dragged is part of fyne.Draggable: it pans, moves the boxes under the
// pointer, or draws a new transition, depending on where the drag began.
func (g *Graph) Dragged(e *fyne.DragEvent) {
	if g.gesture == nil {
		g.gesture = g.grab(e.Position.Subtract(e.Dragged))
	}
	gs := g.gesture
	gs.at = e.Position
	switch gs.kind {
	case gesturePan:
		g.autoFit = false
		g.offset = g.offset.Add(e.Dragged)
	case gestureMinimap:
		if p, ok := g.minimapAt(e.Position); ok {
			g.centreAt(p)
		}
	case gestureMove:
		dx, dy := (gs.at.X-gs.start.X)/g.zoom, (gs.at.Y-gs.start.Y)/g.zoom
		for i, n := range gs.names {
			g.diagram.MoveBox(n, model.Point{X: gs.origins[i].X + dx, Y: gs.origins[i].Y + dy})
		}
		gs.moved = gs.moved || dx != 0 || dy != 0
	}
	g.Refresh()
}

// DragEnd is part of fyne.Draggable: it reports the move or connection.
func (g *Graph) DragEnd() {
	gs := g.gesture
	g.gesture = nil
	if gs == nil {
		return
	}
	switch gs.kind {
	case gestureMove:
		if gs.moved && g.OnMove != nil {
			for _, n := range gs.names {
				if b := g.diagram.Box(n); b != nil {
					g.OnMove(n, model.Point{X: b.Rect.X, Y: b.Rect.Y})
				}
			}
		}
	case gestureConnect:
		if to := g.connectTarget(g.ToDiagram(gs.at)); to != "" && g.OnConnect != nil {
			g.OnConnect(gs.from, gs.edge, gs.index, to)
		}
	}
	g.Refresh()
}

// connectTarget returns the state a connection dropped at p goes to: the
// state under p, or a container when p is on its header rather than inside
// one of its branches; "" for none.
func (g *Graph) connectTarget(p model.Point) string {
	b := g.diagram.BoxAt(p)
	if b == nil || b.Name == "" {
		return ""
	}
	if b.Container {
		for _, r := range b.Branches {
			if r.Contains(p) {
				return ""
			}
		}
	}
	return b.Name
}

// Tapped is part of fyne.Tappable: it selects the state under the pointer
// (Shift or Ctrl adds or removes it), or clears the selection.
func (g *Graph) Tapped(e *fyne.PointEvent) {
	if p, ok := g.minimapAt(e.Position); ok {
		g.centreAt(p)
		return
	}
	if name := g.gutterAt(e.Position); name != "" {
		g.OnGutter(name)
		return
	}
	var name string
	if g.diagram != nil {
		if b := g.diagram.BoxAt(g.ToDiagram(e.Position)); b != nil {
			name = b.Name
		}
	}
	extend := g.modifiers()&(fyne.KeyModifierShift|fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
	switch {
	case name == "" && !extend:
		g.selected = nil
	case name == "":
	case extend && g.isSelected(name):
		g.selected = slices.DeleteFunc(g.selected, func(n string) bool { return n == name })
	case extend:
		g.selected = append(g.selected, name)
	default:
		g.selected = []string{name}
	}
	g.Refresh()
	if g.OnSelect != nil {
		g.OnSelect(g.Selected())
	}
}

// TappedSecondary is part of fyne.SecondaryTappable: it selects the state
// under the pointer, as a context menu's target.
func (g *Graph) TappedSecondary(e *fyne.PointEvent) {
	if g.diagram == nil {
		return
	}
	if b := g.diagram.BoxAt(g.ToDiagram(e.Position)); b != nil && b.Name != "" && !g.isSelected(b.Name) {
		g.selected = []string{b.Name}
		g.Refresh()
		if g.OnSelect != nil {
			g.OnSelect(g.Selected())
		}
	}
}

// Scrolled is part of fyne.Scrollable: the wheel pans, Ctrl+wheel zooms
// around the pointer.
func (g *Graph) Scrolled(e *fyne.ScrollEvent) {
	if g.modifiers()&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		g.ZoomAt(float32(math.Pow(1.0015, float64(e.Scrolled.DY))), e.Position)
		return
	}
	g.autoFit = false
	g.offset = g.offset.Add(e.Scrolled)
	g.Refresh()
}

// MouseIn is part of desktop.Hoverable.
func (g *Graph) MouseIn(e *desktop.MouseEvent) { g.MouseMoved(e) }

// MouseMoved is part of desktop.Hoverable: the state under the pointer
// shows its handles.
func (g *Graph) MouseMoved(e *desktop.MouseEvent) {
	hover := ""
	if g.diagram != nil {
		p := g.ToDiagram(e.Position)
		if b := g.diagram.BoxAt(p); b != nil {
			hover = b.Name
		}
		// Keep the handles while the pointer is on one, just outside the box.
		if hover == "" && g.hover != "" {
			if b := g.diagram.Box(g.hover); b != nil {
				for _, h := range g.handlesOf(b) {
					if dist(h.at, e.Position) <= handleReach {
						hover = g.hover
					}
				}
			}
		}
	}
	gutter := g.gutterAt(e.Position)
	if hover != g.hover || gutter != g.hoverGutter {
		g.hover, g.hoverGutter = hover, gutter
		g.Refresh()
	}
}

// MouseOut is part of desktop.Hoverable.
func (g *Graph) MouseOut() {
	if g.hover != "" || g.hoverGutter != "" {
		g.hover, g.hoverGutter = "", ""
		g.Refresh()
	}
}

// DragOver shows where a palette item dragged at pos (widget coordinates)
// would go: the arrow it would be inserted into is highlighted. A position
// outside the widget clears the hint.
func (g *Graph) DragOver(pos fyne.Position) {
	var r *model.Route
	s := g.Size()
	if g.diagram != nil && pos.X >= 0 && pos.Y >= 0 && pos.X <= s.Width && pos.Y <= s.Height {
		r = g.routeAt(pos)
	}
	if r != g.dropHint {
		g.dropHint = r
		g.Refresh()
	}
}

// routeAt returns the arrow near pos, if any (not over a state's box).
func (g *Graph) routeAt(pos fyne.Position) *model.Route {
	p := g.ToDiagram(pos)
	if b := g.diagram.BoxAt(p); b != nil && !b.Container {
		return nil
	}
	return g.diagram.RouteNear(p, routeReach/g.zoom)
}

// DropAt reports a palette item dropped at pos (widget coordinates)
// through OnDrop, with the arrow it landed on if any.
func (g *Graph) DropAt(item string, pos fyne.Position) {
	g.dropHint = nil
	g.Refresh()
	if g.OnDrop == nil {
		return
	}
	var r *model.Route
	if g.diagram != nil {
		r = g.routeAt(pos)
	}
	g.OnDrop(item, g.ToDiagram(pos), r)
}

// FocusGained is part of fyne.Focusable.
func (g *Graph) FocusGained() { g.focused = true }

// FocusLost is part of fyne.Focusable.
func (g *Graph) FocusLost() { g.focused = false }

// TypedRune is part of fyne.Focusable: + and - zoom, 0 fits.
func (g *Graph) TypedRune(r rune) {
	switch r {
	case '+', '=':
		g.ZoomIn()
	case '-':
		g.ZoomOut()
	case '0':
		g.Fit()
	}
}

// panStep is how far an arrow key pans, in screen pixels.
const panStep = 40

// TypedKey is part of fyne.Focusable: Delete removes the selection, F2
// renames, Escape clears the selection, arrows pan.
func (g *Graph) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		if len(g.selected) > 0 && g.OnDelete != nil {
			g.OnDelete(g.Selected())
		}
	case fyne.KeyF2:
		if len(g.selected) == 1 && g.OnRename != nil {
			g.OnRename(g.selected[0])
		}
	case fyne.KeyEscape:
		if g.gesture != nil {
			g.gesture = nil
		} else if len(g.selected) > 0 {
			g.selected = nil
			if g.OnSelect != nil {
				g.OnSelect(nil)
			}
		}
		g.Refresh()
	case fyne.KeyLeft:
		g.SetView(g.zoom, g.offset.Add(fyne.NewDelta(panStep, 0)))
	case fyne.KeyRight:
		g.SetView(g.zoom, g.offset.Add(fyne.NewDelta(-panStep, 0)))
	case fyne.KeyUp:
		g.SetView(g.zoom, g.offset.Add(fyne.NewDelta(0, panStep)))
	case fyne.KeyDown:
		g.SetView(g.zoom, g.offset.Add(fyne.NewDelta(0, -panStep)))
	default:
		if g.OnKey != nil {
			g.OnKey(e)
		}
	}
}

// gutterWidth is how wide the gutter at the left of a state's box is, in
// diagram units.
const gutterWidth = 14

// gutterAt returns the state whose gutter is at pos (widget coordinates):
// the left edge of its box (of a container's header), "" for none or
// while OnGutter is nil.
func (g *Graph) gutterAt(pos fyne.Position) string {
	if g.OnGutter == nil || g.diagram == nil {
		return ""
	}
	p := g.ToDiagram(pos)
	b := g.diagram.BoxAt(p)
	if b == nil || b.Name == "" || b.Marker != model.MarkerNone || p.X-b.Rect.X > gutterWidth {
		return ""
	}
	if b.Container && p.Y-b.Rect.Y > 36 {
		return ""
	}
	return b.Name
}
