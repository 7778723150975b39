package model

// applyPositions puts the states named in pos where they say, moving a
// container's contents with it, grows containers around what was placed
// inside them, and re-routes the edges of everything that moved.
func (d *Diagram) applyPositions(pos Positions) {
	for _, b := range d.Boxes { // containers come before their children
		if p, ok := pos[b.Name]; ok && b.Marker == MarkerNone && d.byName[b.Name] == b {
			b.translate(p.X-b.Rect.X, p.Y-b.Rect.Y)
			b.Manual = true
		}
	}
	for i := len(d.Boxes) - 1; i >= 0; i-- { // innermost containers first
		if b := d.Boxes[i]; b.Container {
			b.grow()
		}
	}
	for _, r := range d.Routes {
		if r.src.moved() || r.dst.moved() {
			r.reroute()
		}
	}
}

// moved reports whether b is not where the automatic layout put it.
func (b *Box) moved() bool { return b.Manual || b.Rect != b.base }

// MoveBox puts the state named name with its top-left corner at to, as a
// drag does, and updates only what that changes: the box (with everything
// inside it, for a container), the routes touching it, and the enclosing
// containers, which grow around it. It reports whether there is such a
// state. Layout with the same position gives the same result.
func (d *Diagram) MoveBox(name string, to Point) bool {
	b := d.byName[name]
	if b == nil {
		return false
	}
	b.translate(to.X-b.Rect.X, to.Y-b.Rect.Y)
	b.Manual = true
	for _, r := range b.routes {
		r.reroute()
	}
	for c := b.parent; c != nil; c = c.parent {
		old := c.Rect
		c.grow()
		if c.Rect == old {
			break
		}
		for _, r := range c.routes {
			r.reroute()
		}
	}
	d.updateSize()
	return true
}

// translate moves b and, for a container, everything inside it.
func (b *Box) translate(dx, dy float32) {
	if dx == 0 && dy == 0 {
		return
	}
	b.shift(dx, dy)
	for _, c := range b.subtree {
		c.shift(dx, dy)
	}
	for _, r := range b.inRoutes {
		for i := range r.Points {
			r.Points[i].X += dx
			r.Points[i].Y += dy
		}
		r.LabelAt.X += dx
		r.LabelAt.Y += dy
	}
}

func (b *Box) shift(dx, dy float32) {
	b.Rect, b.base = b.Rect.translate(dx, dy), b.base.translate(dx, dy)
	for i := range b.Branches {
		b.Branches[i] = b.Branches[i].translate(dx, dy)
		b.baseBr[i] = b.baseBr[i].translate(dx, dy)
	}
}

// grow sizes container b to its automatic rectangle enlarged around its
// children wherever they were placed.
func (b *Box) grow() {
	b.Rect = b.base
	copy(b.Branches, b.baseBr)
	for _, c := range b.children {
		if c.Branch < len(b.Branches) {
			b.Branches[c.Branch] = b.Branches[c.Branch].enclose(c.Rect.inset(branchInset))
			b.Rect = b.Rect.enclose(b.Branches[c.Branch].inset(containerPad - branchInset))
		} else {
			b.Rect = b.Rect.enclose(c.Rect.inset(containerPad))
		}
	}
}

// enclose returns r grown to hold o; r itself when o sticks out by less
// than rounding errors.
func (r Rect) enclose(o Rect) Rect {
	const tol = 0.01
	if o.X >= r.X-tol && o.Y >= r.Y-tol && o.X+o.W <= r.X+r.W+tol && o.Y+o.H <= r.Y+r.H+tol {
		return r
	}
	return r.union(o)
}
