package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"baton/model"
)

// debugTestCase is the test case a state's mock goes to when no mock file
// is chosen yet.
const debugTestCase = "Debug"

// mockEditor is the part of the State tab that mocks the selected Task
// for runs: the response the chosen test case answers it with, as
// Step Functions Local writes it ({"0": {"Return": …}}), saved into the
// chosen mock file (a new NAME.mocks.json beside the definition, test
// case Debug, if none is chosen).
type mockEditor struct {
	d      *debugger
	state  string
	info   *widget.Label
	text   *widget.Entry
	save   *widget.Button
	remove *widget.Button
}

// mockSection is the State tab's mock editor of s, nothing for a state
// other than a Task.
func (d *debugger) mockSection(s *model.State) []fyne.CanvasObject {
	if s == nil || s.Type != model.TypeTask {
		d.mockView = nil
		return nil
	}
	v := &mockEditor{d: d, state: s.Name}
	v.info = widget.NewLabel("")
	v.info.Wrapping = fyne.TextWrapWord
	v.text = widget.NewMultiLineEntry()
	v.text.SetMinRowsVisible(5)
	v.save = widget.NewButton("Save Mock", func() { d.report(v.apply(v.text.Text)) })
	v.remove = widget.NewButton("Remove", func() { d.report(v.apply("")) })
	v.show()
	d.mockView = v
	return []fyne.CanvasObject{
		widget.NewSeparator(),
		boldLabel("Mock for runs"),
		v.info, v.text,
		container.NewHBox(v.save, v.remove),
	}
}

// show shows the state's mocked response in the chosen test case.
func (v *mockEditor) show() {
	mf, tc, err := v.d.mocks()
	switch {
	case err != nil:
		v.info.SetText(err.Error())
		return
	case mf == nil:
		v.info.SetText("No mocks are chosen: saving creates " + v.newFileName() + ", test case " + debugTestCase + ".")
		v.text.SetText(`{"0": {"Return": {}}}`)
		v.remove.Disable()
		return
	}
	sm := mf.stateMock(tc, v.state)
	file := "the recorded run's mocks"
	if mf.path != "" {
		file = filepath.Base(mf.path)
	}
	if sm.response == "" {
		v.info.SetText(fmt.Sprintf("Test case %s of %s does not mock %s.", tc, file, v.state))
		v.text.SetText(`{"0": {"Return": {}}}`)
		v.remove.Disable()
		return
	}
	info := fmt.Sprintf("Response %s of test case %s in %s.", sm.response, tc, file)
	if len(sm.sharedBy) > 0 {
		info += " Also used by " + strings.Join(sm.sharedBy, ", ") + "."
	}
	v.info.SetText(info)
	v.text.SetText(sm.json)
	v.remove.Enable()
}

// newFileName is the mock file a first mock creates.
func (v *mockEditor) newFileName() string {
	return machineName(v.d.e.path) + ".mocks.json"
}

// apply saves response (JSON; "" removes the state's mock) into the
// chosen test case, or into a new mock file beside the definition.
func (v *mockEditor) apply(response string) error {
	d := v.d
	mf, tc, err := d.mocks()
	if err != nil {
		return err
	}
	path := ""
	var src []byte
	switch {
	case mf != nil:
		path, src = mf.path, mf.src
	case d.e.path == "":
		return errors.New("save the definition first: its mocks are saved beside it")
	default:
		path = filepath.Join(filepath.Dir(d.e.path), v.newFileName())
		if b, err := os.ReadFile(path); err == nil {
			src = b
		}
		tc = machineName(d.e.path) + "/" + debugTestCase
	}
	out, err := setStateMock(src, tc, v.state, response)
	if err != nil {
		return err
	}
	nf, err := parseMockFile(path, out)
	if err != nil {
		return err
	}
	if path != "" {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			return err
		}
	}
	if d.memMocks != nil {
		d.memMocks = nf
	} else if c := d.config(); c.mocksPath(d.e.path) != path || c.TestCase != tc {
		c.setMocks(d.e.path, path, tc)
		d.saveConfig()
	}
	if response == "" {
		d.e.status.info("Removed the mock of " + v.state)
	} else {
		d.e.status.info("Saved the mock of " + v.state + " in test case " + tc)
	}
	d.mocksChanged()
	return nil
}

// mocksChanged shows a new mock choice in the State tab and the Debug
// tab.
func (d *debugger) mocksChanged() {
	if d.mockView != nil {
		d.mockView.show()
	}
	d.ui.update(false)
}
