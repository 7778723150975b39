package runner

// Observer watches an execution state by state; a step debugger implements
// it. Its methods run on the execution's own thread while it holds the
// execution: blocking in them pauses the whole execution, Parallel
// branches and Map iterations included. Without an observer the runner
// records nothing extra. The *StateInfo is the runner's, the same in a
// state's BeforeState and AfterState and reused for the thread's next
// state: copy what must outlive the call.
type Observer interface {
	// BeforeState is called after the state's entered event, before any
	// of its work.
	BeforeState(s *StateInfo)
	// AfterState is called when the state is done: after its exited
	// event, or when it fails.
	AfterState(s *StateInfo)
}

// Phase is one step of a state's data flow, as the TestState API's DEBUG
// inspection names them.
type Phase uint8

// The phases of a JSONPath state, in order.
const (
	PhaseInput Phase = iota
	PhaseAfterInputPath
	PhaseAfterParameters
	PhaseResult
	PhaseAfterResultSelector
	PhaseAfterResultPath
	PhaseOutput
	numPhases
)

var phaseNames = [...]string{"input", "afterInputPath", "afterParameters", "result", "afterResultSelector", "afterResultPath", "output"}

func (p Phase) String() string {
	if p < numPhases {
		return phaseNames[p]
	}
	return "phase?"
}

// Phases holds the values a state's data had at each phase it reached.
type Phases struct {
	values  [numPhases]any
	reached uint8
}

// Get returns the value at phase p and whether the state reached it.
func (ph *Phases) Get(p Phase) (any, bool) {
	if p >= numPhases || ph.reached&(1<<p) == 0 {
		return nil, false
	}
	return ph.values[p], true
}

func (ph *Phases) set(p Phase, v any) {
	ph.values[p] = v
	ph.reached |= 1 << p
}

// StateInfo describes the state an Observer is called for.
type StateInfo struct {
	// Name and Type of the state.
	Name, Type string
	// Scope names where the state runs: "" at the top level, else the
	// enclosing Parallel or Map states with the branch or item index, e.g.
	// "Fan/1" or "Outer/2/Inner/0".
	Scope string
	// EnteredEventID is the id of the state's entered event.
	EnteredEventID int64
	// Phases are the data phases reached so far.
	Phases Phases
	// Next is the state that follows ("" at the end); set in AfterState.
	Next string
	// Err is the failure that ends the state, if any; set in AfterState.
	Err error

	// t is the state's thread, for the live views (debug_hooks.go);
	// input replaces the state's input when inputSet (SetInput).
	t        *thread
	input    any
	inputSet bool
}
