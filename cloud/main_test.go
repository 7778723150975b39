package cloud_test

import (
	"net"
	"net/http"
	"os"
	"testing"

	"baton/cloud"
)

func TestMain(m *testing.M) {
	if dir := os.Getenv("BATON_SERVE_CHILD"); dir != "" {
		childServe(dir)
		return
	}
	os.Exit(m.Run())
}

// listen serves h on a free loopback port.
func listen(tb testing.TB, h http.Handler) (url string, stop func()) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		if tb != nil {
			tb.Fatal(err)
		}
		panic(err)
	}
	hs := &http.Server{Handler: h}
	go hs.Serve(ln)
	return "http://" + ln.Addr().String(), func() { hs.Close() }
}

// benchEngine is the engine of the load benchmark's server process.
func benchEngine() cloud.Engine { return cloud.DefaultEngine() }
