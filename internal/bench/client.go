package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Client is one simulated operator: its own cookie jar (its own session),
// sending the SPA's requests to POST /graphql.
type Client struct {
	base string
	user string
	http *http.Client
	// lastBudget is the cost budget left after the last answer.
	lastBudget atomic.Int64
}

// gqlResponse is a GraphQL answer.
type gqlResponse struct {
	Data       json.RawMessage `json:"data"`
	Errors     []gqlError      `json:"errors"`
	Extensions struct {
		Cost struct {
			Requested       int64 `json:"requested"`
			RemainingBudget int64 `json:"remainingBudget"`
		} `json:"cost"`
	} `json:"extensions"`
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

func (e gqlError) String() string {
	code, _ := e.Extensions["code"].(string)
	s := e.Message
	if code != "" {
		s = code + ": " + s
	}
	if len(e.Path) > 0 {
		s += fmt.Sprintf(" (at %v)", e.Path)
	}
	return s
}

// GraphQLErrors is an answer that carried errors: the request failed.
type GraphQLErrors []gqlError

func (g GraphQLErrors) Error() string {
	parts := make([]string, 0, len(g))
	for i, e := range g {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(g)-3))
			break
		}
		parts = append(parts, e.String())
	}
	return "GraphQL errors: " + strings.Join(parts, "; ")
}

// newTransport is the HTTP transport the clients share (each keeps its own
// cookies), with enough idle connections for every simulated client.
func newTransport(conns int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = conns * 2
	t.MaxIdleConnsPerHost = conns * 2
	t.MaxConnsPerHost = 0
	t.DisableCompression = true // what a measure of the API wants; browsers would compress
	return t
}

// newClient returns a client without a session.
func newClient(base string, transport http.RoundTripper) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{base: strings.TrimRight(base, "/"), http: &http.Client{Jar: jar, Transport: transport, Timeout: 60 * time.Second}}
}

const signInDocument = `mutation BenchSignIn($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) { viewer { username } } }`

// SignIn opens a session as username with the signIn mutation, as the SPA
// does (POST, JSON body: the API's defence against cross-site requests).
func (c *Client) SignIn(ctx context.Context, username, password string) error {
	var out struct {
		SignIn struct {
			Viewer struct{ Username string }
		}
	}
	if err := c.Do(ctx, signInDocument, map[string]any{"u": username, "p": password}, &out); err != nil {
		return fmt.Errorf("sign in as %s: %w", username, err)
	}
	if out.SignIn.Viewer.Username != username {
		return fmt.Errorf("sign in as %s: the answer names %q", username, out.SignIn.Viewer.Username)
	}
	c.user = username
	return nil
}

// Do posts one operation and decodes its data into out (nil: discard).
// Transport failures, a status other than 200, an undecodable body and any
// GraphQL error are errors.
func (c *Client) Do(ctx context.Context, query string, vars map[string]any, out any) error {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json, application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("read the answer: %w", err)
	}
	var r gqlResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		return fmt.Errorf("HTTP %d, undecodable answer %.200q", resp.StatusCode, raw)
	}
	c.lastBudget.Store(r.Extensions.Cost.RemainingBudget)
	denials := fieldDenials(r)
	if len(r.Errors) > 0 && denials == 0 {
		return GraphQLErrors(r.Errors)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %.200q", resp.StatusCode, raw)
	}
	if out != nil && len(r.Data) > 0 {
		if err := json.Unmarshal(r.Data, out); err != nil {
			return fmt.Errorf("decode data: %w", err)
		}
	}
	if denials > 0 {
		return FieldDenials(denials)
	}
	return nil
}

// FieldDenials is an answer whose only errors are fields the viewer may not
// read (FORBIDDEN at a path, the rest of the answer intact: the SPA shows
// them as "riservato"). By the API's contract that is a successful answer:
// the runner counts it as a success and reports the denials apart.
type FieldDenials int

func (d FieldDenials) Error() string { return fmt.Sprintf("%d fields denied by policy", int(d)) }

// fieldDenials returns the number of errors when all of them are field
// denials, else 0.
func fieldDenials(r gqlResponse) int {
	if len(r.Errors) == 0 || len(r.Data) == 0 || string(r.Data) == "null" {
		return 0
	}
	for _, e := range r.Errors {
		if code, _ := e.Extensions["code"].(string); code != "FORBIDDEN" || len(e.Path) < 2 {
			return 0
		}
	}
	return len(r.Errors)
}

// isDenial reports whether err is only field denials.
func isDenial(err error) bool {
	var d FieldDenials
	return errors.As(err, &d)
}

// readMetrics fetches GET /metrics and returns, for each name asked for,
// the sum of its samples (over all labels), or false when absent.
func readMetrics(ctx context.Context, base string, transport http.RoundTripper, names ...string) (map[string]float64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(base, "/")+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	resp, err := (&http.Client{Transport: transport, Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /metrics: HTTP %d", resp.StatusCode)
	}
	return parseMetrics(resp.Body, names...)
}

// parseMetrics reads the Prometheus text format.
func parseMetrics(r io.Reader, names ...string) (map[string]float64, error) {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		end := strings.IndexAny(line, "{ ")
		if end < 0 || !want[line[:end]] {
			continue
		}
		name, rest := line[:end], line[end:]
		if rest[0] == '{' {
			close := strings.LastIndexByte(rest, '}')
			if close < 0 {
				continue
			}
			rest = rest[close+1:]
		}
		fields := strings.Fields(rest)
		if len(fields) == 0 {
			continue
		}
		v, err := strconv.ParseFloat(fields[0], 64)
		if err != nil {
			continue
		}
		out[name] += v
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

var errNoMetrics = errors.New("not exposed by the server")
