package cloud

import (
	"context"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"baton/model"
)

// MachineSummary is one entry of a state machine list.
type MachineSummary struct {
	Arn, Name, Type string
	Created         time.Time
}

// ListStateMachines returns every state machine of the account (all
// pages), keeping those whose name contains filter, case-insensitively
// ("" keeps all), in the order AWS lists them.
func (a *Account) ListStateMachines(ctx context.Context, filter string) ([]MachineSummary, error) {
	filter = strings.ToLower(filter)
	var out []MachineSummary
	pages := sfn.NewListStateMachinesPaginator(a.Client, &sfn.ListStateMachinesInput{})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, m := range page.StateMachines {
			name := aws.ToString(m.Name)
			if filter != "" && !strings.Contains(strings.ToLower(name), filter) {
				continue
			}
			out = append(out, MachineSummary{Arn: aws.ToString(m.StateMachineArn), Name: name, Type: string(m.Type), Created: aws.ToTime(m.CreationDate)})
		}
	}
	return out, nil
}

// MachineInfo is a deployed state machine, as DescribeStateMachine tells.
type MachineInfo struct {
	Arn, Name, Type, RoleArn string
	Definition               string
	// RevisionID changes with every update; Push compares it to refuse
	// overwriting a change made since the diff.
	RevisionID  string
	Description string
	// LoggingLevel is ALL, ERROR, FATAL or OFF.
	LoggingLevel string
	Created      time.Time
}

// DescribeStateMachine returns a deployed state machine (or version).
func (a *Account) DescribeStateMachine(ctx context.Context, arn string) (*MachineInfo, error) {
	out, err := a.Client.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(arn)})
	if err != nil {
		return nil, err
	}
	info := &MachineInfo{
		Arn: aws.ToString(out.StateMachineArn), Name: aws.ToString(out.Name), Type: string(out.Type),
		RoleArn: aws.ToString(out.RoleArn), Definition: aws.ToString(out.Definition),
		RevisionID: aws.ToString(out.RevisionId), Description: aws.ToString(out.Description),
		Created: aws.ToTime(out.CreationDate), LoggingLevel: "OFF",
	}
	if out.LoggingConfiguration != nil && out.LoggingConfiguration.Level != "" {
		info.LoggingLevel = string(out.LoggingConfiguration.Level)
	}
	return info, nil
}

// Document parses the deployed definition into a document named after
// the machine, to open in a new tab.
func (m *MachineInfo) Document() (*model.Document, error) {
	return model.Parse(m.Name+".asl.json", []byte(m.Definition))
}
