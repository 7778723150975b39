package model_test

import (
	"fmt"
	"strings"
	"testing"

	"baton/model"
)

// dumpGraph lists a graph's nodes and edges, nested scopes indented.
func dumpGraph(g *model.Graph, indent string) string {
	var b strings.Builder
	for _, e := range g.Edges {
		fmt.Fprintf(&b, "%s%s -> %s %s %d %q\n", indent, orMarker(e.From, "(start)"), orMarker(e.To, "(end)"), e.Kind, e.Index, e.Label)
	}
	for _, n := range g.Nodes {
		for i, c := range n.Children {
			fmt.Fprintf(&b, "%s%s[%d]:\n%s", indent, n.Name, i, dumpGraph(c, indent+"  "))
		}
	}
	return b.String()
}

func TestBuildGraph(t *testing.T) {
	for _, tt := range []struct{ file, want string }{
		{"testdata/layout/loop.asl.json", `(start) -> "Submit" start -1 ""
"Submit" -> "Wait" next -1 ""
"Wait" -> "Poll" next -1 ""
"Poll" -> "Done?" next -1 ""
"Poll" -> "Poll" catch 0 "States.Timeout"
"Done?" -> "Finish" choice 0 "$.status == \"DONE\""
"Done?" -> "Wait" default -1 "Default"
"Finish" -> (end) end -1 ""
`},
		{"testdata/layout/nested.asl.json", `(start) -> "Prepare" start -1 ""
"Prepare" -> "Outer" next -1 ""
"Outer" -> "Report" next -1 ""
"Report" -> (end) end -1 ""
Outer[0]:
  (start) -> "PerItem" start -1 ""
  "PerItem" -> (end) end -1 ""
  PerItem[0]:
    (start) -> "Inner" start -1 ""
    "Inner" -> (end) end -1 ""
    Inner[0]:
      (start) -> "X" start -1 ""
      "X" -> (end) end -1 ""
    Inner[1]:
      (start) -> "Y" start -1 ""
      "Y" -> (end) end -1 ""
Outer[1]:
  (start) -> "Side" start -1 ""
  "Side" -> "Big" choice 0 "$states.input.n > 3"
  "Side" -> "Small" default -1 "Default"
  "Big" -> "Small" next -1 ""
  "Small" -> (end) end -1 ""
Outer[2]:
  (start) -> "Empty" start -1 ""
`},
	} {
		doc := parseFile(t, tt.file)
		g := model.BuildGraph(doc.Machine)
		if got := dumpGraph(g, ""); got != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.file, got, tt.want)
		}
	}
}

func TestGraph_Node(t *testing.T) {
	g := model.BuildGraph(parseFile(t, "testdata/layout/nested.asl.json").Machine)
	for _, name := range []string{"Prepare", "X", "Y", "Small", "PerItem"} {
		if n := g.Node(name); n == nil || n.Name != name || n.State.Name != name {
			t.Errorf("Node(%q) = %v", name, n)
		}
	}
	if n := g.Node("Nope"); n != nil {
		t.Errorf("Node(Nope) = %v", n)
	}
	if n := g.Node("Outer"); len(n.Children) != 3 {
		t.Errorf("Outer has %d children", len(n.Children))
	}
}

func TestRuleLabel(t *testing.T) {
	for _, tt := range []struct{ rule, want string }{
		{`{"Variable": "$.kind", "StringEquals": "a"}`, `$.kind == "a"`},
		{`{"Variable": "$.n", "NumericLessThanEquals": 1.50}`, `$.n <= 1.50`},
		{`{"Variable": "$.n", "NumericGreaterThanPath": "$.max"}`, `$.n > $.max`},
		{`{"Variable": "$.t", "TimestampLessThan": "2024-01-01T00:00:00Z"}`, `$.t < "2024-01-01T00:00:00Z"`},
		{`{"Variable": "$.ok", "BooleanEquals": true}`, `$.ok == true`},
		{`{"Variable": "$.f", "StringMatches": "*.log"}`, `$.f matches "*.log"`},
		{`{"Variable": "$.x", "IsPresent": false}`, `$.x is not present`},
		{`{"Variable": "$.x", "IsNull": true}`, `$.x is null`},
		{`{"Variable": "$.x", "IsTimestamp": true}`, `$.x is a timestamp`},
		{`{"Not": {"Variable": "$.x", "IsString": true}}`, `!$.x is a string`},
		{`{"And": [{"Variable": "$.a", "NumericEquals": 1}, {"Or": [{"Variable": "$.b", "IsNull": true}, {"Variable": "$.c", "StringEquals": "x"}]}]}`, `$.a == 1 && ($.b is null || $.c == "x")`},
		{`{"Condition": "{% $states.input.total > 100 %}"}`, `$states.input.total > 100`},
		{`{"Condition": "{% $count($states.input.items[price > 10 and qty > 2]) > 0 %}"}`, `$count($states.input.items[price > 10 a…`},
		{`{"Comment": "fallback when no condition", "Next": "X"}`, `fallback when no condition`},
	} {
		doc, err := model.Parse("", []byte(`{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [`+tt.rule+`], "Default": "C"}}}`))
		if err != nil {
			t.Fatal(err)
		}
		if got := model.RuleLabel(doc.Machine.States[0].Choices[0]); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.rule, got, tt.want)
		}
	}
}

func TestEdgeKind_String(t *testing.T) {
	var got []string
	for k := model.EdgeKind(0); k <= model.EdgeEnd+1; k++ {
		got = append(got, k.String())
	}
	if s := strings.Join(got, ","); s != "edgekind(0),start,next,choice,default,catch,end,edgekind(7)" {
		t.Errorf("EdgeKind strings: %s", s)
	}
}
