package app

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"baton/cloud"
	"baton/model"
	"baton/runner"
)

const (
	sagaPath  = "../testdata/examples/order-saga.asl.json"
	sagaMocks = "../testdata/examples/order-saga.mocks.json"
	sagaInput = "../testdata/examples/order-saga.input.json"
)

// recordSaga runs the example saga locally with a test case of its mocks
// and returns its definition and history as `baton run --history` saves
// it, read back as a history file.
func recordSaga(t testing.TB, testCase string) (*model.Document, []cloud.HistoryEvent) {
	t.Helper()
	doc, _, err := readDefinition(sagaPath)
	if err != nil {
		t.Fatal(err)
	}
	m, err := runner.Compile(doc)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(sagaMocks)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := runner.ParseMockConfig(src)
	if err != nil {
		t.Fatal(err)
	}
	h, err := cfg.Handler("", testCase)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(sagaInput)
	if err != nil {
		t.Fatal(err)
	}
	var input any
	if err := json.Unmarshal(raw, &input); err != nil {
		t.Fatal(err)
	}
	x := m.Start(context.Background(), input, runner.WithTasks(runner.Handlers{h}))
	x.Wait()
	b, err := runner.MarshalHistory(x.Events())
	if err != nil {
		t.Fatal(err)
	}
	events, err := cloud.LoadHistory(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc, events
}

// overlay prints the outcomes after step i: every state that ran, in
// definition order, and the current state.
func overlay(doc *model.Document, m *replayModel, i int, sc *replayScope) string {
	out := m.outcomes(i, sc)
	var parts []string
	doc.Machine.Walk(func(s *model.State) bool {
		if st, ok := out[s.Name]; ok {
			parts = append(parts, s.Name+":"+strings.ReplaceAll(st.String(), ", ", "+"))
		}
		return true
	})
	return "current=" + m.r.Steps[i].State + " " + strings.Join(parts, " ")
}

// stepOf returns the index of the event with id.
func stepOf(t *testing.T, m *replayModel, id int64) int {
	t.Helper()
	for i, s := range m.r.Steps {
		if s.Event.ID == id {
			return i
		}
	}
	t.Fatalf("no event %d", id)
	return -1
}

func TestReplayModel_runState(t *testing.T) {
	doc, events := recordSaga(t, "PaymentFails")
	m := newReplayModel(events, doc)
	for _, tc := range []struct {
		id   int64
		want string
	}{
		{1, "current= "},
		{2, "current=ValidateOrder ValidateOrder:running"},
		{6, "current=ValidateOrder ValidateOrder:succeeded"},
		{14, "current=FraudCheck ValidateOrder:succeeded CheckInventoryAndFraud:running CheckInventory:succeeded FraudCheck:running"},
		{24, "current=ChargePayment ValidateOrder:succeeded CheckInventoryAndFraud:succeeded CheckInventory:succeeded FraudCheck:succeeded ChargePayment:failed"},
		{25, "current=ChargePayment ValidateOrder:succeeded CheckInventoryAndFraud:succeeded CheckInventory:succeeded FraudCheck:succeeded ChargePayment:running+retried"},
		{28, "current=ChargePayment ValidateOrder:succeeded CheckInventoryAndFraud:succeeded CheckInventory:succeeded FraudCheck:succeeded ChargePayment:caught+retried"},
		{44, "current=OrderFailed ValidateOrder:succeeded CheckInventoryAndFraud:succeeded CheckInventory:succeeded FraudCheck:succeeded ChargePayment:caught+retried RefundPayment:succeeded ReleaseStock:succeeded NotifyCustomer:succeeded OrderFailed:running"},
		{45, "current= ValidateOrder:succeeded CheckInventoryAndFraud:succeeded CheckInventory:succeeded FraudCheck:succeeded ChargePayment:caught+retried RefundPayment:succeeded ReleaseStock:succeeded NotifyCustomer:succeeded OrderFailed:failed"},
	} {
		if got := overlay(doc, m, stepOf(t, m, tc.id), nil); got != tc.want {
			t.Errorf("after event %d:\n got %s\nwant %s", tc.id, got, tc.want)
		}
	}
	if len(m.missing) != 0 {
		t.Errorf("missing states %v", m.missing)
	}
}

func TestReplayModel_scopes(t *testing.T) {
	doc, events := recordSaga(t, "HappyPath")
	m := newReplayModel(events, doc)
	var labels []string
	for _, sc := range m.scopes {
		labels = append(labels, sc.label)
	}
	want := "ProcessItems #0|ProcessItems #1|CheckInventoryAndFraud › branch 1 (CheckInventory)|CheckInventoryAndFraud › branch 2 (FraudCheck)"
	if got := strings.Join(labels, "|"); got != want {
		t.Fatalf("scopes\n got %s\nwant %s", got, want)
	}
	rows := func(sc *replayScope) string {
		var out []string
		for i := range m.r.Steps {
			if m.inScope(sc, i) {
				r := m.Row(i)
				out = append(out, r.Type+" "+r.State)
			}
		}
		return strings.Join(out, "\n")
	}
	if got, want := rows(&m.scopes[1]), strings.Join([]string{
		"TaskStateEntered ReserveItem  [ProcessItems #1]",
		"TaskScheduled ReserveItem  [ProcessItems #1]",
		"TaskStarted ReserveItem  [ProcessItems #1]",
		"TaskSucceeded ReserveItem  [ProcessItems #1]",
		"TaskStateExited ReserveItem  [ProcessItems #1]",
	}, "\n"); got != want {
		t.Errorf("iteration #1 events:\n%s\nwant\n%s", got, want)
	}
	if got := rows(&m.scopes[3]); !strings.Contains(got, "TaskStateEntered FraudCheck") || strings.Contains(got, "CheckInventory\n") || !strings.HasPrefix(got, "ParallelStateEntered CheckInventoryAndFraud") {
		t.Errorf("branch 2 events:\n%s", got)
	}
}

// TestReplayModel_caughtParallelCancelsBranches: when one branch of a
// Parallel fails and a Catch handles it, the states still running in the
// other branches were cancelled, not left running.
func TestReplayModel_caughtParallelCancelsBranches(t *testing.T) {
	def := `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
	  {"StartAt":"Slow","States":{"Slow":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},
	  {"StartAt":"Boom","States":{"Boom":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}],
	  "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Recover"}],"End":true},
	  "Recover":{"Type":"Pass","End":true}}}`
	doc, err := model.Parse("p.asl.json", []byte(def))
	if err != nil {
		t.Fatal(err)
	}
	hist := `{"events":[
	{"timestamp":1,"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{}"}},
	{"timestamp":1,"type":"ParallelStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":{"name":"P","input":"{}"}},
	{"timestamp":1,"type":"ParallelStateStarted","id":3,"previousEventId":2},
	{"timestamp":1,"type":"TaskStateEntered","id":4,"previousEventId":3,"stateEnteredEventDetails":{"name":"Slow","input":"{}"}},
	{"timestamp":1,"type":"TaskStateEntered","id":5,"previousEventId":3,"stateEnteredEventDetails":{"name":"Boom","input":"{}"}},
	{"timestamp":2,"type":"TaskFailed","id":6,"previousEventId":5,"taskFailedEventDetails":{"error":"E","cause":"c"}},
	{"timestamp":2,"type":"ParallelStateFailed","id":7,"previousEventId":6,"executionFailedEventDetails":{"error":"E","cause":"c"}},
	{"timestamp":2,"type":"ParallelStateExited","id":8,"previousEventId":7,"stateExitedEventDetails":{"name":"P","output":"{}"}},
	{"timestamp":2,"type":"PassStateEntered","id":9,"previousEventId":8,"stateEnteredEventDetails":{"name":"Recover","input":"{}"}},
	{"timestamp":2,"type":"PassStateExited","id":10,"previousEventId":9,"stateExitedEventDetails":{"name":"Recover","output":"{}"}},
	{"timestamp":2,"type":"ExecutionSucceeded","id":11,"previousEventId":10,"executionSucceededEventDetails":{"output":"{}"}}]}`
	events, err := cloud.LoadHistory(strings.NewReader(hist))
	if err != nil {
		t.Fatal(err)
	}
	m := newReplayModel(events, doc)
	for _, tc := range []struct {
		id   int64
		want string
	}{
		{6, "current=Boom P:running Slow:running Boom:failed"},
		{8, "current=P P:caught Slow:cancelled Boom:failed"},
		{11, "current= P:caught Slow:cancelled Boom:failed Recover:succeeded"},
	} {
		if got := overlay(doc, m, stepOf(t, m, tc.id), nil); got != tc.want {
			t.Errorf("after event %d:\n got %s\nwant %s", tc.id, got, tc.want)
		}
	}
}
