package model_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"baton/model"
)

// num prints a coordinate rounded to a tenth of a pixel.
func num(f float32) string {
	return strconv.FormatFloat(math.Round(float64(f)*10)/10, 'f', -1, 64)
}

func pt(p model.Point) string { return num(p.X) + "," + num(p.Y) }

func rect(r model.Rect) string { return num(r.X) + "," + num(r.Y) + " " + num(r.W) + "x" + num(r.H) }

// dumpDiagram is the compact text form of a diagram the goldens hold.
func dumpDiagram(d *model.Diagram) string {
	var b strings.Builder
	fmt.Fprintf(&b, "size %s\n", pt(d.Size))
	scope := func(s string, branch int) string {
		if s == "" {
			return "top"
		}
		return fmt.Sprintf("%s/%d", s, branch)
	}
	for _, x := range d.Boxes {
		name := strconv.Quote(x.Name)
		switch x.Marker {
		case model.MarkerStart:
			name = "(start)"
		case model.MarkerEnd:
			name = "(end)"
		}
		fmt.Fprintf(&b, "box %s in %s at %s", name, scope(x.Scope, x.Branch), rect(x.Rect))
		if x.Container {
			b.WriteString(" container")
			for _, br := range x.Branches {
				b.WriteString(" [" + rect(br) + "]")
			}
		}
		if x.Manual {
			b.WriteString(" manual")
		}
		b.WriteByte('\n')
	}
	for _, r := range d.Routes {
		e := r.Edge
		kind := e.Kind.String()
		if e.Index >= 0 {
			kind += "#" + strconv.Itoa(e.Index)
		}
		fmt.Fprintf(&b, "route %s -> %s %s in %s", orMarker(e.From, "(start)"), orMarker(e.To, "(end)"), kind, scope(r.Scope, r.Branch))
		if e.Label != "" {
			fmt.Fprintf(&b, " %q at %s", e.Label, pt(r.LabelAt))
		}
		if r.Back {
			b.WriteString(" back")
		}
		b.WriteString(":")
		for _, p := range r.Points {
			b.WriteString(" " + pt(p))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func orMarker(name, marker string) string {
	if name == "" {
		return marker
	}
	return strconv.Quote(name)
}

func parseFile(t testing.TB, path string) *model.Document {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := model.Parse(path, src)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func layoutFiles(t *testing.T) []string {
	files, _ := filepath.Glob("testdata/layout/*.asl.json")
	if len(files) < 6 {
		t.Fatalf("only %d layout inputs", len(files))
	}
	if _, err := os.Stat("../testdata/examples/order-saga.asl.json"); err == nil {
		files = append(files, "../testdata/examples/order-saga.asl.json")
	}
	return files
}

func TestLayout_golden(t *testing.T) {
	for _, f := range layoutFiles(t) {
		doc := parseFile(t, f)
		d := model.Layout(model.BuildGraph(doc.Machine), nil)
		checkDiagram(t, f, d, true)
		name := strings.TrimSuffix(filepath.Base(f), ".asl.json")
		golden(t, filepath.Join("testdata", "layout", name+".golden"), []byte(dumpDiagram(d)))
	}
}

func TestLayout_manualPositionsGolden(t *testing.T) {
	doc := parseFile(t, "testdata/layout/nested.asl.json")
	pos := model.Positions{
		"Report": {X: 700, Y: 40},  // beside the start: its edges go up the side
		"Big":    {X: 900, Y: 500}, // out of its branch: the containers grow
		"Nope":   {X: 1, Y: 1},     // not a state: ignored
	}
	d := model.Layout(model.BuildGraph(doc.Machine), pos)
	checkDiagram(t, "nested manual", d, false)
	if b := d.Box("Report"); !b.Manual || b.Rect.X != 700 || b.Rect.Y != 40 {
		t.Errorf("Report at %s manual=%v", rect(b.Rect), b.Manual)
	}
	if b := d.Box("Prepare"); b.Manual {
		t.Error("Prepare marked manual")
	}
	golden(t, "testdata/layout/nested-manual.golden", []byte(dumpDiagram(d)))
}

// checkDiagram checks what every diagram must satisfy; auto adds what the
// automatic layout guarantees: no boxes overlap within a scope, and no
// route crosses a box of its scope.
func checkDiagram(t *testing.T, name string, d *model.Diagram, auto bool) {
	t.Helper()
	bad := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s: "+format, append([]any{name}, args...)...)
	}
	type scopeKey struct {
		s string
		b int
	}
	byScope := map[scopeKey][]*model.Box{}
	for _, b := range d.Boxes {
		k := scopeKey{b.Scope, b.Branch}
		byScope[k] = append(byScope[k], b)
		if b.Rect.W <= 0 || b.Rect.H <= 0 {
			bad("box %q has size %s", b.Name, rect(b.Rect))
		}
		if b.Rect.X+b.Rect.W > d.Size.X || b.Rect.Y+b.Rect.H > d.Size.Y {
			bad("box %q at %s is outside the size %s", b.Name, rect(b.Rect), pt(d.Size))
		}
		if b.Scope == "" {
			continue
		}
		c := d.Box(b.Scope)
		if c == nil || !c.Container {
			bad("box %q: scope %q is no container", b.Name, b.Scope)
			continue
		}
		if !inside(b.Rect, c.Rect) {
			bad("box %q at %s is not inside its container %s", b.Name, rect(b.Rect), rect(c.Rect))
		}
		if b.Branch >= len(c.Branches) || !inside(b.Rect, c.Branches[b.Branch]) {
			bad("box %q at %s is not inside branch %d of %q", b.Name, rect(b.Rect), b.Branch, b.Scope)
		}
	}
	if auto {
		for _, boxes := range byScope {
			for i, a := range boxes {
				for _, b := range boxes[i+1:] {
					if a.Rect.Overlaps(b.Rect) {
						bad("boxes %q %s and %q %s overlap", a.Name, rect(a.Rect), b.Name, rect(b.Rect))
					}
				}
			}
		}
	}
	// boxIn finds a route's end in its own scope: names may repeat across
	// scopes in invalid definitions.
	boxIn := func(r *model.Route, name string, kind int) *model.Box {
		for _, b := range byScope[scopeKey{r.Scope, r.Branch}] {
			if b.Marker == kind && b.Name == name {
				return b
			}
		}
		return nil
	}
	for _, r := range d.Routes {
		e := r.Edge
		label := fmt.Sprintf("route %s -> %s (%s)", e.From, e.To, e.Kind)
		if len(r.Points) < 2 {
			bad("%s has %d points", label, len(r.Points))
			continue
		}
		for i := 1; i < len(r.Points); i++ {
			p, q := r.Points[i-1], r.Points[i]
			if p.X != q.X && p.Y != q.Y {
				bad("%s: segment %s-%s is not orthogonal", label, pt(p), pt(q))
			}
		}
		src, dst := boxIn(r, e.From, model.MarkerNone), boxIn(r, e.To, model.MarkerNone)
		if e.From == "" {
			src = boxIn(r, "", model.MarkerStart)
		}
		if e.Kind == model.EdgeEnd {
			dst = boxIn(r, "", model.MarkerEnd)
		}
		if src == nil || dst == nil {
			bad("%s: no box for an end", label)
			continue
		}
		if !onBorder(r.Points[0], src.Rect) {
			bad("%s starts at %s, not on the border of %s", label, pt(r.Points[0]), rect(src.Rect))
		}
		if last := r.Points[len(r.Points)-1]; !onBorder(last, dst.Rect) {
			bad("%s ends at %s, not on the border of %s", label, pt(last), rect(dst.Rect))
		}
		if !auto {
			continue
		}
		for _, b := range byScope[scopeKey{r.Scope, r.Branch}] {
			if b == src || b == dst {
				continue
			}
			for i := 1; i < len(r.Points); i++ {
				if segmentCrosses(r.Points[i-1], r.Points[i], b.Rect) {
					bad("%s crosses box %q %s", label, b.Name, rect(b.Rect))
					break
				}
			}
		}
	}
}

func inside(r, c model.Rect) bool {
	const tol = 0.01
	return r.X >= c.X-tol && r.Y >= c.Y-tol && r.X+r.W <= c.X+c.W+tol && r.Y+r.H <= c.Y+c.H+tol
}

func onBorder(p model.Point, r model.Rect) bool {
	const tol = 0.05
	in := p.X >= r.X-tol && p.X <= r.X+r.W+tol && p.Y >= r.Y-tol && p.Y <= r.Y+r.H+tol
	edge := math.Abs(float64(p.X-r.X)) < tol || math.Abs(float64(p.X-r.X-r.W)) < tol ||
		math.Abs(float64(p.Y-r.Y)) < tol || math.Abs(float64(p.Y-r.Y-r.H)) < tol
	return in && edge
}

// segmentCrosses reports whether the axis-parallel segment pq enters the
// inside of r (touching the border is allowed).
func segmentCrosses(p, q model.Point, r model.Rect) bool {
	const tol = 0.5
	x0, x1 := min(p.X, q.X), max(p.X, q.X)
	y0, y1 := min(p.Y, q.Y), max(p.Y, q.Y)
	return x1 > r.X+tol && x0 < r.X+r.W-tol && y1 > r.Y+tol && y0 < r.Y+r.H-tol
}

func TestLayout_properties(t *testing.T) {
	var docs []*model.Document
	var names []string
	for _, f := range layoutFiles(t) {
		docs, names = append(docs, parseFile(t, f)), append(names, f)
	}
	for seed := int64(1); seed <= 6; seed++ {
		for _, n := range []int{1, 7, 40, 150} {
			doc, err := model.Parse("gen", model.GenerateDefinition(n, seed))
			if err != nil {
				t.Fatal(err)
			}
			docs, names = append(docs, doc), append(names, fmt.Sprintf("generated %d/%d", n, seed))
		}
	}
	for i, doc := range docs {
		g := model.BuildGraph(doc.Machine)
		d := model.Layout(g, nil)
		checkDiagram(t, names[i], d, true)
		if again := model.Layout(model.BuildGraph(doc.Machine), nil); dumpDiagram(again) != dumpDiagram(d) {
			t.Errorf("%s: layout is not deterministic", names[i])
		}
		routed := 0
		doc.Machine.Walk(func(s *model.State) bool {
			if d.Box(s.Name) == nil {
				t.Errorf("%s: no box for %q", names[i], s.Name)
			}
			return true
		})
		for _, r := range d.Routes {
			if r.Edge.Kind != model.EdgeStart && r.Edge.Kind != model.EdgeEnd {
				routed++
			}
		}
		if routed == 0 && len(doc.Machine.States) > 1 {
			t.Errorf("%s: no transitions routed", names[i])
		}
	}
}

// Invalid definitions (dangling transitions, missing StartAt, States of
// the wrong type, …) still lay out cleanly.
func TestLayout_invalidDefinitions(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/*.asl.*")
	if len(files) < 20 {
		t.Fatalf("only %d definitions under testdata", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := model.Parse(f, src)
		if err != nil {
			continue
		}
		checkDiagram(t, f, model.Layout(model.BuildGraph(doc.Machine), nil), true)
	}
	for _, src := range []string{`{}`, `{"StartAt": "A"}`, `{"States": []}`, `{"StartAt": "A", "States": {"A": 1, "B": {"Type": "Parallel", "Branches": [1, {}]}}}`} {
		doc, err := model.Parse("x.json", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		checkDiagram(t, src, model.Layout(model.BuildGraph(doc.Machine), nil), true)
	}
}

func TestLayout_corpus(t *testing.T) {
	for _, f := range corpus(t) {
		doc := parseFile(t, f)
		checkDiagram(t, f, model.Layout(model.BuildGraph(doc.Machine), nil), true)
	}
}

func TestDiagram_MoveBoxMatchesLayout(t *testing.T) {
	doc := parseFile(t, "../testdata/examples/order-saga.asl.json")
	g := model.BuildGraph(doc.Machine)
	for _, tt := range []struct {
		name string
		to   model.Point
	}{
		{"ShipOrder", model.Point{X: 40, Y: 30}},          // above everything: routes go up the side
		{"ProcessItems", model.Point{X: 900, Y: 900}},     // a container moves with its contents
		{"ReserveItem", model.Point{X: 1200, Y: 200}},     // out of its container, which grows
		{"CheckInventory", model.Point{X: 300.5, Y: 250}}, // within its branch
	} {
		d := model.Layout(g, nil)
		if !d.MoveBox(tt.name, tt.to) {
			t.Fatalf("MoveBox(%q) found no box", tt.name)
		}
		want := model.Layout(g, model.Positions{tt.name: tt.to})
		if got, want := dumpDiagram(d), dumpDiagram(want); got != want {
			t.Errorf("MoveBox(%q) differs from Layout with that position:\n%s\n---\n%s", tt.name, got, want)
		}
		checkDiagram(t, "moved "+tt.name, d, false)
		if p := d.Positions()[tt.name]; p != tt.to {
			t.Errorf("Positions()[%q] = %v, want %v", tt.name, p, tt.to)
		}
	}
	if model.Layout(g, nil).MoveBox("Nope", model.Point{}) {
		t.Error("MoveBox of a missing state reported success")
	}
}

func TestDiagram_queries(t *testing.T) {
	doc := parseFile(t, "testdata/layout/nested.asl.json")
	d := model.Layout(model.BuildGraph(doc.Machine), nil)
	centre := func(name string) model.Point {
		r := d.Box(name).Rect
		return model.Point{X: r.X + r.W/2, Y: r.Y + r.H/2}
	}
	for _, name := range []string{"Prepare", "X", "Y", "Big", "Outer", "Inner", "PerItem"} {
		at := centre(name)
		if b := d.Box(name); b.Container {
			at = model.Point{X: b.Rect.X + 5, Y: b.Rect.Y + 5} // its header
		}
		if got := d.BoxAt(at); got == nil || got.Name != name {
			t.Errorf("BoxAt(%s) = %v, want %s", pt(at), got, name)
		}
	}
	if got := d.BoxAt(centre("PerItem")); got == nil || got.Name != "Inner" {
		t.Errorf("BoxAt(centre of PerItem) = %v, want the innermost box there, Inner", got)
	}
	outer := d.Box("Outer")
	// Inside Outer's first branch but outside PerItem: the branch itself.
	inBranch0 := model.Point{X: outer.Branches[0].X + 4, Y: outer.Branches[0].Y + outer.Branches[0].H - 4}
	if got := d.BoxAt(inBranch0); got != outer {
		t.Errorf("BoxAt(branch 0 corner) = %v, want Outer", got)
	}
	if got := d.BoxAt(model.Point{X: -5, Y: -5}); got != nil {
		t.Errorf("BoxAt outside = %v", got)
	}
	for _, tt := range []struct {
		at   model.Point
		want string
	}{
		{centre("Prepare"), "[]"},
		{inBranch0, "[Outer#0]"},
		{centre("X"), "[Outer#0 PerItem Inner#0]"},
		{centre("Y"), "[Outer#0 PerItem Inner#1]"},
		{model.Point{X: outer.Branches[2].X + 10, Y: outer.Branches[2].Y + 10}, "[Outer#2]"},
		{model.Point{X: outer.Rect.X + outer.Rect.W - 2, Y: outer.Branches[2].Y + 10}, "[Outer#3]"}, // right of the last branch: a new one
		{model.Point{X: outer.Rect.X + 10, Y: outer.Rect.Y + 5}, "[]"},                              // on the header
	} {
		if got := fmt.Sprint(d.ScopeAt(tt.at)); got != tt.want {
			t.Errorf("ScopeAt(%s) = %s, want %s", pt(tt.at), got, tt.want)
		}
	}
	for _, name := range []string{"X", "Small", "Report"} {
		s := doc.Machine.Find(name)
		if got, want := fmt.Sprint(model.ScopePath(s.Machine)), fmt.Sprint(d.ScopeAt(centre(name))); got != want {
			t.Errorf("ScopePath(%s) = %s, ScopeAt = %s", name, got, want)
		}
	}
	for _, r := range d.Routes {
		p := r.Points[0]
		q := r.Points[1]
		at := model.Point{X: (p.X + q.X) / 2, Y: (p.Y + q.Y) / 2}
		if got := d.RouteNear(model.Point{X: at.X + 1, Y: at.Y}, 2); got == nil {
			t.Errorf("RouteNear beside %s -> %s found nothing", r.Edge.From, r.Edge.To)
		}
	}
	if got := d.RouteNear(model.Point{X: -50, Y: -50}, 4); got != nil {
		t.Errorf("RouteNear far away = %v", got.Edge)
	}
}
