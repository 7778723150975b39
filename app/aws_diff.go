package app

import (
	"context"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baton/cloud"
	"baton/model"
)

// diffView shows a difference between the local and the deployed
// definition: a summary per state, then the line diff of both canonical
// texts, the deployed-only lines red and the local-only lines green, with
// unchanged stretches folded to a few lines of context.
type diffView struct {
	summary *widget.Label
	grid    *widget.TextGrid
	box     fyne.CanvasObject
}

// diffContext is how many unchanged lines are shown around a change.
const diffContext = 3

// diffStyles colour the lines of a diff.
var (
	diffRemovedStyle = &widget.CustomTextGridStyle{FGColor: color.NRGBA{0xe5, 0x39, 0x35, 0xff}, BGColor: color.NRGBA{0xe5, 0x39, 0x35, 0x30}}
	diffAddedStyle   = &widget.CustomTextGridStyle{FGColor: color.NRGBA{0x2e, 0x9d, 0x4e, 0xff}, BGColor: color.NRGBA{0x2e, 0x9d, 0x4e, 0x30}}
	diffFoldStyle    = &widget.CustomTextGridStyle{FGColor: color.NRGBA{0x88, 0x88, 0x88, 0xff}}
)

func newDiffView() *diffView {
	v := &diffView{summary: widget.NewLabel(""), grid: widget.NewTextGrid()}
	v.box = container.NewBorder(v.summary, nil, nil, nil, v.grid)
	return v
}

// set shows d.
func (v *diffView) set(d *cloud.DefinitionDiff) {
	v.summary.SetText(diffSummary(d))
	near := make([]bool, len(d.Lines))
	for i, l := range d.Lines {
		if l.Op != cloud.Equal {
			for j := max(i-diffContext, 0); j <= min(i+diffContext, len(d.Lines)-1); j++ {
				near[j] = true
			}
		}
	}
	var rows []widget.TextGridRow
	row := func(text string, style widget.TextGridStyle) {
		cells := make([]widget.TextGridCell, 0, len(text))
		for _, r := range text {
			cells = append(cells, widget.TextGridCell{Rune: r, Style: style})
		}
		rows = append(rows, widget.TextGridRow{Cells: cells, Style: style})
	}
	for i := 0; i < len(d.Lines); i++ {
		if !near[i] {
			j := i
			for j < len(d.Lines) && !near[j] {
				j++
			}
			row(fmt.Sprintf("          ⋯ %d unchanged lines", j-i), diffFoldStyle)
			i = j - 1
			continue
		}
		l := d.Lines[i]
		var style widget.TextGridStyle
		switch l.Op {
		case cloud.Removed:
			style = diffRemovedStyle
		case cloud.Added:
			style = diffAddedStyle
		}
		row(fmt.Sprintf("%4s %4s %s %s", lineNo(l.Remote), lineNo(l.Local), [...]string{" ", "-", "+"}[l.Op], l.Text), style)
	}
	v.grid.Rows = rows
	v.box.Refresh() // the summary's height changed: lay out again
}

func lineNo(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}

// diffSummary is the per-state summary, one line per changed state.
func diffSummary(d *cloud.DefinitionDiff) string {
	if d.Same() {
		return "No differences: the local definition is what is deployed."
	}
	lines := []string{}
	for _, c := range d.States {
		name := c.State
		if name == "" {
			name = "(top level)"
		}
		switch c.Change {
		case cloud.StateAdded:
			lines = append(lines, "+ "+name+" added")
		case cloud.StateRemoved:
			lines = append(lines, "- "+name+" removed")
		default:
			lines = append(lines, "~ "+name+" changed: "+strings.Join(c.Fields, ", "))
		}
	}
	if len(lines) == 0 {
		lines = append(lines, "Only formatting differs.")
	}
	return strings.Join(lines, "\n")
}

// diffDialog is AWS ▸ Diff with Deployed…: the diff of this definition
// against a deployed state machine, optionally with ${Placeholders}
// resolved from a values file first.
type diffDialog struct {
	e      *Editor
	arn    string
	values map[string]string
	// valuesPath is the values file in use, "" for none.
	valuesPath string
	header     *widget.Label
	view       *diffView
	dlg        *dialog.CustomDialog
}

// diffDeployed diffs against the linked state machine, or one the user
// picks.
func (e *Editor) diffDeployed() {
	e.withMachine("Diff", func(arn string) { e.diffWith(arn) })
}

// diffWith shows the diff of this definition against the deployed arn.
func (e *Editor) diffWith(arn string) *diffDialog {
	d := &diffDialog{e: e, arn: arn, header: widget.NewLabel("Comparing…"), view: newDiffView()}
	d.header.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(
		widget.NewButton("Values File…", d.chooseValues),
		widget.NewButtonWithIcon("Push…", theme.UploadIcon(), func() {
			d.dlg.Hide()
			e.showPushForm(arn)
		}),
		widget.NewButton("Close", func() { d.dlg.Hide() }),
	)
	body := container.NewBorder(d.header, buttons, nil, nil, d.view.box)
	d.dlg = dialog.NewCustomWithoutButtons("Local vs Deployed", body, e.win)
	d.dlg.Resize(fyne.NewSize(960, 680))
	d.dlg.Show()
	d.refresh()
	return d
}

// refresh fetches the deployed definition and diffs it.
func (d *diffDialog) refresh() {
	e := d.e
	e.code.flush()
	local := e.Doc().Marshal(model.JSON)
	var info *cloud.MachineInfo
	var diff *cloud.DefinitionDiff
	values := d.values
	s := sessionFor(e.app)
	s.run(context.Background(), func(ctx context.Context, a *cloud.Account) (err error) {
		if info, err = a.DescribeStateMachine(ctx, d.arn); err != nil {
			return err
		}
		diff, err = cloud.Diff(local, []byte(info.Definition), values)
		return err
	}, func(err error) {
		if err != nil {
			d.header.SetText("Cannot diff: " + awsError(err).Error())
			return
		}
		s.link(e, info.Arn)
		h := fmt.Sprintf("%s (%s) · deployed revision %s · lines: - deployed only, + local only", info.Name, info.Type, info.RevisionID)
		if d.valuesPath != "" {
			h += " · placeholders from " + filepath.Base(d.valuesPath)
		}
		d.header.SetText(h)
		d.view.set(diff)
	})
}

// chooseValues asks for a values file that resolves ${Placeholders}.
func (d *diffDialog) chooseValues() {
	d.e.chooseValuesFile(func(path string, values map[string]string) {
		d.valuesPath, d.values = path, values
		d.refresh()
	})
}

// chooseValuesFile asks for a values file (JSON or YAML, a SAM template's
// DefinitionSubstitutions) and passes what it defines to then.
func (e *Editor) chooseValuesFile(then func(path string, values map[string]string)) {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		path, ok := e.chosen(r, err)
		if !ok {
			return
		}
		values, err := loadValuesFile(path)
		if err != nil {
			e.status.error(err)
			dialog.ShowError(err, e.win)
			return
		}
		then(path, values)
	}, e.win)
	open.SetFilter(definitionFilter)
	open.Show()
}

func loadValuesFile(path string) (map[string]string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return cloud.LoadValues(path, src)
}
