package model

import (
	"errors"
	"strconv"
)

// Severity says whether a diagnostic blocks the definition.
type Severity int

// The severities of diagnostics. An error means AWS would reject the
// definition; a warning points at something accepted but suspicious.
const (
	SeverityError Severity = iota
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Diagnostic codes, in the style of AWS's ValidateStateMachineDefinition
// (the first group are AWS's own codes).
const (
	CodeSchema              = "SCHEMA_VALIDATION_FAILED"
	CodeMissingTarget       = "MISSING_TRANSITION_TARGET"
	CodeMissingEndState     = "MISSING_END_STATE"
	CodeDuplicateStateName  = "DUPLICATE_STATE_NAME"
	CodeInvalidStateName    = "INVALID_STATE_NAME"
	CodeDuplicateLabelName  = "DUPLICATE_LABEL_NAME"
	CodeInvalidLabelName    = "INVALID_LABEL_NAME"
	CodeInvalidResource     = "INVALID_RESOURCE"
	CodeInvalidJSON         = "INVALID_JSON_DESCRIPTION"
	CodeNoDollar            = "NO_DOLLAR"
	CodeNoPath              = "NO_PATH"
	CodePassResultIsStatic  = "PASS_RESULT_IS_STATIC"
	CodeUnreachableState    = "UNREACHABLE_STATE"
	CodeLoopWithoutExit     = "LOOP_WITHOUT_EXIT"
	CodeInvalidJSONPath     = "INVALID_JSON_PATH"
	CodeInvalidIntrinsic    = "INVALID_INTRINSIC_FUNCTION"
	CodeInvalidJSONata      = "INVALID_JSONATA"
	CodeInvalidVariableName = "INVALID_VARIABLE_NAME"
	CodeUnassignedVariable  = "UNASSIGNED_VARIABLE"
	CodeUnknownErrorName    = "UNKNOWN_ERROR_NAME"
	CodeSyntaxError         = "SYNTAX_ERROR"
	CodeInternalError       = "INTERNAL_ERROR"
)

// Diagnostic is one problem found in a definition.
type Diagnostic struct {
	Severity Severity
	// Code is a stable identifier of the rule, e.g. MISSING_TRANSITION_TARGET.
	Code    string
	Message string
	// Pos is where the problem is in the source.
	Pos Pos
	// State names the state the problem is in; "" for the top level.
	State string
	// Path is the field path within the state (or within the machine when
	// State is ""), e.g. ["Retry", "0", "BackoffRate"], for the designer to
	// open the right form field.
	Path []string
}

// Format renders the diagnostic as "file:line:col: error CODE: message".
// An empty file prints as "<input>".
func (d Diagnostic) Format(file string) string {
	if file == "" {
		file = "<input>"
	}
	return file + ":" + strconv.Itoa(d.Pos.Line) + ":" + strconv.Itoa(d.Pos.Col) + ": " +
		d.Severity.String() + " " + d.Code + ": " + d.Message
}

// HasErrors reports whether any diagnostic is an error.
func HasErrors(ds []Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// SyntaxDiagnostic turns the error of Parse into a diagnostic with the code
// SYNTAX_ERROR, so that callers can list unparsable text and invalid
// definitions the same way.
func SyntaxDiagnostic(err error) Diagnostic {
	var se *SyntaxError
	if errors.As(err, &se) {
		return Diagnostic{Severity: SeverityError, Code: CodeSyntaxError, Message: se.Msg, Pos: se.Pos}
	}
	return Diagnostic{Severity: SeverityError, Code: CodeSyntaxError, Message: err.Error(), Pos: Pos{Line: 1, Col: 1}}
}
