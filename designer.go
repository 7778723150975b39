//go:build !headless

package main

import "baton/app"

// openDesigner opens the app on the given files and returns when its last
// window closes.
func openDesigner(args []string) error { return app.Run(args) }
