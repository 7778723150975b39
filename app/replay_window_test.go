package app_test

import (
	"bytes"
	"context"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"baton/cli"
)

// replayScreenshotEnv names a file to copy the replay window test's
// screenshot to (docs/replay.png for the README).
const replayScreenshotEnv = "BATON_REPLAY_SCREENSHOT"

// TestReplayWindow_showsOutcomes replays a run of the example saga saved
// by `baton run --history` in a real window (`baton --replay HISTORY
// DEF`; make test runs the tests under Xvfb), and checks a screenshot:
// the caught and retried ChargePayment in the warning colour, the failed
// OrderFailed in the error colour.
func TestReplayWindow_showsOutcomes(t *testing.T) {
	skipWithoutDisplay(t)
	history := filepath.Join(t.TempDir(), "saga.history.json")
	var out bytes.Buffer
	ex := "../testdata/examples/order-saga"
	code := cli.Main(&cli.Env{Stdout: &out, Stderr: &out}, []string{"run", ex + ".asl.json", "--input", "@" + ex + ".input.json",
		"--mocks", ex + ".mocks.json", "--test-case", "PaymentFails", "--history", history})
	if code == 0 {
		t.Fatalf("the PaymentFails run succeeded: %s", out.String())
	}
	def, err := filepath.Abs(ex + ".asl.json")
	if err != nil {
		t.Fatal(err)
	}
	title := shootApp(t, []string{"--replay", history, def}, "Replay", checkReplayShot, replayScreenshotEnv)
	if want := "Baton — Replay of saga.history.json"; title != want {
		t.Errorf("window title %q, want %q", title, want)
	}
}

// skipWithoutDisplay skips a test that needs a real window when there is
// no X display or no screenshot tools.
func skipWithoutDisplay(t *testing.T) {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Skip("needs an X display; `make test` runs the tests under xvfb-run")
	}
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s (make deps installs it)", tool)
		}
	}
}

// shootApp runs the app with args (the test binary runs app.Run, see
// main_test.go), waits for a window whose name contains name, and takes
// screenshots until check finds nothing wrong with one (the window
// appears before its first frame is drawn) or a deadline passes. It
// copies the screenshot to the file named by the environment variable
// copyEnv, if set, and returns the window's title.
func shootApp(t *testing.T, args []string, name string, check func(image.Image) string, copyEnv string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), runAppEnv+"="+strings.Join(args, "\n"), "LANG=en_US.UTF-8", "XDG_CONFIG_HOME="+t.TempDir())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	title, err := exec.CommandContext(ctx, "xdotool", "search", "--sync", "--name", name, "getwindowname").Output()
	if err != nil {
		t.Fatalf("no window named %s appeared: %v\napp output:\n%s", name, err, out.String())
	}
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
		if last = check(img); last == "" {
			break
		}
	}
	if last != "" {
		t.Fatalf("the screenshot is wrong: %s (kept in %s)\napp output:\n%s", last, shot, out.String())
	}
	if dst := os.Getenv(copyEnv); dst != "" {
		data, _ := os.ReadFile(shot)
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return strings.TrimSpace(string(title))
}

// checkReplayShot says what is wrong with a screenshot of the replay,
// "" if nothing: many colours, and in the canvas (the left half, below
// the toolbar and its legend) the box outlines of a caught state (the
// theme's warning orange) and of a failed one (its error red).
func checkReplayShot(img image.Image) string {
	b := img.Bounds()
	colours, n := shotPixels(img, func(x, y int) bool { return x <= b.Dx()/2 && y >= b.Min.Y+50 },
		nearTo([3]uint8{0xff, 0x98, 0x00}), nearTo([3]uint8{0xf4, 0x43, 0x36}))
	switch {
	case colours < 64:
		return "only " + strconv.Itoa(colours) + " distinct colours"
	case n[0] < 100:
		return "only " + strconv.Itoa(n[0]) + " pixels of the caught state's orange"
	case n[1] < 100:
		return "only " + strconv.Itoa(n[1]) + " pixels of the failed state's red"
	}
	return ""
}

// shotPixels returns how many distinct colours img has, and how many
// pixels of the part where inCanvas holds each of kinds accepts.
func shotPixels(img image.Image, inCanvas func(x, y int) bool, kinds ...func(c [3]uint8) bool) (colours int, counts []int) {
	b := img.Bounds()
	seen := map[[3]uint8]bool{}
	counts = make([]int, len(kinds))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			c := [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}
			seen[c] = true
			if !inCanvas(x, y) {
				continue
			}
			for i, k := range kinds {
				if k(c) {
					counts[i]++
				}
			}
		}
	}
	return len(seen), counts
}

// nearTo accepts the colours near3 to want.
func nearTo(want [3]uint8) func(c [3]uint8) bool {
	return func(c [3]uint8) bool { return near3(c, want) }
}

// near3 reports whether two colours are within 16 of each other in every
// channel.
func near3(a, b [3]uint8) bool {
	for i := range a {
		if d := int(a[i]) - int(b[i]); d < -16 || d > 16 {
			return false
		}
	}
	return true
}
