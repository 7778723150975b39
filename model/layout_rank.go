package model

import "math"

// This file turns one scope of a Graph into layered nodes: cycle removal,
// layering and the dummy nodes of long edges. The layers are then ordered
// (layout_order.go), placed (layout_place.go) and routed (layout_route.go).

// vnode is a node of a scope's layered graph: a state, a marker, or a dummy
// that carries a long edge through a layer.
type vnode struct {
	gn     *GraphNode // nil for markers and dummies
	marker int
	dummy  bool
	w, h   float32
	// margin is room kept right of the box for the columns of back edges.
	margin float32
	layer  int
	pos    int     // index within the layer
	x      float32 // centre, local to the scope
	y      float32 // top, local to the scope
	key    float64 // initial order within the layer

	out, in   []*sedge // scope edges (real nodes only)
	ups, down []*seg   // links to the adjacent layers
	visit     int8
	order     int

	children []*scopeLayout // a container's branches or processor
}

// sedge is one Edge of a scope between two of its vnodes.
type sedge struct {
	e        *Edge
	from, to *vnode
	back     bool // closes a loop: drawn upward on the right side
	self     bool
	chain    []*seg // top to bottom
	// srcDX and dstDX are the ports: offsets from the centres of the
	// source's bottom and the target's top (forward edges); srcCol and
	// dstCol are the side columns (back edges and self loops).
	srcDX, dstDX   float32
	srcCol, dstCol int
	srcFY, dstFY   float32
}

// seg links two vnodes of adjacent layers: one step of an edge.
type seg struct {
	up, down       *vnode
	upDX, downDX   float32 // where the edge attaches, from the centres
	upOff, downOff float64 // the same for ordering, in fractions of a slot
	w              float64 // placement weight: long edges pull harder
	e              *sedge
	track          int
}

// scopeLayout is the layout of one scope, in coordinates local to it.
type scopeLayout struct {
	g          *Graph
	nodes      []*vnode // start marker, states in source order, end marker
	byName     map[string]*vnode
	edges      []*sedge
	layers     [][]*vnode
	rowY, rowH []float32
	gapH       []float32
	nTracks    []int
	w, h       float32
	isMap      bool
}

func newMarker(kind int) *vnode {
	return &vnode{marker: kind, w: markerSize, h: markerSize}
}

// layoutScope lays out g and, first, every scope nested in it.
func layoutScope(g *Graph) *scopeLayout {
	s := &scopeLayout{g: g, byName: make(map[string]*vnode, len(g.Nodes))}
	start := newMarker(MarkerStart)
	s.nodes = append(s.nodes, start)
	for _, gn := range g.Nodes {
		v := &vnode{gn: gn, w: boxWidth(gn.Name), h: stateH}
		if t := gn.State.Type; t == TypeParallel || t == TypeMap {
			v.sizeContainer(gn)
		}
		s.nodes = append(s.nodes, v)
		if _, dup := s.byName[gn.Name]; !dup {
			s.byName[gn.Name] = v
		}
	}
	var end *vnode
	for _, e := range g.Edges {
		from, to := start, end
		if e.From != "" {
			from = s.byName[e.From]
		}
		if e.Kind == EdgeEnd {
			if end == nil {
				end = newMarker(MarkerEnd)
			}
			to = end
		} else {
			to = s.byName[e.To]
		}
		if from == nil || to == nil {
			continue
		}
		se := &sedge{e: e, from: from, to: to, self: from == to, srcFY: 0.5, dstFY: 0.5}
		from.out = append(from.out, se)
		to.in = append(to.in, se)
		s.edges = append(s.edges, se)
	}
	if end != nil {
		s.nodes = append(s.nodes, end)
	}
	s.rank()
	s.addDummies()
	s.order()
	s.place()
	s.route()
	return s
}

// sizeContainer lays out the scopes of a Parallel or Map and sizes v
// around them, side by side.
func (v *vnode) sizeContainer(gn *GraphNode) {
	var w, h float32
	for i, c := range gn.Children {
		cs := layoutScope(c)
		cs.isMap = gn.State.Type == TypeMap
		if i > 0 {
			w += branchGap
		}
		w += cs.w
		h = max(h, cs.h)
		v.children = append(v.children, cs)
	}
	if len(gn.Children) == 0 {
		h = emptyScopeH
	}
	v.w = even(max(v.w, w+2*containerPad))
	v.h = containerHead + h + containerPad
}

// rank breaks cycles and assigns layers: longest path from the start,
// then nodes with more outgoing than incoming edges are pulled down next
// to their successors, and the end marker goes alone at the bottom.
func (s *scopeLayout) rank() {
	post := make([]*vnode, 0, len(s.nodes))
	n := 0
	var visit func(v *vnode)
	visit = func(v *vnode) {
		v.visit = 1
		v.order = n
		n++
		for _, e := range v.out {
			switch {
			case e.self:
			case e.to.visit == 1:
				e.back = true
			case e.to.visit == 0:
				visit(e.to)
			}
		}
		v.visit = 2
		post = append(post, v)
	}
	for _, v := range s.nodes {
		if v.visit == 0 && v.marker != MarkerEnd {
			visit(v)
		}
	}
	var end *vnode
	for _, v := range s.nodes {
		if v.visit == 0 { // an end marker no edge reaches
			visit(v)
		}
		if v.marker == MarkerEnd {
			end = v
		}
		if v.marker != MarkerStart {
			v.layer = 1
		}
	}
	for i := len(post) - 1; i >= 0; i-- {
		v := post[i]
		for _, e := range v.out {
			if !e.back && !e.self && e.to.layer < v.layer+1 {
				e.to.layer = v.layer + 1
			}
		}
	}
	for _, v := range post {
		if v.marker != MarkerNone {
			continue
		}
		fin, fout, minSucc := 0, 0, -1
		for _, e := range v.in {
			if !e.back && !e.self {
				fin++
			}
		}
		for _, e := range v.out {
			if !e.back && !e.self && e.to.marker != MarkerEnd {
				fout++
				if minSucc < 0 || e.to.layer < minSucc {
					minSucc = e.to.layer
				}
			}
		}
		if fout > fin && minSucc-1 > v.layer {
			v.layer = minSucc - 1
		}
	}
	maxLayer := 0
	for _, v := range s.nodes {
		if v != end {
			maxLayer = max(maxLayer, v.layer)
		}
	}
	if end != nil {
		end.layer = maxLayer + 1
		maxLayer++
	}
	s.layers = make([][]*vnode, maxLayer+1)
	for _, v := range s.nodes {
		s.layers[v.layer] = append(s.layers[v.layer], v)
		v.key = float64(v.order)
	}
}

// addDummies links the layers. Each back edge gets a chain of segs with a
// dummy per layer it crosses, up the right of its ends. Forward edges
// between adjacent layers get one seg; longer ones into the same target
// share one chain of dummies, a trunk, which each joins just below its
// source: a handler that many states catch to is fed by one line, not by
// a bundle of parallel ones. It also chooses the ports and side slots.
func (s *scopeLayout) addDummies() {
	for _, v := range s.nodes {
		s.assignPorts(v)
	}
	// trunkTop[t] is the first layer of t's trunk: just below the highest
	// source of a long edge into t.
	trunkTop := map[*vnode]int{}
	nDummies, nSegs := 0, 0
	for _, e := range s.edges {
		switch span := e.to.layer - e.from.layer; {
		case e.self:
		case e.back:
			nDummies += -span - 1
			nSegs += -span
		case span == 1:
			nSegs++
		default:
			nSegs++ // the join
			if top, ok := trunkTop[e.to]; !ok || e.from.layer+1 < top {
				trunkTop[e.to] = e.from.layer + 1
			}
		}
	}
	for t, top := range trunkTop {
		nDummies += t.layer - top
		nSegs += t.layer - top
	}
	a := &linkAlloc{dummies: make([]vnode, nDummies), segs: make([]seg, nSegs), links: make([]*seg, 2*nDummies)}
	trunks := make(map[*vnode][]*seg, len(trunkTop))
	for idx, e := range s.edges {
		frac := float64(idx+1) / float64(len(s.edges)+2)
		key := float64(e.from.order) + frac
		switch span := e.to.layer - e.from.layer; {
		case e.self:
		case e.back:
			// Up the right: from the target's side down to the source's.
			top, bottom := e.to, e.from
			e.chain = s.chain(a, top, bottom, sideDX(top, e.dstCol), sideDX(bottom, e.srcCol), 0.45, 0.45, 0.1, key, e)
		case span == 1:
			e.chain = s.chain(a, e.from, e.to, e.srcDX, 0, portOff(e.from, e), 0, 1, key, e)
		default:
			top := trunkTop[e.to]
			trunk := trunks[e.to]
			if trunk == nil {
				head := a.dummy(top, key)
				s.layers[top] = append(s.layers[top], head)
				trunk = s.chain(a, head, e.to, 0, 0, 0, 0, 1, key, e) // trunk[i].up is in layer top+i
				trunks[e.to] = trunk
			}
			rest := trunk[e.from.layer+1-top:]
			join := a.link(e.from, rest[0].up, e.srcDX, 0, portOff(e.from, e), 0, 1, e)
			e.chain = append([]*seg{join}, rest...)
		}
	}
}

// linkAlloc hands out dummies and segs from slabs: a large definition
// has thousands.
type linkAlloc struct {
	dummies []vnode
	segs    []seg
	links   []*seg
}

// dummy returns a new dummy in layer l.
func (a *linkAlloc) dummy(l int, key float64) *vnode {
	d := &a.dummies[0]
	a.dummies = a.dummies[1:]
	*d = vnode{dummy: true, layer: l, key: key, ups: a.links[0:0:1], down: a.links[1:1:2]}
	a.links = a.links[2:]
	return d
}

// link returns a new seg from up to down in the next layer. Long edges run
// straight between their ends, but bend rather than push the boxes they
// leave and enter out of line.
func (a *linkAlloc) link(up, down *vnode, upDX, downDX float32, upOff, downOff, w float64, e *sedge) *seg {
	switch {
	case up.dummy && down.dummy:
		w *= 8
	case up.dummy || down.dummy:
		w *= 0.002
	}
	sg := &a.segs[0]
	a.segs = a.segs[1:]
	*sg = seg{up: up, down: down, upDX: upDX, downDX: downDX, upOff: upOff, downOff: downOff, w: w, e: e}
	up.down = append(up.down, sg)
	down.ups = append(down.ups, sg)
	return sg
}

// chain links top down to bottom through a new dummy in each layer
// between them, and returns the segs, top first.
func (s *scopeLayout) chain(a *linkAlloc, top, bottom *vnode, topDX, bottomDX float32, topOff, bottomOff, w, key float64, e *sedge) []*seg {
	segs := make([]*seg, 0, bottom.layer-top.layer)
	prev, dx, off := top, topDX, topOff
	for l := top.layer + 1; l < bottom.layer; l++ {
		d := a.dummy(l, key)
		s.layers[l] = append(s.layers[l], d)
		segs = append(segs, a.link(prev, d, dx, 0, off, 0, w, e))
		prev, dx, off = d, 0, 0
	}
	return append(segs, a.link(prev, bottom, dx, bottomDX, off, bottomOff, w, e))
}

// assignPorts spreads v's forward out-edges along its bottom in edge order
// (rules, Default, Next, catchers), and lays out the side slots of its
// back edges and self loops.
func (s *scopeLayout) assignPorts(v *vnode) {
	var fwd []*sedge
	var exits, entries, loops []*sedge
	for _, e := range v.out {
		switch {
		case e.self:
			loops = append(loops, e)
		case e.back:
			exits = append(exits, e)
		default:
			fwd = append(fwd, e)
		}
	}
	for _, e := range v.in {
		if e.back {
			entries = append(entries, e)
		}
	}
	setOutPorts(v, fwd)
	nSlots := len(exits) + len(entries) + 2*len(loops)
	slot := 0
	fy := func() float32 {
		slot++
		return float32(slot) / float32(nSlots+1)
	}
	// Exits go up: the top one takes the inner column. Entries come from
	// below: the bottom one takes the inner column. So none cross.
	for i, e := range exits {
		e.srcCol, e.srcFY = i, fy()
	}
	for i, e := range entries {
		e.dstCol, e.dstFY = len(entries)-1-i, fy()
	}
	for _, e := range loops {
		e.srcCol, e.dstCol = 0, 0
		e.srcFY = fy()
		e.dstFY = fy()
	}
	if cols := max(len(exits), len(entries), min(len(loops), 1)); cols > 0 {
		v.margin = sideFirst + float32(cols-1)*sideGap
	}
}

// portDX is the offset from v's centre of port i of n on its top or bottom.
func portDX(v *vnode, i, n int) float32 {
	if n <= 1 || v.marker != MarkerNone {
		return 0
	}
	sep := min(float32(portSep), (v.w-2*portSep)/float32(n-1))
	return float32(math.Round(float64((float32(i) - float32(n-1)/2) * sep)))
}

// setOutPorts places the ports of v's forward out-edges on its bottom. A
// state's main flow (its Next, or its End) leaves from the middle, so a run
// of states hangs straight, and its catchers leave right of it; a Choice's
// rules and Default are spread evenly, in order.
func setOutPorts(v *vnode, fwd []*sedge) {
	main := -1
	for i, e := range fwd {
		if k := e.e.Kind; k == EdgeNext || k == EdgeEnd {
			main = i
			break
		}
	}
	if main < 0 || v.marker != MarkerNone || len(fwd) < 2 {
		for i, e := range fwd {
			e.srcDX = portDX(v, i, len(fwd))
		}
		return
	}
	sep := min(float32(portSep), (v.w/2-portSep)/float32(len(fwd)-1))
	k := 0
	for i, e := range fwd {
		if i == main {
			continue
		}
		k++
		e.srcDX = float32(math.Round(float64(float32(k) * sep)))
	}
}

// portOff is where e leaves v, as a fraction of v's width, for ordering.
func portOff(v *vnode, e *sedge) float64 {
	if v.marker != MarkerNone {
		return 0
	}
	return float64(e.srcDX / v.w)
}

// sideFirst is the distance of the first side column from a box: as far as
// a dummy keeps from a box, so a loop climbs past boxes of equal width
// without bends.
const sideFirst = (nodeSep + edgeSep) / 2

// sideDX is the offset from v's centre of its side column col.
func sideDX(v *vnode, col int) float32 { return v.w/2 + sideFirst + float32(col)*sideGap }
