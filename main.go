// Command baton is a designer and step-debugger for AWS Step Functions.
// With no arguments, or with definition files, it opens the desktop app;
// with a subcommand it runs headless (see `baton help`).
package main

import (
	"fmt"
	"os"

	"baton/app"
	"baton/cli"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && cli.IsCommand(args[0]) {
		os.Exit(cli.Main(&cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, args))
	}
	if err := app.Run(args); err != nil {
		fmt.Fprintf(os.Stderr, "baton: %v\n", err)
		os.Exit(cli.ExitRuntime)
	}
}
