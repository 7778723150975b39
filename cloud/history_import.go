package cloud

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"baton/model"
)

// ImportedHistory is an execution brought back from the account: what
// it was, the definition that ran (DescribeStateMachineForExecution), and
// every event of its history.
type ImportedHistory struct {
	Execution  *ExecutionInfo
	Definition string
	// MachineName is the name of the state machine that ran.
	MachineName string
	Events      []HistoryEvent
}

// ImportHistory fetches an execution with its whole history (every page,
// execution data included). progress, when not nil, is called after each
// page with the number of events so far; cancelling ctx stops the import
// and returns ctx's error.
func (a *Account) ImportHistory(ctx context.Context, executionArn string, progress func(events int)) (*ImportedHistory, error) {
	info, err := a.DescribeExecution(ctx, executionArn)
	if err != nil {
		return nil, err
	}
	def, err := a.Client.DescribeStateMachineForExecution(ctx, &sfn.DescribeStateMachineForExecutionInput{ExecutionArn: aws.String(executionArn)})
	if err != nil {
		return nil, err
	}
	h := &ImportedHistory{Execution: info, Definition: aws.ToString(def.Definition), MachineName: aws.ToString(def.Name)}
	pages := sfn.NewGetExecutionHistoryPaginator(a.Client, &sfn.GetExecutionHistoryInput{
		ExecutionArn: aws.String(executionArn), IncludeExecutionData: aws.Bool(true), MaxResults: 1000,
	})
	for pages.HasMorePages() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for i := range page.Events {
			h.Events = append(h.Events, FromSDKEvent(&page.Events[i]))
		}
		if progress != nil {
			progress(len(h.Events))
		}
	}
	return h, nil
}

// FromSDKEvent converts an SDK history event into the AWS JSON shape: its
// one non-nil *EventDetails member becomes Details under the member's
// JSON name.
func FromSDKEvent(e *types.HistoryEvent) HistoryEvent {
	out := HistoryEvent{Timestamp: aws.ToTime(e.Timestamp), Type: string(e.Type), ID: e.Id, PreviousEventID: e.PreviousEventId}
	v := reflect.ValueOf(e).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || !strings.HasSuffix(f.Name, "EventDetails") || v.Field(i).IsNil() {
			continue
		}
		out.DetailsKey = lowerFirst(f.Name)
		out.Details = appendSDK(nil, v.Field(i))
		break
	}
	return out
}

func lowerFirst(s string) string {
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// appendSDK writes an SDK shape as JSON with the member names of the wire
// (the Go field name with a lower-case first letter), in the SDK's field
// order, leaving out nil members.
func appendSDK(buf []byte, v reflect.Value) []byte {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return append(buf, "null"...)
		}
		return appendSDK(buf, v.Elem())
	case reflect.Struct:
		if tm, ok := v.Interface().(time.Time); ok {
			return appendEpoch(buf, tm)
		}
		buf = append(buf, '{')
		first := true
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			fv := v.Field(i)
			if !f.IsExported() || isNilish(fv) {
				continue
			}
			if !first {
				buf = append(buf, ',')
			}
			first = false
			buf = model.AppendJSONString(buf, lowerFirst(f.Name))
			buf = append(buf, ':')
			buf = appendSDK(buf, fv)
		}
		return append(buf, '}')
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		buf = append(buf, '{')
		for i, k := range keys {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = model.AppendJSONString(buf, k.String())
			buf = append(buf, ':')
			buf = appendSDK(buf, v.MapIndex(k))
		}
		return append(buf, '}')
	case reflect.Slice:
		buf = append(buf, '[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendSDK(buf, v.Index(i))
		}
		return append(buf, ']')
	case reflect.String:
		return model.AppendJSONString(buf, v.String())
	case reflect.Bool:
		return strconv.AppendBool(buf, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(buf, v.Int(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.AppendFloat(buf, v.Float(), 'g', -1, 64)
	}
	b, _ := json.Marshal(v.Interface())
	return append(buf, b...)
}

func isNilish(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return v.IsNil()
	}
	return false
}
