package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"baton/model"
	"baton/runner"
)

// BenchmarkDebugger_showEnd measures what Fyne's goroutine does to show
// the end of a run of 20,000 events (the timeline's window): the canvas
// overlay, the Debug tab, the timeline, the time bars and the last event.
func BenchmarkDebugger_showEnd(b *testing.B) {
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	a := test.NewTempApp(b)
	doc, err := model.Parse("loop.asl.json", []byte(loopDef))
	if err != nil {
		b.Fatal(err)
	}
	e := openEditorWindow(a, "", doc, []byte(loopDef), nil)
	defer e.win.Close()
	m, err := runner.Compile(doc)
	if err != nil {
		b.Fatal(err)
	}
	s := runner.NewDebugSession(m, map[string]any{"i": int64(0), "n": int64(5000)}, runner.DebugConfig{})
	defer s.Close()
	if err := s.Continue(); err != nil {
		b.Fatal(err)
	}
	if st, err := s.Next(context.Background()); st != nil || err != nil {
		b.Fatal(st, err)
	}
	u := newRunFeed(doc).update(1, s, true)
	u.ended, u.result = true, s.Result()
	e.dbg.run = &debugRun{s: s, gen: 1, doc: doc, input: "loop"}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		e.dbg.run.ended = false
		e.dbg.apply(u)
	}
	b.StopTimer()
	if got := len(e.dbg.ui.tl.Rows()); got != debugViewWindow || e.dbg.ui.phases.title.Text != "SUCCEEDED" {
		b.Fatalf("%d rows, %q", got, e.dbg.ui.phases.title.Text)
	}
}

// BenchmarkRunFeed_update measures what the watcher does at a stop of a
// run of 20,000 events: count the visits and convert the events for the
// timeline's model.
func BenchmarkRunFeed_update(b *testing.B) {
	doc, err := model.Parse("loop.asl.json", []byte(loopDef))
	if err != nil {
		b.Fatal(err)
	}
	m, err := runner.Compile(doc)
	if err != nil {
		b.Fatal(err)
	}
	s := runner.NewDebugSession(m, map[string]any{"i": int64(0), "n": int64(5000)}, runner.DebugConfig{})
	defer s.Close()
	s.Continue()
	s.Next(context.Background())
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		newRunFeed(doc).update(1, s, true)
	}
}
