package cli

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"baton/model"
)

func init() {
	register("export", "export a definition as JSON or YAML, or its diagram as PNG or SVG", runExport)
}

// DiagramExporter renders a document's diagram; definitionPath locates the
// layout sidecar. The designer registers "png" and "svg".
type DiagramExporter func(doc *model.Document, definitionPath string) ([]byte, error)

var diagramExporters = map[string]DiagramExporter{}

// RegisterDiagramExporter makes `baton export --to NAME` render diagrams
// with fn.
func RegisterDiagramExporter(name string, fn DiagramExporter) { diagramExporters[name] = fn }

func runExport(env *Env, args []string) int {
	fs := newFlags(env, "export", "--to json|yaml|png|svg FILE -o OUT")
	to := fs.String("to", "", "output kind: json, yaml, png or svg")
	out := fs.String("o", "", "output file (- for standard output)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 || *to == "" || *out == "" {
		fs.Usage()
		return ExitUsage
	}
	doc, ok := loadDocument(env, pos[0])
	if !ok {
		return ExitUsage
	}
	var data []byte
	switch kind := strings.ToLower(*to); kind {
	case "json":
		data = doc.Marshal(model.JSON)
	case "yaml", "yml":
		data = doc.Marshal(model.YAML)
	default:
		fn, ok := diagramExporters[kind]
		if !ok {
			kinds := []string{"json", "yaml"}
			for k := range diagramExporters {
				kinds = append(kinds, k)
			}
			sort.Strings(kinds)
			fmt.Fprintf(env.Stderr, "baton export: unknown --to %q; expected one of %s\n", *to, strings.Join(kinds, ", "))
			return ExitUsage
		}
		var err error
		if data, err = fn(doc, pos[0]); err != nil {
			fmt.Fprintf(env.Stderr, "baton export: %v\n", err)
			return ExitFailed
		}
	}
	if *out == "-" {
		env.Stdout.Write(data)
		return ExitOK
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintf(env.Stderr, "baton: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}
