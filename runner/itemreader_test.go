package runner_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baton/runner"
)

func TestMap_ItemReaderAndResultWriter(t *testing.T) {
	root := t.TempDir()
	write := func(key, content string) {
		p := filepath.Join(root, "bucket", key)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("in/items.json", `[{"n":1},{"n":2},{"n":3}]`)
	write("in/items.jsonl", "{\"n\":1}\n\n{\"n\":2}\n")
	write("in/items.csv", "name,qty\nbolt,3\nnut,\"1,5\"\n")
	write("in/bad.json", `{"n":1}`)
	const proc = `"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`
	def := func(reader string) string {
		return `{"StartAt":"M","States":{"M":{"Type":"Map",` + proc + `,"ItemReader":` + reader + `,"End":true}}}`
	}
	tests := []struct{ name, def, want string }{
		{"json", def(`{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"bucket","Key.$":"$.key"}}`), `[{"n":1},{"n":2},{"n":3}]`},
		{"max items", def(`{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"MaxItems":2},"Parameters":{"Bucket":"bucket","Key":"in/items.json"}}`), `[{"n":1},{"n":2}]`},
		{"jsonl", def(`{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},"Parameters":{"Bucket":"bucket","Key":"in/items.jsonl"}}`), `[{"n":1},{"n":2}]`},
		{"csv", def(`{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},"Parameters":{"Bucket":"bucket","Key":"in/items.csv"}}`), `[{"name":"bolt","qty":"3"},{"name":"nut","qty":"1,5"}]`},
		{"csv given headers", def(`{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["a","b"]},"Parameters":{"Bucket":"bucket","Key":"in/items.csv"}}`), `[{"a":"name","b":"qty"},{"a":"bolt","b":"3"},{"a":"nut","b":"1,5"}]`},
		{"not an array", def(`{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"bucket","Key":"in/bad.json"}}`), `FAILED States.ItemReaderFailed: reading s3://bucket/in/bad.json as JSON: the object holds an object, not a JSON array`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := run(t, tt.def, `{"key":"in/items.json"}`, runner.WithItemStore(runner.DirStore{Root: root}))
			if got := outcome(r); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}

	t.Run("list objects", func(t *testing.T) {
		r, _ := run(t, def(`{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"bucket","Prefix":"in/items.j"}}`), `{}`, runner.WithItemStore(runner.DirStore{Root: root}))
		got := outcome(r)
		for _, want := range []string{`"Key":"in/items.json"`, `"Key":"in/items.jsonl"`, `"Size":25`, `"StorageClass":"STANDARD"`} {
			if !strings.Contains(got, want) {
				t.Errorf("%s lacks %s", got, want)
			}
		}
	})

	t.Run("result writer", func(t *testing.T) {
		d := `{"StartAt":"M","States":{"M":{"Type":"Map",` + proc + `,"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"bucket","Key":"in/items.json"}},` +
			`"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"bucket","Prefix":"out"}},"ResultSelector":{"key.$":"$.ResultWriterDetails.Key"},"End":true}}}`
		r, _ := run(t, d, `{}`, runner.WithItemStore(runner.DirStore{Root: root}))
		if r.Status != runner.StatusSucceeded {
			t.Fatal(outcome(r))
		}
		key := r.Output.(map[string]any)["key"].(string)
		manifest, err := os.ReadFile(filepath.Join(root, "bucket", key))
		if err != nil {
			t.Fatal(err)
		}
		dir := strings.TrimSuffix(key, "/manifest.json")
		if !strings.Contains(string(manifest), `"SUCCEEDED":[{"Key":"`+dir+`/SUCCEEDED_0.json"`) {
			t.Errorf("manifest: %s", manifest)
		}
		results, err := os.ReadFile(filepath.Join(root, "bucket", dir, "SUCCEEDED_0.json"))
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(results), `"Status":"SUCCEEDED"`); n != 3 {
			t.Errorf("%d results, want 3: %s", n, results)
		}
	})

	t.Run("no store", func(t *testing.T) {
		r, _ := run(t, def(`{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"bucket","Key":"k"}}`), `{}`)
		want := "FAILED States.Runtime: An error occurred while executing the state 'M' (entered at the event id #2). the Map state reads its items with an ItemReader, but the execution has no item store (baton run --items-dir DIR)"
		if got := outcome(r); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
}
