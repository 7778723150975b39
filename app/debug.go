package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"baton/canvas"
	"baton/model"
	"baton/runner"
)

// debugger runs the definition of one editor window: Run and Debug, the
// breakpoints, the commands of a runner.DebugSession, and what a run
// shows (the canvas overlay, the Debug tab, the timeline). The session
// runs on its own goroutines; a watcher goroutine hands what changed to
// Fyne's goroutine through post, one update at a time (the latest wins),
// so even a run of a million transitions costs the UI a few refreshes a
// second, and Stop is always answered.
type debugger struct {
	e *Editor
	// post runs f on Fyne's goroutine (fyne.Do); tests queue f and run it
	// when they say.
	post func(f func())
	// tick is how often the progress of a running session is shown.
	tick time.Duration
	// unlimited lifts AWS's limit of 25,000 history events from the runs
	// (for long local loops).
	unlimited bool
	// waits stops debug runs at every Wait and retry delay, where they
	// can be skipped.
	waits bool

	// cfg is the run configuration of the definition at cfgPath.
	cfg     *runConfig
	cfgPath string
	// memMocks are mocks held in memory (a recorded run's), used instead
	// of the configuration's file while set.
	memMocks *mockFile

	// bps are the state breakpoints, kept across sessions; errBreak the
	// error breakpoint, if any.
	bps      []runner.Breakpoint
	errBreak *runner.ErrorBreak

	run *debugRun // the current session, nil before the first

	// mockView is the State tab's mock editor, nil unless a Task is
	// selected.
	mockView *mockEditor

	mu      sync.Mutex
	latest  *runUpdate
	pending bool

	ui *debugUI
}

// debugRun is one session of the debugger and what the UI last showed
// of it.
type debugRun struct {
	s       *runner.DebugSession
	gen     int
	cancel  context.CancelFunc
	debug   bool // Debug (breakpoints) rather than Run
	doc     *model.Document
	input   string // the input's name
	started time.Time

	// Last applied update.
	stop   *runner.DebugStop
	ended  bool
	result runner.Result
	view   *replayModel
	counts map[string]int
	trans  int64
	events int
	// current is the state entered last.
	current string
	// stopping is set once Stop was asked for.
	stopping bool
}

// Refresh period of a running session's progress.
const debugTick = 200 * time.Millisecond

// debugPost is how new debuggers hand updates to Fyne's goroutine; tests
// replace it.
var debugPost = fyne.Do

func newDebugger(e *Editor) *debugger {
	d := &debugger{e: e, post: debugPost, tick: debugTick}
	d.ui = newDebugUI(d)
	e.graph.OnGutter = d.toggleBreakpoint
	e.graph.OnKey = d.typedKey
	// The breakpoints tab offers the states of the definition as it is.
	e.onChange = append(e.onChange, d.ui.breakpoints.refresh)
	d.showOverlay()
	return d
}

// config is the run configuration of the editor's definition, loaded
// again when the definition moved (an untitled one's carries over).
func (d *debugger) config() *runConfig {
	path := d.e.path
	if d.cfg != nil && d.cfgPath == path {
		return d.cfg
	}
	if d.cfg != nil && d.cfgPath == "" {
		d.cfgPath = path
		d.saveConfig()
		return d.cfg
	}
	c, err := loadRunConfig(path)
	if err != nil {
		d.e.status.error(err)
		c = defaultRunConfig("")
	}
	d.cfg, d.cfgPath = c, path
	return c
}

// saveConfig writes the run configuration beside the definition.
func (d *debugger) saveConfig() {
	if err := d.cfg.save(d.cfgPath); err != nil {
		d.e.status.error(err)
	}
}

// mocks returns the mock file and test case runs use (nil: none).
func (d *debugger) mocks() (*mockFile, string, error) {
	c := d.config()
	if d.memMocks != nil {
		return d.memMocks, c.TestCase, nil
	}
	path := c.mocksPath(d.e.path)
	if path == "" {
		return nil, "", nil
	}
	f, err := loadMockFile(path)
	return f, c.TestCase, err
}

// session is the current session, nil if none runs or is stopped.
func (d *debugger) session() *runner.DebugSession {
	if d.run == nil || d.run.ended {
		return nil
	}
	return d.run.s
}

// start starts a new session of the definition on the chosen input with
// the chosen mocks (stopping the one before), debug setting whether the
// breakpoints count, and gives it its first command.
func (d *debugger) start(debug bool, first func(s *runner.DebugSession) error) error {
	d.e.flushPending()
	doc := d.e.Doc()
	m, err := runner.Compile(doc)
	if err != nil {
		return err
	}
	c := d.config()
	in, err := c.inputValue()
	if err != nil {
		return err
	}
	cfg := runner.DebugConfig{Options: []runner.Option{
		runner.WithContext(runner.ContextInfo{StateMachineName: machineName(d.e.path)}),
	}}
	if d.unlimited {
		cfg.Options = append(cfg.Options, runner.WithHistoryLimit(0))
	}
	mf, tc, err := d.mocks()
	if err != nil {
		return fmt.Errorf("mocks: %w", err)
	}
	if mf != nil {
		if cfg.Tasks, err = mf.tasks(tc); err != nil {
			return fmt.Errorf("mocks: %w", err)
		}
	}
	s := runner.NewDebugSession(m, in, cfg)
	if debug {
		for _, bp := range d.bps {
			if err := s.SetBreakpoint(bp); err != nil {
				d.e.status.error(fmt.Errorf("breakpoint ignored: %w", err))
			}
		}
		if d.errBreak != nil {
			s.BreakOnError(*d.errBreak)
		}
		s.BreakOnWaits(d.waits)
	}
	d.close()
	gen := 1
	if d.run != nil {
		gen = d.run.gen + 1
	}
	if err := first(s); err != nil {
		s.Close()
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.run = &debugRun{s: s, gen: gen, cancel: cancel, debug: debug, doc: doc, input: c.Selected, started: time.Now()}
	go d.watch(ctx, s, gen, debug, newRunFeed(doc))
	d.ui.started()
	d.showOverlay()
	return nil
}

// close stops the session, if any, without waiting for it.
func (d *debugger) close() {
	r := d.run
	if r == nil {
		return
	}
	r.cancel()
	go r.s.Close()
}

// report shows a command's error in the status bar.
func (d *debugger) report(err error) {
	if err != nil {
		d.e.status.error(err)
	}
}

// Run runs the definition to its end, past every breakpoint (callback
// tasks still stop it), or continues a stopped run that way.
func (d *debugger) Run() {
	if s := d.session(); s != nil && !d.run.debug {
		d.report(s.Continue())
		return
	}
	d.report(d.start(false, (*runner.DebugSession).Continue))
}

// Continue starts debugging (to the first breakpoint) or continues.
func (d *debugger) Continue() {
	if s := d.session(); s != nil {
		d.report(s.Continue())
		return
	}
	d.report(d.start(true, (*runner.DebugSession).Continue))
}

// Step steps over; without a session it starts one stopped before the
// first state.
func (d *debugger) Step() {
	if s := d.session(); s != nil {
		d.report(s.Step())
		return
	}
	d.report(d.start(true, (*runner.DebugSession).Step))
}

// StepInto steps into branch or iteration index (-1: the first to run).
func (d *debugger) StepInto(index int) {
	if s := d.session(); s != nil {
		d.report(s.StepInto(index))
		return
	}
	d.report(d.start(true, (*runner.DebugSession).Step))
}

// askStepInto asks which branch or iteration to step into.
func (d *debugger) askStepInto() {
	index := widget.NewEntry()
	index.SetPlaceHolder("0")
	dialog.ShowForm("Step Into", "Step Into", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Branch or iteration", index),
	}, func(ok bool) {
		if !ok {
			return
		}
		n, err := strconv.Atoi(strings.TrimSpace(index.Text))
		if err != nil || n < 0 {
			d.report(fmt.Errorf("want a branch or iteration number, not %q", index.Text))
			return
		}
		d.StepInto(n)
	}, d.e.win)
}

// StepOut runs until the enclosing Parallel or Map is done.
func (d *debugger) StepOut() {
	if s := d.session(); s != nil {
		d.report(s.StepOut())
	}
}

// RunTo runs until the selected state is about to run.
func (d *debugger) RunTo() {
	sel := d.e.graph.Selected()
	if len(sel) != 1 {
		d.report(errors.New("select the state to run to"))
		return
	}
	if s := d.session(); s != nil {
		d.report(s.RunTo(sel[0]))
		return
	}
	d.report(d.start(true, func(s *runner.DebugSession) error { return s.RunTo(sel[0]) }))
}

// Pause stops the running session at the next state.
func (d *debugger) Pause() {
	if s := d.session(); s != nil {
		d.report(s.Pause())
	}
}

// Skip ends the wait the session is stopped in.
func (d *debugger) Skip() {
	if s := d.session(); s != nil {
		d.report(s.Skip())
	}
}

// Stop aborts the session. It returns at once: the session's goroutines
// end the execution, and the watcher shows the end.
func (d *debugger) Stop() {
	r := d.run
	if r == nil || r.ended || r.stopping {
		return
	}
	r.stopping = true
	d.e.status.info("Stopping…")
	go r.s.Stop()
}

// Restart runs the definition again from the start with the same input
// and mocks (and the current text of the definition), as the last
// session did: Debug or Run.
func (d *debugger) Restart() {
	debug := d.run == nil || d.run.debug
	if debug {
		d.report(d.start(true, (*runner.DebugSession).Continue))
		return
	}
	d.report(d.start(false, (*runner.DebugSession).Continue))
}

// SendSuccess answers the callback the session waits for.
func (d *debugger) SendSuccess(outputJSON string) error {
	s := d.session()
	if s == nil {
		return runner.ErrDebugNotRunning
	}
	v, err := runner.ParseJSON([]byte(outputJSON))
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return s.SendSuccess(v)
}

// SendFailure fails the callback task the session waits for.
func (d *debugger) SendFailure(errName, cause string) error {
	s := d.session()
	if s == nil {
		return runner.ErrDebugNotRunning
	}
	return s.SendFailure(errName, cause)
}

// SendHeartbeat records a heartbeat for the callback task.
func (d *debugger) SendHeartbeat() error {
	s := d.session()
	if s == nil {
		return runner.ErrDebugNotRunning
	}
	return d.stopChanged(s.SendHeartbeat())
}

// stopChanged shows the stop a command changed in place (a heartbeat
// counted, an input replaced), or the command's error.
func (d *debugger) stopChanged(st *runner.DebugStop, err error) error {
	if err != nil {
		return err
	}
	d.run.stop = st
	d.ui.showStop()
	return nil
}

// SetInput replaces the input of the state the session stopped before.
func (d *debugger) SetInput(text string) error {
	s := d.session()
	if s == nil {
		return runner.ErrDebugNotRunning
	}
	v, err := runner.ParseJSON([]byte(text))
	if err != nil {
		return err
	}
	return d.stopChanged(s.SetInput(v))
}

// hasBreakpoint reports whether a state has a breakpoint.
func (d *debugger) hasBreakpoint(state string) bool {
	return slices.ContainsFunc(d.bps, func(bp runner.Breakpoint) bool { return bp.State == state })
}

// toggleBreakpoint removes the state's breakpoints, or stops before it.
func (d *debugger) toggleBreakpoint(state string) {
	if d.hasBreakpoint(state) {
		d.removeBreakpoints(state)
		d.e.status.info("Removed the breakpoint on " + state)
		return
	}
	if err := d.setBreakpoint(runner.Breakpoint{State: state}); err != nil {
		d.report(err)
		return
	}
	d.e.status.info("Breakpoint before " + state)
}

// setBreakpoint adds or replaces a breakpoint, in the running session
// too.
func (d *debugger) setBreakpoint(bp runner.Breakpoint) error {
	if d.e.Doc().Machine.Find(bp.State) == nil {
		return fmt.Errorf("no state named %q", bp.State)
	}
	if s := d.session(); s != nil && d.run.debug {
		if err := s.SetBreakpoint(bp); err != nil {
			return err
		}
	} else if bp.Condition != "" {
		// Check the condition now rather than at the next run.
		m, err := runner.Compile(d.e.Doc())
		if err == nil {
			probe := runner.NewDebugSession(m, nil, runner.DebugConfig{})
			err = probe.SetBreakpoint(bp)
		}
		if err != nil {
			return err
		}
	}
	i := slices.IndexFunc(d.bps, func(b runner.Breakpoint) bool { return b.State == bp.State && b.When == bp.When })
	if i >= 0 {
		d.bps[i] = bp
	} else {
		d.bps = append(d.bps, bp)
	}
	d.breakpointsChanged()
	return nil
}

// removeBreakpoints removes every breakpoint of a state.
func (d *debugger) removeBreakpoints(state string) {
	d.bps = slices.DeleteFunc(d.bps, func(bp runner.Breakpoint) bool { return bp.State == state })
	if s := d.session(); s != nil {
		s.ClearBreakpoint(state, runner.Before)
		s.ClearBreakpoint(state, runner.After)
	}
	d.breakpointsChanged()
}

// removeBreakpoint removes one side's breakpoint of a state.
func (d *debugger) removeBreakpoint(bp runner.Breakpoint) {
	d.bps = slices.DeleteFunc(d.bps, func(b runner.Breakpoint) bool { return b.State == bp.State && b.When == bp.When })
	if s := d.session(); s != nil {
		s.ClearBreakpoint(bp.State, bp.When)
	}
	d.breakpointsChanged()
}

// setErrorBreak sets (nil: clears) the error breakpoint.
func (d *debugger) setErrorBreak(eb *runner.ErrorBreak) {
	d.errBreak = eb
	if s := d.session(); s != nil && d.run.debug {
		s.ClearErrorBreaks()
		if eb != nil {
			s.BreakOnError(*eb)
		}
	}
	d.breakpointsChanged()
}

// setBreakOnWaits makes debug runs stop at every wait (or not).
func (d *debugger) setBreakOnWaits(on bool) {
	d.waits = on
	if s := d.session(); s != nil && d.run.debug {
		s.BreakOnWaits(on)
	}
	d.breakpointsChanged()
}

func (d *debugger) breakpointsChanged() {
	d.ui.breakpoints.refresh()
	d.showOverlay()
}

// toggleSelected is F9: toggle the breakpoint of the selected state.
func (d *debugger) toggleSelected() {
	sel := d.e.graph.Selected()
	if len(sel) != 1 {
		d.report(errors.New("select one state to toggle its breakpoint"))
		return
	}
	d.toggleBreakpoint(sel[0])
}

// showOverlay draws the run and the breakpoints on the canvas.
func (d *debugger) showOverlay() {
	rs := canvas.RunState{}
	if r := d.run; r != nil {
		if r.view != nil && r.view.Len() > 0 {
			rs = runState(r.view.outcomes(r.view.Len()-1, nil), "")
		}
		rs.Counts = r.counts
		switch {
		case r.stop != nil:
			rs.Current = r.stop.State
		case !r.ended:
			rs.Current = r.current
		}
	}
	rs.Breakpoints = map[string]bool{}
	for _, bp := range d.bps {
		rs.Breakpoints[bp.State] = true
	}
	d.e.graph.Run = rs
	d.e.graph.Refresh()
}

// clearRun forgets the last run's overlay (the breakpoints stay).
func (d *debugger) clearRun() {
	if r := d.run; r != nil && !r.ended {
		d.report(errors.New("stop the run first"))
		return
	}
	d.run = nil
	d.ui.started()
	d.showOverlay()
}
