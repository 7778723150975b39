package runner_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/ohler55/ojg/oj"

	"baton/model"
	"baton/runner"
)

// TestEvalIntrinsic_corpus replays the recorded AWS executions that consist
// of one Pass state whose Parameters use intrinsic functions: it evaluates
// each ".$" field against input.json and compares with expected.json. AWS's
// redaction tokens (meta.json) are wildcards; the context object is made up,
// so values taken from it only have to match a token.
func TestEvalIntrinsic_corpus(t *testing.T) {
	dir := findCorpus(t)
	cases, err := filepath.Glob(filepath.Join(dir, "*", "definition.asl.json"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases under %s: %v", dir, err)
	}
	var run, passed int
	for _, def := range cases {
		caseDir := filepath.Dir(def)
		c, ok := loadPassCase(t, caseDir)
		if !ok {
			continue
		}
		run++
		got, err := c.evaluate()
		if msg := c.check(got, err); msg != "" {
			t.Errorf("%s: %s", filepath.Base(caseDir), msg)
			continue
		}
		passed++
	}
	t.Logf("corpus: %d of %d single-Pass intrinsic cases pass", passed, run)
	if run < 60 {
		t.Errorf("only %d single-Pass intrinsic cases found in %s", run, dir)
	}
}

type passCase struct {
	state      string
	parameters map[string]any
	input      any
	expected   map[string]any
	tokens     []string
}

// loadPassCase reads a case whose definition is exactly one Pass state with
// Parameters (and no other data-flow field) using at least one intrinsic.
func loadPassCase(t *testing.T, dir string) (*passCase, bool) {
	t.Helper()
	def, ok := readJSON(t, filepath.Join(dir, "definition.asl.json")).(map[string]any)
	if !ok {
		return nil, false
	}
	states, _ := def["States"].(map[string]any)
	if len(states) != 1 {
		return nil, false
	}
	c := &passCase{}
	for name, s := range states {
		st, _ := s.(map[string]any)
		c.state = name
		if st["Type"] != "Pass" || def["QueryLanguage"] == "JSONata" {
			return nil, false
		}
		for _, f := range []string{"InputPath", "OutputPath", "ResultPath", "Result", "Assign", "QueryLanguage"} {
			if _, has := st[f]; has {
				return nil, false
			}
		}
		c.parameters, _ = st["Parameters"].(map[string]any)
	}
	uses := false
	for k, v := range c.parameters {
		if s, ok := v.(string); ok && strings.HasSuffix(k, ".$") && model.IsIntrinsic(s) {
			uses = true
		}
	}
	if !uses {
		return nil, false
	}
	c.input = readJSON(t, filepath.Join(dir, "input.json"))
	c.expected, _ = readJSON(t, filepath.Join(dir, "expected.json")).(map[string]any)
	meta, _ := readJSON(t, filepath.Join(dir, "meta.json")).(map[string]any)
	redactions, _ := meta["redactions"].([]any)
	for _, r := range redactions {
		if s, ok := r.(string); ok {
			c.tokens = append(c.tokens, s)
		}
	}
	return c, true
}

func readJSON(t *testing.T, file string) any {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	v, err := oj.Parse(src)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return v
}

// evaluate builds the Parameters output: intrinsic and path ".$" fields
// evaluated, the rest copied.
func (c *passCase) evaluate() (any, error) {
	ctx := map[string]any{
		"Execution": map[string]any{
			"Id":    "arn:aws:states:us-east-1:111111111111:execution:machine-name:exec-name",
			"Input": c.input,
			"Name":  "exec-name",
		},
		"StateMachine": map[string]any{
			"Id":   "arn:aws:states:us-east-1:111111111111:stateMachine:machine-name",
			"Name": "machine-name",
		},
		"State": map[string]any{"Name": c.state},
	}
	resolve := testResolver(c.input, ctx, nil)
	out := map[string]any{}
	for k, v := range c.parameters {
		s, isString := v.(string)
		if !strings.HasSuffix(k, ".$") || !isString {
			out[k] = v
			continue
		}
		key := strings.TrimSuffix(k, ".$")
		if !model.IsIntrinsic(s) {
			val, err := resolve(&model.IntrinsicArg{Kind: model.ArgPath, Str: s})
			if err != nil {
				return nil, err
			}
			out[key] = val
			continue
		}
		call, err := model.ParseIntrinsic(s)
		if err != nil {
			return nil, err
		}
		val, err := runner.EvalIntrinsic(call, resolve)
		if err != nil {
			return nil, err
		}
		out[key] = val
	}
	return out, nil
}

// check compares with expected.json; "" means a match.
func (c *passCase) check(got any, err error) string {
	switch c.expected["status"] {
	case "SUCCEEDED":
		if err != nil {
			return "failed: " + err.Error()
		}
		if !c.matches(c.expected["output"], got) {
			return "output " + string(oj.JSON(got, &oj.Options{Sort: true, HTMLUnsafe: true})) +
				", want " + string(oj.JSON(c.expected["output"], &oj.Options{Sort: true, HTMLUnsafe: true}))
		}
		return ""
	case "FAILED":
		var se *runner.StateError
		if !errors.As(err, &se) {
			return "succeeded or failed without a StateError, want " + c.expected["error"].(string)
		}
		prefix := "An error occurred while executing the state '" + c.state + "' (entered at the event id #2). "
		if se.Name != c.expected["error"] || !c.matches(c.expected["cause"], prefix+se.Cause) {
			return "error " + se.Name + ": " + prefix + se.Cause
		}
		return ""
	}
	return "unexpected status " + c.expected["status"].(string)
}

// matches compares JSON values exactly (1 and 1.0 differ) except that a
// redaction token in an expected string matches anything.
func (c *passCase) matches(want, got any) bool {
	switch w := want.(type) {
	case string:
		for _, tok := range c.tokens {
			if w == tok {
				return true
			}
		}
		g, ok := got.(string)
		return ok && c.tokenPattern(w).MatchString(g)
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k, v := range w {
			gv, has := g[k]
			if !has || !c.matches(v, gv) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !c.matches(w[i], g[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(want, got)
}

// tokenPattern turns an expected string into a pattern in which every
// redaction token matches any text.
func (c *passCase) tokenPattern(s string) *regexp.Regexp {
	toks := append([]string(nil), c.tokens...)
	sort.Slice(toks, func(i, j int) bool { return len(toks[i]) > len(toks[j]) })
	quoted := make([]string, len(toks))
	for i, tok := range toks {
		quoted[i] = regexp.QuoteMeta(tok)
	}
	var sb strings.Builder
	sb.WriteString("^")
	if len(quoted) == 0 {
		sb.WriteString(regexp.QuoteMeta(s))
	} else {
		tokRe := regexp.MustCompile(strings.Join(quoted, "|"))
		last := 0
		for _, m := range tokRe.FindAllStringIndex(s, -1) {
			sb.WriteString(regexp.QuoteMeta(s[last:m[0]]))
			sb.WriteString(".*?")
			last = m[1]
		}
		sb.WriteString(regexp.QuoteMeta(s[last:]))
	}
	sb.WriteString("$")
	return regexp.MustCompile(sb.String())
}

// findCorpus returns shared/conformance/cases, which sits beside the
// repository (locally and in CI).
func findCorpus(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		c := filepath.Join(dir, "shared", "conformance", "cases")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("shared/conformance/cases not found beside the repository")
		}
		dir = parent
	}
}
