package runner

import (
	"context"
	"strconv"
)

// group runs the jobs of a Parallel or Map state (branches, iterations) on
// child threads. Workers take the next job when they finish one, so a Map
// with MaxConcurrency 1 runs its items one after another, and items that
// never wait run in order: the history reads as AWS writes it.
type group struct {
	parent  *thread
	ctx     context.Context
	cancel  context.CancelFunc
	n, next int
	running int
	stopped bool
	// err is the failure that stopped the group; errPrev is the last event
	// of the thread that failed.
	err     error
	errPrev int64
}

// job runs job i on a child thread; its error stops the group when fail
// says so (nil fail: always).
type job func(ct *thread, i int) error

// runGroup runs n jobs on up to workers threads and returns when all are
// done or the group was stopped and every worker has seen it.
func (t *thread) runGroup(n, workers int, run job, fail func(i int, err error) bool) *group {
	ctx, cancel := context.WithCancel(t.ctx)
	grp := &group{parent: t, ctx: ctx, cancel: cancel, n: n}
	defer cancel()
	if n == 0 {
		return grp
	}
	if workers <= 0 || workers > n {
		workers = n
	}
	grp.running = workers
	for w := 0; w < workers; w++ {
		ct := &thread{x: t.x, log: t.log, g: newGor(ctx), ctx: ctx, prev: t.prev, vars: t.vars}
		if t.ph != nil {
			ct.ph = &Phases{}
		}
		t.x.sched.spawn(ct.g, func() { grp.work(ct, run, fail) })
	}
	t.x.sched.park(t.g)
	return grp
}

func (grp *group) work(ct *thread, run job, fail func(int, error) bool) {
	s := ct.x.sched
	for !grp.stopped && grp.next < grp.n && ct.ctx.Err() == nil {
		i := grp.next
		grp.next++
		err := grp.safeRun(ct, run, i)
		if err != nil && (fail == nil || fail(i, err)) && !grp.stopped {
			grp.stopped, grp.err, grp.errPrev = true, err, ct.prev
			grp.cancel()
			s.wakeCancelled()
		}
	}
	grp.running--
	if grp.running == 0 {
		s.unpark(grp.parent.g)
	}
	s.release()
}

func (grp *group) safeRun(ct *thread, run job, i int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = Errorf(ErrRuntime, "internal error: %v", r)
		}
	}()
	return run(ct, i)
}

// childScope names a branch or iteration for observers.
func childScope(parent, state string, i int) string {
	if parent == "" {
		return state + "/" + strconv.Itoa(i)
	}
	return parent + "/" + state + "/" + strconv.Itoa(i)
}
