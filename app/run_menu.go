package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The debugger's keys. F5, F6, F9, F10 and F11 (alone or with Shift)
// work wherever no text field has the focus: Fyne hands keys without
// Ctrl, Alt or Super to the focused widget, never to the menu. The
// menu's shortcuts, with the platform's modifier (Ctrl, or Cmd on macOS),
// work everywhere:
//
//	F5            Debug, or Continue a paused run
//	Ctrl+F5       Run (no breakpoints)
//	Shift+F5      Stop                 Ctrl+.      Stop
//	Ctrl+Shift+F5 Restart
//	F6            Pause
//	F9            Toggle Breakpoint    Ctrl+\      Toggle Breakpoint
//	F10           Step Over
//	F11           Step Into
//	Shift+F11     Step Out
var (
	shortcutRun     = &desktop.CustomShortcut{KeyName: fyne.KeyF5, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutRestart = &desktop.CustomShortcut{KeyName: fyne.KeyF5, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutStop    = &desktop.CustomShortcut{KeyName: fyne.KeyPeriod, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutBreak   = &desktop.CustomShortcut{KeyName: fyne.KeyBackslash, Modifier: fyne.KeyModifierShortcutDefault}
)

// typedKey handles the debugger's function keys (from the window, and
// from the canvas when it has the focus).
func (d *debugger) typedKey(ev *fyne.KeyEvent) {
	d.key(ev.Name, currentModifiers())
}

// key runs the command of a function key with modifiers held.
func (d *debugger) key(k fyne.KeyName, mods fyne.KeyModifier) {
	shift := mods&fyne.KeyModifierShift != 0
	ctrl := mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
	switch {
	case k == fyne.KeyF5 && ctrl && shift:
		d.Restart()
	case k == fyne.KeyF5 && ctrl:
		d.Run()
	case k == fyne.KeyF5 && shift:
		d.Stop()
	case k == fyne.KeyF5:
		d.Continue()
	case k == fyne.KeyF6:
		d.Pause()
	case k == fyne.KeyF9:
		d.toggleSelected()
	case k == fyne.KeyF10:
		d.Step()
	case k == fyne.KeyF11 && shift:
		d.StepOut()
	case k == fyne.KeyF11:
		d.StepInto(-1)
	}
}

// currentModifiers are the keyboard modifiers held down, none without a
// desktop driver.
func currentModifiers() fyne.KeyModifier {
	if a := fyne.CurrentApp(); a != nil {
		if dr, ok := a.Driver().(desktop.Driver); ok {
			return dr.CurrentKeyModifiers()
		}
	}
	return 0
}

// runMenu is the Run menu.
func (d *debugger) runMenu() *fyne.Menu {
	item := func(label string, s fyne.Shortcut, f func()) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, f)
		m.Shortcut = s
		return m
	}
	return fyne.NewMenu("Run",
		item("Run", shortcutRun, d.Run),
		fyne.NewMenuItem("Debug / Continue (F5)", d.Continue),
		fyne.NewMenuItem("Pause (F6)", d.Pause),
		item("Stop (Shift+F5)", shortcutStop, d.Stop),
		item("Restart", shortcutRestart, d.Restart),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Step Over (F10)", d.Step),
		fyne.NewMenuItem("Step Into (F11)", func() { d.StepInto(-1) }),
		fyne.NewMenuItem("Step Into Branch or Iteration…", d.askStepInto),
		fyne.NewMenuItem("Step Out (Shift+F11)", d.StepOut),
		fyne.NewMenuItem("Run to Selected State", d.RunTo),
		fyne.NewMenuItem("Skip Wait", d.Skip),
		fyne.NewMenuItemSeparator(),
		item("Toggle Breakpoint (F9)", shortcutBreak, d.toggleSelected),
		fyne.NewMenuItem("Breakpoints…", func() { d.ui.showTab(d.ui.bpTab) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Inputs and Mocks…", func() { d.showRunConfig() }),
		fyne.NewMenuItem("Save Run History…", d.saveHistoryDialog),
		fyne.NewMenuItem("Open Run in Replay", d.openInReplay),
		fyne.NewMenuItem("Clear Run", d.clearRun),
		d.unlimitedItem(),
	)
}

// unlimitedItem is the menu item that lifts the history limit.
func (d *debugger) unlimitedItem() *fyne.MenuItem {
	var it *fyne.MenuItem
	it = fyne.NewMenuItem("No History Limit (AWS stops at 25,000 events)", func() {
		d.unlimited = !d.unlimited
		it.Checked = d.unlimited
		if m := d.e.win.MainMenu(); m != nil {
			m.Refresh()
		}
	})
	it.Checked = d.unlimited
	return it
}

// toolbarButton is a labelled button in a toolbar.
type toolbarButton struct{ b *widget.Button }

func (t toolbarButton) ToolbarObject() fyne.CanvasObject { return t.b }

// toolbarItems are the debugger's toolbar buttons.
func (d *debugger) toolbarItems() []widget.ToolbarItem {
	u := d.ui
	u.runBtn = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), d.Run)
	u.debugBtn = widget.NewButtonWithIcon("Debug", theme.MediaFastForwardIcon(), d.Continue)
	u.runBtn.Importance, u.debugBtn.Importance = widget.LowImportance, widget.LowImportance
	u.pauseAct = widget.NewToolbarAction(theme.MediaPauseIcon(), d.Pause)
	u.stopAct = widget.NewToolbarAction(theme.MediaStopIcon(), d.Stop)
	u.restartAct = widget.NewToolbarAction(theme.MediaReplayIcon(), d.Restart)
	u.stepAct = widget.NewToolbarAction(theme.MediaSkipNextIcon(), d.Step)
	u.intoAct = widget.NewToolbarAction(theme.MoveDownIcon(), func() { d.StepInto(-1) })
	u.outAct = widget.NewToolbarAction(theme.MoveUpIcon(), d.StepOut)
	u.syncControls()
	return []widget.ToolbarItem{
		widget.NewToolbarSeparator(),
		toolbarButton{u.runBtn}, toolbarButton{u.debugBtn},
		u.pauseAct, u.stopAct, u.restartAct, u.stepAct, u.intoAct, u.outAct,
		widget.NewToolbarAction(theme.SettingsIcon(), func() { d.showRunConfig() }),
	}
}
