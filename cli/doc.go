// Package cli is the headless `baton` command line: validate, fmt, export,
// run, test, conformance, debug and serve. Each subcommand lives in its own
// file and registers itself in the commands table. Nothing here needs a
// display.
package cli
