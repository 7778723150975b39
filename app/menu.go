package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Keyboard shortcuts of the designer.
var (
	shortcutNew    = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutOpen   = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSave   = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSaveAs = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutRedo2  = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutFind   = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
)

// mainMenu is the window's menu bar; its shortcuts work wherever the
// focus is, so Ctrl+Z undoes canvas, form and text edits alike.
func (e *Editor) mainMenu() *fyne.MainMenu {
	item := func(label string, s fyne.Shortcut, f func()) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, f)
		m.Shortcut = s
		return m
	}
	recent := fyne.NewMenuItem("Open Recent", nil)
	recent.ChildMenu = fyne.NewMenu("")
	for _, p := range recentFiles(e.app) {
		recent.ChildMenu.Items = append(recent.ChildMenu.Items, fyne.NewMenuItem(filepath.Base(p)+"  —  "+filepath.Dir(p), func() { e.openPath(p) }))
	}
	if len(recent.ChildMenu.Items) == 0 {
		none := fyne.NewMenuItem("(none)", nil)
		none.Disabled = true
		recent.ChildMenu.Items = append(recent.ChildMenu.Items, none)
	}
	export := fyne.NewMenuItem("Export", nil)
	export.ChildMenu = fyne.NewMenu("")
	for _, k := range exportKinds {
		export.ChildMenu.Items = append(export.ChildMenu.Items, fyne.NewMenuItem(k.label, func() { e.exportDialog(k.ext) }))
	}
	file := fyne.NewMenu("File",
		item("New", shortcutNew, e.newWindow),
		item("Open…", shortcutOpen, e.openDialog),
		recent,
		fyne.NewMenuItem("Open Run…", e.openRunDialog),
		fyne.NewMenuItemSeparator(),
		item("Save", shortcutSave, func() { e.Save() }),
		item("Save As…", shortcutSaveAs, e.SaveAs),
		export,
	)
	edit := fyne.NewMenu("Edit",
		item("Undo", &fyne.ShortcutUndo{}, e.Undo),
		item("Redo", shortcutRedo2, e.Redo),
		fyne.NewMenuItemSeparator(),
		item("Find State…", shortcutFind, e.focusFind),
		fyne.NewMenuItem("Rename State…", func() {
			if sel := e.graph.Selected(); len(sel) == 1 {
				e.askRename(sel[0])
			}
		}),
		fyne.NewMenuItem("Delete", func() { e.deleteStates(e.graph.Selected()) }),
	)
	view := fyne.NewMenu("View",
		fyne.NewMenuItem("Zoom In", e.graph.ZoomIn),
		fyne.NewMenuItem("Zoom Out", e.graph.ZoomOut),
		fyne.NewMenuItem("Fit to Window", e.graph.Fit),
	)
	return fyne.NewMainMenu(file, edit, view, e.dbg.runMenu(), e.awsMenu())
}
