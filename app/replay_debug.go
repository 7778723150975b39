package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"baton/cloud"
	"baton/model"
)

// localRun is a recorded execution made ready to run again offline: the
// definition that ran, its input, and mocks generated from the history's
// task results (in Step Functions Local's format) as test case testCase
// of state machine machine. "Debug this run locally" hands it to a local
// debug session.
type localRun struct {
	doc *model.Document
	// input is the execution's input, JSON text.
	input    string
	mocks    []byte
	machine  string
	testCase string
	// taskResults is how many task results the mocks hold.
	taskResults int
}

// recordedTestCase names the mock test case generated from a recording.
const recordedTestCase = "Recorded"

// startDebugSession starts a local debug session of a recorded run in a
// new window. The debugger's UI sets it; while it is nil, "Debug this run
// locally" says that sessions are not available and offers the mocks.
var startDebugSession func(a fyne.App, run *localRun) error

// newLocalRun prepares events, recorded from doc, to run offline. machine
// names the state machine in the mocks ("" takes the definition's file
// name).
func newLocalRun(doc *model.Document, events []cloud.HistoryEvent, machine string) (*localRun, error) {
	if machine == "" {
		machine = machineName(doc.File)
	}
	r := cloud.NewReplay(events)
	run := &localRun{doc: doc, machine: machine, testCase: recordedTestCase}
	if len(r.Steps) == 0 || r.Steps[0].Event.Type != "ExecutionStarted" {
		return nil, errors.New("the history does not start with ExecutionStarted: its input is unknown")
	}
	run.input = r.Steps[0].Input
	if run.input == "" {
		run.input = "{}"
	}
	mocks, err := cloud.GenerateMocks(events, machine, recordedTestCase)
	if err != nil {
		return nil, err
	}
	run.mocks = mocks
	if root, err := model.ParseJSON("mocks", mocks); err == nil {
		if responses := root.Get("MockedResponses"); responses != nil {
			for _, f := range responses.Fields {
				run.taskResults += len(f.Value.Fields)
			}
		}
	}
	return run, nil
}

// machineName derives a state machine name from a definition file name:
// "order-saga.asl.json" gives "order-saga".
func machineName(file string) string {
	base := filepath.Base(file)
	for _, ext := range []string{".json", ".yaml", ".yml", ".asl"} {
		base = strings.TrimSuffix(base, ext)
	}
	if base == "" || base == "." || base == "local" {
		return "StateMachine"
	}
	return base
}

// debugLocally is the "Debug this run locally" button: a local debug
// session with the recorded input and mocks, or, until the debugger's UI
// provides sessions, an offer to save the mocks.
func (v *replayView) debugLocally() {
	run, err := newLocalRun(v.doc, v.events, v.machine)
	if err != nil {
		v.status.error(err)
		dialog.ShowError(err, v.win)
		return
	}
	if startDebugSession != nil {
		if err := startDebugSession(v.app, run); err != nil {
			v.status.error(err)
		}
		return
	}
	msg := widget.NewLabel(fmt.Sprintf("Local debug sessions are not available in this window yet.\n\n"+
		"The %d task results of this run were turned into mocks (test case %q of %q) that replay it offline; "+
		"save them as a regression test and run it with\n\n  baton debug DEF --mocks FILE --test-case %s --input JSON",
		run.taskResults, run.testCase, run.machine, run.testCase))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Debug this run locally", "Save Mocks…", "Close", msg, func(ok bool) {
		if ok {
			v.saveMocks(run)
		}
	}, v.win)
	d.Resize(fyne.NewSize(560, 280))
	d.Show()
}

// saveMocksDialog asks where to save the mocks generated from the run.
func (v *replayView) saveMocksDialog() {
	run, err := newLocalRun(v.doc, v.events, v.machine)
	if err != nil {
		v.status.error(err)
		return
	}
	v.saveMocks(run)
}

func (v *replayView) saveMocks(run *localRun) {
	saveFileDialog(v.win, run.machine+".mocks.json", v.status, func(path string) error {
		if err := os.WriteFile(path, run.mocks, 0o644); err != nil {
			return err
		}
		v.status.info(fmt.Sprintf("Saved the mocks of %d task results to %s (test case %s)", run.taskResults, path, run.testCase))
		return nil
	})
}

// saveHistoryDialog asks where to save the history, in the AWS CLI's format.
func (v *replayView) saveHistoryDialog() {
	name := strings.TrimSuffix(v.name, filepath.Ext(v.name))
	saveFileDialog(v.win, name+".history.json", v.status, func(path string) error {
		return saveHistoryFile(path, v.events, v.status)
	})
}

// saveHistoryFile writes events to path as `aws stepfunctions
// get-execution-history` prints them.
func saveHistoryFile(path string, events []cloud.HistoryEvent, status *statusBar) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := cloud.SaveHistory(f, events); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	status.info(fmt.Sprintf("Saved %d events to %s", len(events), path))
	return nil
}

// saveFileDialog asks where to save a JSON file, suggesting name, and
// writes it with write; errors go to the status bar.
func saveFileDialog(win fyne.Window, name string, status *statusBar, write func(path string) error) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			status.error(err)
			return
		}
		if w == nil {
			return
		}
		w.Close()
		if err := write(w.URI().Path()); err != nil {
			status.error(err)
		}
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.SetFileName(name)
	d.Show()
}
