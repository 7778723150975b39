package cloud

import (
	"strconv"
	"strings"
	"unicode"
)

// DefaultRegion and DefaultAccount make up the ARNs of Server when a
// request does not name a region: the values Step Functions Local uses.
const (
	DefaultRegion  = "us-east-1"
	DefaultAccount = "123456789012"
)

// arnPrefix returns "arn:aws:states:REGION:ACCOUNT:".
func arnPrefix(region string) string {
	return "arn:aws:states:" + region + ":" + DefaultAccount + ":"
}

func machineArn(region, name string) string {
	return arnPrefix(region) + "stateMachine:" + name
}

func executionArn(region, machine, name string) string {
	return arnPrefix(region) + "execution:" + machine + ":" + name
}

// parsedArn is a Step Functions ARN split into its parts.
type parsedArn struct {
	Region   string
	Resource string // stateMachine, execution, express
	Machine  string // the state machine's name
	Name     string // the execution's name, for executions
	Version  int    // a state machine version, 0 if none
}

// parseArn splits a state machine ARN (with an optional ":VERSION") or an
// execution ARN. ok is false for anything else.
func parseArn(arn string) (p parsedArn, ok bool) {
	parts := strings.Split(arn, ":")
	if len(parts) < 7 || parts[0] != "arn" || parts[2] != "states" || parts[3] == "" {
		return p, false
	}
	p.Region, p.Resource, p.Machine = parts[3], parts[5], parts[6]
	if p.Machine == "" {
		return p, false
	}
	switch p.Resource {
	case "stateMachine":
		if len(parts) == 8 {
			v, err := strconv.Atoi(parts[7])
			if err != nil || v < 1 {
				return p, false
			}
			p.Version = v
		} else if len(parts) != 7 {
			return p, false
		}
	case "execution", "express":
		if len(parts) < 8 || parts[7] == "" {
			return p, false
		}
		p.Name = parts[7]
	default:
		return p, false
	}
	return p, true
}

// checkName reports why name is not a valid state machine or execution
// name, as AWS defines one: 1 to 80 characters, none of them white space,
// brackets, wildcards, control characters or any of "#%\^|~`$&,;:/.
func checkName(name string) *APIError {
	if name == "" || len([]rune(name)) > 80 {
		return apiErr(ErrCodeInvalidName, "Invalid Name: '%s' (must be 1 to 80 characters)", name)
	}
	for _, r := range name {
		if unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune("<>{}[]?*\"#%\\^|~`$&,;:/", r) {
			return apiErr(ErrCodeInvalidName, "Invalid Name: '%s'", name)
		}
	}
	return nil
}
