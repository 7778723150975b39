package runner

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"baton/model"
)

// itemReader is a compiled ItemReader: it reads a distributed Map's items
// from the execution's ItemStore.
type itemReader struct {
	list         bool // s3:listObjectsV2, else s3:getObject
	params       evaluator
	inputType    string // JSON, JSONL or CSV
	headerGiven  bool
	headers      []string
	maxItems     int64
	maxItemsPath *path
}

func compileItemReader(n *model.Node) (*itemReader, error) {
	if n.Kind != model.Object {
		return nil, withPos(errorf("ItemReader must be an object"), n.Pos)
	}
	r := &itemReader{inputType: "JSON"}
	switch res := n.Get("Resource").Text(); {
	case strings.HasSuffix(res, ":s3:getObject"):
	case strings.HasSuffix(res, ":s3:listObjectsV2"):
		r.list = true
	default:
		return nil, withPos(errorf("ItemReader Resource %q is not supported: use arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2", res), n.Pos)
	}
	p := n.Get("Parameters")
	if p == nil {
		return nil, withPos(errorf("ItemReader needs Parameters with a Bucket"), n.Pos)
	}
	var err error
	if r.params, err = compileTemplate(p, true); err != nil {
		return nil, withPos(err, p.Pos)
	}
	if rc := n.Get("ReaderConfig"); rc != nil {
		if t := rc.Get("InputType"); t != nil {
			r.inputType = t.Text()
			switch r.inputType {
			case "JSON", "JSONL", "CSV":
			default:
				return nil, withPos(errorf("ReaderConfig InputType %q is not supported: use JSON, JSONL or CSV", r.inputType), t.Pos)
			}
		}
		if rc.Get("CSVHeaderLocation").Text() == "GIVEN" {
			r.headerGiven = true
			for _, h := range rc.Get("CSVHeaders").Items {
				r.headers = append(r.headers, h.Text())
			}
		}
		if r.maxItems, _, err = intField(rc.Get("MaxItems"), "MaxItems"); err != nil {
			return nil, err
		}
		if r.maxItemsPath, err = optionalPath(rc.Get("MaxItemsPath"), "MaxItemsPath"); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// read fetches the items; failures are States.ItemReaderFailed.
func (r *itemReader) read(t *thread, eff any) ([]any, error) {
	store := t.x.opts.items
	if store == nil {
		return nil, t.runtimeErr("the Map state reads its items with an ItemReader, but the execution has no item store (baton run --items-dir DIR)")
	}
	pv, err := r.params.eval(t, eff)
	if err != nil {
		return nil, err
	}
	params, _ := pv.(map[string]any)
	bucket, _ := params["Bucket"].(string)
	max := r.maxItems
	if r.maxItemsPath != nil {
		v, err := t.resolveRequired(r.maxItemsPath, eff)
		if err != nil {
			return nil, err
		}
		if max, _ = intValue(v); max < 0 {
			max = 0
		}
	}
	var items []any
	if r.list {
		prefix, _ := params["Prefix"].(string)
		objs, err := store.ListObjects(t.ctx, bucket, prefix)
		if err != nil {
			return nil, &StateError{Name: ErrItemReaderFailed, Cause: err.Error()}
		}
		for _, o := range objs {
			items = append(items, map[string]any{
				"Etag": o.ETag, "Key": o.Key, "LastModified": o.LastModified.Format("2006-01-02T15:04:05.000Z"),
				"Size": o.Size, "StorageClass": "STANDARD",
			})
		}
	} else {
		key, _ := params["Key"].(string)
		data, err := store.GetObject(t.ctx, bucket, key)
		if err != nil {
			return nil, &StateError{Name: ErrItemReaderFailed, Cause: err.Error()}
		}
		if items, err = r.decode(data); err != nil {
			return nil, &StateError{Name: ErrItemReaderFailed, Cause: fmt.Sprintf("reading s3://%s/%s as %s: %v", bucket, key, r.inputType, err)}
		}
	}
	if max > 0 && int64(len(items)) > max {
		items = items[:max]
	}
	if items == nil {
		items = []any{}
	}
	return items, nil
}

func (r *itemReader) decode(data []byte) ([]any, error) {
	switch r.inputType {
	case "JSONL":
		var items []any
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 64<<10), MaxPayloadBytes*4)
		for line := 1; sc.Scan(); line++ {
			text := bytes.TrimSpace(sc.Bytes())
			if len(text) == 0 {
				continue
			}
			v, err := ParseJSON(text)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
			items = append(items, v)
		}
		return items, sc.Err()
	case "CSV":
		cr := csv.NewReader(bytes.NewReader(data))
		cr.FieldsPerRecord = -1
		headers := r.headers
		var items []any
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				return items, nil
			}
			if err != nil {
				return nil, err
			}
			if headers == nil {
				headers = rec
				continue
			}
			item := make(map[string]any, len(headers))
			for i, h := range headers {
				if i < len(rec) {
					item[h] = rec[i]
				} else {
					item[h] = ""
				}
			}
			items = append(items, item)
		}
	}
	v, err := ParseJSON(data)
	if err != nil {
		return nil, err
	}
	items, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("the object holds %s, not a JSON array", kindOf(v))
	}
	return items, nil
}

func kindOf(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case string:
		return "a string"
	case nil:
		return "null"
	case bool:
		return "a boolean"
	}
	return "a number"
}
