package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	fcanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// ghost is the label that follows the pointer while a palette item is
// dragged; it lives in a layer over the whole window.
type ghost struct {
	bg    *fcanvas.Rectangle
	text  *fcanvas.Text
	layer *fyne.Container
}

func newGhost() *ghost {
	g := &ghost{bg: fcanvas.NewRectangle(color.Transparent), text: fcanvas.NewText("", color.Black)}
	g.layer = &fyne.Container{Objects: []fyne.CanvasObject{g.bg, g.text}} // no layout: placed by hand
	g.hide()
	return g
}

// show puts the label with title just below and right of abs (window
// coordinates).
func (g *ghost) show(title string, abs fyne.Position) {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := fyne.CurrentApp().Settings().Theme()
	g.text.Text = title
	g.text.Color = th.Color(theme.ColorNameForeground, v)
	g.bg.FillColor = th.Color(theme.ColorNameOverlayBackground, v)
	g.bg.StrokeColor = th.Color(theme.ColorNamePrimary, v)
	g.bg.StrokeWidth = 1.5
	g.bg.CornerRadius = 6
	s := g.text.MinSize()
	pos := abs.Add(fyne.NewDelta(12, 12))
	g.bg.Move(pos)
	g.bg.Resize(s.Add(fyne.NewSize(16, 8)))
	g.text.Move(pos.Add(fyne.NewDelta(8, 4)))
	g.text.Resize(s)
	g.layer.Show()
	g.text.Refresh()
	g.bg.Refresh()
}

func (g *ghost) hide() { g.layer.Hide() }
