package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baton/cloud"
)

func TestAWSAccount_profilesAndTarget(t *testing.T) {
	e, _ := newTestEditor(t, "two.asl.json", twoStates)
	dir := t.TempDir()
	config, creds := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	os.WriteFile(config, []byte("[default]\nregion = us-west-2\n\n[profile dev]\nregion = eu-west-1\nsso_session = corp\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"), 0o600)
	os.WriteFile(creds, []byte("[ci]\naws_access_key_id = AKIDSECRETVALUE\naws_secret_access_key = SECRETVALUE\n"), 0o600)
	t.Setenv("AWS_CONFIG_FILE", config)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", creds)

	f := e.showAccountDialog()
	if got := strings.Join(f.profile.Options, "|"); got != "(SDK default)|default|ci|dev" {
		t.Fatalf("profiles %s", got)
	}
	if f.profile.Selected != defaultProfile || f.region.Text != "" || f.endpoint.Text != "" {
		t.Errorf("initial choice %q %q %q", f.profile.Selected, f.region.Text, f.endpoint.Text)
	}
	f.profile.SetSelected("dev")
	if f.region.PlaceHolder != "eu-west-1 (the profile's)" || !strings.Contains(f.note.Text, "aws sso login --profile dev") {
		t.Errorf("dev: region placeholder %q, note %q", f.region.PlaceHolder, f.note.Text)
	}
	f.region.SetText("eu-central-1")
	f.endpoint.SetText("http://127.0.0.1:8083")
	f.apply()
	want := cloud.Target{Profile: "dev", Region: "eu-central-1", Endpoint: "http://127.0.0.1:8083"}
	if got := sessionFor(e.app).target; got != want {
		t.Errorf("target %+v", got)
	}
	if got := e.status.text(); got != "AWS: dev, eu-central-1, http://127.0.0.1:8083" {
		t.Errorf("status %q", got)
	}
	p := e.app.Preferences()
	if p.String(prefAWSProfile) != "dev" || p.String(prefAWSRegion) != "eu-central-1" || p.String(prefAWSEndpoint) != "http://127.0.0.1:8083" {
		t.Errorf("preferences %q %q %q", p.String(prefAWSProfile), p.String(prefAWSRegion), p.String(prefAWSEndpoint))
	}

	// A new dialog starts from the target; the default choice clears the profile.
	f = e.showAccountDialog()
	if f.profile.Selected != "dev" || f.region.Text != "eu-central-1" {
		t.Errorf("second dialog %q %q", f.profile.Selected, f.region.Text)
	}
	f.profile.SetSelected(defaultProfile)
	f.apply()
	if got := sessionFor(e.app).target.Profile; got != "" {
		t.Errorf("profile %q", got)
	}
}
