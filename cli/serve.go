package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"baton/cloud"
)

func init() {
	register("serve", "a local Step Functions API endpoint (AWS JSON protocol) over Baton's engine", runServe)
}

// defaultServeAddr is Step Functions Local's port, on loopback only.
const defaultServeAddr = "127.0.0.1:8083"

func runServe(env *Env, args []string) int {
	fs := newFlags(env, "serve", "[--addr HOST:PORT] [--data DIR] [--mocks FILE] [--allow-remote]")
	addr := fs.String("addr", defaultServeAddr, "address to listen on")
	data := fs.String("data", "", "folder of the persistent store (default: baton/serve in the user's config folder)")
	mocks := fs.String("mocks", "", "Step Functions Local mock config (default: $"+cloud.MockConfigEnv+")")
	allowRemote := fs.Bool("allow-remote", false, "allow listening on a non-loopback address (no authentication!)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 0 {
		fs.Usage()
		return ExitUsage
	}
	loopback, err := isLoopback(*addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "baton serve: --addr %s: %v\n", *addr, err)
		return ExitUsage
	}
	if !loopback && !*allowRemote {
		fmt.Fprintf(env.Stderr, "baton serve: %s is not a loopback address; the API has no authentication, so listening there needs --allow-remote\n", *addr)
		return ExitUsage
	}
	if *data == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			fmt.Fprintf(env.Stderr, "baton serve: no user config folder (%v); give --data DIR\n", err)
			return ExitUsage
		}
		*data = filepath.Join(dir, "baton", "serve")
	}
	if *mocks == "" {
		*mocks = os.Getenv(cloud.MockConfigEnv)
	}
	var mockConfig json.RawMessage
	if *mocks != "" {
		if mockConfig, err = cloud.LoadMockConfig(*mocks); err != nil {
			fmt.Fprintf(env.Stderr, "baton serve: %v\n", err)
			return ExitUsage
		}
	}
	srv, err := cloud.NewServer(cloud.ServerOptions{Data: *data, Engine: cloud.DefaultEngine(), Mocks: mockConfig,
		Logf: func(format string, args ...any) { fmt.Fprintf(env.Stderr, "baton serve: "+format+"\n", args...) }})
	if err != nil {
		fmt.Fprintf(env.Stderr, "baton serve: %v\n", err)
		return ExitFailed
	}
	defer srv.Close()
	if srv.Recovered > 0 {
		fmt.Fprintf(env.Stderr, "baton serve: %d execution(s) were running when the server last stopped; marked FAILED\n", srv.Recovered)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "baton serve: %v\n", err)
		return ExitFailed
	}
	if !loopback {
		fmt.Fprintf(env.Stderr, "baton serve: WARNING: listening on %s, reachable from other machines, without authentication\n", ln.Addr())
	}
	fmt.Fprintf(env.Stderr, "baton serve: listening on http://%s (data in %s)\n", ln.Addr(), *data)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(env.Stderr, "baton serve: %v\n", err)
		return ExitFailed
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(env.Stderr, "baton serve: %v\n", err)
	}
	fmt.Fprintln(env.Stderr, "baton serve: stopped")
	return ExitOK
}

// isLoopback reports whether a listen address stays on this machine. A
// host name other than "localhost" is resolved.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, err
	}
	if host == "" {
		return false, nil // all interfaces
	}
	if host == "localhost" {
		return true, nil
	}
	ips, err := net.LookupIP(host)
	if err != nil {
		return false, err
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return false, nil
		}
	}
	return true, nil
}
