package app

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"baton/model"
)

// fieldKind is how a field is edited.
type fieldKind int

const (
	kindText       fieldKind = iota // a string
	kindNumber                      // a number (or a JSONata string)
	kindJSON                        // any JSON value, as JSON text
	kindLang                        // QueryLanguage: JSONPath, JSONata or inherited
	kindTarget                      // a state name of the same scope (Next, Default, a rule's or catcher's Next)
	kindErrors                      // ErrorEquals: error names, comma-separated
	kindTransition                  // Next or End
)

type fieldSpec struct {
	key  string
	kind fieldKind
}

// stateFields are the form's fields in display order; each shows only for
// the types and query language model.FieldAllowed says.
var stateFields = []fieldSpec{
	{"Comment", kindText}, {"QueryLanguage", kindLang}, {"Next", kindTransition}, {"Default", kindTarget},
	{"Resource", kindText},
	{"Seconds", kindNumber}, {"Timestamp", kindText}, {"SecondsPath", kindText}, {"TimestampPath", kindText},
	{"Error", kindText}, {"Cause", kindText}, {"ErrorPath", kindText}, {"CausePath", kindText},
	{"ItemsPath", kindText}, {"Items", kindJSON}, {"MaxConcurrency", kindNumber}, {"MaxConcurrencyPath", kindText},
	{"ToleratedFailurePercentage", kindNumber}, {"ToleratedFailureCount", kindNumber}, {"Label", kindText},
	{"InputPath", kindText}, {"Parameters", kindJSON}, {"Arguments", kindJSON}, {"Result", kindJSON},
	{"ResultSelector", kindJSON}, {"ResultPath", kindText}, {"OutputPath", kindText}, {"Output", kindJSON},
	{"Assign", kindJSON},
	{"TimeoutSeconds", kindNumber}, {"TimeoutSecondsPath", kindText}, {"HeartbeatSeconds", kindNumber},
	{"HeartbeatSecondsPath", kindText}, {"Credentials", kindJSON},
	{"ItemSelector", kindJSON}, {"ItemReader", kindJSON}, {"ItemBatcher", kindJSON}, {"ResultWriter", kindJSON},
}

// topFields are the definition's own fields.
var topFields = []fieldSpec{
	{"Comment", kindText}, {"StartAt", kindTarget}, {"QueryLanguage", kindLang}, {"TimeoutSeconds", kindNumber}, {"Version", kindText},
}

// fieldPause is how long a field rests before its value becomes an edit.
const fieldPause = 600 * textPause / 400

// field is one editable value of the form: State's value at Path.
type field struct {
	in    *inspector
	state string   // "" for the top level
	path  []string // nil with raw: the whole state
	kind  fieldKind
	label string
	// invalid says why what the user entered is not a value, "" if it is.
	invalid string
	raw     bool // the whole state as JSON
	rename  bool // the state's name

	entry  *widget.Entry
	sel    *widget.Select
	cancel func()
	// setting is set while the field shows the model's value, so the
	// widgets' change callbacks do not make edits.
	setting bool
}

func (in *inspector) newField(state string, path []string, kind fieldKind, label string) *field {
	f := &field{in: in, state: state, path: path, kind: kind, label: label}
	switch kind {
	case kindLang:
		f.sel = widget.NewSelect([]string{"(inherited)", model.LangJSONPath, model.LangJSONata}, func(v string) { f.changed(v) })
	case kindTarget, kindTransition:
		f.sel = widget.NewSelect(nil, func(v string) { f.changed(v) })
	case kindJSON:
		f.entry = widget.NewMultiLineEntry()
		f.entry.TextStyle = fyne.TextStyle{Monospace: true}
		f.entry.Wrapping = fyne.TextWrapOff
		f.entry.SetMinRowsVisible(3)
	default:
		f.entry = widget.NewEntry()
	}
	if f.entry != nil {
		f.entry.OnChanged = func(v string) {
			if f.setting {
				return
			}
			if f.cancel != nil {
				f.cancel()
			}
			f.cancel = in.e.schedule(fieldPause, func() { f.cancel = nil; f.changed(v) })
		}
		f.entry.OnSubmitted = func(v string) { f.flush() }
	}
	return f
}

// newRawField edits the whole state as JSON.
func (in *inspector) newRawField(state string) *field {
	f := in.newField(state, nil, kindJSON, "JSON")
	f.raw = true
	f.entry.SetMinRowsVisible(10)
	return f
}

// nameField edits the state's name: a rename when submitted.
func (in *inspector) nameField(s *model.State) *field {
	f := &field{in: in, state: s.Name, label: "Name", entry: widget.NewEntry()}
	f.entry.SetText(s.Name)
	f.entry.OnSubmitted = func(v string) {
		if v != s.Name {
			in.e.rename(s.Name, v)
		}
	}
	f.rename = true
	return f
}

// row lays the field out: its label above its widget.
func (f *field) row() fyne.CanvasObject {
	var w fyne.CanvasObject = f.entry
	if f.sel != nil {
		w = f.sel
	}
	return container.NewVBox(widget.NewLabelWithStyle(f.label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), w)
}

// flush makes the pending change an edit now.
func (f *field) flush() {
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
	if f.entry != nil && !f.rename {
		f.changed(f.entry.Text)
	}
}

// node returns the model's value of the field, nil when absent.
func (f *field) node(doc *model.Document) *model.Node {
	var n *model.Node
	if f.state == "" {
		n = doc.Root
	} else if s := doc.Machine.Find(f.state); s != nil {
		n = s.Node
	}
	for _, p := range f.path {
		if n == nil {
			return nil
		}
		if n.Kind == model.Array {
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(n.Items) {
				return nil
			}
			n = n.Items[i]
			continue
		}
		n = n.Get(p)
	}
	return n
}

// text is how the field shows a value.
func (f *field) text(n *model.Node) string {
	if n == nil {
		return ""
	}
	switch f.kind {
	case kindText, kindTarget:
		if n.Kind == model.String {
			return n.Str
		}
	case kindNumber:
		if n.Kind == model.Number {
			return n.Raw
		}
		if n.Kind == model.String {
			return n.Str
		}
	case kindErrors:
		var names []string
		for _, it := range n.Items {
			names = append(names, it.Text())
		}
		return strings.Join(names, ", ")
	case kindJSON:
		return string(model.MarshalJSON(n))
	}
	return string(model.MarshalCompactJSON(n))
}

// value turns what the user entered into the field's new value; nil
// deletes the field; ok is false when the text is not valid for the kind.
func (f *field) value(v string) (n *model.Node, ok bool, msg string) {
	t := strings.TrimSpace(v)
	if t == "" && f.kind != kindJSON || f.kind == kindJSON && t == "" && !f.raw {
		return nil, true, ""
	}
	switch f.kind {
	case kindNumber:
		if _, err := strconv.ParseFloat(t, 64); err == nil {
			return model.NewNumber(t), true, ""
		}
		if strings.HasPrefix(t, "{%") {
			return model.NewString(t), true, ""
		}
		return nil, false, "a number, or a JSONata expression {% … %}"
	case kindJSON:
		n, err := model.ParseJSON(f.label, []byte(v))
		if err != nil {
			return nil, false, err.Error()
		}
		return n, true, ""
	case kindErrors:
		var items []*model.Node
		for _, part := range strings.Split(t, ",") {
			if p := strings.TrimSpace(part); p != "" {
				items = append(items, model.NewString(p))
			}
		}
		return model.NewArray(items...), true, ""
	}
	return model.NewString(v), true, ""
}

// changed makes an edit of a new value, unless it is the model's already.
func (f *field) changed(v string) {
	if f.setting || f.rename {
		return
	}
	e := f.in.e
	switch f.kind {
	case kindLang:
		if v == "(inherited)" {
			v = ""
		}
	case kindTransition:
		if v == endChoice {
			f.setEnd()
			return
		}
	}
	n, ok, msg := f.value(v)
	if !ok {
		f.invalid = msg
		if f.entry != nil {
			f.entry.SetValidationError(errorString(msg))
		}
		return
	}
	f.invalid = ""
	old := f.node(e.Doc())
	if n == nil && old == nil || n != nil && old != nil && string(model.MarshalCompactJSON(n)) == string(model.MarshalCompactJSON(old)) {
		return
	}
	if f.kind == kindTransition {
		e.Apply(model.Connect{From: f.state, Kind: model.EdgeNext, Index: -1, To: v})
		return
	}
	e.Apply(model.SetField{State: f.state, Path: f.path, Value: n})
}

// endChoice is the Next selector's entry for "End": true.
const endChoice = "(End)"

func (f *field) setEnd() {
	f.in.e.Apply(model.Connect{From: f.state, Kind: model.EdgeEnd, Index: -1})
}

type errorString string

func (e errorString) Error() string { return string(e) }

// update shows the model's value (unless the user is editing the field)
// and the diagnostics about it.
func (f *field) update(doc *model.Document, diags []model.Diagnostic) {
	f.setting = true
	defer func() { f.setting = false }()
	if f.rename {
		return
	}
	n := f.node(doc)
	if f.sel != nil {
		f.updateSelect(doc, n)
		return
	}
	if f.cancel != nil || f.focused() {
		return
	}
	text := f.text(n)
	if f.raw {
		text = ""
		if s := doc.Machine.Find(f.state); s != nil {
			text = string(model.MarshalJSON(s.Node))
		}
	}
	if f.entry.Text != text {
		f.entry.SetText(text)
	}
	var msgs []string
	for _, d := range diags {
		if d.State == f.state && len(d.Path) > 0 && slices.Equal(d.Path[:min(len(d.Path), len(f.path))], f.path) && len(f.path) > 0 {
			msgs = append(msgs, d.Message)
		}
	}
	if len(msgs) > 0 {
		f.entry.SetValidationError(errorString(strings.Join(msgs, "; ")))
	} else {
		f.entry.SetValidationError(nil)
	}
}

// focused reports whether the user is in the field.
func (f *field) focused() bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(f.entry)
	return c != nil && c.Focused() == f.entry
}

func (f *field) updateSelect(doc *model.Document, n *model.Node) {
	switch f.kind {
	case kindLang:
		v := "(inherited)"
		if n.IsString() {
			v = n.Str
		}
		f.sel.SetSelected(v)
	case kindTarget, kindTransition:
		var opts []string
		var m *model.StateMachine = doc.Machine
		if s := doc.Machine.Find(f.state); s != nil {
			m = s.Machine
		}
		opts = stateNames(m)
		if f.kind == kindTransition {
			opts = append(opts, endChoice)
		}
		f.sel.Options = opts
		v := ""
		if n.IsString() {
			v = n.Str
		}
		if f.kind == kindTransition {
			if s := doc.Machine.Find(f.state); s != nil && s.End {
				v = endChoice
			}
		}
		if v == "" {
			f.sel.ClearSelected()
		} else {
			f.sel.SetSelected(v)
		}
	}
}
