package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"baton/canvas"
	"baton/model"
)

// inspector is the right panel: the selected state's fields.
type inspector struct {
	e     *Editor
	title *widget.Label
	sub   *widget.Label
	raw   *widget.Entry
	body  *fyne.Container
	box   fyne.CanvasObject
}

func newInspector(e *Editor) *inspector {
	in := &inspector{e: e,
		title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		sub:   widget.NewLabel(""),
		raw:   widget.NewMultiLineEntry(),
	}
	in.raw.TextStyle = fyne.TextStyle{Monospace: true}
	in.raw.Wrapping = fyne.TextWrapOff
	in.raw.SetMinRowsVisible(8)
	in.body = container.NewVBox()
	in.box = container.NewBorder(container.NewVBox(in.title, in.sub), nil, nil, nil,
		container.NewVScroll(container.NewVBox(in.body, widget.NewLabel("JSON"), in.raw)))
	return in
}

// state returns the selected state, if exactly one is selected.
func (in *inspector) state() *model.State {
	sel := in.e.graph.Selected()
	if len(sel) != 1 {
		return nil
	}
	return in.e.Doc().Machine.Find(sel[0])
}

// refresh shows the selected state, or the state machine's own fields.
func (in *inspector) refresh() {
	s := in.state()
	if s == nil {
		in.title.SetText("State machine")
		in.sub.SetText("Select a state to edit it")
		in.raw.SetText("")
		return
	}
	in.title.SetText(s.Name)
	in.sub.SetText(canvas.Subtitle(s))
	in.raw.SetText(string(model.MarshalJSON(s.Node)))
}
