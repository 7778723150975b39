package app

import "baton/model"

// batch is several edits made as one: one undo step, all or nothing (a
// palette pattern adds states and connects them).
type batch struct {
	desc  string
	edits []model.Edit
}

// Describe implements model.Edit.
func (b batch) Describe() string { return b.desc }

// Apply implements model.Edit: the edits are applied to a copy, which
// replaces the document only when every one succeeded.
func (b batch) Apply(d *model.Document) error {
	c := d.Clone()
	for _, e := range b.edits {
		if err := e.Apply(c); err != nil {
			return err
		}
	}
	d.Root, d.Format, d.Machine = c.Root, c.Format, c.Machine
	return nil
}
