package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/siso-project/siso/internal/testenv"
)

// A field is decided once per object and viewer, whichever root field
// reaches the object (DESIGN.md section 3, rule 5): node(id:), nodes(ids:)
// with that id alone, nodes(ids:) with ids of other relationships and other
// types around it, and the typed root field give the same value or the same
// FORBIDDEN (with the same policy) field by field.
func TestNodeAndNodesDecideFieldsAlike(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	var opID int64
	if err := env.DB.NewRaw(`SELECT id FROM operator WHERE username = 'as.perugia'`).Scan(ctx, &opID); err != nil {
		t.Fatal(err)
	}
	// The demo viewer's subjects: a citizen of one of their cases
	// (CASE_TEAM), a citizen of their zone only (ZONE), one of another zone
	// (does not exist for them), one of their cases, an access, an office.
	var teamCitizen, teamCase, zoneCitizen, otherCitizen, access, office int64
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(env.DB.NewRaw(`SELECT m.citizen_id, m.case_id FROM case_member m
		WHERE m.operator_id = ? AND m.valid_from <= current_date AND (m.valid_to IS NULL OR m.valid_to >= current_date)
		ORDER BY m.case_id LIMIT 1`, opID).Scan(ctx, &teamCitizen, &teamCase))
	must(env.DB.NewRaw(`SELECT cz.citizen_id FROM citizen_zone cz WHERE cz.zone_id = 2
		AND NOT EXISTS (SELECT 1 FROM case_member m WHERE m.citizen_id = cz.citizen_id AND m.operator_id = ?)
		AND NOT EXISTS (SELECT 1 FROM case_grant g WHERE g.citizen_id = cz.citizen_id)
		AND NOT EXISTS (SELECT 1 FROM emergency_access e WHERE e.citizen_id = cz.citizen_id)
		AND EXISTS (SELECT 1 FROM care_case k WHERE k.citizen_id = cz.citizen_id)
		ORDER BY 1 LIMIT 1`, opID).Scan(ctx, &zoneCitizen))
	must(env.DB.NewRaw(`SELECT c.id FROM citizen c WHERE NOT EXISTS (SELECT 1 FROM citizen_zone cz WHERE cz.citizen_id = c.id AND cz.zone_id = 2)
		AND NOT EXISTS (SELECT 1 FROM case_member m WHERE m.citizen_id = c.id AND m.operator_id = ?)
		ORDER BY 1 LIMIT 1`, opID).Scan(ctx, &otherCitizen))
	must(env.DB.NewRaw(`SELECT id FROM access WHERE citizen_id = ? ORDER BY id LIMIT 1`, teamCitizen).Scan(ctx, &access))
	must(env.DB.NewRaw(`SELECT id FROM office WHERE zone_id = 2 ORDER BY id LIMIT 1`).Scan(ctx, &office))

	const citizenFields = `id fiscalCode firstName lastName birthDate sex citizenship language residence { address }
		phone email protectedAddress household { size } relations { totalCount } accesses { totalCount }
		cases { totalCount } interventions { totalCount } referrals { totalCount } consents { totalCount } version`
	const caseFields = `id status openedAt summary closureNotes userArea { code } responsible { username }
		members { totalCount } assessments { totalCount } activities { totalCount } citizen { firstName fiscalCode }`
	const accessFields = `id occurredAt channel notes citizen { firstName lastName }`
	const officeFields = `id name kind zone { code }`
	type subject struct {
		name, typ, fields string
		id                int64
	}
	subjects := []subject{
		{"citizen of a case of theirs", "Citizen", citizenFields, teamCitizen},
		{"citizen of their zone", "Citizen", citizenFields, zoneCitizen},
		{"citizen of another zone", "Citizen", citizenFields, otherCitizen},
		{"their case", "Case", caseFields, teamCase},
		{"an access of their case's citizen", "Access", accessFields, access},
		{"an office", "Office", officeFields, office},
	}
	fragments := func() string {
		var b strings.Builder
		seen := map[string]bool{}
		for _, s := range subjects {
			if !seen[s.typ] {
				seen[s.typ] = true
				fmt.Fprintf(&b, " ... on %s { %s }", s.typ, s.fields)
			}
		}
		return b.String()
	}()
	client := env.SignIn("as.perugia")
	decide := func(t *testing.T, query string, vars map[string]any, path ...any) map[string]string {
		t.Helper()
		r := client.Do(query, vars)
		return decisions(t, r, path...)
	}
	var all []any
	for _, s := range subjects {
		all = append(all, globalID(s.typ, s.id))
	}
	for i, s := range subjects {
		gid := globalID(s.typ, s.id)
		t.Run(s.name, func(t *testing.T) {
			want := decide(t, `query($id:ID!){ node(id:$id){`+fragments+` } }`, map[string]any{"id": gid}, "node")
			ways := []struct {
				name string
				got  map[string]string
			}{
				{"nodes(one id)", decide(t, `query($ids:[ID!]!){ nodes(ids:$ids){`+fragments+` } }`,
					map[string]any{"ids": []any{gid}}, "nodes", 0)},
				{"nodes(several ids)", decide(t, `query($ids:[ID!]!){ nodes(ids:$ids){`+fragments+` } }`,
					map[string]any{"ids": all}, "nodes", i)},
			}
			if s.typ == "Citizen" {
				ways = append(ways, struct {
					name string
					got  map[string]string
				}{"citizen(id:)", decide(t, `query($id:ID!){ citizen(id:$id){ `+citizenFields+` } }`,
					map[string]any{"id": gid}, "citizen")})
			}
			for _, w := range ways {
				compareDecisions(t, w.name, want, w.got)
			}
		})
	}
	// The case's own citizen must be readable at all, or the comparison
	// above would compare nothing but denials.
	want := decide(t, `query($id:ID!){ node(id:$id){ ... on Citizen { firstName } } }`,
		map[string]any{"id": globalID("Citizen", teamCitizen)}, "node")
	if !strings.HasPrefix(want["firstName"], "value ") {
		t.Fatalf("node(id:) of a citizen of the viewer's case: firstName is %s, want a value", want["firstName"])
	}
}

// decisions reads the object at path of a response as a map from each
// field to "value <json>" or the error code and policy at that field, or
// "null" for an object that does not exist for the viewer (node(id:) adds
// NOT_FOUND, nodes(ids:) documents a bare null in its place).
func decisions(t *testing.T, r testenv.Response, path ...any) map[string]string {
	t.Helper()
	var data any
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatalf("decode %s: %v", r.Data, err)
	}
	obj := data
	for _, p := range path {
		switch k := p.(type) {
		case string:
			obj = obj.(map[string]any)[k]
		case int:
			obj = obj.([]any)[k]
		}
	}
	out := map[string]string{}
	if obj == nil {
		out[""] = "null"
		return out
	}
	for field, v := range obj.(map[string]any) {
		p := append(append([]any{}, path...), field)
		if e, ok := r.ErrorAt(p...); ok {
			policy, _ := e.Extensions["policy"].(string)
			out[field] = "error " + e.Code() + " " + policy
			continue
		}
		raw, _ := json.Marshal(v)
		out[field] = "value " + string(raw)
	}
	return out
}

func compareDecisions(t *testing.T, way string, want, got map[string]string) {
	t.Helper()
	for f, w := range want {
		if g := got[f]; g != w {
			t.Errorf("%s: field %q is %s, node(id:) gave %s", way, f, g, w)
		}
	}
	for f, g := range got {
		if _, ok := want[f]; !ok {
			t.Errorf("%s: field %q is %s, node(id:) did not answer it", way, f, g)
		}
	}
}
