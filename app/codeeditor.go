package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	fcanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// codeEditor is a plain-text editor for definitions of any size: it keeps
// the text as lines and draws only the lines in view (Fyne's Entry redraws
// the whole text on every change, which takes seconds for a large
// definition). It highlights a range of lines (the selected state) and
// sends undo and redo to its owner, so they go through the one history.
type codeEditor struct {
	widget.BaseWidget

	// OnChanged is called after every change the user makes.
	OnChanged func()
	// undo and redo handle Ctrl+Z and Ctrl+Y / Ctrl+Shift+Z.
	undo, redo func()

	lines    []string
	row, col int // cursor, col in runes
	// anchor is the other end of the selection; equal to the cursor when
	// nothing is selected.
	anchorRow, anchorCol int
	shift                bool // a Shift key is held down

	// mark is the range of lines [markFrom, markTo] highlighted, -1 for none.
	markFrom, markTo int
	// errRow is the line with a syntax error, -1 for none.
	errRow int

	offset   fyne.Position // scroll offset in pixels
	focused  bool
	dragging bool
}

var (
	_ fyne.Focusable     = (*codeEditor)(nil)
	_ fyne.Shortcutable  = (*codeEditor)(nil)
	_ fyne.Tabbable      = (*codeEditor)(nil)
	_ fyne.Tappable      = (*codeEditor)(nil)
	_ fyne.Draggable     = (*codeEditor)(nil)
	_ fyne.Scrollable    = (*codeEditor)(nil)
	_ desktop.Keyable    = (*codeEditor)(nil)
	_ desktop.Cursorable = (*codeEditor)(nil)
)

func newCodeEditor() *codeEditor {
	c := &codeEditor{lines: []string{""}, markFrom: -1, markTo: -1, errRow: -1}
	c.ExtendBaseWidget(c)
	return c
}

// Text returns the whole text.
func (c *codeEditor) Text() string { return strings.Join(c.lines, "\n") }

// SetText replaces the text without calling OnChanged, keeping the cursor
// and the scroll position where possible.
func (c *codeEditor) SetText(s string) {
	c.lines = strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	c.row = min(c.row, len(c.lines)-1)
	c.col = min(c.col, runeLen(c.lines[c.row]))
	c.anchorRow, c.anchorCol = c.row, c.col
	c.Refresh()
}

// CursorPos returns the cursor's 0-based line and column.
func (c *codeEditor) CursorPos() (row, col int) { return c.row, c.col }

// SetCursor moves the cursor (clearing the selection) and scrolls to it.
func (c *codeEditor) SetCursor(row, col int) {
	c.row = min(max(row, 0), len(c.lines)-1)
	c.col = min(max(col, 0), runeLen(c.lines[c.row]))
	c.anchorRow, c.anchorCol = c.row, c.col
	c.scrollToCursor()
	c.Refresh()
}

// Mark highlights lines from…to (0-based, inclusive) and scrolls them into
// view; from < 0 removes the highlight.
func (c *codeEditor) Mark(from, to int) {
	c.markFrom, c.markTo = from, to
	if from >= 0 {
		// Show the start of the range near the top, unless all of it is in view.
		cell, _ := c.metrics()
		top, bottom := float32(from)*cell.Height, float32(to+1)*cell.Height
		if top < c.offset.Y || bottom > c.offset.Y+c.Size().Height {
			c.offset.Y = top - 2*cell.Height
			c.clampOffset()
		}
	}
	c.Refresh()
}

// SetErrorLine marks the 0-based line of a syntax error; -1 for none.
func (c *codeEditor) SetErrorLine(row int) {
	if row != c.errRow {
		c.errRow = row
		c.Refresh()
	}
}

// SelectedText returns the selected text.
func (c *codeEditor) SelectedText() string {
	r0, c0, r1, c1 := c.selection()
	if r0 == r1 {
		return string([]rune(c.lines[r0])[c0:c1])
	}
	var b strings.Builder
	b.WriteString(string([]rune(c.lines[r0])[c0:]))
	for r := r0 + 1; r < r1; r++ {
		b.WriteString("\n" + c.lines[r])
	}
	b.WriteString("\n" + string([]rune(c.lines[r1])[:c1]))
	return b.String()
}

// selection returns the selection's start and end, in order.
func (c *codeEditor) selection() (r0, c0, r1, c1 int) {
	r0, c0, r1, c1 = c.anchorRow, c.anchorCol, c.row, c.col
	if r1 < r0 || r1 == r0 && c1 < c0 {
		r0, c0, r1, c1 = r1, c1, r0, c0
	}
	return
}

func (c *codeEditor) hasSelection() bool { return c.anchorRow != c.row || c.anchorCol != c.col }

func runeLen(s string) int { return len([]rune(s)) }

// metrics returns the size of one character cell of the monospace font.
func (c *codeEditor) metrics() (cell fyne.Size, textSize float32) {
	textSize = c.Theme().Size(theme.SizeNameText)
	s := fyne.MeasureText("M", textSize, fyne.TextStyle{Monospace: true})
	return fyne.NewSize(s.Width, s.Height), textSize
}

// scrollToCursor scrolls so the cursor is in view.
func (c *codeEditor) scrollToCursor() {
	cell, _ := c.metrics()
	size := c.Size()
	x := float32(c.col) * cell.Width
	if x < c.offset.X {
		c.offset.X = x
	} else if x+cell.Width > c.offset.X+size.Width-gutterPad {
		c.offset.X = x + cell.Width - size.Width + gutterPad
	}
	c.scrollToRow(c.row)
}

// scrollToRow scrolls vertically so row is in view, with some context.
func (c *codeEditor) scrollToRow(row int) {
	cell, _ := c.metrics()
	h := c.Size().Height
	y := float32(row) * cell.Height
	if y < c.offset.Y {
		c.offset.Y = max(0, y-2*cell.Height)
	} else if y+cell.Height > c.offset.Y+h {
		c.offset.Y = y + 3*cell.Height - h
	}
	c.clampOffset()
}

func (c *codeEditor) clampOffset() {
	cell, _ := c.metrics()
	maxY := max(0, float32(len(c.lines)+1)*cell.Height-c.Size().Height)
	c.offset.Y = min(max(c.offset.Y, 0), maxY)
	c.offset.X = max(c.offset.X, 0)
}

// positionAt returns the line and column at a point of the widget.
func (c *codeEditor) positionAt(p fyne.Position) (row, col int) {
	cell, _ := c.metrics()
	row = int((p.Y + c.offset.Y - textPad) / cell.Height)
	row = min(max(row, 0), len(c.lines)-1)
	col = int((p.X+c.offset.X-gutterPad)/cell.Width + 0.5)
	col = min(max(col, 0), runeLen(c.lines[row]))
	return row, col
}

// Padding around the text, in pixels.
const (
	gutterPad = 6
	textPad   = 4
)

// CreateRenderer is part of fyne.Widget.
func (c *codeEditor) CreateRenderer() fyne.WidgetRenderer {
	r := &codeRenderer{c: c, bg: fcanvas.NewRectangle(color.Transparent), cursor: fcanvas.NewRectangle(color.Transparent),
		bar: fcanvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

// Cursor is part of desktop.Cursorable.
func (c *codeEditor) Cursor() desktop.Cursor { return desktop.TextCursor }

// MinSize is small: the text scrolls.
func (c *codeEditor) MinSize() fyne.Size { return fyne.NewSize(80, 60) }

// codeRenderer draws the lines in view.
type codeRenderer struct {
	c       *codeEditor
	bg      *fcanvas.Rectangle
	marks   []*fcanvas.Rectangle // highlights, one per visible line at most
	texts   []*fcanvas.Text
	cursor  *fcanvas.Rectangle
	bar     *fcanvas.Rectangle
	objects []fyne.CanvasObject
}

func (r *codeRenderer) Destroy()                     {}
func (r *codeRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *codeRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *codeRenderer) Layout(fyne.Size)             { r.update() }
func (r *codeRenderer) Refresh() {
	r.update()
	fcanvas.Refresh(r.bg)
}

func (r *codeRenderer) update() {
	c := r.c
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	size := c.Size()
	cell, textSize := c.metrics()
	fg := th.Color(theme.ColorNameForeground, v)
	r.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
	if c.focused {
		r.bg.StrokeColor, r.bg.StrokeWidth = th.Color(theme.ColorNameFocus, v), 1
	} else {
		r.bg.StrokeWidth = 0
	}
	r.bg.Resize(size)
	objs := append(r.objects[:0], fyne.CanvasObject(r.bg))

	first := max(0, int(c.offset.Y/cell.Height))
	n := int(size.Height/cell.Height) + 2
	last := min(len(c.lines)-1, first+n-1)
	y0 := textPad - c.offset.Y
	x0 := gutterPad - c.offset.X

	// Line highlights: the marked state, the error line, the selection.
	nm := 0
	addMark := func(row int, x, w float32, col color.Color) {
		if nm == len(r.marks) {
			r.marks = append(r.marks, fcanvas.NewRectangle(color.Transparent))
		}
		m := r.marks[nm]
		nm++
		m.FillColor = col
		m.Move(fyne.NewPos(x, y0+float32(row)*cell.Height))
		m.Resize(fyne.NewSize(w, cell.Height+1)) // overlap: no seams between lines
		objs = append(objs, m)
	}
	markCol := th.Color(theme.ColorNameSelection, v)
	selCol := th.Color(theme.ColorNamePrimary, v)
	selCol = color.NRGBAModel.Convert(selCol).(color.NRGBA)
	sc := selCol.(color.NRGBA)
	sc.A = 0x60
	errCol := color.NRGBAModel.Convert(th.Color(theme.ColorNameError, v)).(color.NRGBA)
	errCol.A = 0x40
	r0, c0, r1, c1 := c.selection()
	for row := first; row <= last; row++ {
		if c.markFrom >= 0 && row >= c.markFrom && row <= c.markTo {
			addMark(row, 0, size.Width, markCol)
		}
		if row == c.errRow {
			addMark(row, 0, size.Width, errCol)
		}
		if c.hasSelection() && row >= r0 && row <= r1 {
			from, to := 0, runeLen(c.lines[row])+1
			if row == r0 {
				from = c0
			}
			if row == r1 {
				to = c1
			}
			if to > from {
				addMark(row, x0+float32(from)*cell.Width, float32(to-from)*cell.Width, sc)
			}
		}
	}

	// The text.
	for i := 0; i <= last-first; i++ {
		if i == len(r.texts) {
			t := fcanvas.NewText("", fg)
			t.TextStyle = fyne.TextStyle{Monospace: true}
			r.texts = append(r.texts, t)
		}
		t := r.texts[i]
		row := first + i
		line := c.lines[row]
		if t.Text != line || t.TextSize != textSize || t.Color != fg {
			t.Text, t.TextSize, t.Color = line, textSize, fg
			t.Refresh()
		}
		t.Move(fyne.NewPos(x0, y0+float32(row)*cell.Height))
		t.Resize(fyne.NewSize(float32(runeLen(line))*cell.Width, cell.Height))
		objs = append(objs, t)
	}

	if c.focused {
		r.cursor.FillColor = th.Color(theme.ColorNamePrimary, v)
		r.cursor.Move(fyne.NewPos(x0+float32(c.col)*cell.Width-1, y0+float32(c.row)*cell.Height))
		r.cursor.Resize(fyne.NewSize(2, cell.Height))
		objs = append(objs, r.cursor)
	}

	// A vertical scroll indicator when the text is taller than the view.
	total := float32(len(c.lines)+1) * cell.Height
	if total > size.Height && size.Height > 0 {
		h := max(20, size.Height*size.Height/total)
		y := (size.Height - h) * c.offset.Y / (total - size.Height)
		r.bar.FillColor = th.Color(theme.ColorNameScrollBar, v)
		r.bar.CornerRadius = 2
		r.bar.Move(fyne.NewPos(size.Width-6, y))
		r.bar.Resize(fyne.NewSize(4, h))
		objs = append(objs, r.bar)
	}
	r.objects = objs
}
