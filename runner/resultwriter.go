package runner

import (
	"fmt"

	"baton/model"
)

// resultWriter is a compiled ResultWriter: a distributed Map writes its
// child executions' results to the ItemStore, as AWS writes them to S3,
// and its own result becomes where they are.
type resultWriter struct {
	params evaluator
}

func compileResultWriter(n *model.Node) (*resultWriter, error) {
	if n.Kind != model.Object {
		return nil, withPos(errorf("ResultWriter must be an object"), n.Pos)
	}
	if res := n.Get("Resource").Text(); res != "arn:aws:states:::s3:putObject" {
		return nil, withPos(errorf("ResultWriter Resource %q is not supported: use arn:aws:states:::s3:putObject", res), n.Pos)
	}
	p := n.Get("Parameters")
	if p == nil {
		return nil, withPos(errorf("ResultWriter needs Parameters with a Bucket"), n.Pos)
	}
	ev, err := compileTemplate(p, true)
	if err != nil {
		return nil, withPos(err, p.Pos)
	}
	return &resultWriter{params: ev}, nil
}

// write stores the results: Prefix/RUN/SUCCEEDED_0.json (and FAILED_0.json
// for tolerated failures) and Prefix/RUN/manifest.json. Failures are
// States.ResultWriterFailed.
func (w *resultWriter) write(t *thread, s *cstate, eff any, inputs, results []any, errs []error) (any, error) {
	store := t.x.opts.items
	if store == nil {
		return nil, t.runtimeErr("the Map state writes its results with a ResultWriter, but the execution has no item store (baton run --items-dir DIR)")
	}
	pv, err := w.params.eval(t, eff)
	if err != nil {
		return nil, err
	}
	params, _ := pv.(map[string]any)
	bucket, _ := params["Bucket"].(string)
	prefix, _ := params["Prefix"].(string)
	run := newUUID()
	mapRunArn := fmt.Sprintf("arn:aws:states:%s:%s:mapRun:%s/%s:%s", t.x.opts.info.Region, t.x.opts.info.Account, t.x.opts.info.StateMachineName, s.name, run)
	dir := run
	if prefix != "" {
		dir = prefix + "/" + run
	}
	now := t.x.now().Format(isoMillis)
	var ok, failed []any
	for i := range inputs {
		rec := map[string]any{
			"ExecutionArn": fmt.Sprintf("%s:%d", mapRunArn, i), "Name": fmt.Sprintf("%s:%d", run, i),
			"Input": string(marshalValue(inputs[i])), "InputDetails": map[string]any{"Included": true},
			"StartDate": now, "StopDate": now, "StateMachineArn": t.x.stateMachineArn(), "RedriveCount": int64(0), "RedriveStatus": "NOT_REDRIVABLE",
		}
		if errs[i] != nil {
			se := taskError(errs[i])
			rec["Status"], rec["Error"], rec["Cause"] = "FAILED", se.Name, se.Cause
			failed = append(failed, rec)
			continue
		}
		rec["Status"] = "SUCCEEDED"
		rec["Output"], rec["OutputDetails"] = string(marshalValue(results[i])), map[string]any{"Included": true}
		ok = append(ok, rec)
	}
	files := map[string]any{"SUCCEEDED": []any{}, "FAILED": []any{}, "PENDING": []any{}}
	put := func(kind string, recs []any) error {
		if len(recs) == 0 {
			return nil
		}
		key := dir + "/" + kind + "_0.json"
		data := marshalValue(recs)
		if err := store.PutObject(t.ctx, bucket, key, data); err != nil {
			return err
		}
		files[kind] = []any{map[string]any{"Key": key, "Size": int64(len(data))}}
		return nil
	}
	manifestKey := dir + "/manifest.json"
	err = put("SUCCEEDED", ok)
	if err == nil {
		err = put("FAILED", failed)
	}
	if err == nil {
		manifest := map[string]any{"DestinationBucket": bucket, "MapRunArn": mapRunArn, "ResultFiles": files}
		err = store.PutObject(t.ctx, bucket, manifestKey, marshalValue(manifest))
	}
	if err != nil {
		return nil, &StateError{Name: ErrResultWriterFailed, Cause: err.Error()}
	}
	return map[string]any{
		"MapRunArn":           mapRunArn,
		"ResultWriterDetails": map[string]any{"Bucket": bucket, "Key": manifestKey},
	}, nil
}
