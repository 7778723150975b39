package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"baton/cloud"
)

// runSagaOnServer deploys the example saga and runs it once with the
// PaymentFails mocks; it returns the machine's and the execution's ARNs.
func runSagaOnServer(t *testing.T, e *Editor) (*cloud.Account, string, string) {
	t.Helper()
	mocks, err := cloud.LoadMockConfig(sagaMocks)
	if err != nil {
		t.Fatal(err)
	}
	account := serveAWS(t, e.app, mocks)
	arn := deploy(t, account, "OrderSaga", readFile(t, sagaPath))
	out, err := account.Client.StartExecution(context.Background(), &sfn.StartExecutionInput{
		StateMachineArn: aws.String(arn + "#PaymentFails"), Name: aws.String("order-1001"), Input: aws.String(readFile(t, sagaInput)),
	})
	if err != nil {
		t.Fatal(err)
	}
	exec := aws.ToString(out.ExecutionArn)
	if info := finish(t, account, exec); info.Status != "FAILED" {
		t.Fatalf("execution %s", info.Status)
	}
	return account, arn, exec
}

func TestAWSExecutions_importAndReplay(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	_, arn, exec := runSagaOnServer(t, e)

	d := e.showExecutions(arn)
	if len(d.execs) != 1 || d.execs[0].Arn != exec || d.execs[0].Status != "FAILED" || d.note.Text != "1 execution" {
		t.Fatalf("executions %+v, note %q", d.execs, d.note.Text)
	}
	d.status.SetSelected("SUCCEEDED")
	if len(d.execs) != 0 || d.note.Text != "0 executions" {
		t.Fatalf("succeeded executions %+v", d.execs)
	}
	d.status.SetSelected("FAILED")
	d.list.Select(0)
	if got := d.panel.title.Text; got != "order-1001 · FAILED" {
		t.Errorf("described %q", got)
	}
	if got := d.panel.section("Error"); !strings.Contains(got, `"Error": "OrderFailed"`) || d.panel.focused() != "Error" {
		t.Errorf("error tab (%s in front):\n%s", d.panel.focused(), got)
	}

	d.importSelected()
	im := d.importing
	if im.err != nil || im.replay == nil {
		t.Fatalf("import: %v", im.err)
	}
	v := im.replay
	if len(v.events) != 45 || im.events != 45 || v.machine != "OrderSaga" || v.win.Title() != "Baton — Replay of order-1001" {
		t.Fatalf("replay of %d events (%d reported) of %q in %q", len(v.events), im.events, v.machine, v.win.Title())
	}
	if got := e.status.text(); got != "Imported 45 events of order-1001" {
		t.Errorf("status %q", got)
	}
	if got := shown(v); got != "45 / 45 | current=[] | #45  ExecutionFailed | tab=Error" {
		t.Errorf("replay shows %s", got)
	}
	if !v.graph.Run.Caught["ChargePayment"] || !v.graph.Run.Retried["ChargePayment"] || !v.graph.Run.Failed["OrderFailed"] {
		t.Errorf("replay colours %+v", v.graph.Run)
	}

	// Saved as the AWS CLI prints it, and read back.
	path := filepath.Join(t.TempDir(), "order-1001.history.json")
	if err := saveHistoryFile(path, v.events, v.status); err != nil {
		t.Fatal(err)
	}
	if text := readFile(t, path); !strings.HasPrefix(text, "{\n  \"events\": [\n    {\"timestamp\":") {
		t.Errorf("history file starts %q", text[:40])
	}
	back, err := loadHistoryFile(path)
	if err != nil || len(back) != 45 || string(back[44].Details) != string(v.events[44].Details) {
		t.Fatalf("read back %d events: %v", len(back), err)
	}
	if got := v.status.text(); got != "Saved 45 events to "+path {
		t.Errorf("status %q", got)
	}
}

func TestAWSExecutions_importCancelled(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	_, arn, _ := runSagaOnServer(t, e)
	d := e.showExecutions(arn)
	d.list.Select(0)

	// The import waits in the background queue while the user cancels.
	windows := len(e.app.Driver().AllWindows())
	var queue []func()
	sessionFor(e.app).background = func(f func()) { queue = append(queue, f) }
	d.importSelected()
	im := d.importing
	test.Tap(im.button)
	if im.count.Text != "Cancelling…" {
		t.Errorf("progress says %q", im.count.Text)
	}
	for _, f := range queue {
		f()
	}
	if !im.done || !errors.Is(im.err, context.Canceled) || im.replay != nil {
		t.Fatalf("cancelled import: done %v, err %v", im.done, im.err)
	}
	if got := e.status.text(); got != "Import of order-1001 cancelled" {
		t.Errorf("status %q", got)
	}
	if n := len(e.app.Driver().AllWindows()); n != windows {
		t.Errorf("%d windows after a cancelled import: %q", n, titles(e.app))
	}
}

func TestAWSMachines_listAndOpen(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	account := serveAWS(t, e.app, nil)
	saga := deploy(t, account, "OrderSaga", readFile(t, sagaPath))
	deploy(t, account, "Hello", twoStates)

	d := e.showMachinesDialog("", nil)
	names := func() string {
		var out []string
		for _, m := range d.shown {
			out = append(out, m.Name)
		}
		return strings.Join(out, " ")
	}
	if got := names(); got != "OrderSaga Hello" && got != "Hello OrderSaga" {
		t.Fatalf("machines %q", got)
	}
	test.Type(d.filter, "saga")
	if got := names(); got != "OrderSaga" || d.note.Text != "1 state machine" {
		t.Fatalf("filtered %q, note %q", got, d.note.Text)
	}
	d.openSelected()
	if d.note.Text != "Select a state machine first" {
		t.Errorf("open without a selection: %q", d.note.Text)
	}
	d.list.Select(0)
	d.openSelected()
	var opened *Editor
	for _, w := range e.app.Driver().AllWindows() {
		if strings.HasSuffix(w.Title(), "OrderSaga on AWS") {
			opened = editorOf(t, e.app, w)
		}
	}
	if opened == nil {
		t.Fatalf("no window for the deployed definition: %v", titles(e.app))
	}
	if got := sessionFor(e.app).linkOf(opened); got != saga {
		t.Errorf("opened definition linked to %q", got)
	}
	if got := strings.Join(boxes(opened), " "); !strings.Contains(got, "ChargePayment") {
		t.Errorf("canvas of the opened definition: %s", got)
	}
}

// editorOf finds the editor shown in w among those the session links.
func editorOf(t *testing.T, a fyne.App, w fyne.Window) *Editor {
	t.Helper()
	for e := range sessionFor(a).linked {
		if e.win == w {
			return e
		}
	}
	t.Fatalf("window %q has no linked editor", w.Title())
	return nil
}

func titles(a fyne.App) []string {
	var out []string
	for _, w := range a.Driver().AllWindows() {
		out = append(out, w.Title())
	}
	return out
}
