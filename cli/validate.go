package cli

import (
	"fmt"

	"baton/model"
)

func init() {
	register("validate", "check definitions against the rules AWS enforces; print file:line:col diagnostics", runValidate)
}

// runValidate prints every diagnostic of every file as
// "file:line:col: error|warning CODE: message". Exit code: 1 when a file
// has an error (a syntax error included), 2 on bad usage or an unreadable
// file, else 0.
func runValidate(env *Env, args []string) int {
	fs := newFlags(env, "validate", "[--express] FILE...")
	express := fs.Bool("express", false, "apply the limits of Express workflows (no .sync, .waitForTaskToken or activities)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		fs.Usage()
		return ExitUsage
	}
	exit := ExitOK
	for _, path := range pos {
		src, err := readInput(env, path)
		if err != nil {
			fmt.Fprintf(env.Stderr, "baton: %v\n", err)
			exit = ExitUsage
			continue
		}
		name := path
		if path == "-" {
			name = "<stdin>"
		}
		var ds []model.Diagnostic
		if doc, err := model.Parse(name, src); err != nil {
			ds = []model.Diagnostic{model.SyntaxDiagnostic(err)}
		} else {
			ds = model.Validate(doc, model.ValidateOptions{Express: *express})
		}
		for _, d := range ds {
			fmt.Fprintln(env.Stdout, d.Format(name))
		}
		if model.HasErrors(ds) && exit == ExitOK {
			exit = ExitFailed
		}
	}
	return exit
}
