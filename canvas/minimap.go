package canvas

import (
	"image/color"

	"fyne.io/fyne/v2"
	fcanvas "fyne.io/fyne/v2/canvas"

	"baton/model"
)

// Minimap geometry, in screen pixels.
const (
	minimapMax    = 160 // its longer side
	minimapMargin = 10
)

// minimap returns where the overview of the whole diagram is drawn (its
// top-left corner and size, widget coordinates) and its scale; ok is false
// when the diagram fits in view and there is no minimap.
func (g *Graph) minimap() (origin fyne.Position, size fyne.Size, scale float32, ok bool) {
	s := g.Size()
	if g.diagram == nil {
		return
	}
	d := g.diagram.Size
	if d.X <= 0 || d.Y <= 0 || d.X*g.zoom <= s.Width+1 && d.Y*g.zoom <= s.Height+1 {
		return
	}
	scale = minimapMax / max(d.X, d.Y)
	size = fyne.NewSize(d.X*scale, d.Y*scale)
	if size.Width+2*minimapMargin > s.Width/2 || size.Height+2*minimapMargin > s.Height/2 {
		return // no room for it
	}
	origin = fyne.NewPos(s.Width-size.Width-minimapMargin, s.Height-size.Height-minimapMargin)
	return origin, size, scale, true
}

// minimapAt reports whether pos is on the minimap and, if so, the
// diagram point it shows there.
func (g *Graph) minimapAt(pos fyne.Position) (model.Point, bool) {
	o, size, scale, ok := g.minimap()
	if !ok || pos.X < o.X || pos.Y < o.Y || pos.X > o.X+size.Width || pos.Y > o.Y+size.Height {
		return model.Point{}, false
	}
	return model.Point{X: (pos.X - o.X) / scale, Y: (pos.Y - o.Y) / scale}, true
}

// centreAt scrolls so diagram point p is in the middle of the widget.
func (g *Graph) centreAt(p model.Point) {
	c := g.centre()
	g.SetView(g.zoom, fyne.NewPos(c.X-p.X*g.zoom, c.Y-p.Y*g.zoom))
}

// minimapObjects are the minimap's canvas objects.
type minimapObjects struct {
	bg, view *fcanvas.Rectangle
	boxes    []*fcanvas.Rectangle
}

func (r *graphRenderer) updateMinimap(pal palette, objs []fyne.CanvasObject) []fyne.CanvasObject {
	g := r.g
	o, size, scale, ok := g.minimap()
	if !ok {
		return objs
	}
	m := &r.mini
	if m.bg == nil {
		m.bg = fcanvas.NewRectangle(color.Transparent)
		m.view = fcanvas.NewRectangle(color.Transparent)
	}
	bg := mix(pal.bg, pal.fg, 0.06)
	bg.A = 0xe8
	m.bg.FillColor, m.bg.StrokeColor, m.bg.StrokeWidth, m.bg.CornerRadius = bg, mix(pal.bg, pal.fg, 0.25), 1, 4
	m.bg.Move(o)
	m.bg.Resize(size)
	objs = append(objs, m.bg)
	n := 0
	for _, b := range g.diagram.Boxes {
		if b.Marker != model.MarkerNone {
			continue
		}
		if n == len(m.boxes) {
			m.boxes = append(m.boxes, fcanvas.NewRectangle(color.Transparent))
		}
		rect := m.boxes[n]
		n++
		typ := ""
		if s := g.stateOf(b); s != nil {
			typ = s.Type
		}
		accent := styleOf(typ).Accent
		if b.Container {
			rect.FillColor, rect.StrokeColor, rect.StrokeWidth = color.Transparent, accent, 1
		} else {
			rect.FillColor, rect.StrokeWidth = accent, 0
		}
		rect.Move(fyne.NewPos(o.X+b.Rect.X*scale, o.Y+b.Rect.Y*scale))
		rect.Resize(fyne.NewSize(max(1, b.Rect.W*scale), max(1, b.Rect.H*scale)))
		objs = append(objs, rect)
	}
	// The part of the diagram in view.
	tl := g.ToDiagram(fyne.NewPos(0, 0))
	br := g.ToDiagram(fyne.NewPos(g.Size().Width, g.Size().Height))
	x0, y0 := max(tl.X, 0), max(tl.Y, 0)
	x1, y1 := min(br.X, g.diagram.Size.X), min(br.Y, g.diagram.Size.Y)
	if x1 > x0 && y1 > y0 {
		m.view.FillColor, m.view.StrokeColor, m.view.StrokeWidth = color.Transparent, pal.primary, 1.5
		m.view.Move(fyne.NewPos(o.X+x0*scale, o.Y+y0*scale))
		m.view.Resize(fyne.NewSize((x1-x0)*scale, (y1-y0)*scale))
		objs = append(objs, m.view)
	}
	return objs
}
