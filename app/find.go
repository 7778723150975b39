package app

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"baton/model"
)

// newFindEntry is the toolbar's search field: Enter selects the next state
// whose name contains the text and centres it on the canvas.
func (e *Editor) newFindEntry() *widget.Entry {
	f := widget.NewEntry()
	f.SetPlaceHolder("Find state (Ctrl+F)")
	f.OnSubmitted = func(s string) { e.find(s) }
	f.OnChanged = func(s string) {
		if s != "" {
			e.findFrom(s, "")
		}
	}
	e.findEntry = f
	return f
}

// focusFind puts the cursor in the search field.
func (e *Editor) focusFind() {
	if e.findEntry != nil {
		e.win.Canvas().Focus(e.findEntry)
	}
}

// find selects the next match after the selected state (wrapping).
func (e *Editor) find(s string) bool {
	after := ""
	if sel := e.graph.Selected(); len(sel) == 1 {
		after = sel[0]
	}
	return e.findFrom(s, after)
}

// findFrom selects the first state after the one named after (any, when
// "") whose name contains s, ignoring case, in source order.
func (e *Editor) findFrom(s, after string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return false
	}
	var names []string
	e.Doc().Machine.Walk(func(st *model.State) bool {
		names = append(names, st.Name)
		return true
	})
	start := 0
	for i, n := range names {
		if n == after {
			start = i + 1
		}
	}
	for k := range names {
		n := names[(start+k)%len(names)]
		if strings.Contains(strings.ToLower(n), s) {
			e.selectState(n)
			e.status.info("Found " + n)
			return true
		}
	}
	e.status.info("No state matches “" + s + "”")
	return false
}
