package app

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestAutosave_writesThenRecoversAfterCrash(t *testing.T) {
	e, clock := newTestEditor(t, "two.asl.json", twoStates)
	edited := strings.Replace(twoStates, `"Type": "Pass"`, `"Type": "Pass", "Comment": "unsaved"`, 1)
	typeText(e, edited)
	clock.fire() // the text becomes an edit, which schedules the autosave
	clock.fire() // the autosave
	data, err := os.ReadFile(e.autosave.file)
	if err != nil {
		t.Fatalf("no recovery file: %v", err)
	}
	var rec recoveryRecord
	if err := json.Unmarshal(data, &rec); err != nil || rec.Text != edited || rec.Path != e.Path() || rec.PID != os.Getpid() {
		t.Fatalf("recovery record %+v, %v", rec, err)
	}
	dir, _ := recoveryDir()
	if files, _ := orphans(dir); len(files) != 0 {
		t.Errorf("a live window's file is offered for recovery: %q", files)
	}

	// The process dies: its file is offered, and opens as unsaved changes.
	rec.PID = 1 << 30
	data, _ = json.Marshal(rec)
	os.WriteFile(e.autosave.file, data, 0o600)
	files, recs := orphans(dir)
	if len(files) != 1 {
		t.Fatalf("orphans %q, want the dead process's file", files)
	}
	r := recoverRecord(e.app, recs[0], clock.schedule)
	t.Cleanup(r.win.Close)
	if r.Text() != edited || r.Doc().Machine.State("First").Comment.Text() != "unsaved" {
		t.Errorf("recovered text:\n%s", r.Text())
	}
	if !strings.HasSuffix(r.win.Title(), "two.asl.json •") {
		t.Errorf("recovered window title %q, want the unsaved mark", r.win.Title())
	}
}

func TestAutosave_savingRemovesTheFile(t *testing.T) {
	e, clock := newTestEditor(t, "two.asl.json", twoStates)
	typeText(e, strings.Replace(twoStates, "Done", "End", -1))
	clock.fire()
	clock.fire()
	if _, err := os.Stat(e.autosave.file); err != nil {
		t.Fatalf("no recovery file after a change: %v", err)
	}
	if err := e.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(e.autosave.file); !os.IsNotExist(err) {
		t.Errorf("recovery file still there after saving: %v", err)
	}
}
