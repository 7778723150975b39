package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baton/model"
)

// newTestReplay opens a replay of the example saga run with testCase in
// a window on Fyne's test driver.
func newTestReplay(t *testing.T, testCase string) *replayView {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	a := test.NewTempApp(t)
	doc, events := recordSaga(t, testCase)
	v := openReplayWindow(a, "saga.history.json", doc, nil, events, "OrderSaga")
	t.Cleanup(v.win.Close)
	return v
}

// shown describes what the replay shows: the timeline's position, the
// current state and its colours, and the inspector's title and front tab.
func shown(v *replayView) string {
	rs := v.graph.Run
	var marks []string
	for _, m := range []struct {
		name string
		set  map[string]bool
	}{{"running", rs.Running}, {"caught", rs.Caught}, {"retried", rs.Retried}, {"failed", rs.Failed}} {
		if m.set[rs.Current] {
			marks = append(marks, m.name)
		}
	}
	return strings.Join([]string{v.tl.count.Text, "current=" + rs.Current + "[" + strings.Join(marks, ",") + "]",
		v.panel.title.Text, "tab=" + v.panel.focused()}, " | ")
}

func TestReplayView_scrubber(t *testing.T) {
	v := newTestReplay(t, "PaymentFails")
	steps := []struct {
		do   func()
		want string
		// inspector is text the inspector's front tab must contain.
		inspector string
	}{
		{func() {}, "45 / 45 | current=[] | #45  ExecutionFailed | tab=Error", `"Error": "OrderFailed"`},
		{func() { test.Tap(v.tl.first) }, "1 / 45 | current=[] | #1  ExecutionStarted | tab=Input", `"orderId": "ORD-2024-1001"`},
		{func() { test.Tap(v.tl.forward) }, "2 / 45 | current=ValidateOrder[running] | #2  TaskStateEntered | tab=Input", `"orderId": "ORD-2024-1001"`},
		{func() { v.tl.slider.SetValue(27) }, "28 / 45 | current=ChargePayment[caught,retried] | #28  TaskStateExited | tab=Output", `"Error": "PaymentDeclined"`},
		{func() { test.Tap(v.tl.back) }, "27 / 45 | current=ChargePayment[retried,failed] | #27  TaskFailed | tab=Error", `"Error": "PaymentDeclined"`},
		{func() { v.typedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) }, "26 / 45 | current=ChargePayment[running,retried] | #26  TaskStarted | tab=Input", `"token": "tok_visa_4242"`},
		{func() { v.typedKey(&fyne.KeyEvent{Name: fyne.KeyEnd}) }, "45 / 45 | current=[] | #45  ExecutionFailed | tab=Error", `"Cause": "The order could not be completed`},
	}
	for i, s := range steps {
		s.do()
		if got := shown(v); got != s.want {
			t.Fatalf("step %d:\n got %s\nwant %s", i, got, s.want)
		}
		if got := v.panel.section(v.panel.focused()); !strings.Contains(got, s.inspector) {
			t.Fatalf("step %d: the inspector's %s tab shows\n%s\nwant it to contain %s", i, v.panel.focused(), got, s.inspector)
		}
	}
	if got := v.panel.sub.Text; !strings.HasPrefix(got, "execution · +") {
		t.Errorf("inspector subtitle %q", got)
	}
	if !v.graph.Run.Failed["OrderFailed"] || !v.graph.Run.Visited["RefundPayment"] || v.graph.Run.Visited["ShipOrder"] {
		t.Errorf("end of the run: %+v", v.graph.Run)
	}
}

func TestReplayView_filterAndCanvasTap(t *testing.T) {
	v := newTestReplay(t, "PaymentFails")
	test.Type(v.tl.filter, "RefundPayment")
	if got := shown(v); got != "5 / 5 | current=RefundPayment[] | #33  TaskStateExited | tab=Output" {
		t.Fatalf("after filtering: %s", got)
	}
	test.Tap(v.tl.first)
	if got := shown(v); got != "1 / 5 | current=RefundPayment[running] | #29  TaskStateEntered | tab=Input" {
		t.Fatalf("first filtered event: %s", got)
	}
	v.tl.SetFilter("")
	if got := shown(v); got != "29 / 45 | current=RefundPayment[running] | #29  TaskStateEntered | tab=Input" {
		t.Fatalf("filter cleared: %s", got)
	}

	tapState := func(name string) {
		t.Helper()
		b := v.graph.Diagram().Box(name)
		v.graph.CenterOn(name)
		test.TapAt(v.graph, v.graph.ToWidget(model.Point{X: b.Rect.X + b.Rect.W/2, Y: b.Rect.Y + b.Rect.H/2}))
	}
	tapState("ReleaseStock")
	if got := shown(v); got != "34 / 45 | current=ReleaseStock[running] | #34  TaskStateEntered | tab=Input" {
		t.Fatalf("after tapping ReleaseStock: %s", got)
	}
	if sel := v.graph.Selected(); len(sel) != 0 {
		t.Errorf("the replay canvas keeps no selection, has %v", sel)
	}
	tapState("ShipOrder")
	if got := v.status.text(); got != "ShipOrder did not run" {
		t.Errorf("status after tapping a state that did not run: %q", got)
	}
}

func TestReplayView_mapIteration(t *testing.T) {
	v := newTestReplay(t, "HappyPath")
	want := []string{allEvents, "ProcessItems #0", "ProcessItems #1", "CheckInventoryAndFraud › branch 1 (CheckInventory)", "CheckInventoryAndFraud › branch 2 (FraudCheck)"}
	if got := strings.Join(v.scopeSel.Options, "|"); got != strings.Join(want, "|") {
		t.Fatalf("scope choices %s", got)
	}
	v.scopeSel.SetSelected("ProcessItems #1")
	if got := shown(v); got != "5 / 5 | current=ReserveItem[] | #40  TaskStateExited | tab=Output" {
		t.Fatalf("iteration #1: %s", got)
	}
	if got := v.panel.sub.Text; !strings.Contains(got, "ReserveItem (succeeded) · ProcessItems #1 · +") {
		t.Errorf("inspector subtitle %q", got)
	}
	test.Tap(v.tl.first)
	if got := shown(v); got != "1 / 5 | current=ReserveItem[running] | #36  TaskStateEntered | tab=Input" {
		t.Fatalf("first event of iteration #1: %s", got)
	}
	if got := v.panel.section("Input"); !strings.Contains(got, `"sku": "MUG-BATON-01"`) {
		t.Errorf("iteration #1's input:\n%s", got)
	}
	v.scopeSel.SetSelected("CheckInventoryAndFraud › branch 2 (FraudCheck)")
	var types []string
	for _, i := range v.tl.Rows() {
		r := v.m.Row(i)
		types = append(types, r.Type+" "+r.State)
	}
	if got := strings.Join(types, ", "); got != "ParallelStateEntered CheckInventoryAndFraud, ParallelStateStarted CheckInventoryAndFraud, "+
		"TaskStateEntered FraudCheck, TaskScheduled FraudCheck, TaskStarted FraudCheck, TaskSucceeded FraudCheck, TaskStateExited FraudCheck, "+
		"ParallelStateSucceeded CheckInventoryAndFraud, ParallelStateExited CheckInventoryAndFraud" {
		t.Errorf("branch 2 rows: %s", got)
	}
}
