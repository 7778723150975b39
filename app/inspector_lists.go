package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baton/model"
)

// listHeader is a list's title with an Add button.
func (in *inspector) listHeader(title string, add func()) fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), add),
		widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
}

// itemHeader is one element's title with a Remove button.
func (in *inspector) itemHeader(title, state, list string, i int) fyne.CanvasObject {
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		in.e.Apply(model.SetField{State: state, Path: []string{list, strconv.Itoa(i)}, Value: nil})
	})
	remove.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, remove, widget.NewLabel(title))
}

// appendTo adds an element to a state's list, creating the list.
func (in *inspector) appendTo(s *model.State, list string, item *model.Node) {
	if arr := s.Node.Get(list); arr != nil && arr.Kind == model.Array {
		in.e.Apply(model.SetField{State: s.Name, Path: []string{list, strconv.Itoa(len(arr.Items))}, Value: item})
		return
	}
	in.e.Apply(model.SetField{State: s.Name, Path: []string{list}, Value: model.NewArray(item)})
}

func (in *inspector) retryList(s *model.State, reg func(*field) fyne.CanvasObject) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{widget.NewSeparator(), in.listHeader("Retry", func() {
		r := model.NewObject()
		r.Set("ErrorEquals", model.NewArray(model.NewString("States.ALL")))
		r.Set("IntervalSeconds", model.NewInt(1))
		r.Set("MaxAttempts", model.NewInt(3))
		r.Set("BackoffRate", model.NewInt(2))
		in.appendTo(s, "Retry", r)
	})}
	for i := range s.Retry {
		idx := strconv.Itoa(i)
		objs = append(objs, in.itemHeader("Retrier "+strconv.Itoa(i+1), s.Name, "Retry", i))
		for _, k := range []fieldSpec{{"ErrorEquals", kindErrors}, {"IntervalSeconds", kindNumber}, {"MaxAttempts", kindNumber},
			{"BackoffRate", kindNumber}, {"MaxDelaySeconds", kindNumber}, {"JitterStrategy", kindText}} {
			objs = append(objs, reg(in.newField(s.Name, []string{"Retry", idx, k.key}, k.kind, k.key)))
		}
	}
	return objs
}

func (in *inspector) catchList(s *model.State, reg func(*field) fyne.CanvasObject) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{widget.NewSeparator(), in.listHeader("Catch", func() {
		c := model.NewObject()
		c.Set("ErrorEquals", model.NewArray(model.NewString("States.ALL")))
		c.Set("Next", model.NewString(s.Name))
		in.appendTo(s, "Catch", c)
	})}
	result := fieldSpec{"ResultPath", kindText}
	if s.Language() == model.LangJSONata {
		result = fieldSpec{"Output", kindJSON}
	}
	for i := range s.Catch {
		idx := strconv.Itoa(i)
		objs = append(objs, in.itemHeader("Catcher "+strconv.Itoa(i+1), s.Name, "Catch", i))
		for _, k := range []fieldSpec{{"ErrorEquals", kindErrors}, {"Next", kindTarget}, result, {"Assign", kindJSON}} {
			objs = append(objs, reg(in.newField(s.Name, []string{"Catch", idx, k.key}, k.kind, k.key)))
		}
	}
	return objs
}

// choiceOperators are the JSONPath comparison operators a simple rule may
// use.
var choiceOperators = []string{
	"StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches",
	"NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals",
	"BooleanEquals", "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
	"IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp",
	"StringEqualsPath", "StringLessThanPath", "StringGreaterThanPath", "StringLessThanEqualsPath", "StringGreaterThanEqualsPath",
	"NumericEqualsPath", "NumericLessThanPath", "NumericGreaterThanPath", "NumericLessThanEqualsPath", "NumericGreaterThanEqualsPath",
	"BooleanEqualsPath", "TimestampEqualsPath", "TimestampLessThanPath", "TimestampGreaterThanPath", "TimestampLessThanEqualsPath", "TimestampGreaterThanEqualsPath",
}

func (in *inspector) choiceList(s *model.State, reg func(*field) fyne.CanvasObject) []fyne.CanvasObject {
	jsonata := s.Language() == model.LangJSONata
	target := s.Name
	if len(s.Machine.States) > 0 {
		target = s.Machine.States[0].Name
	}
	objs := []fyne.CanvasObject{widget.NewSeparator(), in.listHeader("Choice rules", func() {
		r := model.NewObject()
		if jsonata {
			r.Set("Condition", model.NewString("{% true %}"))
		} else {
			r.Set("Variable", model.NewString("$.value"))
			r.Set("StringEquals", model.NewString(""))
		}
		r.Set("Next", model.NewString(target))
		in.appendTo(s, "Choices", r)
	})}
	for i, rule := range s.Choices {
		idx := strconv.Itoa(i)
		objs = append(objs, in.itemHeader("Rule "+strconv.Itoa(i+1), s.Name, "Choices", i))
		switch {
		case rule.Condition != nil:
			objs = append(objs, reg(in.newField(s.Name, []string{"Choices", idx, "Condition"}, kindText, "Condition")))
		case rule.Operator != "" && rule.Variable != nil:
			objs = append(objs, reg(in.newField(s.Name, []string{"Choices", idx, "Variable"}, kindText, "Variable")))
			objs = append(objs, in.operatorSelect(s.Name, i, rule))
			objs = append(objs, reg(in.newField(s.Name, []string{"Choices", idx, rule.Operator}, kindJSON, "Value")))
		default: // And, Or, Not: the rule as JSON
			objs = append(objs, reg(in.newField(s.Name, []string{"Choices", idx}, kindJSON, "Rule")))
			continue
		}
		objs = append(objs, reg(in.newField(s.Name, []string{"Choices", idx, "Next"}, kindTarget, "Next")))
	}
	return objs
}

// operatorSelect changes a simple rule's comparison operator, keeping its
// operand.
func (in *inspector) operatorSelect(state string, i int, rule *model.ChoiceRule) fyne.CanvasObject {
	sel := widget.NewSelect(choiceOperators, nil)
	sel.Selected = rule.Operator
	sel.OnChanged = func(op string) {
		s := in.e.Doc().Machine.Find(state)
		if s == nil || i >= len(s.Choices) || op == s.Choices[i].Operator {
			return
		}
		rule := s.Choices[i]
		n := rule.Node.Clone()
		if f := n.Field(rule.Operator); f != nil {
			f.Key, f.KeyRaw = op, ""
		}
		in.e.Apply(model.SetField{State: state, Path: []string{"Choices", strconv.Itoa(i)}, Value: n})
	}
	return container.NewVBox(widget.NewLabelWithStyle("Operator", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), sel)
}
