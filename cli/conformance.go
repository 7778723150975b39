package cli

import (
	"context"
	"fmt"
	"sort"

	"baton/runner/conformance"
)

func init() {
	register("conformance", "run recorded AWS executions (the corpus format) and report which differ", runConformance)
}

// runConformance runs every case folder under the given directories and
// prints one line per failing case, then "N passed, N failed". Exit code:
// 0 when every case passes, 1 when one fails, 2 on bad usage.
func runConformance(env *Env, args []string) int {
	fs := newFlags(env, "conformance", "[--features] [--history] DIR...")
	features := fs.Bool("features", false, "print a pass table per feature")
	history := fs.Bool("history", false, "also compare the sequence of event types with history.json")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		fs.Usage()
		return ExitUsage
	}
	cases, err := conformance.Load(pos...)
	if err != nil {
		fmt.Fprintf(env.Stderr, "baton conformance: %v\n", err)
		return ExitUsage
	}
	outcomes := conformance.RunAll(context.Background(), cases, conformance.Options{})
	passed, failed := 0, 0
	type tally struct{ pass, total int }
	byFeature := map[string]*tally{}
	for _, o := range outcomes {
		ok := o.Pass
		reason := o.Reason
		if *history && ok && o.HistoryChecked && !o.HistoryMatch {
			ok, reason = false, "history: "+o.HistoryReason
		}
		if ok {
			passed++
		} else {
			failed++
			fmt.Fprintf(env.Stdout, "FAIL %s: %s\n", o.Case.ID, reason)
		}
		for _, f := range o.Case.Meta.FeatureNames() {
			t := byFeature[f]
			if t == nil {
				t = &tally{}
				byFeature[f] = t
			}
			t.total++
			if ok {
				t.pass++
			}
		}
	}
	if *features {
		names := make([]string, 0, len(byFeature))
		for f := range byFeature {
			names = append(names, f)
		}
		sort.Strings(names)
		fmt.Fprintf(env.Stdout, "\n%-32s %7s %7s %7s\n", "feature", "passed", "cases", "rate")
		for _, f := range names {
			t := byFeature[f]
			fmt.Fprintf(env.Stdout, "%-32s %7d %7d %6.1f%%\n", f, t.pass, t.total, 100*float64(t.pass)/float64(t.total))
		}
		fmt.Fprintln(env.Stdout)
	}
	fmt.Fprintf(env.Stdout, "%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return ExitFailed
	}
	return ExitOK
}
