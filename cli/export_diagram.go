package cli

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"baton/canvas"
	"baton/model"
)

// The designer's pictures of a diagram, for `baton export --to png|svg`:
// the same drawing as the canvas widget, made without a display.
func init() {
	RegisterDiagramExporter("png", exportPNG)
	RegisterDiagramExporter("svg", exportSVG)
}

// diagramPositions reads the layout sidecar beside the definition, if any.
func diagramPositions(definitionPath string) (model.Positions, error) {
	if definitionPath == "-" {
		return nil, nil
	}
	return model.LoadPositions(definitionPath)
}

// exportPNG paints the canvas widget with Fyne's software painter, on
// Fyne's headless test app when no app is running.
func exportPNG(doc *model.Document, definitionPath string) ([]byte, error) {
	pos, err := diagramPositions(definitionPath)
	if err != nil {
		return nil, err
	}
	if fyne.CurrentApp() == nil {
		test.NewApp()
	}
	return canvas.RenderPNG(doc, pos, theme.LightTheme())
}

func exportSVG(doc *model.Document, definitionPath string) ([]byte, error) {
	pos, err := diagramPositions(definitionPath)
	if err != nil {
		return nil, err
	}
	return canvas.RenderSVG(doc, pos), nil
}
