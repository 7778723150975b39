package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"baton/canvas"
	"baton/model"
)

// inspector is the right panel: a form for every field of the selected
// state's type in its query language (or, with nothing selected, the
// definition's own fields), lists for Retry, Catch and Choice rules, and
// the state's raw JSON. Every change is a SetField edit (RenameState for
// the name); the form is rebuilt only when what it shows changes shape,
// so typing is never interrupted.
type inspector struct {
	e     *Editor
	title *widget.Label
	sub   *widget.Label
	form  *fyne.Container
	box   fyne.CanvasObject

	shape  string   // what the form was built for
	fields []*field // the form's fields, updated in place
}

func newInspector(e *Editor) *inspector {
	in := &inspector{e: e,
		title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		sub:   widget.NewLabel(""),
		form:  container.NewVBox(),
	}
	in.box = container.NewBorder(container.NewVBox(in.title, in.sub), nil, nil, nil, container.NewVScroll(in.form))
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

// shapeOf says what the form for s looks like: the state, its type and
// language, and the lengths of its lists.
func shapeOf(s *model.State, top *model.StateMachine) string {
	if s == nil {
		return fmt.Sprintf("top %d", len(top.States))
	}
	var rules []string
	for _, r := range s.Choices {
		rules = append(rules, fmt.Sprintf("%s/%v", r.Operator, r.Condition != nil))
	}
	return fmt.Sprintf("%s|%s|%s|%d|%d|%s|%s", s.Name, s.Type, s.Language(), len(s.Retry), len(s.Catch),
		strings.Join(rules, ","), strings.Join(stateNames(s.Machine), ","))
}

// refresh shows the selected state.
func (in *inspector) refresh() {
	s := in.state()
	doc := in.e.Doc()
	if s == nil {
		in.title.SetText("State machine")
		in.sub.SetText("Select a state to edit it")
	} else {
		in.title.SetText(s.Name)
		in.sub.SetText(canvas.Subtitle(s) + " · " + s.Language())
	}
	if shape := shapeOf(s, doc.Machine); shape != in.shape {
		in.shape = shape
		in.build(s)
	}
	diags := in.e.problems.items
	for _, f := range in.fields {
		f.update(doc, diags)
	}
}

// build makes the form's fields.
func (in *inspector) build(s *model.State) {
	in.fields = nil
	var objs []fyne.CanvasObject
	reg := func(f *field) fyne.CanvasObject {
		in.fields = append(in.fields, f)
		return f.row()
	}
	if s == nil {
		for _, k := range topFields {
			objs = append(objs, reg(in.newField("", []string{k.key}, k.kind, k.key)))
		}
		in.form.Objects = objs
		in.form.Refresh()
		return
	}
	objs = append(objs, reg(in.nameField(s)))
	lang := s.Language()
	for _, k := range stateFields {
		if model.FieldAllowed(s.Type, lang, k.key) {
			objs = append(objs, reg(in.newField(s.Name, []string{k.key}, k.kind, k.key)))
		}
	}
	if model.FieldAllowed(s.Type, lang, "Choices") {
		objs = append(objs, in.choiceList(s, reg)...)
	}
	if model.FieldAllowed(s.Type, lang, "Retry") {
		objs = append(objs, in.retryList(s, reg)...)
		objs = append(objs, in.catchList(s, reg)...)
	}
	objs = append(objs, in.e.dbg.mockSection(s)...)
	raw := in.newRawField(s.Name)
	objs = append(objs, reg(raw))
	in.form.Objects = objs
	in.form.Refresh()
}

// stateNames lists the states of m, the targets a transition may have.
func stateNames(m *model.StateMachine) []string {
	var names []string
	for _, s := range m.States {
		names = append(names, s.Name)
	}
	return names
}
