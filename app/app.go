package app

import (
	"errors"
	"fmt"
	"os"

	fyneapp "fyne.io/fyne/v2/app"
)

// AppID is the application identifier Fyne stores preferences under.
const AppID = "dev.baton.app"

// ErrNoDisplay is returned by Run when there is no display to open a window on.
var ErrNoDisplay = errors.New("the designer needs a display (DISPLAY or WAYLAND_DISPLAY is not set); use a subcommand such as `baton validate` or `baton export` to work headless, or run under xvfb-run")

// Run opens the designer with the given definition files (none: an empty
// document) and returns when the last window closes.
func Run(paths []string) (err error) {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return ErrNoDisplay
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the designer stopped: %v", r)
		}
	}()
	a := fyneapp.NewWithID(AppID)
	if err := Open(a, paths); err != nil {
		return err
	}
	a.Run()
	return nil
}
