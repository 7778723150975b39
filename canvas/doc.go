// Package canvas is the Fyne widget that draws a workflow: the Graph widget
// paints a model.Diagram (states as boxes with type icons, transitions as
// labelled arrows, Parallel and Map states as containers, start and end
// markers, selection, zoom and pan, run-state overlays) and reports the
// user's gestures (OnSelect, OnMove, OnConnect, OnDrop, OnDelete, OnRename)
// to its owner, which turns them into model edits. It also renders the same
// picture without a display, as PNG (Fyne's software painter) or SVG.
//
// The widget keeps no workflow data: what it shows is derived from the
// model's Graph and Diagram given to SetDiagram. Fyne's own canvas package
// is imported as fcanvas everywhere; this package never imports
// fyne.io/fyne/v2/app.
package canvas
