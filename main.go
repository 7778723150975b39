// Command baton is a designer and step-debugger for AWS Step Functions.
// With no arguments, or with definition files, it opens the desktop app;
// with a subcommand it runs headless (see `baton help`).
//
// `go build .` makes one binary with both. `go build -tags headless`
// makes the command line alone, which opens the app by running the full
// binary, baton-app, from beside it (see designer_headless.go); `make
// build` makes both, so that the subcommands do not load the app.
package main

import (
	"fmt"
	"os"

	"baton/cli"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && cli.IsCommand(args[0]) {
		os.Exit(cli.Main(&cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, args))
	}
	if err := openDesigner(args); err != nil {
		fmt.Fprintf(os.Stderr, "baton: %v\n", err)
		os.Exit(cli.ExitRuntime)
	}
}
