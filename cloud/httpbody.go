package cloud

import (
	"bytes"
	"io"
	"net/http"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

// bufferedBodyClient hands the HTTP transport a copy of each request body.
//
// The SDK closes a request's body as soon as the response headers arrive.
// Go's transport, after sending Content-Length bytes, reads the body once
// more to check that it is exhausted; when a fast server (a local `baton
// serve`) has already answered, that read meets the closed body, the
// transport drops the connection, and the response body being decoded
// fails with "use of closed network connection" — the SDK then retries
// with backoff, which made a 25-page history import take seconds instead
// of a fraction of one. Request bodies are small JSON, so a copy is cheap.
type bufferedBodyClient struct{ next sfn.HTTPClient }

func (c bufferedBodyClient) Do(r *http.Request) (*http.Response, error) {
	if r.Body != nil && r.Body != http.NoBody {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		r.Body = io.NopCloser(bytes.NewReader(b))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	return c.next.Do(r)
}

// withBufferedBodies wraps the configured HTTP client (the SDK's default
// when none is set).
func withBufferedBodies(hc sfn.HTTPClient) sfn.HTTPClient {
	if hc == nil {
		hc = awshttp.NewBuildableClient()
	}
	return bufferedBodyClient{next: hc}
}
