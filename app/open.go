package app

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"

	"baton/model"
)

// Open shows a designer window for each path (one new definition when
// there are none) in a, without running the app's event loop.
func Open(a fyne.App, paths []string) error {
	if len(paths) > 0 && paths[0] == replayFlag {
		return openReplayArgs(a, paths[1:])
	}
	if len(paths) > 0 && paths[0] == debugFlag {
		return openDebugArgs(a, paths[1:])
	}
	var first *Editor
	if len(paths) == 0 {
		first = openEditorWindow(a, "", nil, nil, nil)
	}
	for _, p := range paths {
		doc, src, err := readDefinition(p)
		if err != nil {
			return err
		}
		e := openEditorWindow(a, p, doc, src, nil)
		addRecent(a, p)
		if first == nil {
			first = e
		}
	}
	if dir, err := recoveryDir(); err == nil {
		offerRecovery(a, first.win, dir, nil)
	}
	return nil
}

// readDefinition reads and parses a definition file.
func readDefinition(path string) (*model.Document, []byte, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	doc, err := model.Parse(path, src)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open %s: %w", path, err)
	}
	return doc, src, nil
}
