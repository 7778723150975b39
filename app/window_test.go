package app_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// screenshotEnv names a file to copy the window test's screenshot to
// (e.g. docs/screenshot.png for the README).
const screenshotEnv = "BATON_SCREENSHOT"

// TestWindow_showsDiagram starts the designer on the example in a real
// window (make test runs the tests under Xvfb), waits for the window,
// takes a screenshot and checks that it shows a drawn diagram.
func TestWindow_showsDiagram(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("needs an X display; `make test` runs the tests under xvfb-run")
	}
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s (make deps installs it)", tool)
		}
	}
	example, err := filepath.Abs("../testdata/examples/order-saga.asl.json")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), runAppEnv+"="+example, "LANG=en_US.UTF-8", "XDG_CONFIG_HOME="+t.TempDir())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()

	title, err := exec.CommandContext(ctx, "xdotool", "search", "--sync", "--name", "Baton", "getwindowname").Output()
	if err != nil {
		t.Fatalf("no window titled Baton appeared: %v\napp output:\n%s", err, out.String())
	}
	if got, want := strings.TrimSpace(string(title)), "Baton — order-saga.asl.json"; got != want {
		t.Errorf("window title %q, want %q", got, want)
	}

	// The window appears before its first frame is drawn: take screenshots
	// until one shows the diagram, or the deadline passes.
	shot := filepath.Join(t.TempDir(), "shot.png")
	var last string
	for ctx.Err() == nil {
		if err := exec.CommandContext(ctx, "import", "-window", "root", shot).Run(); err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		img, err := readPNG(shot)
		if err != nil {
			t.Fatal(err)
		}
		if last = checkShot(img); last == "" {
			break
		}
	}
	if last != "" {
		t.Fatalf("the screenshot does not show the designer: %s (kept in %s)\napp output:\n%s", last, shot, out.String())
	}
	if dst := os.Getenv(screenshotEnv); dst != "" {
		data, _ := os.ReadFile(shot)
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
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
