package runner

import (
	"errors"

	"baton/model"
)

func init() { registerKind(model.TypeParallel, compileParallel) }

// parallelKind runs its branches on copies of its input; the output is
// the list of their outputs. A failing branch fails the state and stops
// its siblings.
type parallelKind struct {
	branches []*program
}

func compileParallel(c *compiler, s *cstate) (stateKind, error) {
	k := &parallelKind{}
	for _, b := range s.src.Branches {
		p, err := c.program(b)
		if err != nil {
			return nil, err
		}
		k.branches = append(k.branches, p)
	}
	return k, nil
}

func (k *parallelKind) run(t *thread, s *cstate, in any) (any, *cstate, error) {
	eff, err := t.applyPath(s.inputPath, in)
	if err != nil {
		return nil, nil, err
	}
	t.phase(PhaseAfterInputPath, eff)
	out, next, caught, err := t.attempt(s, in, "ParallelStateFailed", func() (any, error) {
		branchIn := eff
		if s.parameters != nil {
			if branchIn, err = s.parameters.eval(t, eff); err != nil {
				return nil, err
			}
			t.phase(PhaseAfterParameters, branchIn)
		}
		started := t.emit("ParallelStateStarted", nil)
		results := make([]any, len(k.branches))
		var last int64
		return t.collectGroup(s, in, results, "ParallelStateSucceeded", &last, t.runGroup(len(k.branches), 0, func(ct *thread, i int) error {
			// Every branch starts from ParallelStateStarted, even when
			// one worker runs several branches in turn.
			ct.vars, ct.prev = &varScope{parent: t.vars}, started
			ct.setScope(t, s.name, i)
			out, err := ct.run(k.branches[i], branchIn)
			if err != nil {
				if ct.state != nil && ct.state.typ != model.TypeFail && !errors.Is(err, errStopped) {
					ct.emitAside(eventPrefix[ct.state.typ]+"StateAborted", nil)
				}
				return err
			}
			results[i] = out
			last = ct.prev
			return nil
		}, nil))
	})
	if err != nil || caught {
		return out, next, err
	}
	out, err = t.output(s, out)
	return out, next, err
}

// collectGroup ends a Parallel or Map attempt once its branches or
// iterations are done: on a failure the state fails where the failing
// thread stopped; else the state's last event follows *last (the last
// branch event, or the last MapIterationSucceeded), succeeded (an event
// type) is recorded, and the results go through Assign, ResultSelector and
// ResultPath.
func (t *thread) collectGroup(s *cstate, in any, results []any, succeeded string, last *int64, grp *group) (any, error) {
	if grp.err != nil {
		t.prev, t.childFailed = grp.errPrev, true
		return nil, grp.err
	}
	if err := t.alive(); err != nil {
		return nil, err
	}
	if *last != 0 {
		t.prev = *last
	}
	t.emitAside(succeeded, nil)
	return t.applyResult(s, in, results)
}

// applyResult is the tail of a state that produced a result: Assign,
// ResultSelector and ResultPath.
func (t *thread) applyResult(s *cstate, in, result any) (any, error) {
	t.phase(PhaseResult, result)
	vals, err := s.assign.eval(t, result)
	if err != nil {
		return nil, err
	}
	t.assign(vals)
	if s.resultSelector != nil {
		if result, err = s.resultSelector.eval(t, result); err != nil {
			return nil, err
		}
		t.phase(PhaseAfterResultSelector, result)
	}
	out, err := t.applyResultPath(s.resultPath, in, result)
	if err != nil {
		return nil, err
	}
	t.phase(PhaseAfterResultPath, out)
	return out, nil
}
