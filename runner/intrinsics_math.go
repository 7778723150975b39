package runner

import (
	"fmt"
	"math"

	"baton/model"
)

// fnMathAdd is States.MathAdd(a, b): the sum of two numbers, each first
// rounded to the nearest integer (halves up, as Java's Math.round; AWS gives
// 5 for 1.6 + 2.7). Operands and sum must fit in a 32-bit integer.
func fnMathAdd(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	a, ok1 := intrNumber(args[0])
	b, ok2 := intrNumber(args[1])
	if !ok1 || !ok2 {
		return nil, invalidArgs(call)
	}
	x, y := javaRound(a), javaRound(b)
	sum := x + y
	if !fitsInt32(x) || !fitsInt32(y) || !fitsInt32(sum) {
		return nil, invalidArgs(call)
	}
	return sum, nil
}

func fitsInt32(n int64) bool { return n >= math.MinInt32 && n <= math.MaxInt32 }

// fnMathRandom is States.MathRandom(start, end[, seed]): an integer in
// [start, end), with start and end truncated to integers; start must be
// below end. With a seed the result is Java's new Random(seed).nextInt(end -
// start) + start, which is what AWS's Java service most likely computes: the
// recorded cases redact the value, so only the determinism is certain.
func fnMathRandom(e *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	startF, ok1 := intrNumber(args[0])
	endF, ok2 := intrNumber(args[1])
	if !ok1 || !ok2 {
		return nil, invalidArgs(call)
	}
	start, end := javaInt(startF), javaInt(endF)
	bound := end - start
	if bound <= 0 || bound > math.MaxInt32 { // Java's int subtraction would overflow
		return nil, invalidArgs(call)
	}
	if len(args) == 3 {
		seed, ok := intrNumber(args[2])
		if !ok {
			return nil, invalidArgs(call)
		}
		return start + int64(newJavaRandom(javaLong(seed)).nextInt(int32(bound))), nil
	}
	return start + e.rnd.Int64N(bound), nil
}

// fnUUID is States.UUID(): a random version 4 UUID.
func fnUUID(e *intrinsicEval, _ *model.IntrinsicCall, _ []any) (any, error) {
	hi, lo := e.rnd.Uint64(), e.rnd.Uint64()
	hi = hi&^0xF000 | 0x4000     // version 4
	lo = lo&^(0xC<<60) | 0x8<<60 // variant 10
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x",
		hi>>32, hi>>16&0xFFFF, hi&0xFFFF, lo>>48, lo&0xFFFFFFFFFFFF), nil
}

// javaRandom is java.util.Random's linear congruential generator.
type javaRandom struct{ seed int64 }

const (
	javaRandomMultiplier = 0x5DEECE66D
	javaRandomMask       = 1<<48 - 1
)

func newJavaRandom(seed int64) *javaRandom {
	return &javaRandom{seed: (seed ^ javaRandomMultiplier) & javaRandomMask}
}

func (r *javaRandom) next(bits uint) int32 {
	r.seed = (r.seed*javaRandomMultiplier + 0xB) & javaRandomMask
	return int32(uint64(r.seed) >> (48 - bits))
}

// nextInt is Random.nextInt(bound) for bound > 0.
func (r *javaRandom) nextInt(bound int32) int32 {
	v := r.next(31)
	m := bound - 1
	if bound&m == 0 { // a power of two
		return int32(int64(bound) * int64(v) >> 31)
	}
	for u := v; ; u = r.next(31) {
		v = u % bound
		if u-v+m >= 0 { // int32 overflow rejects the biased tail, as in Java
			return v
		}
	}
}
