package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baton/cloud"
)

// Push modes.
const (
	pushUpdate = "Update an existing state machine"
	pushCreate = "Create a new state machine"
)

// pushForm is AWS ▸ Push…: where the definition goes (an existing state
// machine, optionally publishing a version, or a new one with its name,
// type, role and logging) and an optional values file. Review plans the
// push and shows it; nothing changes before the user confirms there.
type pushForm struct {
	e       *Editor
	mode    *widget.RadioGroup
	arn     *widget.Entry
	publish *widget.Check
	version *widget.Entry

	name     *widget.Entry
	typ      *widget.Select
	role     *widget.Entry
	logLevel *widget.Select
	logGroup *widget.Entry

	valuesPath string
	values     map[string]string
	valuesNote *widget.Label
	note       *widget.Label

	update, create *fyne.Container
	dlg            *dialog.CustomDialog
	// review is the last review shown.
	review *pushReview
}

// showPushForm asks where to push; arn ("" for none) preselects an
// existing state machine.
func (e *Editor) showPushForm(arn string) *pushForm {
	if arn == "" {
		arn = sessionFor(e.app).linkOf(e)
	}
	f := &pushForm{e: e, note: widget.NewLabel(""), valuesNote: widget.NewLabel("none")}
	f.note.Wrapping = fyne.TextWrapWord
	f.arn = widget.NewEntry()
	f.arn.SetPlaceHolder("arn:aws:states:REGION:ACCOUNT:stateMachine:NAME")
	f.arn.SetText(arn)
	f.publish = widget.NewCheck("Publish a version", nil)
	f.version = widget.NewEntry()
	f.version.SetPlaceHolder("version description (optional)")
	f.name = widget.NewEntry()
	f.name.SetText(machineName(e.path))
	f.typ = widget.NewSelect([]string{"STANDARD", "EXPRESS"}, nil)
	f.typ.SetSelected("STANDARD")
	f.role = widget.NewEntry()
	f.role.SetPlaceHolder("arn:aws:iam::ACCOUNT:role/NAME")
	f.logLevel = widget.NewSelect([]string{"OFF", "ALL", "ERROR", "FATAL"}, nil)
	f.logLevel.SetSelected("OFF")
	f.logGroup = widget.NewEntry()
	f.logGroup.SetPlaceHolder("arn:aws:logs:REGION:ACCOUNT:log-group:NAME:* (for a level other than OFF)")

	choose := widget.NewButton("Choose…", func() {
		e.showMachinesDialog("Choose", func(m cloud.MachineSummary) { f.arn.SetText(m.Arn) })
	})
	f.update = container.NewVBox(
		widget.NewForm(widget.NewFormItem("State machine", container.NewBorder(nil, nil, nil, choose, f.arn))),
		container.NewBorder(nil, nil, f.publish, nil, f.version),
	)
	f.create = container.NewVBox(widget.NewForm(
		widget.NewFormItem("Name", f.name),
		widget.NewFormItem("Type", f.typ),
		widget.NewFormItem("Role ARN", f.role),
		widget.NewFormItem("Logging level", f.logLevel),
		widget.NewFormItem("Log group ARN", f.logGroup),
	))
	f.mode = widget.NewRadioGroup([]string{pushUpdate, pushCreate}, f.modeChosen)
	values := container.NewBorder(nil, nil, widget.NewLabel("Values file"), widget.NewButton("Choose…", func() {
		e.chooseValuesFile(func(path string, v map[string]string) {
			f.valuesPath, f.values = path, v
			f.valuesNote.SetText(filepath.Base(path) + fmt.Sprintf(" (%d values)", len(v)))
		})
	}), f.valuesNote)
	review := widget.NewButtonWithIcon("Review…", theme.NavigateNextIcon(), f.plan)
	review.Importance = widget.HighImportance
	body := container.NewBorder(
		container.NewVBox(widget.NewLabel("Account: "+sessionFor(e.app).describe()), f.mode),
		container.NewVBox(values, f.note, container.NewHBox(review, widget.NewButton("Cancel", func() { f.dlg.Hide() }))),
		nil, nil, container.NewStack(f.update, f.create))
	f.dlg = dialog.NewCustomWithoutButtons("Push to AWS", body, e.win)
	f.dlg.Resize(fyne.NewSize(720, 480))
	if arn != "" {
		f.mode.SetSelected(pushUpdate)
	} else {
		f.mode.SetSelected(pushCreate)
	}
	f.dlg.Show()
	return f
}

func (f *pushForm) modeChosen(mode string) {
	if mode == pushCreate {
		f.update.Hide()
		f.create.Show()
	} else {
		f.create.Hide()
		f.update.Show()
	}
}

// target is the push target the form describes.
func (f *pushForm) target() (cloud.PushTarget, error) {
	t := cloud.PushTarget{Publish: f.publish.Checked, VersionDescription: strings.TrimSpace(f.version.Text)}
	if f.mode.Selected == pushUpdate {
		t.Arn = strings.TrimSpace(f.arn.Text)
		if t.Arn == "" {
			return t, errors.New("choose the state machine to update")
		}
		return t, nil
	}
	t.Name, t.Type, t.RoleArn = strings.TrimSpace(f.name.Text), f.typ.Selected, strings.TrimSpace(f.role.Text)
	t.LoggingLevel, t.LogGroupArn = f.logLevel.Selected, strings.TrimSpace(f.logGroup.Text)
	switch {
	case t.Name == "":
		return t, errors.New("a new state machine needs a name")
	case t.RoleArn == "":
		return t, errors.New("a new state machine needs a role ARN (the role Step Functions runs it with)")
	case t.LoggingLevel != "OFF" && t.LogGroupArn == "":
		return t, errors.New("logging level " + t.LoggingLevel + " needs a CloudWatch Logs log group ARN")
	}
	return t, nil
}

// plan asks AWS what the push would do (the diff against what is
// deployed, both validations) and shows the review.
func (f *pushForm) plan() {
	t, err := f.target()
	if err != nil {
		f.note.Importance = widget.DangerImportance
		f.note.SetText(err.Error())
		return
	}
	f.note.Importance = widget.MediumImportance
	f.note.SetText("Comparing with what is deployed and validating…")
	f.e.code.flush()
	doc, values := f.e.Doc(), f.values
	var p *cloud.PushPlan
	sessionFor(f.e.app).run(context.Background(), func(ctx context.Context, a *cloud.Account) (err error) {
		p, err = a.PlanPush(ctx, doc, values, t)
		return err
	}, func(err error) {
		if err != nil {
			f.note.Importance = widget.DangerImportance
			f.note.SetText("Cannot plan the push: " + awsError(err).Error())
			return
		}
		f.note.SetText("")
		f.dlg.Hide()
		f.review = f.e.showPushReview(p, f)
	})
}

// pushReview shows a planned push for confirmation: the diff against
// what is deployed (for an update), Baton's and AWS's diagnostics, and
// Push / Cancel. A push refused because the deployed machine changed
// since the diff says so and offers the new diff.
type pushReview struct {
	e       *Editor
	form    *pushForm
	plan    *cloud.PushPlan
	diff    *diffView
	diags   *widget.Label
	message *widget.Label
	confirm *widget.Button
	rediff  *widget.Button
	cancel  *widget.Button
	dlg     *dialog.CustomDialog
	// result is what the push did, nil until it succeeded.
	result *cloud.PushResult
}

func (e *Editor) showPushReview(p *cloud.PushPlan, form *pushForm) *pushReview {
	r := &pushReview{e: e, form: form, plan: p, diff: newDiffView(), diags: widget.NewLabel(diagnosticsText(p)), message: widget.NewLabel("")}
	r.diags.Wrapping = fyne.TextWrapWord
	r.message.Wrapping = fyne.TextWrapWord
	what := "Create " + p.Target.Name + " (" + p.Target.Type + ")"
	if p.Target.Arn != "" {
		what = "Update " + p.Target.Arn + " (revision " + p.RemoteRevision + ")"
		r.diff.set(p.Diff)
	} else {
		r.diff.summary.SetText("A new state machine: every state is added.")
	}
	if p.Target.Publish {
		what += " and publish a version"
	}
	r.confirm = widget.NewButtonWithIcon("Push", theme.UploadIcon(), r.push)
	r.confirm.Importance = widget.DangerImportance
	r.rediff = widget.NewButton("Review the New Diff", r.replan)
	r.rediff.Hide()
	r.cancel = widget.NewButton("Cancel", func() {
		r.dlg.Hide()
		if r.result == nil {
			e.status.info("Push cancelled: nothing was changed on AWS")
		}
	})
	switch {
	case p.Blocked():
		r.confirm.Disable()
		r.setMessage(true, "The definition has validation errors: fix them before pushing.")
	case p.Diff != nil && p.Diff.Same() && !p.Target.Publish:
		r.confirm.Disable()
		r.setMessage(false, "The deployed definition is already this one: nothing to push.")
	default:
		r.setMessage(false, "Nothing has been changed yet. Push to "+strings.ToLower(what[:1])+what[1:]+".")
	}
	head := widget.NewLabelWithStyle(what, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(head,
		container.NewVBox(widget.NewSeparator(), r.diags, r.message, container.NewHBox(r.confirm, r.rediff, r.cancel)),
		nil, nil, r.diff.box)
	r.dlg = dialog.NewCustomWithoutButtons("Review Push", body, e.win)
	r.dlg.Resize(fyne.NewSize(960, 700))
	r.dlg.Show()
	return r
}

func (r *pushReview) setMessage(bad bool, s string) {
	r.message.Importance = widget.MediumImportance
	if bad {
		r.message.Importance = widget.DangerImportance
	}
	r.message.SetText(s)
}

// diagnosticsText lists both validations' diagnostics.
func diagnosticsText(p *cloud.PushPlan) string {
	list := func(who string, ds []cloud.Diagnostic) string {
		if len(ds) == 0 {
			return who + ": no problems"
		}
		lines := []string{who + ":"}
		for _, d := range ds {
			line := "  " + d.Severity + " " + d.Code
			if d.Location != "" {
				line += " at " + d.Location
			}
			lines = append(lines, line+": "+d.Message)
		}
		return strings.Join(lines, "\n")
	}
	aws := list("AWS's validation", p.AWS)
	if p.AWSUnavailable != "" {
		aws = "AWS's validation is not available here (" + p.AWSUnavailable + ")"
	}
	return list("Baton's validation", p.Local) + "\n" + aws
}

// push carries out the confirmed plan.
func (r *pushReview) push() {
	r.confirm.Disable()
	r.setMessage(false, "Pushing…")
	var res *cloud.PushResult
	s := sessionFor(r.e.app)
	s.run(context.Background(), func(ctx context.Context, a *cloud.Account) (err error) {
		res, err = a.Push(ctx, r.plan)
		return err
	}, func(err error) {
		var changed *cloud.RemoteChangedError
		switch {
		case errors.As(err, &changed):
			r.setMessage(true, "Refused: "+changed.Error()+".")
			r.rediff.Show()
			return
		case err != nil:
			r.setMessage(true, "Push failed: "+awsError(err).Error())
			r.confirm.Enable()
			return
		}
		r.result = res
		s.link(r.e, res.Arn)
		msg := "Pushed: " + res.Arn
		if res.Created {
			msg = "Created " + res.Arn
		}
		if res.RevisionID != "" {
			msg += ", revision " + res.RevisionID
		}
		if res.VersionArn != "" {
			msg += ", version " + res.VersionArn
		}
		r.setMessage(false, msg)
		r.cancel.SetText("Close")
		r.e.status.info(msg)
	})
}

// replan takes a new diff against what is deployed now.
func (r *pushReview) replan() {
	r.dlg.Hide()
	r.form.plan()
}
