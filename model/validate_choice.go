package model

import "strconv"

func (v *validator) choice(s *State, w where, lang string) {
	for i, c := range v.requiredList(s, w, "Choices", "rule") {
		v.choiceRule(c, w.at("Choices", strconv.Itoa(i)), lang, true)
	}
	if n := s.Node.Get("Default"); n != nil && n.Kind != String {
		v.errorf(CodeSchema, n.Pos, w.at("Default"), "Default must be a state name, not %s", kindName(n))
	}
}

// choiceRule checks one rule; top is true for the elements of Choices,
// false for rules nested in And, Or and Not.
func (v *validator) choiceRule(n *Node, w where, lang string, top bool) {
	if !v.mustBeObject(n, w, "a choice rule") {
		return
	}
	if top {
		v.requiredNext(n, w, "choice rule")
		if a := n.Get("Assign"); a != nil {
			v.assign(a, w.at("Assign"), lang)
		}
	}
	if lang == LangJSONata {
		v.jsonataRule(n, w)
		return
	}
	var comparisons []*Field
	for _, f := range n.Fields {
		fw := w.at(f.Key)
		switch f.Key {
		case "Comment":
			if f.Value.Kind != String {
				v.errorf(CodeSchema, f.Value.Pos, fw, "Comment must be a string, not %s", kindName(f.Value))
			}
		case "Variable":
		case "Next", "Assign":
			if !top {
				v.errorf(CodeSchema, f.KeyPos, fw, "%s is only allowed in a top-level choice rule, not in one nested in And, Or or Not", f.Key)
			}
		case "Output", "Condition":
			v.errorf(CodeSchema, f.KeyPos, fw, "field %q is only allowed in JSONata states; this state uses JSONPath", f.Key)
		case "And", "Or":
			comparisons = append(comparisons, f)
			if f.Value.Kind != Array || len(f.Value.Items) == 0 {
				v.errorf(CodeSchema, f.Value.Pos, fw, "%s must be a non-empty array of choice rules", f.Key)
				continue
			}
			for i, it := range f.Value.Items {
				v.choiceRule(it, fw.at(strconv.Itoa(i)), lang, false)
			}
		case "Not":
			comparisons = append(comparisons, f)
			v.choiceRule(f.Value, fw, lang, false)
		default:
			if ChoiceOperators[f.Key] == 0 {
				v.errorf(CodeSchema, f.KeyPos, fw, "field %q is not a comparison operator or a choice rule field", f.Key)
				continue
			}
			comparisons = append(comparisons, f)
			v.operand(f, fw)
		}
	}
	variable := n.Field("Variable")
	switch {
	case len(comparisons) == 0:
		v.errorf(CodeSchema, n.Pos, w, "a choice rule must have a comparison operator (with Variable), And, Or or Not")
		return
	case len(comparisons) > 1:
		v.errorf(CodeSchema, comparisons[1].KeyPos, w.at(comparisons[1].Key), "a choice rule must have exactly one of a comparison operator, And, Or and Not; it has %s and %s", comparisons[0].Key, comparisons[1].Key)
		return
	}
	op := comparisons[0]
	boolean := op.Key == "And" || op.Key == "Or" || op.Key == "Not"
	switch {
	case boolean && variable != nil:
		v.errorf(CodeSchema, variable.KeyPos, w.at("Variable"), "Variable is not allowed beside %s", op.Key)
	case !boolean && variable == nil:
		v.errorf(CodeSchema, n.Pos, w, "a choice rule with %s must have Variable", op.Key)
	case !boolean:
		v.pathField(variable.Value, w.at("Variable"), "Variable", PathRules{Reference: true, Context: true, Variables: true}, false)
	}
}

// operand checks the value of a comparison operator against its kind.
func (v *validator) operand(f *Field, w where) {
	n := f.Value
	switch ChoiceOperators[f.Key] {
	case OperandString:
		if n.Kind != String {
			v.errorf(CodeSchema, n.Pos, w, "%s needs a string, not %s", f.Key, literal(n))
		} else if f.Key == "StringMatches" {
			v.matchPattern(n, w)
		}
	case OperandNumber:
		if n.Kind != Number {
			v.errorf(CodeSchema, n.Pos, w, "%s needs a number, not %s", f.Key, literal(n))
		}
	case OperandBool:
		if n.Kind != Bool {
			v.errorf(CodeSchema, n.Pos, w, "%s needs true or false, not %s", f.Key, literal(n))
		}
	case OperandTimestamp:
		if n.Kind != String || !IsTimestamp(n.Str) {
			v.errorf(CodeSchema, n.Pos, w, "%s needs an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, not %s", f.Key, literal(n))
		}
	case OperandPath:
		v.pathField(n, w, f.Key, PathRules{Reference: true, Context: true, Variables: true}, false)
	}
}

// matchPattern checks a StringMatches pattern: a backslash may only escape
// '*' or another backslash.
func (v *validator) matchPattern(n *Node, w where) {
	s := n.Str
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			continue
		}
		if i+1 >= len(s) || (s[i+1] != '*' && s[i+1] != '\\') {
			v.errorf(CodeSchema, strPos(n, i), w, "StringMatches pattern %q: a backslash may only escape '*' or '\\'", s)
			return
		}
		i++
	}
}

// jsonataRule checks a choice rule of a JSONata state: Condition, Next,
// Output, Assign and Comment.
func (v *validator) jsonataRule(n *Node, w where) {
	for _, f := range n.Fields {
		switch f.Key {
		case "Condition", "Next", "Comment", "Output", "Assign":
		case "Variable", "And", "Or", "Not":
			v.errorf(CodeSchema, f.KeyPos, w.at(f.Key), "field %q is only allowed in JSONPath states; a JSONata choice rule uses Condition", f.Key)
		default:
			if ChoiceOperators[f.Key] != 0 {
				v.errorf(CodeSchema, f.KeyPos, w.at(f.Key), "comparison operator %q is only allowed in JSONPath states; a JSONata choice rule uses Condition", f.Key)
			} else {
				v.errorf(CodeSchema, f.KeyPos, w.at(f.Key), "field %q is not supported in a choice rule", f.Key)
			}
		}
	}
	cond := n.Get("Condition")
	switch {
	case cond == nil:
		v.errorf(CodeSchema, n.Pos, w, "a JSONata choice rule must have Condition")
	case cond.Kind == Bool:
	case cond.Kind != String || !isJSONataExpr(cond.Str):
		v.errorf(CodeSchema, cond.Pos, w.at("Condition"), "Condition must be a JSONata expression {%% … %%} or a boolean, not %s", literal(cond))
	default:
		v.jsonata(cond, w.at("Condition"))
	}
	if o := n.Get("Output"); o != nil {
		v.jsonataTemplate(o, w.at("Output"))
	}
	if a := n.Get("Assign"); a != nil {
		v.jsonataTemplate(a, w.at("Assign"))
	}
}
