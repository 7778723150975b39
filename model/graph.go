package model

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// EdgeKind says which field of a state a transition comes from.
type EdgeKind int

// The kinds of Edge. The zero value is no kind, so an unset Kind field in an
// edit is recognisable.
const (
	// EdgeStart goes from a scope's start marker to its StartAt state.
	EdgeStart EdgeKind = iota + 1
	// EdgeNext is a state's Next.
	EdgeNext
	// EdgeChoice is a Choice rule's Next; Edge.Index is the rule's index.
	EdgeChoice
	// EdgeDefault is a Choice state's Default.
	EdgeDefault
	// EdgeCatch is a Catch's Next; Edge.Index is the catcher's index.
	EdgeCatch
	// EdgeEnd goes from a terminal state (End, Succeed, Fail) to the scope's
	// end marker.
	EdgeEnd
)

var edgeKindNames = [...]string{"", "start", "next", "choice", "default", "catch", "end"}

// String returns the kind's name: "start", "next", "choice", "default",
// "catch" or "end".
func (k EdgeKind) String() string {
	if k > 0 && int(k) < len(edgeKindNames) {
		return edgeKindNames[k]
	}
	return "edgekind(" + strconv.Itoa(int(k)) + ")"
}

// Edge is one transition of a scope, drawn as an arrow.
type Edge struct {
	// From and To are state names; "" From is the scope's start marker and
	// "" To its end marker. To may name a state that does not exist in the
	// scope (validation reports it; Layout draws no route for it).
	From, To string
	Kind     EdgeKind
	// Index is the Choice rule's or the catcher's index in its list, -1
	// for the other kinds.
	Index int
	// Label is a short text for the arrow: a summary of a Choice rule's
	// condition (`$.x == "a"`), "Default", or a Catch's error names.
	Label string
}

// Graph is the transitions of one scope: the top level of a definition, a
// Parallel branch or a Map processor.
type Graph struct {
	Machine *StateMachine
	// Nodes are the scope's states in source order.
	Nodes []*GraphNode
	// Edges are in source order of their states; within a state: Choice
	// rules, Default, Next, catchers, End. The start edge comes first.
	Edges []*Edge
}

// GraphNode is one state of a Graph.
type GraphNode struct {
	Name  string
	State *State
	// Children are a Parallel's branches, or a Map's one processor; nil
	// for other states.
	Children []*Graph
}

// labelMax is the length in characters past which labels are elided.
const labelMax = 40

// BuildGraph returns the graph of m and, nested in its nodes, of every
// Parallel branch and Map processor.
func BuildGraph(m *StateMachine) *Graph {
	g := &Graph{Machine: m}
	if m == nil {
		return g
	}
	if m.StartAt != "" {
		g.Edges = append(g.Edges, &Edge{To: m.StartAt, Kind: EdgeStart, Index: -1})
	}
	for _, s := range m.States {
		n := &GraphNode{Name: s.Name, State: s}
		for _, b := range s.Branches {
			n.Children = append(n.Children, BuildGraph(b))
		}
		if s.Processor != nil {
			n.Children = append(n.Children, BuildGraph(s.Processor))
		}
		g.Nodes = append(g.Nodes, n)
		g.Edges = appendStateEdges(g.Edges, s)
	}
	return g
}

func appendStateEdges(edges []*Edge, s *State) []*Edge {
	for i, r := range s.Choices {
		if r.Next != "" {
			edges = append(edges, &Edge{From: s.Name, To: r.Next, Kind: EdgeChoice, Index: i, Label: RuleLabel(r)})
		}
	}
	if s.Default != "" {
		edges = append(edges, &Edge{From: s.Name, To: s.Default, Kind: EdgeDefault, Index: -1, Label: "Default"})
	}
	if s.Next != "" {
		edges = append(edges, &Edge{From: s.Name, To: s.Next, Kind: EdgeNext, Index: -1})
	}
	for i, c := range s.Catch {
		if c.Next != "" {
			edges = append(edges, &Edge{From: s.Name, Kind: EdgeCatch, To: c.Next, Index: i, Label: elide(strings.Join(c.ErrorEquals, ", "))})
		}
	}
	if s.End || s.Type == TypeSucceed || s.Type == TypeFail {
		edges = append(edges, &Edge{From: s.Name, Kind: EdgeEnd, Index: -1})
	}
	return edges
}

// Node returns the node named name in g or any graph nested in it, or nil.
func (g *Graph) Node(name string) *GraphNode {
	for _, n := range g.Nodes {
		if n.Name == name {
			return n
		}
	}
	for _, n := range g.Nodes {
		for _, c := range n.Children {
			if found := c.Node(name); found != nil {
				return found
			}
		}
	}
	return nil
}

// RuleLabel returns a short readable summary of a Choice rule's condition,
// such as `$.x == "a"`, `$.n >= 3 && $.ok is true` or a JSONata condition
// without its {% %} delimiters, elided past 40 characters.
func RuleLabel(r *ChoiceRule) string {
	if s := ruleText(r); s != "" {
		return elide(s)
	}
	return elide(r.Comment.Text())
}

// comparisonSymbols maps the comparison part of an operator name to its
// symbol.
var comparisonSymbols = map[string]string{
	"Equals": "==", "LessThan": "<", "GreaterThan": ">", "LessThanEquals": "<=", "GreaterThanEquals": ">=",
}

// typeTests maps the type-test operators to the word the label uses.
var typeTests = map[string]string{
	"IsNull": "null", "IsPresent": "present", "IsNumeric": "numeric", "IsString": "a string",
	"IsBoolean": "a boolean", "IsTimestamp": "a timestamp",
}

func ruleText(r *ChoiceRule) string {
	switch {
	case r.Condition != nil:
		c := strings.TrimSpace(r.Condition.Text())
		if strings.HasPrefix(c, "{%") && strings.HasSuffix(c, "%}") {
			c = strings.TrimSpace(c[2 : len(c)-2])
		}
		return c
	case len(r.And) > 0:
		return joinRules(r.And, " && ")
	case len(r.Or) > 0:
		return joinRules(r.Or, " || ")
	case r.Not != nil:
		return "!" + subRule(r.Not)
	case r.Operator == "":
		return ""
	}
	v := r.Variable.Text()
	if what, ok := typeTests[r.Operator]; ok {
		if r.Operand != nil && r.Operand.Kind == Bool && !r.Operand.Bool {
			return v + " is not " + what
		}
		return v + " is " + what
	}
	if r.Operator == "StringMatches" {
		return v + " matches " + operandText(r.Operand)
	}
	op, path := strings.CutSuffix(r.Operator, "Path")
	for _, prefix := range []string{"String", "Numeric", "Timestamp", "Boolean"} {
		if cmp, ok := strings.CutPrefix(op, prefix); ok {
			if sym := comparisonSymbols[cmp]; sym != "" {
				operand := operandText(r.Operand)
				if path {
					operand = r.Operand.Text()
				}
				return v + " " + sym + " " + operand
			}
		}
	}
	return v + " " + r.Operator + " " + operandText(r.Operand)
}

func operandText(n *Node) string {
	if n == nil {
		return "?"
	}
	return string(MarshalCompactJSON(n))
}

func joinRules(rules []*ChoiceRule, sep string) string {
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = subRule(r)
	}
	return strings.Join(parts, sep)
}

// subRule is a rule's text, parenthesised when it combines others.
func subRule(r *ChoiceRule) string {
	s := ruleText(r)
	if len(r.And) > 0 || len(r.Or) > 0 {
		return "(" + s + ")"
	}
	return s
}

// elide shortens s to at most labelMax characters, ending in "…".
func elide(s string) string {
	if utf8.RuneCountInString(s) <= labelMax {
		return s
	}
	r := []rune(s)
	return string(r[:labelMax-1]) + "…"
}
