package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

func newTestCodeEditor(t *testing.T, text string) (*codeEditor, *int) {
	t.Helper()
	test.NewTempApp(t)
	c := newCodeEditor()
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(400, 300))
	c.SetText(text)
	changes := 0
	c.OnChanged = func() { changes++ }
	w.Canvas().Focus(c)
	return c, &changes
}

func key(c *codeEditor, names ...fyne.KeyName) {
	for _, n := range names {
		c.TypedKey(&fyne.KeyEvent{Name: n})
	}
}

func TestCodeEditor_typing(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		row, col   int
		do         func(c *codeEditor)
		want       string
		wantRow    int
		wantCol    int
	}{
		{"insert", "ab", 0, 1, func(c *codeEditor) { test.Type(c, "xy") }, "axyb", 0, 3},
		{"backspace joins lines", "ab\ncd", 1, 0, func(c *codeEditor) { key(c, fyne.KeyBackspace) }, "abcd", 0, 2},
		{"backspace at start does nothing", "ab", 0, 0, func(c *codeEditor) { key(c, fyne.KeyBackspace) }, "ab", 0, 0},
		{"delete joins lines", "ab\ncd", 0, 2, func(c *codeEditor) { key(c, fyne.KeyDelete) }, "abcd", 0, 2},
		{"enter keeps indent and indents after a brace", "  {", 0, 3, func(c *codeEditor) { key(c, fyne.KeyReturn) }, "  {\n    ", 1, 4},
		{"enter splits a line", "  ab", 0, 3, func(c *codeEditor) { key(c, fyne.KeyReturn) }, "  a\n  b", 1, 2},
		{"tab inserts two spaces", "a", 0, 0, func(c *codeEditor) { key(c, fyne.KeyTab) }, "  a", 0, 2},
		{"home goes to the indent, then column 0", "  ab", 0, 4, func(c *codeEditor) {
			key(c, fyne.KeyHome)
			test.Type(c, "x")
			key(c, fyne.KeyHome, fyne.KeyHome)
			test.Type(c, "y")
		}, "y  xab", 0, 1},
		{"up and down keep the column within the line", "abcd\nx\nabcd", 0, 3, func(c *codeEditor) { key(c, fyne.KeyDown); test.Type(c, "!") }, "abcd\nx!\nabcd", 1, 2},
		{"shift selects, typing replaces", "abcd", 0, 1, func(c *codeEditor) {
			c.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
			key(c, fyne.KeyRight, fyne.KeyRight)
			c.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
			test.Type(c, "-")
		}, "a-d", 0, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newTestCodeEditor(t, tc.text)
			c.SetCursor(tc.row, tc.col)
			tc.do(c)
			if got := c.Text(); got != tc.want {
				t.Errorf("text %q, want %q", got, tc.want)
			}
			if r, col := c.CursorPos(); r != tc.wantRow || col != tc.wantCol {
				t.Errorf("cursor %d:%d, want %d:%d", r, col, tc.wantRow, tc.wantCol)
			}
		})
	}
}

func TestCodeEditor_clipboardAndChanges(t *testing.T) {
	c, changes := newTestCodeEditor(t, "one\ntwo\nthree")
	clip := test.NewClipboard()
	c.SetCursor(0, 1)
	c.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	key(c, fyne.KeyDown)
	c.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	c.TypedShortcut(&fyne.ShortcutCut{Clipboard: clip})
	if clip.Content() != "ne\nt" || c.Text() != "owo\nthree" {
		t.Errorf("cut %q leaving %q", clip.Content(), c.Text())
	}
	c.SetCursor(1, 5)
	c.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if c.Text() != "owo\nthreene\nt" {
		t.Errorf("after paste %q", c.Text())
	}
	c.TypedShortcut(&fyne.ShortcutSelectAll{})
	c.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	if clip.Content() != c.Text() {
		t.Errorf("copy of everything gave %q", clip.Content())
	}
	if *changes != 2 {
		t.Errorf("%d change reports, want 2 (cut, paste)", *changes)
	}
	c.SetText("set by the program")
	if *changes != 2 {
		t.Error("SetText reported a change")
	}
}

func TestCodeEditor_undoGoesToOwner(t *testing.T) {
	c, _ := newTestCodeEditor(t, "x")
	var calls []string
	c.undo = func() { calls = append(calls, "undo") }
	c.redo = func() { calls = append(calls, "redo") }
	c.TypedShortcut(&fyne.ShortcutUndo{})
	c.TypedShortcut(&fyne.ShortcutRedo{})
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	if len(calls) != 3 || calls[0] != "undo" || calls[1] != "redo" || calls[2] != "redo" {
		t.Errorf("calls %q", calls)
	}
}

func TestCodeEditor_tapPlacesCursor(t *testing.T) {
	c, _ := newTestCodeEditor(t, "abcdef\nghijkl")
	cell, _ := c.metrics()
	test.TapAt(c, fyne.NewPos(gutterPad+3*cell.Width+1, textPad+1.5*cell.Height))
	if r, col := c.CursorPos(); r != 1 || col != 3 {
		t.Errorf("cursor %d:%d, want 1:3", r, col)
	}
}
