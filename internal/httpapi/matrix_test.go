package httpapi_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/codicefiscale"
	"github.com/siso-project/siso/internal/testenv"
)

// fixtures builds citizens of zone 7 (far from every demo viewer) and the
// one relationship a scenario needs.
type fixtures struct {
	t        *testing.T
	db       *bun.DB
	n        int
	muni     int64 // a municipality of zone 7
	office   int64 // its social service
	operator int64 // an operator of zone 7 (requests and opens things)
	otherOrg int64 // a provider that is not the demo cooperative
}

func newFixtures(t *testing.T, env *testenv.Env) *fixtures {
	f := &fixtures{t: t, db: env.DB}
	ctx := context.Background()
	must := func(err error) {
		if err != nil {
			t.Helper()
			t.Fatal(err)
		}
	}
	must(env.DB.NewRaw(`SELECT id FROM municipality WHERE zone_id = 7 ORDER BY id LIMIT 1`).Scan(ctx, &f.muni))
	must(env.DB.NewRaw(`SELECT id FROM office WHERE zone_id = 7 AND kind = 'SOCIAL_SERVICE' ORDER BY id LIMIT 1`).Scan(ctx, &f.office))
	must(env.DB.NewRaw(`SELECT r.operator_id FROM operator_role r WHERE r.zone_id = 7 AND r.role = 'SOCIAL_WORKER' ORDER BY 1 LIMIT 1`).Scan(ctx, &f.operator))
	must(env.DB.NewRaw(`SELECT id FROM organization WHERE kind = 'HEALTH_AUTHORITY' ORDER BY id LIMIT 1`).Scan(ctx, &f.otherOrg))
	return f
}

func (f *fixtures) exec(q string, args ...any) {
	f.t.Helper()
	if _, err := f.db.ExecContext(context.Background(), q, args...); err != nil {
		f.t.Fatal(err)
	}
}

// citizen makes a zone-7 citizen with every identity and contact field
// set, an access, a case, an intervention by provider, a relation and a
// consent, and returns its id and its case's id.
func (f *fixtures) citizen(provider int64) (int64, int64) {
	f.t.Helper()
	f.n++
	ctx := context.Background()
	first, last := "Matrice", fmt.Sprintf("Prova%c%c", 'A'+f.n%26, 'A'+f.n/26)
	birth := time.Date(1950+f.n%40, time.Month(1+f.n%12), 1+f.n%27, 0, 0, 0, 0, time.UTC)
	code, err := codicefiscale.Compute(last, first, birth, "F", "G478")
	if err != nil {
		f.t.Fatal(err)
	}
	var id, caseID, accessID int64
	if err := f.db.NewRaw(`INSERT INTO citizen (fiscal_code, first_name, last_name, birth_date, birth_place_code, sex,
		citizenship, residence_municipality_id, residence_address, residence_postcode, phone, email, language)
		VALUES (?, ?, ?, ?, 'G478', 'F', 'IT', ?, 'Via Matrice 1', '06049', '075 000000', 'matrice@example.org', 'it') RETURNING id`,
		code, first, last, birth, f.muni).Scan(ctx, &id); err != nil {
		f.t.Fatal(err)
	}
	if err := f.db.NewRaw(`INSERT INTO access (citizen_id, occurred_at, office_id, zone_id, operator_id, channel, speaker_kind, outcome_code, notes)
		VALUES (?, now() - interval '3 days', ?, 7, ?, 'IN_PERSON', 'CITIZEN', 'GUIDANCE', 'note riservate') RETURNING id`,
		id, f.office, f.operator).Scan(ctx, &accessID); err != nil {
		f.t.Fatal(err)
	}
	if err := f.db.NewRaw(`INSERT INTO care_case (citizen_id, zone_id, office_id, user_area_code, status, opened_at, responsible_operator_id, summary)
		VALUES (?, 7, ?, 'ELDERLY', 'OPEN', now() - interval '2 days', ?, 'sintesi riservata') RETURNING id`,
		id, f.office, f.operator).Scan(ctx, &caseID); err != nil {
		f.t.Fatal(err)
	}
	f.exec(`INSERT INTO intervention (citizen_id, case_id, zone_id, type_code, provider_organization_id, status, start_date,
		amount_cents, requested_at, requested_by) VALUES (?, ?, 7, 'HOME_CARE', ?, 'ACTIVE', current_date - 1, 10000, now(), ?)`,
		id, caseID, provider, f.operator)
	f.exec(`INSERT INTO consent (citizen_id, purpose, informed_at, given) VALUES (?, 'CARE', now(), true)`, id)
	return id, caseID
}

// The matrix, walked end to end: for every demo role and every
// relationship it can have, a citizen is built with exactly that
// relationship, every protected field of the citizen is read through
// GraphQL, and each answer must be the one the policy code (and so
// docs/authorization.md) gives.
func TestAuthorizationMatrixEndToEnd(t *testing.T) {
	env := testenv.New(t)
	fx := newFixtures(t, env)
	ctx := context.Background()
	type viewer struct {
		username string
		role     authz.Role
	}
	viewers := []viewer{{"sportello.perugia", authz.RoleFrontDesk}, {"as.perugia", authz.RoleSocialWorker},
		{"resp.perugia", authz.RoleZoneManager}, {"coop.perugia", authz.RoleProvider}, {"regione", authz.RoleAnalyst},
		{"dpo", authz.RoleDPO}, {"admin", authz.RoleAdmin}}
	fields := []string{"fiscalCode", "firstName", "lastName", "birthDate", "sex", "citizenship", "language", "residence",
		"phone", "email", "protectedAddress", "household", "relations", "accesses", "cases", "interventions",
		"referrals", "consents", "version"}
	const query = `query($id:ID!){ citizen(id:$id){ id fiscalCode firstName lastName birthDate sex citizenship language
		residence { address } phone email protectedAddress household { size } relations { totalCount }
		accesses { totalCount } cases { totalCount } interventions { totalCount } referrals { totalCount }
		consents { totalCount } version } }`
	for _, vw := range viewers {
		var opID, orgID, officeID int64
		if err := env.DB.NewRaw(`SELECT o.id, o.organization_id, (SELECT min(office_id) FROM operator_office WHERE operator_id = o.id)
			FROM operator o WHERE o.username = ?`, vw.username).Scan(ctx, &opID, &orgID, &officeID); err != nil {
			t.Fatal(err)
		}
		client := env.SignIn(vw.username)
		for _, col := range authz.MatrixColumns {
			rel, possible := col.Rel(vw.role)
			if !possible {
				continue
			}
			t.Run(vw.username+"/"+col.Name, func(t *testing.T) {
				provider := fx.otherOrg
				if col.Name == "PROVIDER_LINK" {
					provider = orgID
				}
				id, caseID := fx.citizen(provider)
				switch col.Name {
				case "ZONE":
					fx.exec(`INSERT INTO citizen_zone (citizen_id, zone_id, via_contact) VALUES (?, 2, true)`, id)
				case "CASE_TEAM":
					fx.exec(`INSERT INTO case_member (case_id, citizen_id, operator_id, role, valid_from) VALUES (?, ?, ?, 'MEMBER', current_date)`, caseID, id, opID)
				case "GRANT":
					fx.exec(`INSERT INTO case_grant (case_id, citizen_id, grantee_office_id, valid_from, valid_to, reason, granted_by)
						VALUES (?, ?, ?, now() - interval '1 hour', now() + interval '1 day', 'test della matrice', ?)`, caseID, id, officeID, fx.operator)
				case "EMERGENCY":
					fx.exec(`INSERT INTO emergency_access (operator_id, citizen_id, zone_id, reason, expires_at)
						VALUES (?, ?, 7, 'test della matrice di autorizzazione', now() + interval '1 hour')`, opID, id)
				}
				r := client.Do(query, map[string]any{"id": globalID("Citizen", id)})
				if rel&authz.RowsCitizen == 0 {
					if len(r.Errors) != 1 || r.Errors[0].Code() != "NOT_FOUND" {
						t.Fatalf("want NOT_FOUND for a citizen outside every relationship, got %s %+v", r.Data, r.Errors)
					}
					return
				}
				var d struct{ Citizen map[string]any }
				r.Decode(t, &d)
				if d.Citizen == nil {
					t.Fatalf("citizen not returned: %+v", r.Errors)
				}
				for _, f := range fields {
					rule, _ := authz.Fields.Lookup("Citizen", f)
					want := authz.Decide(rule, vw.role, rel, false)
					e, denied := r.ErrorAt("citizen", f)
					got := d.Citizen[f] != nil
					switch {
					case want && (denied || !got):
						t.Errorf("%s (%s): want it read, got denied=%v value=%v %+v", f, rule.Name, denied, d.Citizen[f], e)
					case !want && (!denied || got || e.Code() != "FORBIDDEN" || e.Extensions["policy"] != rule.Name):
						t.Errorf("%s (%s): want FORBIDDEN with the policy, got %v %+v", f, rule.Name, d.Citizen[f], e)
					}
				}
			})
		}
	}
}
