package model

import (
	"fmt"
	"math/rand/v2"
)

// GenerateDefinition returns a synthetic state machine definition, as JSON
// text, with exactly states states (at least one) counting those nested in
// Parallel branches and Map processors: runs of Tasks with Retry and Catch,
// Choice diamonds, polling loops that close a cycle, Parallels and Maps up
// to three deep, error handlers that many states catch to. The same
// arguments always give the same text. It is for benchmarks and tests of
// everything that reads definitions.
func GenerateDefinition(states int, seed int64) []byte {
	g := &generator{rng: rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))}
	root := NewObject()
	root.Set("Comment", NewString(fmt.Sprintf("Generated definition: %d states, seed %d", max(states, 1), seed)))
	g.scope(root, max(states, 1), 0)
	return MarshalJSON(root)
}

type generator struct {
	rng   *rand.Rand
	count int
}

// pending is a transition still to be pointed at the next block: the
// field key of object n.
type pending struct {
	n   *Node
	key string
}

// Kinds of block the generator strings together.
const (
	blockTask = iota
	blockChoice
	blockLoop
	blockParallel
	blockMap
)

func (g *generator) name(kind string) string {
	g.count++
	return fmt.Sprintf("%s%04d", kind, g.count)
}

// scope fills machine with StartAt and States holding budget states.
func (g *generator) scope(machine *Node, budget, depth int) {
	machine.Set("StartAt", NewString(""))
	states := NewObject()
	machine.Set("States", states)
	rest := budget - 1 // the final state
	handler := ""
	if budget >= 12 {
		handler = g.name("HandleError")
		rest -= 2
	}
	var pend []pending
	first := true
	connect := func(entry string) {
		if first {
			machine.Set("StartAt", NewString(entry))
			first = false
		}
		for _, p := range pend {
			p.n.Set(p.key, NewString(entry))
		}
		pend = nil
	}
	for rest > 0 {
		entry, cost, out := g.block(g.pick(rest, depth), states, rest, depth, handler)
		connect(entry)
		pend, rest = out, rest-cost
	}
	final := NewObject()
	if depth == 0 {
		final.Set("Type", NewString(TypeSucceed))
		connect(g.add(states, "Done", final))
	} else {
		final.Set("Type", NewString(TypePass))
		final.Set("End", NewBool(true))
		connect(g.add(states, "Finish", final))
	}
	if handler != "" {
		h := NewObject()
		h.Set("Type", NewString(TypePass))
		h.Set("ResultPath", NewString("$.handled"))
		fail := g.name("Failed")
		h.Set("Next", NewString(fail))
		states.Set(handler, h)
		f := NewObject()
		f.Set("Type", NewString(TypeFail))
		f.Set("Error", NewString("Generated.Failure"))
		states.Set(fail, f)
	}
}

func (g *generator) add(states *Node, kind string, n *Node) string {
	name := g.name(kind)
	states.Set(name, n)
	return name
}

// pick chooses the kind of the next block among those that fit in rest.
func (g *generator) pick(rest, depth int) int {
	type option struct{ kind, weight int }
	options := []option{{blockTask, 50}}
	if rest >= 3 {
		options = append(options, option{blockChoice, 15}, option{blockLoop, 10})
	}
	if depth < 3 && rest >= 3 {
		options = append(options, option{blockMap, 8})
	}
	if depth < 3 && rest >= 5 {
		options = append(options, option{blockParallel, 8})
	}
	total := 0
	for _, o := range options {
		total += o.weight
	}
	r := g.rng.IntN(total)
	for _, o := range options {
		if r < o.weight {
			return o.kind
		}
		r -= o.weight
	}
	return blockTask
}

// block adds one block of the given kind, using at most rest states. It
// returns the block's entry state, how many states it used, and its
// transitions still to connect.
func (g *generator) block(kind int, states *Node, rest, depth int, handler string) (string, int, []pending) {
	switch kind {
	case blockChoice:
		return g.choice(states, rest, handler)
	case blockLoop:
		return g.loop(states, handler)
	case blockParallel:
		return g.parallel(states, rest, depth)
	case blockMap:
		return g.mapState(states, rest, depth)
	}
	t := g.task(handler)
	return g.add(states, "Task", t), 1, []pending{{t, "Next"}}
}

func (g *generator) task(handler string) *Node {
	t := NewObject()
	t.Set("Type", NewString(TypeTask))
	t.Set("Resource", NewString("arn:aws:states:::lambda:invoke"))
	params := NewObject()
	params.Set("FunctionName", NewString(fmt.Sprintf("arn:aws:lambda:us-east-1:123456789012:function:fn-%d", g.rng.IntN(50))))
	params.Set("Payload.$", NewString("$"))
	t.Set("Parameters", params)
	t.Set("ResultPath", NewString(fmt.Sprintf("$.r%d", g.rng.IntN(20))))
	if g.rng.IntN(10) < 3 {
		r := NewObject()
		r.Set("ErrorEquals", NewArray(NewString("States.TaskFailed")))
		r.Set("IntervalSeconds", NewInt(1))
		r.Set("MaxAttempts", NewInt(3))
		r.Set("BackoffRate", NewNumber("2.0"))
		t.Set("Retry", NewArray(r))
	}
	if handler != "" && g.rng.IntN(4) == 0 {
		c := NewObject()
		c.Set("ErrorEquals", NewArray(NewString("States.ALL")))
		c.Set("ResultPath", NewString("$.error"))
		c.Set("Next", NewString(handler))
		t.Set("Catch", NewArray(c))
	}
	return t
}

// choice is a Choice with two or three arms of one or two Tasks each; the
// last arm is the Default, and sometimes the second arm ends in a Fail.
func (g *generator) choice(states *Node, rest int, handler string) (string, int, []pending) {
	c := NewObject()
	c.Set("Type", NewString(TypeChoice))
	rules := NewArray()
	c.Set("Choices", rules)
	name := g.add(states, "Choice", c)
	avail := rest - 1
	arms := min(2+g.rng.IntN(2), avail)
	extra := avail - arms
	var out []pending
	for a := 0; a < arms; a++ {
		size := 1
		if extra > 0 && g.rng.IntN(2) == 0 {
			size, extra = 2, extra-1
		}
		entry := ""
		var last *Node
		for k := 0; k < size; k++ {
			t := g.task(handler)
			tn := g.add(states, "Task", t)
			if last == nil {
				entry = tn
			} else {
				last.Set("Next", NewString(tn))
			}
			last = t
		}
		if a == 1 && extra > 0 && g.rng.IntN(5) == 0 {
			f := NewObject()
			f.Set("Type", NewString(TypeFail))
			f.Set("Error", NewString("Generated.Rejected"))
			last.Set("Next", NewString(g.add(states, "Reject", f)))
			extra--
		} else {
			out = append(out, pending{last, "Next"})
		}
		if a == arms-1 {
			c.Set("Default", NewString(entry))
			break
		}
		r := NewObject()
		r.Set("Variable", NewString(fmt.Sprintf("$.v%d", g.rng.IntN(20))))
		r.Set("NumericGreaterThan", NewInt(int64(10*(a+1))))
		r.Set("Next", NewString(entry))
		rules.Items = append(rules.Items, r)
	}
	return name, avail - extra + 1, out
}

// loop is a polling loop: Wait, a Task, and a Choice that goes back to the
// Wait until the Task reports it is done.
func (g *generator) loop(states *Node, handler string) (string, int, []pending) {
	w := NewObject()
	w.Set("Type", NewString(TypeWait))
	w.Set("Seconds", NewInt(5))
	wait := g.add(states, "Wait", w)
	t := g.task(handler)
	w.Set("Next", NewString(g.add(states, "Poll", t)))
	c := NewObject()
	c.Set("Type", NewString(TypeChoice))
	r := NewObject()
	r.Set("Variable", NewString("$.status"))
	r.Set("StringEquals", NewString("DONE"))
	c.Set("Choices", NewArray(r))
	c.Set("Default", NewString(wait))
	t.Set("Next", NewString(g.add(states, "Done", c)))
	return wait, 3, []pending{{r, "Next"}}
}

// scopeBudget is the size of a nested scope: larger near the top.
func (g *generator) scopeBudget(room, depth int) int {
	limit := 12
	if depth > 0 {
		limit = 4
	}
	return 1 + g.rng.IntN(max(1, min(limit, room)))
}

func (g *generator) parallel(states *Node, rest, depth int) (string, int, []pending) {
	p := NewObject()
	p.Set("Type", NewString(TypeParallel))
	name := g.add(states, "Parallel", p)
	used := 1
	var branches []*Node
	for k := 2 + g.rng.IntN(2); k > 0 && rest-used >= 1; k-- {
		b := NewObject()
		n := g.scopeBudget(rest-used, depth)
		g.scope(b, n, depth+1)
		used += n
		branches = append(branches, b)
	}
	p.Set("Branches", NewArray(branches...))
	p.Set("ResultPath", NewString("$.branches"))
	return name, used, []pending{{p, "Next"}}
}

func (g *generator) mapState(states *Node, rest, depth int) (string, int, []pending) {
	m := NewObject()
	m.Set("Type", NewString(TypeMap))
	name := g.add(states, "Map", m)
	m.Set("ItemsPath", NewString("$.items"))
	proc := NewObject()
	cfg := NewObject()
	cfg.Set("Mode", NewString("INLINE"))
	proc.Set("ProcessorConfig", cfg)
	n := g.scopeBudget(rest-1, depth)
	g.scope(proc, n, depth+1)
	m.Set("ItemProcessor", proc)
	m.Set("MaxConcurrency", NewInt(int64(1+g.rng.IntN(10))))
	return name, 1 + n, []pending{{m, "Next"}}
}
