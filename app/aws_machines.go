package app

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baton/cloud"
)

// machinesDialog is AWS ▸ State Machines…: every state machine of the
// account (all pages), filtered by name as one types, to open in a new
// window or to pick for a diff, a push or the executions list.
type machinesDialog struct {
	e      *Editor
	all    []cloud.MachineSummary
	shown  []cloud.MachineSummary
	sel    int
	filter *widget.Entry
	list   *widget.List
	note   *widget.Label
	dlg    *dialog.CustomDialog
	// pick, when set, is what the dialog chooses a machine for.
	pick func(m cloud.MachineSummary)
}

// showMachinesDialog lists the account's state machines; with pick set,
// the chosen one is passed to it (label names the action), else it can be
// opened.
func (e *Editor) showMachinesDialog(label string, pick func(m cloud.MachineSummary)) *machinesDialog {
	d := &machinesDialog{e: e, sel: -1, pick: pick, note: widget.NewLabel("Loading…")}
	d.filter = widget.NewEntry()
	d.filter.SetPlaceHolder("Filter by name (Enter asks AWS again)")
	d.filter.OnChanged = func(string) { d.applyFilter() }
	d.filter.OnSubmitted = func(string) { d.reload() }
	d.list = widget.NewList(func() int { return len(d.shown) }, func() fyne.CanvasObject {
		return container.New(&columnsLayout{[]float32{280, 110}}, widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""))
	}, func(id widget.ListItemID, o fyne.CanvasObject) {
		m := d.shown[id]
		cells := o.(*fyne.Container).Objects
		cells[0].(*widget.Label).SetText(m.Name)
		cells[1].(*widget.Label).SetText(m.Type)
		cells[2].(*widget.Label).SetText(m.Created.Local().Format("2006-01-02 15:04"))
	})
	d.list.OnSelected = func(id widget.ListItemID) { d.sel = id }
	var buttons []fyne.CanvasObject
	if pick != nil {
		b := widget.NewButton(label, d.choose)
		b.Importance = widget.HighImportance
		buttons = append(buttons, b)
	} else {
		open := widget.NewButtonWithIcon("Open", theme.FolderOpenIcon(), d.openSelected)
		open.Importance = widget.HighImportance
		buttons = append(buttons, open,
			widget.NewButton("Diff with This Definition…", func() { d.with(func(arn string) { e.diffWith(arn) }) }),
			widget.NewButton("Executions…", func() { d.with(func(arn string) { e.showExecutions(arn) }) }))
	}
	buttons = append(buttons, widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), d.reload), widget.NewButton("Close", func() { d.dlg.Hide() }))
	body := container.NewBorder(container.NewVBox(widget.NewLabel("Account: "+sessionFor(e.app).describe()), d.filter), container.NewVBox(d.note, container.NewHBox(buttons...)), nil, nil, d.list)
	d.dlg = dialog.NewCustomWithoutButtons("State Machines", body, e.win)
	d.dlg.Resize(fyne.NewSize(720, 520))
	d.dlg.Show()
	d.reload()
	return d
}

// withMachine calls f with the ARN of the state machine this definition
// is linked to, or, when it is linked to none, of the one the user picks
// in the list (action names the button).
func (e *Editor) withMachine(action string, f func(arn string)) {
	if arn := sessionFor(e.app).linkOf(e); arn != "" {
		f(arn)
		return
	}
	e.showMachinesDialog(action, func(m cloud.MachineSummary) { f(m.Arn) })
}

// reload asks AWS for the list (every page) with the filter.
func (d *machinesDialog) reload() {
	d.note.SetText("Loading…")
	var got []cloud.MachineSummary
	filter := d.filter.Text
	sessionFor(d.e.app).run(context.Background(), func(ctx context.Context, a *cloud.Account) (err error) {
		got, err = a.ListStateMachines(ctx, filter)
		return err
	}, func(err error) {
		if err != nil {
			d.note.SetText("Cannot list state machines: " + awsError(err).Error())
			return
		}
		d.all = got
		d.applyFilter()
	})
}

// applyFilter shows the machines whose name contains the filter.
func (d *machinesDialog) applyFilter() {
	f := strings.ToLower(d.filter.Text)
	d.shown = d.shown[:0]
	for _, m := range d.all {
		if strings.Contains(strings.ToLower(m.Name), f) {
			d.shown = append(d.shown, m)
		}
	}
	d.sel = -1
	d.list.UnselectAll()
	d.list.Refresh()
	d.note.SetText(plural(len(d.shown), "state machine"))
}

// selected returns the selected machine, telling the user when there is none.
func (d *machinesDialog) selected() (cloud.MachineSummary, bool) {
	if d.sel < 0 || d.sel >= len(d.shown) {
		d.note.SetText("Select a state machine first")
		return cloud.MachineSummary{}, false
	}
	return d.shown[d.sel], true
}

func (d *machinesDialog) choose() {
	if m, ok := d.selected(); ok {
		d.dlg.Hide()
		d.pick(m)
	}
}

func (d *machinesDialog) with(f func(arn string)) {
	if m, ok := d.selected(); ok {
		d.dlg.Hide()
		f(m.Arn)
	}
}

// openSelected opens the selected machine's deployed definition in a new
// window.
func (d *machinesDialog) openSelected() {
	m, ok := d.selected()
	if !ok {
		return
	}
	d.note.SetText("Opening " + m.Name + "…")
	d.e.openDeployed(m.Arn, func(err error) {
		if err != nil {
			d.note.SetText(err.Error())
			return
		}
		d.dlg.Hide()
	})
}

// openDeployed opens a deployed definition in a new window, linked to its
// ARN so that diff and push default to it.
func (e *Editor) openDeployed(arn string, done func(error)) {
	var info *cloud.MachineInfo
	s := sessionFor(e.app)
	s.run(context.Background(), func(ctx context.Context, a *cloud.Account) (err error) {
		info, err = a.DescribeStateMachine(ctx, arn)
		return err
	}, func(err error) {
		if err != nil {
			done(awsError(err))
			return
		}
		doc, err := info.Document()
		if err != nil {
			done(err)
			return
		}
		ne := openEditorWindow(e.app, "", doc, []byte(info.Definition), e.schedule)
		s.link(ne, info.Arn)
		title := func() {
			if ne.path == "" {
				ne.win.SetTitle(ne.Title() + " — " + info.Name + " on AWS")
			}
		}
		ne.onChange = append(ne.onChange, title)
		title()
		ne.status.info("Opened " + info.Name + " (" + info.Type + ", revision " + info.RevisionID + ") from " + s.describe())
		done(nil)
	})
}

// plural is "1 thing" or "n things".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
