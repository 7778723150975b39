package app_test

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// screenshotEnv names a file to copy the window test's screenshot to
// (e.g. docs/screenshot.png for the README).
const screenshotEnv = "BATON_SCREENSHOT"

// TestWindow_showsDiagram starts the designer on the example in a real
// window (make test runs the tests under Xvfb), waits for the window,
// takes a screenshot and checks that it shows a drawn diagram.
func TestWindow_showsDiagram(t *testing.T) {
	skipWithoutDisplay(t)
	example, err := filepath.Abs("../testdata/examples/order-saga.asl.json")
	if err != nil {
		t.Fatal(err)
	}
	title := shootApp(t, []string{example}, "Baton", checkShot, screenshotEnv)
	if want := "Baton — order-saga.asl.json"; title != want {
		t.Errorf("window title %q, want %q", title, want)
	}
}

func readPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

// taskAccent is the colour of Task boxes' accent bar and icon.
var taskAccent = color.NRGBA{0x2f, 0x7d, 0xe1, 0xff}

// checkShot says what is wrong with a screenshot of the designer, "" if
// nothing: it must have many colours (not a blank or single-colour
// window), and Task-blue pixels in the canvas area.
func checkShot(img image.Image) string {
	b := img.Bounds()
	colours := map[color.RGBA]bool{}
	blue := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			c := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 0xff}
			colours[c] = true
			if near(c.R, taskAccent.R) && near(c.G, taskAccent.G) && near(c.B, taskAccent.B) {
				blue++
			}
		}
	}
	switch {
	case len(colours) < 64:
		return "only " + strconv.Itoa(len(colours)) + " distinct colours"
	case blue < 100:
		return "only " + strconv.Itoa(blue) + " pixels of the Task boxes' blue"
	}
	return ""
}

func near(a, b uint8) bool { return a-b < 12 || b-a < 12 }
