package model

// Query languages.
const (
	LangJSONPath = "JSONPath"
	LangJSONata  = "JSONata"
)

// State types.
const (
	TypePass     = "Pass"
	TypeTask     = "Task"
	TypeChoice   = "Choice"
	TypeWait     = "Wait"
	TypeSucceed  = "Succeed"
	TypeFail     = "Fail"
	TypeParallel = "Parallel"
	TypeMap      = "Map"
)

// StateTypes lists the state types in the order the designer shows them.
var StateTypes = []string{TypeTask, TypePass, TypeChoice, TypeWait, TypeSucceed, TypeFail, TypeParallel, TypeMap}

// StateMachine is the typed view of a state machine: the top level of a
// definition, a Parallel branch, or a Map processor. Every field is the
// Node the user wrote (nil when absent), so positions and exact literals are
// at hand; the few used everywhere are also decoded.
type StateMachine struct {
	// Node is the object that holds StartAt and States.
	Node *Node
	// Parent is the Parallel or Map state this machine is a branch or
	// processor of; nil at the top level.
	Parent *State

	StartAt string
	// States are the states in source order.
	States []*State

	Comment, TimeoutSeconds, Version, QueryLanguage *Node
	// ProcessorConfig is set on a Map's ItemProcessor.
	ProcessorConfig *Node

	index map[string]*State
}

// State returns the state of this machine (not nested ones) named name.
func (m *StateMachine) State(name string) *State {
	if m == nil {
		return nil
	}
	return m.index[name]
}

// Root returns the top-level machine this one is nested in (itself at the
// top level).
func (m *StateMachine) Root() *StateMachine {
	for m.Parent != nil {
		m = m.Parent.Machine
	}
	return m
}

// Walk calls fn for every state, nested ones included, depth first in
// source order, until fn returns false.
func (m *StateMachine) Walk(fn func(*State) bool) bool {
	if m == nil {
		return true
	}
	for _, s := range m.States {
		if !fn(s) {
			return false
		}
		for _, b := range s.Branches {
			if !b.Walk(fn) {
				return false
			}
		}
		if !s.Processor.Walk(fn) {
			return false
		}
	}
	return true
}

// Find returns the state named name anywhere in the machine, nested ones
// included (names are unique across a whole definition).
func (m *StateMachine) Find(name string) *State {
	var found *State
	m.Walk(func(s *State) bool {
		if s.Name == name {
			found = s
			return false
		}
		return true
	})
	return found
}

// State is the typed view of one state. Fields hold the Node the user
// wrote, nil when absent.
type State struct {
	Name    string
	NamePos Pos
	// Node is the state's object.
	Node *Node
	// Machine is the machine the state belongs to.
	Machine *StateMachine

	// Type, Next, Resource and Default are decoded from their nodes ("" if
	// absent or not a string). End is true only for "End": true.
	Type, Next, Resource, Default string
	End                           bool

	Comment, QueryLanguage                                  *Node
	InputPath, OutputPath, Parameters, ResultSelector       *Node
	ResultPath, Result, Arguments, Output, Assign           *Node
	TimeoutSeconds, TimeoutSecondsPath                      *Node
	HeartbeatSeconds, HeartbeatSecondsPath, Credentials     *Node
	Seconds, SecondsPath, Timestamp, TimestampPath          *Node
	Error, ErrorPath, Cause, CausePath                      *Node
	ItemsPath, Items, ItemSelector, ItemReader, ItemBatcher *Node
	ResultWriter, MaxConcurrency, MaxConcurrencyPath        *Node
	ToleratedFailureCount, ToleratedFailureCountPath        *Node
	ToleratedFailurePercentage                              *Node
	ToleratedFailurePercentagePath, Label                   *Node

	Choices []*ChoiceRule
	Retry   []*Retrier
	Catch   []*Catcher
	// Branches are a Parallel state's branches.
	Branches []*StateMachine
	// Processor is a Map state's ItemProcessor (or legacy Iterator).
	Processor *StateMachine
}

// Language returns the query language in force for the state: its own
// QueryLanguage, else the top-level one, else JSONPath.
func (s *State) Language() string {
	if s.QueryLanguage.IsString() {
		return s.QueryLanguage.Str
	}
	if root := s.Machine.Root(); root.QueryLanguage.IsString() {
		return root.QueryLanguage.Str
	}
	return LangJSONPath
}

// Path returns the names of the states enclosing s, outermost first, and s.
func (s *State) Path() []string {
	var names []string
	for x := s; x != nil; x = x.Machine.Parent {
		names = append([]string{x.Name}, names...)
	}
	return names
}

// ChoiceRule is one rule of a Choice state's Choices, or a nested rule in
// And, Or or Not.
type ChoiceRule struct {
	Node *Node
	// Next is the target of a top-level rule.
	Next string
	// Variable and Condition are the JSONPath and JSONata forms.
	Variable, Condition *Node
	// Operator is the comparison key (StringEquals, IsPresent, …) of a
	// JSONPath rule, "" if none; Operand is its value.
	Operator string
	Operand  *Node
	// And, Or and Not are the boolean combinators; at most one is set.
	And, Or                 []*ChoiceRule
	Not                     *ChoiceRule
	Comment, Assign, Output *Node
}

// Retrier is one element of a Retry list.
type Retrier struct {
	Node                                                       *Node
	ErrorEquals                                                []string
	IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds *Node
	JitterStrategy, Comment                                    *Node
}

// Catcher is one element of a Catch list.
type Catcher struct {
	Node                                *Node
	ErrorEquals                         []string
	Next                                string
	ResultPath, Assign, Output, Comment *Node
}
