package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"baton/model"
)

// recentKey is the preference holding recently opened files, newest first.
const recentKey = "recentFiles"

// recentMax is how many recent files are kept.
const recentMax = 10

// definitionFilter is what the file dialogs show.
var definitionFilter = storage.NewExtensionFileFilter([]string{".json", ".yaml", ".yml"})

// newWindow opens an empty definition in a new window.
func (e *Editor) newWindow() {
	openEditorWindow(e.app, "", nil, nil, e.schedule)
}

// openDialog asks for a definition to open.
func (e *Editor) openDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if path, ok := e.chosen(r, err); ok {
			e.openPath(path)
		}
	}, e.win)
	d.SetFilter(definitionFilter)
	d.Show()
}

// askSavePath asks where to save, suggesting name, and calls then with
// the path chosen.
func (e *Editor) askSavePath(name string, filter storage.FileFilter, then func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if path, ok := e.chosen(w, err); ok {
			then(path)
		}
	}, e.win)
	d.SetFilter(filter)
	d.SetFileName(name)
	d.Show()
}

// chosen is the path a file dialog returned, reporting its error; ok is
// false when there is none (an error, or the user cancelled).
func (e *Editor) chosen(f interface {
	URI() fyne.URI
	Close() error
}, err error) (path string, ok bool) {
	if err != nil {
		e.status.error(err)
		return "", false
	}
	if f == nil {
		return "", false
	}
	f.Close()
	return f.URI().Path(), true
}

// openPath opens a definition: in this window when it holds an untouched
// new definition, else in a new window.
func (e *Editor) openPath(path string) {
	doc, src, err := readDefinition(path)
	if err != nil {
		e.status.error(err)
		return
	}
	addRecent(e.app, path)
	if e.path == "" && !e.Dirty() && !e.hist.CanUndo() {
		e.load(path, doc, src)
		return
	}
	openEditorWindow(e.app, path, doc, src, e.schedule)
}

// load replaces what the editor shows with a definition (a fresh history).
func (e *Editor) load(path string, doc *model.Document, src []byte) {
	e.path = path
	e.hist = model.NewHistory(doc)
	e.format = doc.Format
	e.positions = model.Positions{}
	if path != "" {
		if p, err := model.LoadPositions(path); err == nil {
			e.positions = p
		} else {
			e.status.error(err)
		}
	}
	e.savedText = string(doc.Marshal(e.format))
	e.layoutDirty = false
	e.graph.Select()
	e.shown, e.textErr = doc, nil
	e.code.setText(string(src))
	e.relayout()
	e.graph.Fit()
	e.refreshViews()
}

// Save writes the definition (and its layout sidecar) to its file, asking
// for a name first when it has none.
func (e *Editor) Save() error {
	e.code.flush()
	if e.path == "" {
		e.SaveAs()
		return nil
	}
	return e.saveTo(e.path)
}

// saveTo writes the text on screen to path, and the manual positions to
// its sidecar.
func (e *Editor) saveTo(path string) error {
	if e.textErr != nil {
		err := fmt.Errorf("not saved: the text does not parse (%v)", e.textErr)
		e.status.error(err)
		return err
	}
	if err := os.WriteFile(path, []byte(e.code.editor.Text()), 0o644); err != nil {
		e.status.error(err)
		return err
	}
	if len(e.positions) > 0 || fileExists(model.SidecarPath(path)) {
		if err := model.SavePositions(path, e.positions); err != nil {
			e.status.error(err)
			return err
		}
	}
	e.path = path
	e.Doc().File = path
	e.savedText = string(e.Doc().Marshal(e.format))
	e.layoutDirty = false
	addRecent(e.app, path)
	e.status.info("Saved " + path)
	e.refreshViews()
	return nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// SaveAs asks for a file name and saves there; a .yaml or .yml name saves
// YAML, a .json name JSON.
func (e *Editor) SaveAs() {
	name := "state-machine.asl.json"
	if e.path != "" {
		name = filepath.Base(e.path)
	}
	e.askSavePath(name, definitionFilter, func(path string) {
		e.SetFormat(formatOf(path, e.format))
		e.saveTo(path)
	})
}

// formatOf is the format a file name asks for; def when it does not say.
func formatOf(path string, def model.Format) model.Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return model.YAML
	case ".json":
		return model.JSON
	}
	return def
}

// recentFiles returns the recently opened files, newest first.
func recentFiles(a fyne.App) []string {
	return a.Preferences().StringList(recentKey)
}

// addRecent puts path first in the recent files.
func addRecent(a fyne.App, path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := slices.DeleteFunc(recentFiles(a), func(p string) bool { return p == path })
	list = append([]string{path}, list...)
	if len(list) > recentMax {
		list = list[:recentMax]
	}
	a.Preferences().SetStringList(recentKey, list)
}

// confirmDiscard runs then when there are no unsaved changes, or when the
// user agrees to lose them.
func (e *Editor) confirmDiscard(what string, then func()) {
	e.code.flush()
	if !e.Dirty() {
		then()
		return
	}
	name := "Untitled"
	if e.path != "" {
		name = filepath.Base(e.path)
	}
	dialog.ShowConfirm("Unsaved changes", fmt.Sprintf("%s has unsaved changes. Discard them and %s?", name, what),
		func(ok bool) {
			if ok {
				then()
			}
		}, e.win)
}

// dropped opens the definition files dropped on the window.
func (e *Editor) dropped(_ fyne.Position, uris []fyne.URI) {
	for _, u := range uris {
		if u.Scheme() != "file" {
			e.status.error(errors.New("only local files can be opened: " + u.String()))
			continue
		}
		e.openPath(u.Path())
	}
}
