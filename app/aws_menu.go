package app

import "fyne.io/fyne/v2"

// awsMenu is the AWS menu: the account to work with, its state machines,
// diff and push of this definition, and executions to import and replay.
func (e *Editor) awsMenu() *fyne.Menu {
	return fyne.NewMenu("AWS",
		fyne.NewMenuItem("Account…", func() { e.showAccountDialog() }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("State Machines…", func() { e.showMachinesDialog("", nil) }),
		fyne.NewMenuItem("Diff with Deployed…", e.diffDeployed),
		fyne.NewMenuItem("Push…", func() { e.showPushForm("") }),
		fyne.NewMenuItem("Executions…", e.executionsOfLinked),
	)
}
