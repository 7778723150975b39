package app

import (
	"fyne.io/fyne/v2"
)

// Open shows a designer window for each path (one empty window when there
// are none) in a, without running the app's event loop.
func Open(a fyne.App, paths []string) error {
	if len(paths) == 0 {
		paths = []string{""}
	}
	for _, p := range paths {
		w := a.NewWindow("Baton — " + p)
		w.Show()
	}
	return nil
}
