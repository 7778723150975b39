package conformance

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"baton/runner"
)

// isoDateTime matches the ISO-8601 date-times the recordings replaced by
// "date".
var isoDateTime = regexp.MustCompile(`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})`)

// replaceDates replaces the valid ISO-8601 date-times in s by "date".
func replaceDates(s string) string {
	return isoDateTime.ReplaceAllStringFunc(s, func(d string) string {
		if _, err := time.Parse(time.RFC3339Nano, d); err != nil {
			if _, err := time.Parse("2006-01-02T15:04:05.999999999-0700", d); err != nil {
				return d
			}
		}
		return "date"
	})
}

// normalize rewrites a produced value the way the recordings were
// normalised: date-times become "date", non-date values of keys that
// contain "timestamp" become "timestamp".
func normalize(v any) any {
	switch t := v.(type) {
	case string:
		if strings.IndexByte(t, 'T') >= 0 {
			return replaceDates(t)
		}
		return t
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			if strings.Contains(strings.ToLower(k), "timestamp") {
				if s, ok := x.(string); !ok || !isoDateTime.MatchString(s) {
					out[k] = "timestamp"
					continue
				}
			}
			out[k] = normalize(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = normalize(x)
		}
		return out
	}
	return v
}

// matcher compares produced values with expected ones, treating the
// case's redaction tokens in expected strings as wildcards.
type matcher struct {
	tokens    []string
	jsonCause bool // cause_reserialised: JSON text compares as values
	cache     map[string]*regexp.Regexp
}

func newMatcher(c *Case) *matcher {
	m := &matcher{jsonCause: c.Meta.HasFlag("cause_reserialised"), cache: map[string]*regexp.Regexp{}}
	m.tokens = append(m.tokens, c.Meta.Redactions...)
	// Longer tokens first, so that "x-amzn-RequestId" wins over "RequestId".
	sort.Slice(m.tokens, func(i, j int) bool { return len(m.tokens[i]) > len(m.tokens[j]) })
	return m
}

func (m *matcher) pattern(want string) *regexp.Regexp {
	if re, ok := m.cache[want]; ok {
		return re
	}
	var re *regexp.Regexp
	var b strings.Builder
	rest := want
	found := false
	for len(rest) > 0 {
		at, tok := -1, ""
		for _, t := range m.tokens {
			if t == "" {
				continue
			}
			if i := strings.Index(rest, t); i >= 0 && (at < 0 || i < at) {
				at, tok = i, t
			}
		}
		if at < 0 {
			b.WriteString(regexp.QuoteMeta(rest))
			break
		}
		found = true
		b.WriteString(regexp.QuoteMeta(rest[:at]))
		b.WriteString("(?s:.*)")
		rest = rest[at+len(tok):]
	}
	if found {
		re = regexp.MustCompile("^" + b.String() + "$")
	}
	m.cache[want] = re
	return re
}

func (m *matcher) isToken(s string) bool {
	for _, t := range m.tokens {
		if s == t {
			return true
		}
	}
	return false
}

func (m *matcher) matchString(got, want string) bool {
	if got == want {
		return true
	}
	if re := m.pattern(want); re != nil && re.MatchString(got) {
		return true
	}
	if m.jsonCause {
		gv, err1 := runner.ParseJSON([]byte(got))
		wv, err2 := runner.ParseJSON([]byte(want))
		if err1 == nil && err2 == nil && isContainer(gv) && isContainer(wv) {
			return m.match(gv, wv, "") == ""
		}
	}
	return false
}

func isContainer(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

// match compares got with want and describes the first difference ("" if
// none).
func (m *matcher) match(got, want any, at string) string {
	if at == "" {
		at = "$"
	}
	switch w := want.(type) {
	case string:
		if m.isToken(w) {
			// A redacted value stands for any value, of any type.
			return ""
		}
		g, ok := got.(string)
		if !ok || !m.matchString(g, w) {
			return fmt.Sprintf("at %s: got %s, want %s", at, short(got), short(want))
		}
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("at %s: got %s, want an object", at, short(got))
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			gv, ok := g[k]
			if !ok {
				return fmt.Sprintf("at %s: missing key %q", at, k)
			}
			if d := m.match(gv, w[k], at+"."+k); d != "" {
				return d
			}
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				return fmt.Sprintf("at %s: unexpected key %q", at, k)
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			return fmt.Sprintf("at %s: got %s, want an array", at, short(got))
		}
		if len(g) != len(w) {
			return fmt.Sprintf("at %s: got %d items, want %d", at, len(g), len(w))
		}
		for i := range w {
			if d := m.match(g[i], w[i], at+"["+strconv.Itoa(i)+"]"); d != "" {
				return d
			}
		}
	case int64, float64:
		if !numEqual(got, want) {
			return fmt.Sprintf("at %s: got %s, want %s", at, short(got), short(want))
		}
	default:
		if got != want {
			return fmt.Sprintf("at %s: got %s, want %s", at, short(got), short(want))
		}
	}
	return ""
}

func numEqual(a, b any) bool {
	af, ok1 := runner.AsNumber(a)
	bf, ok2 := runner.AsNumber(b)
	return ok1 && ok2 && af == bf
}

// short renders a value for a message, cut to a readable length.
func short(v any) string {
	s := string(runner.MarshalJSON(v))
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}

// compareHistory compares the sequence of event types. Recordings whose
// Parallel branch events were re-sorted and deduplicated (and
// ParallelStateSucceeded dropped) are compared as sets without that event.
func compareHistory(c *Case, events []*runner.Event) string {
	got := make([]string, len(events))
	for i, e := range events {
		got[i] = e.Type
	}
	want := make([]string, len(c.History))
	for i, e := range c.History {
		want[i] = e.Type
	}
	if c.Meta.HasFlag("parallel_events_normalised") || c.Meta.HasFlag("history_ids_normalised") {
		got, want = sortedWithout(got, "ParallelStateSucceeded"), sortedWithout(want, "ParallelStateSucceeded")
	}
	for i := 0; i < len(got) && i < len(want); i++ {
		if got[i] != want[i] {
			return fmt.Sprintf("event #%d is %s, want %s", i+1, got[i], want[i])
		}
	}
	if len(got) != len(want) {
		if len(got) > len(want) {
			return fmt.Sprintf("%d events, want %d (extra %s)", len(got), len(want), got[len(want)])
		}
		return fmt.Sprintf("%d events, want %d (missing %s)", len(got), len(want), want[len(got)])
	}
	return ""
}

func sortedWithout(list []string, drop string) []string {
	seen := map[string]bool{drop: true}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
