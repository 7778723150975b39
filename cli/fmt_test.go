package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baton/cli"
)

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cli.Main(&cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}, args)
	return code, out.String(), errb.String()
}

const messy = `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"n":1.50,"s":"é<>&"},"End":true}}}`

const tidy = `{
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Pass",
      "Result": {
        "n": 1.50,
        "s": "é<>&"
      },
      "End": true
    }
  }
}
`

const tidyYAML = `StartAt: A
States:
  A:
    Type: Pass
    Result:
      n: 1.50
      s: é<>&
    End: true
`

func TestFmt_formatsAndIsIdempotent(t *testing.T) {
	code, out, errs := run(t, messy, "fmt", "-")
	if code != 0 || out != tidy || errs != "" {
		t.Fatalf("fmt: code %d\n%s\n%s", code, out, errs)
	}
	if code, out, _ = run(t, out, "fmt", "-"); code != 0 || out != tidy {
		t.Errorf("fmt is not idempotent:\n%s", out)
	}
	if code, out, _ = run(t, messy, "fmt", "--yaml", "-"); code != 0 || out != tidyYAML {
		t.Errorf("fmt --yaml:\n%s", out)
	}
	if code, out, _ = run(t, tidyYAML, "fmt", "-"); code != 0 || out != tidyYAML {
		t.Errorf("fmt of YAML keeps YAML:\n%s", out)
	}
	if code, out, _ = run(t, tidyYAML, "fmt", "--json", "-"); code != 0 || out != tidy {
		t.Errorf("fmt --json of YAML:\n%s", out)
	}
}

func TestFmt_writesInPlace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.asl.json")
	os.WriteFile(path, []byte(messy), 0o600)
	if code, out, errs := run(t, "", "fmt", path, "-w"); code != 0 || out != "" || errs != "" {
		t.Fatalf("fmt -w: %d %q %q", code, out, errs)
	}
	got, _ := os.ReadFile(path)
	if string(got) != tidy {
		t.Errorf("file after fmt -w:\n%s", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode changed to %v", fi.Mode())
	}
}

func TestFmt_reportsSyntaxErrorsWithPosition(t *testing.T) {
	code, out, errs := run(t, "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\" \"End\": true}\n  }\n}\n", "fmt", "-")
	want := "<stdin>:4:26: unexpected '\"' after the value of \"Type\"; expected ',' or '}'\n    \"A\": {\"Type\": \"Pass\" \"End\": true}\n                         ^\n"
	if code != cli.ExitUsage || out != "" || errs != want {
		t.Errorf("code %d, stderr:\n%s\nwant:\n%s", code, errs, want)
	}
}

func TestExport_jsonAndYAML(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "m.asl.json")
	os.WriteFile(src, []byte(messy), 0o644)
	for kind, want := range map[string]string{"json": tidy, "yaml": tidyYAML} {
		out := filepath.Join(dir, "out."+kind)
		if code, _, errs := run(t, "", "export", "--to", kind, src, "-o", out); code != 0 {
			t.Fatalf("export %s: %s", kind, errs)
		}
		if got, _ := os.ReadFile(out); string(got) != want {
			t.Errorf("export %s:\n%s", kind, got)
		}
	}
	if code, _, errs := run(t, "", "export", "--to", "bmp", src, "-o", filepath.Join(dir, "x")); code != cli.ExitUsage || !strings.Contains(errs, `unknown --to "bmp"`) {
		t.Errorf("unknown kind: %d %s", code, errs)
	}
}

func TestMain_unknownCommandAndUsage(t *testing.T) {
	if code, _, errs := run(t, "", "frobnicate"); code != cli.ExitUsage || !strings.HasPrefix(errs, `baton: unknown command "frobnicate"`) {
		t.Errorf("%d %s", code, errs)
	}
	if code, out, _ := run(t, "", "help"); code != 0 || !strings.Contains(out, "fmt ") || !strings.Contains(out, "export ") {
		t.Errorf("%d %s", code, out)
	}
	if code, _, _ := run(t, "", "fmt"); code != cli.ExitUsage {
		t.Errorf("fmt without a file: %d", code)
	}
}
