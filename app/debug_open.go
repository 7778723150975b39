package app

import (
	"errors"
	"os"
	"strings"

	"fyne.io/fyne/v2"

	"baton/runner"
)

// debugFlag on the command line opens a definition and debugs it at once:
//
//	baton --debug DEF [--input JSON|@FILE] [--mocks FILE [--test-case NAME]] [--break STATE[:after]]...
//
// The window opens paused at the first breakpoint (or before the first
// state, without one). The input and mocks given replace the saved
// choice for this window only.
const debugFlag = "--debug"

// debugArgs are what --debug asks for.
type debugArgs struct {
	def, input, mocks, testCase string
	breaks                      []runner.Breakpoint
}

// parseDebugArgs reads what follows --debug.
func parseDebugArgs(args []string) (*debugArgs, error) {
	usage := errors.New("usage: baton --debug DEFINITION [--input JSON|@FILE] [--mocks FILE [--test-case NAME]] [--break STATE[:after]]...")
	a := &debugArgs{}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if !strings.HasPrefix(arg, "--") {
			if a.def != "" {
				return nil, usage
			}
			a.def = arg
			continue
		}
		if i+1 >= len(args) {
			return nil, usage
		}
		i++
		val := args[i]
		switch arg {
		case "--input":
			a.input = val
		case "--mocks":
			a.mocks = val
		case "--test-case":
			a.testCase = val
		case "--break":
			bp := runner.Breakpoint{State: val}
			if name, ok := strings.CutSuffix(val, ":after"); ok {
				bp = runner.Breakpoint{State: name, When: runner.After}
			}
			a.breaks = append(a.breaks, bp)
		default:
			return nil, usage
		}
	}
	if a.def == "" {
		return nil, usage
	}
	return a, nil
}

// openDebugArgs opens the editor --debug asks for and starts debugging.
func openDebugArgs(a fyne.App, args []string) error {
	da, err := parseDebugArgs(args)
	if err != nil {
		return err
	}
	doc, src, err := readDefinition(da.def)
	if err != nil {
		return err
	}
	e := openEditorWindow(a, da.def, doc, src, nil)
	d := e.dbg
	c := d.config()
	if da.input != "" {
		text := da.input
		if file, ok := strings.CutPrefix(text, "@"); ok {
			b, err := os.ReadFile(file)
			if err != nil {
				return err
			}
			text = string(b)
		}
		if err := c.setInput("command line", text); err != nil {
			return err
		}
	}
	if da.mocks != "" {
		mf, err := loadMockFile(da.mocks)
		if err != nil {
			return err
		}
		tc := da.testCase
		if tc == "" {
			if names := mf.cfg.TestCaseNames(); len(names) > 0 {
				tc = names[0]
			}
		} else if !strings.Contains(tc, "/") {
			for _, n := range mf.cfg.TestCaseNames() {
				if _, c, _ := strings.Cut(n, "/"); c == tc {
					tc = n
				}
			}
		}
		d.memMocks, c.TestCase = mf, tc
	}
	for _, bp := range da.breaks {
		if err := d.setBreakpoint(bp); err != nil {
			return err
		}
	}
	if len(da.breaks) == 0 {
		return d.start(true, (*runner.DebugSession).Step)
	}
	return d.start(true, (*runner.DebugSession).Continue)
}

func init() {
	startDebugSession = func(a fyne.App, run *localRun) error {
		_, err := debugRecordedRun(a, run)
		return err
	}
}

// debugRecordedRun is "Debug this run locally" of the replay view: a new
// window on the recorded definition, debugging it with the recorded input
// and the mocks generated from the recording, stopped before the first
// state.
func debugRecordedRun(a fyne.App, run *localRun) (*Editor, error) {
	mf, err := parseMockFile("", run.mocks)
	if err != nil {
		return nil, err
	}
	e := openEditorWindow(a, "", run.doc, run.doc.Text(run.doc.Format), nil)
	d := e.dbg
	c := d.config()
	d.memMocks, c.TestCase = mf, run.machine+"/"+run.testCase
	if err := c.setInput("recorded", run.input); err != nil {
		return e, err
	}
	return e, d.start(true, (*runner.DebugSession).Step)
}
