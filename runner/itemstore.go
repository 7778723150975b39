package runner

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// ItemStore is where a distributed Map's ItemReader reads its items and
// its ResultWriter writes its results: Amazon S3 on AWS, a local folder
// with DirStore. Bucket and key are as the state's Parameters give them.
type ItemStore interface {
	GetObject(ctx context.Context, bucket, key string) ([]byte, error)
	ListObjects(ctx context.Context, bucket, prefix string) ([]ObjectInfo, error)
	PutObject(ctx context.Context, bucket, key string, data []byte) error
}

// ObjectInfo describes a stored object, as ListObjectsV2 does.
type ObjectInfo struct {
	Key          string
	Size         int64
	LastModified time.Time
	ETag         string
}

// DirStore is an ItemStore on a local folder: bucket B, key K is the file
// Root/B/K.
type DirStore struct{ Root string }

func (d DirStore) file(bucket, key string) (string, error) {
	p := filepath.Join(d.Root, bucket, filepath.FromSlash(key))
	rel, err := filepath.Rel(d.Root, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || bucket == "" {
		return "", errors.New("bucket and key must name a file inside " + d.Root)
	}
	return p, nil
}

// GetObject reads Root/bucket/key.
func (d DirStore) GetObject(_ context.Context, bucket, key string) ([]byte, error) {
	p, err := d.file(bucket, key)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(p)
}

// ListObjects lists the files under Root/bucket whose key starts with
// prefix, in key order.
func (d DirStore) ListObjects(_ context.Context, bucket, prefix string) ([]ObjectInfo, error) {
	root, err := d.file(bucket, "")
	if err != nil {
		return nil, err
	}
	var out []ObjectInfo
	err = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		key := filepath.ToSlash(rel)
		if !strings.HasPrefix(key, prefix) {
			return nil
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := md5.Sum(b)
		out = append(out, ObjectInfo{Key: key, Size: info.Size(), LastModified: info.ModTime().UTC(), ETag: `"` + hex.EncodeToString(sum[:]) + `"`})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, err
}

// PutObject writes Root/bucket/key, making its folders.
func (d DirStore) PutObject(_ context.Context, bucket, key string, data []byte) error {
	p, err := d.file(bucket, key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
