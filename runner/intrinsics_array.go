package runner

import "baton/model"

// maxArrayRange is the most items States.ArrayRange may produce (AWS limit).
const maxArrayRange = 1000

// fnArray is States.Array(values...): the arguments as an array.
func fnArray(_ *intrinsicEval, _ *model.IntrinsicCall, args []any) (any, error) {
	return append([]any{}, args...), nil
}

// fnArrayPartition is States.ArrayPartition(array, size): chunks of size
// items, the last one shorter. The size is truncated to an integer and must
// be positive.
func fnArrayPartition(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	arr, ok := args[0].([]any)
	size, ok2 := intArg(args[1])
	if !ok || !ok2 || size <= 0 {
		return nil, invalidArgs(call)
	}
	out := []any{}
	for i := 0; i < len(arr); i += int(size) {
		end := min(i+int(size), len(arr))
		out = append(out, append([]any{}, arr[i:end]...))
	}
	return out, nil
}

// fnArrayContains is States.ArrayContains(array, value): whether an item
// equals value (see intrinsicEqual).
func fnArrayContains(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	arr, ok := args[0].([]any)
	if !ok {
		return nil, invalidArgs(call)
	}
	for _, item := range arr {
		if intrinsicEqual(item, args[1]) {
			return true, nil
		}
	}
	return false, nil
}

// fnArrayRange is States.ArrayRange(start, end, step): start, start+step, …
// up to and including end. All three are truncated to integers; the step
// must not be 0 and the result may hold at most 1000 items. A step that
// points away from end gives an empty array, start == end a single item.
func fnArrayRange(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	start, ok1 := intArg(args[0])
	end, ok2 := intArg(args[1])
	step, ok3 := intArg(args[2])
	if !ok1 || !ok2 || !ok3 || step == 0 {
		return nil, invalidArgs(call)
	}
	if step > 0 && start > end || step < 0 && start < end {
		return []any{}, nil
	}
	span, stride := end-start, step
	if span < 0 {
		span, stride = -span, -step
	}
	n := span/stride + 1
	if n > maxArrayRange {
		return nil, invalidArgs(call)
	}
	out := make([]any, n)
	for i := range out {
		out[i] = start + int64(i)*step
	}
	return out, nil
}

// fnArrayGetItem is States.ArrayGetItem(array, index): the item at the
// index, truncated to an integer; an index outside the array fails.
func fnArrayGetItem(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	arr, ok := args[0].([]any)
	i, ok2 := intArg(args[1])
	if !ok || !ok2 || i < 0 || i >= int64(len(arr)) {
		return nil, invalidArgs(call)
	}
	return arr[i], nil
}

// fnArrayLength is States.ArrayLength(array).
func fnArrayLength(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	arr, ok := args[0].([]any)
	if !ok {
		return nil, invalidArgs(call)
	}
	return int64(len(arr)), nil
}

// fnArrayUnique is States.ArrayUnique(array): the items without repeats, in
// the order of their first occurrence.
func fnArrayUnique(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	arr, ok := args[0].([]any)
	if !ok {
		return nil, invalidArgs(call)
	}
	out := []any{}
	seen := map[string]bool{}
	for _, item := range arr {
		if key := intrinsicKey(item); !seen[key] {
			seen[key] = true
			out = append(out, item)
		}
	}
	return out, nil
}
