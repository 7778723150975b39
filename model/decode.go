package model

// stateFields maps each ASL field that State keeps as a Node to its place.
var stateFields = map[string]func(*State) **Node{
	"Comment": func(s *State) **Node { return &s.Comment }, "QueryLanguage": func(s *State) **Node { return &s.QueryLanguage },
	"InputPath": func(s *State) **Node { return &s.InputPath }, "OutputPath": func(s *State) **Node { return &s.OutputPath },
	"Parameters": func(s *State) **Node { return &s.Parameters }, "ResultSelector": func(s *State) **Node { return &s.ResultSelector },
	"ResultPath": func(s *State) **Node { return &s.ResultPath }, "Result": func(s *State) **Node { return &s.Result },
	"Arguments": func(s *State) **Node { return &s.Arguments }, "Output": func(s *State) **Node { return &s.Output },
	"Assign": func(s *State) **Node { return &s.Assign }, "TimeoutSeconds": func(s *State) **Node { return &s.TimeoutSeconds },
	"TimeoutSecondsPath": func(s *State) **Node { return &s.TimeoutSecondsPath }, "HeartbeatSeconds": func(s *State) **Node { return &s.HeartbeatSeconds },
	"HeartbeatSecondsPath": func(s *State) **Node { return &s.HeartbeatSecondsPath }, "Credentials": func(s *State) **Node { return &s.Credentials },
	"Seconds": func(s *State) **Node { return &s.Seconds }, "SecondsPath": func(s *State) **Node { return &s.SecondsPath },
	"Timestamp": func(s *State) **Node { return &s.Timestamp }, "TimestampPath": func(s *State) **Node { return &s.TimestampPath },
	"Error": func(s *State) **Node { return &s.Error }, "ErrorPath": func(s *State) **Node { return &s.ErrorPath },
	"Cause": func(s *State) **Node { return &s.Cause }, "CausePath": func(s *State) **Node { return &s.CausePath },
	"ItemsPath": func(s *State) **Node { return &s.ItemsPath }, "Items": func(s *State) **Node { return &s.Items },
	"ItemSelector": func(s *State) **Node { return &s.ItemSelector }, "ItemReader": func(s *State) **Node { return &s.ItemReader },
	"ItemBatcher": func(s *State) **Node { return &s.ItemBatcher }, "ResultWriter": func(s *State) **Node { return &s.ResultWriter },
	"MaxConcurrency": func(s *State) **Node { return &s.MaxConcurrency }, "MaxConcurrencyPath": func(s *State) **Node { return &s.MaxConcurrencyPath },
	"ToleratedFailureCount":          func(s *State) **Node { return &s.ToleratedFailureCount },
	"ToleratedFailureCountPath":      func(s *State) **Node { return &s.ToleratedFailureCountPath },
	"ToleratedFailurePercentage":     func(s *State) **Node { return &s.ToleratedFailurePercentage },
	"ToleratedFailurePercentagePath": func(s *State) **Node { return &s.ToleratedFailurePercentagePath },
	"Label":                          func(s *State) **Node { return &s.Label },
}

// decodeMachine builds the typed view of a machine object. It never fails:
// whatever does not have the expected shape is left out of the view and
// reported by validation.
func decodeMachine(n *Node, parent *State) *StateMachine {
	m := &StateMachine{Node: n, Parent: parent, index: map[string]*State{}}
	m.StartAt = n.Get("StartAt").Text()
	m.Comment = n.Get("Comment")
	m.TimeoutSeconds = n.Get("TimeoutSeconds")
	m.Version = n.Get("Version")
	m.QueryLanguage = n.Get("QueryLanguage")
	m.ProcessorConfig = n.Get("ProcessorConfig")
	states := n.Get("States")
	if states == nil || states.Kind != Object {
		return m
	}
	for _, f := range states.Fields {
		if f.Value.Kind != Object {
			continue
		}
		s := decodeState(f, m)
		m.States = append(m.States, s)
		if _, dup := m.index[s.Name]; !dup {
			m.index[s.Name] = s
		}
	}
	return m
}

func decodeState(f *Field, m *StateMachine) *State {
	n := f.Value
	s := &State{Name: f.Key, NamePos: f.KeyPos, Node: n, Machine: m}
	for _, fld := range n.Fields {
		if place, ok := stateFields[fld.Key]; ok && *place(s) == nil {
			*place(s) = fld.Value
		}
	}
	s.Type = n.Get("Type").Text()
	s.Next = n.Get("Next").Text()
	s.Resource = n.Get("Resource").Text()
	s.Default = n.Get("Default").Text()
	if e := n.Get("End"); e != nil && e.Kind == Bool {
		s.End = e.Bool
	}
	if choices := n.Get("Choices"); choices != nil && choices.Kind == Array {
		for _, c := range choices.Items {
			if c.Kind == Object {
				s.Choices = append(s.Choices, decodeChoice(c))
			}
		}
	}
	if retry := n.Get("Retry"); retry != nil && retry.Kind == Array {
		for _, r := range retry.Items {
			if r.Kind == Object {
				s.Retry = append(s.Retry, &Retrier{
					Node: r, ErrorEquals: stringList(r.Get("ErrorEquals")),
					IntervalSeconds: r.Get("IntervalSeconds"), MaxAttempts: r.Get("MaxAttempts"),
					BackoffRate: r.Get("BackoffRate"), MaxDelaySeconds: r.Get("MaxDelaySeconds"),
					JitterStrategy: r.Get("JitterStrategy"), Comment: r.Get("Comment"),
				})
			}
		}
	}
	if catch := n.Get("Catch"); catch != nil && catch.Kind == Array {
		for _, c := range catch.Items {
			if c.Kind == Object {
				s.Catch = append(s.Catch, &Catcher{
					Node: c, ErrorEquals: stringList(c.Get("ErrorEquals")), Next: c.Get("Next").Text(),
					ResultPath: c.Get("ResultPath"), Assign: c.Get("Assign"), Output: c.Get("Output"), Comment: c.Get("Comment"),
				})
			}
		}
	}
	if branches := n.Get("Branches"); branches != nil && branches.Kind == Array {
		for _, b := range branches.Items {
			if b.Kind == Object {
				s.Branches = append(s.Branches, decodeMachine(b, s))
			}
		}
	}
	proc := n.Get("ItemProcessor")
	if proc == nil {
		proc = n.Get("Iterator")
	}
	if proc != nil && proc.Kind == Object {
		s.Processor = decodeMachine(proc, s)
	}
	return s
}

// choiceKeys are the keys of a choice rule that are not its comparison.
var choiceKeys = map[string]bool{
	"Next": true, "Variable": true, "Condition": true, "And": true, "Or": true, "Not": true,
	"Comment": true, "Assign": true, "Output": true,
}

func decodeChoice(n *Node) *ChoiceRule {
	c := &ChoiceRule{
		Node: n, Next: n.Get("Next").Text(), Variable: n.Get("Variable"), Condition: n.Get("Condition"),
		Comment: n.Get("Comment"), Assign: n.Get("Assign"), Output: n.Get("Output"),
	}
	for _, f := range n.Fields {
		if !choiceKeys[f.Key] && c.Operator == "" && ChoiceOperators[f.Key] != 0 {
			c.Operator, c.Operand = f.Key, f.Value
		}
	}
	for _, key := range []string{"And", "Or"} {
		if list := n.Get(key); list != nil && list.Kind == Array {
			var rules []*ChoiceRule
			for _, it := range list.Items {
				if it.Kind == Object {
					rules = append(rules, decodeChoice(it))
				}
			}
			if key == "And" {
				c.And = rules
			} else {
				c.Or = rules
			}
		}
	}
	if not := n.Get("Not"); not != nil && not.Kind == Object {
		c.Not = decodeChoice(not)
	}
	return c
}

func stringList(n *Node) []string {
	if n == nil || n.Kind != Array {
		return nil
	}
	out := make([]string, 0, len(n.Items))
	for _, it := range n.Items {
		if it.Kind == String {
			out = append(out, it.Str)
		}
	}
	return out
}

// OperandKind says what a Choice comparison operator takes.
type OperandKind int

// Operand kinds of the Choice comparison operators.
const (
	OperandString OperandKind = iota + 1
	OperandNumber
	OperandBool
	OperandTimestamp
	OperandPath
)

// ChoiceOperators lists every JSONPath Choice comparison operator and the
// kind of value it takes.
var ChoiceOperators = map[string]OperandKind{}

func init() {
	for _, op := range []string{"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"} {
		ChoiceOperators["String"+op] = OperandString
		ChoiceOperators["Numeric"+op] = OperandNumber
		ChoiceOperators["Timestamp"+op] = OperandTimestamp
		ChoiceOperators["String"+op+"Path"] = OperandPath
		ChoiceOperators["Numeric"+op+"Path"] = OperandPath
		ChoiceOperators["Timestamp"+op+"Path"] = OperandPath
	}
	ChoiceOperators["BooleanEquals"] = OperandBool
	ChoiceOperators["BooleanEqualsPath"] = OperandPath
	ChoiceOperators["StringMatches"] = OperandString
	for _, is := range []string{"IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"} {
		ChoiceOperators[is] = OperandBool
	}
}
