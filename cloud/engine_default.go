package cloud

import (
	"context"
	"errors"
)

// DefaultEngine is the Engine `baton serve` runs on.
func DefaultEngine() Engine { return checkOnlyEngine{} }

// checkOnlyEngine validates definitions with Baton's rules; it cannot run
// them until the interpreter is wired in, and says so on every start.
type checkOnlyEngine struct{}

func (checkOnlyEngine) Check(definition, machineType string) []Diagnostic {
	return CheckDefinition(definition, machineType)
}

func (checkOnlyEngine) Start(context.Context, RunRequest) (Run, error) {
	return nil, errors.New("this build of baton serve has no interpreter: executions cannot run")
}
