package cloud

import (
	"strings"

	"baton/model"
)

// CheckDefinition validates a definition with Baton's own rules
// (model.Validate) and returns the problems in the shape of AWS's
// ValidateStateMachineDefinition: a syntax error is one
// INVALID_JSON_DESCRIPTION error, every other problem keeps its code, and
// the location is a path into the definition ("/States/Pay/Retry/0").
// machineType "EXPRESS" applies the limits of Express workflows.
func CheckDefinition(definition, machineType string) []Diagnostic {
	doc, err := model.Parse("", []byte(definition))
	if err != nil {
		return []Diagnostic{{Severity: "ERROR", Code: model.CodeInvalidJSON, Message: err.Error()}}
	}
	ds := model.Validate(doc, model.ValidateOptions{Express: machineType == "EXPRESS"})
	out := make([]Diagnostic, len(ds))
	for i, d := range ds {
		out[i] = Diagnostic{Severity: "ERROR", Code: d.Code, Message: d.Message, Location: diagnosticLocation(d)}
		if d.Severity == model.SeverityWarning {
			out[i].Severity = "WARNING"
		}
	}
	return out
}

func diagnosticLocation(d model.Diagnostic) string {
	parts := []string{""}
	if d.State != "" {
		parts = append(parts, "States", d.State)
	}
	parts = append(parts, d.Path...)
	if len(parts) == 1 {
		return "/"
	}
	return strings.Join(parts, "/")
}
