package app

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// FocusGained is part of fyne.Focusable.
func (c *codeEditor) FocusGained() { c.focused = true; c.Refresh() }

// FocusLost is part of fyne.Focusable.
func (c *codeEditor) FocusLost() { c.focused = false; c.shift = false; c.Refresh() }

// AcceptsTab makes Tab indent instead of moving the focus.
func (c *codeEditor) AcceptsTab() bool { return true }

// KeyDown and KeyUp track Shift, which extends the selection.
func (c *codeEditor) KeyDown(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyShiftLeft || e.Name == desktop.KeyShiftRight {
		c.shift = true
	}
}

// KeyUp is part of desktop.Keyable.
func (c *codeEditor) KeyUp(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyShiftLeft || e.Name == desktop.KeyShiftRight {
		c.shift = false
	}
}

// requestFocus focuses the editor on its canvas.
func (c *codeEditor) requestFocus() {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil && cv.Focused() != c {
		cv.Focus(c)
	}
}

// Tapped puts the cursor where the pointer is.
func (c *codeEditor) Tapped(e *fyne.PointEvent) {
	c.requestFocus()
	row, col := c.positionAt(e.Position)
	c.moveTo(row, col, c.shift)
}

// DoubleTapped selects the word under the pointer.
func (c *codeEditor) DoubleTapped(e *fyne.PointEvent) {
	row, col := c.positionAt(e.Position)
	rs := []rune(c.lines[row])
	from, to := col, col
	isWord := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.' || r == '$'
	}
	for from > 0 && isWord(rs[from-1]) {
		from--
	}
	for to < len(rs) && isWord(rs[to]) {
		to++
	}
	c.anchorRow, c.anchorCol, c.row, c.col = row, from, row, to
	c.Refresh()
}

// Dragged selects from where the drag started to the pointer.
func (c *codeEditor) Dragged(e *fyne.DragEvent) {
	if !c.dragging {
		c.dragging = true
		c.requestFocus()
		row, col := c.positionAt(e.Position.Subtract(e.Dragged))
		c.moveTo(row, col, false)
	}
	row, col := c.positionAt(e.Position)
	c.moveTo(row, col, true)
}

// DragEnd ends a selection drag.
func (c *codeEditor) DragEnd() { c.dragging = false }

// Scrolled scrolls the text.
func (c *codeEditor) Scrolled(e *fyne.ScrollEvent) {
	c.offset = c.offset.Subtract(e.Scrolled)
	c.clampOffset()
	c.Refresh()
}

// moveTo moves the cursor, extending the selection or not.
func (c *codeEditor) moveTo(row, col int, extend bool) {
	c.row = min(max(row, 0), len(c.lines)-1)
	c.col = min(max(col, 0), runeLen(c.lines[c.row]))
	if !extend {
		c.anchorRow, c.anchorCol = c.row, c.col
	}
	c.scrollToCursor()
	c.Refresh()
}

// TypedRune inserts a character, replacing the selection.
func (c *codeEditor) TypedRune(r rune) { c.insert(string(r)) }

// pageRows is how many lines Page Up and Page Down move.
func (c *codeEditor) pageRows() int {
	cell, _ := c.metrics()
	return max(1, int(c.Size().Height/cell.Height)-1)
}

// TypedKey handles editing and movement keys.
func (c *codeEditor) TypedKey(e *fyne.KeyEvent) {
	line := []rune(c.lines[c.row])
	switch e.Name {
	case fyne.KeyLeft:
		switch {
		case c.hasSelection() && !c.shift:
			r0, c0, _, _ := c.selection()
			c.moveTo(r0, c0, false)
		case c.col > 0:
			c.moveTo(c.row, c.col-1, c.shift)
		case c.row > 0:
			c.moveTo(c.row-1, runeLen(c.lines[c.row-1]), c.shift)
		}
	case fyne.KeyRight:
		switch {
		case c.hasSelection() && !c.shift:
			_, _, r1, c1 := c.selection()
			c.moveTo(r1, c1, false)
		case c.col < len(line):
			c.moveTo(c.row, c.col+1, c.shift)
		case c.row < len(c.lines)-1:
			c.moveTo(c.row+1, 0, c.shift)
		}
	case fyne.KeyUp:
		c.moveTo(c.row-1, c.col, c.shift)
	case fyne.KeyDown:
		c.moveTo(c.row+1, c.col, c.shift)
	case fyne.KeyPageUp:
		c.moveTo(c.row-c.pageRows(), c.col, c.shift)
	case fyne.KeyPageDown:
		c.moveTo(c.row+c.pageRows(), c.col, c.shift)
	case fyne.KeyHome:
		indent := len(line) - len([]rune(strings.TrimLeft(string(line), " \t")))
		col := indent
		if c.col == indent {
			col = 0
		}
		c.moveTo(c.row, col, c.shift)
	case fyne.KeyEnd:
		c.moveTo(c.row, len(line), c.shift)
	case fyne.KeyReturn, fyne.KeyEnter:
		indent := string(line[:len(line)-len([]rune(strings.TrimLeft(string(line), " \t")))])
		if c.col < len(indent) {
			indent = indent[:c.col]
		}
		if c.col > 0 && strings.ContainsRune("{[", line[c.col-1]) {
			indent += "  "
		}
		c.insert("\n" + indent)
	case fyne.KeyTab:
		c.insert("  ")
	case fyne.KeyBackspace:
		if !c.hasSelection() {
			switch {
			case c.col > 0:
				c.anchorRow, c.anchorCol = c.row, c.col-1
			case c.row > 0:
				c.anchorRow, c.anchorCol = c.row-1, runeLen(c.lines[c.row-1])
			default:
				return
			}
		}
		c.insert("")
	case fyne.KeyDelete:
		if !c.hasSelection() {
			c.selectNext()
		}
		c.insert("")
	}
}

// selectNext selects the character after the cursor (a line break at the
// end of a line), if any.
func (c *codeEditor) selectNext() {
	c.anchorRow, c.anchorCol = c.row, c.col
	switch {
	case c.col < runeLen(c.lines[c.row]):
		c.col++
	case c.row < len(c.lines)-1:
		c.row, c.col = c.row+1, 0
	}
}

// insert replaces the selection with s and reports the change.
func (c *codeEditor) insert(s string) {
	r0, c0, r1, c1 := c.selection()
	if s == "" && r0 == r1 && c0 == c1 {
		return
	}
	first := []rune(c.lines[r0])
	lastLine := []rune(c.lines[r1])
	head, tail := string(first[:c0]), string(lastLine[c1:])
	parts := strings.Split(head+s+tail, "\n")
	lines := make([]string, 0, len(c.lines)-(r1-r0)+len(parts)-1)
	lines = append(lines, c.lines[:r0]...)
	lines = append(lines, parts...)
	lines = append(lines, c.lines[r1+1:]...)
	c.lines = lines
	ins := strings.Split(s, "\n")
	c.row = r0 + len(ins) - 1
	if len(ins) == 1 {
		c.col = c0 + runeLen(s)
	} else {
		c.col = runeLen(ins[len(ins)-1])
	}
	c.anchorRow, c.anchorCol = c.row, c.col
	c.scrollToCursor()
	c.Refresh()
	if c.OnChanged != nil {
		c.OnChanged()
	}
}

// TypedShortcut handles the clipboard, select all, and undo and redo
// (passed to the owner's history).
func (c *codeEditor) TypedShortcut(s fyne.Shortcut) {
	switch s := s.(type) {
	case *fyne.ShortcutUndo:
		if c.undo != nil {
			c.undo()
		}
	case *fyne.ShortcutRedo:
		if c.redo != nil {
			c.redo()
		}
	case *fyne.ShortcutCopy:
		if c.hasSelection() {
			s.Clipboard.SetContent(c.SelectedText())
		}
	case *fyne.ShortcutCut:
		if c.hasSelection() {
			s.Clipboard.SetContent(c.SelectedText())
			c.insert("")
		}
	case *fyne.ShortcutPaste:
		c.insert(strings.ReplaceAll(s.Clipboard.Content(), "\r\n", "\n"))
	case *fyne.ShortcutSelectAll:
		c.anchorRow, c.anchorCol = 0, 0
		c.row = len(c.lines) - 1
		c.col = runeLen(c.lines[c.row])
		c.Refresh()
	case *desktop.CustomShortcut:
		if s.KeyName == fyne.KeyZ && s.Modifier&fyne.KeyModifierShift != 0 && c.redo != nil {
			c.redo()
		}
	}
}
