package app

import (
	"context"
	"errors"
	"maps"

	"baton/cloud"
	"baton/model"
	"baton/runner"
)

// runUpdate is what the watcher of a session reports to Fyne's goroutine:
// everything the UI shows of the run at one moment, so that when updates
// pile up only the latest need be shown.
type runUpdate struct {
	gen    int
	stop   *runner.DebugStop
	ended  bool
	result runner.Result
	// counts are how many times each state was entered; trans and events
	// count transitions and history events.
	counts map[string]int
	trans  int64
	events int
	// current is the state entered last.
	current string
	// view is the timeline's model of the run's last events (nil on a
	// progress update: the last one stays).
	view *replayModel
}

// debugViewWindow is how many of a run's last events the timeline and the
// colours of the canvas are made from; the visit counts cover them all.
const debugViewWindow = 20000

// runFeed turns a session's history into updates. It lives on the
// watcher's goroutine and reads each event once: the counts grow with
// the new events, and only the last debugViewWindow events are converted
// for the timeline.
type runFeed struct {
	doc     *model.Document
	seen    int
	counts  map[string]int
	current string
	// window holds the converted events from index windowAt on.
	window   []cloud.HistoryEvent
	windowAt int
}

func newRunFeed(doc *model.Document) *runFeed {
	return &runFeed{doc: doc, counts: map[string]int{}}
}

// take counts the visits of the events not seen yet.
func (f *runFeed) take(events []*runner.Event) {
	for _, e := range events[f.seen:] {
		if d, ok := e.Details.(*runner.StateEnteredEventDetails); ok {
			f.counts[d.Name]++
			f.current = d.Name
		}
	}
	f.seen = len(events)
}

// view converts the events not converted yet (of the last
// debugViewWindow) and makes the timeline's model of them.
func (f *runFeed) view(events []*runner.Event) *replayModel {
	from := max(0, len(events)-debugViewWindow)
	if from > f.windowAt {
		drop := min(from-f.windowAt, len(f.window))
		f.window = append(f.window[:0], f.window[drop:]...)
		f.windowAt = from
	}
	for _, e := range events[f.windowAt+len(f.window):] {
		f.window = append(f.window, cloud.HistoryEventOf(e))
	}
	return newReplayModel(slicesClone(f.window), f.doc)
}

func slicesClone(s []cloud.HistoryEvent) []cloud.HistoryEvent {
	return append([]cloud.HistoryEvent(nil), s...)
}

// update reads the session's execution into an update; full adds the
// timeline's model.
func (f *runFeed) update(gen int, s *runner.DebugSession, full bool) *runUpdate {
	u := &runUpdate{gen: gen}
	x := s.Execution()
	if x == nil {
		return u
	}
	events := x.Events()
	f.take(events)
	u.counts, u.current = maps.Clone(f.counts), f.current
	u.trans, u.events = x.Transitions(), len(events)
	if full {
		u.view = f.view(events)
	}
	return u
}

// watch follows session s (generation gen) until it ends or ctx is
// cancelled: each stop and the end are reported with the timeline's
// model; while it runs, its progress every tick. A run that does not
// debug goes on by itself where answering a callback made it stop
// (answers go on as a step).
func (d *debugger) watch(ctx context.Context, s *runner.DebugSession, gen int, debug bool, f *runFeed) {
	for {
		tctx, cancel := context.WithTimeout(ctx, d.tick)
		st, err := s.Next(tctx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		if errors.Is(err, context.DeadlineExceeded) {
			if s.Current() == nil {
				d.publish(f.update(gen, s, false))
			}
			continue
		}
		if err != nil {
			return
		}
		if !debug && st != nil && st.Reason == runner.ReasonStep && s.Continue() == nil {
			continue
		}
		u := f.update(gen, s, true)
		u.stop = st
		if st == nil {
			u.ended, u.result = true, s.Result()
		}
		d.publish(u)
		if st == nil {
			return
		}
	}
}

// publish hands u to Fyne's goroutine. While an update waits to be
// shown, a newer one replaces it, except that a progress update (no
// model) keeps the waiting one's stop and model.
func (d *debugger) publish(u *runUpdate) {
	d.mu.Lock()
	if old := d.latest; old != nil && old.gen == u.gen && u.view == nil {
		u.view, u.stop, u.ended, u.result = old.view, old.stop, old.ended, old.result
	}
	d.latest = u
	pending := d.pending
	d.pending = true
	d.mu.Unlock()
	if !pending {
		d.post(d.applyLatest)
	}
}

// applyLatest shows the latest update, on Fyne's goroutine.
func (d *debugger) applyLatest() {
	d.mu.Lock()
	u := d.latest
	d.latest, d.pending = nil, false
	d.mu.Unlock()
	if u != nil {
		d.apply(u)
	}
}

// apply shows an update of the current session.
func (d *debugger) apply(u *runUpdate) {
	r := d.run
	if r == nil || u.gen != r.gen || r.ended {
		return
	}
	r.counts, r.trans, r.events, r.current = u.counts, u.trans, u.events, u.current
	if u.view != nil {
		r.view = u.view
		r.stop, r.ended, r.result = u.stop, u.ended, u.result
	}
	d.showOverlay()
	d.ui.update(u.view != nil)
}
