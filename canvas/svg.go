package canvas

import (
	"fmt"
	"html"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"baton/model"
)

// RenderSVG draws the diagram of doc (with the given manual positions, nil
// for automatic) as a standalone SVG document in the light theme's
// colours, with the same geometry, colours and icons as the widget at
// zoom 1. It needs no Fyne app.
func RenderSVG(doc *model.Document, positions model.Positions) []byte {
	flow := model.BuildGraph(doc.Machine)
	return DiagramSVG(flow, model.Layout(flow, positions))
}

// DiagramSVG draws a laid-out diagram of flow as SVG.
func DiagramSVG(flow *model.Graph, d *model.Diagram) []byte {
	pal := paletteFor(theme.LightTheme(), theme.VariantLight)
	var b strings.Builder
	w, h := max(d.Size.X, 1), max(d.Size.Y, 1)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="Noto Sans, DejaVu Sans, Helvetica, Arial, sans-serif">`+"\n", num(w), num(h), num(w), num(h))
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="%s"/>`+"\n", hexColor(pal.bg))
	stateOf := func(bx *model.Box) *model.State {
		if bx.Marker != model.MarkerNone {
			return nil
		}
		if n := flow.Node(bx.Name); n != nil {
			return n.State
		}
		return nil
	}
	for _, bx := range d.Boxes {
		if bx.Container {
			svgBox(&b, bx, stateOf(bx), pal)
		}
	}
	for _, r := range d.Routes {
		svgRoute(&b, r, pal)
	}
	for _, r := range d.Routes {
		svgLabel(&b, r, pal)
	}
	for _, bx := range d.Boxes {
		if !bx.Container {
			svgBox(&b, bx, stateOf(bx), pal)
		}
	}
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

// num formats a coordinate with at most two decimals.
func num(f float32) string {
	s := fmt.Sprintf("%.2f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

func svgBox(b *strings.Builder, bx *model.Box, s *model.State, pal palette) {
	r := bx.Rect
	if bx.Marker != model.MarkerNone {
		cx, cy, rad := r.X+r.W/2, r.Y+r.H/2, r.W/2
		if bx.Marker == model.MarkerStart {
			fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" fill="%s"/>`+"\n", num(cx), num(cy), num(rad), hexColor(pal.line))
			return
		}
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" fill="%s" stroke="%s" stroke-width="2"/>`+"\n", num(cx), num(cy), num(rad-1), hexColor(pal.bg), hexColor(pal.line))
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" fill="%s"/>`+"\n", num(cx), num(cy), num(rad*0.4), hexColor(pal.line))
		return
	}
	typ := ""
	if s != nil {
		typ = s.Type
	}
	st := styleOf(typ)
	fill, stroke, width := boxLook(pal, st, bx, &RunState{}, false)
	fmt.Fprintf(b, `<g><title>%s</title>`, html.EscapeString(bx.Name))
	fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="%d" fill="%s" stroke="%s" stroke-width="%s"/>`,
		num(r.X), num(r.Y), num(r.W), num(r.H), cornerRadius, hexColor(fill), hexColor(stroke), num(width))
	for _, br := range bx.Branches {
		f, s := branchLook(pal, st)
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="%s" stroke="%s"/>`,
			num(br.X), num(br.Y), num(br.W), num(br.H), hexColor(f), hexColor(s))
	}
	if !bx.Container {
		fmt.Fprintf(b, `<path d="M%s %sh4v%sh-4z" fill="%s"/>`, num(r.X), num(r.Y+cornerRadius/2), num(r.H-cornerRadius), hexColor(st.Accent))
	}
	head := r.H
	if bx.Container {
		head = 36
	}
	fmt.Fprintf(b, `<path transform="translate(%s %s) scale(%s)" fill-rule="evenodd" fill="%s" d="%s"/>`,
		num(r.X+boxPad), num(r.Y+(head-iconSize)/2), num(iconSize/24.0), hexColor(st.Accent), st.Icon)
	chars := int((r.W - boxPad*2 - iconSize - 8) / boxCharW)
	x := r.X + boxPad + iconSize + 8
	top := r.Y + (head-(nameSize+subSize+6))/2
	fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%d" font-weight="bold" fill="%s">%s</text>`,
		num(x), num(top+nameSize), nameSize, hexColor(pal.fg), html.EscapeString(elide(bx.Name, chars)))
	fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%d" fill="%s">%s</text>`,
		num(x), num(top+nameSize+4+subSize), subSize, hexColor(pal.muted), html.EscapeString(elide(Subtitle(s), chars*nameSize/subSize)))
	b.WriteString("</g>\n")
}

// svgRouteColor is an arrow's colour in the SVG (no selection or hints).
func svgRouteColor(r *model.Route, pal palette) string {
	if r.Edge.Kind == model.EdgeCatch {
		return hexColor(pal.catch)
	}
	return hexColor(pal.line)
}

func svgRoute(b *strings.Builder, r *model.Route, pal palette) {
	if len(r.Points) < 2 {
		return
	}
	c := svgRouteColor(r, pal)
	var pts []string
	for _, p := range r.Points {
		pts = append(pts, num(p.X)+","+num(p.Y))
	}
	fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="1.5"/>`, strings.Join(pts, " "), c)
	n := len(r.Points) - 1
	tip, from := r.Points[n], r.Points[n-1]
	a := arrowHead(fyne.NewPos(from.X, from.Y), fyne.NewPos(tip.X, tip.Y), 8)
	if a != nil {
		fmt.Fprintf(b, `<path d="M%s %sL%s %sL%s %sz" fill="%s"/>`, num(a[0].X), num(a[0].Y), num(a[1].X), num(a[1].Y), num(a[2].X), num(a[2].Y), c)
	}
	b.WriteString("\n")
}

func svgLabel(b *strings.Builder, r *model.Route, pal palette) {
	if r.Edge.Label == "" {
		return
	}
	c := svgRouteColor(r, pal)
	if c == hexColor(pal.line) {
		c = hexColor(mix(pal.fg, pal.bg, 0.25))
	}
	w := float32(len([]rune(r.Edge.Label)))*labelSize*0.55 + 6
	h := float32(labelSize + 5)
	fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="4" fill="%s" stroke="%s"/>`,
		num(r.LabelAt.X-w/2), num(r.LabelAt.Y-h/2), num(w), num(h), hexColor(pal.labelBg), c)
	fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%d" text-anchor="middle" fill="%s">%s</text>`+"\n",
		num(r.LabelAt.X), num(r.LabelAt.Y+labelSize*0.35), labelSize, c, html.EscapeString(r.Edge.Label))
}
