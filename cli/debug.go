package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"baton/runner"
)

func init() {
	register("debug", "step through a local run: breakpoints, step into branches and iterations, inspect every phase (commands on stdin)", runDebug)
}

// runDebug is the terminal step-debugger: a runner.DebugSession driven by
// commands read line by line from standard input, a terminal or a pipe.
// Every stop prints one line, "stopped at STATE before|after REASON"; the
// end prints the result line as `baton run` does. Exit code: that of the
// last run's result (0 if it did not end), 2 for bad usage.
func runDebug(env *Env, args []string) int {
	fs := newFlags(env, "debug", "DEF [--input JSON|@FILE] [--mocks FILE [--test-case NAME]] [--break STATE]... [--break-on-error]")
	input := fs.String("input", "{}", "execution input: JSON text or @FILE")
	mocks := fs.String("mocks", "", "AWS Step Functions Local mock config `FILE`")
	testCase := fs.String("test-case", "", "test case of the mock config (MACHINE/CASE or CASE; default: its only one)")
	var breaks, commands multiFlag
	fs.Var(&breaks, "break", "stop before `STATE`; repeatable")
	breakOnError := fs.Bool("break-on-error", false, "stop wherever a state fails, caught or not")
	noValidate := fs.Bool("no-validate", false, "debug without checking the definition against AWS's rules first")
	name := fs.String("name", "", "execution name (default: a random UUID)")
	lambda := fs.String("lambda-endpoint", "", "answer Lambda tasks from this Lambda-compatible `URL`")
	fs.Var(&commands, "command", "answer a task with a local command: `STATE=CMD` or RESOURCE=CMD; repeatable")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return ExitUsage
	}
	if *input == "-" {
		fmt.Fprintln(env.Stderr, "baton debug: --input -: standard input carries the debugger's commands; give the input as JSON or @FILE")
		return ExitUsage
	}
	m, in, ok := loadRun(env, "debug", pos[0], !*noValidate, *input)
	if !ok {
		return ExitUsage
	}
	if _, err := runHandlers(*mocks, *testCase, commands, *lambda); err != nil {
		fmt.Fprintf(env.Stderr, "baton debug: %v\n", err)
		return ExitUsage
	}
	// Each run (and restart) gets fresh handlers: mock call counts start
	// over.
	tasks := func() runner.TaskHandler {
		hs, err := runHandlers(*mocks, *testCase, commands, *lambda)
		if err != nil {
			return runner.TaskFunc(func(context.Context, *runner.TaskRequest) (any, error) {
				return nil, runner.Errorf(runner.ErrRuntime, "task handlers: %v", err)
			})
		}
		return hs
	}
	var opts []runner.Option
	if *name != "" {
		opts = append(opts, runner.WithExecutionName(*name))
	}
	s := runner.NewDebugSession(m, in, runner.DebugConfig{Tasks: tasks, Options: opts})
	defer s.Close()
	for _, b := range breaks {
		if err := s.SetBreakpoint(runner.Breakpoint{State: b}); err != nil {
			fmt.Fprintf(env.Stderr, "baton debug: --break: %v\n", err)
			return ExitUsage
		}
	}
	if *breakOnError {
		s.BreakOnError(runner.ErrorBreak{})
	}
	// Ctrl-C pauses a running execution, as in dlv.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	go func() {
		for range sig {
			s.Pause()
		}
	}()
	defer func() {
		signal.Stop(sig)
		close(sig)
	}()
	d := &debugger{env: env, s: s}
	return d.loop()
}

// debugger reads and runs the terminal debugger's commands.
type debugger struct {
	env  *Env
	s    *runner.DebugSession
	code int // the exit code: the last run's result
}

// debugCommands is the command table: name (and abbreviation) → action.
var debugCommands = map[string]func(d *debugger, arg string) error{}

func init() {
	add := func(fn func(d *debugger, arg string) error, names ...string) {
		for _, n := range names {
			debugCommands[n] = fn
		}
	}
	add(func(d *debugger, _ string) error { return d.resume(d.s.Continue()) }, "continue", "c")
	add(func(d *debugger, _ string) error { return d.resume(d.s.Step()) }, "step", "s", "next", "n")
	add((*debugger).into, "into", "i")
	add(func(d *debugger, _ string) error { return d.resume(d.s.StepOut()) }, "out", "o")
	add(func(d *debugger, arg string) error { return d.resume(d.s.RunTo(arg)) }, "until", "u")
	add(func(d *debugger, _ string) error { return d.resume(d.s.Skip()) }, "skip")
	add((*debugger).setBreak, "break", "b")
	add((*debugger).clearBreak, "clear")
	add((*debugger).listBreaks, "breakpoints", "bp")
	add((*debugger).print, "print", "p")
	add(func(d *debugger, _ string) error { return d.print("variables") }, "vars")
	add((*debugger).setInput, "input")
	add((*debugger).events, "events")
	add((*debugger).send, "send")
	add((*debugger).where, "where", "w")
	add((*debugger).restart, "restart", "r")
	add((*debugger).help, "help", "h")
}

func (d *debugger) loop() int {
	interactive := isTerminal(d.env.Stdin)
	sc := bufio.NewScanner(d.env.Stdin)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for {
		if interactive {
			fmt.Fprint(d.env.Stdout, "(baton) ")
		}
		if !sc.Scan() {
			break
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		verb, arg, _ := strings.Cut(line, " ")
		if verb == "quit" || verb == "q" || verb == "exit" {
			break
		}
		fn, ok := debugCommands[verb]
		if !ok {
			fmt.Fprintf(d.env.Stderr, "unknown command %q (help lists them)\n", verb)
			continue
		}
		if err := fn(d, strings.TrimSpace(arg)); err != nil {
			fmt.Fprintf(d.env.Stderr, "%s: %v\n", verb, err)
		}
	}
	return d.code
}

// resume reports where a command that resumed the execution led: the
// next stop, or the end.
func (d *debugger) resume(err error) error {
	if err != nil {
		return err
	}
	st, err := d.s.Next(context.Background())
	if err != nil {
		return err
	}
	if st != nil {
		fmt.Fprintf(d.env.Stdout, "stopped at %s\n", st)
		return nil
	}
	d.code = printResult(d.env, d.s.Result())
	return nil
}

func (d *debugger) into(arg string) error {
	n := -1
	if arg != "" {
		var err error
		if n, err = strconv.Atoi(arg); err != nil || n < 0 {
			return fmt.Errorf("want a branch or iteration index, not %q", arg)
		}
	}
	return d.resume(d.s.StepInto(n))
}

// setBreak parses "STATE [before|after] [if CONDITION]".
func (d *debugger) setBreak(arg string) error {
	spec, cond, _ := strings.Cut(arg, " if ")
	fields := strings.Fields(spec)
	if len(fields) == 0 || len(fields) > 2 {
		return fmt.Errorf("want STATE [before|after] [if CONDITION]")
	}
	bp := runner.Breakpoint{State: fields[0], Condition: strings.TrimSpace(cond)}
	if len(fields) == 2 {
		switch fields[1] {
		case "before":
		case "after":
			bp.When = runner.After
		default:
			return fmt.Errorf("want before or after, not %q", fields[1])
		}
	}
	if err := d.s.SetBreakpoint(bp); err != nil {
		return err
	}
	fmt.Fprintf(d.env.Stdout, "breakpoint %s\n", describeBreak(bp))
	return nil
}

func describeBreak(bp runner.Breakpoint) string {
	s := bp.State + " " + bp.When.String()
	if bp.Condition != "" {
		s += " if " + bp.Condition
	}
	return s
}

func (d *debugger) clearBreak(arg string) error {
	if arg == "" {
		return fmt.Errorf("want a state")
	}
	d.s.ClearBreakpoint(arg, runner.Before)
	d.s.ClearBreakpoint(arg, runner.After)
	fmt.Fprintf(d.env.Stdout, "cleared %s\n", arg)
	return nil
}

func (d *debugger) listBreaks(string) error {
	for _, bp := range d.s.Breakpoints() {
		fmt.Fprintf(d.env.Stdout, "breakpoint %s\n", describeBreak(bp))
	}
	return nil
}

// stop is the current stop, or why there is none.
func (d *debugger) stop() (*runner.DebugStop, error) {
	if st := d.s.Current(); st != nil {
		return st, nil
	}
	switch {
	case d.s.Execution() == nil:
		return nil, runner.ErrDebugNotStarted
	case d.s.Result().Status != "":
		return nil, runner.ErrDebugEnded
	}
	return nil, runner.ErrDebugRunning
}

// print prints the stop's phases as TestState's inspection data, or one
// of them, or the variables or the context object.
func (d *debugger) print(arg string) error {
	st, err := d.stop()
	if err != nil {
		return err
	}
	var out []byte
	switch arg {
	case "":
		out = st.InspectionJSON()
	case "variables", "vars":
		out = runner.MarshalJSON(nonNil(st.Variables))
	case "context":
		out = runner.MarshalJSON(st.Context)
	default:
		v, ok := st.PhaseByName(arg)
		if !ok {
			return fmt.Errorf("the state has not reached %q here (print shows the phases it has)", arg)
		}
		out = runner.MarshalJSON(v)
	}
	fmt.Fprintf(d.env.Stdout, "%s\n", out)
	return nil
}

func nonNil(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// setInput replaces the input of the state the session stopped before.
func (d *debugger) setInput(arg string) error {
	v, err := runner.ParseJSON([]byte(arg))
	if err != nil {
		return err
	}
	_, err = d.s.SetInput(v)
	return err
}

// events prints the history so far, one event a line: id, type and, for
// a state's events, its name.
func (d *debugger) events(string) error {
	for _, e := range d.s.Events() {
		name := ""
		switch det := e.Details.(type) {
		case *runner.StateEnteredEventDetails:
			name = " " + det.Name
		case *runner.StateExitedEventDetails:
			name = " " + det.Name
		}
		fmt.Fprintf(d.env.Stdout, "%d %s%s\n", e.ID, e.Type, name)
	}
	return nil
}

// send answers the callback task: "success JSON", "failure ERROR CAUSE…"
// or "heartbeat".
func (d *debugger) send(arg string) error {
	kind, rest, _ := strings.Cut(arg, " ")
	rest = strings.TrimSpace(rest)
	switch kind {
	case "success":
		v, err := runner.ParseJSON([]byte(rest))
		if err != nil {
			return err
		}
		return d.resume(d.s.SendSuccess(v))
	case "failure":
		errName, cause, _ := strings.Cut(rest, " ")
		return d.resume(d.s.SendFailure(errName, strings.TrimSpace(cause)))
	case "heartbeat":
		st, err := d.s.SendHeartbeat()
		if err != nil {
			return err
		}
		fmt.Fprintf(d.env.Stdout, "heartbeat %d sent to %s\n", st.Heartbeats, st.State)
		return nil
	}
	return fmt.Errorf("want success JSON, failure ERROR CAUSE or heartbeat")
}

// where prints where the stop is: the state, its scope, its retries and,
// in a wait or a callback, what it waits for.
func (d *debugger) where(string) error {
	st, err := d.stop()
	if err != nil {
		return err
	}
	scope := st.Scope
	if scope == "" {
		scope = "top level"
	}
	fmt.Fprintf(d.env.Stdout, "%s (%s) in %s, entered at event %d, retry count %d\n", st.State, st.Type, scope, st.EnteredEventID, st.RetryCount)
	if w := st.Wait; w != nil {
		what := "Wait"
		if w.Retry {
			what = "retry delay"
		}
		fmt.Fprintf(d.env.Stdout, "%s of %v, %v left (skip ends it)\n", what, w.Duration, w.Remaining)
	}
	if f := st.Failure; f != nil {
		switch {
		case f.Retry:
			fmt.Fprintf(d.env.Stdout, "%s is retried after %v\n", f.Err.Name, f.RetryDelay)
		case f.Caught:
			fmt.Fprintf(d.env.Stdout, "%s is caught, going to %s\n", f.Err.Name, f.Next)
		default:
			fmt.Fprintf(d.env.Stdout, "%s is not caught: %s\n", f.Err.Name, f.Err.Cause)
		}
	}
	if st.Token != "" {
		fmt.Fprintf(d.env.Stdout, "waiting for a callback on task token %s\n", st.Token)
	}
	return nil
}

func (d *debugger) restart(string) error {
	d.s.Restart()
	d.code = ExitOK
	fmt.Fprintln(d.env.Stdout, "restarted")
	return nil
}

func (d *debugger) help(string) error {
	fmt.Fprint(d.env.Stdout, `continue (c)              run to the next breakpoint or the end
step (s)                  run to the next state at this level (before → after → next)
into (i) [N]              step into a Parallel branch or Map iteration (N: which)
out (o)                   run until the enclosing Parallel or Map is done
until (u) STATE           run until STATE is about to run
break (b) STATE [before|after] [if CONDITION]
                          stop at STATE; CONDITION is JSONPath, e.g. $.count > 3 && $var == 'x'
clear STATE               remove STATE's breakpoints
breakpoints (bp)          list the breakpoints
print (p) [PHASE]         the phases as TestState's inspection data, or one of them
                          (input, afterInputPath, afterParameters, result, afterResultSelector,
                          afterResultPath, output, variables, context)
vars                      the variables in scope
input JSON                run the state stopped before on this input instead
where (w)                 scope, retries, wait or callback of the stop
skip                      end the wait the state is in
send success JSON | send failure ERROR CAUSE | send heartbeat
                          answer the callback task the execution waits for
events                    the history events so far
restart (r)               run again from the start, same input and mocks
quit (q)                  leave (stops the execution)
`)
	return nil
}

// isTerminal reports whether r is a terminal, where the debugger prompts.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
