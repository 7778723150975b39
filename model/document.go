package model

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Format is a text format of ASL documents.
type Format int

// The formats Baton reads and writes.
const (
	JSON Format = iota
	YAML
)

func (f Format) String() string {
	if f == YAML {
		return "yaml"
	}
	return "json"
}

// Document is a parsed state machine definition: the lossless tree of what
// the user wrote, and a typed view of it.
type Document struct {
	// File names the source, for messages; may be empty.
	File string
	// Format is the format the document was read in.
	Format Format
	// Root is the whole definition as written.
	Root *Node
	// Machine is the typed view of Root. It is derived: after changing
	// Root, call Refresh.
	Machine *StateMachine
	// Src is the text Root was parsed from; the positions in Root refer
	// to it. Text uses it to keep the formatting of what an edit did not
	// touch. Never modified in place.
	Src []byte
}

// DetectFormat guesses the format of src from its content, and from the
// file name when the content does not tell (JSON is also valid YAML, so
// content wins: text that starts with '{' or '[' is JSON).
func DetectFormat(file string, src []byte) Format {
	t := bytes.TrimLeft(src, " \t\r\n\xef\xbb\xbf")
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return JSON
	}
	if len(t) > 0 {
		return YAML
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".yaml", ".yml":
		return YAML
	}
	return JSON
}

// Parse reads a definition in JSON or YAML (detected from the content).
// A syntax error is a *SyntaxError with the exact line and column; a
// definition that is syntactically fine but not an object is reported the
// same way. Parse does not validate: see Validate.
func Parse(file string, src []byte) (*Document, error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")))) == 0 {
		return nil, &SyntaxError{File: file, Pos: Pos{Line: 1, Col: 1}, Msg: "empty document; expected a state machine object"}
	}
	format := DetectFormat(file, src)
	var root *Node
	var err error
	if format == YAML {
		root, err = ParseYAML(file, src)
	} else {
		root, err = ParseJSON(file, src)
	}
	if err != nil {
		return nil, err
	}
	if root.Kind != Object {
		return nil, &SyntaxError{File: file, Pos: root.Pos, Msg: "a state machine definition must be an object, not " + article(root.Kind.String()), Line: lineAt(src, root.Pos.Line)}
	}
	d := &Document{File: file, Format: format, Root: root, Src: src}
	d.Refresh()
	return d, nil
}

func article(s string) string {
	if strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

// Refresh re-derives the typed view from Root.
func (d *Document) Refresh() {
	d.Machine = decodeMachine(d.Root, nil)
}

// Marshal writes the document in the given format.
func (d *Document) Marshal(f Format) []byte {
	if f == YAML {
		return MarshalYAML(d.Root)
	}
	return MarshalJSON(d.Root)
}

// Text writes the document for the text editor: like Marshal, except that
// in JSON every object or array an edit left unchanged keeps the layout it
// had in Src (re-indented if it moved to another depth), so a canvas edit
// does not reformat the user's other states. Use Marshal for canonical
// output (baton fmt, export).
func (d *Document) Text(f Format) []byte {
	if f != JSON || d.Format != JSON || d.Src == nil {
		return d.Marshal(f)
	}
	return MarshalJSONKeeping(d.Root, d.Src)
}

// Clone returns a deep copy of the document, for undo snapshots.
func (d *Document) Clone() *Document {
	c := &Document{File: d.File, Format: d.Format, Root: d.Root.Clone(), Src: d.Src}
	c.Refresh()
	return c
}
