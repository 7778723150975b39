package jsonata

import (
	"testing"

	"github.com/xiatechs/jsonata-go/jparse"
)

func TestExprNode(t *testing.T) {
	e := MustCompile(`$x.name`)
	p, ok := e.Node().(*jparse.PathNode)
	if !ok || len(p.Steps) != 2 {
		t.Fatalf("Node() = %#v, want a path of two steps", e.Node())
	}
	if v, ok := p.Steps[0].(*jparse.VariableNode); !ok || v.Name != "x" {
		t.Errorf("first step = %#v, want $x", p.Steps[0])
	}
	if got := e.Node().String(); got != e.String() {
		t.Errorf("Node().String() = %q, want %q", got, e.String())
	}
}
