package cli

import (
	"bytes"
	"fmt"
	"os"

	"baton/model"
)

func init() {
	register("fmt", "format a definition (JSON or YAML), keeping key order and values as written", runFmt)
}

func runFmt(env *Env, args []string) int {
	fs := newFlags(env, "fmt", "[-w] [--json|--yaml] FILE")
	write := fs.Bool("w", false, "write the result back to FILE instead of standard output")
	asJSON := fs.Bool("json", false, "write JSON (default: the input's format)")
	asYAML := fs.Bool("yaml", false, "write YAML (default: the input's format)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 || (*asJSON && *asYAML) || (*write && pos[0] == "-") {
		fs.Usage()
		return ExitUsage
	}
	doc, ok := loadDocument(env, pos[0])
	if !ok {
		return ExitUsage
	}
	format := doc.Format
	if *asJSON {
		format = model.JSON
	} else if *asYAML {
		format = model.YAML
	}
	out := doc.Marshal(format)
	if !*write {
		env.Stdout.Write(out)
		return ExitOK
	}
	old, _ := os.ReadFile(pos[0])
	if bytes.Equal(old, out) {
		return ExitOK
	}
	if err := writeFileAtomic(pos[0], out); err != nil {
		fmt.Fprintf(env.Stderr, "baton: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}

// writeFileAtomic replaces path with data through a temporary file in the
// same folder, so that a crash never leaves half a definition.
func writeFileAtomic(path string, data []byte) error {
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp := path + ".baton-tmp"
	if err := os.WriteFile(tmp, data, mode); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
