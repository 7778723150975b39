package model

// HistoryLimit is how many edits History can undo; older ones are
// forgotten.
const HistoryLimit = 200

// History applies edits to a document and undoes and redoes them, exactly,
// by snapshots of the document taken before each edit.
type History struct {
	doc        *Document
	undo, redo []snapshot
}

type snapshot struct {
	root   *Node
	format Format
	src    []byte
	desc   string
}

// NewHistory starts the history of d, with nothing to undo.
func NewHistory(d *Document) *History { return &History{doc: d} }

// Doc returns the document. It is always the same *Document: undo and
// redo change it in place.
func (h *History) Doc() *Document { return h.doc }

// Apply applies e to the document and records it for undo. When e fails,
// nothing changes and the error is returned.
func (h *History) Apply(e Edit) error {
	snap := snapshot{h.doc.Root.Clone(), h.doc.Format, h.doc.Src, e.Describe()}
	if err := e.Apply(h.doc); err != nil {
		return err
	}
	h.undo = push(h.undo, snap)
	clear(h.redo)
	h.redo = h.redo[:0]
	return nil
}

// push appends s, forgetting the oldest entry past HistoryLimit.
func push(stack []snapshot, s snapshot) []snapshot {
	if len(stack) >= HistoryLimit {
		copy(stack, stack[1:])
		stack[len(stack)-1] = s
		return stack
	}
	return append(stack, s)
}

// Undo reverts the last edit and reports whether there was one.
func (h *History) Undo() bool { return h.swap(&h.undo, &h.redo) }

// Redo applies the last undone edit again and reports whether there was
// one. Applying a new edit forgets what was undone.
func (h *History) Redo() bool { return h.swap(&h.redo, &h.undo) }

// swap restores the top of from and pushes the current document to to.
func (h *History) swap(from, to *[]snapshot) bool {
	n := len(*from)
	if n == 0 {
		return false
	}
	s := (*from)[n-1]
	(*from)[n-1] = snapshot{}
	*from = (*from)[:n-1]
	// The current tree is not shared with anything once replaced, so it
	// is the snapshot itself.
	*to = push(*to, snapshot{h.doc.Root, h.doc.Format, h.doc.Src, s.desc})
	h.doc.Root, h.doc.Format, h.doc.Src = s.root, s.format, s.src
	h.doc.Refresh()
	return true
}

// CanUndo reports whether Undo would do anything.
func (h *History) CanUndo() bool { return len(h.undo) > 0 }

// CanRedo reports whether Redo would do anything.
func (h *History) CanRedo() bool { return len(h.redo) > 0 }

// UndoLabel describes the edit Undo would revert ("" if none), for a menu:
// "Undo " + label.
func (h *History) UndoLabel() string { return label(h.undo) }

// RedoLabel describes the edit Redo would apply again ("" if none).
func (h *History) RedoLabel() string { return label(h.redo) }

func label(stack []snapshot) string {
	if len(stack) == 0 {
		return ""
	}
	return stack[len(stack)-1].desc
}
