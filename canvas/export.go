package canvas

import (
	"bytes"
	"errors"
	"image"
	"image/png"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"

	"baton/model"
)

// exportMaxSide bounds an exported picture, in logical pixels, so a huge
// definition cannot ask for gigabytes of memory.
const exportMaxSide = 20000

// RenderImage draws the diagram of doc (with the given manual positions,
// nil for automatic) with the same widget the designer shows, at zoom 1,
// on Fyne's software painter. With a theme th, it becomes the app's theme
// first (for headless use); with nil, the app's current theme is used and
// left alone. It needs a current Fyne app (the real one, or
// fyne.io/fyne/v2/test's for headless use) and, like every widget update,
// must run on Fyne's main goroutine when a real app is running.
func RenderImage(doc *model.Document, positions model.Positions, th fyne.Theme) (image.Image, error) {
	if fyne.CurrentApp() == nil {
		return nil, errors.New("rendering a diagram needs a Fyne app (none is running)")
	}
	flow := model.BuildGraph(doc.Machine)
	d := model.Layout(flow, positions)
	w, h := max(d.Size.X, 120), max(d.Size.Y, 120)
	if w > exportMaxSide || h > exportMaxSide {
		return nil, errors.New("the diagram is too large to export as a picture; export SVG instead")
	}
	g := NewGraph()
	g.SetDiagram(flow, d)
	g.autoFit = false // zoom 1, the origin at the top-left
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetContent(g)
	c.Resize(fyne.NewSize(w, h))
	if th == nil {
		return c.Capture(), nil
	}
	return software.RenderCanvas(c, th), nil
}

// RenderPNG is RenderImage encoded as PNG.
func RenderPNG(doc *model.Document, positions model.Positions, th fyne.Theme) ([]byte, error) {
	img, err := RenderImage(doc, positions, th)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
