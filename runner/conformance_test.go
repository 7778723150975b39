package runner_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baton/runner/conformance"
)

// corpusDir is the recorded corpus, beside the project.
const corpusDir = "../../shared/conformance/cases"

// TestConformance runs every recorded case. A case that fails must be
// listed in testdata/known-failures.txt with its reason, and a listed
// case that passes must come off the list, so that it only shrinks.
func TestConformance(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("no conformance corpus at " + corpusDir)
	}
	known, err := readKnownFailures("testdata/known-failures.txt")
	if err != nil {
		t.Fatal(err)
	}
	cases, err := conformance.Load(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	outcomes := conformance.RunAll(context.Background(), cases, conformance.Options{})
	var jsonPath, jsonPathPass, hist, histMatch int
	seen := map[string]bool{}
	for _, o := range outcomes {
		id := o.Case.ID
		seen[id] = true
		_, listed := known[id]
		switch {
		case !o.Pass && !listed:
			t.Errorf("%s: %s", id, o.Reason)
		case o.Pass && listed:
			t.Errorf("%s passes now: remove it from testdata/known-failures.txt", id)
		}
		if o.Case.Meta.JSONPathOnly() {
			jsonPath++
			if o.Pass {
				jsonPathPass++
			}
			if o.HistoryChecked {
				hist++
				if o.HistoryMatch {
					histMatch++
				}
			}
		}
	}
	for id := range known {
		if !seen[id] {
			t.Errorf("testdata/known-failures.txt lists %s, which is not in the corpus", id)
		}
	}
	t.Logf("JSONPath-only cases: %d/%d pass; event types match for %d/%d with a history", jsonPathPass, jsonPath, histMatch, hist)
	if hist > 0 && histMatch*100 < hist*95 {
		t.Errorf("event-type sequences match for only %d of %d JSONPath cases with a history (want 95%%)", histMatch, hist)
	}
}

// readKnownFailures reads "case-id reason" lines; # starts a comment.
func readKnownFailures(path string) (map[string]string, error) {
	f, err := os.Open(filepath.FromSlash(path))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	known := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, reason, _ := strings.Cut(line, " ")
		known[id] = strings.TrimSpace(reason)
	}
	return known, sc.Err()
}
