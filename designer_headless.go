//go:build headless

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// designerBinary is the full build of baton (`go build .`), which the
// command line alone runs for the app.
const designerBinary = "baton-app"

// openDesigner replaces this process with baton-app from the same folder,
// given the same arguments.
//
// A process pays for every package linked into its binary whether it uses
// it or not: Go initializes all of them at start, the app's OpenGL and X11
// libraries are loaded before main, and a binary with the app in it is
// half as big again, so the same start touches more of it. `baton run`
// thus started about 8 MB heavier (25 instead of 17 MB), and up to twice
// that when the binary's pages were cached in big blocks, as they are just
// after linking. The headless build leaves that to baton-app.
func openDesigner(args []string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	path := filepath.Join(filepath.Dir(self), designerBinary)
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("this baton is the command line only (built with -tags headless), and the app, %s, is not beside it (%s): build it with `make build`, or `go build -o %s .`", designerBinary, path, path)
	}
	return syscall.Exec(path, append([]string{path}, args...), os.Environ())
}
