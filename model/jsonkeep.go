package model

import "bytes"

// MarshalJSONKeeping writes n as MarshalJSON does, except that an object or
// array whose content is exactly what src holds at its position is copied
// from src, keeping the user's line breaks and spacing inside it. src must
// be the text n was parsed from; nodes added or changed since are written
// canonically. A node is only copied after checking that its content is
// unchanged, so stale or foreign positions can never produce wrong output.
func MarshalJSONKeeping(n *Node, src []byte) []byte {
	k := keeper{src: src}
	buf := k.append(nil, n, 0)
	return append(buf, '\n')
}

type keeper struct {
	src     []byte
	scratch []byte
}

func (k *keeper) append(buf []byte, n *Node, depth int) []byte {
	if n == nil || (n.Kind != Object && n.Kind != Array) {
		return appendJSON(buf, n, "  ", depth)
	}
	if orig, ok := k.original(n); ok {
		return appendReindented(buf, orig, lineIndent(k.src, n.Pos.Offset), depth)
	}
	// Changed: write this level canonically and look again one level down.
	open, close, count := byte('{'), byte('}'), len(n.Fields)
	if n.Kind == Array {
		open, close, count = '[', ']', len(n.Items)
	}
	if count == 0 {
		return append(buf, open, close)
	}
	buf = append(buf, open)
	for i := 0; i < count; i++ {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendIndent(buf, "  ", depth+1)
		if n.Kind == Object {
			f := n.Fields[i]
			if f.KeyRaw != "" {
				buf = append(buf, f.KeyRaw...)
			} else {
				buf = AppendJSONString(buf, f.Key)
			}
			buf = append(buf, ':', ' ')
			buf = k.append(buf, f.Value, depth+1)
		} else {
			buf = k.append(buf, n.Items[i], depth+1)
		}
	}
	buf = appendIndent(buf, "  ", depth)
	return append(buf, close)
}

// original returns the source text of n when n still holds exactly what
// that text says.
func (k *keeper) original(n *Node) ([]byte, bool) {
	start, end := n.Pos.Offset, n.End.Offset
	if !n.Pos.IsValid() || end <= start || end > len(k.src) {
		return nil, false
	}
	orig := k.src[start:end]
	if (n.Kind == Object && orig[0] != '{') || (n.Kind == Array && orig[0] != '[') {
		return nil, false
	}
	k.scratch = appendJSON(k.scratch[:0], n, "", 0)
	if !compactEqual(orig, k.scratch) {
		return nil, false
	}
	return orig, true
}

// compactEqual reports whether JSON text a, with the white space between
// its tokens removed, equals compact.
func compactEqual(a, compact []byte) bool {
	j := 0
	inString, escaped := false, false
	for _, c := range a {
		if !inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			continue
		}
		if j >= len(compact) || compact[j] != c {
			return false
		}
		j++
		switch {
		case escaped:
			escaped = false
		case c == '\\' && inString:
			escaped = true
		case c == '"':
			inString = !inString
		}
	}
	return j == len(compact)
}

// lineIndent returns the white space that starts the line holding offset.
func lineIndent(src []byte, offset int) []byte {
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return src[start:end]
}

// appendReindented appends orig, replacing the indentation its lines had
// (old, the indentation of its first line) by that of depth. JSON text has
// no raw line breaks inside strings, so every '\n' is between tokens.
func appendReindented(buf, orig, old []byte, depth int) []byte {
	for {
		i := bytes.IndexByte(orig, '\n')
		if i < 0 {
			return append(buf, orig...)
		}
		buf = append(buf, orig[:i+1]...)
		orig = orig[i+1:]
		if bytes.HasPrefix(orig, old) {
			orig = orig[len(old):]
			for d := 0; d < depth; d++ {
				buf = append(buf, ' ', ' ')
			}
		}
	}
}
