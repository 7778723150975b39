package model_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baton/model"
)

// The -update flag may also be declared by another test file of this
// package; register it only if none did, and read it by name.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// validateFile parses and validates one test definition. Files whose name
// contains "express" are validated as Express workflows.
func validateFile(t *testing.T, path string) []model.Diagnostic {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := model.Parse(path, src)
	if err != nil {
		return []model.Diagnostic{model.SyntaxDiagnostic(err)}
	}
	return model.Validate(doc, model.ValidateOptions{Express: strings.HasPrefix(filepath.Base(path), "express-")})
}

func definitions(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"*.asl.json", "*.asl.yaml"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatalf("no definitions in %s", dir)
	}
	return files
}

// TestValidate_invalid pins the exact diagnostics (position, severity, code
// and message) of every definition in testdata/invalid against the golden
// NAME.want beside it. Every file must have an error, except "warn-*" ones,
// which must have a warning.
func TestValidate_invalid(t *testing.T) {
	for _, path := range definitions(t, "testdata/invalid") {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			ds := validateFile(t, path)
			var b strings.Builder
			for _, d := range ds {
				b.WriteString(strings.TrimPrefix(d.Format(""), "<input>:"))
				b.WriteByte('\n')
			}
			got := b.String()
			if strings.HasPrefix(name, "warn-") {
				if len(ds) == 0 || model.HasErrors(ds) {
					t.Errorf("want warnings only, got:\n%s", got)
				}
			} else if !model.HasErrors(ds) {
				t.Errorf("want an error, got:\n%s", got)
			}
			want := strings.TrimSuffix(path, filepath.Ext(path))
			want = strings.TrimSuffix(want, ".asl") + ".want"
			if updating() {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			exp, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run go test ./model/ -update)", err)
			}
			if got != string(exp) {
				t.Errorf("diagnostics differ from %s\ngot:\n%swant:\n%s", want, got, exp)
			}
		})
	}
}

// TestValidate_valid checks that the extra valid definitions have no error.
func TestValidate_valid(t *testing.T) {
	for _, path := range definitions(t, "testdata/valid") {
		for _, d := range validateFile(t, path) {
			if d.Severity == model.SeverityError {
				t.Errorf("%s", d.Format(path))
			}
		}
	}
}

// TestValidate_corpusHasNoErrors validates every definition that real AWS
// accepted: none may have an error.
func TestValidate_corpusHasNoErrors(t *testing.T) {
	for _, f := range corpus(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := model.Parse(f, src)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, d := range model.Validate(doc, model.ValidateOptions{}) {
			if d.Severity == model.SeverityError {
				t.Errorf("%s", d.Format(f))
			}
		}
	}
}
