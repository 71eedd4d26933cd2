// Package testenv gives tests a database with SISO's schema, reference
// data and demo data (a copy of a template built once per test process)
// and an HTTP client that signs in as the demo operators.
package testenv

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/graph/loaders"
	"github.com/siso-project/siso/internal/auth"
	"github.com/siso-project/siso/internal/database"
	"github.com/siso-project/siso/internal/httpapi"
	"github.com/siso-project/siso/internal/migrate"
	"github.com/siso-project/siso/internal/refdata"
	"github.com/siso-project/siso/internal/seed"
	"github.com/siso-project/siso/internal/testdb"
)

// DemoNow is the instant the demo data of tests is built around, so that
// tests are repeatable.
var DemoNow = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// Schema is the template with migrations and reference data only.
func Schema(ctx context.Context, db *bun.DB) error {
	if _, err := migrate.Up(ctx, db); err != nil {
		return err
	}
	return refdata.Load(ctx, db)
}

// Demo is the template with the demo data too.
func Demo(ctx context.Context, db *bun.DB) error {
	if err := Schema(ctx, db); err != nil {
		return err
	}
	_, err := seed.Demo(ctx, db, seed.DemoOptions{HashPassword: auth.HashPassword, Now: DemoNow})
	return err
}

// Env is a running SISO server over its own database.
type Env struct {
	T       testing.TB
	DB      *bun.DB
	Server  *httptest.Server
	Queries *database.Counter
}

// New starts a server over a fresh copy of the demo database.
func New(tb testing.TB, opts ...httpapi.Option) *Env {
	tb.Helper()
	counter := &database.Counter{}
	db := testdb.NewCounted(tb, Demo, counter)
	cfg := httpapi.Config{Mode: httpapi.Development, MaxBodyBytes: 1 << 20, RequestTimeout: 30 * time.Second,
		SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}
	var out io.Writer = io.Discard
	if os.Getenv("SISO_TEST_LOG") != "" {
		out = os.Stderr
	}
	logger := slog.New(slog.NewTextHandler(out, nil))
	opts = append([]httpapi.Option{httpapi.WithStatementCounter(counter)}, opts...)
	srv := httptest.NewServer(httpapi.New(cfg, db, logger, opts...))
	tb.Cleanup(srv.Close)
	return &Env{T: tb, DB: db, Server: srv, Queries: counter}
}

// CountingStatements is the option of tests that count SQL statements: it
// widens the dataloaders' batching window so that a busy machine, which
// can pause a thread for longer than the API's window of microseconds,
// does not split a batch. Such tests count the query's shape, not the
// machine's load; a statement per row would still show.
func CountingStatements() httpapi.Option {
	return httpapi.WithBatchWindow(loaders.Window{Quiet: 250 * time.Millisecond, Max: 5 * time.Second})
}

// Client is a signed-in (or anonymous) GraphQL client with its own cookies.
type Client struct {
	env  *Env
	http *http.Client
}

// Anonymous returns a client without a session.
func (e *Env) Anonymous() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{env: e, http: &http.Client{Jar: jar, Timeout: 60 * time.Second}}
}

// SignIn returns a client signed in as a demo operator.
func (e *Env) SignIn(username string) *Client {
	e.T.Helper()
	c := e.Anonymous()
	r := c.Do(`mutation($u:String!,$p:String!){signIn(input:{username:$u,password:$p}){viewer{username}}}`,
		map[string]any{"u": username, "p": seed.DefaultPassword})
	if len(r.Errors) > 0 {
		e.T.Fatalf("sign in as %s: %v", username, r.Errors)
	}
	return c
}

// SignInSecure signs in on a server in production mode, whose session
// cookie is Secure: the test client sends it back over plain HTTP anyway.
func (e *Env) SignInSecure(tb testing.TB, username string) *Client {
	tb.Helper()
	c := e.Anonymous()
	r := c.Do(`mutation($u:String!,$p:String!){signIn(input:{username:$u,password:$p}){viewer{username}}}`,
		map[string]any{"u": username, "p": seed.DefaultPassword})
	if len(r.Errors) > 0 {
		tb.Fatalf("sign in as %s: %v", username, r.Errors)
	}
	u, _ := url.Parse(e.Server.URL)
	var fixed []*http.Cookie
	for _, ck := range c.http.Jar.Cookies(&url.URL{Scheme: "https", Host: u.Host}) {
		fixed = append(fixed, &http.Cookie{Name: ck.Name, Value: ck.Value})
	}
	c.http.Jar.SetCookies(u, fixed)
	return c
}

// Response is a decoded GraphQL response.
type Response struct {
	Data       json.RawMessage `json:"data"`
	Errors     []Error         `json:"errors"`
	Extensions map[string]any  `json:"extensions"`
	Status     int             `json:"-"`
}

// Error is one GraphQL error.
type Error struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code returns the error's extensions.code.
func (e Error) Code() string { s, _ := e.Extensions["code"].(string); return s }

// Do posts a query with variables and decodes the answer.
func (c *Client) Do(query string, vars map[string]any) Response {
	c.env.T.Helper()
	return c.DoIn(c.env.T, query, vars)
}

// DoIn is Do reporting failures to tb (a fuzz target's own *testing.T,
// where the environment's *testing.F must not be used).
func (c *Client) DoIn(tb testing.TB, query string, vars map[string]any) Response {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, c.env.Server.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		tb.Fatalf("post: %v", err)
	}
	defer resp.Body.Close()
	var r Response
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &r); err != nil {
		tb.Fatalf("decode %q: %v", raw, err)
	}
	r.Status = resp.StatusCode
	return r
}

// Decode unmarshals the data into v.
func (r Response) Decode(tb testing.TB, v any) {
	tb.Helper()
	if err := json.Unmarshal(r.Data, v); err != nil {
		tb.Fatalf("decode data %s: %v", r.Data, err)
	}
}

// ErrorAt returns the first error whose path starts with path.
func (r Response) ErrorAt(path ...any) (Error, bool) {
	for _, e := range r.Errors {
		if len(e.Path) < len(path) {
			continue
		}
		ok := true
		for i, p := range path {
			if jsonEq(e.Path[i], p) == false {
				ok = false
				break
			}
		}
		if ok {
			return e, true
		}
	}
	return Error{}, false
}

func jsonEq(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
