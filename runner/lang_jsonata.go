package runner

import (
	"strconv"

	"baton/model"
)

// A JSONata state has two data fields where a JSONPath state has five:
// Arguments (evaluated on the input, in place of Parameters) and Output
// (evaluated on the input and the result, in place of ResultSelector,
// ResultPath and OutputPath), with Assign beside them. Compile maps them
// onto the same compiled state as JSONPath (parameters, resultPath, assign)
// so that the state kinds run both languages; the fields only JSONata has
// (Items, Condition, expressions in numbers) have kinds or hooks of their
// own.

// jsonPathOnlyFields are the fields a JSONata state may not have.
var jsonPathOnlyFields = []string{
	"InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Result",
	"ItemsPath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath", "HeartbeatSecondsPath",
	"ErrorPath", "CausePath", "MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath",
}

// jsonataKind returns what builds the kind of a JSONata state of type
// typ: Pass and Parallel share their JSONPath kinds.
func jsonataKind(typ string) func(c *compiler, s *cstate) (stateKind, error) {
	switch typ {
	case model.TypeTask:
		return compileJSONataTask
	case model.TypeChoice:
		return compileJSONataChoice
	case model.TypeWait:
		return compileJSONataWait
	case model.TypeSucceed:
		return func(*compiler, *cstate) (stateKind, error) { return jsonataSucceed{}, nil }
	case model.TypeFail:
		return compileJSONataFail
	case model.TypeMap:
		return compileJSONataMap
	}
	return kindCompilers[typ]
}

// jsonataState compiles the fields of a JSONata state into cs.
func (c *compiler) jsonataState(cs *cstate) error {
	st := cs.src
	for _, name := range jsonPathOnlyFields {
		if f := st.Node.Field(name); f != nil {
			return &CompileError{Pos: f.KeyPos, Msg: "field " + name + " is only allowed in JSONPath states; this state uses JSONata"}
		}
	}
	outRole := roleState
	switch st.Type {
	case model.TypeTask, model.TypeParallel, model.TypeMap:
		outRole = roleResult
	}
	var err error
	if n := st.Arguments; n != nil {
		if cs.parameters, err = compileJSONataValue(n, "Arguments", roleInput); err != nil {
			return err
		}
	}
	if n := st.Output; n != nil {
		out, err := compileJSONataValue(n, "Output", outRole)
		if err != nil {
			return err
		}
		cs.resultPath = &resultPath{output: out}
	}
	if cs.assign, err = compileJSONataAssign(st.Assign, "Assign", outRole); err != nil {
		return err
	}
	for _, r := range st.Retry {
		rt, err := compileRetrier(r)
		if err != nil {
			return err
		}
		cs.retry = append(cs.retry, rt)
	}
	for i, ct := range st.Catch {
		cc, err := compileJSONataCatcher(ct, "Catch["+strconv.Itoa(i)+"]")
		if err != nil {
			return err
		}
		cs.catch = append(cs.catch, cc)
	}
	cs.kind, err = jsonataKind(st.Type)(c, cs)
	return err
}

// compileJSONataCatcher compiles a catcher of a JSONata state: its Output
// and Assign see $states.errorOutput.
func compileJSONataCatcher(c *model.Catcher, field string) (*catcher, error) {
	if f := c.Node.Field("ResultPath"); f != nil {
		return nil, &CompileError{Pos: f.KeyPos, Msg: "field ResultPath is only allowed in JSONPath states; this state uses JSONata"}
	}
	ct := &catcher{src: c, errors: c.ErrorEquals}
	if c.Output != nil {
		out, err := compileJSONataValue(c.Output, field+"/Output", roleError)
		if err != nil {
			return nil, err
		}
		ct.resultPath = &resultPath{output: out}
	}
	var err error
	if ct.assign, err = compileJSONataAssign(c.Assign, field+"/Assign", roleError); err != nil {
		return nil, err
	}
	return ct, nil
}
