package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// autosavePause is how long after a change the recovery file is written.
const autosavePause = 2 * time.Second

// recoveryRecord is what a recovery file holds: unsaved text of one
// window, and the process that wrote it (alive: the window is still open).
type recoveryRecord struct {
	Path  string    `json:"path"`
	Text  string    `json:"text"`
	PID   int       `json:"pid"`
	Saved time.Time `json:"saved"`
}

// recoveryDir returns the folder of recovery files: baton/recovery in the
// user's configuration folder (XDG_CONFIG_HOME on Linux).
func recoveryDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "baton", "recovery"), nil
}

var recoverySeq atomic.Int64

// autosaver writes an editor's unsaved text to its recovery file a moment
// after each change, and removes the file when nothing is unsaved.
type autosaver struct {
	e      *Editor
	file   string
	cancel func()
	now    func() time.Time
}

func newAutosaver(e *Editor, dir string) *autosaver {
	name := strconv.Itoa(os.Getpid()) + "-" + strconv.FormatInt(recoverySeq.Add(1), 10) + ".json"
	return &autosaver{e: e, file: filepath.Join(dir, name), now: time.Now}
}

// changed schedules a write, or removes the file when there is nothing to
// recover.
func (a *autosaver) changed() {
	if a.cancel != nil {
		a.cancel()
		a.cancel = nil
	}
	if !a.e.Dirty() && a.e.textErr == nil {
		a.remove()
		return
	}
	a.cancel = a.e.schedule(autosavePause, func() {
		a.cancel = nil
		if err := a.write(); err != nil {
			a.e.status.error(fmt.Errorf("autosave: %w", err))
		}
	})
}

func (a *autosaver) write() error {
	rec := recoveryRecord{Path: a.e.path, Text: a.e.Text(), PID: os.Getpid(), Saved: a.now()}
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(a.file), 0o700); err != nil {
		return err
	}
	tmp := a.file + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, a.file)
}

// remove deletes the recovery file (the window closed, or was saved).
func (a *autosaver) remove() {
	if a.cancel != nil {
		a.cancel()
		a.cancel = nil
	}
	os.Remove(a.file)
}

// orphans returns the recovery files in dir left by processes that are no
// longer running, oldest first.
func orphans(dir string) ([]string, []recoveryRecord) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil
	}
	var files []string
	var recs []recoveryRecord
	for _, en := range entries {
		if en.IsDir() || !strings.HasSuffix(en.Name(), ".json") {
			continue
		}
		path := filepath.Join(dir, en.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var rec recoveryRecord
		if json.Unmarshal(data, &rec) != nil || processAlive(rec.PID) {
			continue
		}
		files = append(files, path)
		recs = append(recs, rec)
	}
	return files, recs
}

// processAlive reports whether a process with that id is running.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// offerRecovery asks, for each file left by a crashed Baton, whether to
// open its unsaved text; either way the file is then removed.
func offerRecovery(a fyne.App, parent fyne.Window, dir string, schedule Scheduler) {
	files, recs := orphans(dir)
	for i := range files {
		file, rec := files[i], recs[i]
		name := rec.Path
		if name == "" {
			name = "an untitled definition"
		}
		dialog.ShowConfirm("Recover unsaved changes?",
			fmt.Sprintf("Baton closed without saving changes to %s (autosaved %s).\nOpen them?", name, rec.Saved.Local().Format("2 Jan 15:04")),
			func(ok bool) {
				if ok {
					recoverRecord(a, rec, schedule)
				}
				os.Remove(file)
			}, parent)
	}
}

// recoverRecord opens a window with a recovery file's text over the file
// it belonged to (unsaved, so the title shows it).
func recoverRecord(a fyne.App, rec recoveryRecord, schedule Scheduler) *Editor {
	var e *Editor
	if doc, src, err := readDefinition(rec.Path); err == nil && rec.Path != "" {
		e = openEditorWindow(a, rec.Path, doc, src, schedule)
	} else {
		e = openEditorWindow(a, "", nil, nil, schedule)
		e.path = rec.Path
		e.savedText = ""
	}
	e.code.setText(rec.Text)
	e.textChanged(rec.Text)
	e.status.info("Recovered unsaved changes")
	return e
}
