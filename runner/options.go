package runner

import (
	cryptorand "crypto/rand"
	"fmt"
	"time"
)

// Option configures one execution.
type Option func(*options)

type options struct {
	clock          Clock
	tasks          TaskHandler
	maxTransitions int64
	historyLimit   int
	payloadLimit   int
	info           ContextInfo
	observer       Observer
	items          ItemStore
	seed           int64
	hasSeed        bool
}

// ContextInfo names what the context object ($$) and the history report
// about where an execution runs. Empty fields get Baton's defaults.
type ContextInfo struct {
	Region           string // default "us-east-1"
	Account          string // default "123456789012"
	StateMachineName string // default "StateMachine"
	ExecutionName    string // default a random UUID
	RoleArn          string // default arn:aws:iam::ACCOUNT:role/StepFunctions-Baton
	RedriveCount     int
	// Express makes the execution an EXPRESS one (its ARN reads
	// …:express:…); the default is STANDARD. Synchronous marks an express
	// execution started with StartSyncExecution, whose context object has
	// no RedriveCount.
	Express, Synchronous bool
}

func (c *ContextInfo) fill() {
	if c.Region == "" {
		c.Region = "us-east-1"
	}
	if c.Account == "" {
		c.Account = "123456789012"
	}
	if c.StateMachineName == "" {
		c.StateMachineName = "StateMachine"
	}
	if c.ExecutionName == "" {
		c.ExecutionName = newUUID()
	}
	if c.RoleArn == "" {
		c.RoleArn = "arn:aws:iam::" + c.Account + ":role/StepFunctions-Baton"
	}
}

// WithClock sets the clock. The default is a virtual clock starting at the
// current time: Waits and Retry intervals take no real time.
func WithClock(c Clock) Option { return func(o *options) { o.clock = c } }

// WithTasks sets the handler that answers Task states. Without one, every
// Task fails with an error that says how to mock it.
func WithTasks(h TaskHandler) Option { return func(o *options) { o.tasks = h } }

// WithMaxTransitions fails the execution with States.Runtime once more
// than n states have been entered (n <= 0: no limit, the default), a guard
// against endless loops.
func WithMaxTransitions(n int64) Option { return func(o *options) { o.maxTransitions = n } }

// WithHistoryLimit sets how many history events the execution may have
// before it fails, as AWS does at 25,000 (DefaultHistoryLimit, the
// default); n <= 0 removes the limit.
func WithHistoryLimit(n int) Option { return func(o *options) { o.historyLimit = n } }

// WithPayloadLimit sets the largest state output, in bytes of JSON,
// before a state fails with States.DataLimitExceeded: AWS's 256 KiB
// (MaxPayloadBytes) by default; n <= 0 removes the limit.
func WithPayloadLimit(n int) Option { return func(o *options) { o.payloadLimit = n } }

// WithExecutionName sets the execution's name ($$.Execution.Name).
func WithExecutionName(name string) Option {
	return func(o *options) { o.info.ExecutionName = name }
}

// WithContext sets what the context object reports about the account,
// region, state machine and execution; empty fields keep their defaults
// (an execution name set by WithExecutionName is kept too).
func WithContext(info ContextInfo) Option {
	return func(o *options) {
		if info.ExecutionName == "" {
			info.ExecutionName = o.info.ExecutionName
		}
		o.info = info
	}
}

// WithObserver sets an observer that is called before and after every
// state (a debugger); it may block to pause the execution.
func WithObserver(obs Observer) Option { return func(o *options) { o.observer = obs } }

// WithItemStore sets where distributed Maps read items (ItemReader) and
// write results (ResultWriter): a DirStore, say. Without one, such a Map
// fails with States.Runtime.
func WithItemStore(s ItemStore) Option { return func(o *options) { o.items = s } }

// WithSeed makes the execution's random choices (retry jitter, task
// tokens) repeatable.
func WithSeed(seed int64) Option { return func(o *options) { o.seed, o.hasSeed = seed, true } }

func buildOptions(opts []Option) options {
	o := options{historyLimit: DefaultHistoryLimit, payloadLimit: MaxPayloadBytes}
	for _, opt := range opts {
		opt(&o)
	}
	if o.clock == nil {
		o.clock = VirtualClock(time.Now())
	}
	o.info.fill()
	return o
}

// newUUID returns a random version-4 UUID, AWS's default execution name.
func newUUID() string {
	var b [16]byte
	_, _ = cryptorand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
