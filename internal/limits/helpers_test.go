package limits

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/siso-project/siso/graph/generated"
	"github.com/siso-project/siso/graph/resolve"
)

// schema returns SISO's schema, built once.
var schema = sync.OnceValue(func() *ast.Schema {
	return generated.NewExecutableSchema(generated.Config{Resolvers: &resolve.Resolver{}}).Schema()
})

// analyze parses and validates query against SISO's schema, as gqlgen
// does, and measures it with vars.
func analyze(t *testing.T, cfg Config, query string, vars map[string]any) Analysis {
	t.Helper()
	doc, errs := gqlparser.LoadQuery(schema(), query)
	if len(errs) > 0 {
		t.Fatalf("invalid query: %v", errs)
	}
	op := doc.Operations[0]
	coerced, err := validator.VariableValues(schema(), op, vars)
	if err != nil {
		t.Fatalf("variables: %v", err)
	}
	return Analyze(doc, op, coerced, cfg)
}

// testClock is a settable clock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock {
	return &testClock{t: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type clientHeaderKey struct{}

// testServer is SISO's schema over a zero Resolver (nil Store: any resolver
// that reaches the database panics) behind gqlgen's POST transport and the
// extension. The X-Test-Client header names the budget key.
type testServer struct {
	ext       *Extension
	handler   http.Handler
	resolvers atomic.Int64 // fields that reached the resolver middleware
	panics    atomic.Int64 // panics recovered
}

func newTestServer(t *testing.T, cfg Config, clock func() time.Time) *testServer {
	t.Helper()
	ts := &testServer{}
	ts.ext = New(cfg, clock, func(ctx context.Context) string {
		k, _ := ctx.Value(clientHeaderKey{}).(string)
		return k
	})
	srv := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: &resolve.Resolver{}}))
	srv.AddTransport(transport.POST{})
	srv.Use(extension.Introspection{})
	srv.Use(ts.ext)
	srv.AroundFields(func(ctx context.Context, next graphql.Resolver) (any, error) {
		ts.resolvers.Add(1)
		return next(ctx)
	})
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		ts.panics.Add(1)
		return errors.New("internal error")
	})
	ts.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), clientHeaderKey{}, r.Header.Get("X-Test-Client"))
		srv.ServeHTTP(w, r.WithContext(ctx))
	})
	return ts
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

type gqlResponse struct {
	status     int
	Data       json.RawMessage `json:"data"`
	Errors     []gqlError      `json:"errors"`
	Extensions struct {
		Cost *Report `json:"cost"`
	} `json:"extensions"`
}

// code returns the code of the first error, or "".
func (r gqlResponse) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// ext returns a numeric extension of the first error.
func (r gqlResponse) ext(name string) float64 {
	if len(r.Errors) == 0 {
		return -1
	}
	n, ok := r.Errors[0].Extensions[name].(float64)
	if !ok {
		return -1
	}
	return n
}

// postRaw posts body to the server as client.
func (ts *testServer) postRaw(t *testing.T, client string, body []byte) gqlResponse {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if client != "" {
		req.Header.Set("X-Test-Client", client)
	}
	rec := httptest.NewRecorder()
	ts.handler.ServeHTTP(rec, req)
	var resp gqlResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("response is not JSON (%d): %s", rec.Code, rec.Body.String())
	}
	resp.status = rec.Code
	return resp
}

// post sends query with vars as client.
func (ts *testServer) post(t *testing.T, client, query string, vars map[string]any) gqlResponse {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	return ts.postRaw(t, client, body)
}

// introspectionQuery is the query GraphiQL sends to load the schema
// (graphql-js getIntrospectionQuery with schemaDescription and
// inputValueDeprecation, nine levels of ofType).
func introspectionQuery(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/graphiql_introspection.graphql")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
