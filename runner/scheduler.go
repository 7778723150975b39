package runner

import (
	"container/heap"
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// scheduler runs the threads of one execution (the main flow, Parallel
// branches, Map iterations) one at a time, handing a token from one to the
// next, so that events are ordered deterministically and a paused thread
// pauses the whole execution. A thread gives the token up only when it
// waits: for the clock, for its children, or for a handler that takes
// real time. With a virtual clock, time jumps to the next wake-up when no
// thread can run and none is busy outside.
type scheduler struct {
	mu      sync.Mutex
	virtual bool
	now     time.Time // virtual time
	nowNano atomic.Int64
	held    bool // a thread holds the token
	runq    []*gor
	busy    int // threads inside a real-time handler call
	timers  timerHeap
	seq     uint64
}

// gor is a scheduled thread's handle.
type gor struct {
	wake   chan struct{}
	ctx    context.Context
	timer  *timer // while sleeping on the virtual clock
	parked bool   // waiting for its children
	queued bool
	cut    <-chan struct{} // ends a real-clock sleep early (a debugger's pause)
}

func newGor(ctx context.Context) *gor { return &gor{wake: make(chan struct{}, 1), ctx: ctx} }

type timer struct {
	at    time.Time
	seq   uint64
	g     *gor   // thread to wake, or
	fn    func() // work to do (with the lock held)
	index int
}

type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].at.Equal(h[j].at) {
		return h[i].seq < h[j].seq
	}
	return h[i].at.Before(h[j].at)
}
func (h timerHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i]; h[i].index = i; h[j].index = j }
func (h *timerHeap) Push(x any)   { t := x.(*timer); t.index = len(*h); *h = append(*h, t) }
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	*h = old[:len(old)-1]
	t.index = -1
	return t
}

// nowTime is the virtual time; it is read without the lock.
func (s *scheduler) nowTime() time.Time { return time.Unix(0, s.nowNano.Load()).UTC() }

// setNow moves the virtual clock; s.mu is held.
func (s *scheduler) setNow(t time.Time) {
	s.now = t
	s.nowNano.Store(t.UnixNano())
}

// acquire blocks until g holds the token.
func (s *scheduler) acquire(g *gor) {
	s.mu.Lock()
	s.acquireLocked(g)
}

// acquireLocked is acquire with s.mu held; it unlocks it.
func (s *scheduler) acquireLocked(g *gor) {
	if !s.held {
		s.held = true
		s.mu.Unlock()
		return
	}
	g.queued = true
	s.runq = append(s.runq, g)
	s.mu.Unlock()
	<-g.wake
}

// release gives the token to the next runnable thread.
func (s *scheduler) release() {
	s.mu.Lock()
	s.handoff()
	s.mu.Unlock()
}

// handoff passes the token on; s.mu is held.
func (s *scheduler) handoff() {
	for {
		if len(s.runq) > 0 {
			g := s.runq[0]
			s.runq[0] = nil
			s.runq = s.runq[1:]
			g.queued = false
			s.held = true
			g.wake <- struct{}{}
			return
		}
		s.held = false
		if !s.virtual || s.busy > 0 || len(s.timers) == 0 {
			return
		}
		t := heap.Pop(&s.timers).(*timer)
		if t.at.After(s.now) {
			s.setNow(t.at)
		}
		if t.g != nil {
			t.g.timer = nil
			s.runq = append(s.runq, t.g)
			t.g.queued = true
		} else {
			t.fn()
		}
	}
}

// spawn queues a new thread; run starts once it gets the token and must
// end by calling finish.
func (s *scheduler) spawn(g *gor, run func()) {
	s.mu.Lock()
	g.queued = true
	s.runq = append(s.runq, g)
	s.mu.Unlock()
	go func() {
		<-g.wake
		run()
	}()
}

// sleep waits d on the execution's clock; it returns early when g's
// context ends. The caller holds the token and holds it again on return.
func (s *scheduler) sleep(g *gor, d time.Duration) {
	if d <= 0 {
		return
	}
	if !s.virtual {
		s.release()
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-g.ctx.Done():
			t.Stop()
		case <-g.cut:
			t.Stop()
		}
		s.acquire(g)
		return
	}
	s.mu.Lock()
	if g.ctx.Err() != nil {
		s.mu.Unlock()
		return
	}
	s.seq++
	t := &timer{at: s.now.Add(d), seq: s.seq, g: g}
	g.timer = t
	heap.Push(&s.timers, t)
	s.handoff()
	s.mu.Unlock()
	<-g.wake
}

// at runs fn (with the scheduler locked) once the virtual clock reaches
// when; with the real clock it uses a timer. It is how execution timeouts
// fire.
func (s *scheduler) at(when time.Time, fn func()) (stop func()) {
	if !s.virtual {
		t := time.AfterFunc(time.Until(when), func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			fn()
		})
		return func() { t.Stop() }
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	t := &timer{at: when, seq: s.seq, fn: fn}
	heap.Push(&s.timers, t)
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if t.index >= 0 && t.index < len(s.timers) && s.timers[t.index] == t {
			heap.Remove(&s.timers, t.index)
		}
	}
}

// wakeCancelled makes every thread that sleeps on the virtual clock with
// an ended context runnable again; s.mu is held.
func (s *scheduler) wakeCancelledLocked() {
	for i := 0; i < len(s.timers); {
		t := s.timers[i]
		if t.g != nil && t.g.ctx.Err() != nil {
			heap.Remove(&s.timers, i)
			t.g.timer = nil
			t.g.queued = true
			s.runq = append(s.runq, t.g)
			continue
		}
		i++
	}
}

// wakeCancelled is wakeCancelledLocked for callers outside the scheduler;
// when no thread holds the token, it hands it on.
func (s *scheduler) wakeCancelled() {
	s.mu.Lock()
	s.wakeCancelledLocked()
	if !s.held {
		s.handoff()
	}
	s.mu.Unlock()
}

// outside runs fn without the token, for work that takes real time (a
// process, a network call): other threads run meanwhile, and virtual time
// stands still until fn returns.
func (s *scheduler) outside(g *gor, fn func()) {
	s.mu.Lock()
	s.busy++
	s.handoff()
	s.mu.Unlock()
	fn()
	s.mu.Lock()
	s.busy--
	s.acquireLocked(g)
}

// park gives up the token until another thread calls unpark(g).
func (s *scheduler) park(g *gor) {
	s.mu.Lock()
	g.parked = true
	s.handoff()
	s.mu.Unlock()
	<-g.wake
}

// unpark makes a parked thread runnable; the caller holds the token.
func (s *scheduler) unpark(g *gor) {
	s.mu.Lock()
	if g.parked {
		g.parked = false
		g.queued = true
		s.runq = append(s.runq, g)
	}
	s.mu.Unlock()
}
