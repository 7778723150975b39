package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"

	"baton/model"
	"baton/runner"
)

func init() {
	register("run", "run a definition locally (tasks from mocks, commands or a Lambda endpoint); print its output", runRun)
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ", ") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

// runRun executes a definition. The output JSON goes to stdout when the
// execution SUCCEEDED, "Error: Cause" to stderr otherwise. Exit code: 0
// SUCCEEDED, 1 FAILED, TIMED_OUT or ABORTED, 2 bad usage, unreadable
// input or an invalid definition.
func runRun(env *Env, args []string) int {
	fs := newFlags(env, "run", "DEF [--input JSON|@FILE|-] [--mocks FILE [--test-case NAME]] [--history FILE] [--clock virtual|real] [--max-transitions N]")
	input := fs.String("input", "{}", "execution input: JSON text, @FILE, or - for standard input")
	mocks := fs.String("mocks", "", "AWS Step Functions Local mock config `FILE`")
	testCase := fs.String("test-case", "", "test case of the mock config (MACHINE/CASE or CASE; default: its only one)")
	history := fs.String("history", "", "write the history events to `FILE` as `aws stepfunctions get-execution-history` prints them")
	clock := fs.String("clock", "virtual", "virtual (waits take no time) or real")
	maxTransitions := fs.Int64("max-transitions", 0, "fail after N states entered (0: no limit)")
	historyLimit := fs.Int("history-limit", runner.DefaultHistoryLimit, "fail past N history events, as AWS does (0: no limit)")
	payloadLimit := fs.Int("payload-limit", runner.MaxPayloadBytes, "fail a state whose output is over N bytes of JSON, as AWS does at 256 KiB (0: no limit)")
	noValidate := fs.Bool("no-validate", false, "run without checking the definition against AWS's rules first")
	name := fs.String("name", "", "execution name (default: a random UUID)")
	itemsDir := fs.String("items-dir", "", "a distributed Map's ItemReader reads, and its ResultWriter writes, bucket B key K as the file `DIR`/B/K")
	lambda := fs.String("lambda-endpoint", "", "answer Lambda tasks from this Lambda-compatible `URL` (e.g. sam local start-lambda)")
	var commands multiFlag
	fs.Var(&commands, "command", "answer a task with a local command: `STATE=CMD` or RESOURCE=CMD (input JSON on stdin, result JSON on stdout); repeatable")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return ExitUsage
	}
	if *clock != "virtual" && *clock != "real" {
		fmt.Fprintf(env.Stderr, "baton run: --clock must be virtual or real, not %q\n", *clock)
		return ExitUsage
	}
	m, in, ok := loadRun(env, "run", pos[0], !*noValidate, *input)
	if !ok {
		return ExitUsage
	}
	handlers, err := runHandlers(*mocks, *testCase, commands, *lambda)
	if err != nil {
		fmt.Fprintf(env.Stderr, "baton run: %v\n", err)
		return ExitUsage
	}
	opts := []runner.Option{runner.WithTasks(handlers), runner.WithMaxTransitions(*maxTransitions), runner.WithHistoryLimit(*historyLimit), runner.WithPayloadLimit(*payloadLimit)}
	if *itemsDir != "" {
		opts = append(opts, runner.WithItemStore(runner.DirStore{Root: *itemsDir}))
	}
	if *clock == "real" {
		opts = append(opts, runner.WithClock(runner.RealClock()))
	}
	if *name != "" {
		opts = append(opts, runner.WithExecutionName(*name))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	x := m.Start(ctx, in, opts...)
	res := x.Wait()
	if *history != "" {
		if err := writeHistory(*history, x); err != nil {
			fmt.Fprintf(env.Stderr, "baton run: history: %v\n", err)
			return ExitUsage
		}
	}
	return printResult(env, res)
}

// writeHistory writes the execution's history to the file at path, an
// event at a time.
func writeHistory(path string, x *runner.Execution) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	err = x.WriteHistory(f)
	if err == nil {
		_, err = f.WriteString("\n")
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// loadMachine reads, validates (unless told not to) and compiles a
// definition, printing what is wrong with it.
func loadMachine(env *Env, path string, validate bool) (*runner.Machine, bool) {
	doc, ok := loadDocument(env, path)
	if !ok {
		return nil, false
	}
	if ds := model.Validate(doc, model.ValidateOptions{}); validate && model.HasErrors(ds) {
		for _, d := range ds {
			if d.Severity == model.SeverityError {
				fmt.Fprintln(env.Stderr, d.Format(doc.File))
			}
		}
		return nil, false
	}
	m, err := runner.Compile(doc)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return nil, false
	}
	return m, true
}

// printResult prints an execution's result line, the output JSON on
// stdout when it SUCCEEDED, else "Error: Cause" (or the status) on
// stderr, and returns the exit code.
func printResult(env *Env, res runner.Result) int {
	if res.Status == runner.StatusSucceeded {
		fmt.Fprintf(env.Stdout, "%s\n", runner.MarshalJSON(res.Output))
		return ExitOK
	}
	switch {
	case res.Error != "" || res.Cause != "":
		fmt.Fprintf(env.Stderr, "%s: %s\n", res.Error, res.Cause)
	default:
		fmt.Fprintf(env.Stderr, "execution %s\n", res.Status)
	}
	return ExitFailed
}

// loadRun loads a definition (see loadMachine) and reads the --input
// argument, printing what is wrong as "baton CMD: ..." on failure.
func loadRun(env *Env, cmd, path string, validate bool, input string) (*runner.Machine, any, bool) {
	m, ok := loadMachine(env, path, validate)
	if !ok {
		return nil, nil, false
	}
	in, err := readRunInput(env, input)
	if err != nil {
		fmt.Fprintf(env.Stderr, "baton %s: input: %v\n", cmd, err)
		return nil, nil, false
	}
	return m, in, true
}

// readRunInput reads --input: JSON text, @FILE or - (standard input).
func readRunInput(env *Env, arg string) (any, error) {
	src := []byte(arg)
	switch {
	case arg == "-":
		b, err := readInput(env, "-")
		if err != nil {
			return nil, err
		}
		src = b
	case strings.HasPrefix(arg, "@"):
		b, err := os.ReadFile(arg[1:])
		if err != nil {
			return nil, err
		}
		src = b
	}
	return runner.ParseJSON(src)
}

// runHandlers builds the task handlers: commands first, then the Lambda
// endpoint, then the mock config.
func runHandlers(mocks, testCase string, commands []string, lambda string) (runner.Handlers, error) {
	var hs runner.Handlers
	if len(commands) > 0 {
		ch := &runner.CommandHandler{Commands: map[string][]string{}}
		for _, c := range commands {
			key, cmd, ok := strings.Cut(c, "=")
			if !ok || key == "" || strings.TrimSpace(cmd) == "" {
				return nil, fmt.Errorf("--command %q: want STATE=CMD or RESOURCE=CMD", c)
			}
			ch.Commands[key] = []string{"sh", "-c", cmd}
		}
		hs = append(hs, ch)
	}
	if lambda != "" {
		hs = append(hs, &runner.LambdaHandler{Endpoint: lambda})
	}
	if mocks != "" {
		src, err := os.ReadFile(mocks)
		if err != nil {
			return nil, err
		}
		cfg, err := runner.ParseMockConfig(src)
		if err != nil {
			return nil, err
		}
		machine, tc, _ := strings.Cut(testCase, "/")
		if tc == "" {
			machine, tc = "", testCase
		}
		if tc == "" {
			names := cfg.TestCaseNames()
			if len(names) != 1 {
				return nil, fmt.Errorf("the mock config has %d test cases (%s): choose one with --test-case", len(names), strings.Join(names, ", "))
			}
			machine, tc, _ = strings.Cut(names[0], "/")
		}
		h, err := cfg.Handler(machine, tc)
		if err != nil {
			return nil, err
		}
		hs = append(hs, h)
	} else if testCase != "" {
		return nil, fmt.Errorf("--test-case needs --mocks")
	}
	return hs, nil
}
