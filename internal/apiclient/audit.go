package apiclient

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/audit"
)

// Creating and revoking a client are administration events (action ADMIN,
// object type ApiClient), written in the transaction of the change with the
// client before and after it: never the token or its hash.

// snapshotSQL is the client as the audit trail records it.
const snapshotSQL = `SELECT to_jsonb(t) - 'token_hash' FROM api_client t WHERE t.id = ?`

func snapshot(ctx context.Context, tx bun.IDB, id int64) (json.RawMessage, error) {
	var doc []byte
	if err := tx.QueryRowContext(ctx, snapshotSQL, id).Scan(&doc); err != nil {
		return nil, fmt.Errorf("apiclient: snapshot %d: %w", id, err)
	}
	return json.RawMessage(doc), nil
}

// audited appends the ADMIN event of a change of client id by the
// administrator by, in tx.
func audited(ctx context.Context, tx bun.Tx, by, id int64, what string, before json.RawMessage) error {
	after, err := snapshot(ctx, tx, id)
	if err != nil {
		return err
	}
	rec := audit.RecorderFrom(ctx)
	if rec == nil {
		var label string
		if err := tx.QueryRowContext(ctx, `SELECT username FROM operator WHERE id = ?`, by).Scan(&label); err != nil {
			return fmt.Errorf("apiclient: actor: %w", err)
		}
		rec = audit.NewRecorder(audit.Actor{OperatorID: by, Label: label, Kind: audit.KindSession}, "")
	}
	e := audit.Event{Action: audit.ActionAdmin, ObjectType: "ApiClient", ObjectID: id, Reason: what, After: after}
	if before != nil {
		e.Before = before
	}
	rec.Add(e)
	if err := (&audit.Log{DB: tx}).Append(ctx, rec.TakeWrites()); err != nil {
		return fmt.Errorf("audit the administration: %w", err)
	}
	return nil
}
