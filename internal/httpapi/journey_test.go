package httpapi_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/testenv"
)

// One citizen's whole path, each step through GraphQL as the operator who
// would take it: an access with two needs in Perugia → a referral to the
// social service of Terni → accepted → case opened → assessment → plan →
// intervention requested, authorized, delivered for two months, closed →
// case closed; and the forbidden steps refused on the way.
func TestWholePathOfOneCitizen(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	var citizenID int64
	if err := env.DB.NewRaw(`SELECT c.id FROM citizen c WHERE c.residence_zone_id = 2 AND c.fiscal_code IS NOT NULL
		AND NOT c.protected_address AND c.birth_date < current_date - interval '70 years'
		AND NOT EXISTS (SELECT 1 FROM care_case k WHERE k.citizen_id = c.id)
		AND NOT EXISTS (SELECT 1 FROM citizen_zone z WHERE z.citizen_id = c.id AND z.zone_id = 10)
		ORDER BY c.id LIMIT 1`).Scan(ctx, &citizenID); err != nil {
		t.Fatal(err)
	}
	cid := globalID("Citizen", citizenID)
	desk, terni, terniManager, coopTerni := env.SignIn("sportello.perugia"), env.SignIn("as.terni"), "", ""
	var ids struct {
		deskOffice, terniOffice, providerOrg string
		providerUser                         string
	}
	var v struct {
		Viewer struct{ Offices []struct{ ID, Kind string } }
	}
	mustOK(t, "desk offices", desk.Do(`{ viewer { offices { id kind } } }`, nil)).Decode(t, &v)
	ids.deskOffice = v.Viewer.Offices[0].ID
	mustOK(t, "terni offices", terni.Do(`{ viewer { offices { id kind } } }`, nil)).Decode(t, &v)
	ids.terniOffice = v.Viewer.Offices[0].ID
	// The zone manager of zone 10 and a provider accredited for home care there.
	if err := env.DB.NewRaw(`SELECT o.username FROM operator o JOIN operator_role r ON r.operator_id = o.id
		WHERE r.role = 'ZONE_MANAGER' AND r.zone_id = 10 AND o.active ORDER BY o.id LIMIT 1`).Scan(ctx, &terniManager); err != nil {
		t.Fatal(err)
	}
	var orgID int64
	if err := env.DB.NewRaw(`SELECT org.id, o.username FROM organization org
		JOIN organization_accreditation a ON a.organization_id = org.id AND a.intervention_type_code = 'HOME_CARE'
		JOIN operator o ON o.organization_id = org.id JOIN operator_role r ON r.operator_id = o.id AND r.role = 'PROVIDER' AND r.zone_id = 10
		WHERE org.zone_id = 10 ORDER BY org.id LIMIT 1`).Scan(ctx, &orgID, &coopTerni); err != nil {
		t.Fatalf("no home-care provider with an operator in zone 10: %v", err)
	}
	ids.providerOrg = globalID("Organization", orgID)
	manager, provider := env.SignIn(terniManager), env.SignIn(coopTerni)

	// 1. The access, with two needs.
	var acc struct {
		RegisterAccess struct{ Access struct{ ID string } }
	}
	mustOK(t, "access", desk.Do(`mutation($in: RegisterAccessInput!){ registerAccess(input:$in){ access { id } } }`,
		map[string]any{"in": map[string]any{"citizenId": cid, "officeId": ids.deskOffice, "channel": "IN_PERSON",
			"outcome": "REFERRAL", "needs": []map[string]any{{"code": "EL_HOME_CARE"}, {"code": "EL_LONELINESS"}}}})).Decode(t, &acc)

	// 2. Referral to the social service of Terni (another zone); Terni sees it in its queue.
	var ref struct {
		CreateReferral struct{ Referral struct{ ID string } }
	}
	mustOK(t, "referral", desk.Do(`mutation($in: CreateReferralInput!){ createReferral(input:$in){ referral { id } } }`,
		map[string]any{"in": map[string]any{"citizenId": cid, "fromOfficeId": ids.deskOffice, "toOfficeId": ids.terniOffice,
			"accessId": acc.RegisterAccess.Access.ID, "reason": "Trasferimento presso la figlia a Terni, serve assistenza domiciliare"}})).Decode(t, &ref)
	var queue struct {
		Referrals struct {
			Edges []struct {
				Node struct {
					ID      string
					Citizen *struct{ LastName string }
				}
			}
		}
	}
	mustOK(t, "queue", terni.Do(`{ referrals(filter:{direction:INCOMING, status:[PROPOSED]}){ edges { node { id citizen { lastName } } } } }`, nil)).Decode(t, &queue)
	found := false
	for _, e := range queue.Referrals.Edges {
		found = found || (e.Node.ID == ref.CreateReferral.Referral.ID && e.Node.Citizen != nil)
	}
	if !found {
		t.Fatalf("the referral is not in Terni's queue with its citizen: %+v", queue)
	}

	// 3. Accepted by Terni.
	mustOK(t, "accept", terni.Do(`mutation($id:ID!){ acceptReferral(input:{id:$id, version:1}){ referral { status answeredAt } } }`,
		map[string]any{"id": ref.CreateReferral.Referral.ID}))

	// Forbidden: a provider opening a case, a front desk opening one.
	const open = `mutation($in: OpenCaseInput!){ openCase(input:$in){ case { id version } } }`
	openIn := map[string]any{"citizenId": cid, "officeId": ids.terniOffice, "userArea": "ELDERLY", "sourceReferralId": ref.CreateReferral.Referral.ID}
	for who, c := range map[string]*testenv.Client{"provider": provider, "front desk": desk} {
		if r := c.Do(open, map[string]any{"in": openIn}); !containsCode(r, "FORBIDDEN") && !containsCode(r, "NOT_FOUND") {
			t.Errorf("the %s opened a case: %s", who, r.Data)
		}
	}
	// 4. Case opened by Terni's social worker.
	var opened struct {
		OpenCase struct{ Case struct{ ID string } }
	}
	mustOK(t, "open case", terni.Do(open, map[string]any{"in": openIn})).Decode(t, &opened)
	caseID := opened.OpenCase.Case.ID

	// 5. Assessment (SINA) and 6. plan.
	mustOK(t, "assessment", terni.Do(`mutation($in: RecordAssessmentInput!){ recordAssessment(input:$in){ assessment { id kind sina { mobility } } } }`,
		map[string]any{"in": map[string]any{"caseId": caseID, "kind": "SINA", "sina": map[string]any{"mobility": 2, "dailyActivities": 2,
			"cognitiveDisorders": 1, "behaviouralDisorders": 1, "healthCareNeed": 2, "income": 2, "supportNetwork": 3},
			"observations": "Vive sola, la figlia lavora a tempo pieno"}}))
	mustOK(t, "plan", terni.Do(`mutation($in: SavePlanInput!){ savePlan(input:$in){ plan { id goals { description } } } }`,
		map[string]any{"in": map[string]any{"caseId": caseID, "beneficiary": "PERSON", "summary": "Mantenimento a domicilio",
			"reviewOn": time.Now().AddDate(0, 6, 0).Format("2006-01-02"),
			"goals": []map[string]any{{"description": "Igiene personale quotidiana", "term": "SHORT"},
				{"description": "Ridurre l'isolamento", "term": "MEDIUM", "indicator": "Uscite settimanali"}}}}))

	// 7. Intervention requested by the social worker; the front desk and the worker cannot authorize it.
	start := time.Now().AddDate(0, -2, 0).Format("2006-01-02")
	end := time.Now().AddDate(0, 4, 0).Format("2006-01-02")
	var req struct {
		RequestIntervention struct {
			Intervention struct {
				ID      string
				Version int
				Status  string
			}
		}
	}
	mustOK(t, "request", terni.Do(`mutation($in: RequestInterventionInput!){ requestIntervention(input:$in){ intervention { id version status } } }`,
		map[string]any{"in": map[string]any{"caseId": caseID, "type": "HOME_CARE", "providerId": ids.providerOrg, "startDate": start,
			"endDate": end, "amountCents": 360000, "userShareCents": 36000, "hoursPerMonth": 20, "fundingSource": "FNA"}})).Decode(t, &req)
	iv := req.RequestIntervention.Intervention
	const authorize = `mutation($id:ID!,$v:Int!){ authorizeIntervention(input:{id:$id, version:$v, approve:true}){ intervention { status version } } }`
	for who, c := range map[string]*testenv.Client{"front desk": desk, "requesting social worker": terni, "provider": provider} {
		if r := c.Do(authorize, map[string]any{"id": iv.ID, "v": iv.Version}); !containsCode(r, "FORBIDDEN") && !containsCode(r, "NOT_FOUND") {
			t.Errorf("the %s authorized the intervention: %s", who, r.Data)
		}
	}
	var auth struct {
		AuthorizeIntervention struct{ Intervention struct{ Status string } }
	}
	mustOK(t, "authorize", manager.Do(authorize, map[string]any{"id": iv.ID, "v": iv.Version})).Decode(t, &auth)
	if auth.AuthorizeIntervention.Intervention.Status != "AUTHORIZED" {
		t.Fatalf("status %s", auth.AuthorizeIntervention.Intervention.Status)
	}

	// 8. Delivered for two months by the provider, each record sent twice (offline retry), stored once.
	const deliver = `mutation($in: RecordActivityInput!){ recordActivity(input:$in){ activity { id hours } } }`
	for i, when := range []time.Time{time.Now().AddDate(0, -1, -10), time.Now().AddDate(0, -1, -3), time.Now().AddDate(0, 0, -5)} {
		in := map[string]any{"interventionId": iv.ID, "kind": "DELIVERED_HOURS", "hours": 6.5,
			"occurredAt": when.Format(time.RFC3339), "idempotencyKey": fmt.Sprintf("device-1-entry-%03d", i)}
		mustOK(t, "delivery", provider.Do(deliver, map[string]any{"in": in}))
		mustOK(t, "delivery retried", provider.Do(deliver, map[string]any{"in": in}))
	}
	var months struct {
		Node struct {
			Status          string
			Version         int
			DeliveryByMonth []struct {
				Month   string
				Hours   float64
				Entries int
			}
		}
	}
	mustOK(t, "roll-up", terni.Do(`query($id:ID!){ node(id:$id){ ... on Intervention { status version deliveryByMonth { month hours entries } } } }`,
		map[string]any{"id": iv.ID})).Decode(t, &months)
	if months.Node.Status != "ACTIVE" || len(months.Node.DeliveryByMonth) != 2 {
		t.Fatalf("delivery: %+v", months.Node)
	}
	total := 0
	for _, m := range months.Node.DeliveryByMonth {
		total += m.Entries
	}
	if total != 3 {
		t.Errorf("%d delivery records, want 3 (retries stored once)", total)
	}

	// 9. Intervention closed, 10. case closed; the history is there.
	mustOK(t, "close intervention", terni.Do(`mutation($id:ID!,$v:Int!){ closeIntervention(input:{id:$id, version:$v, reason:"Obiettivi raggiunti"}){ intervention { status } } }`,
		map[string]any{"id": iv.ID, "v": months.Node.Version}))
	var k struct {
		Node struct{ Version int }
	}
	mustOK(t, "case version", terni.Do(`query($id:ID!){ node(id:$id){ ... on Case { version } } }`, map[string]any{"id": caseID})).Decode(t, &k)
	r := mustOK(t, "close case", terni.Do(`mutation($id:ID!,$v:Int!){ closeCase(input:{caseId:$id, version:$v, reason:GOALS_REACHED}){
		case { status statusHistory { toStatus } interventions { edges { node { status } } } plan { goals { description } } assessments { totalCount } } } }`,
		map[string]any{"id": caseID, "v": k.Node.Version}))
	for _, want := range []string{`"status":"CLOSED"`, `"toStatus":"OPEN"`, `"toStatus":"CLOSED"`, `"totalCount":1`, "Igiene personale"} {
		if !strings.Contains(string(r.Data), want) {
			t.Errorf("closed case lacks %s: %s", want, r.Data)
		}
	}
}
