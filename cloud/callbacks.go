package cloud

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"sync"
)

// Callbacks holds the task tokens of tasks that wait for a callback
// (.waitForTaskToken), and delivers SendTaskSuccess, SendTaskFailure and
// SendTaskHeartbeat to them. A token is known from the moment it is minted,
// so an answer that arrives before the task starts waiting is kept for it.
type Callbacks struct {
	mu     sync.Mutex
	tokens map[string]*callback
	// closed are the tokens answered or abandoned: they never wait again.
	closed map[string]bool
}

type callback struct {
	answered bool
	result   CallbackResult
	done     chan struct{}
	beats    int
}

// CallbackResult is the answer to a task token.
type CallbackResult struct {
	// Output is the JSON output of SendTaskSuccess.
	Output string
	// Failed is set by SendTaskFailure, with its error and cause.
	Failed       bool
	Error, Cause string
}

// NewCallbacks returns an empty set of task tokens.
func NewCallbacks() *Callbacks {
	return &Callbacks{tokens: map[string]*callback{}, closed: map[string]bool{}}
}

// Mint returns a new task token, known from now on.
func (c *Callbacks) Mint() string {
	var b [48]byte
	rand.Read(b[:])
	token := base64.RawURLEncoding.EncodeToString(b[:])
	c.Expect(token)
	return token
}

// Expect makes a token minted elsewhere (by the interpreter) known, so that
// answers to it are accepted.
func (c *Callbacks) Expect(token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tokens[token] == nil && !c.closed[token] {
		c.tokens[token] = &callback{done: make(chan struct{})}
	}
}

// Wait blocks until token is answered or ctx ends, and forgets the token.
func (c *Callbacks) Wait(ctx context.Context, token string) (CallbackResult, error) {
	c.Expect(token)
	c.mu.Lock()
	cb := c.tokens[token]
	c.mu.Unlock()
	if cb == nil {
		return CallbackResult{}, errors.New("task token " + token + " was already answered")
	}
	defer c.Forget(token)
	select {
	case <-cb.done:
		return cb.result, nil
	case <-ctx.Done():
		return CallbackResult{}, ctx.Err()
	}
}

// Forget drops a token; later answers to it fail with TaskDoesNotExist.
func (c *Callbacks) Forget(token string) {
	c.mu.Lock()
	delete(c.tokens, token)
	c.closed[token] = true
	c.mu.Unlock()
}

// answer delivers r to the task waiting on token.
func (c *Callbacks) answer(token string, r CallbackResult) *APIError {
	c.mu.Lock()
	defer c.mu.Unlock()
	cb := c.tokens[token]
	if cb == nil || cb.answered {
		return apiErr(ErrCodeTaskDoesNotExist, "Task does not exist anymore")
	}
	cb.answered, cb.result = true, r
	close(cb.done)
	return nil
}

// heartbeat records a heartbeat for token.
func (c *Callbacks) heartbeat(token string) *APIError {
	c.mu.Lock()
	defer c.mu.Unlock()
	cb := c.tokens[token]
	if cb == nil || cb.answered {
		return apiErr(ErrCodeTaskDoesNotExist, "Task does not exist anymore")
	}
	cb.beats++
	return nil
}
