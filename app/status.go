package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// statusBar is the line at the bottom of the window: what the last action
// did, or why it was refused.
type statusBar struct {
	label *widget.Label
}

func newStatusBar() *statusBar {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return &statusBar{label: l}
}

func (s *statusBar) info(msg string) {
	s.label.Importance = widget.MediumImportance
	s.label.SetText(msg)
}

func (s *statusBar) error(err error) {
	s.label.Importance = widget.DangerImportance
	s.label.SetText(err.Error())
}

// text returns what the status bar shows.
func (s *statusBar) text() string { return s.label.Text }
