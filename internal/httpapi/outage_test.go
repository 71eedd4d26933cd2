package httpapi_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/testenv"
)

// While the database is unreachable, a signed-in operator, a partner's
// token and a sign-in are answered 503 UNAVAILABLE with Retry-After
// (retryable), never UNAUTHENTICATED (which makes clients throw their
// sessions away) nor INTERNAL; when it is back, the same session and token
// work again.
func TestDatabaseOutageIsUnavailableNotSignedOut(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	var orgID int64
	if err := env.DB.NewRaw(`SELECT id FROM organization WHERE kind = 'HEALTH_AUTHORITY' ORDER BY id LIMIT 1`).Scan(ctx, &orgID); err != nil {
		t.Fatal(err)
	}
	var c struct{ CreateApiClient struct{ Token string } }
	mustOK(t, "create client", env.SignIn("admin").Do(
		`mutation($in: CreateApiClientInput!){ createApiClient(input:$in){ token } }`,
		map[string]any{"in": map[string]any{"name": "USL – outage", "organizationId": globalID("Organization", orgID),
			"role": "SOCIAL_WORKER", "zoneCodes": []string{"2"}, "scopes": []string{"citizens:identity:read"},
			"expiresAt": time.Now().Add(24 * time.Hour).Format(time.RFC3339)}})).Decode(t, &c)
	partner := http.Header{"Authorization": {"Bearer " + c.CreateApiClient.Token}}
	op := env.SignIn("as.perugia")
	anon := env.Anonymous()

	const viewer = `{ viewer { username } }`
	const signIn = `mutation { signIn(input: {username: "as.terni", password: "siso-demo"}) { viewer { username } } }`
	requests := []struct {
		name   string
		client *testenv.Client
		query  string
		header http.Header
	}{
		{"operator's session", op, viewer, nil},
		{"partner's token", anon, viewer, partner},
		{"sign-in", anon, signIn, nil},
	}

	restore := env.Outage(t)
	for _, rq := range requests {
		// Twice: the first meets the pool's terminated connections, the
		// second a database that refuses new ones.
		for try := 1; try <= 2; try++ {
			r, h, err := rq.client.DoHTTP(rq.query, nil, rq.header)
			if err != nil {
				t.Fatalf("%s during the outage (try %d): %v", rq.name, try, err)
			}
			if r.Status != http.StatusServiceUnavailable || len(r.Errors) == 0 || r.Errors[0].Code() != "UNAVAILABLE" {
				t.Errorf("%s during the outage (try %d): HTTP %d, errors %+v; want 503 UNAVAILABLE", rq.name, try, r.Status, r.Errors)
			}
			if s, err := strconv.Atoi(h.Get("Retry-After")); err != nil || s < 1 {
				t.Errorf("%s during the outage (try %d): Retry-After %q, want seconds", rq.name, try, h.Get("Retry-After"))
			}
		}
	}
	restore()

	var d struct{ Viewer *struct{ Username string } }
	mustOK(t, "operator after the outage", op.Do(viewer, nil)).Decode(t, &d)
	if d.Viewer == nil || d.Viewer.Username != "as.perugia" {
		t.Errorf("after the outage the operator's session is %+v, want as.perugia's", d.Viewer)
	}
	r, _, err := anon.DoHTTP(`{ zones { code } }`, nil, partner)
	if err != nil || r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Errorf("partner after the outage: HTTP %d, %v, %+v", r.Status, err, r.Errors)
	}
}
