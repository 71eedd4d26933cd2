package httpapi_test

import (
	"context"
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
