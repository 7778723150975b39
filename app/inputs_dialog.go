package app

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"baton/runner"
)

// noMocks is the mock choice of runs without mocks.
const noMocks = "No mocks"

// runConfigDialog is Run ▸ Inputs and Mocks…: the definition's saved
// inputs (choose, edit, add, delete) and the mock file and test case runs
// use. Its choices are saved beside the definition (see runConfig).
type runConfigDialog struct {
	d        *debugger
	inputSel *widget.Select
	text     *widget.Entry
	problem  *widget.Label
	mocksSel *widget.Select
	file     *widget.Label
	dlg      *dialog.CustomDialog
}

// showRunConfig opens the dialog.
func (d *debugger) showRunConfig() *runConfigDialog {
	c := d.config()
	v := &runConfigDialog{d: d}
	v.text = widget.NewMultiLineEntry()
	v.text.SetMinRowsVisible(12)
	v.text.OnChanged = func(s string) { v.check() }
	v.problem = widget.NewLabel("")
	v.problem.Importance = widget.DangerImportance
	v.problem.Wrapping = fyne.TextWrapWord
	v.inputSel = widget.NewSelect(c.names(), func(name string) {
		c.Selected = name
		if in := c.input(); in != nil {
			v.text.SetText(prettyJSON(in.Input))
		}
	})
	newInput := widget.NewButton("New…", v.askNew)
	del := widget.NewButton("Delete", func() {
		if err := c.removeInput(c.Selected); err != nil {
			v.problem.SetText(err.Error())
			return
		}
		v.inputSel.SetOptions(c.names())
		v.inputSel.SetSelected(c.Selected)
	})
	v.file = widget.NewLabel("")
	v.file.Truncation = fyne.TextTruncateEllipsis
	v.mocksSel = widget.NewSelect(nil, v.mocksChosen)
	chooseFile := widget.NewButton("Choose File…", v.chooseFile)
	v.showMocks()
	v.inputSel.SetSelected(c.Selected)

	save := widget.NewButton("Save", func() { v.save() })
	debug := widget.NewButton("Debug", func() {
		if v.save() {
			v.dlg.Hide()
			d.Continue()
		}
	})
	debug.Importance = widget.HighImportance
	run := widget.NewButton("Run", func() {
		if v.save() {
			v.dlg.Hide()
			d.Run()
		}
	})
	closeBtn := widget.NewButton("Close", func() { v.dlg.Hide() })
	where := "Saved beside the definition in " + filepath.Base(inputsPath(d.e.path))
	if d.e.path == "" {
		where = "Kept with the window until the definition is saved"
	}
	body := container.NewBorder(
		container.NewVBox(
			container.NewBorder(nil, nil, widget.NewLabel("Input"), container.NewHBox(newInput, del), v.inputSel),
		),
		container.NewVBox(
			v.problem,
			widget.NewSeparator(),
			container.NewBorder(nil, nil, widget.NewLabel("Mocks"), chooseFile, v.mocksSel),
			v.file,
			widget.NewLabel(where),
			container.NewHBox(layout.NewSpacer(), closeBtn, save, run, debug),
		),
		nil, nil, v.text)
	v.dlg = dialog.NewCustomWithoutButtons("Inputs and Mocks", body, d.e.win)
	v.dlg.Resize(fyne.NewSize(620, 560))
	v.dlg.Show()
	return v
}

// check shows whether the input text is JSON.
func (v *runConfigDialog) check() bool {
	if _, err := runner.ParseJSON([]byte(v.text.Text)); err != nil {
		v.problem.SetText("The input is not JSON: " + err.Error())
		return false
	}
	v.problem.SetText("")
	return true
}

// save keeps the edited input and the mock choice, and reports whether
// the input is JSON.
func (v *runConfigDialog) save() bool {
	if !v.check() {
		return false
	}
	c := v.d.config()
	if err := c.setInput(c.Selected, v.text.Text); err != nil {
		v.problem.SetText(err.Error())
		return false
	}
	v.d.saveConfig()
	v.d.ui.update(false)
	v.d.e.status.info("Saved input " + c.Selected)
	return true
}

// askNew adds an input, starting from the one shown.
func (v *runConfigDialog) askNew() {
	name := widget.NewEntry()
	name.SetPlaceHolder("Name")
	dialog.ShowForm("New Input", "Add", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", name)}, func(ok bool) {
		if !ok {
			return
		}
		c := v.d.config()
		text := v.text.Text
		if _, err := runner.ParseJSON([]byte(text)); err != nil {
			text = "{}"
		}
		if err := c.setInput(name.Text, text); err != nil {
			v.problem.SetText(err.Error())
			return
		}
		v.inputSel.SetOptions(c.names())
		v.inputSel.SetSelected(c.Selected)
		v.d.saveConfig()
	}, v.d.e.win)
}

// showMocks shows the chosen mock file and its test cases.
func (v *runConfigDialog) showMocks() {
	c := v.d.config()
	options := []string{noMocks}
	mf, _, err := v.d.mocks()
	switch {
	case err != nil:
		v.file.SetText(err.Error())
	case mf == nil:
		v.file.SetText("Tasks without a mock fail; a Task's mock can be set in the State tab.")
	case mf.path == "":
		v.file.SetText("The mocks of a recorded run (in memory)")
	default:
		v.file.SetText(mf.path)
	}
	if mf != nil {
		options = append(options, mf.cfg.TestCaseNames()...)
	}
	v.mocksSel.SetOptions(options)
	if c.TestCase == "" {
		v.mocksSel.SetSelected(noMocks)
	} else {
		v.mocksSel.SetSelected(c.TestCase)
	}
}

// mocksChosen applies the test case chosen.
func (v *runConfigDialog) mocksChosen(tc string) {
	d := v.d
	c := d.config()
	if tc == noMocks {
		if c.Mocks != "" || d.memMocks != nil {
			d.memMocks = nil
			c.setMocks(d.e.path, "", "")
			d.saveConfig()
			d.mocksChanged()
		}
		return
	}
	if tc != c.TestCase {
		c.TestCase = tc
		d.saveConfig()
		d.mocksChanged()
	}
}

// chooseFile asks for a mock file and chooses its first test case.
func (v *runConfigDialog) chooseFile() {
	d := v.d
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		path, ok := d.e.chosen(r, err)
		if !ok {
			return
		}
		mf, err := loadMockFile(path)
		if err != nil {
			v.file.SetText(err.Error())
			return
		}
		names := mf.cfg.TestCaseNames()
		if len(names) == 0 {
			v.file.SetText(fmt.Sprintf("%s has no test cases", filepath.Base(path)))
			return
		}
		d.memMocks = nil
		d.config().setMocks(d.e.path, path, names[0])
		d.saveConfig()
		d.mocksChanged()
		v.showMocks()
	}, d.e.win)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	open.Show()
}

// jsonDialog asks for a JSON value.
type jsonDialog struct {
	entry   *widget.Entry
	apply   *widget.Button
	problem *widget.Label
	dlg     *dialog.CustomDialog
}

// askJSON asks for a JSON value, starting from text, and hands it to
// apply; an error from apply keeps the dialog open with the error shown.
func askJSON(win fyne.Window, title, text string, apply func(string) error) *jsonDialog {
	entry := widget.NewMultiLineEntry()
	entry.SetText(prettyJSON([]byte(text)))
	entry.SetMinRowsVisible(14)
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	var dlg *dialog.CustomDialog
	ok := widget.NewButton("Apply", func() {
		if err := apply(entry.Text); err != nil {
			problem.SetText(err.Error())
			return
		}
		dlg.Hide()
	})
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { dlg.Hide() })
	body := container.NewBorder(nil, container.NewVBox(problem, container.NewHBox(layout.NewSpacer(), cancel, ok)), nil, nil, entry)
	dlg = dialog.NewCustomWithoutButtons(title, body, win)
	dlg.Resize(fyne.NewSize(560, 460))
	dlg.Show()
	return &jsonDialog{entry: entry, apply: ok, problem: problem, dlg: dlg}
}
