// Package testdb gives each test its own database on a real PostgreSQL
// server, cloned from a template database that is prepared once per test
// process.
//
// The server is the one named by SISO_TEST_DATABASE_URL, a superuser URL
// such as postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable, or
// else a throwaway embedded server (see package pgembed) started on first
// use, with durability turned off for speed.
//
// Every package that uses testdb must route its tests through Main, which
// drops the template and stops the embedded server when the tests are done:
//
//	func TestMain(m *testing.M) { testdb.Main(m) }
//
// Databases are named siso_tpl_<pid>_<random> (templates) and
// siso_t_<random> (per test); on a shared server, ones left behind by a
// killed test process can be dropped by hand.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/siso-project/siso/internal/database"
	"github.com/siso-project/siso/internal/pgembed"
)

// Template prepares a template database, typically by running the
// migrations and loading reference data. It runs once per process for each
// Template function (told apart by their code: pass a named function, or
// closures of distinct function literals); the databases New hands out are
// copies of its result.
type Template func(ctx context.Context, db *bun.DB) error

// templateTimeout bounds a Template run.
const templateTimeout = 10 * time.Minute

// state is the process-wide server and templates.
var state struct {
	mainUsed bool // set by Main

	once sync.Once
	srv  *server
	err  error

	mu        sync.Mutex
	templates map[uintptr]*template
}

type server struct {
	embedded *pgembed.Server // nil with SISO_TEST_DATABASE_URL
	tmpDir   string          // the embedded server's data directory
	base     url.URL         // superuser URL; the path is replaced per database
	admin    *sql.DB         // on the base URL's database
}

type template struct {
	once sync.Once
	name string
	err  error
}

// Main runs the tests, then drops the template databases, stops the
// embedded server and removes its files, and exits with the tests' code.
// Call it from TestMain.
func Main(m *testing.M) {
	state.mainUsed = true
	code := m.Run()
	if err := shutdown(); err != nil {
		fmt.Fprintln(os.Stderr, "testdb:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// New returns a handle on a fresh database that is a copy of the template
// prepared by tpl (nil: an empty database). The database is closed and
// dropped when the test ends. It is safe for parallel tests.
func New(tb testing.TB, tpl Template) *bun.DB {
	tb.Helper()
	return NewCounted(tb, tpl, nil)
}

// NewCounted is New with every statement of the returned pool counted by
// counter (nil for none).
func NewCounted(tb testing.TB, tpl Template, counter *database.Counter) *bun.DB {
	tb.Helper()
	dsn := NewURL(tb, tpl)
	if dsn == "" {
		return nil // tb.Fatal was called
	}
	db := open(dsn, counter)
	tb.Cleanup(func() { _ = db.Close() }) // runs before NewURL's drop
	return db
}

// NewURL is like New but returns the connection URL of the fresh database,
// for code that opens its own connections. The database is dropped when the
// test ends, closing any connections still open on it.
func NewURL(tb testing.TB, tpl Template) string {
	tb.Helper()
	if !state.mainUsed {
		tb.Fatal("testdb: this package needs `func TestMain(m *testing.M) { testdb.Main(m) }` so that test databases are cleaned up")
		return ""
	}
	s, err := getServer()
	if err != nil {
		tb.Fatal(err)
		return ""
	}
	tplName, err := s.template(tpl)
	if err != nil {
		tb.Fatal(err)
		return ""
	}
	name := "siso_t_" + randomHex(8)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := s.admin.ExecContext(ctx, "CREATE DATABASE "+ident(name)+" TEMPLATE "+ident(tplName)); err != nil {
		tb.Fatalf("testdb: create database %s from template %s: %v", name, tplName, err)
		return ""
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := s.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+ident(name)+" WITH (FORCE)"); err != nil {
			tb.Errorf("testdb: drop database %s: %v", name, err)
		}
	})
	return s.url(name)
}

func getServer() (*server, error) {
	state.once.Do(func() { state.srv, state.err = startServer() })
	return state.srv, state.err
}

func startServer() (*server, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s := &server{}
	raw := os.Getenv("SISO_TEST_DATABASE_URL")
	if raw == "" {
		dir, err := os.MkdirTemp("", "siso-testdb-")
		if err != nil {
			return nil, fmt.Errorf("testdb: %w", err)
		}
		emb, err := pgembed.Start(ctx, pgembed.Config{
			DataDir:   dir,
			Ephemeral: true,
			Settings:  map[string]string{"max_connections": "300"},
		})
		if err != nil {
			_ = os.RemoveAll(dir)
			return nil, fmt.Errorf("testdb: no SISO_TEST_DATABASE_URL, and starting an embedded PostgreSQL failed "+
				"(set SISO_TEST_DATABASE_URL to a superuser URL of an existing server to use that instead): %w", err)
		}
		s.embedded, s.tmpDir = emb, dir
		raw = emb.URL("postgres")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		s.close()
		return nil, fmt.Errorf("testdb: SISO_TEST_DATABASE_URL must be a postgres:// URL, like "+
			"postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable (err: %v)", err)
	}
	s.base = *u
	s.admin, err = sql.Open("pgx", raw)
	if err == nil {
		err = s.admin.PingContext(ctx)
	}
	if err != nil {
		s.close()
		return nil, fmt.Errorf("testdb: connect to %s: %w", u.Redacted(), err)
	}
	s.admin.SetMaxOpenConns(8)
	return s, nil
}

// url returns the URL of database name on the server.
func (s *server) url(name string) string {
	u := s.base
	u.Path = "/" + name
	u.RawPath = ""
	return u.String()
}

// template returns the name of the template database for tpl, building it
// on first use.
func (s *server) template(tpl Template) (string, error) {
	var key uintptr
	if tpl != nil {
		key = reflect.ValueOf(tpl).Pointer()
	}
	state.mu.Lock()
	if state.templates == nil {
		state.templates = map[uintptr]*template{}
	}
	t := state.templates[key]
	if t == nil {
		t = &template{}
		state.templates[key] = t
	}
	state.mu.Unlock()
	t.once.Do(func() { t.name, t.err = s.buildTemplate(tpl) })
	return t.name, t.err
}

func (s *server) buildTemplate(tpl Template) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), templateTimeout)
	defer cancel()
	name := fmt.Sprintf("siso_tpl_%d_%s", os.Getpid(), randomHex(4))
	if _, err := s.admin.ExecContext(ctx, "CREATE DATABASE "+ident(name)); err != nil {
		return "", fmt.Errorf("testdb: create template database: %w", err)
	}
	if tpl != nil {
		db := open(s.url(name), nil)
		err := tpl(ctx, db)
		if cerr := db.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close: %w", cerr)
		}
		if err != nil {
			_, _ = s.admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+ident(name)+" WITH (FORCE)")
			return "", fmt.Errorf("testdb: template: %w", err)
		}
	}
	// Refuse stray connections, which would make CREATE DATABASE ... TEMPLATE fail.
	if _, err := s.admin.ExecContext(ctx, "ALTER DATABASE "+ident(name)+" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false"); err != nil {
		return "", fmt.Errorf("testdb: mark template: %w", err)
	}
	return name, nil
}

// shutdown drops the templates and stops the embedded server, if any.
func shutdown() error {
	state.once.Do(func() {}) // no server after this
	s := state.srv
	if s == nil {
		return nil
	}
	var errs []error
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if s.embedded == nil { // an embedded server's files go anyway
		state.mu.Lock()
		for _, t := range state.templates {
			if t.name == "" {
				continue
			}
			if _, err := s.admin.ExecContext(ctx, "ALTER DATABASE "+ident(t.name)+" WITH IS_TEMPLATE false"); err != nil {
				errs = append(errs, fmt.Errorf("drop template %s: %w", t.name, err))
				continue
			}
			if _, err := s.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+ident(t.name)+" WITH (FORCE)"); err != nil {
				errs = append(errs, fmt.Errorf("drop template %s: %w", t.name, err))
			}
		}
		state.mu.Unlock()
	}
	if err := s.close(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// close closes the admin pool, stops the embedded server and removes its
// files.
func (s *server) close() error {
	var errs []error
	if s.admin != nil {
		if err := s.admin.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	if s.embedded != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := s.embedded.Stop(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	if s.tmpDir != "" {
		if err := os.RemoveAll(s.tmpDir); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func open(dsn string, counter *database.Counter) *bun.DB {
	// The URL is ours, so it parses.
	sqldb, err := database.OpenSQL(dsn, counter)
	if err != nil {
		panic(err)
	}
	// Keep the connections (database/sql keeps 2 idle by default): a new
	// one costs an authentication and loses its prepared statements.
	sqldb.SetMaxOpenConns(20)
	sqldb.SetMaxIdleConns(20)
	return bun.NewDB(sqldb, pgdialect.New())
}

func ident(name string) string { return pgx.Identifier{name}.Sanitize() }

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
