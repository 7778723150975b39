package jsonata

import (
	"math"
	"testing"
)

// Arithmetic and $sum/$average were rounded to 8 decimal places (and * and
// % truncated); JSONata computes in IEEE doubles, as JavaScript does.
func TestArithmeticInDoubles(t *testing.T) {
	tests := []struct {
		expr string
		want float64
	}{
		{"0.1 + 0.2", 0.30000000000000004},
		{"0.3 - 0.1", 0.19999999999999998},
		{"1 / 3", 1.0 / 3},
		{"0.1 * 3", 0.30000000000000004},
		{"1.23456789012 * 1", 1.23456789012},
		{"5.5 % 2", 1.5},
		{"-5.5 % 2", -1.5},
		{"$sum([0.1, 0.2])", 0.30000000000000004},
		{"$average([0.1, 0.2])", 0.15000000000000002},
		{"1 / 0", math.Inf(1)},
	}
	for _, tt := range tests {
		got, err := MustCompile(tt.expr).Eval(nil)
		if err != nil || got != tt.want {
			t.Errorf("%s = %v, %v; want %v", tt.expr, got, err, tt.want)
		}
	}
	got, err := MustCompile("0 / 0").Eval(nil)
	if f, ok := got.(float64); err != nil || !ok || !math.IsNaN(f) {
		t.Errorf("0 / 0 = %v, %v; want NaN", got, err)
	}
}
