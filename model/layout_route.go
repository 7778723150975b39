package model

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// jog is the horizontal run of a seg in the gap below its upper layer.
type jog struct {
	sg     *seg
	lo, hi float32
	right  bool
}

// route stacks the layers (each gap tall enough for the horizontal runs
// that cross it) and computes every edge's polyline, local to the scope.
func (s *scopeLayout) route() {
	n := len(s.layers)
	s.rowH = make([]float32, n)
	s.rowY = make([]float32, n)
	s.gapH = make([]float32, n)
	s.nTracks = make([]int, n)
	for l, layer := range s.layers {
		for _, v := range layer {
			if !v.dummy {
				s.rowH[l] = max(s.rowH[l], v.h)
			}
		}
	}
	var jogs []jog
	for l := 0; l+1 < n; l++ {
		jogs = jogs[:0]
		for _, v := range s.layers[l] {
			for _, sg := range v.down {
				x1, x2 := sg.up.x+sg.upDX, sg.down.x+sg.downDX
				if x1-x2 > 0.5 || x2-x1 > 0.5 {
					jogs = append(jogs, jog{sg: sg, lo: min(x1, x2), hi: max(x1, x2), right: x2 > x1})
				}
			}
		}
		s.nTracks[l] = assignTracks(jogs)
		s.gapH[l] = max(rankSep, float32(s.nTracks[l]+1)*trackSep)
	}
	for l := 1; l < n; l++ {
		s.rowY[l] = s.rowY[l-1] + s.rowH[l-1] + s.gapH[l-1]
	}
	for l, layer := range s.layers {
		for _, v := range layer {
			v.y = s.rowY[l] + (s.rowH[l]-v.h)/2
		}
	}
	s.h = max(s.rowY[n-1]+s.rowH[n-1], emptyScopeH)
}

// assignTracks gives each jog of a gap a track (0 = top) such that
// overlapping runs never share one, in the order that avoids needless
// crossings: of runs going right, the one starting further right is
// higher; of runs going left, the one starting further left. It returns
// the number of tracks.
func assignTracks(jogs []jog) int {
	slices.SortStableFunc(jogs, func(a, b jog) int {
		switch {
		case a.right != b.right:
			if a.right {
				return -1
			}
			return 1
		case a.right:
			return cmp.Compare(b.lo, a.lo)
		}
		return cmp.Compare(a.hi, b.hi)
	})
	tracks := 0
	for i := range jogs {
		t := 0
		for k := 0; k < i; k++ {
			if jogs[k].lo < jogs[i].hi && jogs[i].lo < jogs[k].hi && jogs[k].sg.track >= t {
				t = jogs[k].sg.track + 1
			}
		}
		jogs[i].sg.track = t
		tracks = max(tracks, t+1)
	}
	return tracks
}

// trackY is the height of track t in the gap below layer l.
func (s *scopeLayout) trackY(l, t int) float32 {
	top := s.rowY[l] + s.rowH[l]
	return top + s.gapH[l]*float32(t+1)/float32(s.nTracks[l]+1)
}

// points returns e's polyline and label position, local to the scope.
func (s *scopeLayout) points(e *sedge) ([]Point, Point) {
	u, v := e.from, e.to
	if e.self {
		pts := selfLoop(u.rect(), e.srcFY, e.dstFY)
		return pts, labelAt(pts, true, false, e.e.Label)
	}
	if !e.back {
		pts := make([]Point, 0, 2+2*len(e.chain))
		pts = append(pts, Point{u.x + e.srcDX, u.y + u.h})
		for _, sg := range e.chain {
			x1, x2 := sg.up.x+sg.upDX, sg.down.x+sg.downDX
			if x1-x2 > 0.5 || x2-x1 > 0.5 {
				ty := s.trackY(sg.up.layer, sg.track)
				pts = append(pts, Point{x1, ty}, Point{x2, ty})
			}
		}
		pts = append(pts, Point{pts[len(pts)-1].X, v.y})
		return pts, labelAt(pts, false, len(e.chain) == 1, e.e.Label)
	}
	// A back edge leaves u's right side, climbs the chain and enters v's.
	ys, yd := u.y+u.h*e.srcFY, v.y+v.h*e.dstFY
	pts := make([]Point, 0, 4+2*len(e.chain))
	pts = append(pts, Point{u.x + u.w/2, ys}, Point{u.x + sideDX(u, e.srcCol), ys})
	for i := len(e.chain) - 1; i >= 0; i-- {
		sg := e.chain[i]
		xl, xu := sg.down.x+sg.downDX, sg.up.x+sg.upDX
		if xl-xu > 0.5 || xu-xl > 0.5 {
			ty := s.trackY(sg.up.layer, sg.track)
			pts = append(pts, Point{xl, ty}, Point{xu, ty})
		}
	}
	pts = append(pts, Point{v.x + sideDX(v, e.dstCol), yd}, Point{v.x + v.w/2, yd})
	return pts, labelAt(pts, true, false, e.e.Label)
}

// rect is v's box, local to its scope.
func (v *vnode) rect() Rect { return Rect{v.x - v.w/2, v.y, v.w, v.h} }

// selfLoop is the loop of a state back to itself, right of its box.
func selfLoop(r Rect, fy1, fy2 float32) []Point {
	x, col := r.X+r.W, r.X+r.W+sideGap
	y1, y2 := r.Y+r.H*fy1, r.Y+r.H*fy2
	return []Point{{x, y1}, {col, y1}, {col, y2}, {x, y2}}
}

// labelCharW is the estimated width of a character of an edge label.
const labelCharW = 6

// labelAt is the centre of where a route's label goes. Up the side, it is
// right of the column: a self loop's beside its middle, a back edge's just
// above where it leaves its source. Otherwise it is on the first
// horizontal run, or, for an edge between adjacent layers (a Choice's
// fan-out), three quarters down, just above the target, where labels of
// neighbouring targets do not collide.
func labelAt(pts []Point, side, adjacent bool, label string) Point {
	n := len(pts)
	if side {
		p := mid(pts[1], pts[2])
		if n > 4 && pts[1].Y-pts[2].Y > 2*trackSep {
			p.Y = pts[1].Y - trackSep
		}
		p.X += 4 + float32(utf8.RuneCountInString(label)*labelCharW)/2
		return p
	}
	switch {
	case adjacent && n == 2:
		return Point{pts[0].X, pts[0].Y + (pts[1].Y-pts[0].Y)*3/4}
	case adjacent && n == 4 && pts[1].Y == pts[2].Y:
		return mid(pts[2], pts[3])
	}
	for i := 1; i < n; i++ {
		if pts[i].Y == pts[i-1].Y && pts[i].X != pts[i-1].X {
			return mid(pts[i-1], pts[i])
		}
	}
	return mid(pts[0], pts[1])
}

func mid(a, b Point) Point { return Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2} }

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// reroute draws r afresh between its boxes' current places, without the
// layers: after one of them was placed by hand. A target below the source
// is reached through the middle of the space between them; any other goes
// up the right side.
func (r *Route) reroute() {
	a, b := r.src.Rect, r.dst.Rect
	if r.src == r.dst {
		r.Points = selfLoop(a, r.srcFY, r.dstFY)
		r.LabelAt = labelAt(r.Points, true, false, r.Edge.Label)
		return
	}
	if y0, y1 := a.Y+a.H, b.Y; y1 >= y0+2*trackSep {
		sx, dx := a.X+a.W/2+r.srcDX, b.X+b.W/2+r.dstDX
		if abs32(sx-dx) <= 0.5 {
			r.Points = []Point{{sx, y0}, {sx, y1}}
		} else {
			my := (y0 + y1) / 2
			r.Points = []Point{{sx, y0}, {sx, my}, {dx, my}, {dx, y1}}
		}
		r.LabelAt = labelAt(r.Points, false, true, r.Edge.Label)
		return
	}
	ys, yd := a.Y+a.H*r.srcFY, b.Y+b.H*r.dstFY
	col := max(a.X+a.W, b.X+b.W) + sideGap
	r.Points = []Point{{a.X + a.W, ys}, {col, ys}, {col, yd}, {b.X + b.W, yd}}
	r.LabelAt = labelAt(r.Points, true, false, r.Edge.Label)
}
