package httpapi_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/httpapi"
	"github.com/siso-project/siso/internal/testenv"
)

func TestZonesAndMunicipalities(t *testing.T) {
	env := testenv.New(t)
	c := env.SignIn("sportello.perugia")
	r := c.Do(`{ zones { code name leadMunicipality { name } municipalities { istatCode cadastralCode name } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	var d struct {
		Zones []struct {
			Code             string
			Name             string
			LeadMunicipality struct{ Name string }
			Municipalities   []struct{ IstatCode, CadastralCode, Name string }
		}
	}
	r.Decode(t, &d)
	if len(d.Zones) != 12 {
		t.Fatalf("zones = %d, want 12", len(d.Zones))
	}
	total := 0
	for i, z := range d.Zones {
		if z.Code != fmt.Sprint(i+1) {
			t.Errorf("zone %d has code %q", i, z.Code)
		}
		total += len(z.Municipalities)
	}
	if total != 92 {
		t.Errorf("municipalities = %d, want 92", total)
	}
	if d.Zones[1].Name != "Perugino" || d.Zones[1].LeadMunicipality.Name != "Perugia" {
		t.Errorf("zone 2 = %+v", d.Zones[1].Name)
	}
}

// zoneOfCitizens returns, for each citizen id, the zones it is linked to.
func zonesOf(t *testing.T, env *testenv.Env, ids []int64) map[int64][]int {
	t.Helper()
	var rows []struct {
		CitizenID int64 `bun:"citizen_id"`
		ZoneID    int   `bun:"zone_id"`
	}
	if err := env.DB.NewRaw(`SELECT citizen_id, zone_id FROM citizen_zone WHERE citizen_id IN (?)`, bunIn(ids)).Scan(context.Background(), &rows); err != nil {
		t.Fatal(err)
	}
	out := map[int64][]int{}
	for _, r := range rows {
		out[r.CitizenID] = append(out[r.CitizenID], r.ZoneID)
	}
	return out
}

func TestCitizenSearchIsScopedToTheViewersZone(t *testing.T) {
	env := testenv.New(t)
	var everywhere []int
	if err := env.DB.NewRaw(`SELECT DISTINCT residence_zone_id FROM citizen WHERE last_name = 'Rossi' ORDER BY 1`).Scan(context.Background(), &everywhere); err != nil {
		t.Fatal(err)
	}
	if len(everywhere) < 3 {
		t.Fatalf("the demo data should have Rossi in several zones, has them in %v", everywhere)
	}
	c := env.SignIn("sportello.perugia")
	r := c.Do(`{ citizens(filter: {search: "rossi"}, first: 100) { totalCount edges { node { id lastName } } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	var d struct {
		Citizens struct {
			TotalCount int
			Edges      []struct{ Node struct{ ID, LastName string } }
		}
	}
	r.Decode(t, &d)
	if d.Citizens.TotalCount == 0 || len(d.Citizens.Edges) == 0 {
		t.Fatal("no Rossi found in zone 2")
	}
	var ids []int64
	rossi := 0
	for _, e := range d.Citizens.Edges {
		ids = append(ids, dbID(t, e.Node.ID))
		if e.Node.LastName == "Rossi" {
			rossi++
		}
	}
	if rossi == 0 {
		t.Error("no citizen named Rossi among the results")
	}
	for id, zones := range zonesOf(t, env, ids) {
		inZone2 := false
		for _, z := range zones {
			inZone2 = inZone2 || z == 2
		}
		if !inZone2 {
			t.Errorf("citizen %d of zones %v is visible to the zone-2 front desk", id, zones)
		}
	}
	// totalCount counts visible rows only: compare with the database.
	var want int
	if err := env.DB.NewRaw(`SELECT count(*) FROM citizen c WHERE (c.search_name LIKE '%rossi%' OR 'rossi' <<% c.search_name)
		AND EXISTS (SELECT 1 FROM citizen_zone z WHERE z.citizen_id = c.id AND z.zone_id = 2)`).Scan(context.Background(), &want); err != nil {
		t.Fatal(err)
	}
	if d.Citizens.TotalCount != want {
		t.Errorf("totalCount = %d, want %d (zone 2 only)", d.Citizens.TotalCount, want)
	}
}

func TestFiscalCodeAndNodeReturnTheSameCitizen(t *testing.T) {
	env := testenv.New(t)
	c := env.SignIn("sportello.perugia")
	var first struct{ ID, FiscalCode string }
	var id int64
	if err := env.DB.NewRaw(`SELECT id, fiscal_code FROM citizen WHERE residence_zone_id = 2 AND fiscal_code IS NOT NULL
		AND NOT protected_address ORDER BY id LIMIT 1`).Scan(context.Background(), &id, &first.FiscalCode); err != nil {
		t.Fatal(err)
	}
	first.ID = globalID("Citizen", id)
	const fields = `id fiscalCode firstName lastName birthDate sex birthPlace { code } residence { municipality { name } address } phone email`
	byCode := c.Do(`query($cf:String!){ citizenByFiscalCode(fiscalCode: $cf) { `+fields+` } }`, map[string]any{"cf": strings.ToLower(first.FiscalCode)})
	byNode := c.Do(`query($id:ID!){ node(id: $id) { ... on Citizen { `+fields+` } } }`, map[string]any{"id": first.ID})
	byID := c.Do(`query($id:ID!){ citizen(id: $id) { `+fields+` } }`, map[string]any{"id": first.ID})
	for _, r := range []testenv.Response{byCode, byNode, byID} {
		if len(r.Errors) > 0 {
			t.Fatal(r.Errors)
		}
	}
	var a, b, x map[string]map[string]any
	byCode.Decode(t, &a)
	byNode.Decode(t, &b)
	byID.Decode(t, &x)
	if fmt.Sprint(a["citizenByFiscalCode"]) != fmt.Sprint(b["node"]) || fmt.Sprint(b["node"]) != fmt.Sprint(x["citizen"]) {
		t.Errorf("different answers:\n%v\n%v\n%v", a, b, x)
	}
	if a["citizenByFiscalCode"]["id"] != first.ID {
		t.Errorf("id %v, want %v", a["citizenByFiscalCode"]["id"], first.ID)
	}
}

func TestOutOfScopeCitizenIsNotFoundLikeAnUnknownOne(t *testing.T) {
	env := testenv.New(t)
	var id int64
	var code string
	if err := env.DB.NewRaw(`SELECT c.id, c.fiscal_code FROM citizen c WHERE c.residence_zone_id = 2 AND c.fiscal_code IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM citizen_zone z WHERE z.citizen_id = c.id AND z.zone_id = 10) LIMIT 1`).Scan(context.Background(), &id, &code); err != nil {
		t.Fatal(err)
	}
	c := env.SignIn("as.terni")
	gid := globalID("Citizen", id)
	cases := []struct {
		name, query string
		vars        map[string]any
	}{
		{"citizen(id)", `query($id:ID!){ citizen(id:$id){ id firstName } }`, map[string]any{"id": gid}},
		{"node(id)", `query($id:ID!){ node(id:$id){ id } }`, map[string]any{"id": gid}},
		{"retyped id", `query($id:ID!){ node(id:$id){ id } }`, map[string]any{"id": globalID("Access", id)}},
		{"unknown id", `query($id:ID!){ citizen(id:$id){ id } }`, map[string]any{"id": globalID("Citizen", 999999999)}},
		{"fiscal code", `query($cf:String!){ citizenByFiscalCode(fiscalCode:$cf){ id } }`, map[string]any{"cf": code}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Do(tc.query, tc.vars)
			if len(r.Errors) != 1 || r.Errors[0].Code() != "NOT_FOUND" {
				t.Fatalf("errors = %+v, want one NOT_FOUND", r.Errors)
			}
			if strings.Contains(string(r.Data), "firstName\":\"") {
				t.Errorf("data leaked: %s", r.Data)
			}
		})
	}
	r := c.Do(`query($cf:String!){ citizens(filter:{fiscalCode:$cf}){ totalCount edges { node { id } } } }`, map[string]any{"cf": code})
	if !strings.Contains(string(r.Data), `"totalCount":0`) {
		t.Errorf("search by fiscal code found an out-of-scope citizen: %s", r.Data)
	}
}

func TestCreateCitizenWithWrongCheckCharacterWritesNothing(t *testing.T) {
	env := testenv.New(t)
	c := env.SignIn("sportello.perugia")
	count := func() int {
		n, err := env.DB.NewSelect().Table("citizen").Count(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	before := count()
	const createQ = `mutation($in: CreateCitizenInput!){ createCitizen(input:$in){ citizen { id fiscalCode birthDate sex } } }`
	in := map[string]any{"fiscalCode": "RSSMRA85T10A562X", "firstName": "Mario", "lastName": "Rossi",
		"residence": map[string]any{"municipalityIstatCode": "054039", "address": "Via dei Priori 1"}}
	r := c.Do(createQ, map[string]any{"in": in})
	if len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "fiscalCode" {
		t.Fatalf("errors = %+v, want BAD_USER_INPUT on fiscalCode", r.Errors)
	}
	if !strings.Contains(r.Errors[0].Message, "check character") {
		t.Errorf("message %q does not say what is wrong", r.Errors[0].Message)
	}
	if after := count(); after != before {
		t.Errorf("citizens %d → %d: something was written", before, after)
	}
	// The right code creates the citizen, with birth date and sex derived.
	in["fiscalCode"] = "RSSMRA85T10A562S"
	r = c.Do(createQ, map[string]any{"in": in})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if !strings.Contains(string(r.Data), `"birthDate":"1985-12-10","sex":"M"`) {
		t.Errorf("derived identity: %s", r.Data)
	}
	if count() != before+1 {
		t.Error("citizen not written")
	}
	// Registering the same person again (another code, same name and birth
	// date: a typo in the code) warns of the possible duplicate.
	r = c.Do(`mutation($in: CreateCitizenInput!){ createCitizen(input:$in){ citizen { id } possibleDuplicates { lastName birthDate match } } }`,
		map[string]any{"in": map[string]any{"noFiscalCode": true, "firstName": "Mario", "lastName": "Rossi", "birthDate": "1985-12-10", "sex": "M"}})
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"possibleDuplicates":[{"lastName":"Rossi","birthDate":"1985-12-10","match":"NAME_AND_BIRTH_DATE"}`) {
		t.Errorf("no duplicate warning: %s %+v", r.Data, r.Errors)
	}
	// A declared birth date that disagrees with the code is refused.
	in["fiscalCode"], in["birthDate"] = "BNCLCU84B29F205T", "1984-03-01"
	in["firstName"], in["lastName"] = "Luca", "Bianchi"
	r = c.Do(createQ, map[string]any{"in": in})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["field"] != "birthDate" {
		t.Fatalf("errors = %+v, want BAD_USER_INPUT on birthDate", r.Errors)
	}
}

func TestListsDoNotIssueOneQueryPerItem(t *testing.T) {
	env := testenv.New(t, testenv.CountingStatements())
	c := env.SignIn("as.perugia")
	const q = `query($n:Int!){ citizens(filter:{zoneCode:"2"}, first:$n) { edges { node {
		id firstName lastName residence { municipality { name zone { code } } }
		household { size members { id firstName } }
		accesses(first: 5) { totalCount edges { node { occurredAt office { name } needs { category { code } } } } }
		cases(first: 5) { totalCount edges { node { id status responsible { displayName } } } }
	} } } }`
	statements := func(n int) int64 {
		env.Queries.Reset()
		r := c.Do(q, map[string]any{"n": n})
		for _, e := range r.Errors {
			if e.Code() != "FORBIDDEN" { // protected addresses are denied, correctly
				t.Fatalf("first %d: %v", n, e)
			}
		}
		if got := strings.Count(string(r.Data), `"firstName"`); got < n {
			t.Fatalf("first %d returned %d names", n, got)
		}
		return env.Queries.Count()
	}
	// 50 and 100 citizens of zone 2 reach every branch of the query (some
	// have households, accesses and cases); with fewer some branches are
	// empty and take no statement at all.
	statements(1) // the first request loads the process's reference data
	small, large := statements(50), statements(100)
	t.Logf("SQL statements: %d for 50 citizens, %d for 100", small, large)
	if large != small {
		t.Errorf("100 citizens took %d statements, 50 took %d: the count grows with the list", large, small)
	}
	if large > 20 { // the page, its children, the session and the audit trail's batched write
		t.Errorf("%d statements for one page is more than the query's depth needs", large)
	}
}

func TestUnlistedFieldIsDenied(t *testing.T) {
	env := testenv.New(t, httpapi.WithPolicies(authz.Fields.Without("Citizen.lastName")))
	c := env.SignIn("sportello.perugia")
	r := c.Do(`{ citizens(filter:{zoneCode:"2"}, first: 2) { edges { node { firstName lastName } } } }`, nil)
	e, ok := r.ErrorAt("citizens", "edges", 0, "node", "lastName")
	if !ok || e.Code() != "FORBIDDEN" || e.Extensions["policy"] != "unlisted" {
		t.Fatalf("errors = %+v, want FORBIDDEN with policy unlisted at lastName", r.Errors)
	}
	if strings.Contains(string(r.Data), `"lastName":"`) {
		t.Errorf("an unlisted field was returned: %s", r.Data)
	}
	if !strings.Contains(string(r.Data), `"firstName":"`) {
		t.Errorf("the rest of the response is missing: %s", r.Data)
	}
}

func TestAnonymousRequestsAreRefused(t *testing.T) {
	env := testenv.New(t)
	r := env.Anonymous().Do(`{ citizens { totalCount } zones { code } }`, nil)
	if len(r.Errors) == 0 {
		t.Fatal("no error")
	}
	for _, e := range r.Errors {
		if e.Code() != "UNAUTHENTICATED" {
			t.Errorf("error %+v, want UNAUTHENTICATED", e)
		}
	}
}

func TestSignInWithWrongPasswordFails(t *testing.T) {
	env := testenv.New(t)
	r := env.Anonymous().Do(`mutation{ signIn(input:{username:"admin", password:"wrong-password"}){ viewer { username } } }`, nil)
	if len(r.Errors) != 1 || r.Errors[0].Code() != "UNAUTHENTICATED" {
		t.Fatalf("errors = %+v", r.Errors)
	}
}
