package runner

import (
	"errors"
	"fmt"
	"time"

	"baton/model"
)

// CompileError is a definition that cannot run, with the place in the
// source it comes from.
type CompileError struct {
	File string
	Pos  model.Pos
	// State names the state the problem is in ("" at the top level).
	State string
	Msg   string
}

func (e *CompileError) Error() string {
	loc := e.File
	if e.Pos.IsValid() {
		if loc != "" {
			loc += ":"
		}
		loc += e.Pos.String()
	}
	msg := e.Msg
	if e.State != "" {
		msg = "state " + quote(e.State) + ": " + msg
	}
	if loc == "" {
		return msg
	}
	return loc + ": " + msg
}

// errorf makes a CompileError without a position yet; withPos adds one.
func errorf(format string, args ...any) error {
	return &CompileError{Msg: fmt.Sprintf(format, args...)}
}

func withPos(err error, pos model.Pos) error {
	var ce *CompileError
	if errors.As(err, &ce) && !ce.Pos.IsValid() {
		ce.Pos = pos
	}
	return err
}

func quote(s string) string { return "'" + s + "'" }

// Machine is a compiled state machine. It holds no run-time state: it can
// be started any number of times, concurrently.
type Machine struct {
	doc  *model.Document
	main *program
}

// program is one compiled state list: the top level, a Parallel branch or
// a Map processor.
type program struct {
	start   *cstate
	states  map[string]*cstate
	timeout time.Duration // top-level TimeoutSeconds, 0 if none
}

// cstate is a compiled state. Every field is parsed once; what a state
// type needs beyond the common fields lives in kind.
type cstate struct {
	name  string
	src   *model.State
	typ   string
	next  *cstate
	end   bool
	entry string // history event types
	exit  string

	inputPath, outputPath *optPath
	parameters            evaluator
	resultSelector        evaluator
	resultPath            *resultPath
	assign                *assignment
	retry                 []*retrier
	catch                 []*catcher

	kind stateKind
}

// stateKind is what a state type does between entering and leaving:
// everything from InputPath to OutputPath. It returns the state's output
// and the next state (nil to end the machine).
type stateKind interface {
	run(t *thread, s *cstate, in any) (out any, next *cstate, err error)
}

// kindCompilers builds the stateKind of each state type.
var kindCompilers = map[string]func(c *compiler, s *cstate) (stateKind, error){}

func registerKind(typ string, fn func(c *compiler, s *cstate) (stateKind, error)) {
	kindCompilers[typ] = fn
}

// compiler carries what compiling needs across nested machines.
type compiler struct {
	doc *model.Document
}

// Compile turns a parsed definition into a runnable machine: every path,
// payload template and intrinsic call is parsed here, once. A definition
// with a problem that prevents running gives a *CompileError.
func Compile(doc *model.Document) (m *Machine, err error) {
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, &CompileError{File: doc.File, Msg: fmt.Sprintf("internal error while compiling: %v", r)}
		}
	}()
	if doc == nil || doc.Machine == nil {
		return nil, &CompileError{Msg: "no state machine"}
	}
	c := &compiler{doc: doc}
	p, err := c.program(doc.Machine)
	if err != nil {
		var ce *CompileError
		if errors.As(err, &ce) {
			ce.File = doc.File
		}
		return nil, err
	}
	if ts := doc.Machine.TimeoutSeconds; ts != nil {
		n, ok := ts.Int()
		if !ok || n <= 0 {
			return nil, &CompileError{File: doc.File, Pos: ts.Pos, Msg: "TimeoutSeconds must be a positive integer"}
		}
		p.timeout = time.Duration(n) * time.Second
	}
	return &Machine{doc: doc, main: p}, nil
}

func (c *compiler) program(sm *model.StateMachine) (*program, error) {
	p := &program{states: make(map[string]*cstate, len(sm.States))}
	for _, st := range sm.States {
		if _, dup := p.states[st.Name]; dup {
			return nil, &CompileError{Pos: st.NamePos, State: st.Name, Msg: "duplicate state name"}
		}
		cs, err := c.state(st)
		if err != nil {
			var ce *CompileError
			if errors.As(err, &ce) && ce.State == "" {
				ce.State = st.Name
			}
			return nil, err
		}
		p.states[st.Name] = cs
	}
	p.start = p.states[sm.StartAt]
	if p.start == nil {
		pos := sm.Node.Pos
		if n := sm.Node.Get("StartAt"); n != nil {
			pos = n.Pos
		}
		return nil, &CompileError{Pos: pos, Msg: fmt.Sprintf("StartAt %q names no state", sm.StartAt)}
	}
	for _, cs := range p.states {
		if err := c.link(p, cs); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// link resolves the state names a state refers to.
func (c *compiler) link(p *program, cs *cstate) error {
	target := func(name string, n *model.Node) (*cstate, error) {
		t := p.states[name]
		if t == nil {
			pos := cs.src.Node.Pos
			if n != nil {
				pos = n.Pos
			}
			return nil, &CompileError{Pos: pos, State: cs.name, Msg: fmt.Sprintf("transition to %q, which is not a state of this machine", name)}
		}
		return t, nil
	}
	var err error
	if cs.src.Next != "" {
		if cs.next, err = target(cs.src.Next, cs.src.Node.Get("Next")); err != nil {
			return err
		}
	}
	for _, ct := range cs.catch {
		if ct.next, err = target(ct.src.Next, ct.src.Node.Get("Next")); err != nil {
			return err
		}
	}
	if l, ok := cs.kind.(linker); ok {
		return l.link(func(name string, n *model.Node) (*cstate, error) { return target(name, n) })
	}
	return nil
}

// linker is a stateKind that refers to other states (Choice).
type linker interface {
	link(target func(name string, n *model.Node) (*cstate, error)) error
}

var eventPrefix = map[string]string{
	model.TypePass: "Pass", model.TypeTask: "Task", model.TypeChoice: "Choice", model.TypeWait: "Wait",
	model.TypeSucceed: "Succeed", model.TypeFail: "Fail", model.TypeParallel: "Parallel", model.TypeMap: "Map",
}

func (c *compiler) state(st *model.State) (*cstate, error) {
	cs := &cstate{name: st.Name, src: st, typ: st.Type, end: st.End}
	prefix, ok := eventPrefix[st.Type]
	if !ok {
		n := st.Node.Get("Type")
		pos := st.Node.Pos
		if n != nil {
			pos = n.Pos
		}
		return nil, &CompileError{Pos: pos, Msg: fmt.Sprintf("unknown state type %q", st.Type)}
	}
	cs.entry = prefix + "StateEntered"
	if st.Type != model.TypeFail {
		cs.exit = prefix + "StateExited"
	}
	if st.Language() == model.LangJSONata {
		if err := c.jsonataState(cs); err != nil {
			return nil, err
		}
		return cs, nil
	}
	var err error
	if cs.inputPath, err = compileOptPath(st.InputPath, "InputPath"); err != nil {
		return nil, err
	}
	if cs.outputPath, err = compileOptPath(st.OutputPath, "OutputPath"); err != nil {
		return nil, err
	}
	if st.Parameters != nil {
		if cs.parameters, err = compileTemplate(st.Parameters, true); err != nil {
			return nil, withPos(err, st.Parameters.Pos)
		}
	}
	if st.ResultSelector != nil {
		if cs.resultSelector, err = compileTemplate(st.ResultSelector, true); err != nil {
			return nil, withPos(err, st.ResultSelector.Pos)
		}
	}
	if cs.resultPath, err = compileResultPath(st.ResultPath); err != nil {
		return nil, err
	}
	if cs.assign, err = compileAssign(st.Assign); err != nil {
		return nil, err
	}
	for _, r := range st.Retry {
		rt, err := compileRetrier(r)
		if err != nil {
			return nil, err
		}
		cs.retry = append(cs.retry, rt)
	}
	for _, ct := range st.Catch {
		cc, err := compileCatcher(ct)
		if err != nil {
			return nil, err
		}
		cs.catch = append(cs.catch, cc)
	}
	if cs.kind, err = kindCompilers[st.Type](c, cs); err != nil {
		return nil, err
	}
	return cs, nil
}

// optPath is a compiled InputPath or OutputPath: nil means "$" (the whole
// value), null gives an empty object.
type optPath struct {
	null bool
	p    *path
}

func compileOptPath(n *model.Node, field string) (*optPath, error) {
	if n == nil {
		return nil, nil
	}
	switch n.Kind {
	case model.Null:
		return &optPath{null: true}, nil
	case model.String:
		if n.Str == "$" {
			return nil, nil
		}
		p, err := compilePath(n.Str)
		if err != nil {
			return nil, withPos(err, n.Pos)
		}
		return &optPath{p: p}, nil
	}
	return nil, withPos(errorf("%s must be a string or null", field), n.Pos)
}

// resultPath is a compiled ResultPath: nil means "$" (the result replaces
// the input), discard (null) keeps the input.
type resultPath struct {
	discard bool
	ref     *refPath
	output  evaluator // a JSONata state's Output, which replaces the result
}

func compileResultPath(n *model.Node) (*resultPath, error) {
	if n == nil {
		return nil, nil
	}
	switch n.Kind {
	case model.Null:
		return &resultPath{discard: true}, nil
	case model.String:
		if n.Str == "$" {
			return nil, nil
		}
		r, err := compileRefPath(n.Str)
		if err != nil {
			return nil, withPos(err, n.Pos)
		}
		return &resultPath{ref: r}, nil
	}
	return nil, withPos(errorf("ResultPath must be a string or null"), n.Pos)
}

// intField decodes an optional non-negative integer field.
func intField(n *model.Node, field string) (int64, bool, error) {
	if n == nil {
		return 0, false, nil
	}
	v, ok := n.Int()
	if !ok || v < 0 {
		return 0, false, withPos(errorf("%s must be a non-negative integer", field), n.Pos)
	}
	return v, true, nil
}

// pathField compiles an optional …Path field (a reference path that may
// also name a variable).
func optionalPath(n *model.Node, field string) (*path, error) {
	if n == nil {
		return nil, nil
	}
	if n.Kind != model.String {
		return nil, withPos(errorf("%s must be a string", field), n.Pos)
	}
	p, err := compilePath(n.Str)
	if err != nil {
		return nil, withPos(err, n.Pos)
	}
	return p, nil
}
