package app

// Temporary: the model engineer is landing model.History, model.Edit and
// model.ReplaceText (model/history.go, model/edit.go); until then the
// editor uses these equivalents of the agreed API. Replaced by aliases to
// model's types as soon as they land.

import (
	"errors"

	"fyne.io/fyne/v2"

	"baton/model"
)

// Edit is a change to a document (model.Edit).
type Edit interface {
	Apply(d *model.Document) error
	Describe() string
}

// History is undo and redo by document snapshots (model.History).
type History struct {
	undo, redo []*model.Document
	doc        *model.Document
}

// NewHistory starts a history at d.
func NewHistory(d *model.Document) *History { return &History{doc: d} }

// Apply applies e to a copy of the document and makes it current.
func (h *History) Apply(e Edit) error {
	c := h.doc.Clone()
	if err := e.Apply(c); err != nil {
		return err
	}
	h.undo = append(h.undo, h.doc)
	h.redo = nil
	h.doc = c
	return nil
}

// Undo goes back one edit.
func (h *History) Undo() bool {
	if len(h.undo) == 0 {
		return false
	}
	h.redo = append(h.redo, h.doc)
	h.doc = h.undo[len(h.undo)-1]
	h.undo = h.undo[:len(h.undo)-1]
	return true
}

// Redo goes forward one undone edit.
func (h *History) Redo() bool {
	if len(h.redo) == 0 {
		return false
	}
	h.undo = append(h.undo, h.doc)
	h.doc = h.redo[len(h.redo)-1]
	h.redo = h.redo[:len(h.redo)-1]
	return true
}

// Doc is the current document.
func (h *History) Doc() *model.Document { return h.doc }

// CanUndo and CanRedo report whether Undo and Redo would do anything.
func (h *History) CanUndo() bool { return len(h.undo) > 0 }
func (h *History) CanRedo() bool { return len(h.redo) > 0 }

// ReplaceText replaces the whole document by parsing Src (model.ReplaceText).
type ReplaceText struct{ Src []byte }

// Apply re-parses the text into d.
func (r *ReplaceText) Apply(d *model.Document) error {
	n, err := model.Parse(d.File, r.Src)
	if err != nil {
		return err
	}
	*d = *n
	return nil
}

// Describe names the edit for the status bar.
func (r *ReplaceText) Describe() string { return "Edit text" }

// The palette's insertions need model.AddState and model.Connect, which
// are not in model yet: until then they fail loudly.

func (e *Editor) addItem(id string) {
	e.status.error(errNoEdits)
}

func (e *Editor) paletteDragged(it *paletteItem, abs fyne.Position) {}

func (e *Editor) paletteDropped(it *paletteItem) { e.status.error(errNoEdits) }

var errNoEdits = errors.New("adding states needs model.AddState, which is not implemented yet")
