package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"baton/cloud"
	"baton/model"
)

// replayFlag on the command line opens a replay instead of a definition:
// `baton --replay HISTORY DEF [--at EVENT-ID]`.
const replayFlag = "--replay"

// loadHistoryFile reads a history file: saved by Baton (`baton run
// --history`, Save History), or printed by `aws stepfunctions
// get-execution-history`.
func loadHistoryFile(path string) ([]cloud.HistoryEvent, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	events, err := cloud.LoadHistory(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return events, nil
}

// openReplayArgs opens the replay the command line asks for: args are
// what follows --replay, the history file and the definition that ran,
// and optionally --at and the id of the event to show first (else the
// last).
func openReplayArgs(a fyne.App, args []string) error {
	usage := errors.New("usage: baton --replay HISTORY DEFINITION [--at EVENT-ID]")
	var at int64
	if len(args) == 4 && args[2] == "--at" {
		id, err := strconv.ParseInt(args[3], 10, 64)
		if err != nil {
			return usage
		}
		at, args = id, args[:2]
	}
	if len(args) != 2 {
		return usage
	}
	events, err := loadHistoryFile(args[0])
	if err != nil {
		return err
	}
	doc, _, err := readDefinition(args[1])
	if err != nil {
		return err
	}
	positions, _ := model.LoadPositions(args[1])
	v := openReplayWindow(a, filepath.Base(args[0]), doc, positions, events, "")
	if at != 0 && !v.showID(at) {
		return fmt.Errorf("%s has no event %d", args[0], at)
	}
	return nil
}

// openRunDialog is File ▸ Open Run…: it asks for a history file, then
// for the definition that ran (this one, or another file).
func (e *Editor) openRunDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if path, ok := e.chosen(r, err); ok {
			e.openRun(path)
		}
	}, e.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Show()
}

// openRun loads a history file and asks which definition it ran on.
func (e *Editor) openRun(path string) {
	events, err := loadHistoryFile(path)
	if err != nil {
		e.status.error(err)
		return
	}
	e.askReplayDefinition(path, events)
}

// replayChoice asks which definition a history replays on.
type replayChoice struct {
	this, other, cancel *widget.Button
	dlg                 *dialog.CustomDialog
}

// askReplayDefinition asks whether a history replays on this editor's
// definition or on one in another file.
func (e *Editor) askReplayDefinition(path string, events []cloud.HistoryEvent) *replayChoice {
	name := filepath.Base(path)
	var d *dialog.CustomDialog
	this := widget.NewButton("This Definition", func() {
		d.Hide()
		e.code.flush()
		openReplayWindow(e.app, name, e.Doc(), e.positions, events, "")
	})
	this.Importance = widget.HighImportance
	other := widget.NewButton("Choose Definition…", func() {
		d.Hide()
		open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			defPath, ok := e.chosen(r, err)
			if !ok {
				return
			}
			doc, _, err := readDefinition(defPath)
			if err != nil {
				e.status.error(err)
				return
			}
			positions, _ := model.LoadPositions(defPath)
			openReplayWindow(e.app, name, doc, positions, events, "")
		}, e.win)
		open.SetFilter(definitionFilter)
		open.Show()
	})
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	msg := widget.NewLabel(fmt.Sprintf("%s holds %d events. Replay them on which definition?", name, len(events)))
	d = dialog.NewCustomWithoutButtons("Open Run", container.NewVBox(msg, container.NewHBox(this, other, cancel)), e.win)
	d.Show()
	return &replayChoice{this: this, other: other, cancel: cancel, dlg: d}
}
