package runner

import "baton/model"

// evalIntrinsic evaluates a parsed intrinsic call. The 18 functions are
// written elsewhere (EvalIntrinsic in intrinsics*.go); until they are
// wired in here, every call fails loudly.
var evalIntrinsic = func(call *model.IntrinsicCall, resolve func(arg *model.IntrinsicArg) (any, error)) (any, error) {
	return nil, Errorf(ErrRuntime, "intrinsic functions not available (%s)", call.Name)
}
