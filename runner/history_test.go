package runner_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"baton/model"
	"baton/runner"
)

func init() {
	// Other test files of the module may register -update too.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestMarshalHistory_golden runs the example saga's test cases and pins
// their whole history, as `baton run --history` writes it.
func TestMarshalHistory_golden(t *testing.T) {
	const dir = "../testdata/examples"
	src, err := os.ReadFile(filepath.Join(dir, "order-saga.asl.json"))
	if err != nil {
		t.Skip("no example saga")
	}
	doc, err := model.Parse("order-saga.asl.json", src)
	if err != nil {
		t.Fatal(err)
	}
	m, err := runner.Compile(doc)
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.ReadFile(filepath.Join(dir, "order-saga.input.json"))
	if err != nil {
		t.Fatal(err)
	}
	cfgSrc, err := os.ReadFile(filepath.Join(dir, "order-saga.mocks.json"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := runner.ParseMockConfig(cfgSrc)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []string{"HappyPath", "PaymentFails"} {
		t.Run(tc, func(t *testing.T) {
			h, err := cfg.Handler("OrderSaga", tc)
			if err != nil {
				t.Fatal(err)
			}
			_, events := m.Run(context.Background(), parse(t, string(in)),
				runner.WithTasks(h), runner.WithClock(runner.VirtualClock(fixedStart)), runner.WithExecutionName("golden"), runner.WithSeed(1))
			got, err := runner.MarshalHistory(events)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "order-saga."+tc+".history.json")
			if updating() {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(append(got, '\n'), want) {
				t.Errorf("history differs from %s (run with -update after checking the change):\n%s", golden, got)
			}
		})
	}
}
