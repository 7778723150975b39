package runner

import (
	"strings"

	"baton/model"
)

// fnFormat is States.Format(template, values...): the template with each {}
// replaced by the next value (appendJavaString). A literal template keeps
// its escapes (\{ \} \' \\ stand for the character); a template from a path
// is read with the same rules. The number of {} must equal the number of
// values, and a { or } that is neither escaped nor part of {} fails.
func fnFormat(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	tmpl, ok := args[0].(string)
	if !ok {
		return nil, invalidArgs(call)
	}
	if call.Args[0].Kind == model.ArgString {
		tmpl = call.Args[0].Raw
	}
	values := args[1:]
	var out []byte
	used := 0
	for i := 0; i < len(tmpl); i++ {
		switch c := tmpl[i]; c {
		case '\\':
			if i+1 < len(tmpl) {
				i++
			}
			out = append(out, tmpl[i])
		case '{':
			if i+1 >= len(tmpl) || tmpl[i+1] != '}' || used >= len(values) {
				return nil, invalidArgs(call)
			}
			out = appendJavaString(out, values[used])
			used++
			i++
		case '}':
			return nil, invalidArgs(call)
		default:
			out = append(out, c)
		}
	}
	if used != len(values) {
		return nil, invalidArgs(call)
	}
	return string(out), nil
}

// fnStringSplit is States.StringSplit(string, delimiters): the string cut at
// every character of delimiters, empty pieces dropped (Java's
// StringTokenizer, which AWS uses: ",,a," split on "," is ["a"]).
func fnStringSplit(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	s, ok1 := args[0].(string)
	delims, ok2 := args[1].(string)
	if !ok1 || !ok2 {
		return nil, invalidArgs(call)
	}
	out := []any{}
	for _, piece := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(delims, r) }) {
		out = append(out, piece)
	}
	return out, nil
}
