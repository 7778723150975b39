package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baton/cloud"
	"baton/model"
)

// allStatuses is the status filter choice that keeps every execution.
const allStatuses = "All statuses"

// executionStatuses are the choices of the status filter.
var executionStatuses = []string{allStatuses, "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"}

// executionsDialog is AWS ▸ Executions…: the executions of a state
// machine (all pages, filtered by status), the selected one described,
// and Import History, which brings its whole history back to replay.
type executionsDialog struct {
	e      *Editor
	arn    string
	execs  []cloud.ExecutionSummary
	sel    int
	status *widget.Select
	list   *widget.List
	panel  *dataPanel
	note   *widget.Label
	dlg    *dialog.CustomDialog
	// importing is the import under way or last done.
	importing *historyImport
}

// executionsOfLinked lists the executions of the linked state machine,
// or of one the user picks.
func (e *Editor) executionsOfLinked() {
	e.withMachine("Executions", func(arn string) { e.showExecutions(arn) })
}

// showExecutions lists the executions of the state machine arn.
func (e *Editor) showExecutions(arn string) *executionsDialog {
	d := &executionsDialog{e: e, arn: arn, sel: -1, panel: newDataPanel(), note: widget.NewLabel("")}
	d.status = widget.NewSelect(executionStatuses, func(string) { d.reload() })
	d.list = widget.NewList(func() int { return len(d.execs) }, func() fyne.CanvasObject {
		return container.New(&columnsLayout{[]float32{110, 150}}, widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""))
	}, func(id widget.ListItemID, o fyne.CanvasObject) {
		x := d.execs[id]
		cells := o.(*fyne.Container).Objects
		cells[0].(*widget.Label).SetText(x.Status)
		cells[1].(*widget.Label).SetText(x.Start.Local().Format("2006-01-02 15:04:05"))
		cells[2].(*widget.Label).SetText(x.Name)
	})
	d.list.OnSelected = d.describe
	d.panel.show("Select an execution", "to see its input, output and error, and to import its history", nil, "")
	importBtn := widget.NewButtonWithIcon("Import History", theme.DownloadIcon(), d.importSelected)
	importBtn.Importance = widget.HighImportance
	top := container.NewVBox(widget.NewLabel(arn), container.NewBorder(nil, nil, widget.NewLabel("Status"), widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), d.reload), d.status))
	split := container.NewHSplit(d.list, d.panel.box)
	split.Offset = 0.5
	body := container.NewBorder(top, container.NewVBox(d.note, container.NewHBox(importBtn, widget.NewButton("Close", func() { d.dlg.Hide() }))), nil, nil, split)
	d.dlg = dialog.NewCustomWithoutButtons("Executions", body, e.win)
	d.dlg.Resize(fyne.NewSize(1000, 620))
	d.dlg.Show()
	d.status.SetSelectedIndex(0) // loads the list
	return d
}

// reload lists the executions with the status filter.
func (d *executionsDialog) reload() {
	status := d.status.Selected
	if status == allStatuses {
		status = ""
	}
	d.note.SetText("Loading…")
	var got []cloud.ExecutionSummary
	sessionFor(d.e.app).run(context.Background(), func(ctx context.Context, a *cloud.Account) (err error) {
		got, err = a.ListExecutions(ctx, d.arn, status)
		return err
	}, func(err error) {
		if err != nil {
			d.note.SetText("Cannot list executions: " + awsError(err).Error())
			return
		}
		d.execs, d.sel = got, -1
		d.list.UnselectAll()
		d.list.Refresh()
		d.note.SetText(plural(len(got), "execution"))
	})
}

// describe shows the selected execution: status, times, input, output,
// error.
func (d *executionsDialog) describe(id widget.ListItemID) {
	d.sel = id
	arn := d.execs[id].Arn
	var info *cloud.ExecutionInfo
	sessionFor(d.e.app).run(context.Background(), func(ctx context.Context, a *cloud.Account) (err error) {
		info, err = a.DescribeExecution(ctx, arn)
		return err
	}, func(err error) {
		if err != nil {
			d.note.SetText("Cannot describe the execution: " + awsError(err).Error())
			return
		}
		sub := "started " + info.Start.Local().Format("2006-01-02 15:04:05")
		if !info.Stop.IsZero() {
			sub += ", stopped " + info.Stop.Local().Format("15:04:05") + fmt.Sprintf(" (%s)", info.Stop.Sub(info.Start).Round(1e6))
		}
		errText := errorJSON(info.Error, info.Cause)
		focus := "Output"
		if errText != "" {
			focus = "Error"
		}
		d.panel.show(info.Name+" · "+info.Status, sub, []dataSection{{"Input", info.Input}, {"Output", info.Output}, {"Error", errText}}, focus)
	})
}

// importSelected imports the selected execution's history.
func (d *executionsDialog) importSelected() {
	if d.sel < 0 || d.sel >= len(d.execs) {
		d.note.SetText("Select an execution first")
		return
	}
	d.importing = d.e.importHistory(d.execs[d.sel])
}

// historyImport is an import under way: a progress bar with the number
// of events so far, and Cancel.
type historyImport struct {
	cancel context.CancelFunc
	count  *widget.Label
	button *widget.Button
	dlg    *dialog.CustomDialog
	// events is how many events have arrived; done is set at the end,
	// err to why it failed or stopped.
	events int
	done   bool
	err    error
	replay *replayView
}

// importHistory fetches an execution's history, every page with its
// data, and opens the replay on the definition that ran.
func (e *Editor) importHistory(x cloud.ExecutionSummary) *historyImport {
	ctx, cancel := context.WithCancel(context.Background())
	im := &historyImport{cancel: cancel, count: widget.NewLabel("Fetching " + x.Name + "…")}
	im.button = widget.NewButton("Cancel", func() {
		cancel()
		im.count.SetText("Cancelling…")
	})
	im.dlg = dialog.NewCustomWithoutButtons("Importing History", container.NewVBox(im.count, widget.NewProgressBarInfinite(), im.button), e.win)
	im.dlg.Resize(fyne.NewSize(420, 160))
	im.dlg.Show()
	var h *cloud.ImportedHistory
	sessionFor(e.app).run(ctx, func(ctx context.Context, a *cloud.Account) (err error) {
		h, err = a.ImportHistory(ctx, x.Arn, func(n int) {
			fyne.Do(func() {
				im.events = n
				im.count.SetText(fmt.Sprintf("%s: %d events", x.Name, n))
			})
		})
		return err
	}, func(err error) {
		cancelled := ctx.Err() != nil
		cancel()
		im.done, im.err = true, err
		im.dlg.Hide()
		switch {
		case cancelled:
			e.status.info("Import of " + x.Name + " cancelled")
			return
		case err != nil:
			e.status.error(fmt.Errorf("importing %s: %w", x.Name, awsError(err)))
			return
		}
		doc, perr := model.Parse(h.MachineName+".asl.json", []byte(h.Definition))
		if perr != nil {
			e.status.error(fmt.Errorf("the definition %s ran: %w", x.Name, perr))
			return
		}
		im.replay = openReplayWindow(e.app, h.Execution.Name, doc, nil, h.Events, h.MachineName)
		e.status.info(fmt.Sprintf("Imported %d events of %s", len(h.Events), x.Name))
	})
	return im
}
