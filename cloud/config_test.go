package cloud_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"baton/cloud"
)

func TestProfiles(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config")
	creds := filepath.Join(dir, "credentials")
	os.WriteFile(cfg, []byte(`[default]
region = eu-west-1

[profile dev]
sso_session = corp
sso_account_id = 111111111111
region = us-east-2

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start

# a comment
[profile ci]
`), 0o600)
	os.WriteFile(creds, []byte("[default]\naws_access_key_id = AKIDSECRETISH\n[legacy]\naws_access_key_id = AKID2\n"), 0o600)
	t.Setenv("AWS_CONFIG_FILE", cfg)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", creds)
	ps, err := cloud.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(ps); got != "[{default eu-west-1 false} {ci  false} {dev us-east-2 true} {legacy  false}]" {
		t.Fatalf("got %s", got)
	}
}

func TestConnect_Endpoint(t *testing.T) {
	_, _, url := serve(t, "", cloud.DefaultEngine(), nil)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config")
	os.WriteFile(cfg, []byte("[profile local]\nregion = ap-south-1\n"), 0o600)
	t.Setenv("AWS_CONFIG_FILE", cfg)
	creds := filepath.Join(dir, "credentials")
	os.WriteFile(creds, []byte("[local]\naws_access_key_id = AKIDTEST\naws_secret_access_key = dummy\n"), 0o600)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", creds)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	a, err := cloud.Connect(ctx, cloud.Target{Profile: "local", Endpoint: url})
	if err != nil {
		t.Fatal(err)
	}
	if a.Region != "ap-south-1" {
		t.Fatalf("region %s", a.Region)
	}
	arn := create(t, a, "Regional", passDef)
	if arn != "arn:aws:states:ap-south-1:123456789012:stateMachine:Regional" {
		t.Fatalf("arn %s", arn)
	}
	if _, err := cloud.Connect(ctx, cloud.Target{Profile: "missing"}); err == nil {
		t.Fatal("missing profile accepted")
	}
}
