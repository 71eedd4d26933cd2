package httpapi_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/testenv"
)

// TestPartnerExampleScript runs docs/partners/interventions.sh, as a
// partner's developer would, against a real server with a real token: it
// must page through every intervention of zone 2 that the client may read,
// once each. It needs curl and jq (make test installs them; set
// SISO_REQUIRE_PARTNER_TOOLS=1 to fail rather than skip without them).
func TestPartnerExampleScript(t *testing.T) {
	for _, tool := range []string{"sh", "curl", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("SISO_REQUIRE_PARTNER_TOOLS") != "" {
				t.Fatalf("%s is missing", tool)
			}
			t.Skipf("%s is missing", tool)
		}
	}
	env := testenv.New(t)
	admin := env.SignIn("admin")
	// The organization's id, found as the README says.
	var orgs struct {
		Organizations struct {
			Edges []struct{ Node struct{ ID, Name string } }
		}
	}
	mustOK(t, "organizations", admin.Do(`{ organizations(kind: HEALTH_AUTHORITY, first: 20) { edges { node { id name } } } }`, nil)).Decode(t, &orgs)
	if len(orgs.Organizations.Edges) == 0 {
		t.Fatal("no health authority")
	}
	var c struct{ CreateApiClient struct{ Token string } }
	mustOK(t, "create client", admin.Do(
		`mutation($in: CreateApiClientInput!){ createApiClient(input:$in){ token } }`,
		map[string]any{"in": map[string]any{"name": "USL – example script", "organizationId": orgs.Organizations.Edges[0].Node.ID,
			"role": "SOCIAL_WORKER", "zoneCodes": []string{"2"}, "scopes": []string{"interventions:read", "citizens:identity:read"},
			"expiresAt": time.Now().Add(24 * time.Hour).Format(time.RFC3339)}})).Decode(t, &c)

	// What the client may read, asked directly.
	r, _, err := env.Anonymous().DoHTTP(`{ interventions(filter:{zoneCode:"2"}, first:1){ totalCount } }`, nil,
		http.Header{"Authorization": {"Bearer " + c.CreateApiClient.Token}})
	if err != nil || len(r.Errors) > 0 {
		t.Fatalf("count: %v %+v", err, r.Errors)
	}
	var count struct{ Interventions struct{ TotalCount int } }
	r.Decode(t, &count)
	if count.Interventions.TotalCount <= 100 {
		t.Fatalf("zone 2 has %d interventions: too few to page", count.Interventions.TotalCount)
	}

	script, _ := filepath.Abs("../../docs/partners/interventions.sh")
	cmd := exec.Command("sh", script)
	cmd.Env = append(os.Environ(), "SISO_URL="+env.Server.URL, "SISO_TOKEN="+c.CreateApiClient.Token)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the script failed: %v\n%s", err, stderr.String())
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var node struct {
			ID      string
			Citizen *struct{ LastName string }
		}
		if err := json.Unmarshal(sc.Bytes(), &node); err != nil || node.ID == "" {
			t.Fatalf("not an intervention: %q (%v)", sc.Text(), err)
		}
		if seen[node.ID] {
			t.Fatalf("intervention %s printed twice", node.ID)
		}
		seen[node.ID] = true
	}
	if len(seen) != count.Interventions.TotalCount {
		t.Fatalf("the script printed %d interventions, the API counts %d", len(seen), count.Interventions.TotalCount)
	}
}
