package jsonata

import (
	"context"
	"errors"
	"fmt"
	"reflect"
)

// EvalOptions configure one evaluation by EvalWith.
type EvalOptions struct {
	// Context, if set, stops the evaluation with its error once it is
	// done, and is the first argument of the extension functions whose
	// first parameter is a context.Context (so they can reach what the
	// caller keeps for this evaluation).
	Context context.Context

	// Vars are variables of this evaluation only. They hide the
	// Expr's registered variables and functions of the same names; a
	// nil value makes the name undefined. The Expr is not changed.
	Vars map[string]interface{}

	// MaxCallDepth, if positive, bounds how deeply calls of functions
	// defined in the expression may nest: a deeper call stops the
	// evaluation with ErrCallDepth.
	MaxCallDepth int

	// OnRange, if set, is called with the number of items the range
	// operator (a..b) is about to make; an error it returns stops the
	// evaluation.
	OnRange func(items int) error
}

// ErrCallDepth stops an evaluation whose function calls nest deeper than
// its EvalOptions allow.
var ErrCallDepth = errors.New("function calls nest too deeply")

// EvalWith is like Eval, with options. Evaluations of one Expr, with
// Eval or EvalWith, may run concurrently; RegisterExts and RegisterVars
// must not run at the same time as them.
//
// When the evaluation is stopped (by its Context, MaxCallDepth or
// OnRange), the error is the one that stopped it, as is.
func (e *Expr) EvalWith(data interface{}, opts EvalOptions) (interface{}, error) {
	ev := &evaluation{
		ctx:          opts.Context,
		maxCallDepth: opts.MaxCallDepth,
		onRange:      opts.OnRange,
	}
	if ev.ctx != nil {
		ev.done = ev.ctx.Done()
		if err := ev.ctx.Err(); err != nil {
			return nil, err
		}
	}
	vars, err := processVars(opts.Vars)
	if err != nil {
		return nil, err
	}
	res, err := e.eval(data, ev, vars)
	if ev.err != nil {
		return nil, ev.err
	}
	return res, err
}

// An evaluation is the state of one evaluation by EvalWith.
type evaluation struct {
	ctx          context.Context
	done         <-chan struct{}
	steps        uint
	maxCallDepth int
	callDepth    int
	onRange      func(int) error
	// err is what stopped the evaluation.
	err error
}

// checkEvery is how many evaluation steps pass between two looks at the
// Context.
const checkEvery = 64

// step counts one evaluation step, and reports whether the evaluation
// must stop.
func (ev *evaluation) step() error {
	if ev.err != nil {
		return ev.err
	}
	ev.steps++
	if ev.done != nil && ev.steps%checkEvery == 0 {
		select {
		case <-ev.done:
			return ev.stop(ev.ctx.Err())
		default:
		}
	}
	return nil
}

// stop records why the evaluation stops (the first reason wins) and
// returns it.
func (ev *evaluation) stop(err error) error {
	if ev.err == nil {
		ev.err = err
	}
	return ev.err
}

// context returns the evaluation's Context, or the background one.
func (ev *evaluation) context() context.Context {
	if ev == nil || ev.ctx == nil {
		return context.Background()
	}
	return ev.ctx
}

// eval evaluates the expression in the evaluation ev (nil for Eval) with
// the extra variables vars.
func (e *Expr) eval(data interface{}, ev *evaluation, vars map[string]reflect.Value) (interface{}, error) {
	input, ok := data.(reflect.Value)
	if !ok {
		input = reflect.ValueOf(data)
	}

	env := e.newEnv(input)
	env.ev = ev
	env.bindAll(vars)

	result, err := eval(e.node, input, env)
	if err != nil {
		return nil, err
	}

	if !result.IsValid() {
		return nil, ErrUndefined
	}

	if !result.CanInterface() {
		return nil, fmt.Errorf("Eval returned a non-interface value")
	}

	if result.Kind() == reflect.Ptr && result.IsNil() {
		return nil, nil
	}

	return result.Interface(), nil
}
