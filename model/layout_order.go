package model

import (
	"cmp"
	"slices"
)

// maxSweeps bounds the down-and-up barycenter sweeps of order.
const maxSweeps = 4

// order reduces edge crossings: starting from depth-first order (which
// keeps Choice rules left to right and catchers right of Next), it sweeps
// down and up placing each node at the barycenter of its neighbours in the
// previous layer, and keeps the order with the fewest crossings.
func (s *scopeLayout) order() {
	for _, l := range s.layers {
		slices.SortStableFunc(l, func(a, b *vnode) int { return cmp.Compare(a.key, b.key) })
		setPos(l)
	}
	best := s.crossings()
	saved := s.savePos(nil)
	bary := make([]float64, 0, 64)
	for it := 0; it < maxSweeps && best > 0; it++ {
		improved := false
		for l := 1; l < len(s.layers); l++ {
			bary = sortLayer(s.layers[l], bary, true)
		}
		if c := s.crossings(); c < best {
			best, saved, improved = c, s.savePos(saved), true
		}
		for l := len(s.layers) - 2; l >= 0; l-- {
			bary = sortLayer(s.layers[l], bary, false)
		}
		if c := s.crossings(); c < best {
			best, saved, improved = c, s.savePos(saved), true
		}
		if !improved {
			break
		}
	}
	s.restorePos(saved)
}

func setPos(l []*vnode) {
	for i, v := range l {
		v.pos = i
	}
}

// sortLayer orders l by the barycenters of the nodes' neighbours above
// (down sweep) or below; a node without such neighbours keeps its place.
func sortLayer(l []*vnode, bary []float64, down bool) []float64 {
	bary = bary[:0]
	for _, v := range l {
		sum, n := 0.0, 0
		if down {
			for _, sg := range v.ups {
				sum += float64(sg.up.pos) + sg.upOff
				n++
			}
		} else {
			for _, sg := range v.down {
				sum += float64(sg.down.pos) + sg.downOff
				n++
			}
		}
		if n == 0 {
			bary = append(bary, float64(v.pos))
		} else {
			bary = append(bary, sum/float64(n))
		}
	}
	sorted := true
	for i, v := range l {
		v.key = bary[i]
		sorted = sorted && (i == 0 || bary[i-1] <= bary[i])
	}
	if !sorted {
		slices.SortStableFunc(l, func(a, b *vnode) int { return cmp.Compare(a.key, b.key) })
		setPos(l)
	}
	return bary
}

// crossings counts the pairs of segs that cross between adjacent layers,
// with a Fenwick tree over the lower layer (Barth, Jünger, Mutzel).
func (s *scopeLayout) crossings() int {
	total := 0
	var tree []int
	var ends []int
	for l := 0; l+1 < len(s.layers); l++ {
		width := len(s.layers[l+1])
		tree = slices.Grow(tree[:0], width+1)[:width+1]
		clear(tree)
		inserted := 0
		for _, v := range s.layers[l] {
			ends = ends[:0]
			for _, sg := range v.down {
				ends = append(ends, sg.down.pos)
			}
			for _, p := range ends {
				// segs already inserted that end right of p cross this one
				le := 0
				for i := p + 1; i > 0; i -= i & -i {
					le += tree[i]
				}
				total += inserted - le
			}
			for _, p := range ends {
				for i := p + 1; i <= width; i += i & -i {
					tree[i]++
				}
				inserted++
			}
		}
	}
	return total
}

func (s *scopeLayout) savePos(buf [][]*vnode) [][]*vnode {
	if buf == nil {
		buf = make([][]*vnode, len(s.layers))
	}
	for i, l := range s.layers {
		buf[i] = append(buf[i][:0], l...)
	}
	return buf
}

func (s *scopeLayout) restorePos(saved [][]*vnode) {
	for i := range s.layers {
		copy(s.layers[i], saved[i])
		setPos(s.layers[i])
	}
}
