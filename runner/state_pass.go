package runner

import "baton/model"

func init() {
	registerKind(model.TypePass, compilePass)
	registerKind(model.TypeSucceed, func(*compiler, *cstate) (stateKind, error) { return succeedKind{}, nil })
}

// passKind passes its input, Parameters or Result on.
type passKind struct {
	result evaluator // the Result field, a literal; nil if absent
}

func compilePass(c *compiler, s *cstate) (stateKind, error) {
	k := &passKind{}
	if r := s.src.Result; r != nil {
		k.result = literal{r.Value()}
	}
	return k, nil
}

func (k *passKind) run(t *thread, s *cstate, in any) (any, *cstate, error) {
	eff, err := t.applyPath(s.inputPath, in)
	if err != nil {
		return nil, nil, err
	}
	t.phase(PhaseAfterInputPath, eff)
	res := eff
	if s.parameters != nil {
		if res, err = s.parameters.eval(t, eff); err != nil {
			return nil, nil, err
		}
		t.phase(PhaseAfterParameters, res)
	}
	if k.result != nil {
		res, _ = k.result.eval(t, eff)
	}
	t.phase(PhaseResult, res)
	out, err := t.finish(s, in, res)
	return out, s.next, err
}

// finish runs the common tail of a state that produced a result: Assign,
// ResultPath, the size limit and OutputPath.
func (t *thread) finish(s *cstate, in, result any) (any, error) {
	vals, err := s.assign.eval(t, result)
	if err != nil {
		return nil, err
	}
	t.assign(vals)
	out, err := t.applyResultPath(s.resultPath, in, result)
	if err != nil {
		return nil, err
	}
	t.phase(PhaseAfterResultPath, out)
	return t.output(s, out)
}

// output checks the size limit and applies OutputPath.
func (t *thread) output(s *cstate, out any) (any, error) {
	if err := t.checkSize(out); err != nil {
		return nil, err
	}
	return t.applyPath(s.outputPath, out)
}

// succeedKind ends the machine successfully.
type succeedKind struct{}

func (succeedKind) run(t *thread, s *cstate, in any) (any, *cstate, error) {
	eff, err := t.applyPath(s.inputPath, in)
	if err != nil {
		return nil, nil, err
	}
	t.phase(PhaseAfterInputPath, eff)
	out, err := t.applyPath(s.outputPath, eff)
	return out, nil, err
}
