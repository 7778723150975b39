package model

// FieldAllowed reports whether a state of type typ, in query language lang
// (LangJSONPath or LangJSONata), may have the field: the designer's forms
// show only those.
func FieldAllowed(typ, lang, field string) bool {
	spec, ok := stateFieldSpecs[field]
	if !ok {
		return false
	}
	return spec.types&stateTypeBits[typ] != 0 && (spec.only == "" || spec.only == lang)
}
