package model_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"baton/model"
)

// fuzzSeeds returns definitions to seed the parser fuzzers: the test suite
// and a sample of the conformance corpus.
func fuzzSeeds(tb testing.TB) [][]byte {
	var files []string
	for _, dir := range []string{"testdata/invalid", "testdata/valid"} {
		m, _ := filepath.Glob(filepath.Join(dir, "*.asl.*"))
		files = append(files, m...)
	}
	corpusFiles, _ := filepath.Glob("../../shared/conformance/cases/*/definition.asl.json")
	for i := 0; i < len(corpusFiles); i += 20 {
		files = append(files, corpusFiles[i])
	}
	var out [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, src)
	}
	return out
}

// checkValidate validates what parsed and fails on an internal error or a
// diagnostic without a position.
func checkValidate(t *testing.T, src []byte) {
	doc, err := model.Parse("fuzz", src)
	if err != nil {
		return
	}
	for _, express := range []bool{false, true} {
		for _, d := range model.Validate(doc, model.ValidateOptions{Express: express}) {
			if d.Code == model.CodeInternalError || !d.Pos.IsValid() {
				t.Fatalf("%s\ninput: %q", d.Format("fuzz"), src)
			}
		}
	}
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		if bytes.HasPrefix(bytes.TrimSpace(s), []byte("{")) {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := model.ParseJSON("fuzz", src); err != nil {
			return
		}
		checkValidate(t, src)
	})
}

func FuzzParseYAML(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		if doc, err := model.Parse("seed", s); err == nil {
			f.Add(doc.Marshal(model.YAML))
		} else {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := model.ParseYAML("fuzz", src); err != nil {
			return
		}
		checkValidate(t, src)
	})
}

// BenchmarkValidate_corpus parses and validates one conformance definition
// per iteration, going round the corpus.
func BenchmarkValidate_corpus(b *testing.B) {
	var srcs [][]byte
	for _, f := range corpus(b) {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		doc, err := model.Parse("bench", srcs[i%len(srcs)])
		if err != nil {
			b.Fatal(err)
		}
		if model.HasErrors(model.Validate(doc, model.ValidateOptions{})) {
			b.Fatal("corpus definition has errors")
		}
		i++
	}
}
