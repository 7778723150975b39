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
	if len(paths) == 0 {
		openEditorWindow(a, "", nil, nil, nil)
		return nil
	}
	for _, p := range paths {
		doc, src, err := readDefinition(p)
		if err != nil {
			return err
		}
		openEditorWindow(a, p, doc, src, nil)
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
