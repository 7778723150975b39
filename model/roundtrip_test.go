package model_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"baton/model"
)

// corpus returns the conformance definitions; the test is skipped when the
// shared folder is not beside the checkout.
func corpus(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob("../../shared/conformance/cases/*/definition.asl.json")
	if len(files) == 0 {
		t.Skip("../shared/conformance not present")
	}
	return files
}

func TestParse_corpusRoundTripIsByteIdentical(t *testing.T) {
	files := corpus(t)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := model.Parse(f, src)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if out := doc.Marshal(model.JSON); !bytes.Equal(out, src) {
			t.Errorf("%s: JSON round trip differs", f)
		}
	}
	if len(files) < 884 {
		t.Errorf("only %d corpus files", len(files))
	}
}

func TestParse_corpusYAMLIsStable(t *testing.T) {
	for _, f := range corpus(t) {
		src, _ := os.ReadFile(f)
		doc, err := model.Parse(f, src)
		if err != nil {
			t.Fatal(err)
		}
		y1 := doc.Marshal(model.YAML)
		ydoc, err := model.Parse("x.yaml", y1)
		if err != nil {
			t.Fatalf("%s: YAML does not parse back: %v\n%s", f, err, y1)
		}
		if ydoc.Format != model.YAML {
			t.Fatalf("%s: YAML detected as %v", f, ydoc.Format)
		}
		j := ydoc.Marshal(model.JSON)
		jdoc, err := model.Parse("x.json", j)
		if err != nil {
			t.Fatal(err)
		}
		if y2 := jdoc.Marshal(model.YAML); !bytes.Equal(y1, y2) {
			t.Errorf("%s: YAML -> JSON -> YAML differs:\n%s\n---\n%s", f, y1, y2)
		}
		// The values survive the trip through YAML.
		if a, b := canonicalString(doc.Root), canonicalString(jdoc.Root); a != b {
			t.Errorf("%s: values changed through YAML:\n%s\n%s", f, a, b)
		}
	}
}

// canonical re-encodes strings so that two trees with equal values print
// the same compact JSON whatever escapes their sources used.
func canonical(n *model.Node) *model.Node {
	c := n.Clone()
	var walk func(*model.Node)
	walk = func(n *model.Node) {
		n.Raw = map[bool]string{true: n.Raw, false: ""}[n.Kind == model.Number]
		for _, f := range n.Fields {
			f.KeyRaw = ""
			walk(f.Value)
		}
		for _, it := range n.Items {
			walk(it)
		}
	}
	walk(c)
	return c
}

func canonicalString(n *model.Node) string { return string(model.MarshalCompactJSON(canonical(n))) }
