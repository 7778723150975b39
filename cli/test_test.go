package cli_test

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const examples = "../testdata/examples/"

func TestTest_runsMockConfigCasesAgainstExpectations(t *testing.T) {
	junit := filepath.Join(t.TempDir(), "report.xml")
	code, out, errs := run(t, "", "test", examples+"order-saga.asl.json", "--mocks", examples+"order-saga.mocks.json",
		"--input", "@"+examples+"order-saga.input.json", "--expect", examples+"order-saga.tests.json", "--junit", junit)
	if want := "PASS HappyPath (SUCCEEDED)\nPASS PaymentFails (FAILED)\n2 passed, 0 failed\n"; code != 0 || out != want || errs != "" {
		t.Fatalf("code %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	var report struct {
		Suites []struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Cases    []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	b, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b, &report); err != nil {
		t.Fatalf("JUnit report is not XML: %v\n%s", err, b)
	}
	if len(report.Suites) != 1 || report.Suites[0].Tests != 2 || report.Suites[0].Failures != 0 || report.Suites[0].Cases[1].Name != "PaymentFails" {
		t.Errorf("JUnit report:\n%s", b)
	}
}

func TestTest_failsWhenAResultDiffers(t *testing.T) {
	dir := t.TempDir()
	expect := filepath.Join(dir, "expect.json")
	os.WriteFile(expect, []byte(`{"PaymentFails": {"status": "FAILED", "error": "PaymentDeclined"}}`), 0o644)
	junit := filepath.Join(dir, "report.xml")
	code, out, _ := run(t, "", "test", examples+"order-saga.asl.json", "--mocks", examples+"order-saga.mocks.json",
		"--input", "@"+examples+"order-saga.input.json", "--expect", expect, "--junit", junit, "--run", "PaymentFails")
	want := "FAIL PaymentFails: error \"OrderFailed\", want \"PaymentDeclined\"\n0 passed, 1 failed\n"
	if code != 1 || out != want {
		t.Errorf("code %d\n%s", code, out)
	}
	if b, _ := os.ReadFile(junit); !strings.Contains(string(b), `<failure message="error &#34;OrderFailed&#34;, want &#34;PaymentDeclined&#34;">`) {
		t.Errorf("JUnit report has no failure:\n%s", b)
	}
}

func TestTest_usageErrors(t *testing.T) {
	dir := t.TempDir()
	typo := filepath.Join(dir, "typo.json")
	os.WriteFile(typo, []byte(`{"HapyPath": {"status": "SUCCEEDED"}}`), 0o644)
	tests := []struct {
		args []string
		err  string
	}{
		{[]string{"test", examples + "order-saga.asl.json"}, "usage: baton test"},
		{[]string{"test", examples + "order-saga.asl.json", "--mocks", examples + "order-saga.mocks.json", "--expect", typo}, `"HapyPath" is not a test case being run`},
		{[]string{"test", examples + "order-saga.asl.json", "--mocks", examples + "order-saga.mocks.json", "--run", "Nope"}, `no test case "Nope"`},
	}
	for _, tt := range tests {
		code, _, errs := run(t, "", tt.args...)
		if code != 2 || !strings.Contains(errs, tt.err) {
			t.Errorf("%v: code %d, stderr %q, want %q", tt.args, code, errs, tt.err)
		}
	}
}
