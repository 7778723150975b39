package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"
	"github.com/aws/smithy-go"

	"baton/cloud"
)

// Preference keys of the AWS target. Only the profile's name, the region
// and the endpoint are kept; credentials are resolved by the AWS SDK's
// default chain on every connection and never stored, logged or shown.
const (
	prefAWSProfile  = "aws.profile"
	prefAWSRegion   = "aws.region"
	prefAWSEndpoint = "aws.endpoint"
	// prefAWSLink + a definition's absolute path is the ARN it was last
	// diffed or pushed against.
	prefAWSLink = "aws.link:"
)

// awsSession is the AWS account the app's windows work with: the target
// the user picked and, once connected, its client.
type awsSession struct {
	app     fyne.App
	target  cloud.Target
	account *cloud.Account

	// background runs slow work (calls to AWS) off Fyne's goroutine;
	// tests replace it to run the work when they say.
	background func(f func())
	// linked maps an editor opened from AWS (no file yet) to its ARN.
	linked map[*Editor]string
}

var (
	sessionsMu sync.Mutex
	sessions   = map[fyne.App]*awsSession{}
)

// sessionFor returns the AWS session of a, with the target of the last
// run.
func sessionFor(a fyne.App) *awsSession {
	sessionsMu.Lock()
	defer sessionsMu.Unlock()
	s := sessions[a]
	if s == nil {
		p := a.Preferences()
		s = &awsSession{app: a, linked: map[*Editor]string{},
			target: cloud.Target{
				Profile: p.String(prefAWSProfile), Region: p.String(prefAWSRegion), Endpoint: p.String(prefAWSEndpoint),
			},
			background: func(f func()) { go f() },
		}
		sessions[a] = s
	}
	return s
}

// setTarget switches to another profile, region or endpoint; the next
// call connects anew.
func (s *awsSession) setTarget(t cloud.Target) {
	s.target, s.account = t, nil
	p := s.app.Preferences()
	p.SetString(prefAWSProfile, t.Profile)
	p.SetString(prefAWSRegion, t.Region)
	p.SetString(prefAWSEndpoint, t.Endpoint)
}

// describe says which account the session works with, for titles and the
// status bar.
func (s *awsSession) describe() string {
	t := s.target
	profile := t.Profile
	if profile == "" {
		profile = "default profile"
	}
	region := t.Region
	if region == "" {
		region = "default region"
	}
	out := profile + ", " + region
	if t.Endpoint != "" {
		out += ", " + t.Endpoint
	}
	return out
}

// run does work with the connected account in the background and then
// calls done on Fyne's goroutine with work's error.
func (s *awsSession) run(ctx context.Context, work func(ctx context.Context, a *cloud.Account) error, done func(error)) {
	account, target := s.account, s.target
	s.background(func() {
		var err error
		if account == nil {
			account, err = cloud.Connect(ctx, target)
		}
		if err == nil {
			err = work(ctx, account)
		}
		fyne.Do(func() {
			if s.target == target && s.account == nil && account != nil {
				s.account = account
			}
			done(err)
		})
	})
}

// linkOf returns the ARN an editor's definition was last diffed or pushed
// against, "" if none.
func (s *awsSession) linkOf(e *Editor) string {
	if arn := s.linked[e]; arn != "" {
		return arn
	}
	if e.path == "" {
		return ""
	}
	return s.app.Preferences().String(prefAWSLink + absPath(e.path))
}

// link remembers the ARN of an editor's definition.
func (s *awsSession) link(e *Editor, arn string) {
	if e.path == "" {
		s.linked[e] = arn
		return
	}
	s.app.Preferences().SetString(prefAWSLink+absPath(e.path), arn)
}

// awsError makes an AWS error readable: the API's code and message
// without the SDK's request details.
func awsError(err error) error {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return fmt.Errorf("%s: %s", ae.ErrorCode(), ae.ErrorMessage())
	}
	return err
}

// absPath is path made absolute, or path itself if that fails.
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}
