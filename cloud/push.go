package cloud

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/smithy-go"

	"baton/model"
)

// PushTarget says where a definition goes: an existing state machine
// (Arn set) or a new one (Name, Type, RoleArn and logging).
type PushTarget struct {
	Arn string

	Name    string
	Type    string // STANDARD (default) or EXPRESS
	RoleArn string
	// LoggingLevel is ALL, ERROR, FATAL or OFF (default); any level but
	// OFF needs LogGroupArn, a CloudWatch Logs log group ARN ending ":*".
	LoggingLevel, LogGroupArn string

	// Publish publishes a version with VersionDescription.
	Publish            bool
	VersionDescription string
}

// PushPlan is what a push will do, for the user to confirm: the exact
// definition, its diff against what is deployed (nil when creating), the
// deployed revision the diff was taken from, and the diagnostics of
// Baton's validation and of AWS's ValidateStateMachineDefinition.
type PushPlan struct {
	Target         PushTarget
	Definition     string
	Diff           *DefinitionDiff
	RemoteRevision string
	Local, AWS     []Diagnostic
	// AWSUnavailable says why AWS's validation is missing, "" if it ran.
	AWSUnavailable string
}

// Blocked reports whether a diagnostic of either validation is an error:
// such a plan cannot be pushed.
func (p *PushPlan) Blocked() bool {
	for _, d := range append(p.Local[:len(p.Local):len(p.Local)], p.AWS...) {
		if d.Severity == "ERROR" {
			return true
		}
	}
	return false
}

// PlanPush prepares pushing doc to t: the definition (with ${Name}
// placeholders resolved from values when values is not nil), the diff
// against the deployed machine, and both validations. It changes nothing.
func (a *Account) PlanPush(ctx context.Context, doc *model.Document, values map[string]string, t PushTarget) (*PushPlan, error) {
	if t.Type == "" {
		t.Type = "STANDARD"
	}
	if values != nil {
		doc = doc.Clone()
		if missing := Substitute(doc.Root, values); len(missing) > 0 {
			return nil, fmt.Errorf("no value for placeholders %v in the values file", missing)
		}
		doc.Refresh()
	}
	def := string(doc.Marshal(model.JSON))
	p := &PushPlan{Target: t, Definition: def}
	if t.Arn != "" {
		info, err := a.DescribeStateMachine(ctx, t.Arn)
		if err != nil {
			return nil, err
		}
		p.Target.Type, p.RemoteRevision = info.Type, info.RevisionID
		if p.Diff, err = Diff([]byte(def), []byte(info.Definition), nil); err != nil {
			return nil, fmt.Errorf("the deployed definition: %w", err)
		}
	} else if t.Name == "" || t.RoleArn == "" {
		return nil, errors.New("a new state machine needs a name and a role ARN")
	}
	p.Local = CheckDefinition(def, p.Target.Type)
	out, err := a.Client.ValidateStateMachineDefinition(ctx, &sfn.ValidateStateMachineDefinitionInput{
		Definition: aws.String(def), Type: types.StateMachineType(p.Target.Type), Severity: types.ValidateStateMachineDefinitionSeverityWarning,
	})
	if err != nil {
		var ae smithy.APIError
		if !errors.As(err, &ae) {
			return nil, err
		}
		// Older regions, endpoints and restrictive policies lack it;
		// Baton's own validation still stands.
		p.AWSUnavailable = ae.ErrorCode() + ": " + ae.ErrorMessage()
	} else {
		for _, d := range out.Diagnostics {
			p.AWS = append(p.AWS, Diagnostic{Severity: string(d.Severity), Code: aws.ToString(d.Code), Message: aws.ToString(d.Message), Location: aws.ToString(d.Location)})
		}
	}
	return p, nil
}

// RemoteChangedError refuses a push because the deployed state machine
// changed after the plan's diff was taken.
type RemoteChangedError struct {
	Arn              string
	Planned, Current string
}

func (e *RemoteChangedError) Error() string {
	return fmt.Sprintf("%s was changed on AWS after the diff was taken (revision %s, now %s); review the new diff before pushing", e.Arn, e.Planned, e.Current)
}

// PushResult is what a push did.
type PushResult struct {
	Arn        string
	RevisionID string
	// VersionArn is the published version, "" if none.
	VersionArn string
	Created    bool
}

// Push carries out a confirmed plan. It refuses a blocked plan, and an
// update when the deployed revision is no longer the one the diff was
// taken from (*RemoteChangedError).
func (a *Account) Push(ctx context.Context, p *PushPlan) (*PushResult, error) {
	if p.Blocked() {
		return nil, errors.New("the definition has validation errors; fix them before pushing")
	}
	t := p.Target
	if t.Arn != "" {
		info, err := a.DescribeStateMachine(ctx, t.Arn)
		if err != nil {
			return nil, err
		}
		if info.RevisionID != p.RemoteRevision {
			return nil, &RemoteChangedError{Arn: t.Arn, Planned: p.RemoteRevision, Current: info.RevisionID}
		}
		out, err := a.Client.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{
			StateMachineArn: aws.String(t.Arn), Definition: aws.String(p.Definition),
			Publish: t.Publish, VersionDescription: optional(t.VersionDescription),
		})
		if err != nil {
			return nil, err
		}
		return &PushResult{Arn: t.Arn, RevisionID: aws.ToString(out.RevisionId), VersionArn: aws.ToString(out.StateMachineVersionArn)}, nil
	}
	in := &sfn.CreateStateMachineInput{
		Name: aws.String(t.Name), Definition: aws.String(p.Definition), RoleArn: aws.String(t.RoleArn),
		Type: types.StateMachineType(t.Type), Publish: t.Publish, VersionDescription: optional(t.VersionDescription),
	}
	if t.LoggingLevel != "" && t.LoggingLevel != "OFF" {
		in.LoggingConfiguration = &types.LoggingConfiguration{
			Level: types.LogLevel(t.LoggingLevel), IncludeExecutionData: true,
			Destinations: []types.LogDestination{{CloudWatchLogsLogGroup: &types.CloudWatchLogsLogGroup{LogGroupArn: aws.String(t.LogGroupArn)}}},
		}
	}
	out, err := a.Client.CreateStateMachine(ctx, in)
	if err != nil {
		return nil, err
	}
	res := &PushResult{Arn: aws.ToString(out.StateMachineArn), VersionArn: aws.ToString(out.StateMachineVersionArn), Created: true}
	if info, err := a.DescribeStateMachine(ctx, res.Arn); err == nil {
		res.RevisionID = info.RevisionID
	}
	return res, nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
