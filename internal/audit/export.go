package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/apperr"
)

// ExportFormat names the layout of the document Export returns.
const ExportFormat = "siso-citizen-export-v1"

// exportSQL builds the whole document in one statement (one snapshot).
// Sections are named in camelCase; rows keep their column names. Rows are
// ordered by time then id, children by their natural order then id.
const exportSQL = `
SELECT jsonb_build_object(
  'format', ?1::text,
  'citizenId', c.id,
  'citizen', to_jsonb(c) - 'search_name',
  'relations', coalesce((
    SELECT jsonb_agg(to_jsonb(r) || jsonb_build_object(
             'direction', CASE WHEN r.citizen_id = c.id THEN 'FROM_CITIZEN' ELSE 'TO_CITIZEN' END,
             'other_person', jsonb_build_object('first_name', o.first_name, 'last_name', o.last_name))
           ORDER BY r.id)
    FROM relation r
    JOIN citizen o ON o.id = CASE WHEN r.citizen_id = c.id THEN r.related_citizen_id ELSE r.citizen_id END
    WHERE r.citizen_id = c.id OR r.related_citizen_id = c.id), '[]'),
  'consents', coalesce((
    SELECT jsonb_agg(to_jsonb(x) ORDER BY x.informed_at, x.id) FROM consent x WHERE x.citizen_id = c.id), '[]'),
  'accesses', coalesce((
    SELECT jsonb_agg((to_jsonb(a) - 'idempotency_key') || jsonb_build_object(
             'needs', coalesce((SELECT jsonb_agg(jsonb_build_object('need_code', n.need_code, 'notes', n.notes)
                                  ORDER BY n.need_code)
                                FROM access_need n WHERE n.access_id = a.id), '[]'),
             'requested_services', coalesce((SELECT jsonb_agg(s.intervention_type_code ORDER BY s.intervention_type_code)
                                FROM access_requested_service s WHERE s.access_id = a.id), '[]'))
           ORDER BY a.occurred_at, a.id)
    FROM access a WHERE a.citizen_id = c.id), '[]'),
  'referrals', coalesce((
    SELECT jsonb_agg(to_jsonb(x) - 'idempotency_key' ORDER BY x.proposed_at, x.id)
    FROM referral x WHERE x.citizen_id = c.id), '[]'),
  'cases', coalesce((
    SELECT jsonb_agg((to_jsonb(k) - 'idempotency_key') || jsonb_build_object(
             'members', coalesce((SELECT jsonb_agg(to_jsonb(m) || jsonb_build_object(
                                     'operator_username', op.username, 'operator_display_name', op.display_name)
                                   ORDER BY m.valid_from, m.id)
                                 FROM case_member m JOIN operator op ON op.id = m.operator_id
                                 WHERE m.case_id = k.id), '[]'),
             'status_history', coalesce((SELECT jsonb_agg(to_jsonb(s) ORDER BY s.changed_at, s.id)
                                 FROM case_status_change s WHERE s.case_id = k.id), '[]'))
           ORDER BY k.opened_at, k.id)
    FROM care_case k WHERE k.citizen_id = c.id), '[]'),
  'assessments', coalesce((
    SELECT jsonb_agg(to_jsonb(x) - 'idempotency_key' ORDER BY x.assessed_on, x.id) FROM assessment x WHERE x.citizen_id = c.id), '[]'),
  'plans', coalesce((
    SELECT jsonb_agg(to_jsonb(p) || jsonb_build_object(
             'goals', coalesce((SELECT jsonb_agg(to_jsonb(g) ORDER BY g.position, g.id)
                                FROM plan_goal g WHERE g.plan_id = p.id), '[]'))
           ORDER BY p.drawn_up_on, p.id)
    FROM plan p WHERE p.citizen_id = c.id), '[]'),
  'interventions', coalesce((
    SELECT jsonb_agg(to_jsonb(x) - 'idempotency_key' ORDER BY x.start_date, x.id) FROM intervention x WHERE x.citizen_id = c.id), '[]'),
  'activities', coalesce((
    SELECT jsonb_agg(to_jsonb(x) - 'idempotency_key' ORDER BY x.occurred_at, x.id)
    FROM activity x WHERE x.citizen_id = c.id), '[]'),
  'grants', coalesce((
    SELECT jsonb_agg(to_jsonb(x) ORDER BY x.valid_from, x.id) FROM case_grant x WHERE x.citizen_id = c.id), '[]'),
  'emergencyAccesses', coalesce((
    SELECT jsonb_agg(to_jsonb(x) || jsonb_build_object(
             'operator_username', op.username, 'operator_display_name', op.display_name)
           ORDER BY x.started_at, x.id)
    FROM emergency_access x JOIN operator op ON op.id = x.operator_id WHERE x.citizen_id = c.id), '[]'),
  'auditTrail', coalesce((
    SELECT jsonb_agg(to_jsonb(x) - 'prev_hash' - 'hash' ORDER BY x.id)
    FROM audit_event x WHERE x.citizen_id = c.id), '[]')
)::text
FROM citizen c WHERE c.id = ?0`

// Export returns the whole record of one citizen, for a request under GDPR
// art. 15, as a JSON-able document: format, citizenId, citizen (the row),
// relations (both directions, with the other person's name only),
// consents, accesses (with needs and requested services), referrals, cases
// (with members and status_history), assessments, plans (with goals),
// interventions, activities, grants, emergencyAccesses and auditTrail (the
// events about the citizen, with before/after, without the hashes).
// Password hashes and idempotency keys are left out; operators appear by
// id, username and display name. Timestamps are in UTC; numbers are
// json.Number. The caller records the EXPORT event.
func Export(ctx context.Context, db bun.IDB, citizenID int64) (map[string]any, error) {
	var text []byte
	err := inTx(ctx, db, func(tx bun.Tx) error {
		var tz string
		if err := tx.QueryRowContext(ctx, "SELECT current_setting('TimeZone')").Scan(&tz); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "SELECT set_config('TimeZone', 'UTC', true)"); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, exportSQL, citizenID, ExportFormat).Scan(&text)
		if _, rerr := tx.ExecContext(ctx, "SELECT set_config('TimeZone', ?, true)", tz); err == nil {
			err = rerr
		}
		return err
	})
	if err != nil {
		if isNoRows(err) {
			return nil, apperr.NewNotFound("citizen")
		}
		return nil, fmt.Errorf("audit: export citizen %d: %w", citizenID, err)
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("audit: export citizen %d: %w", citizenID, err)
	}
	return doc, nil
}

// inTx runs fn in db when it is a transaction, else in a new transaction.
func inTx(ctx context.Context, db bun.IDB, fn func(tx bun.Tx) error) error {
	switch t := db.(type) {
	case bun.Tx:
		return fn(t)
	case *bun.Tx:
		return fn(*t)
	}
	return db.RunInTx(ctx, nil, func(_ context.Context, tx bun.Tx) error { return fn(tx) })
}
