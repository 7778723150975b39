package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit codes shared by every subcommand.
const (
	ExitOK      = 0
	ExitFailed  = 1 // the work was done and found problems (invalid definition, failed run)
	ExitUsage   = 2 // bad arguments or unreadable/invalid input
	ExitRuntime = 3 // an unexpected internal error
)

// Env is what a subcommand may touch: its standard streams and the
// working directory's files through the os package.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// command is one subcommand.
type command struct {
	summary string
	run     func(env *Env, args []string) int
}

var commands = map[string]command{}

// register adds a subcommand; each command file calls it from init.
func register(name, summary string, run func(env *Env, args []string) int) {
	commands[name] = command{summary: summary, run: run}
}

// IsCommand reports whether name is a subcommand (so that main can tell
// `baton validate x` from `baton x.asl.json`).
func IsCommand(name string) bool {
	_, ok := commands[name]
	return ok || name == "help" || name == "-h" || name == "--help"
}

// Main runs the subcommand named by args[0] and returns the exit code. A
// panic inside a subcommand becomes an error message, never a crash.
func Main(env *Env, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(env.Stderr, "baton: internal error: %v\n", r)
			code = ExitRuntime
		}
	}()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		return ExitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "baton: unknown command %q\n", args[0])
		usage(env.Stderr)
		return ExitUsage
	}
	return cmd.run(env, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: baton [FILE]            open the designer (on FILE)")
	fmt.Fprintln(w, "       baton COMMAND [ARGS]    run a headless command")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'baton COMMAND -h' for a command's options.")
}

// newFlags returns a flag set that reports errors on env.Stderr and does
// not exit the process.
func newFlags(env *Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "usage: baton %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, allowing flags after positional arguments
// (`baton fmt FILE -w`), and returns the positional ones. ok is false when
// the caller should return code.
func parseFlags(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, ExitOK, false
			}
			return nil, ExitUsage, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, 0, true
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), 0, true
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// readInput reads a file, or standard input for "-".
func readInput(env *Env, path string) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(env.Stdin)
	}
	return os.ReadFile(path)
}
