package app

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"baton/cloud"
)

// replayScreenshotEnv names a file to copy the replay window test's
// screenshot to (docs/replay.png for the README).
const replayScreenshotEnv = "BATON_REPLAY_SCREENSHOT"

// TestReplayWindow_showsOutcomes opens the replay of a recorded run of
// the example saga in a real window (`baton --replay HISTORY DEF`,
// through the test binary as in TestWindow_showsDiagram; make test runs
// the tests under Xvfb), and checks a screenshot: the caught and retried
// ChargePayment in the warning colour, the failed OrderFailed in the
// error colour.
func TestReplayWindow_showsOutcomes(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("needs an X display; `make test` runs the tests under xvfb-run")
	}
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s (make deps installs it)", tool)
		}
	}
	_, events := recordSaga(t, "PaymentFails")
	dir := t.TempDir()
	history := filepath.Join(dir, "saga.history.json")
	var buf bytes.Buffer
	if err := cloud.SaveHistory(&buf, events); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(history, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	def, err := filepath.Abs(sagaPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	// BATON_TEST_RUN_APP (see main_test.go) makes the test binary run
	// app.Run with these arguments.
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "BATON_TEST_RUN_APP="+strings.Join([]string{replayFlag, history, def}, "\n"),
		"LANG=en_US.UTF-8", "XDG_CONFIG_HOME="+t.TempDir())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()

	title, err := exec.CommandContext(ctx, "xdotool", "search", "--sync", "--name", "Replay", "getwindowname").Output()
	if err != nil {
		t.Fatalf("no replay window appeared: %v\napp output:\n%s", err, out.String())
	}
	if got, want := strings.TrimSpace(string(title)), "Baton — Replay of saga.history.json"; got != want {
		t.Errorf("window title %q, want %q", got, want)
	}
	// The window appears before its first frame: take screenshots until
	// one shows the outcomes, or the deadline passes.
	shot := filepath.Join(dir, "replay.png")
	var last string
	for ctx.Err() == nil {
		if err := exec.CommandContext(ctx, "import", "-window", "root", shot).Run(); err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		img, err := readShot(shot)
		if err != nil {
			t.Fatal(err)
		}
		if last = checkReplayShot(img); last == "" {
			break
		}
	}
	if last != "" {
		t.Fatalf("the screenshot does not show the replay: %s (kept in %s)\napp output:\n%s", last, shot, out.String())
	}
	if dst := os.Getenv(replayScreenshotEnv); dst != "" {
		data, _ := os.ReadFile(shot)
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readShot(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

// checkReplayShot says what is wrong with a screenshot of the replay,
// "" if nothing: many colours, and in the canvas (the left half, below
// the toolbar and its legend) the box outlines of a caught state (the
// theme's warning orange) and of a failed one (its error red).
func checkReplayShot(img image.Image) string {
	b := img.Bounds()
	colours := map[[3]uint8]bool{}
	warn, errc := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			c := [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}
			colours[c] = true
			if x > b.Dx()/2 || y < b.Min.Y+50 {
				continue
			}
			if close3(c, [3]uint8{0xff, 0x98, 0x00}) {
				warn++
			}
			if close3(c, [3]uint8{0xf4, 0x43, 0x36}) {
				errc++
			}
		}
	}
	switch {
	case len(colours) < 64:
		return "only " + strconv.Itoa(len(colours)) + " distinct colours"
	case warn < 100:
		return "only " + strconv.Itoa(warn) + " pixels of the caught state's orange"
	case errc < 100:
		return "only " + strconv.Itoa(errc) + " pixels of the failed state's red"
	}
	return ""
}

func close3(a, b [3]uint8) bool {
	for i := range a {
		d := int(a[i]) - int(b[i])
		if d < -16 || d > 16 {
			return false
		}
	}
	return true
}
