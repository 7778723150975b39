package model_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"baton/model"
)

func TestSidecar_roundTrip(t *testing.T) {
	def := filepath.Join(t.TempDir(), "order.asl.json")
	if got := model.SidecarPath(def); got != def+".layout.json" {
		t.Errorf("SidecarPath = %q", got)
	}
	p, err := model.LoadPositions(def)
	if err != nil || p == nil || len(p) != 0 {
		t.Fatalf("missing sidecar: %v, %v", p, err)
	}
	p = model.Positions{"Zeta <&>": {X: 10, Y: 20.5}, "Alpha": {X: -3.333333, Y: 1e6}}
	if err := model.SavePositions(def, p); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(model.SidecarPath(def))
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "version": 1,
  "positions": {
    "Alpha": {
      "x": -3.33,
      "y": 1000000
    },
    "Zeta <&>": {
      "x": 10,
      "y": 20.5
    }
  }
}
`
	if string(src) != want {
		t.Errorf("sidecar:\n%s\nwant\n%s", src, want)
	}
	back, err := model.LoadPositions(def)
	if err != nil {
		t.Fatal(err)
	}
	p["Alpha"] = model.Point{X: -3.33, Y: 1e6}
	if !reflect.DeepEqual(back, p) {
		t.Errorf("loaded %v, want %v", back, p)
	}
	if err := model.SavePositions(def, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(model.SidecarPath(def)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("saving no positions left the sidecar: %v", err)
	}
	if err := model.SavePositions(def, nil); err != nil {
		t.Errorf("removing a missing sidecar: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(def), "*")); len(left) != 0 {
		t.Errorf("files left behind: %v", left)
	}
}

func TestSidecar_errors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ content, err string }{
		{`{"version": 2, "positions": {}}`, "unsupported layout sidecar version 2 (this Baton reads version 1)"},
		{`{"version": 1, "positions": {"A": {"x": "1"}}}`, "not a layout sidecar: json: cannot unmarshal string into Go struct field sidecarPoint.positions.x of type float64"},
		{`[1]`, "not a layout sidecar: json: cannot unmarshal array into Go value of type model.sidecarFile"},
	} {
		def := filepath.Join(dir, "x.asl.json")
		if err := os.WriteFile(model.SidecarPath(def), []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := model.LoadPositions(def)
		if want := model.SidecarPath(def) + ": " + tt.err; err == nil || err.Error() != want {
			t.Errorf("%s:\n got %v\nwant %s", tt.content, err, want)
		}
	}
}
