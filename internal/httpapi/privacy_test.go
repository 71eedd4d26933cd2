package httpapi_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/testenv"
)

// A zone-2 citizen with no link to zone 10, and a case of them where
// as.perugia is the responsible worker.
func zone2CaseOfPerugia(t *testing.T, env *testenv.Env) (citizenID, caseID int64) {
	t.Helper()
	err := env.DB.NewRaw(`SELECT k.citizen_id, k.id FROM care_case k
		JOIN case_member m ON m.case_id = k.id AND m.role = 'RESPONSIBLE' AND m.valid_to IS NULL
		JOIN operator o ON o.id = m.operator_id AND o.username = 'as.perugia'
		JOIN citizen c ON c.id = k.citizen_id AND NOT c.protected_address
		WHERE k.status = 'OPEN' AND NOT EXISTS (SELECT 1 FROM citizen_zone z WHERE z.citizen_id = k.citizen_id AND z.zone_id = 10)
		ORDER BY k.id LIMIT 1`).Scan(context.Background(), &citizenID, &caseID)
	if err != nil {
		t.Fatal(err)
	}
	return citizenID, caseID
}

func canSee(t *testing.T, c *testenv.Client, citizenID int64) bool {
	t.Helper()
	r := c.Do(`query($id:ID!){ citizen(id:$id){ id lastName } }`, map[string]any{"id": globalID("Citizen", citizenID)})
	if len(r.Errors) == 1 && r.Errors[0].Code() == "NOT_FOUND" {
		return false
	}
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors %+v", r.Errors)
	}
	return true
}

func TestEmergencyAccessOpensTheRecordForItsDuration(t *testing.T) {
	env := testenv.New(t)
	citizenID, _ := zone2CaseOfPerugia(t, env)
	terni := env.SignIn("as.terni")
	if canSee(t, terni, citizenID) {
		t.Fatal("as.terni sees a zone-2 citizen before any emergency")
	}
	const declare = `mutation($in: DeclareEmergencyAccessInput!){ declareEmergencyAccess(input:$in){
		emergencyAccess { id reason active expiresAt operator { username } } citizen { id lastName } } }`
	short := terni.Do(declare, map[string]any{"in": map[string]any{"citizenId": globalID("Citizen", citizenID), "reason": "urgente"}})
	if len(short.Errors) != 1 || short.Errors[0].Extensions["field"] != "reason" {
		t.Fatalf("a short reason was accepted: %+v", short.Errors)
	}
	desk := env.SignIn("sportello.perugia")
	r := desk.Do(declare, map[string]any{"in": map[string]any{"citizenId": globalID("Citizen", citizenID),
		"reason": "Segnalazione di rischio imminente dal pronto soccorso"}})
	if len(r.Errors) != 1 || r.Errors[0].Code() != "FORBIDDEN" {
		t.Fatalf("a front desk declared an emergency: %+v", r.Errors)
	}
	r = mustOK(t, "declare", terni.Do(declare, map[string]any{"in": map[string]any{"citizenId": globalID("Citizen", citizenID),
		"reason": "Segnalazione di rischio imminente dal pronto soccorso di Terni", "durationMinutes": 60}}))
	var d struct {
		DeclareEmergencyAccess struct {
			EmergencyAccess struct {
				ID        string
				Active    bool
				ExpiresAt time.Time
			}
			Citizen *struct{ LastName string }
		}
	}
	r.Decode(t, &d)
	if !d.DeclareEmergencyAccess.EmergencyAccess.Active || d.DeclareEmergencyAccess.Citizen == nil {
		t.Fatalf("emergency payload %s", r.Data)
	}
	if until := time.Until(d.DeclareEmergencyAccess.EmergencyAccess.ExpiresAt); until < 55*time.Minute || until > 61*time.Minute {
		t.Errorf("expires in %v, want one hour", until)
	}
	if !canSee(t, terni, citizenID) {
		t.Fatal("as.terni cannot see the citizen during the emergency")
	}
	// The citizen's page tells the declarer that the emergency runs and when it ends; nobody else
	// has one running on this citizen.
	const banner = `query($id: ID!){ citizen(id:$id){ emergencyAccess { id reason expiresAt active } } }`
	var b struct {
		Citizen struct {
			EmergencyAccess *struct {
				ID        string
				ExpiresAt time.Time
				Active    bool
			}
		}
	}
	mustOK(t, "banner", terni.Do(banner, map[string]any{"id": globalID("Citizen", citizenID)})).Decode(t, &b)
	if e := b.Citizen.EmergencyAccess; e == nil || e.ID != d.DeclareEmergencyAccess.EmergencyAccess.ID || !e.Active ||
		!e.ExpiresAt.Equal(d.DeclareEmergencyAccess.EmergencyAccess.ExpiresAt) {
		t.Fatalf("citizen.emergencyAccess for the declarer = %+v", b.Citizen.EmergencyAccess)
	}
	b.Citizen.EmergencyAccess = nil
	mustOK(t, "banner as the team", env.SignIn("as.perugia").Do(banner, map[string]any{"id": globalID("Citizen", citizenID)})).Decode(t, &b)
	if b.Citizen.EmergencyAccess != nil {
		t.Errorf("another operator sees the declarer's emergency as their own: %+v", b.Citizen.EmergencyAccess)
	}
	// The zone manager of the citizen's zone and the DPO see the declaration; other operators do not.
	const list = `{ emergencyAccesses { totalCount edges { node { reason operator { username } } } } }`
	for user, want := range map[string]int{"resp.perugia": 1, "dpo": 1, "as.perugia": 0} {
		var l struct{ EmergencyAccesses struct{ TotalCount int } }
		mustOK(t, "list as "+user, env.SignIn(user).Do(list, nil)).Decode(t, &l)
		if l.EmergencyAccesses.TotalCount != want {
			t.Errorf("%s sees %d emergency accesses, want %d", user, l.EmergencyAccesses.TotalCount, want)
		}
	}
	// When it ends, the record closes again.
	if _, err := env.DB.ExecContext(context.Background(), `UPDATE emergency_access SET started_at = now() - interval '2 hours', expires_at = now() - interval '1 minute'`); err != nil {
		t.Fatal(err)
	}
	if canSee(t, terni, citizenID) {
		t.Error("as.terni still sees the citizen after the emergency ended")
	}
}

func TestGrantCaseAccessIsTimedAndRevocable(t *testing.T) {
	env := testenv.New(t)
	citizenID, caseID := zone2CaseOfPerugia(t, env)
	var terniOffice int64
	if err := env.DB.NewRaw(`SELECT oo.office_id FROM operator_office oo JOIN operator o ON o.id = oo.operator_id
		WHERE o.username = 'as.terni' ORDER BY 1 LIMIT 1`).Scan(context.Background(), &terniOffice); err != nil {
		t.Fatal(err)
	}
	terni := env.SignIn("as.terni")
	worker := env.SignIn("as.perugia")
	desk := env.SignIn("sportello.perugia")
	const grant = `mutation($in: GrantCaseAccessInput!){ grantCaseAccess(input:$in){ grant { id validTo reason } } }`
	in := map[string]any{"caseId": globalID("Case", caseID), "granteeOfficeId": globalID("Office", terniOffice),
		"validTo": time.Now().Add(48 * time.Hour).Format(time.RFC3339), "reason": "Trasferimento di residenza a Terni"}
	if r := desk.Do(grant, map[string]any{"in": in}); len(r.Errors) != 1 || r.Errors[0].Code() != "FORBIDDEN" {
		t.Fatalf("the front desk granted access: %+v", r.Errors)
	}
	var g struct {
		GrantCaseAccess struct{ Grant struct{ ID string } }
	}
	mustOK(t, "grant", worker.Do(grant, map[string]any{"in": in})).Decode(t, &g)
	if !canSee(t, terni, citizenID) {
		t.Fatal("the granted office does not see the citizen")
	}
	r := terni.Do(`query($id:ID!){ node(id:$id){ ... on Case { status summary } } }`, map[string]any{"id": globalID("Case", caseID)})
	if len(r.Errors) > 0 {
		t.Errorf("a granted office cannot read the case: %+v", r.Errors)
	}
	mustOK(t, "revoke", worker.Do(`mutation($id:ID!){ revokeCaseAccess(input:{id:$id}){ grant { revokedAt } } }`,
		map[string]any{"id": g.GrantCaseAccess.Grant.ID}))
	if canSee(t, terni, citizenID) {
		t.Error("the grant still works after it was revoked")
	}
}

// Rule 4: no filter, search or sort oracle.
func TestFiltersAreNoOracle(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	var id int64
	var code, last string
	if err := env.DB.NewRaw(`SELECT c.id, c.fiscal_code, c.last_name FROM citizen c JOIN intervention i ON i.citizen_id = c.id
		JOIN organization o ON o.id = i.provider_organization_id AND o.name LIKE 'Cooperativa Sociale Il Girasole%'
		WHERE i.status = 'ACTIVE' AND c.fiscal_code IS NOT NULL AND NOT c.protected_address ORDER BY c.id LIMIT 1`).Scan(ctx, &id, &code, &last); err != nil {
		t.Fatal(err)
	}
	coop := env.SignIn("coop.perugia")
	// The provider reads names, so it may search by name...
	var byName struct {
		Citizens struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	mustOK(t, "search by name", coop.Do(`query($s:String!){ citizens(filter:{search:$s}, first:100){ edges { node { id } } } }`,
		map[string]any{"s": last})).Decode(t, &byName)
	found := false
	for _, e := range byName.Citizens.Edges {
		found = found || e.Node.ID == globalID("Citizen", id)
	}
	if !found {
		t.Fatal("the provider cannot find its own citizen by name")
	}
	// ...but not by codice fiscale, which it may not read.
	for _, q := range []string{
		`query($cf:String!){ citizens(filter:{fiscalCode:$cf}){ totalCount } }`,
		`query($cf:String!){ citizens(filter:{search:$cf}){ totalCount } }`,
	} {
		r := mustOK(t, "filter by fiscal code", coop.Do(q, map[string]any{"cf": code}))
		if string(r.Data) != `{"citizens":{"totalCount":0}}` {
			t.Errorf("the provider confirmed a codice fiscale it may not read: %s", r.Data)
		}
	}
	if r := coop.Do(`query($cf:String!){ citizenByFiscalCode(fiscalCode:$cf){ id } }`, map[string]any{"cf": code}); len(r.Errors) != 1 || r.Errors[0].Code() != "NOT_FOUND" {
		t.Errorf("citizenByFiscalCode answered the provider: %s %+v", r.Data, r.Errors)
	}
	// A protected address is not revealed by filtering on the zone of residence.
	desk := env.SignIn("sportello.perugia")
	var want int
	if err := env.DB.NewRaw(`SELECT count(*) FROM citizen WHERE residence_zone_id = 2 AND NOT protected_address`).Scan(ctx, &want); err != nil {
		t.Fatal(err)
	}
	var protected int
	if err := env.DB.NewRaw(`SELECT count(*) FROM citizen WHERE residence_zone_id = 2 AND protected_address`).Scan(ctx, &protected); err != nil || protected == 0 {
		t.Fatalf("the demo data should have protected addresses in zone 2 (%d, %v)", protected, err)
	}
	var byZone struct{ Citizens struct{ TotalCount int } }
	mustOK(t, "filter by zone", desk.Do(`{ citizens(filter:{zoneCode:"2"}){ totalCount } }`, nil)).Decode(t, &byZone)
	if byZone.Citizens.TotalCount != want {
		t.Errorf("zone filter counts %d citizens, want %d (the %d with a protected address are not the front desk's to locate)",
			byZone.Citizens.TotalCount, want, protected)
	}
}

// Rule 6: a mutation writes only fields the viewer may write, checked in its transaction.
func TestUpdateCitizenWritesOnlyWhatTheViewerMayWrite(t *testing.T) {
	env := testenv.New(t)
	var id int64
	var version int
	if err := env.DB.NewRaw(`SELECT id, version FROM citizen WHERE residence_zone_id = 2 AND NOT protected_address
		AND NOT EXISTS (SELECT 1 FROM case_member m JOIN operator o ON o.id = m.operator_id WHERE m.citizen_id = citizen.id AND o.username = 'as.perugia')
		ORDER BY id LIMIT 1`).Scan(context.Background(), &id, &version); err != nil {
		t.Fatal(err)
	}
	const update = `mutation($in: UpdateCitizenInput!){ updateCitizen(input:$in){ citizen { phone version } } }`
	in := func(v int, phone string) map[string]any {
		return map[string]any{"in": map[string]any{"id": globalID("Citizen", id), "version": v, "phone": phone}}
	}
	// A social worker of the zone reads contacts but does not change them.
	r := env.SignIn("as.perugia").Do(update, in(version, "075 1234567"))
	if len(r.Errors) != 1 || r.Errors[0].Code() != "FORBIDDEN" || r.Errors[0].Extensions["policy"] != "write.contact" {
		t.Fatalf("a social worker changed a contact: %+v", r.Errors)
	}
	for _, user := range []string{"coop.perugia", "as.terni", "regione"} {
		if r := env.SignIn(user).Do(update, in(version, "075 1234567")); len(r.Errors) != 1 || r.Errors[0].Code() != "NOT_FOUND" {
			t.Errorf("%s: %+v", user, r.Errors)
		}
	}
	desk := env.SignIn("sportello.perugia")
	var d struct {
		UpdateCitizen struct{ Citizen struct{ Phone string } }
	}
	mustOK(t, "front desk update", desk.Do(update, in(version, "075 1234567"))).Decode(t, &d)
	if d.UpdateCitizen.Citizen.Phone != "075 1234567" {
		t.Errorf("phone = %q", d.UpdateCitizen.Citizen.Phone)
	}
	if r := desk.Do(update, in(version, "075 7654321")); len(r.Errors) != 1 || r.Errors[0].Code() != "CONFLICT" {
		t.Errorf("a stale version was written: %+v", r.Errors)
	}
}

// Rule 8: dataloaders are per request; concurrent requests of different
// viewers never see each other's rows.
func TestConcurrentViewersDoNotShareRows(t *testing.T) {
	env := testenv.New(t)
	citizenID, _ := zone2CaseOfPerugia(t, env)
	perugia, terni := env.SignIn("as.perugia"), env.SignIn("as.terni")
	done := make(chan string, 40)
	for i := range 40 {
		go func() {
			c, want := perugia, true
			if i%2 == 1 {
				c, want = terni, false
			}
			r := c.Do(`query($id:ID!){ citizen(id:$id){ id lastName } nodes(ids:[$id]){ id } }`, map[string]any{"id": globalID("Citizen", citizenID)})
			seen := !containsCode(r, "NOT_FOUND")
			if seen != want {
				done <- fmt.Sprintf("request %d: seen=%v want %v (%s)", i, seen, want, r.Data)
				return
			}
			done <- ""
		}()
	}
	for range 40 {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}

func containsCode(r testenv.Response, code string) bool {
	for _, e := range r.Errors {
		if e.Code() == code {
			return true
		}
	}
	return false
}
