package model

// ReplaceText replaces the whole document by parsing Src, as the text
// editor does. The format is detected again, so the text may switch
// between JSON and YAML. Invalid text changes nothing: Apply returns the
// *SyntaxError.
type ReplaceText struct{ Src []byte }

// Describe implements Edit.
func (r ReplaceText) Describe() string { return "Edit text" }

// Apply implements Edit.
func (r ReplaceText) Apply(d *Document) error {
	n, err := Parse(d.File, r.Src)
	if err != nil {
		return err
	}
	d.Root, d.Format, d.Machine, d.Src = n.Root, n.Format, n.Machine, n.Src
	return nil
}
