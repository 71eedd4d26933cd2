package httpapi_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/httpapi"
	"github.com/siso-project/siso/internal/testenv"
)

// TestWrongPasswordsThrottleTheUsername: after repeated wrong passwords even
// the right one is refused from a device the operator never signed in from,
// until an administrator resets the password (or the block ends).
func TestWrongPasswordsThrottleTheUsername(t *testing.T) {
	env := testenv.New(t, noSignInDelay())
	c := env.Anonymous()
	const signIn = `mutation($p:String!){ signIn(input:{username:"as.terni", password:$p}){ viewer { username } } }`
	var last testenv.Response
	for range 20 {
		last = c.Do(signIn, map[string]any{"p": "not-the-password"})
		if len(last.Errors) != 1 || last.Errors[0].Code() != "UNAUTHENTICATED" {
			t.Fatalf("wrong password: %+v", last.Errors)
		}
	}
	r := c.Do(signIn, map[string]any{"p": "siso-demo"})
	if len(r.Errors) != 1 || r.Errors[0].Code() != "UNAUTHENTICATED" || !strings.Contains(r.Errors[0].Message, "too many failed attempts") {
		t.Fatalf("the right password worked on a blocked username from a new device: %s %+v", r.Data, r.Errors)
	}
	// An administrator's reset lifts the block.
	admin := env.SignIn("admin")
	var reset struct {
		ResetOperatorPassword struct{ OneTimePassword string }
	}
	mustOK(t, "reset", admin.Do(resetPasswordQ, map[string]any{"id": globalID("Operator", operatorID(t, env, "as.terni"))})).Decode(t, &reset)
	mustOK(t, "after the reset", c.Do(signIn, map[string]any{"p": reset.ResetOperatorPassword.OneTimePassword}))
}

func TestMutationsOnlyByPostWithJSON(t *testing.T) {
	env := testenv.New(t)
	q := url.Values{"query": {`mutation { signOut { signedOut } }`}}
	resp, err := http.Get(env.Server.URL + "/graphql?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode < 400 {
		t.Errorf("a mutation over GET answered %d", resp.StatusCode)
	}
	form := url.Values{"query": {`mutation { signOut { signedOut } }`}}
	resp, err = http.PostForm(env.Server.URL+"/graphql", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode < 400 {
		t.Errorf("a form-encoded (CSRF-able) POST answered %d", resp.StatusCode)
	}
	// Queries over GET work.
	resp, err = http.Get(env.Server.URL + "/graphql?" + url.Values{"query": {`{ __typename }`}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("a query over GET answered %d", resp.StatusCode)
	}
}

func TestSecurityHeaders(t *testing.T) {
	env := testenv.New(t)
	resp, err := http.Get(env.Server.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for h, want := range map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"X-Frame-Options":         "DENY",
		"Content-Security-Policy": "frame-ancestors 'none'",
	} {
		if got := resp.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if resp.Header.Get("X-Request-Id") == "" {
		t.Error("no request id")
	}
}

func TestSessionCookieIsHttpOnlyAndSameSite(t *testing.T) {
	env := testenv.New(t)
	body := strings.NewReader(`{"query":"mutation { signIn(input:{username:\"admin\", password:\"siso-demo\"}) { viewer { username } } }"}`)
	resp, err := http.Post(env.Server.URL+"/graphql", "application/json", body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var found bool
	for _, c := range resp.Cookies() {
		if c.Name == "siso_session" {
			found = true
			if !c.HttpOnly || c.SameSite == http.SameSiteNoneMode || c.SameSite == http.SameSiteDefaultMode {
				t.Errorf("cookie %+v is not HttpOnly and SameSite", c)
			}
		}
	}
	if !found {
		t.Fatal("no session cookie")
	}
}

func TestCostlyQueryIsRefusedBeforeTheDatabase(t *testing.T) {
	env := testenv.New(t)
	c := env.SignIn("as.perugia")
	env.Queries.Reset()
	base := c.Do(`{ __typename }`, nil)
	baseline := env.Queries.Count()
	if base.Extensions["cost"] == nil {
		t.Errorf("no extensions.cost: %+v", base.Extensions)
	}
	for _, q := range []string{
		// 100 citizens each with 100 accesses each with 100 referrals.
		`{ citizens(first: 100) { edges { node { accesses(first: 100) { edges { node { referrals(first: 100) { edges { node { id reason } } } } } } } } } }`,
		`{ citizens(first: 100) { edges { node { cases(first: 100) { edges { node { activities(first: 100) { edges { node { id } } } } } } } } } }`,
	} {
		env.Queries.Reset()
		r := c.Do(q, nil)
		if len(r.Errors) != 1 || r.Errors[0].Code() != "COST_LIMIT_EXCEEDED" || r.Data != nil && string(r.Data) != "null" {
			t.Fatalf("errors = %+v, data %s", r.Errors, r.Data)
		}
		if got := env.Queries.Count(); got > baseline {
			t.Errorf("the refused query ran %d statements, the session alone takes %d", got, baseline)
		}
	}
	deep := c.Do(`{ viewer { operator { cases { edges { node { citizen { household { members { cases { edges { node { responsible { organization { offices { zone { name } } } } } } } } } } } } } } } }`, nil)
	if len(deep.Errors) != 1 || deep.Errors[0].Code() != "COST_LIMIT_EXCEEDED" {
		t.Errorf("a query 15 levels deep: %+v", deep.Errors)
	}
}

func TestBatchesAreRefused(t *testing.T) {
	env := testenv.New(t)
	resp, err := http.Post(env.Server.URL+"/graphql", "application/json",
		strings.NewReader(` [{"query":"{ __typename }"},{"query":"{ __typename }"}]`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a batch answered %d", resp.StatusCode)
	}
}

func TestProductionHidesTheSchemaFromAnonymousCallers(t *testing.T) {
	env := testenv.New(t, httpapi.WithMode(httpapi.Production))
	r := env.Anonymous().Do(`{ __schema { types { name } } }`, nil)
	if len(r.Errors) == 0 || strings.Contains(string(r.Data), "Citizen") {
		t.Errorf("anonymous introspection in production: %s", r.Data)
	}
	r = env.Anonymous().Do(`{ zonez { code } }`, nil)
	for _, e := range r.Errors {
		if strings.Contains(e.Message, "Did you mean") {
			t.Errorf("field suggestions in production: %s", e.Message)
		}
	}
	signed := env.SignInSecure(t, "as.perugia")
	if r := signed.Do(`{ __schema { queryType { name } } }`, nil); len(r.Errors) > 0 {
		t.Errorf("a signed-in operator cannot introspect in production: %+v", r.Errors)
	}
}

func TestCORSAllowsOnlyConfiguredOrigins(t *testing.T) {
	const ours = "https://siso.regione.umbria.it"
	configured := testenv.New(t, httpapi.WithCORSOrigins(ours))
	// No SISO_CORS_ORIGINS: no origin may call from a browser (README).
	unconfigured := testenv.New(t)
	for _, tc := range []struct {
		name    string
		env     *testenv.Env
		origin  string
		allowed bool
	}{
		{"configured origin", configured, ours, true},
		{"other origin", configured, "https://evil.example", false},
		{"none configured, any origin", unconfigured, "https://evil.example", false},
		{"none configured, would-be ours", unconfigured, ours, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, method := range []string{http.MethodOptions, http.MethodPost} {
				req, _ := http.NewRequest(method, tc.env.Server.URL+"/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
				req.Header.Set("Origin", tc.origin)
				req.Header.Set("Content-Type", "application/json")
				if method == http.MethodOptions {
					req.Header.Set("Access-Control-Request-Method", "POST")
					req.Header.Set("Access-Control-Request-Headers", "content-type")
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				acao := resp.Header.Get("Access-Control-Allow-Origin")
				if got := acao != ""; got != tc.allowed || tc.allowed && acao != tc.origin {
					t.Errorf("%s from %s: Access-Control-Allow-Origin %q, want allowed=%v", method, tc.origin, acao, tc.allowed)
				}
				if !tc.allowed && (resp.Header.Get("Access-Control-Allow-Methods") != "" || resp.Header.Get("Access-Control-Allow-Credentials") != "") {
					t.Errorf("%s from %s: preflight granted: %v", method, tc.origin, resp.Header)
				}
			}
		})
	}
}

// TestTimeLimitIsNamed: work cut by the request's time limit is answered
// as that, never INTERNAL: a read that runs out of time is
// COST_LIMIT_EXCEEDED with limit "time" (ask for less, or later), and a
// session that could not be checked in time is a retryable 503, not a
// sign-out.
func TestTimeLimitIsNamed(t *testing.T) {
	const limit = 4 * time.Second
	env := testenv.New(t, httpapi.WithRequestTimeout(limit))
	c := env.SignIn("as.perugia")
	for _, tt := range []struct {
		name, slow  string // the statement held until the request's deadline
		status      int
		code, limit string
	}{
		{"a read", "FROM citizen", http.StatusOK, "COST_LIMIT_EXCEEDED", "time"},
		{"the session", "FROM session s", http.StatusServiceUnavailable, "UNAVAILABLE", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env.Queries.Observe(func(ctx context.Context, sql string) {
				if strings.Contains(sql, tt.slow) {
					<-ctx.Done()
				}
			})
			defer env.Queries.Observe(nil)
			r, h, err := c.DoHTTP(`{ citizens(filter:{search:"Rossi"}, first:2){ totalCount } }`, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != tt.status || len(r.Errors) == 0 || r.Errors[0].Code() != tt.code ||
				tt.limit != "" && r.Errors[0].Extensions["limit"] != tt.limit {
				t.Fatalf("HTTP %d %+v, want HTTP %d %s (limit %q)", r.Status, r.Errors, tt.status, tt.code, tt.limit)
			}
			if !strings.Contains(r.Errors[0].Message, limit.String()) {
				t.Errorf("the message does not say the limit (%s): %q", limit, r.Errors[0].Message)
			}
			if tt.status == http.StatusServiceUnavailable && h.Get("Retry-After") == "" {
				t.Error("503 without Retry-After")
			}
		})
	}
}
