package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fcanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// barVisit is one visit of a state on a run's clock.
type barVisit struct {
	label      string // the state, with its Map iteration
	state      string
	start, end time.Duration
	// phase is how the visit ended (phaseRunning: it has not).
	phase runPhase
}

// timeBars shows a run's state visits on its clock: one row per visit,
// a bar from when the state was entered to when it was left, coloured by
// how it ended, and a filter that narrows the rows as the timeline's
// does. On the virtual clock tasks take no time, so the bars show where
// Waits and retry delays spend it.
type timeBars struct {
	visits []barVisit
	rows   []int
	words  []string
	total  time.Duration

	filter *widget.Entry
	list   *widget.List
	box    fyne.CanvasObject

	// OnSelect reports the state of a tapped row.
	OnSelect func(state string)
}

func newTimeBars() *timeBars {
	b := &timeBars{}
	b.filter = widget.NewEntry()
	b.filter.SetPlaceHolder("Filter visits (state, iteration, outcome)")
	b.filter.OnChanged = b.setFilter
	b.list = widget.NewList(func() int { return len(b.rows) }, b.newRow, b.updateRow)
	b.list.OnSelected = func(id widget.ListItemID) {
		if id < len(b.rows) && b.OnSelect != nil {
			b.OnSelect(b.visits[b.rows[id]].state)
		}
	}
	b.box = container.NewBorder(b.filter, nil, nil, nil, b.list)
	return b
}

// show lists the visits of m (nil: none).
func (b *timeBars) show(m *replayModel) {
	b.visits, b.total = barVisits(m)
	b.reload()
}

// barVisits are the state visits of m in order, and the run's length.
func barVisits(m *replayModel) ([]barVisit, time.Duration) {
	if m == nil || m.Len() == 0 {
		return nil, 0
	}
	var out []barVisit
	byEntered := map[int32]int{}
	for i := range m.r.Steps {
		s := &m.r.Steps[i]
		at := s.Event.Timestamp.Sub(m.start)
		if strings.HasSuffix(s.Event.Type, "StateEntered") {
			label := s.State
			if len(s.Scope) > 0 {
				label += "  [" + scopeLabel(s.Scope) + "]"
			}
			byEntered[int32(i)] = len(out)
			out = append(out, barVisit{label: label, state: s.State, start: at, end: at, phase: phaseRunning})
			continue
		}
		v, ok := byEntered[m.entered[i]]
		if !ok || m.entered[i] < 0 {
			continue
		}
		vis := &out[v]
		vis.end = at
		typ := s.Event.Type
		switch {
		case strings.HasSuffix(typ, "StateExited") && vis.phase == phaseFailing:
			vis.phase = phaseCaught
		case strings.HasSuffix(typ, "StateExited"):
			vis.phase = phaseSucceeded
		case retryStarts[typ] && vis.phase == phaseFailing:
			vis.phase = phaseRunning
		case stateFailure(typ):
			vis.phase = phaseFailing
		}
	}
	end := m.r.Steps[m.Len()-1].Event.Timestamp.Sub(m.start)
	for i := range out {
		if out[i].phase == phaseRunning {
			out[i].end = end
		}
	}
	return out, end
}

func (b *timeBars) setFilter(s string) {
	b.words = strings.Fields(strings.ToLower(s))
	b.reload()
}

// reload lists the visits the filter lets through.
func (b *timeBars) reload() {
	b.rows = b.rows[:0]
	for i, v := range b.visits {
		r := timelineRow{Type: "visit", State: v.label, Detail: runStatus{phase: v.phase}.String()}
		if len(b.words) == 0 || r.matches(b.words) {
			b.rows = append(b.rows, i)
		}
	}
	b.list.UnselectAll()
	b.list.Refresh()
}

// barRow lays a row out: the label, the track, the bar over the track
// from `from` to `to` (fractions of its width), the duration.
type barRow struct{ from, to float32 }

const (
	barLabelWidth = 220
	barTimeWidth  = 90
)

func (l *barRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	label, track, bar, dur := objs[0], objs[1], objs[2], objs[3]
	label.Move(fyne.NewPos(0, 0))
	label.Resize(fyne.NewSize(barLabelWidth, size.Height))
	w := max(size.Width-barLabelWidth-barTimeWidth, 10)
	h := size.Height * 0.5
	y := (size.Height - h) / 2
	track.Move(fyne.NewPos(barLabelWidth, y))
	track.Resize(fyne.NewSize(w, h))
	bar.Move(fyne.NewPos(barLabelWidth+w*l.from, y))
	bar.Resize(fyne.NewSize(max(w*(l.to-l.from), 3), h))
	dur.Move(fyne.NewPos(barLabelWidth+w, 0))
	dur.Resize(fyne.NewSize(barTimeWidth, size.Height))
}

func (l *barRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(barLabelWidth+barTimeWidth+40, objs[0].MinSize().Height)
}

func (b *timeBars) newRow() fyne.CanvasObject {
	label := widget.NewLabel("")
	label.Truncation = fyne.TextTruncateEllipsis
	track := fcanvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bar := fcanvas.NewRectangle(theme.Color(theme.ColorNameSuccess))
	bar.CornerRadius = 3
	dur := widget.NewLabel("")
	return container.New(&barRow{}, label, track, bar, dur)
}

// barColours are the bar colours of the ways a visit ends.
var barColours = map[runPhase]fyne.ThemeColorName{
	phaseRunning: theme.ColorNamePrimary, phaseFailing: theme.ColorNameError, phaseFailed: theme.ColorNameError,
	phaseSucceeded: theme.ColorNameSuccess, phaseCaught: theme.ColorNameWarning,
}

func (b *timeBars) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(b.rows) {
		return
	}
	v := b.visits[b.rows[id]]
	c := o.(*fyne.Container)
	l := c.Layout.(*barRow)
	l.from, l.to = 0, 1
	if b.total > 0 {
		l.from, l.to = float32(v.start)/float32(b.total), float32(v.end)/float32(b.total)
	}
	c.Objects[0].(*widget.Label).SetText(v.label)
	bar := c.Objects[2].(*fcanvas.Rectangle)
	bar.FillColor = theme.Color(barColours[v.phase])
	bar.Refresh()
	c.Objects[3].(*widget.Label).SetText((v.end - v.start).String())
	c.Refresh()
}
