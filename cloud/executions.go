package cloud

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// ExecutionSummary is one entry of an execution list.
type ExecutionSummary struct {
	Arn, Name, Status string
	Start, Stop       time.Time
}

// ListExecutions returns every execution of a state machine (all pages),
// newest first; status ("" for all) filters by RUNNING, SUCCEEDED, FAILED,
// TIMED_OUT, ABORTED or PENDING_REDRIVE.
func (a *Account) ListExecutions(ctx context.Context, machineArn, status string) ([]ExecutionSummary, error) {
	var out []ExecutionSummary
	pages := sfn.NewListExecutionsPaginator(a.Client, &sfn.ListExecutionsInput{
		StateMachineArn: aws.String(machineArn), StatusFilter: types.ExecutionStatus(status),
	})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, e := range page.Executions {
			out = append(out, ExecutionSummary{
				Arn: aws.ToString(e.ExecutionArn), Name: aws.ToString(e.Name), Status: string(e.Status),
				Start: aws.ToTime(e.StartDate), Stop: aws.ToTime(e.StopDate),
			})
		}
	}
	return out, nil
}

// ExecutionInfo is one execution, as DescribeExecution tells.
type ExecutionInfo struct {
	ExecutionSummary
	MachineArn string
	// Input and Output are JSON text; Output is "" unless SUCCEEDED.
	Input, Output string
	Error, Cause  string
}

// DescribeExecution returns one execution.
func (a *Account) DescribeExecution(ctx context.Context, arn string) (*ExecutionInfo, error) {
	out, err := a.Client.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String(arn)})
	if err != nil {
		return nil, err
	}
	return &ExecutionInfo{
		ExecutionSummary: ExecutionSummary{
			Arn: aws.ToString(out.ExecutionArn), Name: aws.ToString(out.Name), Status: string(out.Status),
			Start: aws.ToTime(out.StartDate), Stop: aws.ToTime(out.StopDate),
		},
		MachineArn: aws.ToString(out.StateMachineArn), Input: aws.ToString(out.Input), Output: aws.ToString(out.Output),
		Error: aws.ToString(out.Error), Cause: aws.ToString(out.Cause),
	}, nil
}
