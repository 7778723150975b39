package app_test

import (
	"image"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// debugScreenshotEnv names a file to copy the debug window test's
// screenshot to (docs/debug.png for the README).
const debugScreenshotEnv = "BATON_DEBUG_SCREENSHOT"

// TestDebugWindow_pausedAtBreakpoint debugs the example saga in a real
// window (`baton --debug DEF … --break ReserveItem:after`; make test runs
// the tests under Xvfb), paused after ReserveItem in the first iteration
// of ProcessItems, and checks a screenshot: the states that ran in the
// success colour on the canvas, the current one outlined.
func TestDebugWindow_pausedAtBreakpoint(t *testing.T) {
	skipWithoutDisplay(t)
	ex, err := filepath.Abs("../testdata/examples/order-saga")
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--debug", ex + ".asl.json", "--input", "@" + ex + ".input.json",
		"--mocks", ex + ".mocks.json", "--test-case", "HappyPath", "--break", "ReserveItem:after"}
	// The pointer rests on the status bar, where it hovers over nothing.
	exec.Command("xdotool", "mousemove", "1270", "790").Run()
	title := shootApp(t, args, "Baton", checkDebugShot, debugScreenshotEnv)
	if want := "Baton — order-saga.asl.json"; title != want {
		t.Errorf("window title %q, want %q", title, want)
	}
}

// checkDebugShot says what is wrong with a screenshot of the paused
// debugger, "" if nothing: many colours; in the canvas (left of the
// inspector, below the toolbar) the fill of visited states (the theme's
// success green over the background) and the outline of the current
// state (the theme's primary blue, unlike the Task boxes' accent).
func checkDebugShot(img image.Image) string {
	b := img.Bounds()
	greenish := func(c [3]uint8) bool { return c[1] > c[0]+20 && c[1] > c[2]+20 }
	colours, n := shotPixels(img, func(x, y int) bool { return x <= b.Dx()*6/10 && y >= b.Min.Y+60 },
		greenish, nearTo([3]uint8{0x28, 0x63, 0xd4}))
	switch {
	case colours < 64:
		return "only " + strconv.Itoa(colours) + " distinct colours"
	case n[0] < 500:
		return "only " + strconv.Itoa(n[0]) + " greenish pixels of visited states"
	case n[1] < 150:
		return "only " + strconv.Itoa(n[1]) + " pixels of the current state's blue outline"
	}
	return ""
}
