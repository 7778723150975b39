package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"baton/model"
	"baton/runner"
)

// debugUI is what the debugger adds to an editor window: the Debug tab
// beside the state inspector (where the run stands: the stop's phases as
// JSON trees, variables, context object, the call stack of branches and
// iterations, the callback, wait and input controls), the Event tab (the
// event chosen in the timeline), the Breakpoints tab, the Timeline and
// Time Bars tabs beside the problems, and the toolbar's run buttons.
type debugUI struct {
	d *debugger

	// phases shows the stop: its title and line under it are the Debug
	// tab's header.
	phases    *dataPanel
	failure   *widget.Label
	editInput *widget.Button
	skip      *widget.Button
	stack     *fyne.Container
	callback  *fyne.Container
	output    *widget.Entry
	errName   *widget.Entry
	cause     *widget.Entry
	heartbeat *widget.Button
	// sendOK and sendFail answer the callback.
	sendOK, sendFail *widget.Button
	box              fyne.CanvasObject

	breakpoints *breakpointsView

	src   *debugSource
	tl    *timeline
	event *dataPanel
	bars  *timeBars

	right, bottom       *container.AppTabs
	debugTab, bpTab     *container.TabItem
	eventTab            *container.TabItem
	timelineTab, barTab *container.TabItem
	// centre and rightSplit are the window's splits the run's panels sit
	// in; they get more room while a run is on.
	centre, rightSplit *container.Split

	runBtn, debugBtn                                        *widget.Button
	pauseAct, stopAct, restartAct, stepAct, intoAct, outAct *widget.ToolbarAction
}

func newDebugUI(d *debugger) *debugUI {
	u := &debugUI{d: d, phases: newDataPanel(), event: newDataPanel(), src: &debugSource{}}
	u.failure = widget.NewLabel("")
	u.failure.Wrapping = fyne.TextWrapWord
	u.failure.Importance = widget.DangerImportance
	u.editInput = widget.NewButton("Edit Input…", func() { u.askInput() })
	u.skip = widget.NewButton("Skip Wait", d.Skip)
	u.stack = container.NewVBox()
	u.output = widget.NewMultiLineEntry()
	u.output.SetText("{}")
	u.output.SetMinRowsVisible(3)
	u.errName = widget.NewEntry()
	u.errName.SetPlaceHolder("Error")
	u.cause = widget.NewEntry()
	u.cause.SetPlaceHolder("Cause")
	u.heartbeat = widget.NewButton("Heartbeat", func() { u.report(d.SendHeartbeat()) })
	u.sendOK = widget.NewButton("Send Success", func() { u.report(d.SendSuccess(u.output.Text)) })
	u.sendFail = widget.NewButton("Send Failure", func() { u.report(d.SendFailure(u.errName.Text, u.cause.Text)) })
	u.callback = container.NewVBox(
		widget.NewLabelWithStyle("Waiting for a callback (task token)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		u.output,
		container.NewHBox(u.sendOK, u.heartbeat),
		container.NewGridWithColumns(2, u.errName, u.cause),
		container.NewHBox(u.sendFail),
	)
	top := container.NewVBox(u.phases.title, u.phases.sub, u.failure,
		container.NewHBox(u.editInput, u.skip), u.callback, u.stack)
	u.phases.title.Truncation = fyne.TextTruncateEllipsis
	// The phases, in their order, down the side: all of them show.
	u.phases.tabs.SetTabLocation(container.TabLocationLeading)
	// The panels scroll rather than widen the window.
	u.box = container.NewScroll(container.NewBorder(top, nil, nil, nil, u.phases.tabs))
	u.breakpoints = newBreakpointsView(d)
	u.tl = newTimeline(u.src)
	u.tl.OnSelect = func(i int) {
		u.eventSelected(i)
		u.showTab(u.eventTab)
	}
	u.bars = newTimeBars()
	u.bars.OnSelect = func(state string) { d.e.selectState(state) }
	u.started()
	return u
}

// report shows a command's error in the status bar.
func (u *debugUI) report(err error) { u.d.report(err) }

// rightTabs puts the Debug and Breakpoints tabs beside the inspector.
func (u *debugUI) rightTabs(inspector fyne.CanvasObject) fyne.CanvasObject {
	u.debugTab = container.NewTabItem("Debug", u.box)
	u.bpTab = container.NewTabItem("Breakpoints", container.NewScroll(u.breakpoints.box))
	u.eventTab = container.NewTabItem("Event", u.event.box)
	u.right = container.NewAppTabs(container.NewTabItem("State", inspector), u.debugTab, u.eventTab, u.bpTab)
	return u.right
}

// bottomTabs puts the Timeline and Time Bars tabs beside the problems.
func (u *debugUI) bottomTabs(problems fyne.CanvasObject) fyne.CanvasObject {
	u.timelineTab = container.NewTabItem("Timeline", container.NewScroll(u.tl.box))
	u.barTab = container.NewTabItem("Time Bars", container.NewScroll(u.bars.box))
	u.bottom = container.NewAppTabs(container.NewTabItem("Problems", problems), u.timelineTab, u.barTab)
	return u.bottom
}

// showTab brings a tab to the front.
func (u *debugUI) showTab(t *container.TabItem) {
	for _, tabs := range []*container.AppTabs{u.right, u.bottom} {
		if tabs != nil && t != nil && tabs.Selected() != t {
			for _, it := range tabs.Items {
				if it == t {
					tabs.Select(t)
				}
			}
		}
	}
}

// started shows a new session (or none), before its first update.
func (u *debugUI) started() {
	u.src.m = nil
	u.tl.Reload()
	u.bars.show(nil)
	u.event.show("", "", nil, "")
	u.update(true)
	if r := u.d.run; r != nil {
		u.showTab(u.debugTab)
		u.showTab(u.timelineTab)
		if u.centre != nil && u.centre.Offset > 0.62 {
			u.centre.SetOffset(0.62)
		}
		if u.rightSplit != nil && u.rightSplit.Offset < 0.85 {
			u.rightSplit.SetOffset(0.85)
		}
	}
}

// update shows the current session's state; full says that the timeline
// has a new model.
func (u *debugUI) update(full bool) {
	u.syncControls()
	r := u.d.run
	if full {
		u.showTimeline()
	}
	switch {
	case r == nil:
		c := u.d.config()
		mocks := "no mocks"
		if c.Mocks != "" {
			mocks = "mocks: " + c.TestCase + " of " + c.Mocks
		}
		u.showStopControls(nil)
		u.phases.show("Not running", "F5 debugs, Ctrl+F5 runs · input: "+c.Selected+" · "+mocks, nil, "")
	case r.ended:
		u.showStopControls(nil)
		u.showEnd(r)
	case r.stop != nil:
		u.showStop()
	default:
		u.showStopControls(nil)
		title := "Running…"
		if r.stopping {
			title = "Stopping…"
		}
		u.phases.show(title, fmt.Sprintf("%s transitions · %s events", thousands(r.trans), thousands(int64(r.events))), nil, "")
	}
}

// showEnd shows how the run ended.
func (u *debugUI) showEnd(r *debugRun) {
	res := r.result
	sub := fmt.Sprintf("%s transitions · %s events · input %q", thousands(r.trans), thousands(int64(r.events)), r.input)
	var sections []dataSection
	title := string(res.Status)
	switch res.Status {
	case runner.StatusSucceeded:
		sections = []dataSection{{"output", string(runner.MarshalJSON(res.Output))}}
	default:
		if res.Error != "" {
			title += ": " + res.Error
		}
		sections = []dataSection{{"error", errorJSON(res.Error, res.Cause)}}
	}
	u.phases.show(title, sub, sections, "")
	u.d.e.status.info(fmt.Sprintf("Run %s · %s transitions", strings.ToLower(string(res.Status)), thousands(r.trans)))
}

// showStop shows where the session stopped.
func (u *debugUI) showStop() {
	st := u.d.run.stop
	u.showStopControls(st)
	title := fmt.Sprintf("Paused at %s — %s (%s)", st.State, st.When, st.Reason)
	sub := []string{st.Type}
	if st.Scope != "" {
		sub = append(sub, "in "+st.Scope)
	}
	if st.RetryCount > 0 {
		sub = append(sub, "retry "+strconv.Itoa(st.RetryCount))
	}
	sub = append(sub, "clock "+st.Time.UTC().Format("15:04:05.000"))
	var sections []dataSection
	for p := runner.PhaseInput; p <= runner.PhaseOutput; p++ {
		if v, ok := st.Phases.Get(p); ok {
			sections = append(sections, dataSection{p.String(), string(runner.MarshalJSON(v))})
		}
	}
	vars := st.Variables
	if vars == nil {
		vars = map[string]any{}
	}
	sections = append(sections, dataSection{"variables", string(runner.MarshalJSON(vars))}, dataSection{"context", string(runner.MarshalJSON(st.Context))})
	focus := "input"
	if st.When == runner.After && len(sections) > 2 {
		focus = sections[len(sections)-3].name
	}
	u.phases.show(title, strings.Join(sub, " · "), sections, focus)
	u.d.e.status.info("Paused at " + st.String())
	u.showTab(u.debugTab)
	revealState(u.d.e.graph, st.State)
}

// showStopControls shows the controls that apply at st (nil: none).
func (u *debugUI) showStopControls(st *runner.DebugStop) {
	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	show(u.editInput, st != nil && st.When == runner.Before && st.Reason != runner.ReasonCallback && st.Wait == nil && st.Failure == nil)
	show(u.skip, st != nil && st.Wait != nil)
	show(u.callback, st != nil && st.Reason == runner.ReasonCallback)
	if st != nil && st.Reason == runner.ReasonCallback {
		u.heartbeat.SetText(fmt.Sprintf("Heartbeat (%d sent)", st.Heartbeats))
	}
	u.failure.SetText(failureText(st))
	show(u.failure, u.failure.Text != "")
	u.showStack(st)
}

// failureText says what a stop's failure or wait is, "" if neither.
func failureText(st *runner.DebugStop) string {
	if st == nil {
		return ""
	}
	var parts []string
	if f := st.Failure; f != nil && f.Err != nil {
		s := f.Err.Name
		if f.Err.Cause != "" {
			s += ": " + oneLine(f.Err.Cause, 160)
		}
		switch {
		case f.Retry:
			s += fmt.Sprintf(" — retried after %v", f.RetryDelay)
		case f.Caught:
			s += " — caught, going to " + f.Next
		default:
			s += " — not caught"
		}
		parts = append(parts, s)
	} else if st.Err != nil {
		parts = append(parts, st.Err.Error())
	}
	if w := st.Wait; w != nil {
		what := "Wait"
		if w.Retry {
			what = "Retry delay"
		}
		parts = append(parts, fmt.Sprintf("%s of %v, %v left (until %s on the run's clock)", what, w.Duration, w.Remaining, w.Until.UTC().Format("15:04:05")))
	}
	return strings.Join(parts, "\n")
}

// showStack shows the call stack of a stop: the top level, each Parallel
// branch and Map iteration it is in, and the state. Tapping one selects
// its state on the canvas.
func (u *debugUI) showStack(st *runner.DebugStop) {
	u.stack.Objects = nil
	if st == nil {
		u.stack.Refresh()
		return
	}
	frame := func(label, state string) {
		b := widget.NewButton(label, func() {
			if state != "" {
				u.d.e.selectState(state)
			}
		})
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		u.stack.Add(b)
	}
	frame("Call stack: top level", "")
	for i, f := range runner.ScopeFrames(st.Scope) {
		what := "iteration"
		if s := u.d.run.doc.Machine.Find(f.State); s != nil && s.Type == model.TypeParallel {
			what = "branch"
		}
		frame(fmt.Sprintf("%s%s › %s %d", strings.Repeat("  ", i+1), f.State, what, f.Index), f.State)
	}
	frame(fmt.Sprintf("%s▶ %s (%s)", strings.Repeat("  ", len(runner.ScopeFrames(st.Scope))+1), st.State, st.When), st.State)
}

// showTimeline shows the run's events in the timeline and the time bars,
// the last one selected.
func (u *debugUI) showTimeline() {
	var m *replayModel
	if r := u.d.run; r != nil {
		m = r.view
	}
	u.src.m = m
	u.tl.Reload()
	u.bars.show(m)
	if n := u.src.Len(); n > 0 {
		u.tl.Select(n - 1)
		u.eventSelected(n - 1)
	} else {
		u.event.show("", "", nil, "")
	}
}

// eventSelected shows an event of the timeline.
func (u *debugUI) eventSelected(i int) {
	m := u.src.m
	if m == nil || i < 0 || i >= m.Len() {
		return
	}
	showStep(u.event, m, i, m.outcomes(i, nil))
}

// askInput edits the input of the state the session stopped before.
func (u *debugUI) askInput() *jsonDialog {
	st := u.d.run.stop
	if st == nil {
		return nil
	}
	in, _ := st.Phases.Get(runner.PhaseInput)
	return askJSON(u.d.e.win, "Input of "+st.State, string(runner.MarshalJSON(in)), u.d.SetInput)
}

// syncControls enables the toolbar's buttons that apply now.
func (u *debugUI) syncControls() {
	if u.runBtn == nil {
		return
	}
	r := u.d.run
	live := r != nil && !r.ended
	stopped := live && r.stop != nil
	running := live && r.stop == nil
	enable := func(a *widget.ToolbarAction, on bool) {
		if on {
			a.Enable()
		} else {
			a.Disable()
		}
	}
	enable(u.pauseAct, running)
	enable(u.stopAct, live && !r.stopping)
	enable(u.restartAct, r != nil)
	enable(u.stepAct, !running)
	enable(u.intoAct, !running)
	enable(u.outAct, stopped)
	if stopped {
		u.debugBtn.SetText("Continue")
	} else {
		u.debugBtn.SetText("Debug")
	}
}

// debugSource is the timeline's view of a session's events.
type debugSource struct{ m *replayModel }

func (s *debugSource) Len() int {
	if s.m == nil {
		return 0
	}
	return s.m.Len()
}

func (s *debugSource) Row(i int) timelineRow { return s.m.Row(i) }

// thousands formats n with thousands separators: 1,000,000.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
