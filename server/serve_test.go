package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/seed"
	"github.com/siso-project/siso/internal/testdb"
	"github.com/siso-project/siso/internal/testenv"
)

// served is `siso serve` running in this process on a copy of the demo
// database, on a real listener, stopped by a real SIGTERM.
type served struct {
	t    *testing.T
	base string
	dsn  string
	done chan error
}

// startServe runs `siso serve` as main does, with env on top of a test
// configuration, and returns once it is serving.
func startServe(t *testing.T, env map[string]string) *served {
	t.Helper()
	return startServeOn(t, testdb.NewURL(t, testenv.Demo), env)
}

// startServeOn is startServe on the database at dsn.
func startServeOn(t *testing.T, dsn string, env map[string]string) *served {
	t.Helper()
	s := &served{t: t, dsn: dsn, done: make(chan error, 1)}
	for k, v := range map[string]string{
		"SISO_DATABASE_URL": s.dsn, "SISO_ADDR": "127.0.0.1:0", "SISO_MODE": "development",
		"SISO_STATIC_DIR": "", "SISO_COST_BUDGET_PER_MINUTE": "1000000000", "SISO_SHUTDOWN_GRACE": "0s",
	} {
		t.Setenv(k, v)
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	lw := &serveLog{url: make(chan string, 1)}
	logger := slog.New(slog.NewJSONHandler(lw, nil))
	go func() { s.done <- run([]string{"serve"}, logger) }()
	select {
	case s.base = <-lw.url:
	case err := <-s.done:
		t.Fatalf("siso serve stopped before serving: %v", err)
	case <-time.After(3 * time.Minute): // a guard against a hang, not a measure
		t.Fatal("siso serve did not start")
	}
	t.Cleanup(func() {
		select {
		case <-s.done:
		default:
			s.sigterm()
			<-s.done
		}
	})
	return s
}

// sigterm delivers SIGTERM to this process: serve's signal.NotifyContext
// takes it, as it does in production.
func (s *served) sigterm() {
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		s.t.Fatal(err)
	}
}

// wait returns serve's result.
func (s *served) wait() error {
	select {
	case err := <-s.done:
		s.done <- err // for the cleanup
		return err
	case <-time.After(3 * time.Minute): // a guard against a hang, not a measure
		s.t.Fatal("siso serve did not stop after SIGTERM")
		return nil
	}
}

// serveLog picks the address out of serve's "SISO is serving" line.
type serveLog struct {
	mu   sync.Mutex
	url  chan string
	sent bool
}

func (l *serveLog) Write(p []byte) (int, error) {
	var rec struct{ Msg, URL string }
	if json.Unmarshal(p, &rec) == nil && rec.Msg == "SISO is serving" {
		l.mu.Lock()
		if !l.sent {
			l.sent = true
			l.url <- rec.URL
		}
		l.mu.Unlock()
	}
	return len(p), nil
}

// gqlClient is one operator's (or an anonymous) HTTP client with its own
// connections, as a browser or a partner's system has.
type gqlClient struct {
	base string
	http *http.Client
}

func (s *served) client(t *testing.T, username string) *gqlClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &gqlClient{base: s.base, http: &http.Client{Jar: jar, Transport: &http.Transport{MaxIdleConnsPerHost: 2}}}
	if username != "" {
		out := c.post(`mutation($u:String!,$p:String!){signIn(input:{username:$u,password:$p}){viewer{username}}}`,
			map[string]any{"u": username, "p": seed.DefaultPassword})
		if out.err != nil || out.status != http.StatusOK || len(out.errors) > 0 {
			t.Fatalf("sign in as %s: %+v", username, out)
		}
	}
	return c
}

// outcome is what became of one request.
type outcome struct {
	status     int
	retryAfter string
	errors     []struct {
		Message    string
		Extensions map[string]any
	}
	data json.RawMessage
	err  error // transport error
}

func (o outcome) code() string {
	if len(o.errors) == 0 {
		return ""
	}
	c, _ := o.errors[0].Extensions["code"].(string)
	return c
}

// notSent reports whether the request never reached the server: its
// connection was refused.
func (o outcome) notSent() bool {
	var oe *net.OpError
	return o.err != nil && errors.As(o.err, &oe) && oe.Op == "dial"
}

// refused reports a clear refusal: 503 UNAVAILABLE with Retry-After.
func (o outcome) refused() bool {
	return o.err == nil && o.status == http.StatusServiceUnavailable && o.retryAfter != "" && o.code() == "UNAVAILABLE"
}

func (c *gqlClient) post(query string, vars map[string]any) outcome {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, c.base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return c.do(req)
}

func (c *gqlClient) do(req *http.Request) outcome {
	resp, err := c.http.Do(req)
	if err != nil {
		return outcome{err: err}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	o := outcome{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"), err: err}
	var r struct {
		Data   json.RawMessage
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err == nil && json.Unmarshal(raw, &r) != nil && resp.StatusCode != http.StatusOK {
		o.err = errors.New("not a GraphQL answer: " + string(raw))
	}
	o.data, o.errors = r.Data, r.Errors
	return o
}

func (c *gqlClient) get(path string) outcome {
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	return c.do(req)
}
