package runner

import (
	"testing"
)

func TestCompilePath(t *testing.T) {
	data := map[string]any{
		"a":      map[string]any{"b": []any{int64(10), int64(20)}},
		"x-y":    "dash",
		"q'uo":   "quote",
		`T\""N"`: "escaped",
		"list":   []any{map[string]any{"v": int64(1)}, map[string]any{"v": int64(2)}},
	}
	tests := []struct {
		src, norm, got string
		found          bool
	}{
		{"$", "$", `{"T\\\"\"N\"":"escaped","a":{"b":[10,20]},"list":[{"v":1},{"v":2}],"q'uo":"quote","x-y":"dash"}`, true},
		{"$.a.b[1]", "$['a']['b'][1]", "20", true},
		{"$.a.b[-1]", "$['a']['b'][-1]", "20", true},
		{"$.x-y", "$['x-y']", `"dash"`, true},
		{`$['q\'uo']`, `$['q'uo']`, `"quote"`, true},
		{`$['T\""N"']`, `$['T\""N"']`, `"escaped"`, true},
		{"$.a.c", "$['a']['c']", "null", false},
		{"$.list[*].v", "$['list'][*]['v']", "[1,2]", true},
		{"$..v", "$..['v']", "[1,2]", true},
		{"$.list[?(@.v > 1)].v", "$['list'][?(@.v > 1)]['v']", "[2]", true},
		{"$.nothing[*]", "$['nothing'][*]", "[]", true},
	}
	for _, tt := range tests {
		p, err := compilePath(tt.src)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if n := p.normalized(); n != tt.norm {
			t.Errorf("%s: normalized %s, want %s", tt.src, n, tt.norm)
		}
		v, found := p.get(data)
		if got := string(marshalValue(v)); found != tt.found || got != tt.got {
			t.Errorf("%s: got %s %v, want %s %v", tt.src, got, found, tt.got, tt.found)
		}
	}
}

func TestCompilePath_roots(t *testing.T) {
	tests := []struct {
		src  string
		root rootKind
		name string
	}{
		{"$.a", rootInput, ""},
		{"$$.Execution.Id", rootContext, ""},
		{"$myVar.field[0]", rootVar, "myVar"},
		{"$_x", rootVar, "_x"},
	}
	for _, tt := range tests {
		p, err := compilePath(tt.src)
		if err != nil || p.root != tt.root || p.name != tt.name {
			t.Errorf("%s: got %v %q (%v), want %v %q", tt.src, p.root, p.name, err, tt.root, tt.name)
		}
	}
}

func TestRefPath_set(t *testing.T) {
	in := map[string]any{"a": map[string]any{"keep": int64(1)}, "l": []any{int64(0), int64(1)}}
	tests := []struct{ path, want string }{
		{"$.a.new", `{"a":{"keep":1,"new":"v"},"l":[0,1]}`},
		{"$.b.c", `{"a":{"keep":1},"b":{"c":"v"},"l":[0,1]}`},
		{"$.l[1]", `{"a":{"keep":1},"l":[0,"v"]}`},
		{"$.l[5]", `fails`},
		{"$.a.keep.x", `fails`},
	}
	for _, tt := range tests {
		r, err := compileRefPath(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		got := "fails"
		if out, ok := r.set(in, "v"); ok {
			got = string(marshalValue(out))
		}
		if got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.path, got, tt.want)
		}
	}
	if got := string(marshalValue(in)); got != `{"a":{"keep":1},"l":[0,1]}` {
		t.Errorf("set modified its input: %s", got)
	}
}

// FuzzCompilePath checks that no path text makes compiling or evaluating
// panic or hang.
func FuzzCompilePath(f *testing.F) {
	for _, s := range []string{"$", "$.a.b[0]", "$['a b']", "$..x", "$.a[*]", "$.a[1:3]", "$.a[?(@.b == 1)]", "$$.Map.Item.Value", "$v.x", `$['q\'']`, "$.a-b.c", "$[", "$.", "$['"} {
		f.Add(s)
	}
	data := map[string]any{"a": []any{map[string]any{"b": int64(1)}, "s"}, "x": nil}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := compilePath(s)
		if err != nil {
			return
		}
		p.get(data)
		p.normalized()
		if r, err := compileRefPath(s); err == nil {
			r.set(data, int64(1))
		}
	})
}
