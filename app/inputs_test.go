package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baton/runner"
)

// project writes files into a temporary folder and returns the path of
// the definition def in it.
func project(t *testing.T, def string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, def)
}

func TestLoadRunConfig_defaults(t *testing.T) {
	mocks := readFile(t, "../testdata/examples/order-saga.mocks.json")
	tests := []struct {
		name  string
		files map[string]string
		want  string // selected=input mocks testCase
	}{
		{"nothing beside it", nil, `default={} "" ""`},
		{"an input file", map[string]string{"order-saga.input.json": "\n{\"a\": 1}\n"}, `default={"a": 1} "" ""`},
		{"an input that is not JSON", map[string]string{"order-saga.input.json": "{"}, `default={} "" ""`},
		{"mocks", map[string]string{"order-saga.mocks.json": mocks}, `default={} "order-saga.mocks.json" "OrderSaga/HappyPath"`},
		{"a sidecar", map[string]string{"order-saga.asl.json.inputs.json": `{"selected": "b", "inputs": [{"name": "a", "input": 1}, {"name": "b", "input": [2]}], "mocks": "m.json", "testCase": "M/C"}`},
			`b=[2] "m.json" "M/C"`},
		{"a sidecar choosing a missing input", map[string]string{"order-saga.asl.json.inputs.json": `{"selected": "x", "inputs": [{"name": "a", "input": 1}]}`},
			`a=1 "" ""`},
		{"an empty sidecar", map[string]string{"order-saga.asl.json.inputs.json": `{}`}, `default={} "" ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := loadRunConfig(project(t, "order-saga.asl.json", tt.files))
			if err != nil {
				t.Fatal(err)
			}
			got := c.Selected + "=" + string(c.input().Input) + ` "` + c.Mocks + `" "` + c.TestCase + `"`
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
	if _, err := loadRunConfig(project(t, "d.asl.json", map[string]string{"d.asl.json.inputs.json": "{"})); err == nil || !strings.Contains(err.Error(), "d.asl.json.inputs.json") {
		t.Errorf("a broken sidecar: %v", err)
	}
}

func TestRunConfig_saveEditRemove(t *testing.T) {
	def := project(t, "flow.asl.json", nil)
	c, err := loadRunConfig(def)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.setInput("big", "  {\"n\": 1}\n"); err != nil {
		t.Fatal(err)
	}
	c.setMocks(def, filepath.Join(filepath.Dir(def), "flow.mocks.json"), "Flow/Debug")
	if err := c.save(def); err != nil {
		t.Fatal(err)
	}
	want := `{
  "selected": "big",
  "inputs": [
    {
      "name": "default",
      "input": {}
    },
    {
      "name": "big",
      "input": {
        "n": 1
      }
    }
  ],
  "mocks": "flow.mocks.json",
  "testCase": "Flow/Debug"
}
`
	if got := readFile(t, inputsPath(def)); got != want {
		t.Errorf("sidecar:\n%s\nwant\n%s", got, want)
	}
	again, err := loadRunConfig(def)
	if err != nil || again.mocksPath(def) != filepath.Join(filepath.Dir(def), "flow.mocks.json") {
		t.Errorf("reloaded: %+v, %v", again, err)
	}
	errs := []struct {
		err  error
		want string
	}{
		{c.setInput("bad", "{"), `input "bad" is not JSON`},
		{c.setInput(" ", "{}"), "an input needs a name"},
		{c.removeInput("nope"), `no input named "nope"`},
		{c.removeInput("big"), ""},
		{c.removeInput("default"), "a definition keeps at least one input"},
	}
	for _, e := range errs {
		got := ""
		if e.err != nil {
			got = e.err.Error()
		}
		if !strings.HasPrefix(got, e.want) || (e.want == "") != (got == "") {
			t.Errorf("error %q, want %q", got, e.want)
		}
	}
	if c.Selected != "default" {
		t.Errorf("after removing the chosen input, %q is chosen", c.Selected)
	}
	c.setMocks(def, "/elsewhere/m.json", "M/C")
	if c.Mocks != "/elsewhere/m.json" {
		t.Errorf("a mock file outside the folder is kept as %q", c.Mocks)
	}
	c.setMocks(def, "", "M/C")
	if c.Mocks != "" || c.TestCase != "" {
		t.Errorf("no mocks: %q %q", c.Mocks, c.TestCase)
	}
}

// TestRunConfigDialog_chooseAndSave edits the input and drops the mocks
// in Run ▸ Inputs and Mocks…, and saves them beside the definition.
func TestRunConfigDialog_chooseAndSave(t *testing.T) {
	e, _ := newSagaDebugger(t)
	v := e.dbg.showRunConfig()
	if got, want := strings.Join(v.mocksSel.Options, ","), noMocks+",OrderSaga/HappyPath,OrderSaga/PaymentFails"; got != want {
		t.Errorf("mock choices %s, want %s", got, want)
	}
	if v.mocksSel.Selected != "OrderSaga/HappyPath" || !strings.Contains(v.text.Text, `"orderId": "ORD-2024-1001"`) {
		t.Errorf("chosen %q, input %s", v.mocksSel.Selected, v.text.Text)
	}
	v.mocksSel.SetSelected("OrderSaga/PaymentFails")
	v.text.SetText(`{"orderId": `)
	if v.save() || v.problem.Text == "" {
		t.Error("an input that is not JSON was saved")
	}
	v.text.SetText(`{"orderId": "X"}`)
	if !v.save() {
		t.Fatal(v.problem.Text)
	}
	c, err := loadRunConfig(e.path)
	if err != nil {
		t.Fatal(err)
	}
	in, _ := c.inputValue()
	if got := string(runner.MarshalJSON(in)) + " " + c.TestCase; got != `{"orderId":"X"} OrderSaga/PaymentFails` {
		t.Errorf("saved %s", got)
	}
	v.mocksSel.SetSelected(noMocks)
	if c, _ := loadRunConfig(e.path); c.Mocks != "" {
		t.Errorf("mocks still chosen: %q", c.Mocks)
	}
	if got := e.dbg.ui.phases.sub.Text; got != "F5 debugs, Ctrl+F5 runs · input: default · no mocks" {
		t.Errorf("Debug tab: %q", got)
	}
	v.dlg.Hide()
}
