package care_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/care"
)

// careWorld extends the fixture for the tests of the care record and of
// interventions; the fixture itself is left as the workflow tests know it.
type careWorld struct {
	*fixture
	k         int64 // an ELDERLY case of c2: sw2 responsible, swzm member; sw2b, zm2 not on the team
	orgCoop2  int64 // a second cooperative, accredited for HOME_CARE
	orgLapsed int64 // a cooperative whose accreditation ended 30 days ago
	orgLater  int64 // a cooperative whose accreditation starts in 30 days
	provider2 int64 // PROVIDER zone 2, orgCoop2
	swzm      int64 // SOCIAL_WORKER and ZONE_MANAGER zone 2
	zm10      int64 // ZONE_MANAGER zone 10
}

func newCareWorld(t *testing.T) *careWorld {
	t.Helper()
	f := newFixture(t)
	w := &careWorld{fixture: f}
	// The fixture's cooperative is accredited for home care and meals
	// since two years.
	f.exec(`UPDATE organization SET accredited_from = current_date - 730 WHERE id = ?`, f.orgCoop)
	f.exec(`INSERT INTO organization_accreditation VALUES (?, 'HOME_CARE'), (?, 'MEALS_ON_WHEELS')`, f.orgCoop, f.orgCoop)
	coop := func(name, from, to string) int64 {
		id := f.insertID(`INSERT INTO organization (kind, name, zone_id, accredited_from, accredited_to)
			VALUES ('COOPERATIVE', ?, 2, `+from+`, `+to+`) RETURNING id`, name)
		f.exec(`INSERT INTO organization_accreditation VALUES (?, 'HOME_CARE')`, id)
		return id
	}
	w.orgCoop2 = coop("Cooperativa Due", "current_date - 730", "NULL")
	w.orgLapsed = coop("Cooperativa Scaduta", "current_date - 730", "current_date - 30")
	w.orgLater = coop("Cooperativa Futura", "current_date + 30", "NULL")
	site2 := f.insertID(`INSERT INTO office (organization_id, zone_id, municipality_id, kind, name)
		VALUES (?, 2, ?, 'PROVIDER_SITE', 'Sede cooperativa due') RETURNING id`, w.orgCoop2, f.municipality("054039"))
	w.provider2 = w.operator("coop2.perugia", w.orgCoop2, []int64{site2}, "PROVIDER", 2)
	w.swzm = w.operator("as.resp.perugia", f.orgPerugia, []int64{f.ssPerugia}, "SOCIAL_WORKER", 2, "ZONE_MANAGER", 2)
	w.zm10 = w.operator("resp.terni", f.orgTerni, []int64{f.ssTerni}, "ZONE_MANAGER", 10)

	w.k = f.openCase(f.c2, "ELDERLY")
	mustOK(t, f.svc.AddCaseMember(f.as(f.sw2), care.AddCaseMemberArgs{CaseID: w.k, Version: 1, OperatorID: w.swzm, Role: "MEMBER"}))
	return w
}

// operator adds an active operator with roles given as role, zone pairs.
func (w *careWorld) operator(username string, org int64, offices []int64, roles ...any) int64 {
	w.t.Helper()
	id := w.insertID(`INSERT INTO operator (username, display_name, organization_id, password_hash, active)
		VALUES (?, ?, ?, 'x', true) RETURNING id`, username, "Operator "+username, org)
	for _, of := range offices {
		w.exec(`INSERT INTO operator_office (operator_id, office_id) VALUES (?, ?)`, id, of)
	}
	for i := 0; i < len(roles); i += 2 {
		w.exec(`INSERT INTO operator_role (operator_id, role, zone_id) VALUES (?, ?, ?)`, id, roles[i], roles[i+1])
	}
	return id
}

// closedCase opens a case of c2b and closes it.
func (w *careWorld) closedCase() int64 {
	w.t.Helper()
	k := w.openCase(w.c2b, "POVERTY")
	if err := w.svc.CloseCase(w.as(w.sw2), k, 1, "GOALS_REACHED", ""); err != nil {
		w.t.Fatalf("close case: %v", err)
	}
	return k
}

// audits counts the audit events of an object.
func (w *careWorld) audits(action, objectType string, id int64) int {
	w.t.Helper()
	return w.count(`audit_event WHERE action = ? AND object_type = ? AND object_id = ?`, action, objectType, id)
}

// apiClient is the context of a partner agency's API client.
func apiClient() context.Context {
	return authz.WithViewer(context.Background(), &authz.Viewer{ClientID: 9, ClientName: "partner",
		Grants: []authz.RoleGrant{{Role: authz.RoleSocialWorker, ZoneID: 2}, {Role: authz.RoleZoneManager, ZoneID: 2}}})
}

// apiClientWithout is apiClient whose scopes do not admit the rule.
func apiClientWithout(rule string) context.Context {
	v := authz.ViewerFrom(apiClient())
	v.ScopeAllows = func(r string) bool { return r != rule }
	return authz.WithViewer(context.Background(), v)
}

// addKeyColumns: migration 0006 gives assessments and interventions their
// idempotency keys, so there is nothing left to add.
func (w *careWorld) addKeyColumns() {}

// ---------------------------------------------------------------------------
// recordAssessment
// ---------------------------------------------------------------------------

func sina() *care.SinaArgs {
	return &care.SinaArgs{Mobility: 2, DailyActivities: 3, CognitiveDisorders: 1, BehaviouralDisorders: 2,
		HealthCareNeed: 2, Income: 1, SupportNetwork: 3}
}

func TestRecordAssessment(t *testing.T) {
	w := newCareWorld(t)
	closed := w.closedCase()

	t.Run("a team member records a SINA assessment", func(t *testing.T) {
		on := w.today.AddDate(0, 0, -3)
		id, err := w.svc.RecordAssessment(w.as(w.swzm), care.RecordAssessmentArgs{CaseID: w.k, Kind: "SINA", AssessedOn: &on,
			Sina: sina(), Observations: ptr("  Vive solo, figlia lontana ")})
		mustOK(t, err)
		var (
			kase, citizen, operator             int64
			kind, obs                           string
			assessed                            time.Time
			mob, daily, cog, beh, hc, inc, supp int
			family                              sql.NullString
		)
		w.scan(`SELECT case_id, citizen_id, operator_id, kind, observations, assessed_on, sina_mobility, sina_daily_activities,
			sina_cognitive_disorders, sina_behavioural_disorders, sina_health_care_need, sina_income, sina_support_network,
			family_assessment FROM assessment WHERE id = ?`, []any{id},
			&kase, &citizen, &operator, &kind, &obs, &assessed, &mob, &daily, &cog, &beh, &hc, &inc, &supp, &family)
		if kase != w.k || citizen != w.c2 || operator != w.swzm || kind != "SINA" || obs != "Vive solo, figlia lontana" ||
			!assessed.Equal(on) || mob != 2 || daily != 3 || cog != 1 || beh != 2 || hc != 2 || inc != 1 || supp != 3 || family.Valid {
			t.Errorf("assessment row: %d %d %d %s %q %v %d %d %d %d %d %d %d %v", kase, citizen, operator, kind, obs, assessed,
				mob, daily, cog, beh, hc, inc, supp, family)
		}
		if n := w.audits("CREATE", "Assessment", id); n != 1 {
			t.Errorf("%d CREATE audit events, want 1", n)
		}
		if n := w.count(`audit_event WHERE object_type = 'Assessment' AND object_id = ? AND citizen_id = ? AND actor_operator_id = ?
			AND after->>'sina_mobility' = '2' AND before IS NULL`, id, w.c2, w.swzm); n != 1 {
			t.Error("the audit event does not carry the assessment after, by its author, for its citizen")
		}
	})

	t.Run("a FAMILY_MINOR assessment stores its bounded document; assessedOn defaults to today", func(t *testing.T) {
		id, err := w.svc.RecordAssessment(w.as(w.sw2), care.RecordAssessmentArgs{CaseID: w.k, Kind: "FAMILY_MINOR",
			FamilyAssessment: map[string]any{"housing": " adeguata ", "children": 2, "school": true, "notes": nil}})
		mustOK(t, err)
		var doc string
		var on time.Time
		w.scan(`SELECT family_assessment::text, assessed_on FROM assessment WHERE id = ?`, []any{id}, &doc, &on)
		var got map[string]any
		if err := json.Unmarshal([]byte(doc), &got); err != nil {
			t.Fatal(err)
		}
		if got["housing"] != "adeguata" || got["children"] != float64(2) || got["school"] != true || len(got) != 4 || !on.Equal(w.today) {
			t.Errorf("family assessment %s on %v", doc, on)
		}
	})

	t.Run("a FREE assessment", func(t *testing.T) {
		id, err := w.svc.RecordAssessment(w.as(w.sw2), care.RecordAssessmentArgs{CaseID: w.k, Kind: "FREE", Observations: ptr("Colloquio")})
		mustOK(t, err)
		if n := w.count(`assessment WHERE id = ? AND kind = 'FREE' AND sina_mobility IS NULL AND family_assessment IS NULL`, id); n != 1 {
			t.Error("free assessment not recorded as such")
		}
	})

	record := func(mod func(a *care.RecordAssessmentArgs)) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			a := care.RecordAssessmentArgs{CaseID: w.k, Kind: "SINA", Sina: sina()}
			if mod != nil {
				mod(&a)
			}
			_, err := w.svc.RecordAssessment(ctx, a)
			return err
		}
	}
	bigFamily := map[string]any{}
	for i := range 21 {
		bigFamily[fmt.Sprintf("k%d", i)] = "v"
	}
	cases := []failure{
		{name: "nobody signed in", call: record(nil), code: apperr.Unauthenticated},
		{name: "front desk of the zone", as: w.frontDesk, call: record(nil), code: apperr.Forbidden, policy: care.WriteAssessment},
		{name: "social worker of the zone, not on the team", as: w.sw2b, call: record(nil), code: apperr.Forbidden, policy: care.WriteAssessment},
		{name: "zone manager, not on the team", as: w.zm2, call: record(nil), code: apperr.Forbidden, policy: care.WriteAssessment},
		{name: "provider", as: w.provider, call: record(nil), code: apperr.NotFound, msg: "Case"},
		{name: "zone-10 social worker", as: w.sw10, call: record(nil), code: apperr.NotFound},
		{name: "analyst", as: w.analyst, call: record(nil), code: apperr.NotFound},
		{name: "unknown case", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) { a.CaseID = 987654 }), code: apperr.NotFound},
		{name: "closed case", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) { a.CaseID = closed }), code: apperr.Conflict, msg: "closed"},
		{name: "unknown kind", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) { a.Kind = "ICF" }), code: apperr.BadUserInput, field: "kind"},
		{name: "SINA without dimensions", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) { a.Sina = nil }), code: apperr.BadUserInput, field: "sina"},
		{name: "dimensions on a FREE assessment", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) { a.Kind = "FREE"; a.Observations = ptr("x") }),
			code: apperr.BadUserInput, field: "sina"},
		{name: "FAMILY_MINOR without the document", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) { a.Kind = "FAMILY_MINOR"; a.Sina = nil }),
			code: apperr.BadUserInput, field: "familyAssessment"},
		{name: "family document on a SINA assessment", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) { a.FamilyAssessment = map[string]any{"a": "b"} }),
			code: apperr.BadUserInput, field: "familyAssessment"},
		{name: "family document too big", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) {
			a.Kind, a.Sina, a.FamilyAssessment = "FAMILY_MINOR", nil, bigFamily
		}), code: apperr.BadUserInput, field: "familyAssessment"},
		{name: "family value too long", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) {
			a.Kind, a.Sina, a.FamilyAssessment = "FAMILY_MINOR", nil, map[string]any{"notes": strings.Repeat("x", 1001)}
		}), code: apperr.BadUserInput, field: "familyAssessment.notes"},
		{name: "family value nested", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) {
			a.Kind, a.Sina, a.FamilyAssessment = "FAMILY_MINOR", nil, map[string]any{"members": []any{"a", "b"}}
		}), code: apperr.BadUserInput, field: "familyAssessment.members"},
		{name: "family blank key", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) {
			a.Kind, a.Sina, a.FamilyAssessment = "FAMILY_MINOR", nil, map[string]any{" ": "x"}
		}), code: apperr.BadUserInput, field: "familyAssessment"},
		{name: "FREE without observations", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) { a.Kind, a.Sina = "FREE", nil }),
			code: apperr.BadUserInput, field: "observations"},
		{name: "observations too long", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) { a.Observations = ptr(strings.Repeat("o", 8001)) }),
			code: apperr.BadUserInput, field: "observations"},
		{name: "assessedOn in the future", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) { a.AssessedOn = ptr(w.today.AddDate(0, 0, 1)) }),
			code: apperr.BadUserInput, field: "assessedOn"},
		{name: "assessedOn more than a year ago", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) { a.AssessedOn = ptr(w.today.AddDate(-1, 0, -1)) }),
			code: apperr.BadUserInput, field: "assessedOn"},
		{name: "bad idempotency key", as: w.sw2, call: record(func(a *care.RecordAssessmentArgs) { a.IdempotencyKey = ptr("short") }),
			code: apperr.BadUserInput, field: "idempotencyKey"},
	}
	for _, d := range []struct {
		field string
		set   func(s *care.SinaArgs)
	}{
		{"sina.mobility", func(s *care.SinaArgs) { s.Mobility = 4 }},
		{"sina.dailyActivities", func(s *care.SinaArgs) { s.DailyActivities = 0 }},
		{"sina.cognitiveDisorders", func(s *care.SinaArgs) { s.CognitiveDisorders = -1 }},
		{"sina.behaviouralDisorders", func(s *care.SinaArgs) { s.BehaviouralDisorders = 3 }},
		{"sina.healthCareNeed", func(s *care.SinaArgs) { s.HealthCareNeed = 4 }},
		{"sina.income", func(s *care.SinaArgs) { s.Income = 0 }},
		{"sina.supportNetwork", func(s *care.SinaArgs) { s.SupportNetwork = 9 }},
	} {
		cases = append(cases, failure{name: d.field + " out of range", as: w.sw2, code: apperr.BadUserInput, field: d.field,
			call: record(func(a *care.RecordAssessmentArgs) { d.set(a.Sina) })})
	}
	w.expectFailures(t, cases)

	t.Run("API clients do not write", func(t *testing.T) {
		expectErr(t, record(nil)(apiClient()), apperr.Forbidden, "", care.WriteClient, "")
	})
}

// ---------------------------------------------------------------------------
// savePlan
// ---------------------------------------------------------------------------

func TestSavePlan(t *testing.T) {
	w := newCareWorld(t)
	closed := w.closedCase()
	goals := []care.GoalArgs{
		{Description: " Mantenere la domiciliarità ", Term: "LONG", Indicator: ptr("Nessun ricovero")},
		{Description: "Attivare l'assistenza domiciliare", Term: "SHORT"},
	}
	var planID int64

	t.Run("a team member creates the plan", func(t *testing.T) {
		review := w.today.AddDate(0, 6, 0)
		id, err := w.svc.SavePlan(w.as(w.sw2), care.SavePlanArgs{CaseID: w.k, Beneficiary: "PERSON", ReviewOn: &review,
			Summary: ptr("PAI"), Goals: goals})
		mustOK(t, err)
		planID = id
		var (
			kase, citizen, operator int64
			beneficiary, summary    string
			drawn, reviewOn         time.Time
			version                 int
		)
		w.scan(`SELECT case_id, citizen_id, operator_id, beneficiary, summary, drawn_up_on, review_on, version FROM plan WHERE id = ?`,
			[]any{id}, &kase, &citizen, &operator, &beneficiary, &summary, &drawn, &reviewOn, &version)
		if kase != w.k || citizen != w.c2 || operator != w.sw2 || beneficiary != "PERSON" || summary != "PAI" ||
			!drawn.Equal(w.today) || !reviewOn.Equal(review) || version != 1 {
			t.Errorf("plan row: %d %d %d %s %q %v %v %d", kase, citizen, operator, beneficiary, summary, drawn, reviewOn, version)
		}
		if n := w.count(`plan_goal WHERE plan_id = ? AND citizen_id = ? AND position = 0 AND description = 'Mantenere la domiciliarità'
			AND term = 'LONG' AND indicator = 'Nessun ricovero' AND outcome = 'PENDING'`, id, w.c2); n != 1 {
			t.Error("first goal not recorded in position 0")
		}
		if n := w.count(`plan_goal WHERE plan_id = ? AND position = 1 AND term = 'SHORT' AND indicator IS NULL AND outcome = 'PENDING'`, id); n != 1 {
			t.Error("second goal not recorded in position 1")
		}
		if n := w.count(`audit_event WHERE action = 'CREATE' AND object_type = 'Plan' AND object_id = ? AND jsonb_array_length(after->'goals') = 2`, id); n != 1 {
			t.Error("the creation is not audited with the goals")
		}
	})

	t.Run("another team member replaces it with its version", func(t *testing.T) {
		id, err := w.svc.SavePlan(w.as(w.swzm), care.SavePlanArgs{CaseID: w.k, Version: ptr(1), Beneficiary: "HOUSEHOLD",
			Goals: []care.GoalArgs{
				{Description: "Attivare l'assistenza domiciliare", Term: "SHORT", Outcome: "REACHED"},
				{Description: "Sostegno alla figlia caregiver", Term: "MEDIUM", Outcome: "PARTLY_REACHED"},
				{Description: "Centro diurno", Term: "MEDIUM"},
			}})
		mustOK(t, err)
		if id != planID {
			t.Errorf("replaced plan id %d, want %d", id, planID)
		}
		if n := w.count(`plan WHERE id = ? AND version = 2 AND beneficiary = 'HOUSEHOLD' AND summary IS NULL AND review_on IS NULL AND operator_id = ?`, id, w.swzm); n != 1 {
			t.Error("plan not replaced")
		}
		if n := w.count(`plan_goal WHERE plan_id = ?`, id); n != 3 {
			t.Errorf("%d goals, want the 3 new ones", n)
		}
		if n := w.count(`plan_goal WHERE plan_id = ? AND position = 1 AND outcome = 'PARTLY_REACHED' AND description = 'Sostegno alla figlia caregiver'`, id); n != 1 {
			t.Error("goals not in the order given")
		}
		if n := w.count(`audit_event WHERE action = 'UPDATE' AND object_type = 'Plan' AND object_id = ?
			AND jsonb_array_length(before->'goals') = 2 AND jsonb_array_length(after->'goals') = 3
			AND before->>'version' = '1' AND after->>'version' = '2'`, id); n != 1 {
			t.Error("the replacement is not audited with the goals before and after")
		}
	})

	save := func(mod func(a *care.SavePlanArgs)) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			a := care.SavePlanArgs{CaseID: w.k, Version: ptr(2), Beneficiary: "PERSON", Goals: []care.GoalArgs{{Description: "Obiettivo", Term: "SHORT"}}}
			if mod != nil {
				mod(&a)
			}
			_, err := w.svc.SavePlan(ctx, a)
			return err
		}
	}
	noPlan := w.openCase(w.c2b, "DISABILITY")
	tooMany := make([]care.GoalArgs, 31)
	for i := range tooMany {
		tooMany[i] = care.GoalArgs{Description: "g", Term: "SHORT"}
	}
	w.expectFailures(t, []failure{
		{name: "nobody signed in", call: save(nil), code: apperr.Unauthenticated},
		{name: "front desk", as: w.frontDesk, call: save(nil), code: apperr.Forbidden, policy: care.WritePlan},
		{name: "social worker not on the team", as: w.sw2b, call: save(nil), code: apperr.Forbidden, policy: care.WritePlan},
		{name: "zone manager not on the team", as: w.zm2, call: save(nil), code: apperr.Forbidden, policy: care.WritePlan},
		{name: "provider", as: w.provider, call: save(nil), code: apperr.NotFound},
		{name: "zone-10 social worker", as: w.sw10, call: save(nil), code: apperr.NotFound},
		{name: "stale version", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.Version = ptr(1) }), code: apperr.Conflict, msg: "version 2, you had 1"},
		{name: "no version though the plan exists", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.Version = nil }), code: apperr.Conflict, msg: "already has a plan"},
		{name: "a version for a case without a plan", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.CaseID = noPlan }),
			code: apperr.Conflict, msg: "no plan yet"},
		{name: "closed case", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.CaseID, a.Version = closed, nil }), code: apperr.Conflict, msg: "closed"},
		{name: "unknown beneficiary", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.Beneficiary = "FRIENDS" }), code: apperr.BadUserInput, field: "beneficiary"},
		{name: "no goals", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.Goals = nil }), code: apperr.BadUserInput, field: "goals"},
		{name: "too many goals", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.Goals = tooMany }), code: apperr.BadUserInput, field: "goals"},
		{name: "blank goal", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.Goals = append(a.Goals, care.GoalArgs{Description: " ", Term: "LONG"}) }),
			code: apperr.BadUserInput, field: "goals[1].description"},
		{name: "goal too long", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.Goals[0].Description = strings.Repeat("d", 1001) }),
			code: apperr.BadUserInput, field: "goals[0].description"},
		{name: "unknown term", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.Goals[0].Term = "FOREVER" }), code: apperr.BadUserInput, field: "goals[0].term"},
		{name: "unknown outcome", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.Goals[0].Outcome = "DONE" }), code: apperr.BadUserInput, field: "goals[0].outcome"},
		{name: "indicator too long", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.Goals[0].Indicator = ptr(strings.Repeat("i", 1001)) }),
			code: apperr.BadUserInput, field: "goals[0].indicator"},
		{name: "summary too long", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.Summary = ptr(strings.Repeat("s", 4001)) }), code: apperr.BadUserInput, field: "summary"},
		{name: "drawn up in the future", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.DrawnUpOn = ptr(w.today.AddDate(0, 0, 1)) }),
			code: apperr.BadUserInput, field: "drawnUpOn"},
		{name: "drawn up before the case was opened", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.DrawnUpOn = ptr(w.today.AddDate(0, 0, -1)) }),
			code: apperr.BadUserInput, field: "drawnUpOn"},
		{name: "review on the day it is drawn up", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.ReviewOn = ptr(w.today) }),
			code: apperr.BadUserInput, field: "reviewOn"},
		{name: "review after more than two years", as: w.sw2, call: save(func(a *care.SavePlanArgs) { a.ReviewOn = ptr(w.today.AddDate(2, 0, 1)) }),
			code: apperr.BadUserInput, field: "reviewOn"},
	})

	t.Run("API clients do not write", func(t *testing.T) {
		expectErr(t, save(nil)(apiClient()), apperr.Forbidden, "", care.WriteClient, "")
	})
}

// ---------------------------------------------------------------------------
// recordActivity: the case diary
// ---------------------------------------------------------------------------

func TestRecordDiaryActivity(t *testing.T) {
	w := newCareWorld(t)
	closed := w.closedCase()

	t.Run("a team member writes a confidential note", func(t *testing.T) {
		at := time.Now().Add(-time.Hour).Truncate(time.Second)
		id, err := w.svc.RecordActivity(w.as(w.swzm), care.RecordActivityArgs{CaseID: w.k, Kind: "NOTE", OccurredAt: &at,
			Text: ptr(" Riferisce maltrattamenti "), Confidential: true, Hours: ptr(0.5)})
		mustOK(t, err)
		var (
			citizen, kase, operator int64
			intervention            sql.NullInt64
			occurred                time.Time
			kind, text              string
			hours                   float64
			confidential            bool
		)
		w.scan(`SELECT citizen_id, case_id, intervention_id, operator_id, occurred_at, kind, text, hours, confidential FROM activity WHERE id = ?`,
			[]any{id}, &citizen, &kase, &intervention, &operator, &occurred, &kind, &text, &hours, &confidential)
		if citizen != w.c2 || kase != w.k || intervention.Valid || operator != w.swzm || !occurred.Equal(at) || kind != "NOTE" ||
			text != "Riferisce maltrattamenti" || hours != 0.5 || !confidential {
			t.Errorf("activity row: %d %d %v %d %v %s %q %v %v", citizen, kase, intervention, operator, occurred, kind, text, hours, confidential)
		}
		if n := w.audits("CREATE", "Activity", id); n != 1 {
			t.Errorf("%d CREATE audit events, want 1", n)
		}
	})

	t.Run("a phone call without text, occurredAt now", func(t *testing.T) {
		before := time.Now().Add(-time.Second)
		id, err := w.svc.RecordActivity(w.as(w.sw2), care.RecordActivityArgs{CaseID: w.k, Kind: "PHONE_CALL"})
		mustOK(t, err)
		var occurred time.Time
		w.scan(`SELECT occurred_at FROM activity WHERE id = ?`, []any{id}, &occurred)
		if occurred.Before(before) || occurred.After(time.Now().Add(time.Second)) {
			t.Errorf("occurredAt %v", occurred)
		}
	})

	record := func(mod func(a *care.RecordActivityArgs)) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			a := care.RecordActivityArgs{CaseID: w.k, Kind: "MEETING", Text: ptr("Colloquio")}
			if mod != nil {
				mod(&a)
			}
			_, err := w.svc.RecordActivity(ctx, a)
			return err
		}
	}
	w.expectFailures(t, []failure{
		{name: "nobody signed in", call: record(nil), code: apperr.Unauthenticated},
		{name: "front desk", as: w.frontDesk, call: record(nil), code: apperr.Forbidden, policy: care.WriteActivity},
		{name: "social worker not on the team", as: w.sw2b, call: record(nil), code: apperr.Forbidden, policy: care.WriteActivity},
		{name: "zone manager not on the team", as: w.zm2, call: record(nil), code: apperr.Forbidden, policy: care.WriteActivity},
		{name: "provider", as: w.provider, call: record(nil), code: apperr.NotFound},
		{name: "zone-10 social worker", as: w.sw10, call: record(nil), code: apperr.NotFound},
		{name: "closed case", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.CaseID = closed }), code: apperr.Conflict, msg: "closed"},
		{name: "neither case nor intervention", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.CaseID = 0 }), code: apperr.BadUserInput, field: "caseId"},
		{name: "unknown kind", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.Kind = "LUNCH" }), code: apperr.BadUserInput, field: "kind"},
		{name: "note without text", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.Kind, a.Text = "NOTE", ptr("  ") }), code: apperr.BadUserInput, field: "text"},
		{name: "report without text", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.Kind, a.Text = "REPORT", nil }), code: apperr.BadUserInput, field: "text"},
		{name: "text too long", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.Text = ptr(strings.Repeat("t", 8001)) }), code: apperr.BadUserInput, field: "text"},
		{name: "zero hours", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.Hours = ptr(0.0) }), code: apperr.BadUserInput, field: "hours"},
		{name: "hours that round to zero", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.Hours = ptr(0.001) }), code: apperr.BadUserInput, field: "hours"},
		{name: "negative hours", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.Hours = ptr(-1.0) }), code: apperr.BadUserInput, field: "hours"},
		{name: "more than 24 hours", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.Hours = ptr(24.5) }), code: apperr.BadUserInput, field: "hours"},
		{name: "delivered hours on the diary", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.Kind, a.Hours = "DELIVERED_HOURS", ptr(2.0) }),
			code: apperr.BadUserInput, field: "interventionId"},
		{name: "an amount on the diary", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.AmountCents = ptr(int64(100)) }),
			code: apperr.BadUserInput, field: "amountCents"},
		{name: "occurredAt in the future", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.OccurredAt = ptr(time.Now().Add(10 * time.Minute)) }),
			code: apperr.BadUserInput, field: "occurredAt"},
		{name: "occurredAt more than a year ago", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.OccurredAt = ptr(time.Now().AddDate(-1, 0, -1)) }),
			code: apperr.BadUserInput, field: "occurredAt"},
		{name: "bad idempotency key", as: w.sw2, call: record(func(a *care.RecordActivityArgs) { a.IdempotencyKey = ptr("tab\tkey-123") }),
			code: apperr.BadUserInput, field: "idempotencyKey"},
	})

	t.Run("API clients do not write", func(t *testing.T) {
		expectErr(t, record(nil)(apiClient()), apperr.Forbidden, "", care.WriteClient, "")
	})

	t.Run("a few minutes ahead (clock skew) is accepted", func(t *testing.T) {
		mustOK(t, record(func(a *care.RecordActivityArgs) { a.OccurredAt = ptr(time.Now().Add(3 * time.Minute)) })(w.as(w.sw2)))
	})

	t.Run("idempotent replay of an entry recorded offline", func(t *testing.T) {
		key := "offline-entry-0001"
		args := care.RecordActivityArgs{CaseID: w.k, Kind: "HOME_VISIT", Text: ptr("Visita"), OccurredAt: ptr(time.Now().Add(-2 * time.Hour)), IdempotencyKey: &key}
		id1, err := w.svc.RecordActivity(w.as(w.sw2), args)
		mustOK(t, err)
		snap := w.snapshot()
		id2, err := w.svc.RecordActivity(w.as(w.sw2), args)
		mustOK(t, err)
		if id1 != id2 {
			t.Errorf("replay returned %d, first call %d", id2, id1)
		}
		if w.snapshot() != snap {
			t.Error("the replay wrote (a row or an audit event)")
		}
		if n := w.count(`activity WHERE idempotency_key = ?`, key); n != 1 {
			t.Errorf("%d activities with the key", n)
		}
		if n := w.audits("CREATE", "Activity", id1); n != 1 {
			t.Errorf("%d audit events, want 1", n)
		}
		w.expectFailures(t, []failure{{name: "key used by another operator", as: w.swzm, call: func(ctx context.Context) error {
			_, err := w.svc.RecordActivity(ctx, args)
			return err
		}, code: apperr.Conflict}})
	})

	t.Run("concurrent retries store the entry once", func(t *testing.T) {
		key := "offline-entry-concurrent"
		ids := make([]int64, 6)
		errs := make([]error, len(ids))
		ctx := w.as(w.sw2)
		var wg sync.WaitGroup
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ids[i], errs[i] = w.svc.RecordActivity(ctx, care.RecordActivityArgs{CaseID: w.k, Kind: "PHONE_CALL", IdempotencyKey: &key})
			}()
		}
		wg.Wait()
		for i := range ids {
			if errs[i] != nil {
				t.Fatalf("retry %d: %v", i, errs[i])
			}
			if ids[i] != ids[0] {
				t.Errorf("retry %d got id %d, first %d", i, ids[i], ids[0])
			}
		}
		if n := w.count(`activity WHERE idempotency_key = ?`, key); n != 1 {
			t.Errorf("%d activities recorded, want 1", n)
		}
		if n := w.audits("CREATE", "Activity", ids[0]); n != 1 {
			t.Errorf("%d audit events, want 1", n)
		}
	})
}
