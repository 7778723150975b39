package app

import (
	"fmt"
	"strconv"

	"baton/model"
)

// uniqueNames gives each state of a palette item a name not yet used in
// the definition: its base name, else the base name with a number.
func uniqueNames(m *model.StateMachine, it *paletteItem) map[string]string {
	names := map[string]string{}
	taken := func(n string) bool {
		if m.Find(n) != nil {
			return true
		}
		for _, v := range names {
			if v == n {
				return true
			}
		}
		return false
	}
	for _, st := range it.States {
		n := st.Name
		for i := 2; taken(n); i++ {
			n = st.Name + " " + strconv.Itoa(i)
		}
		names[st.Name] = n
	}
	return names
}

// insertItem adds a palette item's states, as one edit. On a route, the
// item goes into that transition: its source now goes to the item's first
// state, and the item's exit goes where the transition went. Otherwise the
// states are added unconnected, at (centred on) at when given, in the
// scope under at.
func (e *Editor) insertItem(id string, at *model.Point, route *model.Route) error {
	it := paletteItemByID(id)
	if it == nil {
		err := fmt.Errorf("there is no palette item %q", id)
		e.status.error(err)
		return err
	}
	doc := e.Doc()
	names := uniqueNames(doc.Machine, it)
	entry := names[it.States[0].Name]

	var scope []string
	switch {
	case route != nil && route.Edge.From != "":
		if s := doc.Machine.Find(route.Edge.From); s != nil {
			scope = model.ScopePath(s.Machine)
		}
	case route != nil:
		if s := doc.Machine.Find(route.Edge.To); s != nil {
			scope = model.ScopePath(s.Machine)
		}
	case at != nil:
		scope = e.diagram.ScopeAt(*at)
	}

	var edits []model.Edit
	for _, st := range it.States {
		if st.JSON == "" {
			continue // named inside another state's JSON
		}
		n, err := model.ParseJSON(it.Title, []byte(fillNames(st.JSON, names)))
		if err != nil {
			err = fmt.Errorf("palette item %s is broken: %w", it.ID, err)
			e.status.error(err)
			return err
		}
		edits = append(edits, model.AddState{Scope: scope, Name: names[st.Name], State: n})
	}
	if route != nil {
		edits = append(edits, intoRoute(route, entry, exitOf(it, names))...)
	}
	if err := e.Apply(batch{desc: "Add " + it.Title, edits: edits}); err != nil {
		return err
	}
	if at != nil && route == nil {
		if b := e.diagram.Box(entry); b != nil {
			e.positions[entry] = model.Point{X: at.X - b.Rect.W/2, Y: at.Y - b.Rect.H/2}
			e.layoutDirty = true
			e.relayout()
		}
	}
	e.graph.Select(entry)
	e.selectionChanged([]string{entry})
	return nil
}

// exitOf is the state of an inserted item whose Next continues the flow
// ("" when the item ends it: Succeed, Fail).
func exitOf(it *paletteItem, names map[string]string) string {
	switch it.Exit {
	case "-":
		return ""
	case "":
		return names[it.States[0].Name]
	}
	return names[it.Exit]
}

// intoRoute rewires the transition drawn by route to go through the
// states entry … exit.
func intoRoute(route *model.Route, entry, exit string) []model.Edit {
	edge := route.Edge
	var edits []model.Edit
	switch edge.Kind {
	case model.EdgeStart:
		edits = append(edits, model.Connect{Kind: model.EdgeStart, To: entry})
	case model.EdgeEnd:
		return append(edits, model.Connect{From: edge.From, Kind: model.EdgeNext, Index: -1, To: entry})
	default:
		edits = append(edits, model.Connect{From: edge.From, Kind: edge.Kind, Index: edge.Index, To: entry})
	}
	if exit != "" && edge.To != "" {
		edits = append(edits, model.Connect{From: exit, Kind: model.EdgeNext, Index: -1, To: edge.To})
	}
	return edits
}
