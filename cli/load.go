package cli

import (
	"fmt"

	"baton/model"
)

// loadDocument reads and parses a definition, printing a positioned error
// (with the offending line and a caret) on failure.
func loadDocument(env *Env, path string) (*model.Document, bool) {
	src, err := readInput(env, path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "baton: %v\n", err)
		return nil, false
	}
	name := path
	if path == "-" {
		name = "<stdin>"
	}
	doc, err := model.Parse(name, src)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		if se, ok := err.(*model.SyntaxError); ok && se.Snippet() != "" {
			fmt.Fprintln(env.Stderr, se.Snippet())
		}
		return nil, false
	}
	return doc, true
}
