package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baton/model"
)

// problemsView lists the diagnostics of the text on screen: its syntax
// error, or what model.Validate finds. Choosing one selects its state and
// puts the cursor on its line.
type problemsView struct {
	e     *Editor
	list  *widget.List
	items []model.Diagnostic
	// OnCount reports the number of problems after a refresh.
	onCount func(errors, warnings int)
}

func newProblemsView(e *Editor) *problemsView {
	p := &problemsView{e: e}
	p.list = widget.NewList(
		func() int { return len(p.items) },
		func() fyne.CanvasObject {
			icon := widget.NewIcon(theme.ErrorIcon())
			label := widget.NewLabel("")
			label.Truncation = fyne.TextTruncateEllipsis
			return &fyne.Container{Layout: iconRowLayout{}, Objects: []fyne.CanvasObject{icon, label}}
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			d := p.items[id]
			row := o.(*fyne.Container)
			icon := row.Objects[0].(*widget.Icon)
			if d.Severity == model.SeverityWarning {
				icon.SetResource(theme.WarningIcon())
			} else {
				icon.SetResource(theme.ErrorIcon())
			}
			row.Objects[1].(*widget.Label).SetText(problemText(d))
		})
	p.list.OnSelected = func(id widget.ListItemID) {
		p.list.UnselectAll()
		if id >= 0 && id < len(p.items) {
			p.open(p.items[id])
		}
	}
	return p
}

// problemText is one line of the list: line:col, code, message, state.
func problemText(d model.Diagnostic) string {
	s := fmt.Sprintf("%d:%d  %s  %s", d.Pos.Line, d.Pos.Col, d.Code, d.Message)
	if d.State != "" {
		s += "  (" + d.State + ")"
	}
	return s
}

// open selects the problem's state and jumps to its line in the text.
func (p *problemsView) open(d model.Diagnostic) {
	if d.State != "" && p.e.diagram != nil && p.e.diagram.Box(d.State) != nil {
		p.e.selectState(d.State)
	}
	p.e.code.gotoLine(d.Pos)
}

// refresh re-validates the text on screen.
func (p *problemsView) refresh() {
	switch {
	case p.e.textErr != nil:
		p.items = []model.Diagnostic{model.SyntaxDiagnostic(p.e.textErr)}
	case p.e.shown != nil:
		p.items = model.Validate(p.e.shown, model.ValidateOptions{})
	default:
		p.items = model.Validate(p.e.Doc(), model.ValidateOptions{})
	}
	p.list.Refresh()
	if p.onCount != nil {
		errs, warns := 0, 0
		for _, d := range p.items {
			if d.Severity == model.SeverityWarning {
				warns++
			} else {
				errs++
			}
		}
		p.onCount(errs, warns)
	}
}

// iconRowLayout puts a square icon at the left and stretches the rest.
type iconRowLayout struct{}

func (iconRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	s := theme.IconInlineSize()
	objs[0].Resize(fyne.NewSize(s, s))
	objs[0].Move(fyne.NewPos(theme.Padding(), (size.Height-s)/2))
	x := s + 2*theme.Padding()
	objs[1].Move(fyne.NewPos(x, 0))
	objs[1].Resize(fyne.NewSize(size.Width-x, size.Height))
}

func (iconRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[1].MinSize()
	s := theme.IconInlineSize()
	return fyne.NewSize(s+2*theme.Padding()+m.Width, max(s, m.Height))
}
