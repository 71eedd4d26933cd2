package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/testenv"
)

// bearer posts a query with an API token.
func bearer(t *testing.T, env *testenv.Env, token, query string, vars map[string]any) testenv.Response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, env.Server.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r testenv.Response
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	r.Status = resp.StatusCode
	return r
}

func TestPartnerTokenReadsOnlyItsScopes(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	var orgID int64
	if err := env.DB.NewRaw(`SELECT id FROM organization WHERE kind = 'HEALTH_AUTHORITY' ORDER BY id LIMIT 1`).Scan(ctx, &orgID); err != nil {
		t.Fatal(err)
	}
	admin := env.SignIn("admin")
	const create = `mutation($in: CreateApiClientInput!){ createApiClient(input:$in){ token apiClient { id name scopes active zones { code } } } }`
	in := map[string]any{"name": "USL Umbria 1 – anagrafe", "organizationId": globalID("Organization", orgID),
		"role": "SOCIAL_WORKER", "zoneCodes": []string{"2"}, "scopes": []string{"citizens:identity:read"},
		"expiresAt": time.Now().Add(30 * 24 * time.Hour).Format(time.RFC3339)}
	if r := env.SignIn("as.perugia").Do(create, map[string]any{"in": in}); len(r.Errors) != 1 || r.Errors[0].Code() != "FORBIDDEN" {
		t.Fatalf("a social worker created an API client: %+v", r.Errors)
	}
	var c struct {
		CreateApiClient struct {
			Token     string
			ApiClient struct{ ID string }
		}
	}
	mustOK(t, "create", admin.Do(create, map[string]any{"in": in})).Decode(t, &c)
	token := c.CreateApiClient.Token
	var adminEvents int
	if err := env.DB.NewRaw(`SELECT count(*) FROM audit_event WHERE action = 'ADMIN' AND object_type = 'ApiClient' AND actor_label = 'admin'`).Scan(ctx, &adminEvents); err != nil || adminEvents != 1 {
		t.Errorf("the creation of the API client is not in the audit trail (%d, %v)", adminEvents, err)
	}
	// Names of zone-2 citizens: yes.
	r := bearer(t, env, token, `{ citizens(filter:{search:"rossi"}, first: 5){ totalCount edges { node { id firstName lastName } } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("names: %+v", r.Errors)
	}
	var d struct {
		Citizens struct {
			TotalCount int
			Edges      []struct{ Node struct{ ID, LastName string } }
		}
	}
	r.Decode(t, &d)
	if d.Citizens.TotalCount == 0 || d.Citizens.Edges[0].Node.LastName == "" {
		t.Fatalf("no names: %s", r.Data)
	}
	var ids []int64
	for _, e := range d.Citizens.Edges {
		ids = append(ids, dbID(t, e.Node.ID))
	}
	for id, zones := range zonesOf(t, env, ids) {
		in2 := false
		for _, z := range zones {
			in2 = in2 || z == 2
		}
		if !in2 {
			t.Errorf("the zone-2 client sees citizen %d of zones %v", id, zones)
		}
	}
	// Nothing else: contacts, accesses, cases are outside the scopes; mutations are refused.
	first := d.Citizens.Edges[0].Node.ID
	r = bearer(t, env, token, `query($id:ID!){ citizen(id:$id){ lastName phone accesses { totalCount } cases { totalCount } } }`, map[string]any{"id": first})
	for _, f := range []string{"phone", "accesses", "cases"} {
		if e, ok := r.ErrorAt("citizen", f); !ok || e.Code() != "FORBIDDEN" {
			t.Errorf("%s was readable with only citizens:identity:read: %s %+v", f, r.Data, r.Errors)
		}
	}
	r = bearer(t, env, token, `mutation($id:ID!){ updateCitizen(input:{id:$id, version:1, phone:"075 1"}){ citizen { id } } }`, map[string]any{"id": first})
	if len(r.Errors) == 0 || r.Errors[0].Code() != "FORBIDDEN" {
		t.Errorf("an API client wrote: %+v", r.Errors)
	}
	// Revoked: the very next request is UNAUTHENTICATED.
	mustOK(t, "revoke", admin.Do(`mutation($id:ID!){ revokeApiClient(input:{id:$id}){ apiClient { active } } }`,
		map[string]any{"id": c.CreateApiClient.ApiClient.ID}))
	r = bearer(t, env, token, `{ zones { code } }`, nil)
	if r.Status != http.StatusUnauthorized || len(r.Errors) != 1 || r.Errors[0].Code() != "UNAUTHENTICATED" {
		t.Errorf("a revoked token still works: %d %+v", r.Status, r.Errors)
	}
}

// TestViewerDescribesTheAPIClient: with a token, viewer says which client
// the token belongs to (a partner's developer checks that first), instead
// of an empty operator; with a session, apiClient is null.
func TestViewerDescribesTheAPIClient(t *testing.T) {
	env := testenv.New(t)
	admin := env.SignIn("admin")
	var orgs struct {
		Organizations struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	mustOK(t, "organizations", admin.Do(`{ organizations(kind: HEALTH_AUTHORITY, first: 1) { edges { node { id } } } }`, nil)).Decode(t, &orgs)
	expires := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
	var c struct {
		CreateApiClient struct {
			Token     string
			ApiClient struct{ ID string }
		}
	}
	mustOK(t, "create client", admin.Do(`mutation($in: CreateApiClientInput!){ createApiClient(input:$in){ token apiClient { id } } }`,
		map[string]any{"in": map[string]any{"name": "USL – viewer", "organizationId": orgs.Organizations.Edges[0].Node.ID,
			"role": "SOCIAL_WORKER", "zoneCodes": []string{"2"}, "scopes": []string{"interventions:read"},
			"expiresAt": expires.Format(time.RFC3339)}})).Decode(t, &c)

	const q = `{ viewer { id username roles zones { code } organization { id } apiClient { id name scopes expiresAt } } }`
	r, _, err := env.Anonymous().DoHTTP(q, nil, http.Header{"Authorization": {"Bearer " + c.CreateApiClient.Token}})
	if err != nil || len(r.Errors) > 0 {
		t.Fatalf("viewer with a token: %v %+v", err, r.Errors)
	}
	var got struct {
		Viewer struct {
			ID, Username string
			Roles        []string
			Zones        []struct{ Code string }
			Organization *struct{ ID string }
			ApiClient    *struct {
				ID, Name  string
				Scopes    []string
				ExpiresAt time.Time
			}
		}
	}
	r.Decode(t, &got)
	v := got.Viewer
	switch {
	case v.ApiClient == nil:
		t.Fatalf("no apiClient: %s", r.Data)
	case v.ID != c.CreateApiClient.ApiClient.ID || v.ApiClient.ID != v.ID || v.ApiClient.Name != "USL – viewer" || v.Username != "client:USL – viewer":
		t.Errorf("the client is not named: %s", r.Data)
	case len(v.ApiClient.Scopes) != 1 || v.ApiClient.Scopes[0] != "interventions:read" || !v.ApiClient.ExpiresAt.Equal(expires):
		t.Errorf("scopes or expiry: %s", r.Data)
	case len(v.Roles) != 1 || v.Roles[0] != "SOCIAL_WORKER" || len(v.Zones) != 1 || v.Zones[0].Code != "2" ||
		v.Organization == nil || v.Organization.ID != orgs.Organizations.Edges[0].Node.ID:
		t.Errorf("role, zones or organization: %s", r.Data)
	}

	op := env.SignIn("as.perugia").Do(`{ viewer { username apiClient { id } } }`, nil)
	if len(op.Errors) > 0 || !strings.Contains(string(op.Data), `"apiClient":null`) {
		t.Errorf("an operator's viewer: %s %+v", op.Data, op.Errors)
	}
}
