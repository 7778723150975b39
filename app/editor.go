package app

import (
	"errors"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"baton/canvas"
	"baton/model"
)

// textPause is how long the text must rest before it is re-parsed.
const textPause = 400 * time.Millisecond

// Scheduler runs f after d on Fyne's goroutine and returns a function that
// cancels it. Tests use a manual one, so no test waits for real time.
type Scheduler func(d time.Duration, f func()) (cancel func())

// realScheduler is a Scheduler on the wall clock.
func realScheduler(d time.Duration, f func()) func() {
	t := time.AfterFunc(d, func() { fyne.Do(f) })
	return func() { t.Stop() }
}

// Editor is one open definition in a window: its history (the single
// source of truth), its manual layout, and the views derived from them.
type Editor struct {
	app  fyne.App
	win  fyne.Window
	path string

	hist      *model.History
	positions model.Positions
	// format is the format the code view shows.
	format model.Format
	// savedText is the document as last opened or saved, to tell whether
	// there are unsaved changes; savedLayout likewise for positions.
	savedText   string
	layoutDirty bool

	// shown is the text of the code view parsed, so problems and the
	// selected state point at lines of the text on screen; nil while the
	// text does not parse.
	shown   *model.Document
	textErr error

	flow    *model.Graph
	diagram *model.Diagram

	schedule Scheduler

	graph    *canvas.Graph
	code     *codeView
	insp     *inspector
	problems *problemsView
	palette  *paletteView
	status   *statusBar
	ghost    *ghost
	autosave *autosaver
	// dbg runs and debugs the definition.
	dbg *debugger
	// findEntry is the toolbar's search field.
	findEntry *widget.Entry

	// dragAbs is where a palette item being dragged is (window coordinates).
	dragAbs fyne.Position

	// onChange observers (title, autosave) run after every change.
	onChange []func()
}

// newEditor makes an editor for doc (nil: an empty definition) read from
// path ("" for a new one), without a window.
func newEditor(a fyne.App, path string, doc *model.Document, src []byte, schedule Scheduler) *Editor {
	if schedule == nil {
		schedule = realScheduler
	}
	if doc == nil {
		src = []byte(emptyDefinition)
		doc, _ = model.Parse(path, src)
	}
	e := &Editor{app: a, path: path, hist: model.NewHistory(doc), format: doc.Format, schedule: schedule, positions: model.Positions{}}
	if path != "" {
		if p, err := model.LoadPositions(path); err == nil {
			e.positions = p
		}
	}
	e.savedText = string(doc.Marshal(e.format))
	e.build()
	e.shown = doc
	e.code.setText(string(src))
	e.relayout()
	e.refreshViews()
	return e
}

// emptyDefinition is what File ▸ New starts from.
const emptyDefinition = `{
  "Comment": "A new state machine",
  "StartAt": "Start",
  "States": {
    "Start": {
      "Type": "Pass",
      "End": true
    }
  }
}
`

// Doc returns the current document.
func (e *Editor) Doc() *model.Document { return e.hist.Doc() }

// Path returns the file the editor saves to ("" until saved).
func (e *Editor) Path() string { return e.path }

// Text returns the text in the code view.
func (e *Editor) Text() string { return e.code.editor.Text() }

// Dirty reports whether there are unsaved changes.
func (e *Editor) Dirty() bool {
	return e.layoutDirty || string(e.Doc().Marshal(e.format)) != e.savedText
}

// Title is the window title: the file's name, with "•" when unsaved.
func (e *Editor) Title() string {
	name := "Untitled"
	if e.path != "" {
		name = filepath.Base(e.path)
	}
	t := "Baton — " + name
	if e.Dirty() {
		t += " •"
	}
	return t
}

// Apply applies an edit from the canvas or a form through the history and
// re-derives every view, the text included.
func (e *Editor) Apply(ed model.Edit) error {
	if err := e.hist.Apply(ed); err != nil {
		e.status.error(err)
		return err
	}
	e.status.info(ed.Describe())
	e.afterEdit(true)
	return nil
}

// flushPending turns what the user is still typing (text, form fields)
// into edits now, so undo and redo see them.
func (e *Editor) flushPending() {
	e.code.flush()
	for _, f := range e.insp.fields {
		if f.cancel != nil {
			f.flush()
		}
	}
}

// Undo undoes the last edit of any kind.
func (e *Editor) Undo() {
	e.flushPending()
	if e.hist.Undo() {
		e.status.info("Undo")
		e.afterEdit(true)
	}
}

// Redo redoes the last undone edit.
func (e *Editor) Redo() {
	e.flushPending()
	if e.hist.Redo() {
		e.status.info("Redo")
		e.afterEdit(true)
	}
}

// afterEdit re-derives the views from the document; writeText says
// whether the code view is re-serialized (not when the edit came from it).
func (e *Editor) afterEdit(writeText bool) {
	if writeText {
		// Text keeps the user's layout of whatever the edit left alone.
		text := e.Doc().Text(e.format)
		e.code.setText(string(text))
		e.shown, _ = model.Parse(e.path, text)
		e.textErr = nil
	}
	e.relayout()
	e.refreshViews()
}

// relayout lays the document out with the manual positions and shows it.
func (e *Editor) relayout() {
	e.flow = model.BuildGraph(e.Doc().Machine)
	e.diagram = model.Layout(e.flow, e.positions)
	e.graph.SetDiagram(e.flow, e.diagram)
}

// refreshViews updates everything derived from the document except the
// canvas and the text.
func (e *Editor) refreshViews() {
	e.insp.refresh()
	e.problems.refresh()
	e.code.showError(e.textErr)
	for _, f := range e.onChange {
		f()
	}
}

// textChanged is called by the code view after the text rested: valid
// text replaces the document (one undoable edit); invalid text keeps the
// last valid document and shows the error.
func (e *Editor) textChanged(text string) {
	doc, err := model.Parse(e.path, []byte(text))
	if err != nil {
		e.shown, e.textErr = nil, err
		e.refreshViews()
		return
	}
	e.shown, e.textErr = doc, nil
	if string(doc.Marshal(e.format)) == string(e.Doc().Marshal(e.format)) {
		e.refreshViews() // only formatting changed
		return
	}
	if err := e.hist.Apply(model.ReplaceText{Src: []byte(text)}); err != nil {
		e.textErr = err
		e.refreshViews()
		return
	}
	e.afterEdit(false)
}

// SetFormat switches the code view between JSON and YAML.
func (e *Editor) SetFormat(f model.Format) {
	if f == e.format {
		return
	}
	if e.textErr != nil {
		e.status.error(errors.New("fix the text before switching format: " + e.textErr.Error()))
		e.code.showFormat(e.format)
		return
	}
	e.format = f
	e.savedText = "" // saving in another format is a change
	e.afterEdit(true)
}

// selectState selects a state on the canvas and shows it everywhere.
func (e *Editor) selectState(names ...string) {
	e.graph.Select(names...)
	if len(names) == 1 {
		e.graph.CenterOn(names[0])
	}
	e.selectionChanged(names)
}

// selectionChanged follows a new canvas selection in the other views.
func (e *Editor) selectionChanged(names []string) {
	e.insp.refresh()
	name := ""
	if len(names) == 1 {
		name = names[0]
	}
	e.code.revealState(e.shown, name)
}
