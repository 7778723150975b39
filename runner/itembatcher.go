package runner

import "baton/model"

// itemBatcher is a compiled ItemBatcher: it groups a Map's items into
// batches, each the input of one iteration: {"Items": [...], "BatchInput": …}.
type itemBatcher struct {
	maxItems     int64
	maxItemsPath *path
	maxBytes     int64
	maxBytesPath *path
	batchInput   evaluator
}

func compileItemBatcher(n *model.Node) (*itemBatcher, error) {
	if n.Kind != model.Object {
		return nil, withPos(errorf("ItemBatcher must be an object"), n.Pos)
	}
	b := &itemBatcher{}
	var err error
	if b.maxItems, _, err = intField(n.Get("MaxItemsPerBatch"), "MaxItemsPerBatch"); err != nil {
		return nil, err
	}
	if b.maxItemsPath, err = optionalPath(n.Get("MaxItemsPerBatchPath"), "MaxItemsPerBatchPath"); err != nil {
		return nil, err
	}
	if b.maxBytes, _, err = intField(n.Get("MaxInputBytesPerBatch"), "MaxInputBytesPerBatch"); err != nil {
		return nil, err
	}
	if b.maxBytesPath, err = optionalPath(n.Get("MaxInputBytesPerBatchPath"), "MaxInputBytesPerBatchPath"); err != nil {
		return nil, err
	}
	if bi := n.Get("BatchInput"); bi != nil {
		if b.batchInput, err = compileTemplate(bi, true); err != nil {
			return nil, withPos(err, bi.Pos)
		}
	}
	return b, nil
}

func (b *itemBatcher) limit(t *thread, fixed int64, p *path, eff any) (int64, error) {
	if p == nil {
		return fixed, nil
	}
	v, err := t.resolveRequired(p, eff)
	if err != nil {
		return 0, err
	}
	n, ok := wholeNumber(v)
	if !ok || n < 0 {
		return 0, t.runtimeErr("The %s field refers to value \"%s\" which is not a valid integer: %s", p.src, shownValue(v), p.src)
	}
	return n, nil
}

// batch groups items (each already through the ItemSelector) into batch
// inputs.
func (b *itemBatcher) batch(t *thread, eff any, items []any) ([]any, error) {
	maxItems, err := b.limit(t, b.maxItems, b.maxItemsPath, eff)
	if err != nil {
		return nil, err
	}
	maxBytes, err := b.limit(t, b.maxBytes, b.maxBytesPath, eff)
	if err != nil {
		return nil, err
	}
	var batchInput any
	if b.batchInput != nil {
		if batchInput, err = b.batchInput.eval(t, eff); err != nil {
			return nil, err
		}
	}
	var batches []any
	var cur []any
	size := 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		in := map[string]any{"Items": cur}
		if b.batchInput != nil {
			in["BatchInput"] = batchInput
		}
		batches = append(batches, in)
		cur, size = nil, 0
	}
	for _, it := range items {
		n := len(marshalValue(it))
		if len(cur) > 0 && ((maxItems > 0 && int64(len(cur)) >= maxItems) || (maxBytes > 0 && int64(size+n) > maxBytes)) {
			flush()
		}
		cur = append(cur, it)
		size += n
	}
	flush()
	if batches == nil {
		batches = []any{}
	}
	return batches, nil
}
