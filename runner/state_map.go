package runner

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"baton/model"
)

func init() { registerKind(model.TypeMap, compileMap) }

// mapKind runs its item processor once per item of its input.
type mapKind struct {
	proc         *program
	distributed  bool
	itemsPath    *path // nil: the whole effective input
	itemSelector evaluator
	maxConc      int64
	maxConcPath  *path
	tolCount     int64
	tolCountPath *path
	tolPct       float64
	tolPctPath   *path
	hasTolerance bool
	batcher      *itemBatcher
	reader       *itemReader
	writer       *resultWriter
	jsonata      *mapJSONata // a JSONata state's Items and numbers
}

// inlineMaxConcurrency is how many iterations an inline Map runs at once
// at most, as in AWS.
const inlineMaxConcurrency = 40

// distributedMaxConcurrency bounds the child executions Baton runs at once
// for a distributed Map.
const distributedMaxConcurrency = 1000

func compileMap(c *compiler, s *cstate) (stateKind, error) {
	st := s.src
	if st.Processor == nil {
		return nil, withPos(errorf("a Map state needs an ItemProcessor (or Iterator)"), st.Node.Pos)
	}
	k := &mapKind{}
	var err error
	if k.proc, err = c.program(st.Processor); err != nil {
		return nil, err
	}
	if pc := st.Processor.ProcessorConfig; pc != nil && pc.Get("Mode").Text() == "DISTRIBUTED" {
		k.distributed = true
	}
	if st.ItemReader != nil {
		if k.reader, err = compileItemReader(st.ItemReader); err != nil {
			return nil, err
		}
	}
	if st.ResultWriter != nil {
		if k.writer, err = compileResultWriter(st.ResultWriter); err != nil {
			return nil, err
		}
	}
	if n := st.ItemsPath; n != nil {
		if k.itemsPath, err = optionalPath(n, "ItemsPath"); err != nil {
			return nil, err
		}
	}
	sel := st.ItemSelector
	if sel == nil {
		sel = st.Parameters // the legacy name
		s.parameters = nil
	}
	if sel != nil {
		if k.itemSelector, err = compileTemplate(sel, true); err != nil {
			return nil, withPos(err, sel.Pos)
		}
	}
	if k.maxConc, _, err = intField(st.MaxConcurrency, "MaxConcurrency"); err != nil {
		return nil, err
	}
	if k.maxConcPath, err = optionalPath(st.MaxConcurrencyPath, "MaxConcurrencyPath"); err != nil {
		return nil, err
	}
	if k.tolCount, _, err = intField(st.ToleratedFailureCount, "ToleratedFailureCount"); err != nil {
		return nil, err
	}
	if k.tolCountPath, err = optionalPath(st.ToleratedFailureCountPath, "ToleratedFailureCountPath"); err != nil {
		return nil, err
	}
	if n := st.ToleratedFailurePercentage; n != nil {
		v, ok := n.Float()
		if !ok || v < 0 || v > 100 {
			return nil, withPos(errorf("ToleratedFailurePercentage must be a number between 0 and 100"), n.Pos)
		}
		k.tolPct = v
	}
	if k.tolPctPath, err = optionalPath(st.ToleratedFailurePercentagePath, "ToleratedFailurePercentagePath"); err != nil {
		return nil, err
	}
	k.hasTolerance = st.ToleratedFailureCount != nil || st.ToleratedFailureCountPath != nil ||
		st.ToleratedFailurePercentage != nil || st.ToleratedFailurePercentagePath != nil
	if st.ItemBatcher != nil {
		if k.batcher, err = compileItemBatcher(st.ItemBatcher); err != nil {
			return nil, err
		}
	}
	return k, nil
}

func (k *mapKind) run(t *thread, s *cstate, in any) (any, *cstate, error) {
	eff, err := t.applyPath(s.inputPath, in)
	if err != nil {
		return nil, nil, err
	}
	t.phase(PhaseAfterInputPath, eff)
	out, next, caught, err := t.attempt(s, in, "MapStateFailed", func() (any, error) {
		return k.attempt(t, s, in, eff)
	})
	if err != nil || caught {
		return out, next, err
	}
	out, err = t.output(s, out)
	return out, next, err
}

func (k *mapKind) attempt(t *thread, s *cstate, in, eff any) (any, error) {
	items, err := k.items(t, eff)
	if err != nil {
		return nil, err
	}
	maxConc, err := k.maxConcurrency(t, eff)
	if err != nil {
		return nil, err
	}
	selector := k.itemSelector
	if k.batcher != nil {
		// Items go through the ItemSelector before they are batched.
		selected := make([]any, len(items))
		for i := range items {
			if selected[i], err = k.iterationInput(t, eff, items, i, selector); err != nil {
				return nil, err
			}
		}
		if items, err = k.batcher.batch(t, eff, selected); err != nil {
			return nil, err
		}
		selector = nil
	}
	t.emit("MapStateStarted", &MapStateStartedEventDetails{Length: len(items)})
	if k.distributed {
		return k.runDistributed(t, s, in, eff, items, maxConc, selector)
	}
	workers := int(maxConc)
	if workers == 0 || workers > inlineMaxConcurrency {
		workers = inlineMaxConcurrency
	}
	results := make([]any, len(items))
	var lastEnd int64
	return t.collectGroup(s, in, results, "MapStateSucceeded", &lastEnd, t.runGroup(len(items), workers, func(ct *thread, i int) error {
		ct.vars = &varScope{parent: t.vars}
		ct.setScope(t, s.name, i)
		ct.state = nil
		ct.emit("MapIterationStarted", &MapIterationEventDetails{Name: s.name, Index: i})
		input, err := k.iterationInput(t, eff, items, i, selector)
		if err == nil {
			results[i], err = ct.run(k.proc, input)
		}
		switch {
		case errors.Is(err, errStopped):
			ct.emitAside("MapIterationAborted", &MapIterationEventDetails{Name: s.name, Index: i})
			return err
		case err != nil:
			ct.emitAside("MapIterationFailed", &MapIterationEventDetails{Name: s.name, Index: i})
			return err
		}
		lastEnd = ct.emitAside("MapIterationSucceeded", &MapIterationEventDetails{Name: s.name, Index: i})
		return nil
	}, nil))
}

// iterationInput is the input of iteration i: the item, or what the
// ItemSelector makes of it.
func (k *mapKind) iterationInput(t *thread, eff any, items []any, i int, selector evaluator) (any, error) {
	if selector == nil {
		return items[i], nil
	}
	// The selector runs in the Map state's context, with $$.Map.Item set.
	t.item, t.ctxObj = &mapItem{index: i, value: items[i]}, nil
	v, err := selector.eval(t, eff)
	t.item, t.ctxObj = nil, nil
	return v, err
}

// items selects the array the Map iterates over.
func (k *mapKind) items(t *thread, eff any) ([]any, error) {
	if k.reader != nil {
		return k.reader.read(t, eff)
	}
	if k.jsonata != nil {
		return k.jsonata.itemList(t, eff)
	}
	v := eff
	if k.itemsPath != nil {
		var err error
		if v, err = t.resolveRequired(k.itemsPath, eff); err != nil {
			return nil, err
		}
	}
	items, ok := v.([]any)
	if !ok {
		src := "$"
		if k.itemsPath != nil {
			src = k.itemsPath.src
		}
		return nil, t.runtimeErr("Items of the Map state must be a JSON array, but the ItemsPath '%s' selects %s", src, marshalValue(v))
	}
	return items, nil
}

func (k *mapKind) maxConcurrency(t *thread, eff any) (int64, error) {
	if k.jsonata != nil {
		return k.jsonata.maxConcurrency(t, eff)
	}
	if k.maxConcPath == nil {
		return k.maxConc, nil
	}
	v, err := t.resolveRequired(k.maxConcPath, eff)
	if err != nil {
		return 0, err
	}
	n, ok := intValue(v)
	if !ok || n < 0 {
		return 0, t.runtimeErr("The MaxConcurrencyPath field refers to value \"%s\" which is not a valid integer: %s", shownValue(v), k.maxConcPath.src)
	}
	return n, nil
}

// shownValue is how AWS quotes a bad value in a message: a string as is,
// anything else as JSON.
func shownValue(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return string(marshalValue(v))
}

// tolerance resolves how many failed items a distributed Map tolerates.
func (k *mapKind) tolerance(t *thread, eff any, n int) (int, error) {
	if !k.hasTolerance {
		return 0, nil
	}
	if k.jsonata != nil {
		return k.jsonata.tolerance(t, eff, n)
	}
	count := k.tolCount
	if k.tolCountPath != nil {
		v, err := t.resolveRequired(k.tolCountPath, eff)
		if err != nil {
			return 0, err
		}
		c, ok := intValue(v)
		if !ok || c < 0 {
			return 0, t.runtimeErr("The ToleratedFailureCountPath field refers to value \"%s\" which is not a valid integer: %s", shownValue(v), k.tolCountPath.src)
		}
		count = c
	}
	pct := k.tolPct
	if k.tolPctPath != nil {
		v, err := t.resolveRequired(k.tolPctPath, eff)
		if err != nil {
			return 0, err
		}
		p, ok := floatValue(v)
		if !ok {
			return 0, t.runtimeErr("The ToleratedFailurePercentagePath field refers to value \"%s\" which is not a valid float: %s", shownValue(v), k.tolPctPath.src)
		}
		if p < 0 || p > 100 {
			return 0, t.runtimeErr("ToleratedFailurePercentage must be between 0 and 100.")
		}
		pct = p
	}
	tol := int(count)
	if byPct := int(math.Floor(pct / 100 * float64(n))); (k.tolPctPath != nil || k.tolPct > 0) && byPct > tol {
		tol = byPct
	}
	return tol, nil
}

// runDistributed runs the items as child executions: their events stay
// out of this history, which shows MapRunStarted and how the run ended.
func (k *mapKind) runDistributed(t *thread, s *cstate, in, eff any, items []any, maxConc int64, selector evaluator) (any, error) {
	tol, err := k.tolerance(t, eff, len(items))
	if err != nil {
		return nil, err
	}
	t.emit("MapRunStarted", &MapRunStartedEventDetails{})
	workers := int(maxConc)
	if workers == 0 || workers > distributedMaxConcurrency {
		workers = distributedMaxConcurrency
	}
	results := make([]any, len(items))
	inputs := make([]any, len(items))
	errs := make([]error, len(items))
	failed := 0
	grp := t.runGroup(len(items), workers, func(ct *thread, i int) error {
		// A child execution reads no variables of its parent.
		ct.vars = &varScope{}
		ct.setScope(t, s.name, i)
		ct.state = nil
		ct.log = &eventLog{x: t.x, limit: t.x.opts.historyLimit}
		ct.prev = 0
		input, err := k.iterationInput(t, eff, items, i, selector)
		if err == nil {
			inputs[i] = input
			results[i], err = ct.run(k.proc, input)
		}
		errs[i] = err
		return err
	}, func(i int, err error) bool {
		if errors.Is(err, errStopped) {
			return true
		}
		failed++
		return !k.hasTolerance || failed > tol
	})
	if grp.err != nil {
		var se *StateError
		if k.hasTolerance && errors.As(grp.err, &se) && se.Name != ErrRuntime {
			grp.err = &StateError{Name: ErrExceedToleratedFail, Cause: "The specified tolerated failure threshold was exceeded"}
		}
		errp, causep := failureFields(taskError(grp.err))
		t.emit("MapRunFailed", &FailureDetails{Error: errp, Cause: causep})
		return nil, grp.err
	}
	if err := t.alive(); err != nil {
		return nil, err
	}
	t.emit("MapRunSucceeded", nil)
	t.emitAside("MapStateSucceeded", nil)
	if k.writer != nil {
		written, err := k.writer.write(t, s, eff, inputs, results, errs)
		if err != nil {
			return nil, err
		}
		return t.applyResult(s, in, written)
	}
	return t.applyResult(s, in, results)
}

// intValue reads an integer given as a JSON number or as a string of
// digits (AWS parses the text of what a …Path selects).
func intValue(v any) (int64, bool) {
	if s, ok := v.(string); ok {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		return n, err == nil
	}
	return wholeNumber(v)
}

// floatValue reads a number given as a JSON number or as a string.
func floatValue(v any) (float64, bool) {
	if s, ok := v.(string); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		return f, err == nil
	}
	return toFloat(v)
}
