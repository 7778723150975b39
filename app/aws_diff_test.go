package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"baton/cloud"
)

// changedLines lists the lines of a diff view other than context, as
// "-text" or "+text" with the text trimmed, checking their colours.
func changedLines(t *testing.T, v *diffView) []string {
	t.Helper()
	var out []string
	for i, row := range v.grid.Rows {
		text := v.grid.RowText(i)
		if row.Style == diffFoldStyle {
			if !strings.HasPrefix(text, "          ⋯ ") || !strings.HasSuffix(text, " unchanged lines") {
				t.Errorf("fold line %q", text)
			}
			continue
		}
		op := text[10:11]
		want := map[string]widget.TextGridStyle{" ": nil, "-": diffRemovedStyle, "+": diffAddedStyle}[op]
		if row.Style != want || len(row.Cells) > 0 && row.Cells[0].Style != want {
			t.Errorf("line %d %q has style %v, want %v", i, text, row.Style, want)
		}
		if op != " " {
			out = append(out, op+strings.TrimSpace(text[12:]))
		}
	}
	return out
}

const sagaFunction = "arn:aws:lambda:us-east-1:123456789012:function:payment-charge"

func TestAWSDiff_content(t *testing.T) {
	saga := readFile(t, sagaPath)
	local := strings.Replace(saga, `"MaxAttempts": 3,`, `"MaxAttempts": 5,`, 1)
	local = strings.Replace(local, `"Type": "Succeed"`, `"Type": "Succeed",
      "Comment": "shipped"`, 1)
	local = strings.Replace(local, sagaFunction, "${PaymentFunction}", 1)
	e, _ := newTestEditor(t, "order-saga.asl.json", local)
	account := serveAWS(t, e.app, nil)
	arn := deploy(t, account, "OrderSaga", saga)

	d := e.diffWith(arn)
	_, rev := deployed(t, account, arn)
	if want := "OrderSaga (STANDARD) · deployed revision " + rev + " · lines: - deployed only, + local only"; d.header.Text != want {
		t.Errorf("header\n got %s\nwant %s", d.header.Text, want)
	}
	if got, want := d.view.summary.Text, "~ ChargePayment changed: Parameters, Retry\n~ OrderSucceeded changed: Comment"; got != want {
		t.Errorf("summary\n got %s\nwant %s", got, want)
	}
	if got, want := strings.Join(changedLines(t, d.view), "\n"), strings.Join([]string{
		`-"FunctionName": "` + sagaFunction + `",`,
		`+"FunctionName": "${PaymentFunction}",`,
		`-"MaxAttempts": 3,`,
		`+"MaxAttempts": 5,`,
		`+"Comment": "shipped",`,
	}, "\n"); got != want {
		t.Errorf("changed lines\n got %s\nwant %s", got, want)
	}
	if got := sessionFor(e.app).linkOf(e); got != arn {
		t.Errorf("the definition is linked to %q, want %s", got, arn)
	}

	// With a values file, the placeholder is no drift.
	values := filepath.Join(t.TempDir(), "values.json")
	os.WriteFile(values, []byte(`{"DefinitionSubstitutions": {"PaymentFunction": "`+sagaFunction+`"}}`), 0o644)
	v, err := loadValuesFile(values)
	if err != nil {
		t.Fatal(err)
	}
	d.valuesPath, d.values = values, v
	d.refresh()
	if got, want := d.view.summary.Text, "~ ChargePayment changed: Retry\n~ OrderSucceeded changed: Comment"; got != want {
		t.Errorf("summary with values\n got %s\nwant %s", got, want)
	}
	if !strings.HasSuffix(d.header.Text, " · placeholders from values.json") {
		t.Errorf("header with values: %s", d.header.Text)
	}

	// The same definition: no differences.
	same := e.diffWith(deploy(t, account, "Copy", local))
	if got := same.view.summary.Text; got != "No differences: the local definition is what is deployed." {
		t.Errorf("same definition: %s", got)
	}
	if lines := changedLines(t, same.view); len(lines) != 0 {
		t.Errorf("same definition, changed lines %v", lines)
	}
}

func TestAWSPush_confirmAndRefuse(t *testing.T) {
	saga := readFile(t, sagaPath)
	local := strings.Replace(saga, `"MaxAttempts": 3,`, `"MaxAttempts": 5,`, 1)
	e, clock := newTestEditor(t, "order-saga.asl.json", local)
	account := serveAWS(t, e.app, nil)
	arn := deploy(t, account, "OrderSaga", saga)
	_, rev1 := deployed(t, account, arn)

	f := e.showPushForm(arn)
	if f.mode.Selected != pushUpdate || f.arn.Text != arn {
		t.Fatalf("push form: mode %q, arn %q", f.mode.Selected, f.arn.Text)
	}
	f.plan()
	r := f.review
	if r == nil {
		t.Fatalf("no review: %s", f.note.Text)
	}
	if got := r.diff.summary.Text; got != "~ ChargePayment changed: Retry" {
		t.Errorf("review summary %q", got)
	}
	if got := r.diags.Text; got != "Baton's validation: no problems\nAWS's validation: no problems" {
		t.Errorf("diagnostics\n%s", got)
	}
	if r.confirm.Disabled() || r.message.Text != "Nothing has been changed yet. Push to update "+arn+" (revision "+rev1+")." {
		t.Errorf("review: confirm disabled %v, message %q", r.confirm.Disabled(), r.message.Text)
	}

	// Refused by the user: nothing changes.
	test.Tap(r.cancel)
	if got := e.status.text(); got != "Push cancelled: nothing was changed on AWS" {
		t.Errorf("status %q", got)
	}
	if def, rev := deployed(t, account, arn); rev != rev1 || def != saga {
		t.Fatalf("a cancelled push changed the machine (revision %s → %s)", rev1, rev)
	}

	// Confirmed: the local definition is deployed.
	f.plan()
	r = f.review
	test.Tap(r.confirm)
	def, rev2 := deployed(t, account, arn)
	if r.result == nil || rev2 == rev1 {
		t.Fatalf("push did not happen: %s", r.message.Text)
	}
	if want := "Pushed: " + arn + ", revision " + rev2; r.message.Text != want || e.status.text() != want {
		t.Errorf("after push: message %q, status %q, want %q", r.message.Text, e.status.text(), want)
	}
	if d, err := cloud.Diff([]byte(local), []byte(def), nil); err != nil || !d.Same() {
		t.Errorf("deployed after push:\n%s", def)
	}
	f.plan()
	if r := f.review; !r.confirm.Disabled() || r.message.Text != "The deployed definition is already this one: nothing to push." {
		t.Errorf("nothing to push: disabled %v, %q", r.confirm.Disabled(), r.message.Text)
	}

	// Refused by AWS: someone changed the machine after the diff.
	typeText(e, strings.Replace(saga, `"MaxAttempts": 3,`, `"MaxAttempts": 7,`, 1))
	clock.fire()
	f.plan()
	r = f.review
	if got := strings.Join(changedLines(t, r.diff), " "); got != `-"MaxAttempts": 5, +"MaxAttempts": 7,` {
		t.Errorf("diff before the concurrent update: %s", got)
	}
	if _, err := account.Client.UpdateStateMachine(t.Context(), &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(arn), Definition: aws.String(saga)}); err != nil {
		t.Fatal(err)
	}
	_, rev3 := deployed(t, account, arn)
	test.Tap(r.confirm)
	want := "Refused: " + arn + " was changed on AWS after the diff was taken (revision " + rev2 + ", now " + rev3 + "); review the new diff before pushing."
	if r.message.Text != want || r.message.Importance != widget.DangerImportance {
		t.Errorf("refused push message\n got %q\nwant %q", r.message.Text, want)
	}
	if !r.confirm.Disabled() || r.rediff.Hidden || r.result != nil {
		t.Errorf("after the refusal: confirm disabled %v, new diff offered %v", r.confirm.Disabled(), !r.rediff.Hidden)
	}
	if _, rev := deployed(t, account, arn); rev != rev3 {
		t.Errorf("the refused push changed the machine")
	}
	test.Tap(r.rediff)
	if got := strings.Join(changedLines(t, f.review.diff), " "); f.review == r || got != `-"MaxAttempts": 3, +"MaxAttempts": 7,` {
		t.Errorf("the new diff: %s", got)
	}
}

func TestAWSPush_createAndInvalid(t *testing.T) {
	e, clock := newTestEditor(t, "two.asl.json", twoStates)
	account := serveAWS(t, e.app, nil)
	f := e.showPushForm("")
	if f.mode.Selected != pushCreate || f.name.Text != "two" {
		t.Fatalf("push form for a new machine: mode %q, name %q", f.mode.Selected, f.name.Text)
	}
	f.plan()
	if f.review != nil || f.note.Text != "a new state machine needs a role ARN (the role Step Functions runs it with)" {
		t.Fatalf("without a role: %q", f.note.Text)
	}
	f.role.SetText(testRole)
	f.logLevel.SetSelected("ALL")
	f.plan()
	if f.note.Text != "logging level ALL needs a CloudWatch Logs log group ARN" {
		t.Fatalf("logging without a group: %q", f.note.Text)
	}
	f.logLevel.SetSelected("OFF")
	f.typ.SetSelected("EXPRESS")
	f.plan()
	r := f.review
	if r.diff.summary.Text != "A new state machine: every state is added." {
		t.Errorf("create summary %q", r.diff.summary.Text)
	}
	test.Tap(r.confirm)
	arn := "arn:aws:states:us-east-1:123456789012:stateMachine:two"
	if r.result == nil || !strings.HasPrefix(r.message.Text, "Created "+arn+", revision ") {
		t.Fatalf("create: %q", r.message.Text)
	}
	info, err := account.DescribeStateMachine(t.Context(), arn)
	if err != nil || info.Type != "EXPRESS" || info.RoleArn != testRole {
		t.Fatalf("created %+v %v", info, err)
	}
	if sessionFor(e.app).linkOf(e) != arn {
		t.Errorf("the definition is not linked to the new machine")
	}

	// A definition with errors is never pushed.
	typeText(e, strings.Replace(twoStates, `"Next": "Done"`, `"Next": "Nowhere"`, 1))
	clock.fire()
	f = e.showPushForm("")
	f.plan()
	r = f.review
	if !r.confirm.Disabled() || r.message.Text != "The definition has validation errors: fix them before pushing." {
		t.Errorf("invalid definition: confirm disabled %v, %q", r.confirm.Disabled(), r.message.Text)
	}
	if !strings.Contains(r.diags.Text, "ERROR MISSING_TRANSITION_TARGET") {
		t.Errorf("diagnostics:\n%s", r.diags.Text)
	}
}
