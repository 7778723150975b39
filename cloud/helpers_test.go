package cloud_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"

	"baton/cloud"
)

// serve starts a Server on a real loopback listener and returns it with an
// SDK account (static dummy credentials) that talks to it.
func serve(t *testing.T, dir string, engine cloud.Engine, mocks []byte) (*cloud.Server, *cloud.Account, string) {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	srv, err := cloud.NewServer(cloud.ServerOptions{Data: dir, Engine: engine, Mocks: mocks, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		hs.Close()
		srv.Close()
	})
	return srv, sdkAccount(hs.URL), hs.URL
}

func sdkAccount(url string) *cloud.Account {
	cfg := aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDTEST", "SECRETTEST", ""),
	}
	return cloud.NewAccount(cfg, url)
}

// apiCode returns the API error code of err, "" if it has none.
func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode() + ": " + ae.ErrorMessage()
	}
	if err != nil {
		return "not an API error: " + err.Error()
	}
	return ""
}

var ctx = context.Background()

func mustAbs(t *testing.T, path string) string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// fmtMap prints a map with sorted keys and values by their String method.
func fmtMap[V fmt.Stringer](m map[string]V) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ":" + m[k].String()
	}
	return "map[" + strings.Join(parts, " ") + "]"
}
