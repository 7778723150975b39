// Package cloud is Baton's side of AWS Step Functions: the account (profiles
// and regions from the AWS SDK's standard chain, list and describe state
// machines, diff and push a local definition, list executions, import their
// history), history files in the AWS CLI's format, mock configs generated
// from a history, replay data for the canvas, and Server, the local
// Step Functions API that `baton serve` runs over Baton's interpreter.
//
// Credentials are only ever resolved by the AWS SDK's default chain
// (config.LoadDefaultConfig); this package never logs, prints, stores or
// sends them anywhere else.
//
// It must not import Fyne.
package cloud
