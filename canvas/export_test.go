package canvas_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"baton/canvas"
	"baton/model"
)

func loadExample(t testing.TB, name string) *model.Document {
	t.Helper()
	src, err := os.ReadFile("../testdata/examples/" + name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := model.Parse(name, src)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// colourCount counts the distinct colours of img.
func colourCount(img image.Image) int {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}] = true
		}
	}
	return len(seen)
}

func TestRenderPNG_example(t *testing.T) {
	test.NewTempApp(t)
	doc := loadExample(t, "order-saga.asl.json")
	data, err := canvas.RenderPNG(doc, nil, theme.LightTheme())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	d := model.Layout(model.BuildGraph(doc.Machine), nil)
	if got, want := img.Bounds().Size(), (image.Point{int(math.Ceil(float64(d.Size.X))), int(math.Ceil(float64(d.Size.Y)))}); got != want {
		t.Errorf("size %v, want the diagram's %v", got, want)
	}
	if n := colourCount(img); n < 50 {
		t.Errorf("%d distinct colours; a drawn diagram has many more", n)
	}
	// The Task box of the first state is filled with the Task tint.
	b := d.Box("ValidateOrder")
	r, g, bl, _ := img.At(int(b.Rect.X+b.Rect.W-10), int(b.Rect.Y+b.Rect.H/2)).RGBA()
	if !(bl > r && bl > g) {
		t.Errorf("ValidateOrder's box is not blue-tinted: %v %v %v", r>>8, g>>8, bl>>8)
	}
}
