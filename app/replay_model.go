package app

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"baton/canvas"
	"baton/cloud"
	"baton/model"
)

// runPhase is how far one state (in one Map iteration) has got at a point
// of a replay.
type runPhase uint8

const (
	phaseNone runPhase = iota
	phaseRunning
	// phaseFailing: the state raised an error that a Retry or a Catch may
	// still handle.
	phaseFailing
	phaseSucceeded
	phaseCaught
	// phaseCancelled: the state was still running when its Parallel or Map
	// ended (another branch failed and the error was caught).
	phaseCancelled
	phaseFailed
)

// runStatus is a phase, and whether the state was retried on the way.
type runStatus struct {
	phase   runPhase
	retried bool
}

// rank orders statuses by how much they matter when several Map
// iterations of a state disagree: failed, then running, caught, retried,
// succeeded.
func (s runStatus) rank() int {
	switch s.phase {
	case phaseFailed, phaseFailing:
		return 6
	case phaseRunning:
		return 5
	case phaseCaught:
		return 4
	case phaseSucceeded:
		if s.retried {
			return 3
		}
		return 2
	case phaseCancelled:
		return 1
	}
	return 0
}

// statusChange says that at step Step the state of key Key became St.
type statusChange struct {
	step, key int32
	st        runStatus
}

// replayKey is one state in one Map iteration path.
type replayKey struct{ scope, state string }

// replayScope narrows a replay to one Map iteration or one Parallel
// branch: the timeline lists its events, and the canvas colours the
// states inside the Map by that iteration alone.
type replayScope struct {
	label string
	// iter is a Map iteration path ("ProcessItems#1", nested ones joined
	// by "/"); "" for a branch.
	iter string
	// container is the Map state of iter, or the Parallel of branch.
	container string
	branch    int
}

// replayModel is a history prepared for the replay view: what each event
// means for the colours of the canvas at any position, the Map
// iterations and Parallel branches one can narrow it to, and timeline
// rows. It holds no widgets, so it is tested and benchmarked headless.
type replayModel struct {
	r     *cloud.Replay
	doc   *model.Document
	start time.Time

	keys []replayKey
	// stepKey is the key of each step, -1 for the execution's own events.
	stepKey []int32
	// entered is, for each step in a state, the step that entered the
	// state on this visit (-1 if none): where its input is.
	entered []int32
	// changes are the status changes in step order.
	changes []statusChange
	// scopes are the Map iterations and Parallel branches that ran.
	scopes []replayScope
	// ancestors maps a state name of the definition to the containers it
	// is nested in, innermost first.
	ancestors map[string][]containerRef
	// missing lists states of the history the definition does not have.
	missing []string
}

// retryStarts are the event types with which a retried state starts over.
var retryStarts = map[string]bool{
	"TaskScheduled": true, "LambdaFunctionScheduled": true, "ActivityScheduled": true,
	"ParallelStateStarted": true, "MapStateStarted": true,
}

// stateFailure reports whether an event raises an error in its state (a
// Map iteration's failure is the iteration's, not yet the Map state's).
func stateFailure(typ string) bool {
	if strings.HasPrefix(typ, "MapIteration") {
		return false
	}
	return strings.HasSuffix(typ, "Failed") || strings.HasSuffix(typ, "TimedOut") || strings.HasSuffix(typ, "Aborted")
}

// executionFailure reports whether an execution event ends it unsuccessfully.
func executionFailure(typ string) bool {
	return typ == "ExecutionFailed" || typ == "ExecutionTimedOut" || typ == "ExecutionAborted"
}

// newReplayModel prepares events (as GetExecutionHistory returns them) for
// replay on doc, the definition that ran.
func newReplayModel(events []cloud.HistoryEvent, doc *model.Document) *replayModel {
	r := cloud.NewReplay(events)
	m := &replayModel{r: r, doc: doc, stepKey: make([]int32, len(r.Steps)), entered: make([]int32, len(r.Steps))}
	if len(r.Steps) > 0 {
		m.start = r.Steps[0].Event.Timestamp
	}
	m.ancestors = containersOf(doc)
	keyIndex := map[replayKey]int32{}
	var cur []runStatus
	var visit []int32
	open := map[int32]bool{} // keys running or failing
	scopeSeen := map[string]bool{}
	missing := map[string]bool{}
	set := func(i int, k int32, st runStatus) {
		if cur[k] == st {
			return
		}
		cur[k] = st
		m.changes = append(m.changes, statusChange{int32(i), k, st})
		if st.phase == phaseRunning || st.phase == phaseFailing {
			open[k] = true
		} else {
			delete(open, k)
		}
	}
	// closeOpen settles the states still open: at the end of a failed
	// execution they failed; when a Map or Parallel ends, those inside it
	// were cancelled.
	closeOpen := func(i int, inside func(k replayKey) bool, phase runPhase) {
		ks := make([]int32, 0, len(open))
		for k := range open {
			if inside(m.keys[k]) {
				ks = append(ks, k)
			}
		}
		slices.Sort(ks) // deterministic change order
		for _, k := range ks {
			p := phase
			if cur[k].phase == phaseFailing {
				p = phaseFailed // its error is what ended the container
			}
			set(i, k, runStatus{phase: p, retried: cur[k].retried})
		}
	}
	for i := range r.Steps {
		s := &r.Steps[i]
		typ := s.Event.Type
		m.entered[i] = -1
		if s.State == "" {
			m.stepKey[i] = -1
			if executionFailure(typ) {
				closeOpen(i, func(replayKey) bool { return true }, phaseFailed)
			}
			continue
		}
		scope := strings.Join(s.Scope, "/")
		if scope != "" && !scopeSeen[scope] {
			scopeSeen[scope] = true
			m.scopes = append(m.scopes, replayScope{label: scopeLabel(s.Scope), iter: scope, container: mapOf(s.Scope[len(s.Scope)-1])})
		}
		k, ok := keyIndex[replayKey{scope, s.State}]
		if !ok {
			k = int32(len(m.keys))
			keyIndex[replayKey{scope, s.State}] = k
			m.keys = append(m.keys, replayKey{scope, s.State})
			cur = append(cur, runStatus{})
			visit = append(visit, -1)
			if doc != nil && doc.Machine.Find(s.State) == nil {
				missing[s.State] = true
			}
		}
		m.stepKey[i] = k
		st := cur[k]
		switch {
		case strings.HasSuffix(typ, "StateEntered"):
			visit[k] = int32(i)
			st = runStatus{phase: phaseRunning}
		case strings.HasSuffix(typ, "StateExited"):
			if st.phase == phaseFailing {
				st.phase = phaseCaught
			} else {
				st.phase = phaseSucceeded
			}
		case retryStarts[typ] && st.phase == phaseFailing:
			st = runStatus{phase: phaseRunning, retried: true}
		case stateFailure(typ):
			st.phase = phaseFailing
		}
		m.entered[i] = visit[k]
		set(i, k, st)
		if (typ == "ParallelStateExited" || typ == "MapStateExited") && len(open) > 0 {
			name := s.State
			closeOpen(i, func(o replayKey) bool {
				return strings.HasPrefix(o.scope, scope) && m.inside(o.state, name, anyBranch)
			}, phaseCancelled)
		}
	}
	m.missing = sortedKeys(missing)
	m.scopes = append(m.scopes, m.branchScopes()...)
	return m
}

// containerRef is a Map's processor (branch -1) or a Parallel's branch.
type containerRef struct {
	name   string
	branch int
}

// anyBranch matches a container whatever the branch.
const anyBranch = -2

// containersOf maps every state of doc to the Map processors and Parallel
// branches it is nested in, innermost first.
func containersOf(doc *model.Document) map[string][]containerRef {
	out := map[string][]containerRef{}
	if doc == nil {
		return out
	}
	doc.Machine.Walk(func(s *model.State) bool {
		var chain []containerRef
		for mach := s.Machine; mach.Parent != nil; mach = mach.Parent.Machine {
			p := mach.Parent
			chain = append(chain, containerRef{p.Name, slices.Index(p.Branches, mach)})
		}
		out[s.Name] = chain
		return true
	})
	return out
}

// inside reports whether state is nested, at any depth, in the branch of
// the container state named name (anyBranch: in any of its branches).
func (m *replayModel) inside(state, name string, branch int) bool {
	for _, c := range m.ancestors[state] {
		if c.name == name && (branch == anyBranch || c.branch == branch) {
			return true
		}
	}
	return false
}

// branchScopes lists the branches of the Parallel states that ran.
func (m *replayModel) branchScopes() []replayScope {
	ran := map[string]bool{}
	for _, k := range m.keys {
		ran[k.state] = true
	}
	var out []replayScope
	if m.doc == nil {
		return out
	}
	m.doc.Machine.Walk(func(s *model.State) bool {
		if s.Type != model.TypeParallel || !ran[s.Name] {
			return true
		}
		for b, br := range s.Branches {
			out = append(out, replayScope{label: s.Name + " › branch " + strconv.Itoa(b+1) + " (" + br.StartAt + ")", container: s.Name, branch: b})
		}
		return true
	})
	return out
}

// scopeLabel shows a Map iteration path: "ProcessItems #1 › Inner #0".
func scopeLabel(scope []string) string {
	parts := make([]string, len(scope))
	for i, it := range scope {
		name, index, _ := strings.Cut(it, "#")
		parts[i] = name + " #" + index
	}
	return strings.Join(parts, " › ")
}

// mapOf is the Map state of an iteration path element "Map#index".
func mapOf(it string) string {
	name, _, _ := strings.Cut(it, "#")
	return name
}

// inScope reports whether step i belongs to sc (nil: everything).
func (m *replayModel) inScope(sc *replayScope, i int) bool {
	if sc == nil {
		return true
	}
	k := m.stepKey[i]
	if k < 0 {
		return false
	}
	key := m.keys[k]
	if sc.iter != "" {
		return key.scope == sc.iter || strings.HasPrefix(key.scope, sc.iter+"/")
	}
	return key.state == sc.container || m.inside(key.state, sc.container, sc.branch)
}

// keyShown reports whether a key counts for the colours under sc: inside
// a Map, only the chosen iteration does.
func (m *replayModel) keyShown(sc *replayScope, k replayKey) bool {
	if sc == nil || sc.iter == "" || !m.inside(k.state, sc.container, anyBranch) {
		return true
	}
	return k.scope == sc.iter || strings.HasPrefix(k.scope, sc.iter+"/")
}

// statusesAt returns the status of every key after step i.
func (m *replayModel) statusesAt(i int) []runStatus {
	st := make([]runStatus, len(m.keys))
	end := sort.Search(len(m.changes), func(j int) bool { return int(m.changes[j].step) > i })
	for _, c := range m.changes[:end] {
		st[c.key] = c.st
	}
	return st
}

// outcomes returns how far every state that ran had got after step i,
// narrowed to sc (nil: all); a state that ran in several Map iterations
// shows the status that matters most.
func (m *replayModel) outcomes(i int, sc *replayScope) map[string]runStatus {
	best := map[string]runStatus{}
	for k, st := range m.statusesAt(i) {
		key := m.keys[k]
		if st.phase == phaseNone || !m.keyShown(sc, key) {
			continue
		}
		if b, ok := best[key.state]; !ok || st.rank() > b.rank() {
			best[key.state] = st
		}
	}
	return best
}

// runState is the canvas overlay of outcomes with current as the current
// state. Cancelled states are left uncoloured.
func runState(outcomes map[string]runStatus, current string) canvas.RunState {
	rs := canvas.RunState{
		Current: current,
		Visited: map[string]bool{}, Failed: map[string]bool{}, Running: map[string]bool{},
		Caught: map[string]bool{}, Retried: map[string]bool{},
	}
	for name, st := range outcomes {
		switch st.phase {
		case phaseCancelled:
			continue
		case phaseFailed, phaseFailing:
			rs.Failed[name] = true
		case phaseRunning:
			rs.Running[name] = true
		case phaseCaught:
			rs.Caught[name] = true
		}
		rs.Visited[name] = true
		if st.retried {
			rs.Retried[name] = true
		}
	}
	return rs
}

// String describes a status for the inspector: "caught, retried".
func (s runStatus) String() string {
	out := [...]string{"not run", "running", "failed", "succeeded", "caught", "cancelled", "failed"}[s.phase]
	if s.retried {
		out += ", retried"
	}
	return out
}

// nextOf returns the first step after from (wrapping around) that
// belongs to state, and false when the state never ran.
func (m *replayModel) nextOf(state string, from int) (int, bool) {
	n := len(m.r.Steps)
	for d := 1; d <= n; d++ {
		i := (from + d) % n
		if i < 0 {
			i += n
		}
		if m.r.Steps[i].State == state {
			return i, true
		}
	}
	return 0, false
}

// stateAtOrBefore is the state of step i, or of the last step before it
// in a state ("" if none): where the execution was.
func (m *replayModel) stateAtOrBefore(i int) string {
	for ; i >= 0; i-- {
		if s := m.r.Steps[i].State; s != "" {
			return s
		}
	}
	return ""
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Len is the number of events; with Row it makes the model a timeline
// source.
func (m *replayModel) Len() int { return len(m.r.Steps) }

// Row is step i as the timeline shows it.
func (m *replayModel) Row(i int) timelineRow {
	s := &m.r.Steps[i]
	r := timelineRow{ID: s.Event.ID, Elapsed: s.Event.Timestamp.Sub(m.start), Type: s.Event.Type, State: s.State}
	if len(s.Scope) > 0 {
		r.State += "  [" + scopeLabel(s.Scope) + "]"
	}
	switch {
	case s.Error != "" || s.Cause != "":
		r.Detail = strings.TrimSpace(s.Error + ": " + oneLine(s.Cause, 200))
	case s.Output != "":
		r.Detail = oneLine(s.Output, 200)
	case s.Input != "":
		r.Detail = oneLine(s.Input, 200)
	}
	typ := s.Event.Type
	switch {
	case stateFailure(typ) || executionFailure(typ) || strings.HasPrefix(typ, "MapIteration") && stateFailureIter(typ):
		r.Tone = toneBad
	case strings.HasSuffix(typ, "Succeeded"):
		r.Tone = toneGood
	}
	return r
}

// stateFailureIter reports a Map iteration's failure.
func stateFailureIter(typ string) bool {
	return typ == "MapIterationFailed" || typ == "MapIterationAborted"
}

// oneLine cuts s to at most n bytes (whole characters) on one line.
func oneLine(s string, n int) string {
	if len(s) > n {
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n] + "…"
	}
	return strings.ReplaceAll(s, "\n", " ")
}
