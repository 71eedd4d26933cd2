package httpapi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/testenv"
)

// mustOK fails on any error of r and returns it.
func mustOK(t *testing.T, what string, r testenv.Response) testenv.Response {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %+v", what, r.Errors)
	}
	return r
}

// The mutations of the core platform through GraphQL, each as the operator
// who would do it: register an access, refer, accept, open a case, add to
// the team, suspend, close; and the forbidden steps refused.
func TestCoreWorkflowThroughGraphQL(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	var citizenID int64
	if err := env.DB.NewRaw(`SELECT c.id FROM citizen c WHERE c.residence_zone_id = 2 AND NOT c.protected_address
		AND NOT EXISTS (SELECT 1 FROM care_case k WHERE k.citizen_id = c.id) ORDER BY c.id LIMIT 1`).Scan(ctx, &citizenID); err != nil {
		t.Fatal(err)
	}
	cid := globalID("Citizen", citizenID)
	desk := env.SignIn("sportello.perugia")
	worker := env.SignIn("as.perugia")
	manager := env.SignIn("resp.perugia")
	provider := env.SignIn("coop.perugia")

	officeOf := func(c *testenv.Client, kind string) string {
		var d struct {
			Viewer struct{ Offices []struct{ ID, Kind string } }
		}
		mustOK(t, "viewer offices", c.Do(`{ viewer { offices { id kind } } }`, nil)).Decode(t, &d)
		for _, o := range d.Viewer.Offices {
			if o.Kind == kind {
				return o.ID
			}
		}
		t.Fatalf("no %s office", kind)
		return ""
	}
	deskOffice := officeOf(desk, "CITIZENS_OFFICE")
	workerOffice := officeOf(worker, "SOCIAL_SERVICE")

	// 1. Access with two needs, by the front desk.
	const registerQ = `mutation($in: RegisterAccessInput!){ registerAccess(input:$in){ access { id outcome { code } needs { category { code } area { code } } citizen { id } } } }`
	accessIn := map[string]any{"citizenId": cid, "officeId": deskOffice, "channel": "IN_PERSON", "outcome": "REFERRAL",
		"needs": []map[string]any{{"code": "EL_HOME_CARE"}, {"code": "PV_INCOME"}}, "idempotencyKey": "access-key-0001"}
	var acc struct {
		RegisterAccess struct {
			Access struct {
				ID    string
				Needs []struct{ Category, Area struct{ Code string } }
			}
		}
	}
	mustOK(t, "registerAccess", desk.Do(registerQ, map[string]any{"in": accessIn})).Decode(t, &acc)
	if n := acc.RegisterAccess.Access.Needs; len(n) != 2 || n[0].Category.Code != "EL_HOME_CARE" || n[0].Area.Code != "ELDERLY" {
		t.Errorf("needs of the new access: %+v", n)
	}
	// Replayed with the same key: the same access, written once.
	var again struct {
		RegisterAccess struct{ Access struct{ ID string } }
	}
	mustOK(t, "registerAccess replay", desk.Do(registerQ, map[string]any{"in": accessIn})).Decode(t, &again)
	if again.RegisterAccess.Access.ID != acc.RegisterAccess.Access.ID {
		t.Errorf("replay made a second access")
	}
	// A need code that does not exist is named.
	bad := desk.Do(registerQ, map[string]any{"in": map[string]any{"citizenId": cid, "officeId": deskOffice, "channel": "PHONE",
		"outcome": "INFORMATION", "needs": []map[string]any{{"code": "NO_SUCH_NEED"}}}})
	if len(bad.Errors) != 1 || bad.Errors[0].Code() != "BAD_USER_INPUT" || !strings.HasPrefix(bad.Errors[0].Extensions["field"].(string), "needs") {
		t.Errorf("unknown need: %+v", bad.Errors)
	}

	// 2. Referral from the front desk to the zone's social service; the social worker accepts it.
	var ref struct {
		CreateReferral struct{ Referral struct{ ID, Status string } }
	}
	mustOK(t, "createReferral", desk.Do(`mutation($in: CreateReferralInput!){ createReferral(input:$in){ referral { id status } } }`,
		map[string]any{"in": map[string]any{"citizenId": cid, "fromOfficeId": deskOffice, "toOfficeId": workerOffice,
			"reason": "Richiesta di assistenza domiciliare", "accessId": acc.RegisterAccess.Access.ID}})).Decode(t, &ref)
	var accepted struct {
		AcceptReferral struct{ Referral struct{ Status string } }
	}
	mustOK(t, "acceptReferral", worker.Do(`mutation($id: ID!){ acceptReferral(input:{id:$id, version:1}){ referral { status } } }`,
		map[string]any{"id": ref.CreateReferral.Referral.ID})).Decode(t, &accepted)
	if accepted.AcceptReferral.Referral.Status != "ACCEPTED" {
		t.Errorf("referral status %q", accepted.AcceptReferral.Referral.Status)
	}

	// 3. Forbidden: the front desk and the provider cannot open a case.
	const openQ = `mutation($in: OpenCaseInput!){ openCase(input:$in){ case { id status version responsible { username } } } }`
	openIn := map[string]any{"citizenId": cid, "officeId": workerOffice, "userArea": "ELDERLY",
		"sourceReferralId": ref.CreateReferral.Referral.ID}
	for name, c := range map[string]*testenv.Client{"front desk": desk, "provider": provider} {
		r := c.Do(openQ, map[string]any{"in": openIn})
		if len(r.Errors) != 1 || (r.Errors[0].Code() != "FORBIDDEN" && r.Errors[0].Code() != "NOT_FOUND") {
			t.Errorf("%s opening a case: %+v", name, r.Errors)
		}
	}

	// 4. The social worker opens the case and becomes responsible.
	var opened struct {
		OpenCase struct {
			Case struct {
				ID, Status  string
				Version     int
				Responsible struct{ Username string }
			}
		}
	}
	mustOK(t, "openCase", worker.Do(openQ, map[string]any{"in": openIn})).Decode(t, &opened)
	k := opened.OpenCase.Case
	if k.Status != "OPEN" || k.Responsible.Username != "as.perugia" {
		t.Fatalf("opened case %+v", k)
	}

	// 5. The zone manager adds a member; a stale version is a CONFLICT.
	var memberID string
	if err := env.DB.NewRaw(`SELECT o.id FROM operator o JOIN operator_role r ON r.operator_id = o.id
		WHERE r.role = 'SOCIAL_WORKER' AND r.zone_id = 2 AND o.username <> 'as.perugia' AND o.active ORDER BY o.id LIMIT 1`).Scan(ctx, &citizenID); err != nil {
		t.Fatal(err)
	}
	memberID = globalID("Operator", citizenID)
	const addQ = `mutation($in: AddCaseMemberInput!){ addCaseMember(input:$in){ case { version members { totalCount } } } }`
	stale := manager.Do(addQ, map[string]any{"in": map[string]any{"caseId": k.ID, "version": k.Version + 5, "operatorId": memberID, "role": "MEMBER"}})
	if len(stale.Errors) != 1 || stale.Errors[0].Code() != "CONFLICT" {
		t.Errorf("stale version: %+v", stale.Errors)
	}
	var added struct {
		AddCaseMember struct{ Case struct{ Version int } }
	}
	mustOK(t, "addCaseMember", manager.Do(addQ, map[string]any{"in": map[string]any{"caseId": k.ID, "version": k.Version,
		"operatorId": memberID, "role": "MEMBER"}})).Decode(t, &added)

	// 6. Suspend, then close, with the history kept.
	var changed struct {
		ChangeCaseStatus struct{ Case struct{ Version int } }
	}
	mustOK(t, "changeCaseStatus", worker.Do(`mutation($id:ID!,$v:Int!){ changeCaseStatus(input:{caseId:$id, version:$v, status:SUSPENDED, reason:"Ricovero ospedaliero"}){ case { version } } }`,
		map[string]any{"id": k.ID, "v": added.AddCaseMember.Case.Version})).Decode(t, &changed)
	var closed struct {
		CloseCase struct {
			Case struct {
				Status        string
				ClosureReason string
				StatusHistory []struct{ FromStatus, ToStatus string }
			}
		}
	}
	mustOK(t, "closeCase", worker.Do(`mutation($id:ID!,$v:Int!){ closeCase(input:{caseId:$id, version:$v, reason:GOALS_REACHED}){ case { status closureReason statusHistory { fromStatus toStatus } } } }`,
		map[string]any{"id": k.ID, "v": changed.ChangeCaseStatus.Case.Version})).Decode(t, &closed)
	c := closed.CloseCase.Case
	if c.Status != "CLOSED" || c.ClosureReason != "GOALS_REACHED" || len(c.StatusHistory) != 3 {
		t.Errorf("closed case %+v", c)
	}
}

// A person registered in another zone comes to the desk: the operator finds
// the existing record as a possible duplicate and links it with the code the
// person shows, instead of registering them a second time.
func TestDeskLinksAPersonRegisteredElsewhere(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	var id int64
	var code, last string
	var birth time.Time
	if err := env.DB.NewRaw(`SELECT c.id, c.fiscal_code, c.last_name, c.birth_date FROM citizen c WHERE c.residence_zone_id = 10
		AND c.fiscal_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM citizen_zone z WHERE z.citizen_id = c.id AND z.zone_id = 2)
		ORDER BY c.id LIMIT 1`).Scan(ctx, &id, &code, &last, &birth); err != nil {
		t.Fatal(err)
	}
	desk := env.SignIn("sportello.perugia")
	var office struct {
		Viewer struct{ Offices []struct{ ID string } }
	}
	mustOK(t, "offices", desk.Do(`{ viewer { offices { id } } }`, nil)).Decode(t, &office)
	var cands struct {
		CitizenCandidates []struct {
			ID, LastName, Match string
			InScope             bool
		}
	}
	mustOK(t, "candidates by code", desk.Do(`query($cf:String){ citizenCandidates(fiscalCode:$cf){ id lastName match inScope } }`,
		map[string]any{"cf": code})).Decode(t, &cands)
	if len(cands.CitizenCandidates) != 1 || cands.CitizenCandidates[0].ID != globalID("Citizen", id) ||
		cands.CitizenCandidates[0].Match != "FISCAL_CODE" || cands.CitizenCandidates[0].InScope {
		t.Fatalf("candidates %+v", cands.CitizenCandidates)
	}
	mustOK(t, "candidates by name and birth date", desk.Do(`query($l:String,$b:Date){ citizenCandidates(lastName:$l, birthDate:$b){ id match } }`,
		map[string]any{"l": last, "b": birth.Format("2006-01-02")})).Decode(t, &cands)
	if len(cands.CitizenCandidates) == 0 {
		t.Error("no candidate by last name and birth date")
	}
	const register = `mutation($in: RegisterAccessInput!){ registerAccess(input:$in){ access { id citizen { lastName } } } }`
	in := map[string]any{"citizenId": globalID("Citizen", id), "officeId": office.Viewer.Offices[0].ID, "channel": "IN_PERSON",
		"outcome": "INFORMATION", "needs": []map[string]any{{"code": "MU_INFORMATION"}}}
	if r := desk.Do(register, map[string]any{"in": in}); !containsCode(r, "NOT_FOUND") {
		t.Fatalf("registered an access for an out-of-scope citizen without the code: %+v", r.Errors)
	}
	in["citizenFiscalCode"] = "RSSMRA85T10A562S"
	if r := desk.Do(register, map[string]any{"in": in}); !containsCode(r, "NOT_FOUND") {
		t.Fatalf("a wrong code linked the record: %+v", r.Errors)
	}
	in["citizenFiscalCode"] = strings.ToLower(code)
	r := mustOK(t, "register with the code shown", desk.Do(register, map[string]any{"in": in}))
	if !strings.Contains(string(r.Data), last) {
		t.Errorf("the linked citizen is not readable now: %s", r.Data)
	}
	var n int
	if err := env.DB.NewRaw(`SELECT count(*) FROM citizen WHERE fiscal_code = ?`, code).Scan(ctx, &n); err != nil || n != 1 {
		t.Errorf("%d records with the code", n)
	}
}
