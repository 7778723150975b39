package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// dataSection is one tab of a data panel: a name ("Input", "Output",
// "afterParameters", …) and the JSON text it shows.
type dataSection struct {
	name, json string
}

// dataPanel is an inspector of data: a title, a line under it, and a tab
// of JSON tree per section. The replay view shows an event's input,
// output, error and details in it; the debugger shows a state's phases.
type dataPanel struct {
	title *widget.Label
	sub   *widget.Label
	tabs  *container.AppTabs
	views map[string]*jsonView
	names []string
	box   fyne.CanvasObject
}

func newDataPanel() *dataPanel {
	p := &dataPanel{
		title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		sub:   widget.NewLabel(""),
		tabs:  container.NewAppTabs(),
		views: map[string]*jsonView{},
	}
	p.sub.Wrapping = fyne.TextWrapWord
	p.box = container.NewBorder(container.NewVBox(p.title, p.sub), nil, nil, nil, p.tabs)
	return p
}

// show sets the title, the line under it and the sections, and brings
// the section named focus to the front (the first one if there is none
// such). Tabs are rebuilt only when the section names change.
func (p *dataPanel) show(title, sub string, sections []dataSection, focus string) {
	p.title.SetText(title)
	p.sub.SetText(sub)
	names := make([]string, len(sections))
	for i, s := range sections {
		names[i] = s.name
	}
	if !slices.Equal(names, p.names) {
		p.names = names
		items := make([]*container.TabItem, len(sections))
		for i, s := range sections {
			v := p.views[s.name]
			if v == nil {
				v = newJSONView()
				p.views[s.name] = v
			}
			items[i] = container.NewTabItem(s.name, v.box)
		}
		p.tabs.SetItems(items)
	}
	for _, s := range sections {
		p.views[s.name].SetText(s.json)
	}
	at := max(slices.Index(names, focus), 0)
	if len(names) > 0 && p.tabs.SelectedIndex() != at {
		p.tabs.SelectIndex(at)
	}
}

// section returns the text shown in the named section, "" if there is
// no such section.
func (p *dataPanel) section(name string) string {
	if !slices.Contains(p.names, name) {
		return ""
	}
	return p.views[name].Text()
}

// focused returns the name of the section in front.
func (p *dataPanel) focused() string {
	if i := p.tabs.SelectedIndex(); i >= 0 && i < len(p.names) {
		return p.names[i]
	}
	return ""
}
