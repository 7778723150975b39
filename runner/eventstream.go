package runner

import (
	"encoding/binary"
	"sort"
	"unsafe"
)

// eventStream holds the bytes of a history: events one after another,
// each within one block. A position is an offset in the whole stream; it
// stays valid as blocks are added or grow, because nothing keeps a
// pointer into a block.
type eventStream struct {
	blocks [][]byte
	bases  []int64 // the position of each block's first byte
}

// Blocks grow from firstBlock to maxBlock bytes: most histories are a few
// events long, and a long one wastes at most the end of each block.
const (
	firstBlock = 512
	maxBlock   = 64 << 10
)

// reserve makes sure the last block has room for n more bytes, starting a
// new one if need be, and returns it for the caller to append to and hand
// back with commit. An event is written into one block, even when it
// takes more than n bytes: the block then grows.
func (s *eventStream) reserve(n int) []byte {
	k := len(s.blocks)
	if k > 0 && cap(s.blocks[k-1])-len(s.blocks[k-1]) >= n {
		return s.blocks[k-1]
	}
	size, base := firstBlock, int64(0)
	if k > 0 {
		size = min(2*cap(s.blocks[k-1]), maxBlock)
		base = s.bases[k-1] + int64(len(s.blocks[k-1]))
	}
	s.blocks = append(s.blocks, make([]byte, 0, max(size, n)))
	s.bases = append(s.bases, base)
	return s.blocks[k]
}

// commit hands back the last block with what was appended to it.
func (s *eventStream) commit(b []byte) { s.blocks[len(s.blocks)-1] = b }

// posAt is the position of the next byte appended to b, the last block.
func (s *eventStream) posAt(b []byte) int64 { return s.bases[len(s.bases)-1] + int64(len(b)) }

// at returns the bytes from position pos to the end of its block.
func (s *eventStream) at(pos int64) []byte {
	k := len(s.bases) - 1
	if pos < s.bases[k] {
		k = sort.Search(len(s.bases), func(i int) bool { return s.bases[i] > pos }) - 1
	}
	return s.blocks[k][pos-s.bases[k]:]
}

// streamCursor is where a reader of the stream is: block and offset.
type streamCursor struct {
	blk, off int
}

// next moves c to the next event and reports whether there is one.
func (c *streamCursor) next(s *eventStream) bool {
	for c.blk < len(s.blocks) && c.off == len(s.blocks[c.blk]) {
		c.blk, c.off = c.blk+1, 0
	}
	return c.blk < len(s.blocks)
}

func (c *streamCursor) byte(s *eventStream) byte {
	b := s.blocks[c.blk][c.off]
	c.off++
	return b
}

func (c *streamCursor) uvarint(s *eventStream) uint64 {
	v, n := binary.Uvarint(s.blocks[c.blk][c.off:])
	c.off += n
	return v
}

func (c *streamCursor) varint(s *eventStream) int64 {
	v, n := binary.Varint(s.blocks[c.blk][c.off:])
	c.off += n
	return v
}

// bytes returns the next n bytes.
func (c *streamCursor) bytes(s *eventStream, n int) []byte {
	b := s.blocks[c.blk][c.off : c.off+n]
	c.off += n
	return b
}

// strTable interns the strings of a history (event types, state names,
// resources), so that an event refers to each by a small number. Most of
// them are the same few strings of the compiled machine again and again,
// so a small cache keyed by where their bytes are answers before the map.
type strTable struct {
	codes map[string]uint32
	strs  []string
	seen  [64]struct {
		s    string // keeps the bytes alive: an address stands for one string
		code uint32
	}
}

func (t *strTable) code(s string) uint64 {
	p := unsafe.StringData(s)
	e := &t.seen[(uintptr(unsafe.Pointer(p))>>3^uintptr(len(s)))%uintptr(len(t.seen))]
	if len(s) > 0 && unsafe.StringData(e.s) == p && len(e.s) == len(s) {
		return uint64(e.code)
	}
	c, ok := t.codes[s]
	if !ok {
		if t.codes == nil {
			t.codes = make(map[string]uint32)
		}
		c = uint32(len(t.strs))
		t.strs = append(t.strs, s)
		t.codes[s] = c
	}
	e.s, e.code = s, c
	return uint64(c)
}
