package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baton/cli"
)

// orderDef validates an order, checks it in two branches, charges it
// (retrying Busy) and waits for an approval (a callback; Rejected cancels
// the order).
const orderDef = `{"StartAt":"Validate","States":{
 "Validate":{"Type":"Pass","Parameters":{"id.$":"$.id","qty.$":"$.qty"},"Assign":{"orderId.$":"$.id"},"Next":"Fan"},
 "Fan":{"Type":"Parallel","ResultPath":"$.checks","Next":"Charge","Branches":[
   {"StartAt":"Stock","States":{"Stock":{"Type":"Pass","Result":"in stock","End":true}}},
   {"StartAt":"Fraud","States":{"Fraud":{"Type":"Pass","Result":"ok","End":true}}}]},
 "Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"charge","Payload.$":"$"},
   "ResultSelector":{"status.$":"$.Payload.status"},"ResultPath":"$.charge",
   "Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":2}],"Next":"Approve"},
 "Approve":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
   "Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},"ResultPath":"$.approval",
   "Catch":[{"ErrorEquals":["Rejected"],"ResultPath":"$.rejection","Next":"Cancelled"}],"Next":"Done"},
 "Done":{"Type":"Succeed"},
 "Cancelled":{"Type":"Fail","Error":"OrderCancelled","Cause":"rejected"}}}`

// orderMocks answers Charge with Busy, then paid.
const orderMocks = `{"StateMachines":{"Order":{"TestCases":{"Busy":{"Charge":"BusyThenPaid"}}}},
 "MockedResponses":{"BusyThenPaid":{"0":{"Throw":{"Error":"Busy","Cause":"try later"}},"1":{"Return":{"Payload":{"status":"paid"}}}}}}`

func TestDebug(t *testing.T) {
	dir := t.TempDir()
	def := filepath.Join(dir, "order.asl.json")
	mocks := filepath.Join(dir, "mocks.json")
	for p, src := range map[string]string{def: orderDef, mocks: orderMocks} {
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := []string{def, "--input", `{"id":"o-1","qty":2}`, "--mocks", mocks, "--name", "x1"}
	tests := []struct {
		name         string
		args         []string
		stdin        string
		code         int
		stdout, errs string
	}{
		{"breakpoints, inspection and a callback answered", append(base, "--break", "Charge", "--break-on-error"), `
c
print
vars
c
where
p afterParameters
c
where
send heartbeat
send success {"ok":true}
p afterResultPath
c
`, 0, `stopped at Charge before breakpoint
{"input":{"checks":["in stock","ok"],"id":"o-1","qty":2},"variables":{"orderId":"o-1"}}
{"orderId":"o-1"}
stopped at Charge after error Busy
Charge (Task) in top level, entered at event 12, retry count 0
Busy is retried after 2s
{"FunctionName":"charge","Payload":{"checks":["in stock","ok"],"id":"o-1","qty":2}}
stopped at Approve before callback
Approve (Task) in top level, entered at event 20, retry count 0
waiting for a callback on task token x1-1
heartbeat 1 sent to Approve
stopped at Approve after step
{"approval":{"ok":true},"charge":{"status":"paid"},"checks":["in stock","ok"],"id":"o-1","qty":2}
{"approval":{"ok":true},"charge":{"status":"paid"},"checks":["in stock","ok"],"id":"o-1","qty":2}
`, ""},
		{"stepping into a branch and out, editing an input, a callback failed", base, `
s
s
s
i 1
s
o
b Approve
input {"id":"o-9","qty":1}
c
c
send failure Rejected too expensive
p output
c
`, 1, `stopped at Validate before step
stopped at Validate after step
stopped at Fan before step
stopped at Fraud before step
stopped at Fraud after step
stopped at Fan after step
breakpoint Approve before
stopped at Approve before breakpoint
stopped at Approve before callback
stopped at Approve after step
{"charge":{"status":"paid"},"checks":["in stock","ok"],"id":"o-1","qty":2,"rejection":{"Cause":"too expensive","Error":"Rejected"}}
`, `input: the input can be edited only at a stop before a state
OrderCancelled: rejected
`},
		{"edit and continue", base, `
b Validate
c
input {"id":"o-9","qty":1}
p input
b Approve after
clear Approve
b Fraud after if $ == 'ok' && $orderId == 'o-9'
bp
c
p
c
send success "yes"
c
`, 0, `breakpoint Validate before
stopped at Validate before breakpoint
{"id":"o-9","qty":1}
breakpoint Approve after
cleared Approve
breakpoint Fraud after if $ == 'ok' && $orderId == 'o-9'
breakpoint Fraud after if $ == 'ok' && $orderId == 'o-9'
breakpoint Validate before
stopped at Fraud after breakpoint
{"input":{"id":"o-9","qty":1},"afterInputPath":{"id":"o-9","qty":1},"result":"ok","afterResultPath":"ok","output":"ok","variables":{"orderId":"o-9"}}
stopped at Approve before callback
stopped at Approve after step
{"approval":"yes","charge":{"status":"paid"},"checks":["in stock","ok"],"id":"o-9","qty":1}
`, ""},
		{"restart runs the same mocks again", append(base, "--break-on-error"), `
c
restart
c
c
events
q
`, 0, `stopped at Charge after error Busy
restarted
stopped at Charge after error Busy
stopped at Approve before callback
1 ExecutionStarted
2 PassStateEntered Validate
3 PassStateExited Validate
4 ParallelStateEntered Fan
5 ParallelStateStarted
6 PassStateEntered Stock
7 PassStateExited Stock
8 PassStateEntered Fraud
9 PassStateExited Fraud
10 ParallelStateSucceeded
11 ParallelStateExited Fan
12 TaskStateEntered Charge
13 TaskScheduled
14 TaskStarted
15 TaskFailed
16 TaskScheduled
17 TaskStarted
18 TaskSucceeded
19 TaskStateExited Charge
20 TaskStateEntered Approve
21 TaskScheduled
22 TaskStarted
23 TaskSubmitted
`, ""},
		{"commands at the wrong time", base, `
p
send success {}
bogus
b Nope
b Fraud sideways
u Approve
c
until Approve
skip
into x
send maybe
send failure
c
c
where
`, 1, `stopped at Approve before here
stopped at Approve before callback
stopped at Approve after step
`, `p: the execution has not started: continue or step to start it
send: the execution has not started: continue or step to start it
unknown command "bogus" (help lists them)
b: no state named "Nope"
b: want before or after, not "sideways"
until: the task waits for a callback: send success, failure or a heartbeat
skip: the task waits for a callback: send success, failure or a heartbeat
into: want a branch or iteration index, not "x"
send: want success JSON, failure ERROR CAUSE or heartbeat
execution FAILED
c: the execution has ended: restart it to run it again
where: the execution has ended: restart it to run it again
`},
		{"standard input is for commands", []string{def, "--input", "-"}, "", 2, "", "baton debug: --input -: standard input carries the debugger's commands; give the input as JSON or @FILE\n"},
		{"an unknown --break state", []string{def, "--break", "Nope"}, "", 2, "", "baton debug: --break: no state named \"Nope\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			env := &cli.Env{Stdin: strings.NewReader(tt.stdin), Stdout: &stdout, Stderr: &stderr}
			code := cli.Main(env, append([]string{"debug"}, tt.args...))
			if code != tt.code || stdout.String() != tt.stdout || stderr.String() != tt.errs {
				t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d, stdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String(), tt.code, tt.stdout, tt.errs)
			}
		})
	}
}
