package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baton/cloud"
)

// saveSagaHistory writes a recorded run of the saga to a history file.
func saveSagaHistory(t *testing.T, testCase string) string {
	t.Helper()
	_, events := recordSaga(t, testCase)
	var buf bytes.Buffer
	if err := cloud.SaveHistory(&buf, events); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), strings.ToLower(testCase)+".history.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// replayWindows returns the replay windows' titles.
func replayWindows(a fyne.App) []string {
	var out []string
	for _, w := range a.Driver().AllWindows() {
		if strings.Contains(w.Title(), "Replay of") {
			out = append(out, w.Title())
		}
	}
	return out
}

func TestEditor_openRunOnThisDefinition(t *testing.T) {
	e, _ := newTestEditor(t, "order-saga.asl.json", readFile(t, sagaPath))
	path := saveSagaHistory(t, "PaymentFails")
	events, err := loadHistoryFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := e.askReplayDefinition(path, events)
	test.Tap(c.this)
	if got := replayWindows(e.app); len(got) != 1 || got[0] != "Baton — Replay of paymentfails.history.json" {
		t.Fatalf("replay windows %q", got)
	}
}

func TestEditor_openRunErrors(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"events": []}`), 0o644)
	e.openRun(bad)
	if got := e.status.text(); got != bad+": history file: no events" {
		t.Errorf("status %q", got)
	}
}

func TestOpen_replayFlag(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	a := test.NewTempApp(t)
	path := saveSagaHistory(t, "PaymentFails")
	if err := Open(a, []string{replayFlag, path, sagaPath, "--at", "28"}); err != nil {
		t.Fatal(err)
	}
	if got := replayWindows(a); len(got) != 1 {
		t.Fatalf("replay windows %q", got)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{replayFlag, path}, "usage: baton --replay HISTORY DEFINITION [--at EVENT-ID]"},
		{[]string{replayFlag, path, sagaPath, "--at", "x"}, "usage: baton --replay HISTORY DEFINITION [--at EVENT-ID]"},
		{[]string{replayFlag, path, sagaPath, "--at", "99"}, path + " has no event 99"},
		{[]string{replayFlag, sagaPath, sagaPath}, sagaPath + ": history file: no events"},
	} {
		if err := Open(a, tc.args); err == nil || err.Error() != tc.want {
			t.Errorf("Open %q: %v, want %s", tc.args, err, tc.want)
		}
	}
}

func TestReplayView_debugLocally(t *testing.T) {
	v := newTestReplay(t, "PaymentFails")
	run, err := newLocalRun(v.doc, v.events, v.machine)
	if err != nil {
		t.Fatal(err)
	}
	if run.machine != "OrderSaga" || run.testCase != "Recorded" || run.taskResults != 8 {
		t.Errorf("local run of %q, case %q, %d task results", run.machine, run.testCase, run.taskResults)
	}
	var input map[string]any
	if err := json.Unmarshal([]byte(run.input), &input); err != nil || input["orderId"] != "ORD-2024-1001" {
		t.Errorf("input %s", run.input)
	}
	mocks := string(run.mocks)
	for _, want := range []string{`"Recorded": {`, `"ChargePayment": "ChargePaymentResponse"`, `"Error": "Lambda.TooManyRequestsException"`, `"Error": "PaymentDeclined"`} {
		if !strings.Contains(mocks, want) {
			t.Errorf("mocks lack %s:\n%s", want, mocks)
		}
	}

	// The debugger's UI, when present, gets the run.
	var got *localRun
	startDebugSession = func(_ fyne.App, r *localRun) error { got = r; return nil }
	t.Cleanup(func() { startDebugSession = nil })
	v.debugLocally()
	if got == nil || got.doc != v.doc || string(got.mocks) != mocks {
		t.Fatalf("debug session not started with the run: %+v", got)
	}

	// A history without its start cannot be replayed offline.
	if _, err := newLocalRun(v.doc, v.events[1:], ""); err == nil || err.Error() != "the history does not start with ExecutionStarted: its input is unknown" {
		t.Errorf("without ExecutionStarted: %v", err)
	}
}

func TestJSONView_treeAndCopy(t *testing.T) {
	test.NewTempApp(t)
	v := newJSONView()
	v.SetText(`{"b":1,"a":[true,{"x":"y"}]}`)
	if want := "{\n  \"b\": 1,\n  \"a\": [\n    true,\n    {\n      \"x\": \"y\"\n    }\n  ]\n}"; v.Text() != want {
		t.Errorf("text\n%s", v.Text())
	}
	var labels []string
	var walk func(id string)
	walk = func(id string) {
		for _, c := range v.childIDs(id) {
			labels = append(labels, v.nodeLabel(c))
			walk(c)
		}
	}
	walk("")
	if got := strings.Join(labels, " | "); got != `$  {2} | b: 1 | a  [2] | [0]: true | [1]  {1} | x: "y"` {
		t.Errorf("tree %s", got)
	}
	var copied string
	v.copied = func(s string) { copied = s }
	v.tree.Select("$/1/1")
	v.copy()
	if copied != "{\n  \"x\": \"y\"\n}" || fyne.CurrentApp().Clipboard().Content() != copied {
		t.Errorf("copied %q", copied)
	}
	v.SetText("not json")
	if v.Text() != "not json" || !v.tree.Hidden || v.plain.Text != "not json" {
		t.Errorf("plain text: %q", v.Text())
	}
	v.SetText("")
	if v.plain.Text != "(none)" {
		t.Errorf("empty: %q", v.plain.Text)
	}
}
