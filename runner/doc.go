// Package runner executes Amazon States Language state machines as AWS
// Step Functions does: Compile turns a model.Document into a Machine
// (every path, payload template and intrinsic call parsed once), and
// Machine.Start runs it as an Execution that emits AWS-shaped history
// events and ends with AWS's result, error names and causes.
//
// Executions run on a clock that is virtual by default (a Wait of a day
// takes no time), with Task states answered by a TaskHandler the caller
// gives: Step Functions Local mock configs (MockConfig), a local command
// (CommandHandler), or a Lambda-compatible HTTP endpoint (LambdaHandler).
// A distributed Map's ItemReader and ResultWriter use an ItemStore
// (DirStore: a local folder). An Observer sees every state's data phases
// and may pause the execution; that is the hook of DebugSession, the step
// debugger (breakpoints, stepping into branches and iterations, pause,
// callbacks, skippable waits).
//
// Both query languages run: JSONPath (paths, payload templates,
// intrinsic functions) and JSONata ("{% … %}" expressions, with $states,
// workflow variables and Step Functions' own functions), which the
// jsonata*.go files evaluate with github.com/xiatechs/jsonata-go, bounded
// in depth, memory and time and corrected where the library differs from
// the JSONata that AWS runs.
//
// Threads of one execution (Parallel branches, Map iterations) run one at
// a time, handing a token on only when they wait, so histories are
// deterministic and numbered as AWS numbers them; handlers that take real
// time (RealTimeHandler) let the others run meanwhile.
//
// Values are plain Go JSON values (map[string]any, []any, string, int64,
// float64, bool, nil) and are never modified in place: a state shares what
// it does not change. The runner reads no files and opens no connections
// except through the handlers it is given, and it must not import Fyne or
// the AWS SDK.
package runner
