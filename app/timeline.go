package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tone is how a timeline row is coloured.
type tone uint8

const (
	toneNormal tone = iota
	toneGood
	toneBad
)

// timelineRow is one event as the timeline shows it.
type timelineRow struct {
	ID      int64
	Elapsed time.Duration
	Type    string
	// State is the state the event belongs to, with its Map iteration.
	State string
	// Detail is a one-line summary: the error, or the start of the data.
	Detail string
	Tone   tone
}

// matches reports whether the row contains every word of filter (lower
// case), in any column.
func (r *timelineRow) matches(words []string) bool {
	for _, w := range words {
		if !strings.Contains(strings.ToLower(r.Type), w) && !strings.Contains(strings.ToLower(r.State), w) &&
			!strings.Contains(strings.ToLower(r.Detail), w) && strconv.FormatInt(r.ID, 10) != w {
			return false
		}
	}
	return true
}

// timelineSource is what a timeline lists: a replayed history, or the
// events of a local run as they come.
type timelineSource interface {
	Len() int
	Row(i int) timelineRow
}

// timeline is the event scrubber shared by the replay view and the
// debugger: buttons to step event by event, a slider, a text filter and
// the table of events. It selects positions of its source; the owner
// shows them through OnSelect.
type timeline struct {
	src timelineSource
	// include narrows the rows (a Map iteration, a Parallel branch); nil
	// includes every event.
	include func(i int) bool
	words   []string

	// rows are the source positions shown, in order; pos is the selected
	// one's index in rows (-1: none).
	rows []int
	pos  int
	// syncing is set while the timeline moves its own widgets, so their
	// callbacks do not echo.
	syncing bool

	filter *widget.Entry
	slider *widget.Slider
	// first, back, forward and last move to the first, previous, next
	// and last listed event.
	first, back, forward, last *widget.Button
	count                      *widget.Label
	list                       *widget.List
	box                        fyne.CanvasObject

	// OnSelect reports the source position the user moved to.
	OnSelect func(i int)
}

// Column widths of the timeline table.
var timelineColumns = []float32{44, 76, 176, 168}

func newTimeline(src timelineSource) *timeline {
	t := &timeline{src: src, pos: -1}
	t.filter = widget.NewEntry()
	t.filter.SetPlaceHolder("Filter events (type, state, data, id)")
	t.filter.OnChanged = t.SetFilter
	t.slider = widget.NewSlider(0, 1)
	t.slider.Step = 1
	t.slider.OnChanged = func(v float64) {
		if !t.syncing {
			t.moveTo(int(v))
		}
	}
	t.count = widget.NewLabel("")
	t.list = widget.NewList(func() int { return len(t.rows) }, t.newRow, t.updateRow)
	t.list.OnSelected = func(id widget.ListItemID) {
		if !t.syncing {
			t.moveTo(id)
		}
	}
	t.first = widget.NewButtonWithIcon("", theme.MediaSkipPreviousIcon(), func() { t.moveTo(0) })
	t.back = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { t.Step(-1) })
	t.forward = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { t.Step(1) })
	t.last = widget.NewButtonWithIcon("", theme.MediaSkipNextIcon(), func() { t.moveTo(len(t.rows) - 1) })
	nav := container.NewHBox(t.first, t.back, t.forward, t.last)
	header := container.New(&columnsLayout{timelineColumns},
		boldLabel("#"), boldLabel("Time"), boldLabel("Event"), boldLabel("State"), boldLabel("Data"))
	top := container.NewVBox(
		container.NewBorder(nil, nil, nav, t.count, t.slider),
		t.filter, header,
	)
	t.box = container.NewBorder(top, nil, nil, nil, t.list)
	t.Reload()
	return t
}

func boldLabel(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func (t *timeline) newRow() fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(timelineColumns)+1)
	for i := range cells {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		cells[i] = l
	}
	return container.New(&columnsLayout{timelineColumns}, cells...)
}

func (t *timeline) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(t.rows) {
		return
	}
	r := t.src.Row(t.rows[id])
	cells := o.(*fyne.Container).Objects
	imp := widget.MediumImportance
	switch r.Tone {
	case toneGood:
		imp = widget.SuccessImportance
	case toneBad:
		imp = widget.DangerImportance
	}
	for i, s := range []string{strconv.FormatInt(r.ID, 10), formatElapsed(r.Elapsed), r.Type, r.State, r.Detail} {
		l := cells[i].(*widget.Label)
		want := widget.MediumImportance
		if i == 2 {
			want = imp
		}
		if l.Text != s || l.Importance != want {
			l.Importance = want
			l.SetText(s)
		}
	}
}

// formatElapsed shows a time since the start: "+1.250s", "+2m03.5s".
func formatElapsed(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("+%.3fs", d.Seconds())
	}
	return fmt.Sprintf("+%dm%04.1fs", int(d.Minutes()), (d % time.Minute).Seconds())
}

// SetFilter shows only the events containing every word of s.
func (t *timeline) SetFilter(s string) {
	t.words = strings.Fields(strings.ToLower(s))
	if t.filter.Text != s {
		t.syncing = true
		t.filter.SetText(s)
		t.syncing = false
	}
	t.Reload()
}

// SetInclude narrows the rows to the positions include accepts (nil: all).
func (t *timeline) SetInclude(include func(i int) bool) {
	t.include = include
	t.Reload()
}

// Reload recomputes the rows after the source, the filter or the scope
// changed, keeping the selected event when it is still listed; else it
// selects the nearest listed event before it (or the first) and reports
// that.
func (t *timeline) Reload() {
	sel := t.Selected()
	t.rows = t.rows[:0]
	for i, n := 0, t.src.Len(); i < n; i++ {
		if t.include != nil && !t.include(i) {
			continue
		}
		if len(t.words) > 0 {
			if r := t.src.Row(i); !r.matches(t.words) {
				continue
			}
		}
		t.rows = append(t.rows, i)
	}
	t.pos = -1
	if sel >= 0 {
		t.pos = t.rowAtOrBefore(sel)
	}
	t.sync()
	t.list.Refresh()
	if now := t.Selected(); now != sel && now >= 0 && t.OnSelect != nil {
		t.OnSelect(now)
	}
}

// rowAtOrBefore is the index in rows of position i, or of the last listed
// position before it (0 when none is).
func (t *timeline) rowAtOrBefore(i int) int {
	lo, hi := 0, len(t.rows)
	for lo < hi {
		mid := (lo + hi) / 2
		if t.rows[mid] <= i {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if len(t.rows) == 0 {
		return -1
	}
	return max(lo-1, 0)
}

// Selected returns the selected source position, -1 if none.
func (t *timeline) Selected() int {
	if t.pos < 0 || t.pos >= len(t.rows) {
		return -1
	}
	return t.rows[t.pos]
}

// Rows returns the listed source positions.
func (t *timeline) Rows() []int { return t.rows }

// Select selects source position i (or the nearest listed one before it)
// without reporting it.
func (t *timeline) Select(i int) {
	t.pos = t.rowAtOrBefore(i)
	t.sync()
}

// Step moves the selection by delta listed events and reports it.
func (t *timeline) Step(delta int) {
	t.moveTo(t.pos + delta)
}

// moveTo selects the row at index r (clamped) and reports it.
func (t *timeline) moveTo(r int) {
	if len(t.rows) == 0 {
		return
	}
	r = min(max(r, 0), len(t.rows)-1)
	if r == t.pos {
		return
	}
	t.pos = r
	t.sync()
	if t.OnSelect != nil {
		t.OnSelect(t.rows[r])
	}
}

// sync shows the selection on the slider, the count and the table.
func (t *timeline) sync() {
	t.syncing = true
	defer func() { t.syncing = false }()
	t.slider.Max = float64(max(len(t.rows)-1, 1))
	if t.pos >= 0 {
		t.slider.SetValue(float64(t.pos))
		t.list.Select(t.pos)
		t.count.SetText(fmt.Sprintf("%d / %d", t.pos+1, len(t.rows)))
	} else {
		t.slider.SetValue(0)
		t.list.UnselectAll()
		t.count.SetText(fmt.Sprintf("– / %d", len(t.rows)))
	}
	if len(t.rows) < 2 {
		t.slider.Disable()
	} else {
		t.slider.Enable()
	}
}

// columnsLayout lays objects out in a row: the first ones at fixed
// widths, the last one taking the rest.
type columnsLayout struct{ widths []float32 }

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objs {
		w := size.Width - x
		if i < len(l.widths) {
			w = min(l.widths[i], w)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(max(w, 0), size.Height))
		x += w
	}
}

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	w := float32(80)
	for _, cw := range l.widths {
		w += cw
	}
	return fyne.NewSize(w, h)
}
