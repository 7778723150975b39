package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"baton/model"
)

// codeEntry is the ASL text: a monospace multi-line entry whose undo and
// redo shortcuts go to the editor's one history instead of the entry's own.
type codeEntry struct {
	widget.Entry
	undo, redo func()
}

func newCodeEntry() *codeEntry {
	c := &codeEntry{}
	c.MultiLine = true
	c.Wrapping = fyne.TextWrapOff
	c.TextStyle = fyne.TextStyle{Monospace: true}
	c.ExtendBaseWidget(c)
	return c
}

// TypedShortcut routes Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z to the history.
func (c *codeEntry) TypedShortcut(s fyne.Shortcut) {
	switch s := s.(type) {
	case *fyne.ShortcutUndo:
		c.undo()
		return
	case *fyne.ShortcutRedo:
		c.redo()
		return
	case *desktop.CustomShortcut:
		if s.KeyName == fyne.KeyZ && s.Modifier&fyne.KeyModifierShift != 0 && s.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
			c.redo()
			return
		}
	}
	c.Entry.TypedShortcut(s)
}

// codeView is the code panel: the text, a JSON/YAML switch and the parse
// error of the text, if any.
type codeView struct {
	e       *Editor
	entry   *codeEntry
	formats *widget.RadioGroup
	errText *widget.Label
	box     fyne.CanvasObject

	setting bool   // the change comes from setText, not the user
	cancel  func() // the pending re-parse
}

var formatNames = map[string]model.Format{"JSON": model.JSON, "YAML": model.YAML}

func newCodeView(e *Editor) *codeView {
	v := &codeView{e: e, entry: newCodeEntry()}
	v.entry.undo = func() { v.flush(); e.Undo() }
	v.entry.redo = func() { v.flush(); e.Redo() }
	v.entry.OnChanged = v.changed
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
	v.box = container.NewBorder(v.formats, v.errText, nil, nil, v.entry)
	return v
}

// changed schedules a re-parse once the user pauses typing.
func (v *codeView) changed(string) {
	if v.setting {
		return
	}
	if v.cancel != nil {
		v.cancel()
	}
	v.cancel = v.e.schedule(textPause, func() {
		v.cancel = nil
		v.e.textChanged(v.entry.Text)
	})
}

// flush re-parses pending text now (before undo, save, …).
func (v *codeView) flush() {
	if v.cancel != nil {
		v.cancel()
		v.cancel = nil
		v.e.textChanged(v.entry.Text)
	}
}

// setText shows text without treating it as the user's edit.
func (v *codeView) setText(text string) {
	if v.cancel != nil {
		v.cancel()
		v.cancel = nil
	}
	if v.entry.Text == text {
		return
	}
	v.setting = true
	v.entry.SetText(text)
	v.setting = false
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

// showError shows the text's parse error under it, or hides it.
func (v *codeView) showError(err error) {
	v.showFormat(v.e.format)
	if err == nil {
		v.errText.Hide()
		return
	}
	v.errText.SetText(err.Error())
	v.errText.Show()
}

// gotoLine puts the cursor at the start of a 1-based line and column.
func (v *codeView) gotoLine(pos model.Pos) {
	if !pos.IsValid() {
		return
	}
	v.entry.CursorRow = pos.Line - 1
	v.entry.CursorColumn = max(pos.Col-1, 0)
	v.entry.Refresh()
	if c := fyne.CurrentApp().Driver().CanvasForObject(v.entry); c != nil {
		c.Focus(v.entry)
	}
}

// revealState moves the cursor to the named state in the text of doc
// (the text on screen, parsed).
func (v *codeView) revealState(doc *model.Document, name string) {
	if doc == nil {
		return
	}
	if s := doc.Machine.Find(name); s != nil && s.NamePos.IsValid() {
		v.entry.CursorRow = s.NamePos.Line - 1
		v.entry.CursorColumn = max(s.NamePos.Col-1, 0)
		v.entry.Refresh()
	}
}
