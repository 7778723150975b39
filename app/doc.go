// Package app is Baton's desktop designer: the window, its panels (palette,
// canvas, inspector, code editor, problems), menus, shortcuts, file dialogs
// and autosave, wiring model documents to the canvas widget; the AWS menu
// (account, state machines, diff, push, executions) over package cloud;
// the replay of recorded executions (replay*.go, timeline.go); and the
// step-debugger in the designer's window (debug*.go, run*.go: the Run menu
// and keys, breakpoints, the Debug, Event, Breakpoints, Timeline and Time
// Bars tabs over a runner.DebugSession; inputs*.go and mocks*.go: saved
// inputs and mocks beside the definition).
//
// Only app.go imports fyne.io/fyne/v2/app (the GL driver); everything else
// works with any fyne.App, so tests run on Fyne's test driver without a
// display. The package holds no ASL semantics: every change is a model edit.
package app
