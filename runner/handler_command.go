package runner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// CommandHandler answers Task states with local commands: the task's
// input is written as JSON to the command's standard input, and its
// standard output, JSON, is the result. A non-zero exit is a
// States.TaskFailed failure whose cause is the command's standard error;
// a command may name the error itself by printing {"Error": …, "Cause": …}
// on standard error before it exits non-zero.
type CommandHandler struct {
	// Commands maps a state name, or a Resource as written, to the
	// command and its arguments. A state name wins over a resource.
	Commands map[string][]string
	// Dir is the commands' working directory ("" for the current one).
	Dir string
	// Env is added to the commands' environment.
	Env []string
}

// RealTime reports that commands take real time.
func (h *CommandHandler) RealTime() bool { return true }

// Invoke runs the command of the state (or of its resource); a task with
// neither gives ErrNoHandler.
func (h *CommandHandler) Invoke(ctx context.Context, req *TaskRequest) (any, error) {
	argv, ok := h.Commands[req.State]
	if !ok {
		argv, ok = h.Commands[req.Resource]
	}
	if !ok || len(argv) == 0 {
		return nil, ErrNoHandler
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = h.Dir
	if len(h.Env) > 0 {
		cmd.Env = append(cmd.Environ(), h.Env...)
	}
	cmd.Stdin = bytes.NewReader(marshalValue(req.Input))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return nil, Errorf(ErrTaskFailed, "command %q for state '%s' could not run: %v", argv[0], req.State, err)
		}
		return nil, commandFailure(stderr.Bytes(), exit.ExitCode())
	}
	out := bytes.TrimSpace(stdout.Bytes())
	if len(out) == 0 {
		return nil, nil
	}
	v, err := ParseJSON(out)
	if err != nil {
		return nil, Errorf(ErrTaskFailed, "command %q for state '%s' printed output that is not JSON: %v", argv[0], req.State, err)
	}
	return v, nil
}

// commandFailure reads a failed command's standard error.
func commandFailure(stderr []byte, code int) *StateError {
	text := strings.TrimSpace(string(stderr))
	if v, err := ParseJSON([]byte(text)); err == nil {
		if m, ok := v.(map[string]any); ok {
			if name, ok := m["Error"].(string); ok {
				cause, _ := m["Cause"].(string)
				return &StateError{Name: name, Cause: cause}
			}
		}
	}
	if text == "" {
		text = fmt.Sprintf("exit status %d", code)
	}
	return &StateError{Name: ErrTaskFailed, Cause: text}
}
