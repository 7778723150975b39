package cli_test

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baton/model"
)

const twoStates = `{"StartAt":"First","States":{"First":{"Type":"Pass","Next":"Done"},"Done":{"Type":"Succeed"}}}`

func TestExport_diagramPNG(t *testing.T) {
	code, out, errs := run(t, twoStates, "export", "--to", "png", "-o", "-", "-")
	if code != 0 || errs != "" {
		t.Fatalf("export png: code %d: %s", code, errs)
	}
	img, err := png.Decode(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	doc, _ := model.Parse("", []byte(twoStates))
	d := model.Layout(model.BuildGraph(doc.Machine), nil)
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w < int(d.Size.X) || h < int(d.Size.Y) || w > int(d.Size.X)+1 || h > int(d.Size.Y)+1 {
		t.Errorf("picture %dx%d, want the diagram's %vx%v", w, h, d.Size.X, d.Size.Y)
	}
}

func TestExport_diagramSVGUsesSidecar(t *testing.T) {
	dir := t.TempDir()
	def := filepath.Join(dir, "two.asl.json")
	if err := os.WriteFile(def, []byte(twoStates), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := model.SavePositions(def, model.Positions{"Done": {X: 400, Y: 300}}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "two.svg")
	if code, _, errs := run(t, "", "export", "--to", "svg", def, "-o", out); code != 0 {
		t.Fatalf("export svg: code %d: %s", code, errs)
	}
	svg, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<svg ", ">First</text>", ">Done</text>", ">Succeed</text>", `<rect x="400" y="300" `} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}
