package model_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"baton/model"
)

const editBase = "testdata/edit/base.asl.json"

func obj(src string) *model.Node {
	n, err := model.ParseJSON("", []byte(src))
	if err != nil {
		panic(err)
	}
	return n
}

// edgesOf summarises the transitions of a document's typed view.
func edgesOf(m *model.StateMachine) string {
	var b strings.Builder
	var walk func(g *model.Graph)
	walk = func(g *model.Graph) {
		for _, e := range g.Edges {
			fmt.Fprintf(&b, "%s-%s#%d->%s ", e.From, e.Kind, e.Index, e.To)
		}
		for _, n := range g.Nodes {
			for _, c := range n.Children {
				b.WriteString("[ ")
				walk(c)
				b.WriteString("] ")
			}
		}
	}
	walk(model.BuildGraph(m))
	return b.String()
}

// Each row applies one edit to testdata/edit/base.asl.json and pins the
// whole result in compact JSON (the same writer as MarshalJSON, without the
// white space): untouched literals such as 1.50, 1e2 and "caf\u00e9" stay
// as written, and keys keep their order.
func TestEdit_Apply(t *testing.T) {
	tests := []struct {
		name string
		edit model.Edit
		want string // compact JSON
	}{
		// AddState
		{"add unconnected", model.AddState{Name: "F", State: obj(`{"Type": "Pass", "End": true}`)},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"},"F":{"Type":"Pass","End":true}}}`},
		{"add after a Next", model.AddState{Name: "F", State: obj(`{"Type": "Pass", "End": true}`), After: "A"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"F"},"F":{"Type":"Pass","Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"add after an End", model.AddState{Name: "F", State: obj(`{"Type": "Wait", "Seconds": 3}`), After: "C", Kind: model.EdgeEnd},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"Next":"F"},"F":{"Type":"Wait","Seconds":3,"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"add into a Choice rule", model.AddState{Name: "F", State: obj(`{"Type": "Pass", "End": true}`), After: "B", Kind: model.EdgeChoice, Index: 0},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"F"}],"Default":"D"},"F":{"Type":"Pass","Next":"C"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"add a Choice into a Default", model.AddState{Name: "F", State: obj(`{"Type": "Choice", "Choices": []}`), After: "B", Kind: model.EdgeDefault},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"F"},"F":{"Type":"Choice","Choices":[],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"add into a catcher", model.AddState{Name: "F", State: obj(`{"Type": "Pass"}`), After: "C", Kind: model.EdgeCatch, Index: 0},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}],"End":true},"F":{"Type":"Pass","Next":"D"},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"add at the start", model.AddState{Name: "F", State: obj(`{"Type": "Pass", "End": true}`), Kind: model.EdgeStart},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"F","States":{"F":{"Type":"Pass","Next":"A"},"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"add into a branch", model.AddState{Scope: []string{"D#0"}, Name: "P2", State: obj(`{"Type": "Pass", "End": true}`), After: "P1"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","Next":"P2"},"P2":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"add a new branch", model.AddState{Scope: []string{"D#1"}, Name: "Q1", State: obj(`{"Type": "Pass"}`)},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}},{"StartAt":"Q1","States":{"Q1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},

		// RemoveState
		{"remove the start", model.RemoveState{Name: "A"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"B","States":{"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"remove a container, reconnecting Default and Catch", model.RemoveState{Name: "D"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"E"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"E"}],"End":true},"E":{"Type":"Succeed"}}}`},
		{"remove the last: its predecessor ends", model.RemoveState{Name: "E"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"End":true}}}`},
		{"remove a Choice of two targets: left dangling", model.RemoveState{Name: "B"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},

		// RenameState
		{"rename", model.RenameState{Old: "D", New: "Fan out"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"Fan out"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Fan out"}],"End":true},"Fan out":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"rename the start of a branch", model.RenameState{Old: "P1", New: "First"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"First","States":{"First":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"rename the choice target", model.RenameState{Old: "C", New: "C2"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C2"}],"Default":"D"},"C2":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},

		// Connect and Disconnect
		{"connect Next", model.Connect{From: "A", Kind: model.EdgeNext, To: "C"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"C"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"connect Next where End was", model.Connect{From: "C", Kind: model.EdgeNext, To: "E"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"Next":"E"},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"connect a rule", model.Connect{From: "B", Kind: model.EdgeChoice, Index: 0, To: "E"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"E"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"connect Default", model.Connect{From: "B", Kind: model.EdgeDefault, To: "A"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"A"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"connect a catcher", model.Connect{From: "C", Kind: model.EdgeCatch, Index: 0, To: "E"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"E"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"connect a new catcher", model.Connect{From: "D", Kind: model.EdgeCatch, Index: 0, To: "A"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E","Catch":[{"ErrorEquals":["States.ALL"],"Next":"A"}]},"E":{"Type":"Succeed"}}}`},
		{"connect another catcher", model.Connect{From: "C", Kind: model.EdgeCatch, Index: 1, To: "A"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"},{"ErrorEquals":["States.ALL"],"Next":"A"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"connect End", model.Connect{From: "A", Kind: model.EdgeEnd},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"End":true},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"connect the start", model.Connect{Kind: model.EdgeStart, To: "C"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"C","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"disconnect Default", model.Disconnect{From: "B", Kind: model.EdgeDefault},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}]},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"disconnect a catcher", model.Disconnect{From: "C", Kind: model.EdgeCatch, Index: 0},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"]}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"disconnect End", model.Disconnect{From: "C", Kind: model.EdgeEnd},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}]},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},

		// SetField
		{"set a field in place", model.SetField{State: "A", Path: []string{"Result"}, Value: obj(`{"k": 2}`)},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":{"k":2},"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"set a new nested field", model.SetField{State: "A", Path: []string{"Parameters", "x", "y.$"}, Value: model.NewString("$.in")},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B","Parameters":{"x":{"y.$":"$.in"}}},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"set in an array element", model.SetField{State: "C", Path: []string{"Catch", "0", "ResultPath"}, Value: model.NewString("$.error")},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D","ResultPath":"$.error"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"append to an array", model.SetField{State: "C", Path: []string{"Catch", "1"}, Value: obj(`{"ErrorEquals": ["X"], "Next": "E"}`)},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"},{"ErrorEquals":["X"],"Next":"E"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"delete an array element", model.SetField{State: "C", Path: []string{"Catch", "0"}},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"delete a top-level field", model.SetField{Path: []string{"Comment"}},
			`{"StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"delete a missing field", model.SetField{State: "A", Path: []string{"Parameters", "x"}},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"replace a whole state", model.SetField{State: "A", Value: obj(`{"Type": "Wait", "Seconds": 1, "Next": "B"}`)},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Wait","Seconds":1,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},

		// MoveState
		{"move into a branch", model.MoveState{Name: "A", Scope: []string{"D#0"}},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"B","States":{"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true},"A":{"Type":"Pass","Result":1.50,"End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"move onto an arrow of a branch", model.MoveState{Name: "A", Scope: []string{"D#0"}, Kind: model.EdgeStart},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"B","States":{"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"P1"},"P1":{"Type":"Pass","End":true}}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"move into a new branch", model.MoveState{Name: "E", Scope: []string{"D#1"}},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}},{"StartAt":"E","States":{"E":{"Type":"Succeed"}}}],"End":true}}}`},
		{"move out of a branch", model.MoveState{Name: "P1", After: "C"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"A","States":{"A":{"Type":"Pass","Result":1.50,"Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"Next":"P1"},"P1":{"Type":"Pass","End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{}}],"Next":"E"},"E":{"Type":"Succeed"}}}`},
		{"move within its scope", model.MoveState{Name: "A", After: "D"},
			`{"Comment":"caf\u00e9 \"base\"","StartAt":"B","States":{"B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1e2,"Next":"C"}],"Default":"D"},"C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Parallel","Branches":[{"StartAt":"P1","States":{"P1":{"Type":"Pass","End":true}}}],"Next":"A"},"A":{"Type":"Pass","Result":1.50,"Next":"E"},"E":{"Type":"Succeed"}}}`},

		// ReplaceText
		{"replace the text", model.ReplaceText{Src: []byte("StartAt: Only\nStates:\n  Only: {Type: Succeed}\n")},
			`{"StartAt":"Only","States":{"Only":{"Type":"Succeed"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseFile(t, editBase)
			if err := tt.edit.Apply(doc); err != nil {
				t.Fatalf("%s: %v", tt.edit.Describe(), err)
			}
			if got := string(model.MarshalCompactJSON(doc.Root)); got != tt.want {
				t.Errorf("%s:\n got %s\nwant %s", tt.edit.Describe(), got, tt.want)
			}
			// The typed view was refreshed: it matches a fresh parse.
			again, err := model.Parse("again", doc.Marshal(model.JSON))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := edgesOf(doc.Machine), edgesOf(again.Machine); got != want {
				t.Errorf("typed view is stale:\n%s\n%s", got, want)
			}
		})
	}
}

func TestEdit_errorsLeaveTheDocumentUnchanged(t *testing.T) {
	tests := []struct {
		edit model.Edit
		err  string
	}{
		{model.AddState{Name: "A", State: obj(`{"Type": "Pass"}`)}, `Add state "A": there is already a state named "A"; names are unique across the whole definition`},
		{model.AddState{Name: "P1", State: obj(`{"Type": "Pass"}`)}, `Add state "P1": there is already a state named "P1"; names are unique across the whole definition`},
		{model.AddState{Name: " ", State: obj(`{"Type": "Pass"}`)}, `Add state " ": a state needs a name`},
		{model.AddState{Name: "F"}, `Add state "F": a state must be an object`},
		{model.AddState{Name: "F", State: obj(`{}`), Scope: []string{"A#0"}}, `Add state "F": scope "A#0": "A" is a Pass state, not a Parallel or a Map`},
		{model.AddState{Name: "F", State: obj(`{}`), Scope: []string{"D"}}, `Add state "F": scope "D": say which branch of Parallel "D", as "D#0"`},
		{model.AddState{Name: "F", State: obj(`{}`), Scope: []string{"D#2"}}, `Add state "F": scope "D#2": Parallel "D" has no branch 2`},
		{model.AddState{Name: "F", State: obj(`{}`), Scope: []string{"Nope"}}, `Add state "F": scope "Nope": there is no state "Nope" there`},
		{model.AddState{Name: "F", State: obj(`{}`), After: "P1"}, `Add state "F": there is no state "P1" in that scope`},
		{model.AddState{Name: "F", State: obj(`{"Type": "Fail"}`), After: "A"}, `Add state "F": a Fail state has no Next, so it cannot go between "A" and "B"`},
		{model.AddState{Name: "F", State: obj(`{}`), After: "B"}, `Add state "F": "B" is a Choice state: it has no Next to insert into`},
		{model.AddState{Name: "F", State: obj(`{}`), After: "B", Kind: model.EdgeChoice, Index: 1}, `Add state "F": "B" has no Choice rule 1`},
		{model.AddState{Name: "F", State: obj(`{}`), After: "A", Kind: model.EdgeEnd}, `Add state "F": "A" does not end its scope`},
		{model.AddState{Name: "F", State: obj(`{}`), Kind: model.EdgeCatch}, `Add state "F": a catch transition needs the state it leaves (After)`},
		{model.RemoveState{Name: "Nope"}, `Delete state "Nope": there is no state "Nope"`},
		{model.RenameState{Old: "A", New: "B"}, `Rename "A" to "B": there is already a state named "B"; names are unique across the whole definition`},
		{model.RenameState{Old: "A", New: "A"}, `Rename "A" to "A": the new name is the old one`},
		{model.RenameState{Old: "A", New: ""}, `Rename "A" to "": a state needs a name`},
		{model.Connect{From: "A", Kind: model.EdgeNext, To: "P1"}, `Connect "A" to "P1": "A" and "P1" are in different scopes; a transition cannot leave a Parallel branch or a Map processor`},
		{model.Connect{From: "B", Kind: model.EdgeNext, To: "A"}, `Connect "B" to "A": a Choice state has no Next`},
		{model.Connect{From: "B", Kind: model.EdgeChoice, Index: 3, To: "A"}, `Connect "B" to "A": "B" has no Choice rule 3`},
		{model.Connect{From: "A", Kind: model.EdgeDefault, To: "B"}, `Connect "A" to "B": "A" is not a Choice state: it has no Default`},
		{model.Connect{From: "A", Kind: model.EdgeCatch, To: "B"}, `Connect "A" to "B": a Pass state cannot catch errors`},
		{model.Connect{From: "C", Kind: model.EdgeCatch, Index: 2, To: "B"}, `Connect "C" to "B": "C" has no catcher 2`},
		{model.Connect{From: "E", Kind: model.EdgeEnd}, `End at "E": a Succeed state cannot have End`},
		{model.Connect{From: "A", Kind: model.EdgeStart, To: "B"}, `Start at "B": the start is not a state; leave From empty`},
		{model.Connect{From: "A", To: "B"}, `Connect "A" to "B": no transition kind given`},
		{model.Disconnect{From: "A", Kind: model.EdgeEnd}, `Disconnect "A": "A" has no end to remove`},
		{model.Disconnect{Kind: model.EdgeStart}, `Disconnect "": the start cannot be disconnected; connect it to another state`},
		{model.SetField{State: "A", Path: []string{"Result", "x"}, Value: model.NewInt(1)}, `Set Result.x of "A": Result is a number, not an object or an array`},
		{model.SetField{State: "C", Path: []string{"Catch", "5"}, Value: model.NewInt(1)}, `Set Catch.5 of "C": Catch has no element 5`},
		{model.SetField{State: "C", Path: []string{"Retry", "0", "MaxAttempts"}, Value: model.NewInt(1)}, `Set Retry.0.MaxAttempts of "C": Retry does not exist, so it has no element 0`},
		{model.SetField{State: "A"}, `Delete the state of "A": a state must be an object (RemoveState deletes one)`},
		{model.SetField{Value: model.NewInt(1)}, `Set the definition: no field given (ReplaceText replaces the whole definition)`},
		{model.SetField{State: "Nope", Path: []string{"x"}}, `Delete x of "Nope": there is no state "Nope"`},
		{model.MoveState{Name: "D", Scope: []string{"D#0"}}, `Move state "D": a state cannot move into itself`},
		{model.MoveState{Name: "D", Scope: []string{"D#1"}}, `Move state "D": a state cannot move into itself`},
		{model.MoveState{Name: "A"}, `Move state "A": "A" is already in that scope`},
		{model.MoveState{Name: "A", After: "A"}, `Move state "A": a state cannot go after itself`},
		{model.MoveState{Name: "E", After: "A"}, `Move state "E": a Succeed state has no Next, so it cannot go between "A" and "B"`},
		{model.MoveState{Name: "Nope", Scope: []string{"D#0"}}, `Move state "Nope": there is no state "Nope"`},
		{model.ReplaceText{Src: []byte(`{"StartAt": }`)}, `base.asl.json:1:13: unexpected '}'; expected a value`},
	}
	original, err := os.ReadFile(editBase)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		doc := parseFile(t, editBase)
		doc.File = "base.asl.json"
		before := edgesOf(doc.Machine)
		err := tt.edit.Apply(doc)
		if err == nil {
			t.Errorf("%s: no error", tt.edit.Describe())
			continue
		}
		if err.Error() != tt.err {
			t.Errorf("%s:\n got %s\nwant %s", tt.edit.Describe(), err, tt.err)
		}
		var ee *model.EditError
		var se *model.SyntaxError
		if !errors.As(err, &ee) && !errors.As(err, &se) {
			t.Errorf("%s: error is a %T", tt.edit.Describe(), err)
		}
		if got := doc.Marshal(model.JSON); !bytes.Equal(got, original) {
			t.Errorf("%s: the document changed:\n%s", tt.edit.Describe(), got)
		}
		if edgesOf(doc.Machine) != before {
			t.Errorf("%s: the typed view changed", tt.edit.Describe())
		}
	}
}
