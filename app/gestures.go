package app

import (
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"baton/model"
)

// wireGraph turns the canvas's gestures into edits.
func (e *Editor) wireGraph() {
	g := e.graph
	g.OnSelect = e.selectionChanged
	g.OnMove = e.moveState
	g.OnConnect = e.connect
	g.OnDrop = func(item string, at model.Point, route *model.Route) { e.insertItem(item, &at, route) }
	g.OnDelete = e.deleteStates
	g.OnRename = e.askRename
}

// connect sets a transition; a drag from the catch handle (index one past
// the last catcher) adds a catcher for every error.
func (e *Editor) connect(from string, kind model.EdgeKind, index int, to string) {
	s := e.Doc().Machine.Find(from)
	if kind == model.EdgeCatch && s != nil && index >= len(s.Catch) {
		catcher := model.NewObject()
		catcher.Set("ErrorEquals", model.NewArray(model.NewString("States.ALL")))
		catcher.Set("Next", model.NewString(to))
		ed := model.SetField{State: from, Path: []string{"Catch", strconv.Itoa(len(s.Catch))}, Value: catcher}
		if s.Node.Get("Catch") == nil {
			ed = model.SetField{State: from, Path: []string{"Catch"}, Value: model.NewArray(catcher)}
		}
		e.Apply(batch{desc: "Catch errors of " + strconv.Quote(from) + " in " + strconv.Quote(to), edits: []model.Edit{ed}})
		return
	}
	e.Apply(model.Connect{From: from, Kind: kind, Index: index, To: to})
}

// deleteStates removes states (not those inside a container also removed).
func (e *Editor) deleteStates(names []string) {
	var edits []model.Edit
	for _, n := range names {
		if !e.insideAny(n, names) {
			edits = append(edits, model.RemoveState{Name: n})
		}
	}
	if len(edits) == 0 {
		return
	}
	var ed model.Edit = batch{desc: "Delete " + strconv.Itoa(len(edits)) + " states", edits: edits}
	if len(edits) == 1 {
		ed = edits[0]
	}
	if e.Apply(ed) == nil {
		for _, n := range names {
			delete(e.positions, n)
		}
		e.graph.Select()
		e.selectionChanged(nil)
	}
}

// insideAny reports whether state n is nested in one of the named states.
func (e *Editor) insideAny(n string, names []string) bool {
	s := e.Doc().Machine.Find(n)
	if s == nil {
		return false
	}
	for p := s.Machine.Parent; p != nil; p = p.Machine.Parent {
		if slices.Contains(names, p.Name) {
			return true
		}
	}
	return false
}

// rename renames a state everywhere, and its manual position with it.
func (e *Editor) rename(old, name string) error {
	if err := e.Apply(model.RenameState{Old: old, New: name}); err != nil {
		return err
	}
	if p, ok := e.positions[old]; ok {
		delete(e.positions, old)
		e.positions[name] = p
		e.relayout()
	}
	e.graph.Select(name)
	e.selectionChanged([]string{name})
	return nil
}

// askRename asks for a state's new name (F2 or a double tap).
func (e *Editor) askRename(old string) {
	entry := widget.NewEntry()
	entry.SetText(old)
	d := dialog.NewForm("Rename state", "Rename", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", entry)}, func(ok bool) {
		if ok && entry.Text != old {
			e.rename(old, entry.Text)
		}
	}, e.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Show()
	e.win.Canvas().Focus(entry)
	entry.TypedShortcut(&fyne.ShortcutSelectAll{}) // typing replaces the name
}

// moveState records a state's manual position after a drag; a state
// dropped into another Parallel branch or Map processor moves there.
func (e *Editor) moveState(name string, to model.Point) {
	e.positions[name] = to
	e.layoutDirty = true
	if s := e.Doc().Machine.Find(name); s != nil {
		if b := e.diagram.Box(name); b != nil {
			centre := model.Point{X: to.X + b.Rect.W/2, Y: to.Y + b.Rect.H/2}
			scope := e.scopeAt(centre, name)
			if !slices.Equal(scope, model.ScopePath(s.Machine)) {
				e.Apply(model.MoveState{Name: name, Scope: scope}) // re-lays out
				return
			}
		}
	}
	e.relayout()
	e.refreshViews()
}

// scopeAt is the scope a state dropped at p goes into; a container never
// goes into itself (its own box is under p).
func (e *Editor) scopeAt(p model.Point, moving string) []string {
	scope := e.diagram.ScopeAt(p)
	for i, elem := range scope {
		if name, _, _ := cutBranch(elem); name == moving {
			return scope[:i]
		}
	}
	return scope
}

// cutBranch splits a scope element "Name#i" into its name and branch.
func cutBranch(elem string) (string, int, bool) {
	for i := len(elem) - 1; i >= 0; i-- {
		if elem[i] == '#' {
			n, err := strconv.Atoi(elem[i+1:])
			return elem[:i], n, err == nil
		}
	}
	return elem, 0, false
}

// paletteDragged follows a palette item dragged over the window.
func (e *Editor) paletteDragged(it *paletteItem, abs fyne.Position) {
	e.dragAbs = abs
	e.ghost.show(it.Title, abs)
	e.graph.DragOver(e.graphPos(abs))
}

// paletteDropped drops the dragged item where the pointer is, if that is
// on the canvas.
func (e *Editor) paletteDropped(it *paletteItem) {
	e.ghost.hide()
	p := e.graphPos(e.dragAbs)
	s := e.graph.Size()
	if p.X < 0 || p.Y < 0 || p.X > s.Width || p.Y > s.Height {
		e.graph.DragOver(fyne.NewPos(-1, -1))
		return
	}
	e.graph.DropAt(it.ID, p)
}

// graphPos converts an absolute position to the canvas widget's.
func (e *Editor) graphPos(abs fyne.Position) fyne.Position {
	return abs.Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(e.graph))
}

// addItem adds a palette item (tapped rather than dragged): after the
// selected state when one is selected, else unconnected.
func (e *Editor) addItem(id string) {
	var route *model.Route
	if sel := e.graph.Selected(); len(sel) == 1 {
		for _, r := range e.diagram.Routes {
			if r.Edge.From == sel[0] && (r.Edge.Kind == model.EdgeNext || r.Edge.Kind == model.EdgeEnd) {
				route = r
			}
		}
	}
	e.insertItem(id, nil, route)
}
