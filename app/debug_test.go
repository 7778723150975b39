package app

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baton/model"
	"baton/runner"
)

// uiUpdates holds what a debugger's watcher posts to Fyne's goroutine
// until the test runs it, so the test goroutine is the only one touching
// widgets.
type uiUpdates struct {
	ch chan func()
	n  int
	// slowest is the longest an update took to show.
	slowest time.Duration
}

// watchUpdates makes d post its updates to a queue, with no progress
// updates (the tick is an hour) unless the test sets one.
func watchUpdates(d *debugger) *uiUpdates {
	u := &uiUpdates{ch: make(chan func(), 64)}
	d.post = func(f func()) { u.ch <- f }
	d.tick = time.Hour
	return u
}

// next shows the next update. The deadline only bounds a broken run.
func (u *uiUpdates) next(t *testing.T) {
	t.Helper()
	select {
	case f := <-u.ch:
		u.n++
		start := time.Now()
		f()
		u.slowest = max(u.slowest, time.Since(start))
	case <-time.After(30 * time.Second):
		t.Fatal("the debugger posted no update")
	}
}

// newSagaDebugger opens the example saga beside its mocks and input, as
// a project keeps them, with the debugger's updates queued.
func newSagaDebugger(t *testing.T) (*Editor, *uiUpdates) {
	t.Helper()
	e, _ := newTestEditor(t, "order-saga.asl.json", readFile(t, sagaPath))
	dir := filepath.Dir(e.path)
	for _, f := range []string{"order-saga.mocks.json", "order-saga.input.json"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(readFile(t, "../testdata/examples/"+f)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e.dbg.cfg = nil // read the project's files
	q := watchUpdates(e.dbg)
	t.Cleanup(e.dbg.close)
	return e, q
}

// press sends a key to the window, as when no text field has the focus.
func press(e *Editor, k fyne.KeyName) {
	e.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
}

// gutterTap taps the left edge of a state's box.
func gutterTap(e *Editor, state string) {
	r := e.graph.Diagram().Box(state).Rect
	test.TapAt(e.graph, e.graph.ToWidget(model.Point{X: r.X + 4, Y: r.Y + r.H/2}))
}

// debugShown describes the Debug tab and the canvas: the header, the
// phase tabs with the front one, the current state and the visit counts.
func debugShown(e *Editor) string {
	u := e.dbg.ui
	tabs := slices.Clone(u.phases.names)
	for i, n := range tabs {
		if n == u.phases.focused() {
			tabs[i] = "[" + n + "]"
		}
	}
	var counts []string
	for s, n := range e.graph.Run.Counts {
		counts = append(counts, s+"="+itoa(n))
	}
	sort.Strings(counts)
	return strings.Join([]string{u.phases.title.Text, strings.Join(tabs, " "),
		"current=" + e.graph.Run.Current, strings.Join(counts, ",")}, " | ")
}

func itoa(n int) string { return thousands(int64(n)) }

// TestDebugger_breakpointStepContinue drives a debug session of the
// example saga through the window: a breakpoint set on the canvas's
// gutter, F5 to it, a phase inspected, F10, Continue to the end; then
// the canvas overlay, the timeline, a saved history and its replay.
func TestDebugger_breakpointStepContinue(t *testing.T) {
	e, q := newSagaDebugger(t)
	d, u := e.dbg, e.dbg.ui

	gutterTap(e, "ChargePayment")
	if !e.graph.Run.Breakpoints["ChargePayment"] || len(d.bps) != 1 || len(e.graph.Selected()) != 0 {
		t.Fatalf("the gutter tap set %v (overlay %v), selected %q", d.bps, e.graph.Run.Breakpoints, e.graph.Selected())
	}

	press(e, fyne.KeyF5)
	q.next(t)
	want := "Paused at ChargePayment — before (breakpoint) | [input] variables context | current=ChargePayment | " +
		"ChargePayment=1,CheckInventory=1,CheckInventoryAndFraud=1,FraudCheck=1,ValidateOrder=1"
	if got := debugShown(e); got != want {
		t.Fatalf("at the breakpoint:\n got %s\nwant %s", got, want)
	}
	in := u.phases.section("input")
	for _, s := range []string{`"orderId": "ORD-2024-1001"`, `"warehouse": "IAD-1"`, `"total": 59.99`} {
		if !strings.Contains(in, s) {
			t.Errorf("the input phase lacks %s:\n%s", s, in)
		}
	}
	if !e.graph.Run.Visited["ValidateOrder"] || e.graph.Run.Visited["ShipOrder"] {
		t.Errorf("visited %v", e.graph.Run.Visited)
	}
	u.phases.tabs.SelectIndex(1)
	if u.phases.focused() != "variables" || u.phases.section("variables") != "{}" {
		t.Errorf("variables tab: %q %q", u.phases.focused(), u.phases.section("variables"))
	}
	if u.debugBtn.Text != "Continue" || u.pauseAct.Disabled() == false || u.stepAct.Disabled() {
		t.Errorf("toolbar while paused: %q, pause enabled %v, step disabled %v", u.debugBtn.Text, !u.pauseAct.Disabled(), u.stepAct.Disabled())
	}

	press(e, fyne.KeyF10)
	q.next(t)
	want = "Paused at ChargePayment — after (step) | input afterInputPath afterParameters result afterResultSelector afterResultPath [output] variables context | current=ChargePayment | " +
		"ChargePayment=1,CheckInventory=1,CheckInventoryAndFraud=1,FraudCheck=1,ValidateOrder=1"
	if got := debugShown(e); got != want {
		t.Fatalf("after a step:\n got %s\nwant %s", got, want)
	}
	if got, want := u.phases.section("afterResultSelector"), "{\n  \"chargeId\": \"ch_3PqR7x2eZvKYlo2C\",\n  \"status\": \"succeeded\"\n}"; got != want {
		t.Errorf("afterResultSelector:\n%s\nwant\n%s", got, want)
	}

	test.Tap(u.debugBtn)
	q.next(t)
	want = "SUCCEEDED | [output] | current= | ChargePayment=1,CheckInventory=1,CheckInventoryAndFraud=1,FraudCheck=1," +
		"IsApproved=1,OrderSucceeded=1,ProcessItems=1,ReserveItem=2,ShipOrder=1,ValidateOrder=1,WaitForApproval=1"
	if got := debugShown(e); got != want {
		t.Fatalf("at the end:\n got %s\nwant %s", got, want)
	}
	if len(e.graph.Run.Failed) != 0 || !e.graph.Run.Visited["OrderSucceeded"] || !e.graph.Run.Breakpoints["ChargePayment"] {
		t.Errorf("overlay at the end: failed %v, visited %v, breakpoints %v", e.graph.Run.Failed, e.graph.Run.Visited, e.graph.Run.Breakpoints)
	}
	events := d.run.s.Events()
	if u.src.Len() != len(events) || len(u.tl.Rows()) != len(events) || u.tl.Selected() != len(events)-1 {
		t.Errorf("timeline: %d rows of %d events, selected %d", len(u.tl.Rows()), len(events), u.tl.Selected())
	}
	if got := u.event.title.Text; !strings.Contains(got, "ExecutionSucceeded") {
		t.Errorf("event inspector shows %q", got)
	}
	entered := 0
	for _, n := range e.graph.Run.Counts {
		entered += n
	}
	if n := len(u.bars.rows); n != entered || entered != 12 {
		t.Errorf("time bars: %d visits, want %d (the states entered)", n, entered)
	}
	if q.n != 3 {
		t.Errorf("%d UI updates for two stops and the end", q.n)
	}

	// The run saved as a history file, and replayed.
	path := filepath.Join(t.TempDir(), "run.history.json")
	if err := d.saveHistory(path); err != nil {
		t.Fatal(err)
	}
	saved, err := loadHistoryFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(saved) != len(events) || saved[0].Type != "ExecutionStarted" || saved[len(saved)-1].Type != "ExecutionSucceeded" {
		t.Errorf("saved %d events (%s … %s), ran %d", len(saved), saved[0].Type, saved[len(saved)-1].Type, len(events))
	}
	d.openInReplay()
	var titles []string
	for _, w := range e.app.Driver().AllWindows() {
		titles = append(titles, w.Title())
		if strings.HasPrefix(w.Title(), "Baton — Replay") {
			defer w.Close()
		}
	}
	if !slices.Contains(titles, "Baton — Replay of order-saga.asl.default") {
		t.Errorf("windows %q", titles)
	}
}

const callbackDef = `{"StartAt": "Approve", "States": {
  "Approve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
    "ResultPath": "$.approval", "End": true}}}`

// TestDebugger_callback answers a callback task from the Debug tab: a
// heartbeat, then success with an output; after a restart, failure.
func TestDebugger_callback(t *testing.T) {
	e, _ := newTestEditor(t, "approve.asl.json", callbackDef)
	q := watchUpdates(e.dbg)
	t.Cleanup(e.dbg.close)
	u := e.dbg.ui

	test.Tap(u.runBtn)
	q.next(t)
	if got, want := debugShown(e), "Paused at Approve — before (callback) | [input] afterInputPath afterParameters variables context | current=Approve | Approve=1"; got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
	if u.callback.Hidden || !u.editInput.Hidden {
		t.Errorf("callback controls hidden %v, input editor shown %v", u.callback.Hidden, !u.editInput.Hidden)
	}
	test.Tap(u.heartbeat)
	if u.heartbeat.Text != "Heartbeat (1 sent)" {
		t.Errorf("heartbeat button %q", u.heartbeat.Text)
	}
	u.output.SetText(`{"approved": true}`)
	test.Tap(u.sendOK)
	q.next(t)
	if got, want := u.phases.title.Text+"\n"+u.phases.section("output"), "SUCCEEDED\n{\n  \"approval\": {\n    \"approved\": true\n  }\n}"; got != want {
		t.Errorf("after success:\n%s\nwant\n%s", got, want)
	}

	e.dbg.key(fyne.KeyF5, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift) // restart
	q.next(t)
	u.errName.SetText("Approval.Rejected")
	u.cause.SetText("too expensive")
	test.Tap(u.sendFail)
	q.next(t)
	if got, want := u.phases.title.Text+"\n"+u.phases.section("error"), "FAILED: Approval.Rejected\n{\n  \"Error\": \"Approval.Rejected\",\n  \"Cause\": \"too expensive\"\n}"; got != want {
		t.Errorf("after failure:\n%s\nwant\n%s", got, want)
	}
	if !e.graph.Run.Failed["Approve"] {
		t.Errorf("overlay: failed %v", e.graph.Run.Failed)
	}
}

// TestDebugger_editInput replaces a state's input at a stop before it.
func TestDebugger_editInput(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	q := watchUpdates(e.dbg)
	t.Cleanup(e.dbg.close)
	u := e.dbg.ui

	press(e, fyne.KeyF10) // starts stopped before the first state
	q.next(t)
	if got, want := u.phases.title.Text, "Paused at First — before (step)"; got != want || u.editInput.Hidden {
		t.Fatalf("%q (edit input hidden: %v), want %q", got, u.editInput.Hidden, want)
	}
	dlg := u.askInput()
	dlg.entry.SetText(`{"x": `)
	test.Tap(dlg.apply)
	if dlg.problem.Text == "" {
		t.Error("no problem shown for text that is not JSON")
	}
	dlg.entry.SetText(`{"x": 2}`)
	test.Tap(dlg.apply)
	if got := u.phases.section("input"); got != "{\n  \"x\": 2\n}" {
		t.Errorf("input after the edit: %s", got)
	}
	press(e, fyne.KeyF10)
	q.next(t)
	if !u.editInput.Hidden {
		t.Error("the input can be edited after the state")
	}
	press(e, fyne.KeyF5)
	q.next(t)
	if got, want := u.phases.title.Text+" "+u.phases.section("output"), "SUCCEEDED {\n  \"x\": 2\n}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

const waitDef = `{"StartAt": "Hold", "States": {
  "Hold": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
  "Done": {"Type": "Succeed"}}}`

// TestDebugger_skipWait stops at a Wait and skips it: the run's clock
// does not move for it.
func TestDebugger_skipWait(t *testing.T) {
	e, _ := newTestEditor(t, "wait.asl.json", waitDef)
	q := watchUpdates(e.dbg)
	t.Cleanup(e.dbg.close)
	u := e.dbg.ui
	u.breakpoints.waits.SetChecked(true)

	press(e, fyne.KeyF5)
	q.next(t)
	if got, want := u.phases.title.Text, "Paused at Hold — before (wait)"; got != want || u.skip.Hidden {
		t.Fatalf("%q (skip hidden: %v), want %q", got, u.skip.Hidden, want)
	}
	if !strings.HasPrefix(u.failure.Text, "Wait of 1h0m0s, 1h0m0s left") {
		t.Errorf("wait line %q", u.failure.Text)
	}
	test.Tap(u.skip)
	q.next(t)
	press(e, fyne.KeyF5)
	q.next(t)
	events := e.dbg.run.s.Events()
	if took := events[len(events)-1].Timestamp.Sub(events[0].Timestamp); u.phases.title.Text != "SUCCEEDED" || took >= time.Hour {
		t.Errorf("%s after %v on the run's clock", u.phases.title.Text, took)
	}
}

const loopDef = `{"StartAt": "Incr", "States": {
  "Incr": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "n.$": "$.n"}, "Next": "Test"},
  "Test": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThanPath": "$.n", "Next": "Incr"}], "Default": "Done"},
  "Done": {"Type": "Succeed"}}}`

// TestDebugger_stopLongRun runs a loop of a million transitions: the UI
// gets a few progress updates, not one per state, Pause (F6) stops it
// where it is, and Stop ends the run at once.
func TestDebugger_stopLongRun(t *testing.T) {
	e, _ := newTestEditor(t, "loop.asl.json", loopDef)
	d := e.dbg
	q := watchUpdates(d)
	d.tick = 5 * time.Millisecond
	d.unlimited = true
	t.Cleanup(d.close)
	if err := d.config().setInput("million", `{"i": 0, "n": 500000}`); err != nil {
		t.Fatal(err)
	}

	started := time.Now()
	d.key(fyne.KeyF5, fyne.KeyModifierShortcutDefault) // Run
	for d.run.trans < 100000 && !d.run.ended {
		q.next(t)
	}
	if d.run.ended {
		t.Fatalf("the loop ended before it could be stopped: %+v", d.run.result)
	}
	if !strings.HasPrefix(e.dbg.ui.phases.title.Text, "Running") {
		t.Errorf("while running the Debug tab says %q", e.dbg.ui.phases.title.Text)
	}
	press(e, fyne.KeyF6)
	for d.run.stop == nil {
		q.next(t)
	}
	if st := d.run.stop; st.Reason != runner.ReasonPause || !strings.HasSuffix(e.dbg.ui.phases.title.Text, "(pause)") {
		t.Errorf("paused: %v, %q", st, e.dbg.ui.phases.title.Text)
	}
	paused := d.run.trans
	press(e, fyne.KeyF5)
	for d.run.trans < paused+100000 && !d.run.ended {
		q.next(t)
	}
	stopped := time.Now()
	d.key(fyne.KeyF5, fyne.KeyModifierShift) // Stop
	for !d.run.ended {
		q.next(t)
	}
	took := time.Since(stopped)
	t.Logf("stopped after %s transitions in %v; %d UI updates, the slowest took %v", thousands(d.run.trans), took, q.n, q.slowest)
	if d.run.result.Status != runner.StatusAborted || d.run.trans >= 1000001 {
		t.Errorf("result %s after %d transitions", d.run.result.Status, d.run.trans)
	}
	// At most one update a tick (and the end), far fewer than states.
	if ticks := int(time.Since(started)/d.tick) + 2; q.n > ticks || q.n*100 > int(d.run.trans) {
		t.Errorf("%d UI updates for %d transitions in %d ticks", q.n, d.run.trans, ticks)
	}
	if took > 2*time.Second {
		t.Errorf("Stop took %v", took)
	}
}

// TestDebugger_recordedRun debugs a replayed run locally: a new window
// on its definition with the recorded input and the mocks made from its
// task results, stopped before the first state; it runs to the same end.
func TestDebugger_recordedRun(t *testing.T) {
	v := newTestReplay(t, "PaymentFails")
	q := &uiUpdates{ch: make(chan func(), 64)}
	old := debugPost
	debugPost = func(f func()) { q.ch <- f }
	t.Cleanup(func() { debugPost = old })
	run, err := newLocalRun(v.doc, v.events, v.machine)
	if err != nil {
		t.Fatal(err)
	}
	e, err := debugRecordedRun(v.app, run)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.win.Close)
	t.Cleanup(e.dbg.close)
	q.next(t)
	if got, want := e.dbg.ui.phases.title.Text, "Paused at ValidateOrder — before (step)"; got != want {
		t.Fatalf("%q, want %q", got, want)
	}
	press(e, fyne.KeyF5)
	for !e.dbg.run.ended {
		q.next(t)
	}
	if got, want := e.dbg.ui.phases.title.Text, "FAILED: OrderFailed"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if rs := e.graph.Run; !rs.Caught["ChargePayment"] || !rs.Retried["ChargePayment"] || rs.Counts["ChargePayment"] != 1 {
		t.Errorf("ChargePayment: caught %v, retried %v, count %d", rs.Caught["ChargePayment"], rs.Retried["ChargePayment"], rs.Counts["ChargePayment"])
	}
}

const mapDef = `{"StartAt": "Each", "States": {
  "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "Double", "States": {
    "Double": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($, $)"}, "Next": "Last"},
    "Last": {"Type": "Pass", "End": true}}}, "Next": "Done"},
  "Done": {"Type": "Succeed"}}}`

// stackShown lists the Debug tab's call stack.
func stackShown(u *debugUI) string {
	var out []string
	for _, o := range u.stack.Objects {
		if b, ok := o.(*widget.Button); ok {
			out = append(out, strings.TrimSpace(b.Text))
		}
	}
	return strings.Join(out, " / ")
}

// TestDebugger_stepIntoAndOut steps into a Map iteration and out of it
// with F11 and Shift+F11, and runs to a state chosen on the canvas.
func TestDebugger_stepIntoAndOut(t *testing.T) {
	e, _ := newTestEditor(t, "map.asl.json", mapDef)
	q := watchUpdates(e.dbg)
	t.Cleanup(e.dbg.close)
	u := e.dbg.ui
	if err := e.dbg.config().setInput("three", `[1, 2, 3]`); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		do         func()
		title, stk string
	}{
		{func() { press(e, fyne.KeyF10) }, "Paused at Each — before (step)", "Call stack: top level / ▶ Each (before)"},
		{func() { press(e, fyne.KeyF11) }, "Paused at Double — before (step)", "Call stack: top level / Each › iteration 0 / ▶ Double (before)"},
		{func() { press(e, fyne.KeyF10) }, "Paused at Double — after (step)", "Call stack: top level / Each › iteration 0 / ▶ Double (after)"},
		{func() { e.dbg.key(fyne.KeyF11, fyne.KeyModifierShift) }, "Paused at Each — after (step)", "Call stack: top level / ▶ Each (after)"},
		{func() { e.dbg.Restart() }, "SUCCEEDED", ""},
		{func() { e.selectState("Last"); e.dbg.RunTo() }, "Paused at Last — before (here)", "Call stack: top level / Each › iteration 0 / ▶ Last (before)"},
	}
	for _, s := range steps {
		s.do()
		q.next(t)
		if got := u.phases.title.Text; got != s.title || stackShown(u) != s.stk {
			t.Fatalf("got %q [%s], want %q [%s]", got, stackShown(u), s.title, s.stk)
		}
	}
	// A frame of the stack selects its state.
	test.Tap(u.stack.Objects[1].(*widget.Button))
	if sel := e.graph.Selected(); len(sel) != 1 || sel[0] != "Each" {
		t.Errorf("selected %q", sel)
	}
}
