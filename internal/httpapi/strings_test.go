package httpapi_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/siso-project/siso/internal/testenv"
)

// Strings PostgreSQL or the contract cannot take are BAD_USER_INPUT naming
// the field, and nothing is written.
func TestStringsTheDatabaseCannotTakeAreRefused(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	var id int64
	var version int
	if err := env.DB.NewRaw(`SELECT id, version FROM citizen WHERE residence_zone_id = 2 AND NOT protected_address ORDER BY id LIMIT 1`).
		Scan(ctx, &id, &version); err != nil {
		t.Fatal(err)
	}
	var office string
	desk := env.SignIn("sportello.perugia")
	var viewer struct {
		Viewer struct{ Offices []struct{ ID, Kind string } }
	}
	mustOK(t, "viewer offices", desk.Do(`{ viewer { offices { id kind } } }`, nil)).Decode(t, &viewer)
	for _, o := range viewer.Viewer.Offices {
		if o.Kind == "CITIZENS_OFFICE" {
			office = o.ID
		}
	}
	cid := globalID("Citizen", id)
	const update = `mutation($in: UpdateCitizenInput!){ updateCitizen(input:$in){ citizen { version } } }`
	const register = `mutation($in: RegisterAccessInput!){ registerAccess(input:$in){ access { id } } }`
	access := func(notes any) map[string]any {
		return map[string]any{"in": map[string]any{"citizenId": cid, "officeId": office, "channel": "IN_PERSON",
			"outcome": "INFORMATION", "needs": []map[string]any{{"code": "PV_INCOME"}}, "notes": notes}}
	}
	counts := func() (accesses, events, v int) {
		t.Helper()
		if err := env.DB.NewRaw(`SELECT (SELECT count(*) FROM access), (SELECT count(*) FROM audit_event), (SELECT version FROM citizen WHERE id = ?)`, id).
			Scan(ctx, &accesses, &events, &v); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, tc := range []struct {
		name  string
		query string
		vars  map[string]any
		field string
	}{
		{"NUL in a search variable", `query($s:String){ citizens(filter:{search:$s}){ totalCount } }`, map[string]any{"s": "Ros\x00si"}, "filter.search"},
		{"NUL in a search literal", `{ citizens(filter:{search:"Ros\u0000si"}){ totalCount } }`, nil, "filter.search"},
		{"NUL in an argument", `query($s:String){ municipalities(search:$s){ name } }`, map[string]any{"s": "\x00"}, "search"},
		{"NUL in a fiscal code", `query($f:String!){ citizenByFiscalCode(fiscalCode:$f){ id } }`, map[string]any{"f": "RSSMRA85T10A562S\x00"}, "fiscalCode"},
		{"NUL in an id", `query($id:ID!){ citizen(id:$id){ id } }`, map[string]any{"id": cid + "\x00"}, "id"},
		{"NUL in notes", register, access("first visit\x00"), "notes"},
		{"a number for a String", update, map[string]any{"in": map[string]any{"id": cid, "version": version, "phone": 751234}}, "phone"},
		{"a number for String notes", register, access(12.5), "notes"},
		{"a fraction for an ID", `query($id:ID!){ citizen(id:$id){ id } }`, map[string]any{"id": 1.5}, "id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a0, e0, v0 := counts()
			r := desk.Do(tc.query, tc.vars)
			if len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != tc.field {
				t.Fatalf("errors %+v, data %s; want one BAD_USER_INPUT on %s", r.Errors, r.Data, tc.field)
			}
			if a, e, v := counts(); a != a0 || e != e0 || v != v0 {
				t.Errorf("written: accesses %d→%d, audit events %d→%d, citizen version %d→%d", a0, a, e0, e, v0, v)
			}
		})
	}
	// Over raw bytes: a mutation followed by garbage, or carrying a lone
	// surrogate, is refused whole.
	raw := newRawClient(t, env, "sportello.perugia")
	mutation := func(phone string) string {
		_, _, v := counts()
		return `{"query":"mutation($id:ID!,$p:String){ updateCitizen(input:{id:$id, version:` + jsonInt(v) + `, phone:$p}){ citizen { version } } }",` +
			`"variables":{"id":"` + cid + `","p":` + phone + `}}`
	}
	for _, tc := range []struct{ name, body string }{
		{"trailing garbage", mutation(`"075 123456"`) + ` {"query":"x"}`},
		{"lone surrogate", mutation(`"075\udfff123456"`)},
		{"invalid UTF-8", mutation("\"075\xed\xa0\x80123456\"")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a0, e0, v0 := counts()
			status, r := raw.post(t, tc.body)
			if status != http.StatusBadRequest || len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" {
				t.Fatalf("status %d, errors %+v", status, r.Errors)
			}
			if a, e, v := counts(); a != a0 || e != e0 || v != v0 {
				t.Errorf("written: accesses %d→%d, audit events %d→%d, citizen version %d→%d", a0, a, e0, e, v0, v)
			}
		})
	}
	// The same mutation, well formed, is written (the cases above fail for
	// their flaw alone).
	if status, r := raw.post(t, mutation(`"075 123456"`)); status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("a valid update: %d %+v", status, r.Errors)
	}
}

func jsonInt(n int) string { return strconv.Itoa(n) }
