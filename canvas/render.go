package canvas

import (
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	fcanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"baton/model"
)

// Text sizes and box geometry at zoom 1, in logical pixels.
const (
	nameSize     = 13
	subSize      = 11
	labelSize    = 11
	iconSize     = 20
	boxPad       = 10
	boxCharW     = 7   // average width of a name character at nameSize
	minTextZoom  = 0.4 // below this, boxes are drawn without text
	cornerRadius = 8
)

// palette is the colours of one refresh, from the widget's theme.
type palette struct {
	bg, fg, muted, line, catch, primary, errc, success, labelBg, warn color.Color
}

func (g *Graph) palette() palette {
	return paletteFor(g.Theme(), fyne.CurrentApp().Settings().ThemeVariant())
}

// paletteFor derives the diagram's colours from a theme.
func paletteFor(th fyne.Theme, v fyne.ThemeVariant) palette {
	p := palette{
		bg:      th.Color(theme.ColorNameBackground, v),
		fg:      th.Color(theme.ColorNameForeground, v),
		muted:   th.Color(theme.ColorNamePlaceHolder, v),
		primary: th.Color(theme.ColorNamePrimary, v),
		errc:    th.Color(theme.ColorNameError, v),
		success: th.Color(theme.ColorNameSuccess, v),
		warn:    th.Color(theme.ColorNameWarning, v),
	}
	p.line = mix(p.fg, p.bg, 0.45)
	p.catch = mix(p.errc, p.bg, 0.2)
	p.labelBg = p.bg
	return p
}

// boxObjects are the canvas objects of one box.
type boxObjects struct {
	frame, bar  *fcanvas.Rectangle
	icon        *fcanvas.Image
	iconType    string
	name, sub   *fcanvas.Text
	ring, inner *fcanvas.Circle // markers
	dot         *fcanvas.Circle // breakpoint
	branches    []*fcanvas.Rectangle
	// badge and count show how many times a run entered the state.
	badge *fcanvas.Rectangle
	count *fcanvas.Text
}

// routeObjects are the canvas objects of one arrow.
type routeObjects struct {
	segs    []*fcanvas.Line
	arrow   *fcanvas.ArbitraryPolygon
	labelBg *fcanvas.Rectangle
	label   *fcanvas.Text
}

type graphRenderer struct {
	g       *Graph
	bg      *fcanvas.Rectangle
	boxes   []*boxObjects
	routes  []*routeObjects
	handles []*fcanvas.Circle
	preview *fcanvas.Line
	tip     *fcanvas.Circle
	mini    minimapObjects
	objects []fyne.CanvasObject
}

func newGraphRenderer(g *Graph) *graphRenderer {
	r := &graphRenderer{
		g:       g,
		bg:      fcanvas.NewRectangle(color.Transparent),
		preview: fcanvas.NewLine(color.Transparent),
		tip:     fcanvas.NewCircle(color.Transparent),
	}
	r.Refresh()
	return r
}

func (r *graphRenderer) Destroy() {}

func (r *graphRenderer) MinSize() fyne.Size { return r.g.MinSize() }

func (r *graphRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *graphRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.update()
}

func (r *graphRenderer) Refresh() {
	r.update()
	fcanvas.Refresh(r.bg)
}

// update derives every object from the widget's diagram and view.
func (r *graphRenderer) update() {
	g := r.g
	if g.autoFit {
		g.fit()
	}
	pal := g.palette()
	r.bg.FillColor = pal.bg
	r.bg.Resize(g.Size())
	d := g.diagram
	var boxes []*model.Box
	var routes []*model.Route
	if d != nil {
		boxes, routes = d.Boxes, d.Routes
	}
	for len(r.boxes) < len(boxes) {
		r.boxes = append(r.boxes, &boxObjects{})
	}
	for len(r.routes) < len(routes) {
		r.routes = append(r.routes, &routeObjects{})
	}
	objs := append(r.objects[:0], fyne.CanvasObject(r.bg))
	for i, b := range boxes {
		if b.Container {
			objs = r.updateBox(r.boxes[i], b, pal, objs)
		}
	}
	for i, rt := range routes {
		objs = r.updateRoute(r.routes[i], rt, pal, objs)
	}
	for i, rt := range routes {
		objs = r.updateLabel(r.routes[i], rt, pal, objs)
	}
	for i, b := range boxes {
		if !b.Container {
			objs = r.updateBox(r.boxes[i], b, pal, objs)
		}
	}
	objs = r.updateHandles(boxes, pal, objs)
	objs = r.updateMinimap(pal, objs)
	r.objects = objs
}

func (r *graphRenderer) updateBox(o *boxObjects, b *model.Box, pal palette, objs []fyne.CanvasObject) []fyne.CanvasObject {
	g := r.g
	z := g.zoom
	pos := g.ToWidget(model.Point{X: b.Rect.X, Y: b.Rect.Y})
	size := fyne.NewSize(b.Rect.W*z, b.Rect.H*z)
	if b.Marker != model.MarkerNone {
		return r.updateMarker(o, b, pos, size, pal, objs)
	}
	s := g.stateOf(b)
	typ := ""
	if s != nil {
		typ = s.Type
	}
	st := styleOf(typ)
	if o.frame == nil {
		o.frame = fcanvas.NewRectangle(color.Transparent)
		o.bar = fcanvas.NewRectangle(color.Transparent)
		o.name = fcanvas.NewText("", pal.fg)
		o.name.TextStyle.Bold = true
		o.sub = fcanvas.NewText("", pal.muted)
		o.dot = fcanvas.NewCircle(color.Transparent)
	}
	fill, stroke, width := boxLook(pal, st, b, &g.Run, g.isSelected(b.Name))
	o.frame.FillColor, o.frame.StrokeColor, o.frame.StrokeWidth = fill, stroke, width
	o.frame.CornerRadius = cornerRadius * z
	o.frame.Move(pos)
	o.frame.Resize(size)
	objs = append(objs, o.frame)

	// Branch areas of a container.
	for len(o.branches) < len(b.Branches) {
		o.branches = append(o.branches, fcanvas.NewRectangle(color.Transparent))
	}
	for i, br := range b.Branches {
		rect := o.branches[i]
		rect.FillColor, rect.StrokeColor = branchLook(pal, st)
		rect.StrokeWidth = 1
		rect.CornerRadius = cornerRadius * z * 0.75
		rect.Move(g.ToWidget(model.Point{X: br.X, Y: br.Y}))
		rect.Resize(fyne.NewSize(br.W*z, br.H*z))
		objs = append(objs, rect)
	}

	// The accent bar on the left of a state's box.
	if !b.Container {
		o.bar.FillColor = st.Accent
		o.bar.TopLeftCornerRadius, o.bar.BottomLeftCornerRadius = cornerRadius*z, cornerRadius*z
		o.bar.Move(pos)
		o.bar.Resize(fyne.NewSize(4*z, size.Height))
		objs = append(objs, o.bar)
	}

	if z >= minTextZoom {
		head := size.Height
		if b.Container {
			head = 36 * z
		}
		if o.icon == nil || o.iconType != typ {
			o.icon = fcanvas.NewImageFromResource(iconResource(typ))
			o.icon.FillMode = fcanvas.ImageFillContain
			o.iconType = typ
		}
		ic := iconSize * z
		o.icon.Move(fyne.NewPos(pos.X+boxPad*z, pos.Y+(head-ic)/2))
		o.icon.Resize(fyne.NewSize(ic, ic))
		objs = append(objs, o.icon)

		textX := pos.X + (boxPad+iconSize+8)*z
		chars := int((b.Rect.W - boxPad*2 - iconSize - 8) / boxCharW)
		setText(o.name, elide(b.Name, chars), nameSize*z, pal.fg)
		setText(o.sub, elide(Subtitle(s), int(float32(chars)*nameSize/subSize)), subSize*z, pal.muted)
		lineH := (nameSize + subSize + 6) * z
		top := pos.Y + (head-lineH)/2
		o.name.Move(fyne.NewPos(textX, top))
		o.sub.Move(fyne.NewPos(textX, top+(nameSize+4)*z))
		objs = append(objs, o.name, o.sub)
	}

	if n := g.Run.Counts[b.Name]; n > 0 && z >= minTextZoom {
		objs = r.updateCount(o, n, pos, size, pal, objs)
	}
	if bp := g.Run.Breakpoints[b.Name]; bp || g.hoverGutter == b.Name {
		rad := 5 * z
		o.dot.FillColor = pal.errc
		if !bp {
			o.dot.FillColor = mix(pal.bg, pal.errc, 0.4)
		}
		o.dot.StrokeColor = pal.bg
		o.dot.StrokeWidth = 1.5
		o.dot.Move(fyne.NewPos(pos.X-rad, pos.Y-rad))
		o.dot.Resize(fyne.NewSize(2*rad+2, 2*rad+2))
		objs = append(objs, o.dot)
	}
	return objs
}

// updateCount draws a state's visit count in a badge on the top right
// corner of its box, clear of the name.
func (r *graphRenderer) updateCount(o *boxObjects, n int, pos fyne.Position, size fyne.Size, pal palette, objs []fyne.CanvasObject) []fyne.CanvasObject {
	z := r.g.zoom
	if o.badge == nil {
		o.badge = fcanvas.NewRectangle(color.Transparent)
		o.count = fcanvas.NewText("", pal.fg)
	}
	setText(o.count, "×"+strconv.Itoa(n), subSize*z, pal.fg)
	ts := o.count.MinSize()
	pad := 4 * z
	w, h := ts.Width+2*pad, ts.Height
	at := fyne.NewPos(pos.X+size.Width-w+pad, pos.Y-h/2)
	o.badge.FillColor, o.badge.StrokeColor, o.badge.StrokeWidth = pal.bg, pal.line, 1
	o.badge.CornerRadius = h / 2
	o.badge.Move(at)
	o.badge.Resize(fyne.NewSize(w, h))
	o.count.Move(at.Add(fyne.NewDelta(pad, 0)))
	return append(objs, o.badge, o.count)
}

// boxLook is the fill, stroke colour and stroke width of a box, given the
// run overlays and whether it is selected.
func boxLook(pal palette, st typeStyle, b *model.Box, run *RunState, selected bool) (fill, stroke color.Color, width float32) {
	fill, stroke, width = mix(pal.bg, st.Accent, 0.12), mix(pal.bg, st.Accent, 0.6), 1.2
	if b.Container {
		fill, stroke = mix(pal.bg, st.Accent, 0.05), mix(pal.bg, st.Accent, 0.45)
	}
	switch {
	case run.Failed[b.Name]:
		fill, stroke, width = mix(pal.bg, pal.errc, 0.18), pal.errc, 2.5
	case run.Current == b.Name:
		fill, stroke, width = mix(pal.bg, pal.primary, 0.25), pal.primary, 3
	case run.Caught[b.Name]:
		fill, stroke, width = mix(pal.bg, pal.warn, 0.2), pal.warn, 2.5
	case run.Running[b.Name]:
		fill, stroke, width = mix(pal.bg, pal.primary, 0.12), pal.primary, 2
	case run.Retried[b.Name]:
		fill, stroke, width = mix(pal.bg, pal.success, 0.2), pal.warn, 2.5
	case run.Visited[b.Name]:
		fill = mix(pal.bg, pal.success, 0.2)
	}
	if selected {
		stroke, width = pal.primary, max(width, 2.5)
	}
	return fill, stroke, width
}

// branchLook is the fill and stroke of a container's branch area.
func branchLook(pal palette, st typeStyle) (fill, stroke color.Color) {
	return mix(pal.bg, pal.fg, 0.025), mix(pal.bg, st.Accent, 0.3)
}

// setText updates a text object, refreshing it only when it changed (its
// rendering is cached by the painter).
func setText(t *fcanvas.Text, s string, size float32, c color.Color) {
	if t.Text == s && t.TextSize == size && t.Color == c {
		return
	}
	t.Text, t.TextSize, t.Color = s, size, c
	t.Refresh()
}

func (r *graphRenderer) updateMarker(o *boxObjects, b *model.Box, pos fyne.Position, size fyne.Size, pal palette, objs []fyne.CanvasObject) []fyne.CanvasObject {
	if o.ring == nil {
		o.ring = fcanvas.NewCircle(color.Transparent)
		o.inner = fcanvas.NewCircle(color.Transparent)
	}
	o.ring.Move(pos)
	o.ring.Resize(size)
	if b.Marker == model.MarkerStart {
		o.ring.FillColor, o.ring.StrokeColor, o.ring.StrokeWidth = pal.line, pal.line, 0
		return append(objs, o.ring)
	}
	o.ring.FillColor, o.ring.StrokeColor, o.ring.StrokeWidth = pal.bg, pal.line, 2
	in := size.Width * 0.3
	o.inner.FillColor = pal.line
	o.inner.Move(pos.Add(fyne.NewDelta(in, in)))
	o.inner.Resize(fyne.NewSize(size.Width-2*in, size.Height-2*in))
	return append(objs, o.ring, o.inner)
}

// routeColor is the colour and width of an arrow.
func (r *graphRenderer) routeColor(rt *model.Route, pal palette) (color.Color, float32) {
	w := max(1, 1.5*r.g.zoom)
	switch {
	case rt == r.g.dropHint:
		return pal.primary, 3
	case rt.Edge.Kind == model.EdgeCatch:
		return pal.catch, w
	case r.g.isSelected(rt.Edge.From):
		return mix(pal.primary, pal.bg, 0.2), w + 0.5
	}
	return pal.line, w
}

func (r *graphRenderer) updateRoute(o *routeObjects, rt *model.Route, pal palette, objs []fyne.CanvasObject) []fyne.CanvasObject {
	g := r.g
	c, w := r.routeColor(rt, pal)
	n := len(rt.Points) - 1
	for len(o.segs) < n {
		o.segs = append(o.segs, fcanvas.NewLine(color.Transparent))
	}
	for i := 0; i < n; i++ {
		l := o.segs[i]
		l.StrokeColor, l.StrokeWidth = c, w
		l.Position1 = g.ToWidget(rt.Points[i])
		l.Position2 = g.ToWidget(rt.Points[i+1])
		objs = append(objs, l)
	}
	if n < 1 || rt.Edge.Kind == model.EdgeStart && rt.Edge.To == "" {
		return objs
	}
	pts := arrowHead(g.ToWidget(rt.Points[n-1]), g.ToWidget(rt.Points[n]), max(5, 8*g.zoom))
	if pts == nil {
		return objs
	}
	minX, minY := min(pts[0].X, pts[1].X, pts[2].X), min(pts[0].Y, pts[1].Y, pts[2].Y)
	maxX, maxY := max(pts[0].X, pts[1].X, pts[2].X), max(pts[0].Y, pts[1].Y, pts[2].Y)
	if o.arrow == nil {
		o.arrow = fcanvas.NewArbitraryPolygon(make([]fyne.Position, 3), c)
	}
	for i, p := range pts {
		o.arrow.Points[i] = fyne.NewPos(p.X-minX, p.Y-minY)
	}
	o.arrow.FillColor = c
	o.arrow.Move(fyne.NewPos(minX, minY))
	o.arrow.Resize(fyne.NewSize(maxX-minX, maxY-minY))
	return append(objs, o.arrow)
}

// arrowHead returns the corners of an arrowhead of the given length at
// tip, pointing from from; nil when the two points coincide.
func arrowHead(from, tip fyne.Position, size float32) []fyne.Position {
	dx, dy := tip.X-from.X, tip.Y-from.Y
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 {
		return nil
	}
	dx, dy = dx/l, dy/l
	bx, by := tip.X-dx*size, tip.Y-dy*size
	half := size * 0.55
	// Clockwise on screen (y grows downwards), as ArbitraryPolygon wants.
	return []fyne.Position{tip, {X: bx - dy*half, Y: by + dx*half}, {X: bx + dy*half, Y: by - dx*half}}
}

func (r *graphRenderer) updateLabel(o *routeObjects, rt *model.Route, pal palette, objs []fyne.CanvasObject) []fyne.CanvasObject {
	g := r.g
	if rt.Edge.Label == "" || g.zoom < minTextZoom {
		return objs
	}
	if o.label == nil {
		o.label = fcanvas.NewText("", pal.fg)
		o.labelBg = fcanvas.NewRectangle(color.Transparent)
	}
	c, _ := r.routeColor(rt, pal)
	if c == pal.line {
		c = mix(pal.fg, pal.bg, 0.25)
	}
	setText(o.label, rt.Edge.Label, labelSize*g.zoom, c)
	ts := o.label.MinSize()
	at := g.ToWidget(rt.LabelAt)
	pad := 3 * g.zoom
	o.labelBg.FillColor = pal.labelBg
	o.labelBg.StrokeColor = mix(pal.bg, c, 0.3)
	o.labelBg.StrokeWidth = 1
	o.labelBg.CornerRadius = 4 * g.zoom
	o.labelBg.Move(fyne.NewPos(at.X-ts.Width/2-pad, at.Y-ts.Height/2-pad/2))
	o.labelBg.Resize(fyne.NewSize(ts.Width+2*pad, ts.Height+pad))
	o.label.Move(fyne.NewPos(at.X-ts.Width/2, at.Y-ts.Height/2))
	return append(objs, o.labelBg, o.label)
}

// updateHandles draws the connection handles of the hovered or selected
// state, and the arrow being dragged from one.
func (r *graphRenderer) updateHandles(boxes []*model.Box, pal palette, objs []fyne.CanvasObject) []fyne.CanvasObject {
	g := r.g
	n := 0
	for _, b := range boxes {
		if !g.showsHandles(b.Name) {
			continue
		}
		for _, h := range g.handlesOf(b) {
			if n == len(r.handles) {
				r.handles = append(r.handles, fcanvas.NewCircle(color.Transparent))
			}
			c := r.handles[n]
			n++
			c.FillColor = pal.bg
			c.StrokeColor = pal.primary
			if h.kind == model.EdgeCatch {
				c.StrokeColor = pal.catch
			}
			c.StrokeWidth = 2
			c.Move(h.at.Subtract(fyne.NewDelta(handleRadius, handleRadius)))
			c.Resize(fyne.NewSize(2*handleRadius, 2*handleRadius))
			objs = append(objs, c)
		}
	}
	if gs := g.gesture; gs != nil && gs.kind == gestureConnect {
		r.preview.StrokeColor, r.preview.StrokeWidth = pal.primary, 2
		r.preview.Position1, r.preview.Position2 = gs.start, gs.at
		r.tip.FillColor = pal.primary
		r.tip.Move(gs.at.Subtract(fyne.NewDelta(4, 4)))
		r.tip.Resize(fyne.NewSize(8, 8))
		objs = append(objs, r.preview, r.tip)
	}
	return objs
}
