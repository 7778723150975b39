package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/storage"

	"baton/canvas"
	"baton/model"
)

// exportKinds are what File ▸ Export writes: a label, a file extension.
var exportKinds = []struct{ label, ext string }{
	{"ASL JSON…", ".asl.json"}, {"ASL YAML…", ".asl.yaml"}, {"Diagram PNG…", ".png"}, {"Diagram SVG…", ".svg"},
}

// exportData renders the definition for an export file extension: the ASL
// in JSON or YAML, or the diagram (with the manual layout) as PNG in the
// current theme or SVG.
func (e *Editor) exportData(ext string) ([]byte, error) {
	doc := e.Doc()
	switch ext {
	case ".asl.json":
		return doc.Marshal(model.JSON), nil
	case ".asl.yaml":
		return doc.Marshal(model.YAML), nil
	case ".png":
		return canvas.RenderPNG(doc, e.positions, nil)
	case ".svg":
		return canvas.RenderSVG(doc, e.positions), nil
	}
	return nil, fmt.Errorf("cannot export as %s", ext)
}

// exportDialog asks where to export, and writes there.
func (e *Editor) exportDialog(ext string) {
	e.code.flush()
	base := "state-machine"
	if e.path != "" {
		base = strings.TrimSuffix(strings.TrimSuffix(filepath.Base(e.path), filepath.Ext(e.path)), ".asl")
	}
	e.askSavePath(base+ext, storage.NewExtensionFileFilter([]string{filepath.Ext(ext)}), func(path string) {
		if err := e.exportTo(path, ext); err != nil {
			e.status.error(err)
		}
	})
}

// exportTo writes an export to path.
func (e *Editor) exportTo(path, ext string) error {
	data, err := e.exportData(ext)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	e.status.info("Exported " + path)
	return nil
}
