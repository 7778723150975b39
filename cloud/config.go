package cloud

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// Target says which account and region to work in: a profile of the
// shared config files ("" for the SDK's default), a region ("" for the
// profile's), and optionally an endpoint URL that replaces AWS's (a
// `baton serve` or Step Functions Local).
type Target struct {
	Profile  string
	Region   string
	Endpoint string
}

// Account is a Step Functions client for one target. Its methods list,
// describe, diff, push, and import what the account holds.
type Account struct {
	Client *sfn.Client
	// Region is the region the client works in.
	Region string
}

// Connect resolves credentials and region through the AWS SDK's default
// chain (environment, shared config and credentials files with SSO, …)
// for t and returns a client. It does not call AWS: a wrong profile shows
// on the first request.
func Connect(ctx context.Context, t Target) (*Account, error) {
	var opts []func(*config.LoadOptions) error
	if t.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(t.Profile))
	}
	if t.Region != "" {
		opts = append(opts, config.WithRegion(t.Region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("loading the AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		return nil, fmt.Errorf("no region: choose one, or set it in the profile or AWS_REGION")
	}
	return NewAccount(cfg, t.Endpoint), nil
}

// NewAccount returns an Account for an SDK configuration; endpoint, when
// not empty, replaces AWS's endpoint.
func NewAccount(cfg aws.Config, endpoint string) *Account {
	client := sfn.NewFromConfig(cfg, func(o *sfn.Options) {
		o.HTTPClient = withBufferedBodies(o.HTTPClient)
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
			// StartSyncExecution and TestState prefix the host with
			// "sync-"; a local endpoint has no such host.
			o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
				return s.Initialize.Add(middleware.InitializeMiddlewareFunc("BatonNoHostPrefix",
					func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
						return next.HandleInitialize(smithyhttp.DisableEndpointHostPrefix(ctx, true), in)
					}), middleware.Before)
			})
		}
	})
	return &Account{Client: client, Region: cfg.Region}
}

// Profile is a profile defined in the shared config or credentials file:
// what a profile picker shows. It never holds credentials.
type Profile struct {
	Name string
	// Region is the profile's region in the config file, "" if none.
	Region string
	// SSO is set for a profile that signs in with IAM Identity Center.
	SSO bool
}

// SharedConfigFiles returns the paths of the shared config and
// credentials files, honouring AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE as the SDK does.
func SharedConfigFiles() (configFile, credentialsFile string) {
	configFile, credentialsFile = os.Getenv("AWS_CONFIG_FILE"), os.Getenv("AWS_SHARED_CREDENTIALS_FILE")
	if configFile == "" {
		configFile = config.DefaultSharedConfigFilename()
	}
	if credentialsFile == "" {
		credentialsFile = config.DefaultSharedCredentialsFilename()
	}
	return configFile, credentialsFile
}

// Profiles lists the profiles the shared files define, sorted by name,
// "default" first. Only section names and the region and SSO settings are
// read; a missing file is no error.
func Profiles() ([]Profile, error) {
	configFile, credentialsFile := SharedConfigFiles()
	byName := map[string]*Profile{}
	get := func(name string) *Profile {
		if byName[name] == nil {
			byName[name] = &Profile{Name: name}
		}
		return byName[name]
	}
	err := scanINI(configFile, func(section, key, value string) {
		name, ok := strings.CutPrefix(section, "profile ")
		if !ok && section != "default" {
			return // sso-session, services and other non-profile sections
		}
		p := get(strings.TrimSpace(name))
		switch key {
		case "region":
			p.Region = value
		case "sso_start_url", "sso_session":
			p.SSO = true
		}
	})
	if err != nil {
		return nil, err
	}
	// Only the section names of the credentials file are looked at.
	if err := scanINI(credentialsFile, func(section, key, _ string) {
		if key == "" {
			get(section)
		}
	}); err != nil {
		return nil, err
	}
	out := make([]Profile, 0, len(byName))
	for _, p := range byName {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Profile) int {
		if (a.Name == "default") != (b.Name == "default") {
			if a.Name == "default" {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out, nil
}

// scanINI calls fn for each section header (key "") and for each key of
// the section in an INI file; a missing file is no error.
func scanINI(path string, fn func(section, key, value string)) error {
	f, err := os.Open(filepath.Clean(path))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[' && strings.HasSuffix(line, "]"):
			section = strings.TrimSpace(line[1 : len(line)-1])
			fn(section, "", "")
		case section != "":
			if k, v, ok := strings.Cut(line, "="); ok {
				fn(section, strings.TrimSpace(k), strings.TrimSpace(v))
			}
		}
	}
	return sc.Err()
}

// Regions are the AWS regions a region picker offers (the commercial
// regions where Step Functions runs), in AWS's order.
var Regions = []string{
	"us-east-1", "us-east-2", "us-west-1", "us-west-2",
	"af-south-1", "ap-east-1", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
	"ap-southeast-3", "ap-southeast-4", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
	"ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2",
	"eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1",
	"me-central-1", "sa-east-1",
}
