package runner

import "time"

// Clock is the time source of an execution: Wait states, Retry intervals,
// timeouts and event timestamps all read it.
type Clock interface {
	Now() time.Time
}

// virtualClock is the default: time starts at start and moves only when
// every branch of the execution is waiting, straight to the next wake-up,
// so a Wait of a day takes no real time.
type virtualClock struct{ start time.Time }

func (c virtualClock) Now() time.Time { return c.start }

// VirtualClock returns a virtual clock that starts at start. Each
// execution keeps its own virtual time from there: sharing the value
// between executions is safe.
func VirtualClock(start time.Time) Clock { return virtualClock{start: start.UTC()} }

type realClock struct{}

func (realClock) Now() time.Time { return time.Now().UTC() }

// RealClock returns the wall clock: a Wait of ten seconds takes ten
// seconds.
func RealClock() Clock { return realClock{} }
