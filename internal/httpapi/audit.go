package httpapi

import (
	"context"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/uptrace/bun"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/database"
)

// actorOf is the audit actor of a request's viewer.
func actorOf(v *authz.Viewer) audit.Actor {
	switch {
	case v == nil:
		return audit.Actor{Label: "anonymous", Kind: audit.KindSession}
	case v.IsClient():
		return audit.Actor{APIClientID: v.ClientID, Label: v.Label(), Kind: audit.KindAPIClient}
	}
	return audit.Actor{OperatorID: v.OperatorID, Label: v.Username, Kind: audit.KindSession}
}

// auditResponses writes the audit records of a response before it leaves:
// one batched insert per response; when it cannot be written the personal
// data is not returned (DESIGN.md section 4).
func auditResponses(db *bun.DB, trail *audit.Committer, logger *slog.Logger) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		rec := audit.RecorderFrom(ctx)
		if rec == nil || resp == nil {
			return resp
		}
		// A request refused before it has an operation (an unreadable body)
		// reaches here without an operation context.
		if graphql.HasOperationContext(ctx) {
			oc := graphql.GetOperationContext(ctx)
			name := oc.OperationName
			if name == "" && oc.Operation != nil {
				name = oc.Operation.Name
			}
			rec.SetOperation(name)
		}
		events := rec.Take()
		if len(events) == 0 {
			return resp
		}
		err := fillEmergencyReasons(ctx, db, events)
		if err == nil {
			err = trail.Append(ctx, events)
			if err == nil {
				return resp
			}
			logger.ErrorContext(ctx, "audit append failed: personal data withheld", "request_id", RequestID(ctx), "error", err.Error())
		} else {
			logger.ErrorContext(ctx, "audit emergency lookup failed: personal data withheld", "request_id", RequestID(ctx), "error", err.Error())
		}
		ext := map[string]any{"code": string(apperr.Internal)}
		switch {
		case database.Unavailable(err):
			ext["code"] = string(apperr.Unavailable) // retryable: unavailableStatus makes it a 503
		case timedOut(ctx, err):
			ext["code"], ext["limit"] = string(apperr.CostLimitExceeded), "time"
		}
		return &graphql.Response{Errors: gqlerror.List{{
			Message:    "the audit trail could not be written, so no personal data is returned",
			Extensions: ext,
		}}}
	}
}

// fillEmergencyReasons gives each read made under an emergency access the
// reason written when it was declared.
func fillEmergencyReasons(ctx context.Context, db *bun.DB, events []audit.Event) error {
	for i := range events {
		e := &events[i]
		if !e.Emergency || e.Reason != "" || e.ActorOperatorID == 0 {
			continue
		}
		var reason string
		err := db.NewRaw(`SELECT reason FROM emergency_access WHERE operator_id = ? AND citizen_id = ? AND now() < expires_at
			ORDER BY started_at DESC LIMIT 1`, e.ActorOperatorID, e.CitizenID).Scan(ctx, &reason)
		if err != nil {
			return err
		}
		e.Reason = reason
	}
	return nil
}
