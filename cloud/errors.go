package cloud

import (
	"fmt"
	"net/http"
)

// APIError is an error of the Step Functions API as AWS reports it: an error
// code (the `__type` of the JSON body, such as "StateMachineDoesNotExist"),
// a message, and the HTTP status. Server answers with them; an SDK client
// of Server gets the same typed errors it gets from AWS.
type APIError struct {
	Code    string
	Message string
	Status  int
}

func (e *APIError) Error() string { return e.Code + ": " + e.Message }

// apiErr returns a client error (HTTP 400, as AWS answers every Step
// Functions client error) with a formatted message.
func apiErr(code, format string, args ...any) *APIError {
	return &APIError{Code: code, Message: fmt.Sprintf(format, args...), Status: http.StatusBadRequest}
}

// Error codes of the Step Functions API that Server returns.
const (
	ErrCodeValidation            = "ValidationException"
	ErrCodeSerialization         = "SerializationException"
	ErrCodeUnknownOperation      = "UnknownOperationException"
	ErrCodeInternal              = "InternalFailure"
	ErrCodeInvalidArn            = "InvalidArn"
	ErrCodeInvalidName           = "InvalidName"
	ErrCodeInvalidDefinition     = "InvalidDefinition"
	ErrCodeInvalidToken          = "InvalidToken"
	ErrCodeInvalidOutput         = "InvalidOutput"
	ErrCodeInvalidExecutionInput = "InvalidExecutionInput"
	ErrCodeMissingRequiredParam  = "MissingRequiredParameter"
	ErrCodeStateMachineNotFound  = "StateMachineDoesNotExist"
	ErrCodeStateMachineExists    = "StateMachineAlreadyExists"
	ErrCodeTypeNotSupported      = "StateMachineTypeNotSupported"
	ErrCodeExecutionDoesNotExist = "ExecutionDoesNotExist"
	ErrCodeExecutionExists       = "ExecutionAlreadyExists"
	ErrCodeTaskDoesNotExist      = "TaskDoesNotExist"
	ErrCodeTaskTimedOut          = "TaskTimedOut"
	ErrCodeConflict              = "ConflictException"
)

func internalErr(err error) *APIError {
	return &APIError{Code: ErrCodeInternal, Message: err.Error(), Status: http.StatusInternalServerError}
}
