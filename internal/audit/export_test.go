package audit_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/testdb"
	"github.com/siso-project/siso/internal/testenv"
)

func TestExportHasTheWholeRecordAndNoSecrets(t *testing.T) {
	t.Parallel()
	w := &world{t: t, db: testdb.New(t, testenv.Demo)}
	ctx := context.Background()
	// A citizen with something in every section.
	id := int64(w.count(`SELECT c.id FROM citizen c
		WHERE EXISTS (SELECT 1 FROM relation r WHERE r.citizen_id = c.id)
		  AND EXISTS (SELECT 1 FROM consent x WHERE x.citizen_id = c.id)
		  AND EXISTS (SELECT 1 FROM access a JOIN access_need n ON n.access_id = a.id WHERE a.citizen_id = c.id)
		  AND EXISTS (SELECT 1 FROM referral x WHERE x.citizen_id = c.id)
		  AND EXISTS (SELECT 1 FROM case_member x WHERE x.citizen_id = c.id)
		  AND EXISTS (SELECT 1 FROM assessment x WHERE x.citizen_id = c.id)
		  AND EXISTS (SELECT 1 FROM plan_goal x WHERE x.citizen_id = c.id)
		  AND EXISTS (SELECT 1 FROM intervention x WHERE x.citizen_id = c.id)
		  AND EXISTS (SELECT 1 FROM activity x WHERE x.citizen_id = c.id)
		ORDER BY c.id LIMIT 1`))
	w.operator = int64(w.count("SELECT id FROM operator WHERE username = 'as.perugia'"))
	caseID := w.count("SELECT min(id) FROM care_case WHERE citizen_id = ?", id)
	w.exec(`INSERT INTO case_grant (case_id, citizen_id, grantee_organization_id, valid_from, valid_to, reason, granted_by)
		SELECT ?, ?, (SELECT min(id) FROM organization), now(), now() + interval '30 days', 'Presa in carico integrata', ?`, caseID, id, w.operator)
	w.exec(`INSERT INTO emergency_access (operator_id, citizen_id, zone_id, reason, expires_at)
		VALUES (?, ?, 2, 'Accesso urgente per tutela', now() + interval '4 hours')`, w.operator, id)
	w.exec(`UPDATE access SET idempotency_key = 'secret-idempotency-key' WHERE id = (SELECT min(id) FROM access WHERE citizen_id = ?)`, id)
	r := audit.NewRecorder(audit.Actor{OperatorID: w.operator, Label: "as.perugia", Kind: audit.KindSession}, "req-x")
	r.Read(id, 2, "IDENTITY", "SENSITIVE")
	r.Write(audit.ActionUpdate, "Citizen", id, id, map[string]any{"phone": "1"}, map[string]any{"phone": "2"})
	r.Read(int64(w.count("SELECT min(id) FROM citizen WHERE id <> ?", id)), 2, "IDENTITY") // someone else
	if err := r.Flush(ctx, &audit.Log{DB: w.db, Now: func() time.Time { return testenv.DemoNow }}); err != nil {
		t.Fatal(err)
	}

	doc, err := audit.Export(ctx, w.db, id)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	if doc["format"] != audit.ExportFormat || doc["citizenId"] != json.Number(jsonInt(id)) {
		t.Errorf("format %v, citizenId %v", doc["format"], doc["citizenId"])
	}
	citizen, _ := doc["citizen"].(map[string]any)
	var fiscal string
	_ = w.db.QueryRowContext(ctx, "SELECT coalesce(fiscal_code, temporary_id) FROM citizen WHERE id = ?", id).Scan(&fiscal)
	if citizen == nil || (citizen["fiscal_code"] != fiscal && citizen["temporary_id"] != fiscal) || citizen["last_name"] == nil {
		t.Errorf("citizen section: %v", citizen)
	}
	sections := map[string]string{
		"relations":         "SELECT count(*) FROM relation WHERE citizen_id = ?0 OR related_citizen_id = ?0",
		"consents":          "SELECT count(*) FROM consent WHERE citizen_id = ?0",
		"accesses":          "SELECT count(*) FROM access WHERE citizen_id = ?0",
		"referrals":         "SELECT count(*) FROM referral WHERE citizen_id = ?0",
		"cases":             "SELECT count(*) FROM care_case WHERE citizen_id = ?0",
		"assessments":       "SELECT count(*) FROM assessment WHERE citizen_id = ?0",
		"plans":             "SELECT count(*) FROM plan WHERE citizen_id = ?0",
		"interventions":     "SELECT count(*) FROM intervention WHERE citizen_id = ?0",
		"activities":        "SELECT count(*) FROM activity WHERE citizen_id = ?0",
		"grants":            "SELECT count(*) FROM case_grant WHERE citizen_id = ?0",
		"emergencyAccesses": "SELECT count(*) FROM emergency_access WHERE citizen_id = ?0",
		"auditTrail":        "SELECT count(*) FROM audit_event WHERE citizen_id = ?0",
	}
	for name, q := range sections {
		list, ok := doc[name].([]any)
		want := w.count(q, id)
		if !ok || len(list) != want || want == 0 {
			t.Errorf("section %s: %d entries, want %d (> 0)", name, len(list), want)
		}
	}
	first := func(section string) map[string]any {
		list, _ := doc[section].([]any)
		if len(list) == 0 {
			return nil
		}
		m, _ := list[0].(map[string]any)
		return m
	}
	if k := first("cases"); k == nil || k["members"] == nil || k["status_history"] == nil ||
		len(k["members"].([]any)) != w.count("SELECT count(*) FROM case_member WHERE case_id = ?", k["id"]) {
		t.Errorf("case without members or history: %v", k)
	}
	if p := first("plans"); p == nil || len(p["goals"].([]any)) == 0 {
		t.Errorf("plan without goals: %v", p)
	}
	var withNeeds int
	for _, a := range doc["accesses"].([]any) {
		if len(a.(map[string]any)["needs"].([]any)) > 0 {
			withNeeds++
		}
		if _, ok := a.(map[string]any)["requested_services"].([]any); !ok {
			t.Errorf("access without requested_services: %v", a)
		}
	}
	if withNeeds == 0 {
		t.Error("no access carries its needs")
	}
	rel := first("relations")
	other, _ := rel["other_person"].(map[string]any)
	if len(other) != 2 || other["first_name"] == nil || other["last_name"] == nil {
		t.Errorf("relation's other person: %v", rel)
	}
	var otherCode string
	_ = w.db.QueryRowContext(ctx, `SELECT coalesce(o.fiscal_code, o.temporary_id) FROM relation r
		JOIN citizen o ON o.id = CASE WHEN r.citizen_id = ?0 THEN r.related_citizen_id ELSE r.citizen_id END
		WHERE r.citizen_id = ?0 OR r.related_citizen_id = ?0 ORDER BY r.id LIMIT 1`, id).Scan(&otherCode)
	for _, secret := range []string{"password_hash", "argon2", "idempotency_key", "secret-idempotency-key", "search_name",
		"prev_hash", otherCode} {
		if strings.Contains(text, secret) {
			t.Errorf("the export contains %q", secret)
		}
	}
	trail := doc["auditTrail"].([]any)
	if len(trail) != 2 || trail[0].(map[string]any)["action"] != "READ" || trail[1].(map[string]any)["action"] != "UPDATE" ||
		trail[1].(map[string]any)["after"] == nil {
		t.Errorf("audit trail: %v", trail)
	}
	if !strings.Contains(text, `"at":"2026-11-20T10:00:00+00:00"`) {
		t.Error("timestamps are not in UTC")
	}
	// Deterministic.
	again, err := audit.Export(ctx, w.db, id)
	if err != nil {
		t.Fatal(err)
	}
	if raw2, _ := json.Marshal(again); string(raw2) != text {
		t.Error("two exports differ")
	}
	if _, err := audit.Export(ctx, w.db, 999_999_999); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("unknown citizen: %v", err)
	}
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }
