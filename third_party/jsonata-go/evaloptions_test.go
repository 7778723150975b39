package jsonata

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
)

// Built-in functions were shared objects whose evaluation context and name
// each call set, so concurrent evaluations saw each other's.
func TestEvalConcurrent(t *testing.T) {
	upper := MustCompile(`name.$uppercase()`)
	misnamed := MustCompile(`($f := $string; $f(1, 2))`)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				name := fmt.Sprintf("n%d_%d", i, j)
				got, err := upper.EvalWith(map[string]interface{}{"name": name}, EvalOptions{})
				if want := fmt.Sprintf("N%d_%d", i, j); err != nil || got != want {
					t.Errorf("got %v, %v; want %s", got, err, want)
					return
				}
				_, err = misnamed.Eval(nil)
				var ace *ArgCountError
				if !errors.As(err, &ace) || ace.Func != "f" {
					t.Errorf("error %v, want one naming function f", err)
					return
				}
				_, err = MustCompile(`$string(1, 2)`).Eval(nil)
				if !errors.As(err, &ace) || ace.Func != "string" {
					t.Errorf("error %v, want one naming function string", err)
					return
				}
			}
		}(i)
	}
	wg.Wait()
}

func TestEvalWith_vars(t *testing.T) {
	e := MustCompile(`[$a, $uppercase("x")]`)
	got, err := e.EvalWith(nil, EvalOptions{Vars: map[string]interface{}{"a": 1.0}})
	if want := []interface{}{1.0, "X"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("with $a: got %v, %v; want %v", got, err, want)
	}
	// Variables of one evaluation stay in it.
	got, err = e.EvalWith(nil, EvalOptions{})
	if want := []interface{}{"X"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("without $a: got %v, %v; want %v", got, err, want)
	}
	// A variable hides a function of its name; nil makes it undefined.
	_, err = e.EvalWith(nil, EvalOptions{Vars: map[string]interface{}{"uppercase": nil}})
	var ee *EvalError
	if !errors.As(err, &ee) || ee.Type != ErrNonCallable {
		t.Errorf("with $uppercase undefined: error %v, want ErrNonCallable", err)
	}
}

func TestEvalWith_maxCallDepth(t *testing.T) {
	e := MustCompile(`($f := function($n) { $n = 0 ? "done" : $f($n - 1) }; $f(10))`)
	for _, tt := range []struct {
		depth int
		want  interface{}
		err   error
	}{{0, "done", nil}, {11, "done", nil}, {10, nil, ErrCallDepth}} {
		got, err := e.EvalWith(nil, EvalOptions{MaxCallDepth: tt.depth})
		if got != tt.want || err != tt.err {
			t.Errorf("MaxCallDepth %d: got %v, %v; want %v, %v", tt.depth, got, err, tt.want, tt.err)
		}
	}
}

func TestEvalWith_onRange(t *testing.T) {
	var sizes []int
	stop := errors.New("too many")
	onRange := func(n int) error {
		sizes = append(sizes, n)
		if n > 100 {
			return stop
		}
		return nil
	}
	got, err := MustCompile(`$count([1..3]) + $count([5..4]) + $count([0..9])`).EvalWith(nil, EvalOptions{OnRange: onRange})
	if err != nil || got != 13.0 || !reflect.DeepEqual(sizes, []int{3, 10}) {
		t.Errorf("got %v, %v and sizes %v; want 13, nil and [3 10]", got, err, sizes)
	}
	_, err = MustCompile(`$map([1..2], function($v) { [1..1000] })`).EvalWith(nil, EvalOptions{OnRange: onRange})
	if err != stop {
		t.Errorf("error %v, want %v", err, stop)
	}
}

type ctxKey struct{}

func TestEvalWith_context(t *testing.T) {
	e := MustCompile(`[$tag(), $map([1, 2], $tag), "a" ~> $tag]`)
	err := e.RegisterExts(map[string]Extension{"tag": {Func: func(ctx context.Context, _ ...interface{}) (interface{}, error) {
		v := ctx.Value(ctxKey{})
		if v == nil {
			return "none", nil
		}
		return v, nil
	}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.WithValue(context.Background(), ctxKey{}, "t")
	got, err := e.EvalWith(nil, EvalOptions{Context: ctx})
	if want := []interface{}{"t", "t", "t", "t"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("with a context: got %v, %v; want %v", got, err, want)
	}
	got, err = e.Eval(nil)
	if want := []interface{}{"none", "none", "none", "none"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("without: got %v, %v; want %v", got, err, want)
	}
}

func TestEvalWith_cancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	e := MustCompile(`($f := function($n) { ($cancel(); $f($n + 1)) }; $f(0))`)
	calls := 0
	if err := e.RegisterExts(map[string]Extension{"cancel": {Func: func() bool { calls++; cancel(); return true }}}); err != nil {
		t.Fatal(err)
	}
	_, err := e.EvalWith(nil, EvalOptions{Context: ctx})
	if err != context.Canceled || calls > checkEvery {
		t.Errorf("error %v after %d calls, want %v within %d", err, calls, context.Canceled, checkEvery)
	}
	_, err = e.EvalWith(nil, EvalOptions{Context: ctx})
	if err != context.Canceled || calls > checkEvery {
		t.Errorf("with a cancelled context: error %v, want %v at once", err, context.Canceled)
	}
}
