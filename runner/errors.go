package runner

import "fmt"

// Error names defined by the Amazon States Language.
const (
	ErrAll                  = "States.ALL"
	ErrHeartbeatTimeout     = "States.HeartbeatTimeout"
	ErrTimeout              = "States.Timeout"
	ErrTaskFailed           = "States.TaskFailed"
	ErrPermissions          = "States.Permissions"
	ErrResultPathMatch      = "States.ResultPathMatchFailure"
	ErrParameterPathFailure = "States.ParameterPathFailure"
	ErrBranchFailed         = "States.BranchFailed"
	ErrNoChoiceMatched      = "States.NoChoiceMatched"
	ErrIntrinsicFailure     = "States.IntrinsicFailure"
	ErrExceedToleratedFail  = "States.ExceedToleratedFailureThreshold"
	ErrItemReaderFailed     = "States.ItemReaderFailed"
	ErrResultWriterFailed   = "States.ResultWriterFailed"
	ErrRuntime              = "States.Runtime"
	ErrDataLimitExceeded    = "States.DataLimitExceeded"
	ErrQueryEvaluation      = "States.QueryEvaluationError"
)

// StateError is a failure with an ASL error name and a cause. Retry and
// Catch match on Name; callers use errors.As to get it.
type StateError struct {
	Name  string
	Cause string
	// NullError and NullCause mark a failure that AWS reported without an
	// Error or Cause: the error output then carries JSON null for them.
	NullError, NullCause bool
}

// Errorf returns a *StateError with the given name and a formatted cause.
func Errorf(name, format string, args ...any) *StateError {
	return &StateError{Name: name, Cause: fmt.Sprintf(format, args...)}
}

func (e *StateError) Error() string {
	if e.Cause == "" {
		return e.Name
	}
	return e.Name + ": " + e.Cause
}
