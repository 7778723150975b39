package conformance

import (
	"testing"

	"baton/runner"
)

func TestMatcher_match(t *testing.T) {
	c := &Case{Meta: Meta{Redactions: []string{"<uuid:1>", "RequestId", "x-amzn-RequestId"}, Flags: []string{"cause_reserialised"}}}
	m := newMatcher(c)
	tests := []struct {
		got, want string
		diff      string
	}{
		{`{"a":1,"b":[1.0,"x"]}`, `{"b":[1,"x"],"a":1.0}`, ""},
		{`{"id":"arn:aws:123:abc"}`, `{"id":"arn:aws:<uuid:1>:abc"}`, ""},
		{`{"id":"arn:aws:123:abd"}`, `{"id":"arn:aws:<uuid:1>:abc"}`, `at $.id: got "arn:aws:123:abd", want "arn:aws:<uuid:1>:abc"`},
		{`{"n":42}`, `{"n":"RequestId"}`, ""},
		{`{"cause":"{\"b\":1,\"a\":2}"}`, `{"cause":"{\"a\":2,\"b\":1}"}`, ""},
		{`{"a":1}`, `{"a":1,"b":2}`, `at $: missing key "b"`},
		{`{"a":1,"c":3}`, `{"a":1}`, `at $: unexpected key "c"`},
		{`[1,2]`, `[1]`, `at $: got 2 items, want 1`},
	}
	for _, tt := range tests {
		got, _ := runner.ParseJSON([]byte(tt.got))
		want, _ := runner.ParseJSON([]byte(tt.want))
		if d := m.match(got, want, ""); d != tt.diff {
			t.Errorf("%s vs %s: %q, want %q", tt.got, tt.want, d, tt.diff)
		}
	}
}

func TestNormalize(t *testing.T) {
	in, _ := runner.ParseJSON([]byte(`{"at":"started 2024-01-02T03:04:05.123Z ok","Timestamp":17,"bad":"2016-12-05T25:29:29Z","noZone":"2016-12-05T21:29:29"}`))
	got := string(runner.MarshalJSON(normalize(in)))
	want := `{"Timestamp":"timestamp","at":"started date ok","bad":"2016-12-05T25:29:29Z","noZone":"2016-12-05T21:29:29"}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
