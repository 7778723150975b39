package conformance

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"baton/runner"
)

// Case is one recorded execution.
type Case struct {
	ID  string
	Dir string
	// Definition is the state machine as the test sent it.
	Definition []byte
	Input      any
	Expected   Expected
	// History is the recorded event list; nil when the case has none.
	History []RecordedEvent
	// Mocks is the recorded task results; nil when no Task was invoked.
	Mocks *runner.MockConfig
	Meta  Meta
}

// Expected is expected.json.
type Expected struct {
	Status string
	Output any
	// Error and Cause are nil when AWS reported none.
	Error, Cause *string
}

// RecordedEvent is the part of a recorded history event that is compared.
type RecordedEvent struct {
	ID              int64  `json:"id"`
	PreviousEventID int64  `json:"previousEventId"`
	Type            string `json:"type"`
}

// Meta is the part of meta.json the comparison uses.
type Meta struct {
	StateMachineType string         `json:"state_machine_type"`
	ResultKind       string         `json:"result_kind"`
	Features         map[string]any `json:"features"`
	Redactions       []string       `json:"redactions"`
	Nondeterministic []string       `json:"nondeterministic"`
	Flags            []string       `json:"flags"`
}

// HasFlag reports whether meta.json lists flag.
func (m *Meta) HasFlag(flag string) bool {
	for _, f := range m.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// QueryLanguages lists the query languages the case uses.
func (m *Meta) QueryLanguages() []string { return stringList(m.Features["query_language"]) }

// JSONPathOnly reports whether the case uses JSONPath alone.
func (m *Meta) JSONPathOnly() bool {
	ql := m.QueryLanguages()
	return len(ql) == 1 && ql[0] == "JSONPath"
}

// FeatureNames lists the features the case exercises, for the per-feature
// table: state types, query languages, intrinsic functions and the
// Boolean features that are true.
func (m *Meta) FeatureNames() []string {
	var out []string
	for _, k := range []string{"state_types", "query_language", "intrinsic_functions"} {
		for _, v := range stringList(m.Features[k]) {
			out = append(out, v)
		}
	}
	for k, v := range m.Features {
		if b, ok := v.(bool); ok && b {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func stringList(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Load reads every case folder under the given directories (a directory
// that holds a definition.asl.json is a case itself), sorted by id.
func Load(dirs ...string) ([]*Case, error) {
	var cases []*Case
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, "definition.asl.json")); err == nil {
			c, err := LoadCase(dir)
			if err != nil {
				return nil, err
			}
			cases = append(cases, c)
			continue
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			sub := filepath.Join(dir, e.Name())
			if !e.IsDir() {
				continue
			}
			if _, err := os.Stat(filepath.Join(sub, "definition.asl.json")); err != nil {
				continue
			}
			c, err := LoadCase(sub)
			if err != nil {
				return nil, err
			}
			cases = append(cases, c)
		}
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].ID < cases[j].ID })
	return cases, nil
}

// LoadCase reads one case folder.
func LoadCase(dir string) (*Case, error) {
	c := &Case{ID: filepath.Base(dir), Dir: dir}
	var err error
	if c.Definition, err = os.ReadFile(filepath.Join(dir, "definition.asl.json")); err != nil {
		return nil, err
	}
	read := func(name string, required bool) ([]byte, error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil && (required || !os.IsNotExist(err)) {
			return nil, fmt.Errorf("case %s: %w", c.ID, err)
		}
		return b, nil
	}
	b, err := read("input.json", true)
	if err != nil {
		return nil, err
	}
	if c.Input, err = runner.ParseJSON(b); err != nil {
		return nil, fmt.Errorf("case %s: input.json: %w", c.ID, err)
	}
	if b, err = read("expected.json", true); err != nil {
		return nil, err
	}
	ev, err := runner.ParseJSON(b)
	if err != nil {
		return nil, fmt.Errorf("case %s: expected.json: %w", c.ID, err)
	}
	em, _ := ev.(map[string]any)
	c.Expected.Status, _ = em["status"].(string)
	c.Expected.Output = em["output"]
	if s, ok := em["error"].(string); ok {
		c.Expected.Error = &s
	}
	if s, ok := em["cause"].(string); ok {
		c.Expected.Cause = &s
	}
	if b, err = read("history.json", false); err != nil {
		return nil, err
	}
	if b != nil {
		var raw []struct {
			ID   json.RawMessage `json:"id"`
			Prev json.RawMessage `json:"previousEventId"`
			Type string          `json:"type"`
		}
		if err := json.Unmarshal(b, &raw); err != nil {
			return nil, fmt.Errorf("case %s: history.json: %w", c.ID, err)
		}
		c.History = make([]RecordedEvent, len(raw))
		for i, r := range raw {
			c.History[i] = RecordedEvent{ID: jsonInt(r.ID), PreviousEventID: jsonInt(r.Prev), Type: r.Type}
		}
	}
	if b, err = read("mocks.json", false); err != nil {
		return nil, err
	}
	if b != nil {
		if c.Mocks, err = runner.ParseMockConfig(b); err != nil {
			return nil, fmt.Errorf("case %s: %w", c.ID, err)
		}
	}
	if b, err = read("meta.json", false); err != nil {
		return nil, err
	}
	if b != nil {
		if err := json.Unmarshal(b, &c.Meta); err != nil {
			return nil, fmt.Errorf("case %s: meta.json: %w", c.ID, err)
		}
	}
	return c, nil
}

// jsonInt reads an event id, which normalised recordings may give as [0].
func jsonInt(raw json.RawMessage) int64 {
	var n int64
	if json.Unmarshal(raw, &n) == nil {
		return n
	}
	return -1
}
