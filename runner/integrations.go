package runner

import "fmt"

// paramChecks are the checks Step Functions makes on a service
// integration's parameters before it starts the task; a failure is a
// States.Runtime error of the state, not a task failure.
var paramChecks = map[string]func(params map[string]any) string{
	"apigateway:invoke": func(p map[string]any) string {
		h, ok := p["Headers"]
		if !ok {
			return ""
		}
		m, ok := h.(map[string]any)
		if !ok {
			return "The value of the field 'Headers' has an invalid format"
		}
		for _, v := range m {
			list, ok := v.([]any)
			if !ok {
				return "The value of the field 'Headers' has an invalid format"
			}
			for _, s := range list {
				if _, ok := s.(string); !ok {
					return "The value of the field 'Headers' has an invalid format"
				}
			}
		}
		return ""
	},
}

// checkParams applies the resource's parameter checks.
func (t *thread) checkParams(r resource, params any) error {
	if r.kind != resService {
		return nil
	}
	check := paramChecks[r.typ+":"+r.name]
	m, _ := params.(map[string]any)
	if check == nil || m == nil {
		return nil
	}
	if msg := check(m); msg != "" {
		return t.runtimeErr("%s", fmt.Sprintf("The Parameters '%s' could not be used to start the Task: [%s]", marshalValue(params), msg))
	}
	return nil
}
