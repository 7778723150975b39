package app

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baton/model"
)

func TestExport_everyKind(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	dir := t.TempDir()
	for _, k := range exportKinds {
		path := filepath.Join(dir, "out"+k.ext)
		if err := e.exportTo(path, k.ext); err != nil {
			t.Fatalf("%s: %v", k.ext, err)
		}
	}
	read := func(ext string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, "out"+ext))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	if got := string(read(".asl.json")); got != twoStates {
		t.Errorf("JSON export:\n%s", got)
	}
	if got := string(read(".asl.yaml")); got != "StartAt: First\nStates:\n  First:\n    Type: Pass\n    Next: Done\n  Done:\n    Type: Succeed\n" {
		t.Errorf("YAML export:\n%s", got)
	}
	img, err := png.Decode(bytes.NewReader(read(".png")))
	if err != nil {
		t.Fatalf("PNG export: %v", err)
	}
	d := model.Layout(model.BuildGraph(e.Doc().Machine), nil)
	if img.Bounds().Dx() < int(d.Size.X) {
		t.Errorf("PNG is %d wide, the diagram %v", img.Bounds().Dx(), d.Size.X)
	}
	if svg := read(".svg"); !bytes.Contains(svg, []byte(">First</text>")) {
		t.Errorf("SVG export lacks the states:\n%s", svg)
	}
}

func TestFind_selectsAndCycles(t *testing.T) {
	def := `{"StartAt": "Check A", "States": {"Check A": {"Type": "Pass", "Next": "Other"}, "Other": {"Type": "Pass", "Next": "Check B"}, "Check B": {"Type": "Succeed"}}}`
	e, _ := newTestEditor(t, "f.asl.json", def)
	var got []string
	for range 3 {
		e.find("check")
		got = append(got, e.graph.Selected()...)
	}
	if strings.Join(got, ",") != "Check A,Check B,Check A" {
		t.Errorf("find cycled through %q", got)
	}
	if e.find("nothing") || e.status.text() != "No state matches “nothing”" {
		t.Errorf("a miss says %q", e.status.text())
	}
}
