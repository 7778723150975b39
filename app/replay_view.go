package app

import (
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	fcanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baton/canvas"
	"baton/cloud"
	"baton/model"
)

// replayView replays a recorded execution on the canvas of the
// definition that ran: a timeline to scrub and step through its events,
// the states coloured by how far each had got at the selected event, and
// an inspector with the event's input, output, error and details. It
// works alike on an execution imported from AWS, a history file saved by
// the AWS CLI or by `baton run --history`, and a local run.
type replayView struct {
	app fyne.App
	win fyne.Window
	// name says what is replayed (a file or execution name), for titles.
	name string
	// machine is the name of the state machine that ran, for mocks.
	machine string
	events  []cloud.HistoryEvent
	doc     *model.Document

	m        *replayModel
	graph    *canvas.Graph
	tl       *timeline
	panel    *dataPanel
	scopeSel *widget.Select
	status   *statusBar
	// scope narrows the replay to a Map iteration or Parallel branch.
	scope *replayScope
	step  int
}

// allEvents is the scope choice that narrows nothing.
const allEvents = "All events"

// newReplayView prepares a replay of events on doc (laid out with
// positions, which may be nil) without a window.
func newReplayView(a fyne.App, name string, doc *model.Document, positions model.Positions, events []cloud.HistoryEvent, machine string) *replayView {
	v := &replayView{app: a, name: name, machine: machine, events: events, doc: doc, step: -1}
	v.m = newReplayModel(events, doc)
	v.graph = canvas.NewGraph()
	flow := model.BuildGraph(doc.Machine)
	if positions == nil {
		positions = model.Positions{}
	}
	v.graph.SetDiagram(flow, model.Layout(flow, positions))
	v.graph.OnSelect = v.stateTapped
	v.tl = newTimeline(v.m)
	v.tl.OnSelect = v.show
	v.panel = newDataPanel()
	v.status = newStatusBar()
	options := []string{allEvents}
	for _, sc := range v.m.scopes {
		options = append(options, sc.label)
	}
	v.scopeSel = widget.NewSelect(options, v.scopeChosen)
	v.scopeSel.SetSelectedIndex(0)
	if len(v.events) > 0 {
		v.tl.Select(len(v.events) - 1)
		v.show(len(v.events) - 1)
	}
	v.status.info(v.summary())
	return v
}

// summary is the status line of a new replay: how many events, how the
// execution ended, and which states the definition lacks.
func (v *replayView) summary() string {
	if len(v.events) == 0 {
		return "The history has no events"
	}
	s := fmt.Sprintf("%d events · %s", len(v.events), v.events[len(v.events)-1].Type)
	if len(v.m.missing) > 0 {
		s += " · not in this definition: " + strings.Join(v.m.missing, ", ")
	}
	return s
}

// content lays the view out: toolbar, canvas over timeline, inspector.
func (v *replayView) content() fyne.CanvasObject {
	tools := container.NewHBox(
		widget.NewLabel("Scope"), v.scopeSel,
		widget.NewButtonWithIcon("", theme.ZoomFitIcon(), v.graph.Fit),
		widget.NewButtonWithIcon("Debug Locally…", theme.MediaPlayIcon(), v.debugLocally),
		widget.NewButtonWithIcon("Save Mocks…", theme.DocumentSaveIcon(), v.saveMocksDialog),
		widget.NewButtonWithIcon("Save History…", theme.DocumentSaveIcon(), v.saveHistoryDialog),
	)
	top := container.NewBorder(nil, nil, nil, legend(), tools)
	// Diagrams grow downwards: the canvas gets the window's full height,
	// and shows the whole run at first.
	v.graph.Fit()
	clip := container.NewScroll(v.graph)
	clip.Direction = container.ScrollNone
	right := container.NewVSplit(v.tl.box, v.panel.box)
	right.Offset = 0.5
	main := container.NewHSplit(clip, right)
	main.Offset = 0.5
	return container.NewBorder(top, v.status.label, nil, nil, main)
}

// legend explains the colours of the canvas.
func legend() fyne.CanvasObject {
	th := theme.Current()
	vr := fyne.CurrentApp().Settings().ThemeVariant()
	item := func(c fyne.ThemeColorName, label string) fyne.CanvasObject {
		r := fcanvas.NewRectangle(th.Color(c, vr))
		r.CornerRadius = 3
		r.SetMinSize(fyne.NewSize(12, 12))
		return container.NewHBox(container.NewCenter(r), widget.NewLabel(label))
	}
	return container.NewHBox(
		item(theme.ColorNamePrimary, "current / running"), item(theme.ColorNameSuccess, "succeeded"),
		item(theme.ColorNameWarning, "retried / caught"), item(theme.ColorNameError, "failed"),
	)
}

// openReplayWindow shows a replay in a new window of a.
func openReplayWindow(a fyne.App, name string, doc *model.Document, positions model.Positions, events []cloud.HistoryEvent, machine string) *replayView {
	v := newReplayView(a, name, doc, positions, events, machine)
	w := a.NewWindow("Baton — Replay of " + name)
	v.win = w
	w.SetContent(v.content())
	w.Canvas().SetOnTypedKey(v.typedKey)
	w.Resize(fyne.NewSize(1280, 800))
	w.Show()
	return v
}

// typedKey steps through the events with the arrow keys, Home and End
// when no field has the focus.
func (v *replayView) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft, fyne.KeyUp:
		v.tl.Step(-1)
	case fyne.KeyRight, fyne.KeyDown:
		v.tl.Step(1)
	case fyne.KeyHome:
		v.tl.moveTo(0)
	case fyne.KeyEnd:
		v.tl.moveTo(len(v.tl.rows) - 1)
	}
}

// show displays the replay at step i: the colours of the canvas, the
// event in the inspector, and the timeline's selection.
func (v *replayView) show(i int) {
	if i < 0 || i >= len(v.m.r.Steps) {
		return
	}
	v.step = i
	s := &v.m.r.Steps[i]
	outcomes := v.m.outcomes(i, v.scope)
	v.graph.Run = runState(outcomes, s.State)
	v.graph.Refresh()
	v.reveal(v.m.stateAtOrBefore(i))
	if v.tl.Selected() != i {
		v.tl.Select(i)
	}
	v.showEvent(i, outcomes)
}

// showID shows the event with id and reports whether there is one.
func (v *replayView) showID(id int64) bool {
	for i := range v.m.r.Steps {
		if v.m.r.Steps[i].Event.ID == id {
			v.show(i)
			return true
		}
	}
	return false
}

// reveal scrolls the canvas to a state that is out of view.
func (v *replayView) reveal(name string) { revealState(v.graph, name) }

// revealState scrolls g to a state that is out of view; the replay and
// the debugger follow the run with it.
func revealState(g *canvas.Graph, name string) {
	d := g.Diagram()
	if d == nil || name == "" {
		return
	}
	b := d.Box(name)
	size := g.Size()
	if b == nil || size.Width <= 0 {
		return
	}
	tl := g.ToWidget(model.Point{X: b.Rect.X, Y: b.Rect.Y})
	br := g.ToWidget(model.Point{X: b.Rect.X + b.Rect.W, Y: b.Rect.Y + b.Rect.H})
	if tl.X < 0 || tl.Y < 0 || br.X > size.Width || br.Y > size.Height {
		g.CenterOn(name)
	}
}

// showEvent puts step i in the inspector.
func (v *replayView) showEvent(i int, outcomes map[string]runStatus) {
	showStep(v.panel, v.m, i, outcomes)
}

// showStep puts step i of m in panel: the input of the state's visit (or
// the event's own), the event's output, error and details. The replay
// view and the debugger's timeline show events with it.
func showStep(panel *dataPanel, m *replayModel, i int, outcomes map[string]runStatus) {
	s := &m.r.Steps[i]
	e := &s.Event
	title := fmt.Sprintf("#%d  %s", e.ID, e.Type)
	var sub []string
	if s.State != "" {
		sub = append(sub, s.State+" ("+outcomes[s.State].String()+")")
	} else {
		sub = append(sub, "execution")
	}
	if len(s.Scope) > 0 {
		sub = append(sub, scopeLabel(s.Scope))
	}
	sub = append(sub, formatElapsed(e.Timestamp.Sub(m.start)), e.Timestamp.UTC().Format("2006-01-02 15:04:05.000 UTC"))
	input := s.Input
	if input == "" && m.entered[i] >= 0 {
		input = m.r.Steps[m.entered[i]].Input
	}
	errText := errorJSON(s.Error, s.Cause)
	focus := "Event"
	switch {
	case errText != "":
		focus = "Error"
	case s.Output != "":
		focus = "Output"
	case input != "":
		focus = "Input"
	}
	panel.show(title, strings.Join(sub, " · "), []dataSection{
		{"Input", input}, {"Output", s.Output}, {"Error", errText}, {"Event", string(e.Details)},
	}, focus)
}

// stateTapped jumps to the next event of the state tapped on the canvas.
func (v *replayView) stateTapped(names []string) {
	if len(names) != 1 {
		return
	}
	v.graph.Select()
	i, ok := v.m.nextOf(names[0], v.step)
	if !ok {
		v.status.info(names[0] + " did not run")
		return
	}
	if v.scope != nil && !v.m.inScope(v.scope, i) {
		v.scopeSel.SetSelectedIndex(0)
	}
	v.show(i)
}

// scopeChosen narrows the replay to the chosen Map iteration or Parallel
// branch, or widens it to every event.
func (v *replayView) scopeChosen(label string) {
	v.scope = nil
	for i := range v.m.scopes {
		if v.m.scopes[i].label == label {
			v.scope = &v.m.scopes[i]
		}
	}
	if v.scope == nil {
		v.tl.SetInclude(nil)
	} else {
		sc := v.scope
		v.tl.SetInclude(func(i int) bool { return v.m.inScope(sc, i) })
	}
	// The timeline reported a new position if it had to move; the
	// colours depend on the scope either way.
	if v.step >= 0 {
		v.show(v.step)
	}
}

// errorJSON shows an error and its cause as a JSON object, "" when there
// are neither.
func errorJSON(errName, cause string) string {
	if errName == "" && cause == "" {
		return ""
	}
	b, _ := json.Marshal(struct {
		Error string `json:"Error"`
		Cause string `json:"Cause"`
	}{errName, cause})
	return string(b)
}
