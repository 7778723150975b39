package model

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// Point is a place on the diagram, in logical pixels at zoom 1.
type Point struct{ X, Y float32 }

// Rect is an axis-aligned rectangle: its top-left corner and size.
type Rect struct{ X, Y, W, H float32 }

// Contains reports whether p lies inside r (edges included).
func (r Rect) Contains(p Point) bool {
	return p.X >= r.X && p.X <= r.X+r.W && p.Y >= r.Y && p.Y <= r.Y+r.H
}

// Overlaps reports whether r and o share more than an edge.
func (r Rect) Overlaps(o Rect) bool {
	return r.X < o.X+o.W && o.X < r.X+r.W && r.Y < o.Y+o.H && o.Y < r.Y+r.H
}

// union returns the smallest rectangle holding r and o.
func (r Rect) union(o Rect) Rect {
	x0, y0 := min(r.X, o.X), min(r.Y, o.Y)
	x1, y1 := max(r.X+r.W, o.X+o.W), max(r.Y+r.H, o.Y+o.H)
	return Rect{x0, y0, x1 - x0, y1 - y0}
}

func (r Rect) translate(dx, dy float32) Rect { return Rect{r.X + dx, r.Y + dy, r.W, r.H} }

// inset returns r grown by d on every side (shrunk for negative d).
func (r Rect) inset(d float32) Rect { return Rect{r.X - d, r.Y - d, r.W + 2*d, r.H + 2*d} }

// Markers of a Box.
const (
	// MarkerNone is a state's box.
	MarkerNone = iota
	// MarkerStart is a scope's start marker.
	MarkerStart
	// MarkerEnd is a scope's end marker.
	MarkerEnd
)

// Box is where one state or marker is drawn.
type Box struct {
	// Name is the state's name; "" for markers.
	Name string
	// Marker is MarkerNone for a state, MarkerStart or MarkerEnd for the
	// synthetic markers of a scope.
	Marker int
	// Scope is the name of the enclosing Parallel or Map state, "" at the
	// top level.
	Scope string
	// Branch is the index of the branch within that Parallel (0 for Map).
	Branch int
	// Rect is the box in absolute coordinates.
	Rect Rect
	// Container is set for a Parallel or Map drawn around its children.
	Container bool
	// Branches are the areas of a container's branches (one for a Map's
	// processor), absolute; nil for other boxes.
	Branches []Rect
	// Manual is set when the position came from the sidecar or MoveBox.
	Manual bool

	parent   *Box
	children []*Box   // the boxes of the container's own scopes
	routes   []*Route // routes starting or ending here
	base     Rect     // Rect before growing around manually placed children
	baseBr   []Rect
	isMap    bool
	subtree  []*Box   // every box nested in the container, in order
	inRoutes []*Route // every route of a scope nested in the container
}

// Route is how one Edge is drawn: an orthogonal polyline.
type Route struct {
	Edge *Edge
	// Scope and Branch say which scope the edge belongs to, as for Box.
	Scope  string
	Branch int
	// Points run from the source box's border to the target box's border,
	// absolute; there are always at least two.
	Points []Point
	// LabelAt is the centre of where Edge.Label goes.
	LabelAt Point
	// Back is set for an edge that closes a loop; it is drawn up the right
	// side of the boxes it passes.
	Back bool

	src, dst     *Box
	srcDX, dstDX float32 // port offsets from the box centres, for the bottom/top
	srcFY, dstFY float32 // side attachment heights as fractions of the box
}

// Diagram is the drawing of a graph: boxes and routes in absolute
// coordinates, top to bottom.
type Diagram struct {
	// Boxes lists containers before their children, so drawing in order
	// paints children on top.
	Boxes  []*Box
	Routes []*Route
	// Size is the bottom-right corner of everything drawn (labels at an
	// estimated width), plus a margin.
	Size Point

	byName map[string]*Box
}

// Sizes and gaps of the layout, in logical pixels.
const (
	stateW, stateH = 180, 44
	stateMaxW      = 320
	charW          = 7 // average width of a character of a state name
	markerSize     = 24
	nodeSep        = 40 // between boxes of a layer
	edgeSep        = 14 // between edges passing through a layer
	rankSep        = 48 // minimum gap between layers
	trackSep       = 14 // between horizontal runs of edges in a gap
	portSep        = 20 // between ports on a box's top or bottom
	sideGap        = 14 // between columns of back edges right of a box
	containerPad   = 16
	containerHead  = 36 // room for a container's name
	branchGap      = 24
	branchInset    = 8
	emptyScopeW    = 160
	emptyScopeH    = 56
	margin         = 24
)

// boxWidth is the width of a state's box: wider for long names, up to a
// maximum past which the view elides the name.
func boxWidth(name string) float32 {
	w := float32(utf8.RuneCountInString(name)*charW + 56)
	return even(min(max(w, stateW), stateMaxW))
}

// even rounds w up to an even number of pixels, so that centres, borders
// and ports of boxes placed at whole pixels are whole pixels too, and an
// edge is either straight or visibly bent.
func even(w float32) float32 {
	return float32(math.Ceil(float64(w)/2) * 2)
}

// Layout draws g top to bottom: layers by longest path, crossings reduced by
// barycenter sweeps, loops as back edges up the right side, Parallel and Map
// states as containers around their branches. A state named in positions is
// put there (its top-left corner, absolute) and its edges are re-routed;
// everything else stays where the automatic layout put it. positions may be
// nil. The result depends only on g and positions.
func Layout(g *Graph, positions Positions) *Diagram {
	root := layoutScope(g)
	d := &Diagram{byName: map[string]*Box{}}
	root.emit(d, margin, margin, nil, 0)
	if len(positions) > 0 {
		d.applyPositions(positions)
	}
	d.updateSize()
	return d
}

// Box returns the box of the state named name, or nil.
func (d *Diagram) Box(name string) *Box { return d.byName[name] }

// BoxAt returns the innermost box containing p, or nil.
func (d *Diagram) BoxAt(p Point) *Box {
	for i := len(d.Boxes) - 1; i >= 0; i-- {
		if d.Boxes[i].Rect.Contains(p) {
			return d.Boxes[i]
		}
	}
	return nil
}

// RouteNear returns the route passing closest to p, if it is within tol;
// nil otherwise.
func (d *Diagram) RouteNear(p Point, tol float32) *Route {
	var best *Route
	bestD := float64(tol) * float64(tol)
	for _, r := range d.Routes {
		for i := 1; i < len(r.Points); i++ {
			if dd := segDist2(p, r.Points[i-1], r.Points[i]); dd <= bestD {
				best, bestD = r, dd
			}
		}
	}
	return best
}

// segDist2 is the squared distance from p to the segment ab.
func segDist2(p, a, b Point) float64 {
	ax, ay, bx, by := float64(a.X), float64(a.Y), float64(b.X), float64(b.Y)
	px, py := float64(p.X), float64(p.Y)
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/l))
	}
	ex, ey := ax+t*dx-px, ay+t*dy-py
	return ex*ex + ey*ey
}

// ScopeAt returns the scope a state dropped at p would belong to, as the
// path AddState and MoveState take: nil at the top level; inside a
// container, its branch under p. A point inside a Parallel but right of its
// last branch means a new branch; a point on a container's header means the
// container's own scope.
func (d *Diagram) ScopeAt(p Point) []string {
	var c *Box
	for i := len(d.Boxes) - 1; i >= 0; i-- {
		if b := d.Boxes[i]; b.Container && b.Rect.Contains(p) {
			c = b
			break
		}
	}
	if c == nil {
		return nil
	}
	if p.Y < c.Rect.Y+containerHead {
		return boxScopePath(c.parent, c.Branch)
	}
	branch := 0
	if !c.isMap {
		branch = len(c.Branches)
		for i, br := range c.Branches {
			if p.X <= br.X+br.W {
				branch = i
				break
			}
		}
	}
	return boxScopePath(c, branch)
}

// boxScopePath is the scope path of branch of container c (nil c = top).
func boxScopePath(c *Box, branch int) []string {
	if c == nil {
		return nil
	}
	return append(boxScopePath(c.parent, c.Branch), scopeElem(c.Name, branch, c.isMap))
}

// scopeElem encodes one step of a scope path: "Name#i" for branch i of a
// Parallel, "Name" for a Map's processor.
func scopeElem(name string, branch int, isMap bool) string {
	if isMap {
		return name
	}
	return name + "#" + strconv.Itoa(branch)
}

// ScopePath returns the path of m as AddState and MoveState take it: nil
// for the top level, else one "Parallel#branch" or "Map" element per
// enclosing state, outermost first.
func ScopePath(m *StateMachine) []string {
	if m == nil || m.Parent == nil {
		return nil
	}
	p := m.Parent
	branch := 0
	for i, b := range p.Branches {
		if b == m {
			branch = i
		}
	}
	return append(ScopePath(p.Machine), scopeElem(p.Name, branch, p.Processor == m))
}

// Positions returns the top-left corners of every manually placed box, as
// the sidecar stores them.
func (d *Diagram) Positions() Positions {
	p := Positions{}
	for _, b := range d.Boxes {
		if b.Manual && b.Name != "" {
			p[b.Name] = Point{b.Rect.X, b.Rect.Y}
		}
	}
	return p
}

// updateSize sets Size to the bottom-right of all boxes and routes.
func (d *Diagram) updateSize() {
	var w, h float32
	for _, b := range d.Boxes {
		w, h = max(w, b.Rect.X+b.Rect.W), max(h, b.Rect.Y+b.Rect.H)
	}
	for _, r := range d.Routes {
		for _, p := range r.Points {
			w, h = max(w, p.X), max(h, p.Y)
		}
		if r.Edge.Label != "" {
			w = max(w, r.LabelAt.X+float32(utf8.RuneCountInString(r.Edge.Label)*labelCharW)/2)
		}
	}
	d.Size = Point{w + margin, h + margin}
}
