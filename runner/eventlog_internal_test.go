package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// scriptedClock gives the times of a test, one a call, then the last.
type scriptedClock struct{ times []time.Time }

func (c *scriptedClock) Now() time.Time {
	t := c.times[0]
	if len(c.times) > 1 {
		c.times = c.times[1:]
	}
	return t
}

// testTime is when the events of a test without a clock of its own happen.
var testTime = []time.Time{time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)}

// testLog is an event log on a clock of its own.
func testLog(times ...time.Time) *eventLog {
	if len(times) == 0 {
		times = testTime
	}
	x := &Execution{sched: &scheduler{}, opts: options{clock: &scriptedClock{times: times}}}
	x.log = &eventLog{x: x}
	return x.log
}

// wantEvent is what an event added to a log must come back as.
type wantEvent struct {
	prev    int64
	typ     string
	details any
}

func addAll(l *eventLog, evs []wantEvent) {
	for _, e := range evs {
		switch d := e.details.(type) {
		case *StateEnteredEventDetails:
			if d.InputDetails == notTruncated {
				l.addEntered(e.prev, e.typ, d.Name, d.Input.Value)
				continue
			}
		case *StateExitedEventDetails:
			if d.OutputDetails == notTruncated && (d.AssignedVariables == nil) == (d.AssignedVariablesDetails == nil) {
				l.addExited(e.prev, e.typ, d.Name, d.Output.Value, d.AssignedVariables)
				continue
			}
		}
		l.add(e.prev, e.typ, e.details)
	}
}

// checkEvents compares the log's events with the ones added: ids,
// previous ids, types, details (deeply) and the JSON of each.
func checkEvents(t *testing.T, l *eventLog, want []wantEvent, times []time.Time) {
	t.Helper()
	got := l.snapshot()
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d", len(got), len(want))
	}
	for i, g := range got {
		w := want[i]
		if g.ID != int64(i+1) || g.PreviousEventID != w.prev || g.Type != w.typ {
			t.Errorf("event %d: id %d prev %d type %s, want %d %d %s", i, g.ID, g.PreviousEventID, g.Type, i+1, w.prev, w.typ)
		}
		if wt := times[min(i, len(times)-1)]; g.Timestamp != wt.UTC() {
			t.Errorf("event %d: time %v, want %v", i, g.Timestamp, wt.UTC())
		}
		if !reflect.DeepEqual(g.Details, w.details) {
			t.Errorf("event %d (%s): details\n%#v\nwant\n%#v", i, w.typ, g.Details, w.details)
		}
		orig := &Event{ID: g.ID, PreviousEventID: w.prev, Timestamp: times[min(i, len(times)-1)].UTC(), Type: w.typ, Details: w.details}
		gj, err1 := g.MarshalJSON()
		wj, err2 := orig.MarshalJSON()
		if err1 != nil || err2 != nil || string(gj) != string(wj) {
			t.Errorf("event %d: JSON\n%s (%v)\nwant\n%s (%v)", i, gj, err1, wj, err2)
		}
	}
}

// checkValues records an event a value, with the details made by
// details, and checks what comes back.
func checkValues(t *testing.T, values []any, details func(v any) any) *eventLog {
	t.Helper()
	var evs []wantEvent
	for i, v := range values {
		d := details(v)
		typ := "PassStateEntered"
		if _, ok := d.(*StateExitedEventDetails); ok {
			typ = "PassStateExited"
		}
		evs = append(evs, wantEvent{int64(i), typ, d})
	}
	l := testLog()
	addAll(l, evs)
	checkEvents(t, l, evs, testTime)
	return l
}

func TestEventLog_kinds(t *testing.T) {
	ten, five := int64(10), int64(5)
	errName, cause := "States.TaskFailed", "it \"broke\"\nbadly"
	small := map[string]any{"a": int64(1), "b": []any{true, false, nil, "x"}, "c": map[string]any{}}
	evs := []wantEvent{
		{0, "ExecutionStarted", &ExecutionStartedEventDetails{Input: JSONData{Value: small}, InputDetails: notTruncated, RoleArn: "arn:role"}},
		{1, "PassStateEntered", &StateEnteredEventDetails{Name: "P", Input: JSONData{Value: small}, InputDetails: notTruncated}},
		{2, "PassStateExited", &StateExitedEventDetails{Name: "P", Output: JSONData{Value: "text"}, OutputDetails: notTruncated}},
		{3, "PassStateExited", &StateExitedEventDetails{Name: "Q", Output: JSONData{Value: nil}, OutputDetails: notTruncated,
			AssignedVariables: map[string]string{"x": `{"y":1}`, "z": `"w"`}, AssignedVariablesDetails: notTruncated}},
		{4, "PassStateExited", &StateExitedEventDetails{Name: "R", Output: JSONData{Value: int64(3)}, OutputDetails: notTruncated,
			AssignedVariables: map[string]string{}, AssignedVariablesDetails: notTruncated}},
		{5, "TaskScheduled", &TaskScheduledEventDetails{ResourceType: "lambda", Resource: "invoke", Region: "us-east-1", Parameters: JSONData{Value: small}}},
		{6, "TaskScheduled", &TaskScheduledEventDetails{ResourceType: "sqs", Resource: "sendMessage", Region: "eu-west-1", Parameters: JSONData{Value: small}, TimeoutInSeconds: &ten, HeartbeatInSeconds: &five}},
		{7, "TaskScheduled", &TaskScheduledEventDetails{ResourceType: "sqs", Resource: "sendMessage", Region: "eu-west-1", Parameters: JSONData{Value: small}, TaskCredentials: map[string]any{"roleArn": "r"}}},
		{8, "TaskStarted", &TaskEventDetails{ResourceType: "lambda", Resource: "invoke"}},
		{9, "TaskSucceeded", &TaskOutputEventDetails{ResourceType: "lambda", Resource: "invoke", Output: JSONData{Value: []any{int64(1)}}, OutputDetails: notTruncated}},
		{10, "TaskFailed", &TaskFailureEventDetails{ResourceType: "lambda", Resource: "invoke", Error: &errName, Cause: &cause}},
		{11, "TaskFailed", &TaskFailureEventDetails{ResourceType: "lambda", Resource: "invoke"}},
		{12, "TaskTimedOut", &TaskFailureEventDetails{ResourceType: "lambda", Resource: "invoke", Error: &errName}},
		{13, "LambdaFunctionScheduled", &LambdaFunctionScheduledEventDetails{Resource: "arn:fn", Input: JSONData{Value: small}, InputDetails: notTruncated}},
		{14, "LambdaFunctionScheduled", &LambdaFunctionScheduledEventDetails{Resource: "arn:fn", Input: JSONData{Value: small}, InputDetails: notTruncated, TimeoutInSeconds: &ten}},
		{15, "LambdaFunctionStarted", nil},
		{16, "LambdaFunctionSucceeded", &OutputEventDetails{Output: JSONData{Value: small}, OutputDetails: notTruncated}},
		{17, "MapIterationStarted", &MapIterationEventDetails{Name: "M", Index: 7}},
		{18, "MapIterationFailed", &MapIterationEventDetails{Name: "M", Index: -1}},
		{19, "MapStateStarted", &MapStateStartedEventDetails{Length: 3}},
		// Truncated data details have no layout: kept as given.
		{20, "PassStateEntered", &StateEnteredEventDetails{Name: "T", Input: JSONData{Value: small}, InputDetails: &DataDetails{Truncated: true}}},
		{21, "PassStateEntered", &StateEnteredEventDetails{Name: "T", Input: JSONData{Value: small}}},
		{22, "ExecutionSucceeded", &ExecutionSucceededEventDetails{Output: JSONData{Value: small}, OutputDetails: notTruncated}},
	}
	l := testLog()
	addAll(l, evs)
	checkEvents(t, l, evs, testTime)
	if n := len(l.rare); n != 6 {
		t.Errorf("%d events kept as given, want 6 (ExecutionStarted, credentials, MapStateStarted, two truncated, ExecutionSucceeded)", n)
	}
}

func TestEventLog_values(t *testing.T) {
	long := strings.Repeat("é", smallValueBytes)
	big := make([]any, 600)
	for i := range big {
		big[i] = int64(i)
	}
	type custom struct{ A int }
	values := []any{
		nil, true, false, "", "x\x00\xff", long,
		int64(0), int64(-1), int64(math.MaxInt64), int64(math.MinInt64), 42, -7,
		0.5, math.Copysign(0, -1), math.Inf(1), 1e300, 3.0, float64(1 << 62),
		map[string]any{}, []any{}, map[string]any(nil), []any(nil),
		map[string]any{"": nil, "k\"ey": []any{map[string]any{"deep": []any{[]any{}}}}},
		big, // kept by reference
		map[string]any{"big": big, "small": int64(1)},    // written, with big by reference
		map[string]any{"t": custom{A: 1}, "n": int64(2)}, // a type that is not JSON's: by reference
		[]any{time.Unix(0, 0), long},
	}
	l := checkValues(t, values, func(v any) any {
		return &StateEnteredEventDetails{Name: "S", Input: JSONData{Value: v}, InputDetails: notTruncated}
	})
	got := l.snapshot()
	for i, v := range values {
		g := got[i].Details.(*StateEnteredEventDetails).Input.Value
		if fmt.Sprintf("%T", g) != fmt.Sprintf("%T", v) {
			t.Errorf("value %d: %T, want %T", i, g, v)
		}
		if f, ok := v.(float64); ok && math.Float64bits(f) != math.Float64bits(g.(float64)) {
			t.Errorf("value %d: %v, want %v", i, g, f)
		}
	}
	// Big values are the caller's, by reference, inside a written value too.
	if g := got[23].Details.(*StateEnteredEventDetails).Input.Value; !sameContainer(g, big) {
		t.Error("the big array is not kept by reference")
	}
	if g := got[24].Details.(*StateEnteredEventDetails).Input.Value.(map[string]any); !sameContainer(g["big"], big) {
		t.Error("the big array inside a small map is not kept by reference")
	}
}

func sameContainer(a, b any) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// TestEventLog_sharing: a value that comes again, whole or inside
// another, is written once, and events that shared it share it again.
func TestEventLog_sharing(t *testing.T) {
	meta := map[string]any{"source": "bench", "tags": []any{"a", "b"}}
	v1 := map[string]any{"i": int64(1), "meta": meta}
	v2 := map[string]any{"i": int64(2), "meta": meta}
	evs := []wantEvent{
		{0, "PassStateEntered", &StateEnteredEventDetails{Name: "A", Input: JSONData{Value: v1}, InputDetails: notTruncated}},
		{1, "PassStateExited", &StateExitedEventDetails{Name: "A", Output: JSONData{Value: v1}, OutputDetails: notTruncated}},
		{2, "PassStateEntered", &StateEnteredEventDetails{Name: "B", Input: JSONData{Value: v2}, InputDetails: notTruncated}},
	}
	l := testLog()
	addAll(l, evs[:1])
	before := l.w.posAt(l.w.blocks[len(l.w.blocks)-1])
	addAll(l, evs[1:2])
	if grew := l.w.posAt(l.w.blocks[len(l.w.blocks)-1]) - before; grew > 8 {
		t.Errorf("the same value again took %d bytes", grew)
	}
	addAll(l, evs[2:])
	checkEvents(t, l, evs, testTime)
	got := l.snapshot()
	in := got[0].Details.(*StateEnteredEventDetails).Input.Value.(map[string]any)
	out := got[1].Details.(*StateExitedEventDetails).Output.Value.(map[string]any)
	next := got[2].Details.(*StateEnteredEventDetails).Input.Value.(map[string]any)
	if !sameContainer(in, out) || !sameContainer(in["meta"], next["meta"]) {
		t.Error("values shared when recorded are not shared when read")
	}
}

// TestEventLog_long: a long history spans many blocks and chunks, refers
// back across them, and is read in several goes.
func TestEventLog_long(t *testing.T) {
	start := time.Date(2024, 5, 6, 7, 8, 9, 999999999, time.UTC)
	var times []time.Time
	var evs []wantEvent
	first := map[string]any{"first": true}
	for i := range 30000 {
		// The clock goes on, and back now and then.
		at := start.Add(time.Duration(i%7-2) * time.Duration(i) * time.Microsecond)
		if i%1000 == 0 {
			at = at.Add(-48 * time.Hour)
		}
		times = append(times, at)
		var v any = map[string]any{"i": int64(i), "pad": strings.Repeat("p", i%900)}
		if i%5000 == 4999 {
			v = first
		}
		name := fmt.Sprintf("S%d", i%50)
		if i%2 == 0 {
			evs = append(evs, wantEvent{int64(i), "TaskStateEntered", &StateEnteredEventDetails{Name: name, Input: JSONData{Value: v}, InputDetails: notTruncated}})
		} else {
			evs = append(evs, wantEvent{int64(i - 1), "TaskStateExited", &StateExitedEventDetails{Name: name, Output: JSONData{Value: v}, OutputDetails: notTruncated}})
		}
	}
	evs[0].details.(*StateEnteredEventDetails).Input.Value = first
	l := testLog(times...)
	addAll(l, evs[:12345])
	if got := l.snapshot(); len(got) != 12345 {
		t.Fatalf("%d events, want 12345", len(got))
	}
	early := l.snapshot()[100]
	addAll(l, evs[12345:])
	checkEvents(t, l, evs, times)
	if l.snapshot()[100] != early {
		t.Error("events read before were made again")
	}
	if len(l.w.blocks) < 10 || len(l.chunks) < 100 {
		t.Errorf("%d blocks and %d chunks: the test does not span them", len(l.w.blocks), len(l.chunks))
	}
	for id := int64(1); id <= int64(len(evs)); id += 997 {
		if got, want := l.previous(id), evs[id-1].prev; got != want {
			t.Errorf("previous(%d) = %d, want %d", id, got, want)
		}
	}
}

// TestEventLog_size pins what a few events weigh: the history of
// a counter loop must stay a few bytes an event.
func TestEventLog_size(t *testing.T) {
	l := testLog()
	v := map[string]any{"i": int64(0), "n": int64(100000)}
	prev := int64(0)
	for i := range 10000 {
		prev = l.addEntered(prev, "PassStateEntered", "Incr", v)
		v = map[string]any{"i": int64(i + 1), "n": int64(100000)}
		prev = l.addExited(prev, "PassStateExited", "Incr", v, nil)
		prev = l.addEntered(prev, "ChoiceStateEntered", "Test", v)
		prev = l.addExited(prev, "ChoiceStateExited", "Test", v, nil)
	}
	size := 0
	for _, b := range l.w.blocks {
		size += cap(b)
	}
	size += len(l.chunks) * eventChunk * 8
	if perEvent := float64(size) / float64(l.n); perEvent > 20 {
		t.Errorf("%.1f bytes an event, want at most 20", perEvent)
	}
	b, _ := json.Marshal(l.snapshot()[1].Details)
	if want := `{"name":"Incr","output":"{\"i\":1,\"n\":100000}","outputDetails":{"truncated":false}}`; string(b) != want {
		t.Errorf("details %s, want %s", b, want)
	}
}

// TestEventLog_shapes: maps of one event site are written by the keys the
// site's last map had, and walked again when their keys differ.
func TestEventLog_shapes(t *testing.T) {
	big := make([]any, 600)
	values := []any{
		map[string]any{"a": int64(1), "b": map[string]any{"x": int64(1)}},
		map[string]any{"a": int64(2), "b": map[string]any{"x": int64(2)}},
		// as many keys, one other: the nested map written first is undone
		map[string]any{"b": map[string]any{"y": int64(3)}, "c": []any{map[string]any{"z": true}}},
		map[string]any{"b": map[string]any{"y": int64(4)}, "c": big},
		map[string]any{"b": map[string]any{"y": int64(5)}, "c": []any{"w"}},
		map[string]any{"b": int64(6)},
		map[string]any{"b": int64(7), "c": nil, "d": ""},
	}
	l := checkValues(t, values, func(v any) any {
		return &StateExitedEventDetails{Name: "S", Output: JSONData{Value: v}, OutputDetails: notTruncated}
	})
	if len(l.refs) != 1 {
		t.Errorf("%d values kept by reference, want 1 (the big array)", len(l.refs))
	}
}

// TestEventLog_farBack: a value written again long after, blocks away,
// is read back from where it was first written.
func TestEventLog_farBack(t *testing.T) {
	v := map[string]any{"far": []any{"back"}}
	evs := []wantEvent{{0, "PassStateEntered", &StateEnteredEventDetails{Name: "A", Input: JSONData{Value: v}, InputDetails: notTruncated}}}
	// Fewer events than growRecentAt: the cache keeps v.
	for i := range 1000 {
		evs = append(evs, wantEvent{int64(i + 1), "PassStateExited", &StateExitedEventDetails{Name: "A", Output: JSONData{Value: strings.Repeat("s", 100)}, OutputDetails: notTruncated}})
	}
	evs = append(evs, wantEvent{1001, "PassStateExited", &StateExitedEventDetails{Name: "B", Output: JSONData{Value: v}, OutputDetails: notTruncated}})
	l := testLog()
	addAll(l, evs[:1])
	l.snapshot()
	addAll(l, evs[1:])
	l.rd.parsed = new(parsedValues) // as if the first reading were long forgotten
	checkEvents(t, l, evs, testTime)
	if len(l.w.blocks) < 3 || len(l.refs) > 0 {
		t.Errorf("%d blocks, %d references: the value is not written blocks away", len(l.w.blocks), len(l.refs))
	}
}

// TestEventLog_each: writing the history an event at a time gives what
// writing the events made gives, whether some were made before or none.
func TestEventLog_each(t *testing.T) {
	var evs []wantEvent
	for i := range 1000 {
		evs = append(evs, wantEvent{int64(i), "PassStateEntered", &StateEnteredEventDetails{Name: "S", Input: JSONData{Value: map[string]any{"i": int64(i)}}, InputDetails: notTruncated}})
	}
	for _, madeFirst := range []int{0, 1, 300, 1000} {
		l := testLog()
		addAll(l, evs[:madeFirst])
		if madeFirst > 0 {
			l.snapshot()
		}
		addAll(l, evs[madeFirst:])
		var each bytes.Buffer
		h := newHistoryWriter(&each)
		if err := l.each(h.event); err != nil || h.close() != nil {
			t.Fatal(err)
		}
		want, err := MarshalHistory(l.snapshot())
		if err != nil || !bytes.Equal(each.Bytes(), want) {
			t.Errorf("%d made first: an event at a time differs (%v)", madeFirst, err)
		}
	}
}

// TestEventLog_concurrent: threads record while others read; every event
// comes back with what was recorded under its id.
func TestEventLog_concurrent(t *testing.T) {
	l := testLog()
	const threads, each = 4, 3000
	want := make([][]any, threads)
	ids := make([][]int64, threads)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	go func() { // a reader all along, as a debugger's window is
		for {
			select {
			case <-stop:
				return
			default:
				l.snapshot()
			}
		}
	}()
	for g := range threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shared := map[string]any{"thread": int64(g)}
			for i := range each {
				v := map[string]any{"g": int64(g), "i": int64(i), "shared": shared}
				want[g] = append(want[g], v)
				ids[g] = append(ids[g], l.addEntered(0, "PassStateEntered", fmt.Sprint("S", g), v))
			}
		}()
	}
	wg.Wait()
	close(stop)
	got := l.snapshot()
	if len(got) != threads*each {
		t.Fatalf("%d events, want %d", len(got), threads*each)
	}
	for g := range threads {
		for i, id := range ids[g] {
			d := got[id-1].Details.(*StateEnteredEventDetails)
			if d.Name != fmt.Sprint("S", g) || !reflect.DeepEqual(d.Input.Value, want[g][i]) {
				t.Fatalf("event %d: %s %v, want S%d %v", id, d.Name, d.Input.Value, g, want[g][i])
			}
		}
	}
}
