package model_test

import (
	"fmt"
	"strings"
	"testing"

	"baton/model"
)

func TestVariableFlow(t *testing.T) {
	tests := []struct {
		name, def string
		want      string // "State: a b; …" for every state, in Walk order
	}{{
		name: "a chain assigns in order",
		def:  `{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},"B":{"Type":"Pass","Assign":{"y.$":"$.y"},"Next":"C"},"C":{"Type":"Succeed"}}}`,
		want: "A: ; B: x; C: x y",
	}, {
		name: "choice rules, default and catch assign on their own edges",
		def: `{"QueryLanguage":"JSONata","StartAt":"C","States":{
			"C":{"Type":"Choice","Choices":[{"Condition":"{% true %}","Assign":{"r":1},"Next":"T"}],"Default":"D","Assign":{"d":1}},
			"D":{"Type":"Pass","Next":"T"},
			"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Assign":{"ok":1},"Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"err":1},"Next":"F"}],"Next":"S"},
			"F":{"Type":"Fail"},"S":{"Type":"Succeed"}}}`,
		want: "C: ; D: d; T: d r; F: d err r; S: d ok r",
	}, {
		name: "a loop reaches its own assignments",
		def:  `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Assign":{"n":1},"Next":"C"},"C":{"Type":"Choice","Choices":[{"Variable":"$n","NumericLessThan":3,"Next":"B"}],"Default":"E"},"E":{"Type":"Succeed"}}}`,
		want: "A: ; B: n; C: n; E: n",
	}, {
		name: "inner scopes read outer variables and keep their own",
		def: `{"StartAt":"A","States":{
			"A":{"Type":"Pass","Assign":{"outer":1},"Next":"P"},
			"P":{"Type":"Parallel","Branches":[{"StartAt":"B1","States":{"B1":{"Type":"Pass","Assign":{"inner":1},"Next":"B2"},"B2":{"Type":"Succeed"}}}],"Assign":{"after":1},"Next":"M"},
			"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"Next":"D"},
			"D":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"J","States":{"J":{"Type":"Succeed"}}},"End":true}}}`,
		want: "A: ; P: outer; B1: outer; B2: inner outer; M: after outer; I: after outer; D: after outer; J: ",
	}, {
		name: "unreachable states read nothing",
		def:  `{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"End":true},"U":{"Type":"Pass","End":true}}}`,
		want: "A: ; U: ",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := model.Parse("test.asl.json", []byte(tt.def))
			if err != nil {
				t.Fatal(err)
			}
			flow := model.VariableFlow(doc.Machine)
			var parts []string
			doc.Machine.Walk(func(s *model.State) bool {
				parts = append(parts, fmt.Sprintf("%s: %s", s.Name, strings.Join(flow[s], " ")))
				return true
			})
			if got := strings.Join(parts, "; "); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestReadableVariables(t *testing.T) {
	doc, err := model.Parse("test.asl.json", []byte(`{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"b":1,"a.$":"$.a"},"Next":"B"},"B":{"Type":"Succeed"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := model.ReadableVariables(doc.Machine.Find("B")); strings.Join(got, ",") != "a,b" {
		t.Errorf("got %v, want [a b]", got)
	}
	if got := model.ReadableVariables(nil); got != nil {
		t.Errorf("nil state: got %v", got)
	}
}
