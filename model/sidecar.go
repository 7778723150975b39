package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
)

// Positions are the manual positions of states: state name → top-left
// corner of its box, absolute.
//
// The sidecar file keeps the positions of the states a user placed by hand. AWS
// rejects unknown fields in ASL, so they cannot live in the definition; they
// live beside it, in a file named after it with ".layout.json" added:
// order.asl.json → order.asl.json.layout.json (also for YAML definitions:
// order.asl.yaml → order.asl.yaml.layout.json). It is JSON, two-space
// indented, keys sorted, so it diffs well under version control:
//
//	{
//	  "version": 1,
//	  "positions": {
//	    "ChargePayment": {
//	      "x": 120,
//	      "y": 340.5
//	    }
//	  }
//	}
//
// A position is the top-left corner of the state's box in logical pixels at
// zoom 1, absolute (also for states inside a Parallel or Map). States not
// listed are placed automatically; names that are not states of the
// definition are ignored. Without a sidecar the whole layout is automatic.
type Positions map[string]Point

// sidecarVersion is the version of the sidecar format this code writes.
const sidecarVersion = 1

type sidecarFile struct {
	Version   int                     `json:"version"`
	Positions map[string]sidecarPoint `json:"positions"`
}

type sidecarPoint struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// SidecarPath returns the path of the sidecar file of the definition at
// definitionPath.
func SidecarPath(definitionPath string) string { return definitionPath + ".layout.json" }

// LoadPositions reads the sidecar of the definition at definitionPath. A
// missing sidecar is no error: the result is empty.
func LoadPositions(definitionPath string) (Positions, error) {
	path := SidecarPath(definitionPath)
	src, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Positions{}, nil
	}
	if err != nil {
		return nil, err
	}
	var f sidecarFile
	dec := json.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: not a layout sidecar: %v", path, err)
	}
	if f.Version != sidecarVersion {
		return nil, fmt.Errorf("%s: unsupported layout sidecar version %d (this Baton reads version %d)", path, f.Version, sidecarVersion)
	}
	p := make(Positions, len(f.Positions))
	for name, pt := range f.Positions {
		p[name] = Point{float32(pt.X), float32(pt.Y)}
	}
	return p, nil
}

// SavePositions writes p to the sidecar of the definition at
// definitionPath, replacing it atomically. Empty p removes the sidecar, so
// an automatic layout leaves no file behind.
func SavePositions(definitionPath string, p Positions) error {
	path := SidecarPath(definitionPath)
	if len(p) == 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	f := sidecarFile{Version: sidecarVersion, Positions: make(map[string]sidecarPoint, len(p))}
	for name, pt := range p {
		f.Positions[name] = sidecarPoint{round2(pt.X), round2(pt.Y)}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".layout-*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(buf.Bytes())
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// round2 rounds to hundredths of a pixel, so files hold no float noise.
func round2(f float32) float64 { return math.Round(float64(f)*100) / 100 }
