package admin

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"time"

	"github.com/siso-project/siso/internal/apperr"
)

// Bounds of Events.
const (
	DefaultEventsLimit = 50
	MaxEventsLimit     = 100
)

// ObjectTypes are the object types of the administration events: operators
// and API clients.
var ObjectTypes = []string{"Operator", "ApiClient"}

// Event is one administration event of the audit trail (action ADMIN on an
// operator or an API client).
type Event struct {
	ID              int64
	At              time.Time
	ActorOperatorID int64
	ActorLabel      string
	ObjectType      string
	ObjectID        int64
	// What was done, e.g. createOperator or "revoked".
	Reason        string
	OperationName string
	RequestID     string
	// Before and After are the JSON snapshots ("" when none).
	Before, After string
}

// Cursor locates the event for EventsQuery.After.
func (e *Event) Cursor() string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(e.ID, 10)))
}

// EventsQuery selects administration events, newest first.
type EventsQuery struct {
	// OperatorID keeps the events about this operator (0: all).
	OperatorID int64
	First      int
	After      string
}

// Events lists the administration events, newest first, and how many match
// over every page. The caller checks that the viewer may read them.
func (s *Service) Events(ctx context.Context, q EventsQuery) (events []*Event, hasNext bool, total int, err error) {
	limit := q.First
	if limit == 0 {
		limit = DefaultEventsLimit
	}
	if limit < 1 || limit > MaxEventsLimit {
		return nil, false, 0, apperr.BadInput("first", "first must be between 1 and %d", MaxEventsLimit)
	}
	where := `ae.action = 'ADMIN' AND ae.object_type IN ('Operator', 'ApiClient')`
	var args []any
	if q.OperatorID != 0 {
		where += ` AND ae.object_type = 'Operator' AND ae.object_id = ?`
		args = append(args, q.OperatorID)
	}
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM audit_event ae WHERE `+where, args...).Scan(&total); err != nil {
		return nil, false, 0, fmt.Errorf("admin: count events: %w", err)
	}
	if q.After != "" {
		b, err := base64.RawURLEncoding.DecodeString(q.After)
		id, perr := strconv.ParseInt(string(b), 10, 64)
		if err != nil || perr != nil || id <= 0 {
			return nil, false, 0, apperr.BadInput("after", "not a cursor of this list")
		}
		where += ` AND ae.id < ?`
		args = append(args, id)
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT ae.id, ae.at, coalesce(ae.actor_operator_id, 0), ae.actor_label,
		    ae.object_type, coalesce(ae.object_id, 0), coalesce(ae.reason, ''), coalesce(ae.operation_name, ''),
		    ae.request_id, coalesce(ae.before::text, ''), coalesce(ae.after::text, '')
		FROM audit_event ae WHERE `+where+` ORDER BY ae.id DESC LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return nil, false, 0, fmt.Errorf("admin: events: %w", err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		e := &Event{}
		if err := rows.Scan(&e.ID, &e.At, &e.ActorOperatorID, &e.ActorLabel, &e.ObjectType, &e.ObjectID, &e.Reason,
			&e.OperationName, &e.RequestID, &e.Before, &e.After); err != nil {
			return nil, false, 0, fmt.Errorf("admin: events: %w", err)
		}
		e.At = e.At.UTC()
		events = append(events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, false, 0, fmt.Errorf("admin: events: %w", err)
	}
	if len(events) > limit {
		return events[:limit], true, total, nil
	}
	return events, false, total, nil
}
