package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"baton/cloud"
)

// defaultProfile is the profile choice that leaves the profile to the
// SDK (AWS_PROFILE, or "default").
const defaultProfile = "(SDK default)"

// accountForm is AWS ▸ Account…: a profile picker listing the profiles
// of the shared config and credentials files, a region picker, and an
// optional endpoint that replaces AWS's (a `baton serve` or Step
// Functions Local). Credentials stay with the SDK's default chain.
type accountForm struct {
	e        *Editor
	profiles []cloud.Profile
	profile  *widget.Select
	region   *widget.SelectEntry
	endpoint *widget.Entry
	note     *widget.Label
	dlg      *dialog.FormDialog
}

func (e *Editor) showAccountDialog() *accountForm {
	s := sessionFor(e.app)
	f := &accountForm{e: e, note: widget.NewLabel("")}
	f.note.Wrapping = fyne.TextWrapWord
	profiles, err := cloud.Profiles()
	if err != nil {
		f.note.SetText("Cannot read the AWS config files: " + err.Error())
	}
	f.profiles = profiles
	names := []string{defaultProfile}
	for _, p := range profiles {
		names = append(names, p.Name)
	}
	f.profile = widget.NewSelect(names, f.profileChosen)
	f.region = widget.NewSelectEntry(cloud.Regions)
	f.region.SetText(s.target.Region)
	f.endpoint = widget.NewEntry()
	f.endpoint.SetPlaceHolder("AWS (or e.g. http://127.0.0.1:8083 for baton serve)")
	f.endpoint.SetText(s.target.Endpoint)
	if s.target.Profile == "" {
		f.profile.SetSelectedIndex(0)
	} else {
		f.profile.SetSelected(s.target.Profile)
	}
	items := []*widget.FormItem{
		widget.NewFormItem("Profile", f.profile),
		widget.NewFormItem("Region", f.region),
		widget.NewFormItem("Endpoint", f.endpoint),
		widget.NewFormItem("", f.note),
	}
	f.dlg = dialog.NewForm("AWS Account", "Use", "Cancel", items, func(ok bool) {
		if ok {
			f.apply()
		}
	}, e.win)
	f.dlg.Resize(fyne.NewSize(560, 320))
	f.dlg.Show()
	return f
}

// profileChosen shows what the chosen profile brings: its region as the
// region's placeholder, and whether it signs in with IAM Identity Center.
func (f *accountForm) profileChosen(name string) {
	f.region.SetPlaceHolder("the profile's region")
	for _, p := range f.profiles {
		if p.Name != name {
			continue
		}
		var notes []string
		if p.Region != "" {
			f.region.SetPlaceHolder(p.Region + " (the profile's)")
		}
		if p.SSO {
			notes = append(notes, "This profile signs in with IAM Identity Center: run `aws sso login --profile "+p.Name+"` first if its session expired.")
		}
		f.note.SetText(strings.Join(notes, " "))
		return
	}
	f.note.SetText("Credentials come from the AWS SDK's default chain (environment, shared files, SSO).")
}

// apply makes the form's choice the session's target.
func (f *accountForm) apply() {
	t := cloud.Target{Region: strings.TrimSpace(f.region.Text), Endpoint: strings.TrimSpace(f.endpoint.Text)}
	if p := f.profile.Selected; p != defaultProfile {
		t.Profile = p
	}
	s := sessionFor(f.e.app)
	s.setTarget(t)
	f.e.status.info("AWS: " + s.describe())
}
