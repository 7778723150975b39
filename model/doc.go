// Package model is Baton's representation of an Amazon States Language
// document: a lossless tree of JSON or YAML values with the position of every
// key and value (Node), a typed view of the state machine (StateMachine,
// State), validation with positioned diagnostics, the graph of states and
// transitions, automatic layout, and edits with undo.
//
// Everything else in Baton reads and writes workflows through this package.
// It must not import Fyne, the AWS SDK client, or the runner.
package model
