package httpapi_test

import (
	"context"
	"strings"
	"testing"

	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/testenv"
)

type trailEntry struct {
	Actor, Action, Channel string
	Tiers                  []string
	Emergency              bool
	Reason, OperationName  *string
}

func trailOf(t *testing.T, dpo *testenv.Client, vars map[string]any) []trailEntry {
	t.Helper()
	var d struct {
		AuditTrail struct {
			TotalCount int
			Entries    []trailEntry
		}
	}
	mustOK(t, "auditTrail", dpo.Do(`query($id:ID, $cf:String){ auditTrail(citizenId:$id, fiscalCode:$cf, first: 100){ citizenId totalCount
		entries { at actor action channel tiers emergency reason operationName } } }`, vars)).Decode(t, &d)
	return d.AuditTrail.Entries
}

// The Done-when of the privacy issue: as.terni cannot reach a zone-2 citizen;
// after declareEmergencyAccess with a reason it can, and the DPO's
// auditTrail shows the read as an emergency with the reason.
func TestEmergencyReadIsInTheDPOsTrail(t *testing.T) {
	env := testenv.New(t)
	citizenID, _ := zone2CaseOfPerugia(t, env)
	var code string
	if err := env.DB.NewRaw(`SELECT fiscal_code FROM citizen WHERE id = ?`, citizenID).Scan(context.Background(), &code); err != nil {
		t.Fatal(err)
	}
	terni := env.SignIn("as.terni")
	for _, q := range []string{
		`query($id:ID!){ citizen(id:$id){ id } }`,
		`query($id:ID!){ node(id:$id){ id } }`,
	} {
		if r := terni.Do(q, map[string]any{"id": globalID("Citizen", citizenID)}); !containsCode(r, "NOT_FOUND") {
			t.Fatalf("as.terni reached the citizen: %s", r.Data)
		}
	}
	if r := terni.Do(`query($cf:String!){ citizens(filter:{search:$cf}){ totalCount } citizenByFiscalCode(fiscalCode:$cf){ id } }`,
		map[string]any{"cf": code}); !strings.Contains(string(r.Data), `"totalCount":0`) || !containsCode(r, "NOT_FOUND") {
		t.Fatalf("as.terni found the citizen by codice fiscale: %s", r.Data)
	}
	const reason = "Chiamata dei carabinieri: minore solo in casa, serve il nucleo familiare"
	mustOK(t, "declare", terni.Do(`mutation($cf:String!,$r:String!){ declareEmergencyAccess(input:{fiscalCode:$cf, reason:$r}){ emergencyAccess { id } } }`,
		map[string]any{"cf": code, "r": reason}))
	mustOK(t, "read under emergency", terni.Do(`query CartellaEmergenza($id:ID!){ citizen(id:$id){ firstName lastName phone household { size } } }`,
		map[string]any{"id": globalID("Citizen", citizenID)}))

	dpo := env.SignIn("dpo")
	entries := trailOf(t, dpo, map[string]any{"cf": code})
	var declared, read bool
	for _, e := range entries {
		if e.Actor != "as.terni" {
			continue
		}
		switch e.Action {
		case "EMERGENCY":
			declared = e.Emergency && e.Reason != nil && *e.Reason == reason
		case "READ":
			if e.Emergency && e.Reason != nil && *e.Reason == reason && e.OperationName != nil && *e.OperationName == "CartellaEmergenza" {
				read = true
			}
		}
	}
	if !declared || !read {
		t.Fatalf("the trail does not show the emergency (declared %v, read %v): %+v", declared, read, entries)
	}
	// Other people's reads are there too, and the DPO's own lookups are recorded as searches.
	if r := env.SignIn("as.perugia").Do(`query($id:ID!){ citizen(id:$id){ lastName } }`, map[string]any{"id": globalID("Citizen", citizenID)}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	found := false
	for _, e := range trailOf(t, dpo, map[string]any{"id": globalID("Citizen", citizenID)}) {
		found = found || (e.Actor == "as.perugia" && e.Action == "READ" && !e.Emergency)
	}
	if !found {
		t.Error("the social worker's read is not in the trail")
	}
	var searches int
	if err := env.DB.NewRaw(`SELECT count(*) FROM audit_event WHERE actor_label = 'dpo' AND action = 'SEARCH'`).Scan(context.Background(), &searches); err != nil {
		t.Fatal(err)
	}
	if searches == 0 {
		t.Error("the DPO's lookup by codice fiscale was not recorded")
	}
	// Nobody else reads the trail.
	for _, u := range []string{"as.perugia", "resp.perugia", "admin"} {
		if r := env.SignIn(u).Do(`query($id:ID!){ auditTrail(citizenId:$id){ totalCount } }`, map[string]any{"id": globalID("Citizen", citizenID)}); !containsCode(r, "FORBIDDEN") {
			t.Errorf("%s read the audit trail: %s", u, r.Data)
		}
	}
	// The chain holds.
	res, err := (&audit.Log{DB: env.DB}).Verify(context.Background())
	if err != nil || !res.OK {
		t.Errorf("audit chain: %+v %v", res, err)
	}
}

// Every read of personal data is recorded before the response leaves; a
// search is recorded as a search, with the shape of its terms and never the
// terms themselves.
func TestReadsAndSearchesAreAudited(t *testing.T) {
	env := testenv.New(t)
	c := env.SignIn("sportello.perugia")
	var d struct {
		Citizens struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	mustOK(t, "search", c.Do(`query Ricerca { citizens(filter:{search:"rossi"}, first: 3){ edges { node { id lastName phone } } } }`, nil)).Decode(t, &d)
	if len(d.Citizens.Edges) == 0 {
		t.Fatal("no results")
	}
	var shape string
	if err := env.DB.NewRaw(`SELECT search_shape::text FROM audit_event WHERE actor_label = 'sportello.perugia' AND action = 'SEARCH'
		ORDER BY id DESC LIMIT 1`).Scan(context.Background(), &shape); err != nil {
		t.Fatalf("no SEARCH event: %v", err)
	}
	if compact := strings.ReplaceAll(shape, " ", ""); strings.Contains(strings.ToLower(shape), "rossi") || !strings.Contains(compact, `"length":5`) {
		t.Errorf("search shape %s", shape)
	}
	for _, e := range d.Citizens.Edges {
		var tiers string
		if err := env.DB.NewRaw(`SELECT array_to_string(tiers, ',') FROM audit_event WHERE actor_label = 'sportello.perugia'
			AND action = 'READ' AND citizen_id = ? ORDER BY id DESC LIMIT 1`, dbID(t, e.Node.ID)).Scan(context.Background(), &tiers); err != nil {
			t.Fatalf("no READ event for %s: %v", e.Node.ID, err)
		}
		if !strings.Contains(tiers, "IDENTITY") {
			t.Errorf("READ tiers %q", tiers)
		}
	}
}

// No audit record, no personal data: when the trail cannot be written the
// response carries none.
func TestNoAuditNoData(t *testing.T) {
	env := testenv.New(t)
	c := env.SignIn("sportello.perugia")
	if _, err := env.DB.ExecContext(context.Background(), `ALTER TABLE audit_event ADD CONSTRAINT test_refuse CHECK (action <> 'READ')`); err != nil {
		t.Fatal(err)
	}
	r := c.Do(`{ citizens(filter:{zoneCode:"2"}, first: 2){ edges { node { firstName lastName } } } }`, nil)
	if strings.Contains(string(r.Data), "firstName") || !containsCode(r, "INTERNAL") {
		t.Fatalf("personal data left without its audit record: %s %+v", r.Data, r.Errors)
	}
	// Reference data needs no audit record and still flows.
	mustOK(t, "zones", c.Do(`{ zones { code } }`, nil))
}
