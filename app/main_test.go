package app_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"baton/app"
)

// runAppEnv makes the test binary run the designer itself (on the files
// listed in it, separated by newlines) instead of the tests, so the window
// test needs no separately built binary.
const runAppEnv = "BATON_TEST_RUN_APP"

func TestMain(m *testing.M) {
	if files, ok := os.LookupEnv(runAppEnv); ok {
		var paths []string
		if files != "" {
			paths = strings.Split(files, "\n")
		}
		if err := app.Run(paths); err != nil {
			fmt.Fprintln(os.Stderr, "baton:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}
