package runner

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"baton/model"
)

// maxEncodedInput is the longest string, in Java characters (UTF-16 code
// units), that States.Base64Encode, States.Base64Decode and States.Hash
// accept (AWS limit).
const maxEncodedInput = 10000

// intrinsicHashes are the algorithms of States.Hash, by the names AWS takes.
var intrinsicHashes = map[string]func() hash.Hash{
	"MD5":     md5.New,
	"SHA-1":   sha1.New,
	"SHA-256": sha256.New,
	"SHA-384": sha512.New384,
	"SHA-512": sha512.New,
}

// javaLength is the length of s as Java counts it.
func javaLength(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// limitedString returns the argument if it is a string within the AWS limit.
func limitedString(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok && javaLength(s) <= maxEncodedInput
}

// fnBase64Encode is States.Base64Encode(string): the UTF-8 bytes of the
// string in standard Base64 with padding.
func fnBase64Encode(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	s, ok := limitedString(args[0])
	if !ok {
		return nil, invalidArgs(call)
	}
	return base64.StdEncoding.EncodeToString([]byte(s)), nil
}

// fnBase64Decode is States.Base64Decode(base64): the decoded bytes read as
// UTF-8 (invalid sequences become U+FFFD, as in Java). Padding may be left
// out, as Java's decoder allows.
func fnBase64Decode(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	s, ok := limitedString(args[0])
	if !ok {
		return nil, invalidArgs(call)
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		b, err = base64.RawStdEncoding.DecodeString(s)
	}
	if err != nil {
		return nil, invalidArgs(call)
	}
	out := string(b)
	if !utf8.ValidString(out) {
		out = strings.ToValidUTF8(out, "\uFFFD")
	}
	return out, nil
}

// fnHash is States.Hash(data, algorithm): the lower-case hex digest of the
// UTF-8 bytes of data with MD5, SHA-1, SHA-256, SHA-384 or SHA-512.
func fnHash(_ *intrinsicEval, call *model.IntrinsicCall, args []any) (any, error) {
	data, ok := limitedString(args[0])
	alg, ok2 := args[1].(string)
	newHash := intrinsicHashes[alg]
	if !ok || !ok2 || newHash == nil {
		return nil, invalidArgs(call)
	}
	h := newHash()
	h.Write([]byte(data))
	return hex.EncodeToString(h.Sum(nil)), nil
}
