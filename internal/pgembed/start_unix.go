//go:build unix

package pgembed

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

const (
	passwordFile = "pg-password"
	logFile      = "postgres.log"
	clusterDir   = "pgdata"
	// maxLogSize is the log size past which a start moves the log to
	// postgres.log.1.
	maxLogSize = 10 << 20
)

// startup carries the state of one Start call.
type startup struct {
	cfg    Config
	log    *slog.Logger
	bins   *Binaries
	ra     *runAs // nil unless running as root
	pgdata string
}

func start(ctx context.Context, cfg Config) (*Server, error) {
	st := &startup{cfg: cfg, log: cfg.Logger, pgdata: filepath.Join(cfg.DataDir, clusterDir)}

	// Prefer binaries matching an existing cluster's major version.
	clusterMajor := 0
	if data, err := os.ReadFile(filepath.Join(st.pgdata, "PG_VERSION")); err == nil {
		clusterMajor, _ = strconv.Atoi(strings.TrimSpace(string(data)))
	}
	bins, err := findBinaries(clusterMajor)
	if err != nil {
		return nil, err
	}
	if clusterMajor != 0 && bins.Major != clusterMajor {
		searched := fmt.Sprintf("no PostgreSQL %d was found", clusterMajor)
		if bins.Source == "SISO_PG_BIN" {
			searched = "SISO_PG_BIN is set, so nothing else was searched"
		}
		return nil, fmt.Errorf("data directory %s was created by PostgreSQL %d, but the server binaries found (%s, %s) are PostgreSQL %s "+
			"and %s; set SISO_PG_BIN to the bin directory of PostgreSQL %d, "+
			"or remove %s to start over (its data will be lost)",
			st.pgdata, clusterMajor, bins.Source, bins.BinDir, bins.Version, searched, clusterMajor, st.pgdata)
	}
	st.bins = bins
	st.log.Debug("found PostgreSQL", "source", bins.Source, "bin", bins.BinDir, "version", bins.Version)

	if st.ra, err = lookupRunAs(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	if st.ra != nil {
		if err := st.ra.ensureDataDirReachable(cfg.DataDir); err != nil {
			return nil, err
		}
		if err := st.ra.binariesReachable(st.bins); err != nil {
			if st.bins.NativeDir == "" {
				return nil, fmt.Errorf("PostgreSQL must run as user %q because this process runs as root, but %w; "+
					"set SISO_PG_BIN to binaries that user can read, or SISO_PG_USER to another user", st.ra.name, err)
			}
			st.log.Debug("server user cannot read the binaries in place", "user", st.ra.name, "reason", err.Error())
			if st.bins, err = st.ra.stage(st.bins, st.log); err != nil {
				return nil, err
			}
		}
	}

	initialized := fileExists(filepath.Join(st.pgdata, "PG_VERSION"))
	password, err := st.password(initialized)
	if err != nil {
		return nil, err
	}
	if !initialized {
		t0 := time.Now()
		st.log.Info("creating PostgreSQL cluster", "dir", st.pgdata, "version", st.bins.Version)
		if err := st.initdb(ctx, password); err != nil {
			return nil, err
		}
		st.log.Info("created PostgreSQL cluster", "dir", st.pgdata, "took", time.Since(t0).Round(time.Millisecond))
	}
	if err := st.fixOwnership(); err != nil {
		return nil, err
	}
	if err := removeStalePid(st.pgdata, st.log); err != nil {
		return nil, err
	}

	s := &Server{
		dataDir:  cfg.DataDir,
		pgdata:   st.pgdata,
		logPath:  filepath.Join(cfg.DataDir, logFile),
		password: password,
		bins:     st.bins,
		log:      st.log,
	}
	attempts := 1
	if cfg.Port == 0 {
		attempts = 5 // the free port may be taken before postgres binds it
	}
	for i := 1; ; i++ {
		port := cfg.Port
		if port == 0 {
			if port, err = freePort(); err != nil {
				return nil, err
			}
		}
		s.port = port
		retry, err := st.launch(ctx, s)
		if err == nil {
			return s, nil
		}
		if !retry || i >= attempts {
			return nil, err
		}
		st.log.Info("port taken, retrying", "port", port)
	}
}

// password returns the superuser password, creating DataDir/pg-password for
// a new cluster.
func (st *startup) password(initialized bool) (string, error) {
	p := filepath.Join(st.cfg.DataDir, passwordFile)
	data, err := os.ReadFile(p)
	switch {
	case err == nil && len(bytes.TrimSpace(data)) > 0:
		return string(bytes.TrimSpace(data)), nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("read password: %w", err)
	case initialized:
		return "", fmt.Errorf("the cluster %s exists but its password file %s is missing or empty, so nobody can log in; "+
			"restore the file, or remove %s to start over (its data will be lost)", st.pgdata, p, st.pgdata)
	}
	var buf [24]byte
	if _, err := rand.Read(buf[:]); err != nil {
		return "", fmt.Errorf("generate password: %w", err)
	}
	pw := base64.RawURLEncoding.EncodeToString(buf[:])
	tmp, err := os.CreateTemp(st.cfg.DataDir, ".pg-password-*")
	if err != nil {
		return "", fmt.Errorf("write password: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(pw + "\n"); err != nil {
		tmp.Close()
		return "", fmt.Errorf("write password: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("write password: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("write password: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return "", fmt.Errorf("write password: %w", err)
	}
	return pw, nil
}

// initdb creates the cluster in st.pgdata.
func (st *startup) initdb(ctx context.Context, password string) error {
	if err := os.MkdirAll(st.pgdata, 0o700); err != nil {
		return fmt.Errorf("create cluster directory: %w", err)
	}
	if entries, err := os.ReadDir(st.pgdata); err != nil {
		return fmt.Errorf("read cluster directory: %w", err)
	} else if len(entries) > 0 {
		return fmt.Errorf("%s is not empty but holds no PostgreSQL cluster (no PG_VERSION), perhaps from an interrupted "+
			"first start; remove it and start again", st.pgdata)
	}
	if err := st.fixOwnership(); err != nil {
		return err
	}

	// initdb reads the password from a file that the server user can read;
	// it is removed right after.
	pwf, err := os.CreateTemp(st.cfg.DataDir, ".initdb-pw-*")
	if err != nil {
		return fmt.Errorf("write initdb password file: %w", err)
	}
	defer os.Remove(pwf.Name())
	_, err = pwf.WriteString(password + "\n")
	if cerr := pwf.Close(); err == nil {
		err = cerr
	}
	if err == nil && st.ra != nil {
		err = os.Chown(pwf.Name(), int(st.ra.uid), int(st.ra.gid))
	}
	if err != nil {
		return fmt.Errorf("write initdb password file: %w", err)
	}

	logf, err := os.OpenFile(filepath.Join(st.cfg.DataDir, logFile), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("open log: %w", err)
	}
	defer logf.Close()

	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	// C.UTF-8 gives Unicode-aware upper/lower, ILIKE and pg_trgm with
	// code-point ordering; fall back where that locale does not exist.
	var lastErr error
	for _, locale := range []string{"C.UTF-8", "en_US.UTF-8", "C"} {
		args := []string{
			"--pgdata=" + st.pgdata,
			"--username=postgres",
			"--pwfile=" + pwf.Name(),
			"--auth=scram-sha-256",
			"--encoding=UTF8",
			"--locale=" + locale,
			"--no-instructions",
		}
		if st.cfg.Ephemeral {
			args = append(args, "--no-sync")
		}
		cmd := exec.CommandContext(ctx, st.bins.Initdb(), args...)
		cmd.Dir = st.cfg.DataDir
		// TZ=UTC makes UTC the cluster's time zone and spares initdb its
		// time zone detection.
		cmd.Env = append(st.bins.childEnv(), "TZ=UTC")
		var out bytes.Buffer
		cmd.Stdout = io.MultiWriter(&out, logf)
		cmd.Stderr = cmd.Stdout
		cmd.SysProcAttr = procAttr(st.ra, syscall.SIGTERM)
		// On cancellation, let initdb clean up the half-made cluster.
		cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGINT) }
		cmd.WaitDelay = 10 * time.Second
		waitCh, err := startPinned(cmd)
		if err != nil {
			return fmt.Errorf("run initdb: %w", err)
		}
		err = <-waitCh
		if err == nil {
			return nil
		}
		lastErr = fmt.Errorf("initdb failed: %w:\n%s", err, strings.TrimSpace(out.String()))
		if ctx.Err() != nil || !strings.Contains(out.String(), "invalid locale") {
			return lastErr
		}
		st.log.Debug("initdb rejected locale, trying the next", "locale", locale)
	}
	return lastErr
}

// fixOwnership makes pgdata owned by the server user with mode 0700 (root),
// or checks that it is owned by the current user.
func (st *startup) fixOwnership() error {
	fi, err := os.Stat(st.pgdata)
	if err != nil {
		return fmt.Errorf("cluster directory: %w", err)
	}
	sys, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if st.ra == nil {
		if int(sys.Uid) != os.Geteuid() {
			return fmt.Errorf("the cluster directory %s belongs to uid %d, not to the current user (uid %d), so PostgreSQL will not "+
				"use it (was it created by root?); fix its owner (chown -R) or use another data directory", st.pgdata, sys.Uid, os.Geteuid())
		}
	} else if sys.Uid != st.ra.uid || sys.Gid != st.ra.gid {
		st.log.Info("handing the cluster directory to the server user", "dir", st.pgdata, "user", st.ra.name)
		err := filepath.WalkDir(st.pgdata, func(p string, _ fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			return os.Lchown(p, int(st.ra.uid), int(st.ra.gid))
		})
		if err != nil {
			return fmt.Errorf("chown cluster directory to %s: %w", st.ra.name, err)
		}
	}
	if fi.Mode().Perm() != 0o700 {
		if err := os.Chmod(st.pgdata, 0o700); err != nil {
			return fmt.Errorf("chmod cluster directory: %w", err)
		}
	}
	return nil
}

// launch starts postgres and waits until it accepts connections. retry
// reports a failure to bind the port.
func (st *startup) launch(ctx context.Context, s *Server) (retry bool, err error) {
	if fi, err := os.Stat(s.logPath); err == nil && fi.Size() > maxLogSize {
		_ = os.Rename(s.logPath, s.logPath+".1")
	}
	logf, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return false, fmt.Errorf("open log: %w", err)
	}
	defer logf.Close()
	var logStart int64
	if fi, err := logf.Stat(); err == nil {
		logStart = fi.Size()
	}

	settings := map[string]string{
		"listen_addresses":        "127.0.0.1",
		"port":                    strconv.Itoa(s.port),
		"unix_socket_directories": "",
	}
	if st.cfg.Ephemeral {
		settings["fsync"] = "off"
		settings["synchronous_commit"] = "off"
		settings["full_page_writes"] = "off"
	}
	for k, v := range st.cfg.Settings {
		settings[k] = v
	}
	names := make([]string, 0, len(settings))
	for k := range settings {
		names = append(names, k)
	}
	sort.Strings(names)
	args := []string{"-D", st.pgdata}
	for _, k := range names {
		args = append(args, "-c", k+"="+settings[k])
	}

	cmd := exec.Command(st.bins.Postgres(), args...)
	cmd.Dir = st.cfg.DataDir
	cmd.Env = st.bins.childEnv()
	cmd.Stdout = logf
	cmd.Stderr = logf
	cmd.SysProcAttr = procAttr(st.ra, syscall.SIGINT)
	t0 := time.Now()
	waitCh, err := startPinned(cmd)
	if err != nil {
		return false, fmt.Errorf("run postgres: %w", err)
	}
	s.pid = cmd.Process.Pid
	s.done = make(chan struct{})
	go func() {
		s.waitErr = <-waitCh
		close(s.done)
	}()
	st.log.Debug("started postgres", "pid", s.pid, "port", s.port)

	timeout := time.NewTimer(st.cfg.StartTimeout)
	defer timeout.Stop()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-s.done:
			tail := logTail(s.logPath, logStart)
			retry = strings.Contains(tail, "could not bind") || strings.Contains(tail, "already in use")
			return retry, fmt.Errorf("postgres exited during start-up (%v); from %s:\n%s", s.waitErr, s.logPath, tail)
		case <-ctx.Done():
			s.kill()
			return false, fmt.Errorf("start postgres: %w", ctx.Err())
		case <-timeout.C:
			s.kill()
			return false, fmt.Errorf("postgres did not accept connections within %s; from %s:\n%s",
				st.cfg.StartTimeout, s.logPath, logTail(s.logPath, logStart))
		case <-tick.C:
			cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			conn, err := pgconn.Connect(cctx, s.URL("postgres"))
			cancel()
			if err == nil {
				_ = conn.Close(context.Background())
				st.log.Info("PostgreSQL ready", "version", st.bins.Version, "port", s.port, "pid", s.pid,
					"took", time.Since(t0).Round(time.Millisecond))
				return false, nil
			}
		}
	}
}

// kill stops a server that failed to start.
func (s *Server) kill() {
	_ = syscall.Kill(s.pid, syscall.SIGQUIT)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-s.pid, syscall.SIGKILL)
		<-s.done
	}
}

func (s *Server) stop(ctx context.Context) error {
	select {
	case <-s.done:
		return nil
	default:
	}
	s.log.Info("stopping PostgreSQL", "pid", s.pid)
	if err := syscall.Kill(s.pid, syscall.SIGINT); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("pgembed: stop postgres: %w", err)
	}
	grace := time.NewTimer(30 * time.Second)
	defer grace.Stop()
	select {
	case <-s.done:
		if s.waitErr != nil {
			return fmt.Errorf("pgembed: postgres exited: %w", s.waitErr)
		}
		return nil
	case <-ctx.Done():
	case <-grace.C:
	}
	s.log.Warn("PostgreSQL did not shut down in time; immediate shutdown", "pid", s.pid)
	s.kill()
	return fmt.Errorf("pgembed: postgres did not shut down in time and was stopped abruptly (see %s)", s.logPath)
}

// startPinned starts cmd from a goroutine locked to its OS thread, which
// stays alive until the process exits: on Linux, Pdeathsig fires when the
// thread that started the child exits, not the process. The returned
// channel receives the result of cmd.Wait.
func startPinned(cmd *exec.Cmd) (<-chan error, error) {
	started := make(chan error, 1)
	waited := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := cmd.Start(); err != nil {
			runtime.UnlockOSThread()
			started <- err
			return
		}
		started <- nil
		waited <- cmd.Wait()
		// Returning while locked ends the thread; the child is gone by now.
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return waited, nil
}

// removeStalePid deletes a postmaster.pid left by a crashed server. A live
// postgres on the directory is an error, after waiting briefly for an
// orphaned server to finish shutting down.
func removeStalePid(pgdata string, log *slog.Logger) error {
	p := filepath.Join(pgdata, "postmaster.pid")
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("read %s: %w", p, err)
	}
	lines := strings.Split(string(data), "\n")
	pid, _ := strconv.Atoi(strings.TrimSpace(lines[0]))
	if pid > 0 && isLivePostgres(pid) {
		// Line 8 holds the server status; give a server that is shutting
		// down (say, orphaned by a killed siso) time to finish.
		if len(lines) > 7 && strings.TrimSpace(lines[7]) == "stopping" {
			for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
				if !fileExists(p) || !isLivePostgres(pid) {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
		if fileExists(p) && isLivePostgres(pid) {
			return fmt.Errorf("PostgreSQL (pid %d) is already running on %s; is another siso using this data directory? "+
				"Stop it (kill -INT %d) or use another data directory", pid, pgdata, pid)
		}
		if !fileExists(p) {
			return nil
		}
	}
	log.Warn("removing stale postmaster.pid left by a previous run", "file", p, "pid", pid)
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove stale %s: %w", p, err)
	}
	return nil
}

// isLivePostgres reports whether pid is a running postgres process.
func isLivePostgres(pid int) bool {
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return false
	}
	if comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); err == nil {
		c := strings.TrimSpace(string(comm))
		return c == "postgres" || c == "postmaster"
	}
	out, err := exec.Command("ps", "-o", "comm=", "-p", strconv.Itoa(pid)).Output()
	if err != nil {
		return false
	}
	return strings.Contains(filepath.Base(strings.TrimSpace(string(out))), "postgres")
}

// freePort returns a TCP port on 127.0.0.1 that is free right now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// logTail returns the last lines written to the log at or after offset.
func logTail(path string, offset int64) string {
	f, err := os.Open(path)
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	defer f.Close()
	const max = 8 << 10
	if fi, err := f.Stat(); err == nil && fi.Size()-offset > max {
		offset = fi.Size() - max
	}
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return "(unreadable log: " + err.Error() + ")"
	}
	data, _ := io.ReadAll(f)
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	return strings.Join(lines, "\n")
}
