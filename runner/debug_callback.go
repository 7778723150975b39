package runner

import (
	"context"

	"baton/model"
)

// debugCallbacks answers the callback tasks (.waitForTaskToken) that the
// session's own task handlers leave unanswered: it stops the session
// (ReasonCallback) until SendSuccess or SendFailure.
type debugCallbacks struct{ r *debugRun }

func (h debugCallbacks) Invoke(ctx context.Context, req *TaskRequest) (any, error) {
	if req.TaskToken == "" {
		return nil, ErrNoHandler
	}
	r := h.r
	r.tasksMu.Lock()
	info := r.tasks[req.Scope]
	r.tasksMu.Unlock()
	if info == nil || info.Name != req.State || info.Scope != req.Scope {
		info = &StateInfo{Name: req.State, Type: model.TypeTask, Scope: req.Scope}
	}
	st := r.snapshot(info, info.livePhases(), Before, ReasonCallback)
	st.Token = req.TaskToken
	c := r.halt(st)
	switch {
	case c.kind != cmdSend:
		return nil, context.Canceled // stopped: the task is abandoned
	case c.fail != nil:
		return nil, c.fail
	}
	return c.output, nil
}
