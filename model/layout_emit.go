package model

// emit appends the boxes and routes of s to d, with s's top-left corner at
// (ox, oy). parent is the container whose branch (or processor) s is.
func (s *scopeLayout) emit(d *Diagram, ox, oy float32, parent *Box, branch int) {
	scope := ""
	if parent != nil {
		scope = parent.Name
	}
	boxes := make(map[*vnode]*Box, len(s.nodes))
	for _, v := range s.nodes {
		b := &Box{Marker: v.marker, Scope: scope, Branch: branch, Rect: v.rect().translate(ox, oy), parent: parent}
		b.base = b.Rect
		boxes[v] = b
		d.Boxes = append(d.Boxes, b)
		if parent != nil {
			parent.children = append(parent.children, b)
		}
		if v.gn == nil {
			continue
		}
		b.Name = v.gn.Name
		if _, dup := d.byName[b.Name]; !dup {
			d.byName[b.Name] = b
		}
		if t := v.gn.State.Type; t == TypeParallel || t == TypeMap {
			b.Container, b.isMap = true, t == TypeMap
			s.emitChildren(d, v, b)
		}
	}
	for _, e := range s.edges {
		pts, label := s.points(e)
		for i := range pts {
			pts[i].X += ox
			pts[i].Y += oy
		}
		r := &Route{
			Edge: e.e, Scope: scope, Branch: branch, Points: pts, LabelAt: Point{label.X + ox, label.Y + oy},
			Back: e.back || e.self, src: boxes[e.from], dst: boxes[e.to],
			srcDX: e.srcDX, dstDX: e.dstDX, srcFY: e.srcFY, dstFY: e.dstFY,
		}
		d.Routes = append(d.Routes, r)
		r.src.routes = append(r.src.routes, r)
		if r.dst != r.src {
			r.dst.routes = append(r.dst.routes, r)
		}
	}
}

// emitChildren places the branches of container v (box b) side by side
// under its header, centred, and emits them.
func (s *scopeLayout) emitChildren(d *Diagram, v *vnode, b *Box) {
	var contentW float32
	for i, cs := range v.children {
		if i > 0 {
			contentW += branchGap
		}
		contentW += cs.w
	}
	firstBox, firstRoute := len(d.Boxes), len(d.Routes)
	x := b.Rect.X + (b.Rect.W-contentW)/2
	y := b.Rect.Y + containerHead
	h := b.Rect.H - containerHead - containerPad
	for i, cs := range v.children {
		b.Branches = append(b.Branches, Rect{x, y, cs.w, h}.inset(branchInset))
		cs.emit(d, x, y, b, i)
		x += cs.w + branchGap
	}
	b.baseBr = append([]Rect(nil), b.Branches...)
	b.subtree = append([]*Box(nil), d.Boxes[firstBox:]...)
	b.inRoutes = append([]*Route(nil), d.Routes[firstRoute:]...)
}
