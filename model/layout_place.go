package model

import (
	"cmp"
	"math"
	"slices"
)

// Directions of a placement pass.
const (
	passDown = iota
	passUp
)

// placePasses are the placement passes: alternate sweeps, ending top
// down so that chains hang straight from where they start.
var placePasses = [...]int{passDown, passUp, passDown, passUp, passDown}

// placer holds scratch buffers for one scope's placement.
type placer struct {
	d, wt, sep, x []float64
	blocks        []pavBlock
}

type pavBlock struct {
	start  int
	sw, st float64 // sum of weights, of weight × target
}

// place assigns x to every node: each layer in turn is pulled towards the
// ports of its neighbours, keeping the order and the spacing, by weighted
// isotonic regression (pool adjacent violators). Long edges pull harder,
// so they run straight.
func (s *scopeLayout) place() {
	s.assignInPorts()
	for _, l := range s.layers {
		var x float32
		for i, v := range l {
			if i > 0 {
				x += l[i-1].w/2 + l[i-1].margin + gap(l[i-1], v) + v.w/2
			}
			v.x = x
		}
		for _, v := range l { // centre the layer on 0
			v.x -= x / 2
		}
	}
	p := &placer{}
	for _, dir := range placePasses {
		if dir == passUp {
			for l := len(s.layers) - 1; l >= 0; l-- {
				p.placeLayer(s.layers[l], dir)
			}
			continue
		}
		for _, l := range s.layers {
			p.placeLayer(l, dir)
		}
	}
	var lo, hi float32
	for i, v := range s.allNodes() {
		l, r := v.x-v.w/2, v.x+v.w/2+v.margin
		if i == 0 || l < lo {
			lo = l
		}
		if i == 0 || r > hi {
			hi = r
		}
	}
	s.w = hi - lo
	shift := -lo
	if s.w < emptyScopeW {
		shift += (emptyScopeW - s.w) / 2
		s.w = emptyScopeW
	}
	for _, l := range s.layers {
		for _, v := range l {
			v.x += shift
		}
	}
}

// allNodes returns every node of every layer, dummies included.
func (s *scopeLayout) allNodes() []*vnode {
	var all []*vnode
	for _, l := range s.layers {
		all = append(all, l...)
	}
	return all
}

// assignInPorts spreads each state's forward in-edges along its top, in
// the order of where they come from, now that the layers are ordered.
func (s *scopeLayout) assignInPorts() {
	var in []*seg
	for _, v := range s.nodes {
		if v.marker != MarkerNone {
			continue
		}
		in = in[:0]
		for _, sg := range v.ups {
			if !sg.e.back {
				in = append(in, sg)
			}
		}
		if len(in) < 2 {
			continue
		}
		slices.SortStableFunc(in, func(a, b *seg) int {
			if c := cmp.Compare(a.up.pos, b.up.pos); c != 0 {
				return c
			}
			return cmp.Compare(a.upOff, b.upOff)
		})
		for i, sg := range in {
			sg.downDX = portDX(v, i, len(in))
		}
	}
	for _, e := range s.edges {
		if !e.back && !e.self {
			e.dstDX = e.chain[len(e.chain)-1].downDX
		}
	}
}

// gap is the free space between neighbours a and b of a layer.
func gap(a, b *vnode) float32 {
	switch {
	case a.dummy && b.dummy:
		return edgeSep
	case a.dummy || b.dummy:
		return (nodeSep + edgeSep) / 2
	}
	return nodeSep
}

func (p *placer) placeLayer(l []*vnode, dir int) {
	n := len(l)
	p.d, p.wt, p.sep, p.x = p.d[:0], p.wt[:0], p.sep[:0], slices.Grow(p.x[:0], n)[:n]
	for i, v := range l {
		var sum, sw float64
		if dir != passUp {
			for _, sg := range v.ups {
				sum += sg.w * float64(sg.up.x+sg.upDX-sg.downDX)
				sw += sg.w
			}
		}
		if dir != passDown {
			for _, sg := range v.down {
				sum += sg.w * float64(sg.down.x+sg.downDX-sg.upDX)
				sw += sg.w
			}
		}
		if sw == 0 {
			p.d, p.wt = append(p.d, float64(v.x)), append(p.wt, 1e-6)
		} else {
			p.d, p.wt = append(p.d, sum/sw), append(p.wt, sw)
		}
		if i > 0 {
			a := l[i-1]
			p.sep = append(p.sep, float64(a.w/2+a.margin+gap(a, v)+v.w/2))
		}
	}
	p.pav()
	for i, v := range l {
		v.x = float32(math.Round(p.x[i])) // whole pixels: see even
	}
}

// pav sets x to minimise Σ wt·(x−d)² subject to x[i+1] − x[i] ≥ sep[i]:
// with offsets o, y = x − o must be non-decreasing, which is isotonic
// regression of d − o.
func (p *placer) pav() {
	p.blocks = p.blocks[:0]
	off := 0.0
	for i := range p.d {
		if i > 0 {
			off += p.sep[i-1]
		}
		t := p.d[i] - off
		b := pavBlock{start: i, sw: p.wt[i], st: p.wt[i] * t}
		for len(p.blocks) > 0 {
			top := p.blocks[len(p.blocks)-1]
			if top.st/top.sw <= b.st/b.sw {
				break
			}
			b = pavBlock{start: top.start, sw: top.sw + b.sw, st: top.st + b.st}
			p.blocks = p.blocks[:len(p.blocks)-1]
		}
		p.blocks = append(p.blocks, b)
	}
	off = 0
	bi := 0
	for i := range p.d {
		if i > 0 {
			off += p.sep[i-1]
		}
		for bi+1 < len(p.blocks) && p.blocks[bi+1].start <= i {
			bi++
		}
		b := p.blocks[bi]
		p.x[i] = b.st/b.sw + off
	}
}
