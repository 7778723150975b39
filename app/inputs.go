package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"baton/runner"
)

// runConfig is what the runs of one definition start from: its saved
// inputs (one of them chosen) and the mocks chosen. It lives beside the
// definition in DEF.inputs.json (order.asl.json → order.asl.json.inputs.json,
// like the layout sidecar), two-space indented JSON:
//
//	{
//	  "selected": "default",
//	  "inputs": [
//	    {"name": "default", "input": {"orderId": "1"}}
//	  ],
//	  "mocks": "order.mocks.json",
//	  "testCase": "OrderSaga/HappyPath"
//	}
//
// "mocks" is a Step Functions Local mock file, relative to the
// definition's folder (or absolute), and "testCase" one of its test cases
// as MACHINE/CASE; both are left out for runs without mocks. An untitled
// definition keeps its configuration in memory until it is saved.
//
// Without a sidecar, a definition starts with one input, "default": the
// contents of NAME.input.json beside it if there is such a file (the
// convention of `baton run --input @NAME.input.json`), else {}; and with
// NAME.mocks.json beside it, if there is one, and its first test case.
type runConfig struct {
	Selected string       `json:"selected"`
	Inputs   []savedInput `json:"inputs"`
	Mocks    string       `json:"mocks,omitempty"`
	TestCase string       `json:"testCase,omitempty"`
}

// savedInput is one named execution input.
type savedInput struct {
	Name  string          `json:"name"`
	Input json.RawMessage `json:"input"`
}

// defaultInputName names the input a definition starts with.
const defaultInputName = "default"

// inputsPath is where a definition's run configuration is saved.
func inputsPath(definition string) string { return definition + ".inputs.json" }

// loadRunConfig reads the run configuration of the definition at path
// ("" for an untitled one), or makes the default one.
func loadRunConfig(path string) (*runConfig, error) {
	if path != "" {
		src, err := os.ReadFile(inputsPath(path))
		switch {
		case err == nil:
			var c runConfig
			if err := json.Unmarshal(src, &c); err != nil {
				return nil, fmt.Errorf("%s: %w", inputsPath(path), err)
			}
			if len(c.Inputs) == 0 {
				c.Inputs = []savedInput{{Name: defaultInputName, Input: json.RawMessage("{}")}}
			}
			if c.input() == nil {
				c.Selected = c.Inputs[0].Name
			}
			return &c, nil
		case !errors.Is(err, os.ErrNotExist):
			return nil, err
		}
	}
	return defaultRunConfig(path), nil
}

// defaultRunConfig is the configuration of a definition without a
// sidecar.
func defaultRunConfig(path string) *runConfig {
	c := &runConfig{Selected: defaultInputName, Inputs: []savedInput{{Name: defaultInputName, Input: json.RawMessage("{}")}}}
	if path == "" {
		return c
	}
	dir, base := filepath.Dir(path), machineName(path)
	if src, err := os.ReadFile(filepath.Join(dir, base+".input.json")); err == nil && json.Valid(src) {
		c.Inputs[0].Input = json.RawMessage(bytes.TrimSpace(src))
	}
	mocks := base + ".mocks.json"
	if ms, err := loadMockFile(filepath.Join(dir, mocks)); err == nil {
		if names := ms.cfg.TestCaseNames(); len(names) > 0 {
			c.Mocks, c.TestCase = mocks, names[0]
		}
	}
	return c
}

// save writes the configuration beside the definition at path; an
// untitled definition's stays in memory.
func (c *runConfig) save(path string) error {
	if path == "" {
		return nil
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(inputsPath(path), append(b, '\n'), 0o644)
}

// input is the chosen input, nil if there is none of that name.
func (c *runConfig) input() *savedInput {
	for i := range c.Inputs {
		if c.Inputs[i].Name == c.Selected {
			return &c.Inputs[i]
		}
	}
	return nil
}

// names lists the saved inputs' names.
func (c *runConfig) names() []string {
	out := make([]string, len(c.Inputs))
	for i, in := range c.Inputs {
		out[i] = in.Name
	}
	return out
}

// inputValue is the chosen input as a runner value.
func (c *runConfig) inputValue() (any, error) {
	in := c.input()
	if in == nil {
		return nil, fmt.Errorf("no input named %q", c.Selected)
	}
	v, err := runner.ParseJSON(in.Input)
	if err != nil {
		return nil, fmt.Errorf("input %q: %w", in.Name, err)
	}
	return v, nil
}

// setInput saves text (JSON) as the input called name, adding it if it
// is new, and chooses it.
func (c *runConfig) setInput(name, text string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("an input needs a name")
	}
	if _, err := runner.ParseJSON([]byte(text)); err != nil {
		return fmt.Errorf("input %q is not JSON: %w", name, err)
	}
	raw := json.RawMessage(strings.TrimSpace(text))
	c.Selected = name
	if in := c.input(); in != nil {
		in.Input = raw
		return nil
	}
	c.Inputs = append(c.Inputs, savedInput{Name: name, Input: raw})
	return nil
}

// removeInput forgets the input called name; the last one cannot go.
func (c *runConfig) removeInput(name string) error {
	if len(c.Inputs) == 1 {
		return errors.New("a definition keeps at least one input")
	}
	i := slices.IndexFunc(c.Inputs, func(in savedInput) bool { return in.Name == name })
	if i < 0 {
		return fmt.Errorf("no input named %q", name)
	}
	c.Inputs = slices.Delete(c.Inputs, i, i+1)
	if c.Selected == name {
		c.Selected = c.Inputs[0].Name
	}
	return nil
}

// mocksPath is the chosen mock file's path, "" for none.
func (c *runConfig) mocksPath(definition string) string {
	if c.Mocks == "" || filepath.IsAbs(c.Mocks) {
		return c.Mocks
	}
	return filepath.Join(filepath.Dir(definition), c.Mocks)
}

// setMocks chooses a mock file (path "" for none) and a test case; the
// file is kept relative to the definition's folder when it is inside it.
func (c *runConfig) setMocks(definition, path, testCase string) {
	c.Mocks, c.TestCase = path, testCase
	if path == "" {
		c.TestCase = ""
		return
	}
	if definition != "" {
		if rel, err := filepath.Rel(filepath.Dir(definition), path); err == nil && !strings.HasPrefix(rel, "..") {
			c.Mocks = rel
		}
	}
}

// prettyJSON indents JSON text for an editor; text that is not JSON is
// returned as it is.
func prettyJSON(text []byte) string {
	var buf bytes.Buffer
	if err := json.Indent(&buf, text, "", "  "); err != nil {
		return string(text)
	}
	return buf.String()
}
