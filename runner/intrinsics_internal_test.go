package runner

import (
	"math"
	"testing"
)

// TestJavaRandom pins java.util.Random's outputs: new Random(0).nextInt() is
// -1155484576 and new Random(42).nextInt() is -1170105035 on every JVM.
func TestJavaRandom(t *testing.T) {
	tests := []struct {
		seed  int64
		bound int32 // 0: nextInt(), else nextInt(bound)
		want  int32
	}{
		{0, 0, -1155484576},
		{42, 0, -1170105035},
		{0, 100, 60},    // next(31) of seed 0 is 1569741360
		{42, 10, 0},     // next(31) of seed 42 is 1562431130
		{42, 1024, 745}, // power of two: the top bits, 1562431130 >> 21
	}
	for _, tt := range tests {
		r := newJavaRandom(tt.seed)
		var got int32
		if tt.bound == 0 {
			got = r.next(32)
		} else {
			got = r.nextInt(tt.bound)
		}
		if got != tt.want {
			t.Errorf("new Random(%d).nextInt(%d) = %d, want %d", tt.seed, tt.bound, got, tt.want)
		}
	}
}

func TestJavaDouble(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{1, "1.0"}, {-1.5, "-1.5"}, {100, "100.0"}, {0.001, "0.001"}, {0.0001, "1.0E-4"},
		{1234567.125, "1234567.125"}, {1e7, "1.0E7"}, {1.5e300, "1.5E300"}, {-2.5e-5, "-2.5E-5"},
		{0.30000000000000004, "0.30000000000000004"}, {123456789012345680, "1.2345678901234568E17"},
	}
	for _, tt := range tests {
		if got := javaDouble(tt.in); got != tt.want {
			t.Errorf("javaDouble(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestJavaRound(t *testing.T) {
	tests := []struct {
		in   float64
		want int64
	}{{2.5, 3}, {-2.5, -2}, {-1.5, -1}, {1.4999, 1}, {0.49999999999999994, 0}, {-0.5, 0}}
	for _, tt := range tests {
		if got := javaRound(tt.in); got != tt.want {
			t.Errorf("javaRound(%v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestJavaInt(t *testing.T) {
	tests := []struct {
		in   float64
		want int64
	}{{2.9, 2}, {-0.6, 0}, {-2.4, -2}, {3e9, math.MaxInt32}, {-3e9, math.MinInt32}, {math.NaN(), 0}, {math.Inf(1), math.MaxInt32}}
	for _, tt := range tests {
		if got := javaInt(tt.in); got != tt.want {
			t.Errorf("javaInt(%v) = %d, want %d", tt.in, got, tt.want)
		}
	}
	if got := javaLong(1e19); got != math.MaxInt64 {
		t.Errorf("javaLong(1e19) = %d, want MaxInt64", got)
	}
}
