package cloud

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// newID returns a random UUID (version 4), for request ids, revision ids
// and the names of executions started without one.
func newID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// pageToken wraps a position in a listing into an opaque nextToken that
// names the listing it belongs to.
func pageToken(kind, pos string) *string {
	if pos == "" {
		return nil
	}
	t := base64.RawURLEncoding.EncodeToString([]byte(kind + "\x00" + pos))
	return &t
}

// readPageToken returns the position in a nextToken of the given listing.
func readPageToken(kind, token string) (string, *APIError) {
	if token == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(token)
	pos, ok := strings.CutPrefix(string(b), kind+"\x00")
	if err != nil || !ok || pos == "" {
		return "", apiErr(ErrCodeInvalidToken, "Invalid Token: '%s'", token)
	}
	return pos, nil
}
