package care

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/authz"
)

// Every write is audited with the object before and after it, in the
// transaction of the write (DESIGN.md section 4): if the audit record
// cannot be written, neither is the change.

// snapshots tells how to read an object as JSON for the audit trail, and
// which column names its citizen.
var snapshots = map[string]struct{ sql, citizenCol string }{
	"Citizen":  {`SELECT to_jsonb(t) - 'search_name' AS doc, t.id AS citizen_id FROM citizen t WHERE t.id = ?`, "id"},
	"Relation": {`SELECT to_jsonb(t) AS doc, t.citizen_id FROM relation t WHERE t.id = ?`, "citizen_id"},
	"Access": {`SELECT to_jsonb(t) - 'idempotency_key' || jsonb_build_object(
			'needs', (SELECT jsonb_agg(to_jsonb(n) ORDER BY n.need_code) FROM access_need n WHERE n.access_id = t.id),
			'requested_services', (SELECT jsonb_agg(r.intervention_type_code ORDER BY 1) FROM access_requested_service r WHERE r.access_id = t.id)
		) AS doc, coalesce(t.citizen_id, 0) AS citizen_id FROM access t WHERE t.id = ?`, "citizen_id"},
	"Referral": {`SELECT to_jsonb(t) - 'idempotency_key' AS doc, t.citizen_id FROM referral t WHERE t.id = ?`, "citizen_id"},
	"Case": {`SELECT to_jsonb(t) - 'idempotency_key' || jsonb_build_object(
			'members', (SELECT jsonb_agg(to_jsonb(m) ORDER BY m.id) FROM case_member m WHERE m.case_id = t.id)
		) AS doc, t.citizen_id FROM care_case t WHERE t.id = ?`, "citizen_id"},
	"CaseGrant":       {`SELECT to_jsonb(t) AS doc, t.citizen_id FROM case_grant t WHERE t.id = ?`, "citizen_id"},
	"EmergencyAccess": {`SELECT to_jsonb(t) AS doc, t.citizen_id FROM emergency_access t WHERE t.id = ?`, "citizen_id"},
	"Assessment":      {`SELECT to_jsonb(t) - 'idempotency_key' AS doc, t.citizen_id FROM assessment t WHERE t.id = ?`, "citizen_id"},
	"Plan": {`SELECT to_jsonb(t) || jsonb_build_object(
			'goals', (SELECT jsonb_agg(to_jsonb(g) ORDER BY g.position, g.id) FROM plan_goal g WHERE g.plan_id = t.id)
		) AS doc, t.citizen_id FROM plan t WHERE t.id = ?`, "citizen_id"},
	"Intervention": {`SELECT to_jsonb(t) - 'idempotency_key' AS doc, t.citizen_id FROM intervention t WHERE t.id = ?`, "citizen_id"},
	"Activity":     {`SELECT to_jsonb(t) - 'idempotency_key' AS doc, t.citizen_id FROM activity t WHERE t.id = ?`, "citizen_id"},
}

// snapshot reads an object as JSON with its citizen; nil when it is gone.
func snapshot(ctx context.Context, tx bun.IDB, objectType string, id int64) (json.RawMessage, int64, error) {
	s, ok := snapshots[objectType]
	if !ok {
		return nil, 0, fmt.Errorf("audit: no snapshot for %s", objectType)
	}
	var row struct {
		Doc       json.RawMessage `bun:"doc"`
		CitizenID int64           `bun:"citizen_id"`
	}
	err := tx.NewRaw(s.sql, id).Scan(ctx, &row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("audit snapshot of %s %d: %w", objectType, id, err)
	}
	return row.Doc, row.CitizenID, nil
}

// recorder returns the request's recorder, or one for v when the service
// is called outside a request (commands, tests).
func recorder(ctx context.Context, v *authz.Viewer) *audit.Recorder {
	if r := audit.RecorderFrom(ctx); r != nil {
		return r
	}
	return audit.NewRecorder(audit.Actor{OperatorID: v.OperatorID, Label: v.Username, Kind: audit.KindSession}, "")
}

// logWrites appends the pending write events of the request in tx.
func logWrites(ctx context.Context, tx bun.IDB, rec *audit.Recorder) error {
	if err := (&audit.Log{DB: tx}).Append(ctx, rec.TakeWrites()); err != nil {
		return fmt.Errorf("audit the write: %w", err)
	}
	return nil
}

// created audits the creation of an object, with its state after.
func created(ctx context.Context, tx bun.IDB, v *authz.Viewer, objectType string, id int64) error {
	after, citizenID, err := snapshot(ctx, tx, objectType, id)
	if err != nil {
		return err
	}
	rec := recorder(ctx, v)
	rec.Write(audit.ActionCreate, objectType, id, citizenID, nil, after)
	return logWrites(ctx, tx, rec)
}

// updated runs fn in a transaction and audits the object's state before
// (locked, so no other write slips in between) and after it.
func (s *Service) updated(ctx context.Context, v *authz.Viewer, objectType string, id int64, fn func(ctx context.Context, tx bun.Tx) error) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return updatedIn(ctx, tx, v, objectType, id, fn)
	})
}

// updatedIn is updated inside a transaction that is already running: for
// a write that changes an object on the side of another one (the first
// delivery of an intervention makes it ACTIVE) or whose object is found
// inside the transaction (the plan of a case).
func updatedIn(ctx context.Context, tx bun.Tx, v *authz.Viewer, objectType string, id int64, fn func(ctx context.Context, tx bun.Tx) error) error {
	before, _, err := snapshotLocked(ctx, tx, objectType, id)
	if err != nil {
		return err
	}
	if err := fn(ctx, tx); err != nil {
		return err
	}
	after, citizenID, err := snapshot(ctx, tx, objectType, id)
	if err != nil {
		return err
	}
	rec := recorder(ctx, v)
	rec.Write(audit.ActionUpdate, objectType, id, citizenID, before, after)
	return logWrites(ctx, tx, rec)
}

// snapshotLocked is snapshot with the object's row locked for the rest of
// the transaction.
func snapshotLocked(ctx context.Context, tx bun.Tx, objectType string, id int64) (json.RawMessage, int64, error) {
	s, ok := snapshots[objectType]
	if !ok {
		return nil, 0, fmt.Errorf("audit: no snapshot for %s", objectType)
	}
	if _, err := tx.ExecContext(ctx, "SELECT 1 FROM "+tableOf(s.sql)+" WHERE id = ? FOR UPDATE", id); err != nil {
		return nil, 0, fmt.Errorf("lock %s %d: %w", objectType, id, err)
	}
	return snapshot(ctx, tx, objectType, id)
}

// tableOf extracts the table of a snapshot query ("... FROM table t WHERE").
func tableOf(q string) string {
	i := strings.LastIndex(q, " FROM ")
	rest := strings.Fields(q[i+6:])
	return rest[0]
}
