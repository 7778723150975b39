package runner_test

import (
	"context"
	"testing"

	"baton/runner"
)

// BenchmarkJSONata_loop runs a JSONata loop of 1,000 iterations: a Pass
// state computing its Output and Assign, and a Choice on a Condition.
func BenchmarkJSONata_loop(b *testing.B) {
	m := compile(b, `{"QueryLanguage":"JSONata","StartAt":"Step","States":{
		"Step":{"Type":"Pass","Assign":{"i":"{% $states.input.i + 1 %}"},"Output":{"i":"{% $states.input.i + 1 %}","sum":"{% $states.input.sum + $states.input.i %}"},"Next":"Loop"},
		"Loop":{"Type":"Choice","Choices":[{"Condition":"{% $i < 1000 %}","Next":"Step"}],"Default":"Done"},
		"Done":{"Type":"Succeed"}}}`)
	in := parse(b, `{"i":0,"sum":0}`)
	b.ReportAllocs()
	for b.Loop() {
		r, _ := m.Run(context.Background(), in, runner.WithHistoryLimit(0))
		if r.Status != runner.StatusSucceeded {
			b.Fatal(outcome(r))
		}
	}
}
