package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"baton/model"
)

// codeView is the code panel: the text, a JSON/YAML switch and the parse
// error of the text, if any.
type codeView struct {
	e       *Editor
	editor  *codeEditor
	formats *widget.RadioGroup
	errText *widget.Label
	box     fyne.CanvasObject

	cancel func() // the pending re-parse
}

var formatNames = map[string]model.Format{"JSON": model.JSON, "YAML": model.YAML}

func newCodeView(e *Editor) *codeView {
	v := &codeView{e: e, editor: newCodeEditor()}
	v.editor.undo = e.Undo
	v.editor.redo = e.Redo
	v.editor.OnChanged = v.changed
	v.formats = widget.NewRadioGroup([]string{"JSON", "YAML"}, func(s string) {
		if f, ok := formatNames[s]; ok {
			e.SetFormat(f)
		}
	})
	v.formats.Horizontal = true
	v.errText = widget.NewLabel("")
	v.errText.Importance = widget.DangerImportance
	v.errText.Wrapping = fyne.TextWrapWord
	v.errText.Hide()
	clip := container.NewScroll(v.editor) // never scrolls; clips long lines
	clip.Direction = container.ScrollNone
	v.box = container.NewBorder(v.formats, v.errText, nil, nil, clip)
	return v
}

// changed schedules a re-parse once the user pauses typing.
func (v *codeView) changed() {
	if v.cancel != nil {
		v.cancel()
	}
	v.cancel = v.e.schedule(textPause, func() {
		v.cancel = nil
		v.e.textChanged(v.editor.Text())
	})
}

// flush re-parses pending text now (before undo, save, …).
func (v *codeView) flush() {
	if v.cancel != nil {
		v.cancel()
		v.cancel = nil
		v.e.textChanged(v.editor.Text())
	}
}

// setText shows text without treating it as the user's edit.
func (v *codeView) setText(text string) {
	if v.cancel != nil {
		v.cancel()
		v.cancel = nil
	}
	v.editor.SetText(text)
}

// showFormat sets the JSON/YAML switch without switching.
func (v *codeView) showFormat(f model.Format) {
	name := "JSON"
	if f == model.YAML {
		name = "YAML"
	}
	if v.formats.Selected != name {
		v.formats.Selected = name
		v.formats.Refresh()
	}
}

// showError shows the text's parse error under it and marks its line, or
// hides it.
func (v *codeView) showError(err error) {
	v.showFormat(v.e.format)
	if err == nil {
		v.errText.Hide()
		v.editor.SetErrorLine(-1)
		return
	}
	v.errText.SetText(err.Error())
	v.errText.Show()
	var se *model.SyntaxError
	if errors.As(err, &se) {
		v.editor.SetErrorLine(se.Pos.Line - 1)
	}
}

// gotoLine puts the cursor at a 1-based line and column and focuses the
// text.
func (v *codeView) gotoLine(pos model.Pos) {
	if !pos.IsValid() {
		return
	}
	v.editor.SetCursor(pos.Line-1, pos.Col-1)
	v.editor.requestFocus()
}

// revealState highlights the lines of the named state in the text of doc
// (the text on screen, parsed); an empty name or an unknown state removes
// the highlight.
func (v *codeView) revealState(doc *model.Document, name string) {
	var s *model.State
	if doc != nil && name != "" {
		s = doc.Machine.Find(name)
	}
	if s == nil || !s.NamePos.IsValid() {
		v.editor.Mark(-1, -1)
		return
	}
	end := s.Node.End.Line
	if end < s.NamePos.Line {
		end = s.NamePos.Line
	}
	v.editor.Mark(s.NamePos.Line-1, end-1)
}
