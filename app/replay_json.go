package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baton/model"
)

// jsonView shows one JSON value as a tree, keys in their order, with a
// button that copies the selected node (or the whole value) as indented
// JSON. Text that is not JSON is shown as it is. The replay inspector and
// the debugger's phase inspector are made of these.
type jsonView struct {
	// text is the value as indented JSON (or the raw text), what Copy
	// copies when nothing is selected.
	text  string
	root  *model.Node
	nodes map[string]*model.Node
	sel   string

	tree   *widget.Tree
	plain  *widget.Label
	copied func(string)
	box    *fyne.Container
}

// jsonTreeOpenMax is the most nodes a value may have to open fully;
// larger ones open their first level only.
const jsonTreeOpenMax = 300

func newJSONView() *jsonView {
	v := &jsonView{nodes: map[string]*model.Node{}}
	v.tree = widget.NewTree(v.childIDs, v.isBranch, func(bool) fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(v.nodeLabel(id))
	})
	v.tree.OnSelected = func(id widget.TreeNodeID) { v.sel = id }
	v.tree.OnUnselected = func(widget.TreeNodeID) { v.sel = "" }
	v.plain = widget.NewLabel("")
	v.plain.Wrapping = fyne.TextWrapBreak
	copyBtn := widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), v.copy)
	v.box = container.NewBorder(nil, container.NewHBox(copyBtn), nil, nil, container.NewStack(v.tree, container.NewVScroll(v.plain)))
	v.SetText("")
	return v
}

// SetText shows JSON text; "" shows "(none)".
func (v *jsonView) SetText(text string) {
	v.root, v.sel = nil, ""
	clear(v.nodes)
	v.tree.UnselectAll()
	if strings.TrimSpace(text) == "" {
		v.text = ""
		v.showPlain("(none)")
		return
	}
	n, err := model.ParseJSON("", []byte(text))
	if err != nil {
		v.text = text
		v.showPlain(text)
		return
	}
	v.root = n
	v.text = strings.TrimSuffix(string(model.MarshalJSON(n)), "\n")
	count := v.index("$", n)
	v.plain.Hide()
	v.tree.Show()
	v.tree.Refresh()
	if count <= jsonTreeOpenMax {
		v.tree.OpenAllBranches()
	} else {
		v.tree.CloseAllBranches()
		v.tree.OpenBranch("$")
	}
	v.tree.ScrollToTop()
}

func (v *jsonView) showPlain(s string) {
	v.tree.Hide()
	v.plain.SetText(s)
	v.plain.Show()
}

// Text returns the value shown, as indented JSON.
func (v *jsonView) Text() string { return v.text }

// index records n and its descendants under id and returns how many
// nodes there are.
func (v *jsonView) index(id string, n *model.Node) int {
	v.nodes[id] = n
	count := 1
	switch n.Kind {
	case model.Object:
		for i, f := range n.Fields {
			count += v.index(id+"/"+strconv.Itoa(i), f.Value)
		}
	case model.Array:
		for i, it := range n.Items {
			count += v.index(id+"/"+strconv.Itoa(i), it)
		}
	}
	return count
}

func (v *jsonView) childIDs(id widget.TreeNodeID) []widget.TreeNodeID {
	if id == "" {
		if v.root == nil {
			return nil
		}
		return []string{"$"}
	}
	n := v.nodes[id]
	if n == nil {
		return nil
	}
	k := len(n.Fields) + len(n.Items)
	out := make([]string, k)
	for i := range out {
		out[i] = id + "/" + strconv.Itoa(i)
	}
	return out
}

func (v *jsonView) isBranch(id widget.TreeNodeID) bool {
	if id == "" {
		return true
	}
	n := v.nodes[id]
	return n != nil && (n.Kind == model.Object || n.Kind == model.Array)
}

// nodeLabel is "key: value" for a scalar, "key {n}" or "key [n]" for a
// container.
func (v *jsonView) nodeLabel(id string) string {
	n := v.nodes[id]
	if n == nil {
		return ""
	}
	key := "$"
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		parent := v.nodes[id[:i]]
		idx, _ := strconv.Atoi(id[i+1:])
		if parent.Kind == model.Object {
			key = parent.Fields[idx].Key
		} else {
			key = "[" + strconv.Itoa(idx) + "]"
		}
	}
	switch n.Kind {
	case model.Object:
		return key + "  {" + strconv.Itoa(len(n.Fields)) + "}"
	case model.Array:
		return key + "  [" + strconv.Itoa(len(n.Items)) + "]"
	}
	return key + ": " + strings.TrimSpace(string(model.MarshalCompactJSON(n)))
}

// selectedText is the JSON of the selected node, or of the whole value.
func (v *jsonView) selectedText() string {
	if n := v.nodes[v.sel]; n != nil && v.sel != "$" {
		return strings.TrimSuffix(string(model.MarshalJSON(n)), "\n")
	}
	return v.text
}

// copy puts the selected node's JSON on the clipboard.
func (v *jsonView) copy() {
	s := v.selectedText()
	if a := fyne.CurrentApp(); a != nil {
		a.Clipboard().SetContent(s)
	}
	if v.copied != nil {
		v.copied(s)
	}
}
