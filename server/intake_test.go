package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/database"
)

// registerAccess is the front desk's write.
const registerAccess = `mutation($in: RegisterAccessInput!){ registerAccess(input:$in){ access { id } } }`

// intakeInput is an access of one of the front desk's citizens at their
// office, without its idempotency key.
func intakeInput(t *testing.T, desk *gqlClient) map[string]any {
	t.Helper()
	o := desk.post(`{ viewer { offices { id } } citizens(filter: {search: "rossi"}, first: 1) { edges { node { id } } } }`, nil)
	var d struct {
		Viewer   struct{ Offices []struct{ ID string } }
		Citizens struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	if o.err != nil || len(o.errors) > 0 || json.Unmarshal(o.data, &d) != nil || len(d.Viewer.Offices) == 0 || len(d.Citizens.Edges) == 0 {
		t.Fatalf("the front desk's office and a citizen: %+v", o)
	}
	return map[string]any{"citizenId": d.Citizens.Edges[0].Node.ID, "officeId": d.Viewer.Offices[0].ID,
		"channel": "IN_PERSON", "outcome": "INFORMATION", "needs": []map[string]any{{"code": "MU_INFORMATION"}},
		"notes": "siso lifecycle test"}
}

// countAccesses counts the stored accesses with these idempotency keys.
func countAccesses(t *testing.T, s *served, keys ...string) int {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, s.dsn, database.Options{MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.NewRaw(`SELECT count(*) FROM access WHERE idempotency_key IN (?)`, bun.In(keys)).Scan(ctx, &n); err != nil {
		t.Fatal(err)
	}
	return n
}
