package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baton/canvas"
	"baton/model"
)

// build creates the editor's widgets and wires the canvas's gestures.
func (e *Editor) build() {
	e.status = newStatusBar()
	e.graph = canvas.NewGraph()
	e.code = newCodeView(e)
	e.insp = newInspector(e)
	e.problems = newProblemsView(e)
	e.palette = newPaletteView(e)
	e.ghost = newGhost()
	e.wireGraph()
	e.dbg = newDebugger(e)
}

// content lays the panels out: palette | canvas over problems | inspector
// over code, with a toolbar on top and the status bar at the bottom.
func (e *Editor) content() fyne.CanvasObject {
	zoom := widget.NewLabel("100%")
	e.graph.OnZoom = func(z float32) { zoom.SetText(fmt.Sprintf("%.0f%%", z*100)) }
	tools := widget.NewToolbar(
		widget.NewToolbarAction(theme.DocumentCreateIcon(), func() { e.newWindow() }),
		widget.NewToolbarAction(theme.FolderOpenIcon(), func() { e.openDialog() }),
		widget.NewToolbarAction(theme.DocumentSaveIcon(), func() { e.Save() }),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ContentUndoIcon(), e.Undo),
		widget.NewToolbarAction(theme.ContentRedoIcon(), e.Redo),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ZoomOutIcon(), e.graph.ZoomOut),
		widget.NewToolbarAction(theme.ZoomInIcon(), e.graph.ZoomIn),
		widget.NewToolbarAction(theme.ZoomFitIcon(), e.graph.Fit),
	)
	for _, it := range e.dbg.toolbarItems() {
		tools.Append(it)
	}
	problemsTitle := widget.NewLabel("Problems")
	e.problems.onCount = func(errs, warns int) {
		problemsTitle.SetText(fmt.Sprintf("Problems: %d errors, %d warnings", errs, warns))
	}
	e.problems.refresh()
	// A scroll container that never scrolls clips the diagram to its panel.
	clip := container.NewScroll(e.graph)
	clip.Direction = container.ScrollNone
	centre := container.NewVSplit(clip, e.dbg.ui.bottomTabs(container.NewBorder(problemsTitle, nil, nil, nil, e.problems.list)))
	centre.Offset = 0.85
	right := container.NewVSplit(e.dbg.ui.rightTabs(e.insp.box), container.NewBorder(widget.NewLabelWithStyle("ASL", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, e.code.box))
	right.Offset = 0.45
	e.dbg.ui.centre, e.dbg.ui.rightSplit = centre, right
	main := container.NewHSplit(centre, right)
	main.Offset = 0.6
	body := container.NewHSplit(e.palette.box, main)
	body.Offset = 0.17
	find := e.newFindEntry()
	top := container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(240, find.MinSize().Height), find), zoom), tools)
	return container.NewStack(container.NewBorder(top, e.status.label, nil, nil, body), e.ghost.layer)
}

// openEditorWindow shows an editor in a new window of a.
func openEditorWindow(a fyne.App, path string, doc *model.Document, src []byte, schedule Scheduler) *Editor {
	e := newEditor(a, path, doc, src, schedule)
	w := a.NewWindow(e.Title())
	e.win = w
	e.onChange = append(e.onChange, func() { w.SetTitle(e.Title()) })
	if dir, err := recoveryDir(); err == nil {
		e.autosave = newAutosaver(e, dir)
		e.onChange = append(e.onChange, e.autosave.changed)
	}
	w.SetContent(e.content())
	w.SetMainMenu(e.mainMenu())
	w.Canvas().AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { e.Redo() })
	w.Canvas().AddShortcut(shortcutFind, func(fyne.Shortcut) { e.focusFind() })
	w.SetOnDropped(e.dropped)
	w.Canvas().SetOnTypedKey(e.dbg.typedKey)
	w.SetCloseIntercept(func() {
		e.confirmDiscard("close the window", func() {
			if e.autosave != nil {
				e.autosave.remove()
			}
			e.dbg.close()
			w.Close()
		})
	})
	w.Resize(fyne.NewSize(1280, 800))
	w.Show()
	return e
}
