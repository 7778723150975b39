package cloud

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

func init() {
	registerOp("CreateStateMachine", (*Server).createStateMachine)
	registerOp("DescribeStateMachine", (*Server).describeStateMachine)
	registerOp("UpdateStateMachine", (*Server).updateStateMachine)
	registerOp("DeleteStateMachine", (*Server).deleteStateMachine)
	registerOp("ListStateMachines", (*Server).listStateMachines)
	registerOp("ValidateStateMachineDefinition", (*Server).validateDefinition)
}

// checkDefinition refuses a definition with errors, with AWS's message:
// "Invalid State Machine Definition: 'CODE: message at location'".
func (s *Server) checkDefinition(def, typ string) *APIError {
	var errs []string
	for _, d := range s.opts.Engine.Check(def, typ) {
		if d.Severity != "ERROR" {
			continue
		}
		msg := d.Code + ": " + d.Message
		if d.Location != "" {
			msg += " at " + d.Location
		}
		errs = append(errs, msg)
	}
	if errs != nil {
		return apiErr(ErrCodeInvalidDefinition, "Invalid State Machine Definition: '%s'", strings.Join(errs, ", "))
	}
	return nil
}

func checkType(typ string) (string, *APIError) {
	switch typ {
	case "":
		return "STANDARD", nil
	case "STANDARD", "EXPRESS":
		return typ, nil
	}
	return "", apiErr(ErrCodeValidation, "1 validation error detected: Value '%s' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [EXPRESS, STANDARD]", typ)
}

func checkRole(role string) *APIError {
	if err := required("roleArn", role); err != nil {
		return err
	}
	if !strings.HasPrefix(role, "arn:") {
		return apiErr(ErrCodeInvalidArn, "Invalid Arn: 'Resource type not valid in this context: %s'", role)
	}
	return nil
}

type createInput struct {
	Name                 string          `json:"name"`
	Definition           string          `json:"definition"`
	RoleArn              string          `json:"roleArn"`
	Type                 string          `json:"type"`
	LoggingConfiguration json.RawMessage `json:"loggingConfiguration"`
	TracingConfiguration json.RawMessage `json:"tracingConfiguration"`
	Publish              bool            `json:"publish"`
	VersionDescription   string          `json:"versionDescription"`
}

func (s *Server) createStateMachine(c *call) (any, *APIError) {
	var in createInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	for _, r := range [][2]string{{"name", in.Name}, {"definition", in.Definition}} {
		if err := required(r[0], r[1]); err != nil {
			return nil, err
		}
	}
	if err := checkName(in.Name); err != nil {
		return nil, err
	}
	if err := checkRole(in.RoleArn); err != nil {
		return nil, err
	}
	typ, aerr := checkType(in.Type)
	if aerr != nil {
		return nil, aerr
	}
	if err := s.checkDefinition(in.Definition, typ); err != nil {
		return nil, err
	}
	now := s.opts.Now()
	m := machineRecord{
		Arn: machineArn(c.region, in.Name), Name: in.Name, Type: typ, RevisionID: newID(),
		Definition: in.Definition, RoleArn: in.RoleArn, Logging: in.LoggingConfiguration,
		Tracing: in.TracingConfiguration, Created: now, Updated: now,
	}
	if in.Publish {
		m.publish(in.VersionDescription, now)
	}
	saved, err := s.store.saveMachine(m.Arn, func(old *machineRecord, exists bool) error {
		if !exists {
			*old = m
			return nil
		}
		// CreateStateMachine is idempotent: the same name, definition, role
		// and type answer with the machine that exists.
		if old.Definition != in.Definition || old.RoleArn != in.RoleArn || old.Type != typ {
			return errExistsDifferent
		}
		return nil
	})
	if errors.Is(err, errExistsDifferent) {
		return nil, apiErr(ErrCodeStateMachineExists, "State Machine Already Exists: '%s'", m.Arn)
	} else if err != nil {
		return nil, internalErr(err)
	}
	m = saved
	return struct {
		Arn     string  `json:"stateMachineArn"`
		Created epoch   `json:"creationDate"`
		Version *string `json:"stateMachineVersionArn,omitempty"`
	}{m.Arn, epoch(m.Created), m.latestVersionArn(in.Publish)}, nil
}

var errExistsDifferent = errors.New("a different state machine of that name exists")

// publish adds a version of the current revision.
func (m *machineRecord) publish(description string, now time.Time) {
	m.VersionCount++
	m.Versions = append(m.Versions, versionRecord{Number: m.VersionCount, RevisionID: m.RevisionID, Description: description, Created: now})
}

// latestVersionArn is the ARN of the newest version when published is set.
func (m *machineRecord) latestVersionArn(published bool) *string {
	if !published || len(m.Versions) == 0 {
		return nil
	}
	arn := fmt.Sprintf("%s:%d", m.Arn, m.Versions[len(m.Versions)-1].Number)
	return &arn
}

// findMachine resolves a state machine ARN, or a version ARN to the
// machine and that version.
func (s *Server) findMachine(arn string) (machineRecord, *versionRecord, *APIError) {
	if err := required("stateMachineArn", arn); err != nil {
		return machineRecord{}, nil, err
	}
	p, ok := parseArn(arn)
	if !ok || p.Resource != "stateMachine" {
		return machineRecord{}, nil, apiErr(ErrCodeInvalidArn, "Invalid Arn: 'Resource type not valid in this context: %s'", arn)
	}
	base := arn
	if p.Version > 0 {
		base = arn[:strings.LastIndexByte(arn, ':')]
	}
	m, ok, err := s.store.machine(base)
	if err != nil {
		return m, nil, internalErr(err)
	}
	if !ok {
		return m, nil, apiErr(ErrCodeStateMachineNotFound, "State Machine Does Not Exist: '%s'", arn)
	}
	if p.Version == 0 {
		return m, nil, nil
	}
	for i := range m.Versions {
		if m.Versions[i].Number == p.Version {
			return m, &m.Versions[i], nil
		}
	}
	return m, nil, apiErr(ErrCodeStateMachineNotFound, "State Machine Does Not Exist: '%s'", arn)
}

// machineOutput is DescribeStateMachine's answer.
type machineOutput struct {
	Arn         string          `json:"stateMachineArn"`
	Name        string          `json:"name"`
	Status      string          `json:"status"`
	Definition  string          `json:"definition"`
	RoleArn     string          `json:"roleArn"`
	Type        string          `json:"type"`
	Created     epoch           `json:"creationDate"`
	Logging     json.RawMessage `json:"loggingConfiguration,omitempty"`
	Tracing     json.RawMessage `json:"tracingConfiguration,omitempty"`
	RevisionID  string          `json:"revisionId,omitempty"`
	Description string          `json:"description,omitempty"`
}

func defaultLogging(l json.RawMessage) json.RawMessage {
	if len(l) == 0 {
		return json.RawMessage(`{"level":"OFF","includeExecutionData":false}`)
	}
	return l
}

func defaultTracing(t json.RawMessage) json.RawMessage {
	if len(t) == 0 {
		return json.RawMessage(`{"enabled":false}`)
	}
	return t
}

func (s *Server) describeStateMachine(c *call) (any, *APIError) {
	var in struct {
		Arn string `json:"stateMachineArn"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	m, v, aerr := s.findMachine(in.Arn)
	if aerr != nil {
		return nil, aerr
	}
	out := machineOutput{
		Arn: m.Arn, Name: m.Name, Status: "ACTIVE", Definition: m.Definition, RoleArn: m.RoleArn, Type: m.Type,
		Created: epoch(m.Created), Logging: defaultLogging(m.Logging), Tracing: defaultTracing(m.Tracing), RevisionID: m.RevisionID,
	}
	if v != nil {
		rev, ok, err := s.store.revision(v.RevisionID)
		if err != nil || !ok {
			return nil, internalErr(fmt.Errorf("revision %s of %s is missing from the store", v.RevisionID, in.Arn))
		}
		out.Arn, out.Definition, out.RoleArn, out.RevisionID = in.Arn, rev.Definition, rev.RoleArn, v.RevisionID
		out.Created, out.Description = epoch(v.Created), v.Description
	}
	return out, nil
}

func (s *Server) updateStateMachine(c *call) (any, *APIError) {
	var in struct {
		Arn                  string          `json:"stateMachineArn"`
		Definition           string          `json:"definition"`
		RoleArn              string          `json:"roleArn"`
		LoggingConfiguration json.RawMessage `json:"loggingConfiguration"`
		TracingConfiguration json.RawMessage `json:"tracingConfiguration"`
		Publish              bool            `json:"publish"`
		VersionDescription   string          `json:"versionDescription"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	m, v, aerr := s.findMachine(in.Arn)
	if aerr != nil {
		return nil, aerr
	}
	if v != nil {
		return nil, apiErr(ErrCodeInvalidArn, "Invalid Arn: 'A state machine version cannot be updated: %s'", in.Arn)
	}
	if in.Definition == "" && in.RoleArn == "" && in.LoggingConfiguration == nil && in.TracingConfiguration == nil {
		return nil, apiErr(ErrCodeMissingRequiredParam, "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified")
	}
	if in.RoleArn != "" {
		if err := checkRole(in.RoleArn); err != nil {
			return nil, err
		}
	}
	if in.Definition != "" {
		if err := s.checkDefinition(in.Definition, m.Type); err != nil {
			return nil, err
		}
	}
	now := s.opts.Now()
	saved, err := s.store.saveMachine(m.Arn, func(saved *machineRecord, exists bool) error {
		if !exists {
			return errGone
		}
		// The update applies to what is stored now, not to what was read
		// before: two concurrent updates both land, in some order.
		if in.Definition != "" {
			saved.Definition = in.Definition
		}
		if in.RoleArn != "" {
			saved.RoleArn = in.RoleArn
		}
		if in.LoggingConfiguration != nil {
			saved.Logging = in.LoggingConfiguration
		}
		if in.TracingConfiguration != nil {
			saved.Tracing = in.TracingConfiguration
		}
		saved.RevisionID, saved.Updated = newID(), now
		if in.Publish {
			saved.publish(in.VersionDescription, now)
		}
		return nil
	})
	if errors.Is(err, errGone) {
		return nil, apiErr(ErrCodeStateMachineNotFound, "State Machine Does Not Exist: '%s'", in.Arn)
	}
	if err != nil {
		return nil, internalErr(err)
	}
	return struct {
		Updated    epoch   `json:"updateDate"`
		RevisionID string  `json:"revisionId"`
		Version    *string `json:"stateMachineVersionArn,omitempty"`
	}{epoch(now), saved.RevisionID, saved.latestVersionArn(in.Publish)}, nil
}

var errGone = errors.New("state machine does not exist")

func (s *Server) deleteStateMachine(c *call) (any, *APIError) {
	var in struct {
		Arn string `json:"stateMachineArn"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := required("stateMachineArn", in.Arn); err != nil {
		return nil, err
	}
	if p, ok := parseArn(in.Arn); !ok || p.Resource != "stateMachine" || p.Version != 0 {
		return nil, apiErr(ErrCodeInvalidArn, "Invalid Arn: 'Resource type not valid in this context: %s'", in.Arn)
	}
	// Deleting is idempotent on AWS: an ARN that names nothing succeeds.
	if err := s.store.deleteMachine(in.Arn); err != nil {
		return nil, internalErr(err)
	}
	return struct{}{}, nil
}

type machineListItem struct {
	Arn     string `json:"stateMachineArn"`
	Name    string `json:"name"`
	Type    string `json:"type"`
	Created epoch  `json:"creationDate"`
}

func (s *Server) listStateMachines(c *call) (any, *APIError) {
	var in struct {
		MaxResults int    `json:"maxResults"`
		NextToken  string `json:"nextToken"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	max, aerr := pageSize(in.MaxResults, 100, 1000)
	if aerr != nil {
		return nil, aerr
	}
	after, aerr := readPageToken("machines", in.NextToken)
	if aerr != nil {
		return nil, aerr
	}
	ms, next, err := s.store.listMachines(after, max)
	if err != nil {
		return nil, internalErr(err)
	}
	items := make([]machineListItem, len(ms))
	for i, m := range ms {
		items[i] = machineListItem{Arn: m.Arn, Name: m.Name, Type: m.Type, Created: epoch(m.Created)}
	}
	return struct {
		Items     []machineListItem `json:"stateMachines"`
		NextToken *string           `json:"nextToken,omitempty"`
	}{items, pageToken("machines", next)}, nil
}

func (s *Server) validateDefinition(c *call) (any, *APIError) {
	var in struct {
		Definition string `json:"definition"`
		Type       string `json:"type"`
		Severity   string `json:"severity"`
		MaxResults int    `json:"maxResults"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if err := required("definition", in.Definition); err != nil {
		return nil, err
	}
	typ, aerr := checkType(in.Type)
	if aerr != nil {
		return nil, aerr
	}
	max, aerr := pageSize(in.MaxResults, 100, 100)
	if aerr != nil {
		return nil, aerr
	}
	if in.Severity == "" {
		in.Severity = "ERROR"
	}
	if in.Severity != "ERROR" && in.Severity != "WARNING" {
		return nil, apiErr(ErrCodeValidation, "1 validation error detected: Value '%s' at 'severity' failed to satisfy constraint: Member must satisfy enum value set: [ERROR, WARNING]", in.Severity)
	}
	result, diags := "OK", []Diagnostic{}
	for _, d := range s.opts.Engine.Check(in.Definition, typ) {
		if d.Severity == "ERROR" {
			result = "FAIL"
		} else if in.Severity == "ERROR" {
			continue
		}
		diags = append(diags, d)
	}
	truncated := len(diags) > max
	if truncated {
		diags = diags[:max]
	}
	return struct {
		Result      string       `json:"result"`
		Diagnostics []Diagnostic `json:"diagnostics"`
		Truncated   bool         `json:"truncated"`
	}{result, diags, truncated}, nil
}
