#!/usr/bin/env bash
# Drives a running baton serve with the AWS CLI. Needs ENDPOINT (its URL);
# uses dummy credentials only. Prints stable lines that awscli_test.go
# compares with what it expects.
set -euo pipefail
: "${ENDPOINT:?ENDPOINT must be the URL of baton serve}"
export AWS_ACCESS_KEY_ID=AKIDDUMMY AWS_SECRET_ACCESS_KEY=dummy AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
AWS_CLI=${AWS_CLI:-aws}
sfn() { "$AWS_CLI" stepfunctions --endpoint-url "$ENDPOINT" --output text "$@"; }

definition='{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/approvals","MessageBody":{"TaskToken.$":"$$.Task.Token"}},"End":true}}}'
arn=$(sfn create-state-machine --name Approvals --definition "$definition" \
	--role-arn arn:aws:iam::123456789012:role/StepFunctions --query stateMachineArn)
echo "created $arn"
echo "listed $(sfn list-state-machines --query 'stateMachines[].name')"
exec_arn=$(sfn start-execution --state-machine-arn "$arn" --name first --input '{"order":42}' --query executionArn)
echo "started $exec_arn"
echo "status $(sfn describe-execution --execution-arn "$exec_arn" --query status)"
params=$(sfn get-execution-history --execution-arn "$exec_arn" \
	--query 'events[?type==`TaskScheduled`].taskScheduledEventDetails.parameters | [0]')
token=$(printf '%s' "$params" | sed -E 's/.*"TaskToken":"([^"]+)".*/\1/')
[ -n "$token" ] && [ "$token" != "$params" ] || { echo "no task token in $params"; exit 1; }
sfn send-task-success --task-token "$token" --task-output '{"approved":true}'
echo "answered"
for _ in $(seq 1 50); do
	status=$(sfn describe-execution --execution-arn "$exec_arn" --query status)
	[ "$status" != RUNNING ] && break
done
echo "status $status"
echo "output $(sfn describe-execution --execution-arn "$exec_arn" --query output)"
echo "events $(sfn get-execution-history --execution-arn "$exec_arn" --query 'events[].type' | tr '\t' ' ')"
if sfn describe-execution --execution-arn "${exec_arn}x" 2>err.txt; then
	echo "describing a missing execution succeeded"; exit 1
fi
echo "error $(grep -o 'ExecutionDoesNotExist' err.txt)"
