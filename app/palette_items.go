package app

import "regexp"

// namePlaceholder matches "{{Name}}" in a palette state's JSON.
var namePlaceholder = regexp.MustCompile(`\{\{([^{}]+)\}\}`)

// fillNames replaces each {{Name}} in js by names[Name], or by Name itself
// when names has none.
func fillNames(js string, names map[string]string) string {
	return namePlaceholder.ReplaceAllStringFunc(js, func(m string) string {
		base := m[2 : len(m)-2]
		if n, ok := names[base]; ok {
			return n
		}
		return base
	})
}

// paletteItem is one thing that can be dragged from the palette: a flow
// state, a Task action, or a pattern of several states.
type paletteItem struct {
	ID, Title, Group string
	// Keywords help the search find it.
	Keywords string
	// Exit names the state whose Next continues the flow when the item is
	// dropped on an arrow: "" for the first state, "-" for none.
	Exit string
	// States are the states added, entry first: each a base name and the
	// state's JSON. "{{Name}}" in any JSON is replaced by the name the
	// state named Name got (names are made unique in the definition).
	States []paletteState
}

type paletteState struct {
	Name, JSON string
}

// Palette groups, in display order.
const (
	groupFlow     = "Flow"
	groupActions  = "Actions"
	groupPatterns = "Patterns"
)

func task(name, resource, params string) []paletteState {
	return []paletteState{{name, `{"Type": "Task", "Resource": "` + resource + `", "Parameters": ` + params + `, "End": true}`}}
}

// paletteItems are the palette's contents.
var paletteItems = []paletteItem{
	{ID: "pass", Title: "Pass", Group: groupFlow, Keywords: "pass result inject",
		States: []paletteState{{"Pass", `{"Type": "Pass", "End": true}`}}},
	{ID: "choice", Title: "Choice", Group: groupFlow, Exit: "Done", Keywords: "choice branch if condition",
		States: []paletteState{{"Choice", `{"Type": "Choice", "Choices": [{"Variable": "$.value", "StringEquals": "a", "Next": "{{Done}}"}], "Default": "{{Done}}"}`},
			{"Done", `{"Type": "Pass", "End": true}`}}},
	{ID: "wait", Title: "Wait", Group: groupFlow, Keywords: "wait delay sleep seconds timestamp",
		States: []paletteState{{"Wait", `{"Type": "Wait", "Seconds": 5, "End": true}`}}},
	{ID: "succeed", Title: "Succeed", Group: groupFlow, Exit: "-", Keywords: "succeed end success",
		States: []paletteState{{"Succeed", `{"Type": "Succeed"}`}}},
	{ID: "fail", Title: "Fail", Group: groupFlow, Exit: "-", Keywords: "fail error end",
		States: []paletteState{{"Fail", `{"Type": "Fail", "Error": "Failed", "Cause": "Something went wrong"}`}}},
	{ID: "parallel", Title: "Parallel", Group: groupFlow, Keywords: "parallel branches concurrent",
		States: []paletteState{{"Parallel", `{"Type": "Parallel", "Branches": [{"StartAt": "{{BranchA}}", "States": {"{{BranchA}}": {"Type": "Pass", "End": true}}}, {"StartAt": "{{BranchB}}", "States": {"{{BranchB}}": {"Type": "Pass", "End": true}}}], "End": true}`},
			{"BranchA", ""}, {"BranchB", ""}}},
	{ID: "map", Title: "Map", Group: groupFlow, Keywords: "map loop iterate items foreach",
		States: []paletteState{{"Map", `{"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "{{ProcessItem}}", "States": {"{{ProcessItem}}": {"Type": "Pass", "End": true}}}, "End": true}`},
			{"ProcessItem", ""}}},

	{ID: "lambda", Title: "Lambda: Invoke", Group: groupActions, Keywords: "lambda function invoke",
		States: task("Lambda Invoke", "arn:aws:states:::lambda:invoke", `{"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:my-function", "Payload.$": "$"}`)},
	{ID: "sns", Title: "SNS: Publish", Group: groupActions, Keywords: "sns publish notification topic",
		States: task("SNS Publish", "arn:aws:states:::sns:publish", `{"TopicArn": "arn:aws:sns:us-east-1:123456789012:my-topic", "Message.$": "$"}`)},
	{ID: "sqs", Title: "SQS: SendMessage", Group: groupActions, Keywords: "sqs send message queue",
		States: task("SQS SendMessage", "arn:aws:states:::sqs:sendMessage", `{"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/my-queue", "MessageBody.$": "$"}`)},
	{ID: "sqs-callback", Title: "SQS: SendMessage (wait for callback)", Group: groupActions, Keywords: "sqs callback task token wait human",
		States: task("SQS SendMessage Callback", "arn:aws:states:::sqs:sendMessage.waitForTaskToken", `{"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/my-queue", "MessageBody": {"input.$": "$", "taskToken.$": "$$.Task.Token"}}`)},
	{ID: "dynamodb-get", Title: "DynamoDB: GetItem", Group: groupActions, Keywords: "dynamodb get item read table",
		States: task("DynamoDB GetItem", "arn:aws:states:::dynamodb:getItem", `{"TableName": "MyTable", "Key": {"id": {"S.$": "$.id"}}}`)},
	{ID: "dynamodb-put", Title: "DynamoDB: PutItem", Group: groupActions, Keywords: "dynamodb put item write table",
		States: task("DynamoDB PutItem", "arn:aws:states:::dynamodb:putItem", `{"TableName": "MyTable", "Item": {"id": {"S.$": "$.id"}}}`)},
	{ID: "dynamodb-update", Title: "DynamoDB: UpdateItem", Group: groupActions, Keywords: "dynamodb update item table",
		States: task("DynamoDB UpdateItem", "arn:aws:states:::dynamodb:updateItem", `{"TableName": "MyTable", "Key": {"id": {"S.$": "$.id"}}, "UpdateExpression": "SET #s = :s", "ExpressionAttributeNames": {"#s": "status"}, "ExpressionAttributeValues": {":s": {"S": "done"}}}`)},
	{ID: "ecs", Title: "ECS: RunTask (sync)", Group: groupActions, Keywords: "ecs run task container fargate sync",
		States: task("ECS RunTask", "arn:aws:states:::ecs:runTask.sync", `{"LaunchType": "FARGATE", "Cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/my-cluster", "TaskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/my-task:1"}`)},
	{ID: "sfn", Title: "Step Functions: StartExecution (sync)", Group: groupActions, Keywords: "step functions start execution nested child workflow sync",
		States: task("StartExecution", "arn:aws:states:::states:startExecution.sync:2", `{"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:child", "Input.$": "$"}`)},
	{ID: "eventbridge", Title: "EventBridge: PutEvents", Group: groupActions, Keywords: "eventbridge events put bus",
		States: task("EventBridge PutEvents", "arn:aws:states:::events:putEvents", `{"Entries": [{"Source": "my.app", "DetailType": "Event", "Detail.$": "$"}]}`)},
	{ID: "http", Title: "HTTP: Invoke", Group: groupActions, Keywords: "http api endpoint call rest",
		States: task("HTTP Invoke", "arn:aws:states:::http:invoke", `{"ApiEndpoint": "https://example.com/api", "Method": "GET", "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/my-connection/abc"}}`)},
	{ID: "sdk", Title: "AWS SDK call", Group: groupActions, Keywords: "aws sdk integration any service api s3",
		States: task("AWS SDK Call", "arn:aws:states:::aws-sdk:s3:getObject", `{"Bucket": "my-bucket", "Key.$": "$.key"}`)},

	{ID: "retry", Title: "Retry with backoff", Group: groupPatterns, Keywords: "retry backoff transient error",
		States: []paletteState{{"Call With Retry", `{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:my-function", "Payload.$": "$"}, "Retry": [{"ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException", "States.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2, "MaxDelaySeconds": 60, "JitterStrategy": "FULL"}], "End": true}`}}},
	{ID: "saga", Title: "Catch and compensate (saga)", Group: groupPatterns, Keywords: "saga catch compensate rollback undo",
		States: []paletteState{{"Do Work", `{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:do-work", "Payload.$": "$"}, "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "{{Compensate}}"}], "End": true}`},
			{"Compensate", `{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:undo-work", "Payload.$": "$"}, "Next": "{{Compensated}}"}`},
			{"Compensated", `{"Type": "Fail", "Error": "WorkFailed", "Cause": "The work failed and was compensated"}`}}},
	{ID: "approval", Title: "Human approval (task token)", Group: groupPatterns, Exit: "Approved", Keywords: "human approval callback task token manual",
		States: []paletteState{{"Request Approval", `{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals", "MessageBody": {"input.$": "$", "taskToken.$": "$$.Task.Token"}}, "ResultPath": "$.approval", "TimeoutSeconds": 86400, "Next": "{{Approved?}}"}`},
			{"Approved?", `{"Type": "Choice", "Choices": [{"Variable": "$.approval.approved", "BooleanEquals": true, "Next": "{{Approved}}"}], "Default": "{{Rejected}}"}`},
			{"Approved", `{"Type": "Pass", "End": true}`},
			{"Rejected", `{"Type": "Fail", "Error": "Rejected", "Cause": "The request was not approved"}`}}},
	{ID: "fanout", Title: "Fan-out Map", Group: groupPatterns, Keywords: "fan out map parallel items concurrency",
		States: []paletteState{{"Fan Out", `{"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 10, "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "{{Process Item}}", "States": {"{{Process Item}}": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:process-item", "Payload.$": "$"}, "End": true}}}, "ResultPath": "$.results", "End": true}`},
			{"Process Item", ""}}},
}

// paletteItemByID returns the item with the given ID.
func paletteItemByID(id string) *paletteItem {
	for i := range paletteItems {
		if paletteItems[i].ID == id {
			return &paletteItems[i]
		}
	}
	return nil
}
