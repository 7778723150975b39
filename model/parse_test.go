package model_test

import (
	"errors"
	"testing"

	"baton/model"
)

func TestParse_syntaxErrors(t *testing.T) {
	tests := []struct {
		name, src, err string
	}{
		{"empty.json", "", "empty.json:1:1: empty document; expected a state machine object"},
		{"a.json", "{\n  \"StartAt\": \"A\",\n}", "a.json:3:1: trailing comma before '}'"},
		{"a.json", "{\n  \"StartAt\" \"A\"\n}", "a.json:2:13: unexpected '\"' after key \"StartAt\"; expected ':'"},
		{"a.json", "{\"a\": [1, 2}", "a.json:1:12: unexpected '}' in array; expected ',' or ']'"},
		{"a.json", "{\"a\": tru}", "a.json:1:7: invalid literal \"tru\"; expected a value"},
		{"a.json", "{\"a\": 'x'}", "a.json:1:7: strings must use double quotes, not single quotes"},
		{"a.json", "{\"a\": \"x\n\"}", "a.json:1:9: line break in string; write it escaped (e.g. \\n)"},
		{"a.json", "{\"a\": \"\\x\"}", "a.json:1:8: invalid escape sequence \\x in string"},
		{"a.json", "{\"a\": 01}", "a.json:1:7: invalid number: leading zeros are not allowed"},
		{"a.json", "{\"a\": 1.}", "a.json:1:9: invalid number: expected a digit after the decimal point, found '}'"},
		{"a.json", "{\"é\": \"ü\" x}", "a.json:1:11: unexpected 'x' after the value of \"é\"; expected ',' or '}'"},
		{"a.json", "{\"a\": 1} {}", "a.json:1:10: unexpected '{' after the end of the document"},
		{"a.json", "{\"a\": {\"b\": 1}", "a.json:1:1: unclosed object: missing '}'"},
		{"a.json", "[1]", "a.json:1:1: a state machine definition must be an object, not an array"},
		{"a.json", "{\"a\": \"unterminated", "a.json:1:7: unterminated string"},
		{"a.yaml", "StartAt: A\nStates:\n  A: {Type: Pass\n", "a.yaml:2:1: invalid YAML: did not find expected ',' or '}'"},
		{"a.yaml", "StartAt: A\n  States: x\n", "a.yaml:2:3: invalid YAML: mapping values are not allowed in this context"},
		{"a.yaml", "- a\n- b\n", "a.yaml:1:1: a state machine definition must be an object, not an array"},
		{"a.yaml", "a: 1\n---\nb: 2\n", "a.yaml:2:1: more than one YAML document; expected exactly one"},
	}
	for _, tt := range tests {
		_, err := model.Parse(tt.name, []byte(tt.src))
		if err == nil {
			t.Errorf("%q: no error", tt.src)
			continue
		}
		var se *model.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: error %T is not a *SyntaxError", tt.src, err)
		}
		if err.Error() != tt.err {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, err, tt.err)
		}
	}
}

func TestParse_keepsWhatWasWritten(t *testing.T) {
	src := "{\n  \"Comment\": \"caf\\u00e9 ${Env}\",\n  \"StartAt\": \"A\",\n  \"X-Unknown\": {\n    \"b\": 1.50,\n    \"a\": 1e3\n  },\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"End\": true\n    }\n  }\n}\n"
	doc, err := model.Parse("a.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(doc.Marshal(model.JSON)); got != src {
		t.Errorf("round trip:\n%s", got)
	}
	if got := doc.Root.Get("Comment").Str; got != "café ${Env}" {
		t.Errorf("Comment = %q", got)
	}
	if got := doc.Root.Get("X-Unknown").Keys(); len(got) != 2 || got[0] != "b" {
		t.Errorf("key order lost: %v", got)
	}
	a := doc.Machine.State("A")
	if a == nil || a.Type != "Pass" || !a.End || a.NamePos.String() != "9:5" || a.Node.Get("Type").Pos.String() != "10:15" {
		t.Errorf("typed view: %+v", a)
	}
}

func TestParse_yamlPositionsAndTypes(t *testing.T) {
	src := "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result: {n: 1.50, s: \"01\", b: yes, t: true}\n    End: true\n"
	doc, err := model.Parse("a.asl.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := doc.Machine.State("A")
	if a.NamePos.String() != "3:3" || a.Result.Pos.String() != "5:13" {
		t.Errorf("positions: %v %v", a.NamePos, a.Result.Pos)
	}
	if got := string(model.MarshalCompactJSON(a.Result)); got != `{"n":1.50,"s":"01","b":"yes","t":true}` {
		t.Errorf("values: %s", got)
	}
	if got := string(doc.Marshal(model.YAML)); got != "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result:\n      n: 1.50\n      s: \"01\"\n      b: \"yes\"\n      t: true\n    End: true\n" {
		t.Errorf("YAML:\n%s", got)
	}
}
