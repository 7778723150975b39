package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"baton/cloud"
	"baton/runner"
)

// runEvents are the history events of the last run, in the AWS CLI's
// shape, and a name for it.
func (d *debugger) runEvents() ([]cloud.HistoryEvent, string, error) {
	r := d.run
	if r == nil || r.s.Execution() == nil {
		return nil, "", errors.New("nothing has run yet")
	}
	raw := r.s.Events()
	events := make([]cloud.HistoryEvent, len(raw))
	for i, e := range raw {
		events[i] = cloud.HistoryEventOf(e)
	}
	name := "Untitled"
	if d.e.path != "" {
		name = strings.TrimSuffix(filepath.Base(d.e.path), filepath.Ext(d.e.path))
	}
	return events, name + "." + r.input, nil
}

// saveHistoryDialog asks where to save the last run's history as a file
// that `aws stepfunctions get-execution-history` could have printed; File
// ▸ Open Run… replays it.
func (d *debugger) saveHistoryDialog() {
	if _, _, err := d.runEvents(); err != nil {
		d.report(err)
		return
	}
	_, name, _ := d.runEvents()
	saveFileDialog(d.e.win, name+".history.json", d.e.status, d.saveHistory)
}

// saveHistory writes the last run's history to path.
func (d *debugger) saveHistory(path string) error {
	r := d.run
	if r == nil || r.s.Execution() == nil {
		return errors.New("nothing has run yet")
	}
	b, err := runner.MarshalHistory(r.s.Events())
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return err
	}
	d.e.status.info(fmt.Sprintf("Saved the run's %d events to %s", len(r.s.Events()), path))
	return nil
}

// openInReplay opens the last run in a replay window, as if its history
// had been saved and opened.
func (d *debugger) openInReplay() {
	events, name, err := d.runEvents()
	if err != nil {
		d.report(err)
		return
	}
	openReplayWindow(d.e.app, name, d.run.doc, d.e.positions, events, machineName(d.e.path))
}
