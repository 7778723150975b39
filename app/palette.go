package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"baton/canvas"
	"baton/model"
)

// paletteView is the left panel: a search field and the items, grouped.
type paletteView struct {
	e      *Editor
	search *widget.Entry
	list   *fyne.Container
	box    fyne.CanvasObject
	tiles  []*paletteTile
}

func newPaletteView(e *Editor) *paletteView {
	p := &paletteView{e: e, search: widget.NewEntry(), list: container.NewVBox()}
	p.search.SetPlaceHolder("Search states, actions, patterns")
	p.search.OnChanged = func(string) { p.filter() }
	for i := range paletteItems {
		p.tiles = append(p.tiles, newPaletteTile(e, &paletteItems[i]))
	}
	p.filter()
	p.box = container.NewBorder(p.search, nil, nil, nil, container.NewVScroll(p.list))
	return p
}

// filter shows the items matching every word of the search.
func (p *paletteView) filter() {
	words := strings.Fields(strings.ToLower(p.search.Text))
	var objs []fyne.CanvasObject
	group := ""
	for _, t := range p.tiles {
		if !matches(t.item, words) {
			continue
		}
		if t.item.Group != group {
			group = t.item.Group
			h := widget.NewLabelWithStyle(group, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			objs = append(objs, h)
		}
		objs = append(objs, t)
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel("Nothing matches"))
	}
	p.list.Objects = objs
	p.list.Refresh()
}

func matches(it *paletteItem, words []string) bool {
	hay := strings.ToLower(it.Title + " " + it.Group + " " + it.Keywords)
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// visible returns the IDs of the items shown.
func (p *paletteView) visible() []string {
	var ids []string
	for _, o := range p.list.Objects {
		if t, ok := o.(*paletteTile); ok {
			ids = append(ids, t.item.ID)
		}
	}
	return ids
}

// paletteTile is one palette item: tap it to add it after the selected
// state, or drag it onto the canvas (or onto an arrow to insert it there).
type paletteTile struct {
	widget.Button
	e    *Editor
	item *paletteItem
}

var (
	_ fyne.Draggable = (*paletteTile)(nil)
	_ fyne.Tappable  = (*paletteTile)(nil)
)

func newPaletteTile(e *Editor, it *paletteItem) *paletteTile {
	t := &paletteTile{e: e, item: it}
	t.Text = it.Title
	t.Alignment = widget.ButtonAlignLeading
	t.Importance = widget.LowImportance
	t.Icon = paletteIcon(it)
	t.OnTapped = func() { e.addItem(it.ID) }
	t.ExtendBaseWidget(t)
	return t
}

// Dragged is part of fyne.Draggable.
func (t *paletteTile) Dragged(ev *fyne.DragEvent) {
	t.e.paletteDragged(t.item, ev.AbsolutePosition)
}

// DragEnd is part of fyne.Draggable.
func (t *paletteTile) DragEnd() {
	t.e.paletteDropped(t.item)
}

// paletteIcon is the type icon of the item's first state.
func paletteIcon(it *paletteItem) fyne.Resource {
	typ := ""
	if len(it.States) > 0 {
		if n, err := model.ParseJSON("", []byte(fillNames(it.States[0].JSON, nil))); err == nil {
			typ = n.Get("Type").Text()
		}
	}
	return canvas.TypeIcon(typ)
}
