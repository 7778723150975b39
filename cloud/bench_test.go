package cloud_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"baton/cloud"
	"baton/runner"
)

// genHistory builds a history of n events: a Map whose iterations each
// run a Task, as the largest real histories are.
func genHistory(n int) []cloud.HistoryEvent {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	events := make([]cloud.HistoryEvent, 0, n)
	add := func(typ string, prev int64, details string) int64 {
		id := int64(len(events) + 1)
		e := cloud.HistoryEvent{Timestamp: start.Add(time.Duration(id) * time.Millisecond), Type: typ, ID: id, PreviousEventID: prev}
		if details != "" {
			e.DetailsKey, e.Details = runner.DetailsKey(typ), []byte(details)
		}
		events = append(events, e)
		return id
	}
	add("ExecutionStarted", 0, `{"input":"{\"items\":[1,2,3]}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/r"}`)
	entered := add("MapStateEntered", 1, `{"name":"Each","input":"{\"items\":[1,2,3]}"}`)
	started := add("MapStateStarted", entered, `{"length":5000}`)
	for i := 0; len(events) < n-3; i++ {
		it := add("MapIterationStarted", started, fmt.Sprintf(`{"name":"Each","index":%d}`, i))
		s := add("TaskStateEntered", it, fmt.Sprintf(`{"name":"Work","input":"{\"item\":%d}"}`, i))
		s = add("TaskScheduled", s, `{"resource":"invoke","resourceType":"lambda","region":"us-east-1","parameters":"{\"FunctionName\":\"work\"}"}`)
		s = add("TaskSucceeded", s, fmt.Sprintf(`{"resource":"invoke","resourceType":"lambda","output":"{\"Payload\":{\"done\":%d}}"}`, i))
		s = add("TaskStateExited", s, fmt.Sprintf(`{"name":"Work","output":"{\"done\":%d}"}`, i))
		add("MapIterationSucceeded", s, fmt.Sprintf(`{"name":"Each","index":%d}`, i))
	}
	for len(events) < n-1 {
		add("PassStateEntered", int64(len(events)), `{"name":"Pad","input":"{}"}`)
	}
	add("ExecutionSucceeded", int64(len(events)), `{"output":"{}","outputDetails":{"truncated":false}}`)
	return events
}

// BenchmarkLoadHistory_25000 reads a 25,000-event history file (AWS's
// maximum) in the AWS CLI's format and prepares it for replay.
func BenchmarkLoadHistory_25000(b *testing.B) {
	var file bytes.Buffer
	cloud.SaveHistory(&file, genHistory(25000))
	b.SetBytes(int64(file.Len()))
	b.ReportAllocs()
	cpu := selfCPU()
	for b.Loop() {
		events, err := cloud.LoadHistory(bytes.NewReader(file.Bytes()))
		if err != nil || len(events) != 25000 {
			b.Fatal(err, len(events))
		}
		r := cloud.NewReplay(events)
		r.Outcomes(len(r.Steps) - 1)
	}
	reportCPU(b, "cpu-ms/op", selfCPU()-cpu, b.N)
}

// bulkEngine runs nothing: every execution emits the events it is given.
type bulkEngine struct{ events []cloud.HistoryEvent }

func (bulkEngine) Check(string, string) []cloud.Diagnostic { return nil }

func (e bulkEngine) Start(context.Context, cloud.RunRequest) (cloud.Run, error) {
	return doneRun(e), nil
}

type doneRun bulkEngine

func (doneRun) Wait() cloud.RunResult          { return cloud.RunResult{Status: "SUCCEEDED", Output: "{}"} }
func (doneRun) Stop(string, string)            {}
func (r doneRun) Events() []cloud.HistoryEvent { return r.events }

// BenchmarkImportHistory_25000 imports a 25,000-event execution over HTTP
// with the SDK client (25 pages) and prepares it for replay.
func BenchmarkImportHistory_25000(b *testing.B) {
	a, exec := bigExecution(b)
	b.ReportAllocs()
	cpu := selfCPU()
	for b.Loop() {
		h, err := a.ImportHistory(ctx, exec, nil)
		if err != nil || len(h.Events) != 25000 {
			b.Fatal(err)
		}
		cloud.NewReplay(h.Events)
	}
	// Client and server both run in this process.
	reportCPU(b, "cpu-ms/op", selfCPU()-cpu, b.N)
}

// BenchmarkServer_Restart10000 opens a store of 10,000 ended executions
// (and 100 that were running when it was last closed), as `baton serve`
// does when it starts.
func BenchmarkServer_Restart10000(b *testing.B) {
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		if err := cloud.SeedExecutions(dir, "arn:aws:states:us-east-1:123456789012:stateMachine:M", 10000, 20, 100); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := selfCPU()
		srv, err := cloud.NewServer(cloud.ServerOptions{Data: dir, Engine: fakeEngine{}})
		if err != nil {
			b.Fatal(err)
		}
		if srv.Recovered != 100 {
			b.Fatalf("recovered %d", srv.Recovered)
		}
		srv.Close()
		cpu += selfCPU() - start
	}
	reportCPU(b, "cpu-ms/op", cpu, b.N)
}

// BenchmarkServe_Executions drives `baton serve` in a second process on
// loopback: each operation is one StartExecution of a 10-state machine,
// sent by 64 concurrent clients; the benchmark ends when every execution
// has completed (ListExecutions finds none RUNNING), and every one must
// then be listed as SUCCEEDED: none lost.
func BenchmarkServe_Executions(b *testing.B) {
	url, child := serveChild(b)
	a := sdkAccount(url)
	var def strings.Builder
	def.WriteString(`{"StartAt":"S0","States":{`)
	for i := range 10 {
		if i > 0 {
			def.WriteString(",")
		}
		if i < 9 {
			fmt.Fprintf(&def, `"S%d":{"Type":"Pass","Result":{"step":%d},"ResultPath":"$.s%d","Next":"S%d"}`, i, i, i, i+1)
		} else {
			fmt.Fprintf(&def, `"S%d":{"Type":"Succeed"}`, i)
		}
	}
	def.WriteString("}}")
	arn := aws.ToString(must(a.Client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String(fmt.Sprintf("Ten%d", b.N)), Definition: aws.String(def.String()), RoleArn: aws.String(role)})).StateMachineArn)
	clientCPU, serverCPU := selfCPU(), procCPU(child)
	b.SetParallelism(32)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := a.Client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(arn), Input: aws.String(`{"order":1}`)}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	for {
		running, err := a.Client.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: aws.String(arn), StatusFilter: "RUNNING", MaxResults: 1})
		if err != nil {
			b.Fatal(err)
		}
		if len(running.Executions) == 0 {
			break
		}
	}
	elapsed := b.Elapsed()
	b.StopTimer()
	reportCPU(b, "server-cpu-ms/exec", procCPU(child)-serverCPU, b.N)
	reportCPU(b, "client-cpu-ms/exec", selfCPU()-clientCPU, b.N)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "execs/s")
	list, err := a.ListExecutions(ctx, arn, "SUCCEEDED")
	if err != nil || len(list) != b.N {
		b.Fatalf("%d of %d executions listed as SUCCEEDED (%v)", len(list), b.N, err)
	}
}

// serveChild runs a server in a second process (this test binary, see
// TestMain) and returns its URL; the process ends with the benchmark.
func serveChild(b *testing.B) (url string, pid int) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "BATON_SERVE_CHILD="+b.TempDir())
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		b.Fatal(err)
	}
	return strings.TrimSpace(line), cmd.Process.Pid
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// childServe is the second process of BenchmarkServe_Executions: it
// serves on a free loopback port, prints the URL, and stops when its
// standard input closes.
func childServe(dir string) {
	srv, err := cloud.NewServer(cloud.ServerOptions{Data: dir, Engine: benchEngine()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	url, stop := listen(nil, srv)
	fmt.Println(url)
	io.Copy(io.Discard, os.Stdin)
	stop()
	srv.Close()
}
