package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baton/model"
	"baton/runner"
)

// breakpointsView is the Breakpoints tab: the state breakpoints (before
// or after a state, with an optional condition in JSONPath or JSONata),
// a form to add one, and the error breakpoint.
type breakpointsView struct {
	d    *debugger
	list *fyne.Container

	state     *widget.Select
	when      *widget.Select
	condition *widget.Entry

	onError  *widget.Check
	errName  *widget.Entry
	uncaught *widget.Check
	waits    *widget.Check
	// syncing is set while the view shows the debugger's error
	// breakpoint, so the widgets' callbacks do not echo.
	syncing bool

	box fyne.CanvasObject
}

func newBreakpointsView(d *debugger) *breakpointsView {
	v := &breakpointsView{d: d, list: container.NewVBox()}
	v.state = widget.NewSelect(nil, nil)
	v.state.PlaceHolder = "State"
	v.when = widget.NewSelect([]string{"before", "after"}, nil)
	v.when.SetSelected("before")
	v.condition = widget.NewEntry()
	v.condition.SetPlaceHolder("Condition (optional): $.count > 3, or {% $states.input.ok %}")
	add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), v.add)
	v.onError = widget.NewCheck("Break on errors", func(bool) { v.errorChanged() })
	v.errName = widget.NewEntry()
	v.errName.SetPlaceHolder("Error name (empty: any)")
	v.errName.OnChanged = func(string) { v.errorChanged() }
	v.uncaught = widget.NewCheck("Uncaught only", func(bool) { v.errorChanged() })
	v.waits = widget.NewCheck("Stop at waits and retry delays (to skip them)", func(on bool) {
		if !v.syncing {
			d.setBreakOnWaits(on)
		}
	})
	form := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(v.when, add), v.state),
		v.condition,
		widget.NewSeparator(),
		container.NewBorder(nil, nil, v.onError, v.uncaught, v.errName),
		v.waits,
		widget.NewSeparator(),
	)
	v.box = container.NewBorder(form, nil, nil, nil, container.NewVScroll(v.list))
	v.refresh()
	return v
}

// add adds the breakpoint of the form.
func (v *breakpointsView) add() {
	bp := runner.Breakpoint{State: v.state.Selected, Condition: v.condition.Text}
	if v.when.Selected == "after" {
		bp.When = runner.After
	}
	if err := v.d.setBreakpoint(bp); err != nil {
		v.d.report(err)
		return
	}
	v.condition.SetText("")
}

// errorChanged applies the error breakpoint of the form.
func (v *breakpointsView) errorChanged() {
	if v.syncing {
		return
	}
	if !v.onError.Checked {
		v.d.setErrorBreak(nil)
		return
	}
	v.d.setErrorBreak(&runner.ErrorBreak{Name: v.errName.Text, UncaughtOnly: v.uncaught.Checked})
}

// refresh shows the debugger's breakpoints and the states to add one to.
func (v *breakpointsView) refresh() {
	var names []string
	v.d.e.Doc().Machine.Walk(func(s *model.State) bool {
		names = append(names, s.Name)
		return true
	})
	v.state.SetOptions(names)
	v.list.Objects = nil
	for _, bp := range v.d.bps {
		text := bp.State + " " + bp.When.String()
		if bp.Condition != "" {
			text += " if " + bp.Condition
		}
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { v.d.removeBreakpoint(bp) })
		remove.Importance = widget.LowImportance
		v.list.Add(container.NewBorder(nil, nil, nil, remove, l))
	}
	if len(v.d.bps) == 0 {
		v.list.Add(widget.NewLabel("No breakpoints: F9 or a tap on a state's left edge sets one"))
	}
	v.list.Refresh()
	v.syncing = true
	eb := v.d.errBreak
	v.onError.SetChecked(eb != nil)
	v.waits.SetChecked(v.d.waits)
	if eb != nil {
		if v.errName.Text != eb.Name {
			v.errName.SetText(eb.Name)
		}
		v.uncaught.SetChecked(eb.UncaughtOnly)
	}
	v.syncing = false
}
