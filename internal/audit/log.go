package audit

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/apperr"
)

// chainLock is the advisory lock (pg_advisory_xact_lock) that serializes
// appends to the chain. It differs from the locks of migrate and seed.
const chainLock int64 = 0x5150_0a0d

// Log is the audit trail in the database. DB is a *bun.DB (Append then runs
// in a transaction of its own) or a bun.Tx (Append runs in the caller's
// transaction: a write and its audit record commit or roll back together).
// Now is the clock for events without a time (time.Now when nil).
type Log struct {
	DB  bun.IDB
	Now func() time.Time
}

// With returns a copy of the log working in db, typically a write's
// transaction.
func (l *Log) With(db bun.IDB) *Log { return &Log{DB: db, Now: l.Now} }

func (l *Log) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// Append writes the events at the end of the chain, in their order, with
// one INSERT. It takes the chain's advisory lock, which is held until the
// transaction ends: in a caller's transaction, append as late as possible.
// Events without a time get the log's clock. Nothing is written when an
// event is invalid (unknown action, session kind or tier; no actor label;
// before/after/shape that do not encode to JSON). When DB is a bun.Tx and
// Append fails, the caller's transaction must be rolled back. The caller's
// transaction must be READ COMMITTED (the default): under REPEATABLE READ a
// snapshot older than the last append would chain to a stale end, which the
// unique prev_hash index refuses, so the append fails.
func (l *Log) Append(ctx context.Context, events []Event) error {
	if len(events) == 0 {
		return nil
	}
	now := l.now()
	rows := make([]row, len(events))
	for i := range events {
		r, err := toRow(&events[i], now)
		if err != nil {
			return fmt.Errorf("audit: event %d (%s): %w", i, events[i].Action, err)
		}
		rows[i] = r
	}
	if l.DB == nil {
		return errors.New("audit: Log has no DB")
	}
	return inTx(ctx, l.DB, func(tx bun.Tx) error { return appendRows(ctx, tx, rows) })
}

func toRow(e *Event, now time.Time) (row, error) {
	r := row{
		At:          e.At,
		ActorLabel:  e.ActorLabel,
		SessionKind: string(e.SessionKind),
		RequestID:   e.RequestID,
		Action:      string(e.Action),
		Tiers:       normalizeTiers(e.Tiers),
		Emergency:   e.Emergency,
	}
	if r.At.IsZero() {
		r.At = now
	}
	r.At = r.At.UTC().Truncate(time.Microsecond)
	if !validAction(e.Action) {
		return r, fmt.Errorf("unknown action %q", e.Action)
	}
	if !validKind(e.SessionKind) {
		return r, fmt.Errorf("unknown session kind %q", e.SessionKind)
	}
	if strings.TrimSpace(e.ActorLabel) == "" {
		return r, errors.New("no actor label")
	}
	for _, t := range r.Tiers {
		if !isTier(t) {
			return r, fmt.Errorf("unknown tier %q", t)
		}
	}
	r.ActorOperatorID = optInt64(e.ActorOperatorID)
	r.ActorAPIClientID = optInt64(e.ActorAPIClientID)
	r.OperationName = optString(e.OperationName)
	r.CitizenID = optInt64(e.CitizenID)
	r.ZoneID = optInt64(int64(e.ZoneID))
	r.ObjectType = optString(e.ObjectType)
	r.ObjectID = optInt64(e.ObjectID)
	r.Reason = optString(e.Reason)
	var err error
	if e.SearchShape != nil {
		if r.SearchShape, err = marshalCanonical(e.SearchShape); err != nil {
			return r, fmt.Errorf("search shape: %w", err)
		}
	}
	if r.Before, err = marshalCanonical(e.Before); err != nil {
		return r, fmt.Errorf("before: %w", err)
	}
	if r.After, err = marshalCanonical(e.After); err != nil {
		return r, fmt.Errorf("after: %w", err)
	}
	return r, nil
}

func isTier(t string) bool {
	for _, x := range Tiers {
		if t == x {
			return true
		}
	}
	return false
}

func optInt64(n int64) *int64 {
	if n == 0 {
		return nil
	}
	return &n
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func jsonArg(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

const insertColumns = `INSERT INTO audit_event (at, actor_operator_id, actor_api_client_id, actor_label, session_kind,
	request_id, operation_name, action, citizen_id, zone_id, object_type, object_id, tiers, reason, emergency,
	search_shape, before, after, prev_hash, hash) VALUES `

const insertRow = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?)`

// appendRows chains and inserts rows inside tx.
func appendRows(ctx context.Context, tx bun.Tx, rows []row) error {
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", chainLock); err != nil {
		return fmt.Errorf("audit: lock the chain: %w", err)
	}
	prev := GenesisHash
	var last []byte
	err := tx.QueryRowContext(ctx, "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1").Scan(&last)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("audit: read the end of the chain: %w", err)
	default:
		prev = last
	}
	var q strings.Builder
	q.WriteString(insertColumns)
	args := make([]any, 0, len(rows)*20)
	var buf []byte
	for i := range rows {
		r := &rows[i]
		var h []byte
		h, buf = chainHash(prev, r, buf)
		if i > 0 {
			q.WriteString(",\n")
		}
		q.WriteString(insertRow)
		args = append(args, r.At, r.ActorOperatorID, r.ActorAPIClientID, r.ActorLabel, r.SessionKind,
			r.RequestID, r.OperationName, r.Action, r.CitizenID, r.ZoneID, r.ObjectType, r.ObjectID,
			"{"+strings.Join(r.Tiers, ",")+"}", r.Reason, r.Emergency,
			jsonArg(r.SearchShape), jsonArg(r.Before), jsonArg(r.After), prev, h)
		prev = h
	}
	if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
		return fmt.Errorf("audit: insert %d events: %w", len(rows), err)
	}
	return nil
}

// VerifyResult is the outcome of Verify.
type VerifyResult struct {
	// Checked is the number of rows read.
	Checked int64
	// OK is true when every row's hash is the hash of its content chained
	// to the row before it.
	OK bool
	// FirstBrokenID is the id of the first row that does not verify (0 when
	// OK), Broken the number of such rows and Problem what is wrong with the
	// first one.
	FirstBrokenID int64
	Broken        int64
	Problem       string
	// LastID and LastHash are the end of the chain (hex), to be noted
	// elsewhere: the chain alone cannot show that rows were cut off its end.
	LastID   int64
	LastHash string
}

// verifyPage is the number of rows read per query by Verify.
const verifyPage = 10000

// Verify walks the whole chain in id order, 10,000 rows per query, and
// recomputes every hash. A row is broken when its prev_hash is not the
// stored hash of the row before it (a row was removed, inserted or
// reordered) or its hash is not the hash of its content (the row was
// changed); the walk goes on to the end, comparing each row with the hash
// stored in the row before it, so one changed row is reported once.
func (l *Log) Verify(ctx context.Context) (VerifyResult, error) {
	var res VerifyResult
	prev := GenesisHash
	var lastID int64
	var buf []byte
	for {
		n, err := l.verifyPage(ctx, &res, &prev, &lastID, &buf)
		if err != nil {
			return res, err
		}
		if n < verifyPage {
			break
		}
	}
	res.OK = res.Broken == 0
	res.LastID = lastID
	if lastID != 0 {
		res.LastHash = hex.EncodeToString(prev)
	}
	return res, nil
}

func (l *Log) verifyPage(ctx context.Context, res *VerifyResult, prev *[]byte, lastID *int64, buf *[]byte) (int, error) {
	rows, err := l.DB.QueryContext(ctx, `SELECT id, at, actor_operator_id, actor_api_client_id, actor_label, session_kind,
		request_id, operation_name, action, citizen_id, zone_id, object_type, object_id, to_json(tiers)::text, reason,
		emergency, search_shape::text, before::text, after::text, prev_hash, hash
		FROM audit_event WHERE id > ? ORDER BY id LIMIT ?`, *lastID, verifyPage)
	if err != nil {
		return 0, fmt.Errorf("audit: verify: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var (
			id                                   int64
			r                                    row
			operator, client, citizen, zone, oid sql.NullInt64
			operation, objectType, reason        sql.NullString
			tiers                                string
			shape, before, after                 sql.NullString
			prevHash, hash                       []byte
		)
		if err := rows.Scan(&id, &r.At, &operator, &client, &r.ActorLabel, &r.SessionKind, &r.RequestID, &operation,
			&r.Action, &citizen, &zone, &objectType, &oid, &tiers, &reason, &r.Emergency, &shape, &before, &after,
			&prevHash, &hash); err != nil {
			return n, fmt.Errorf("audit: verify: %w", err)
		}
		n++
		res.Checked++
		r.ActorOperatorID, r.ActorAPIClientID = nullInt(operator), nullInt(client)
		r.CitizenID, r.ZoneID, r.ObjectID = nullInt(citizen), nullInt(zone), nullInt(oid)
		r.OperationName, r.ObjectType, r.Reason = nullString(operation), nullString(objectType), nullString(reason)
		problem := ""
		if err := json.Unmarshal([]byte(tiers), &r.Tiers); err != nil {
			problem = "unreadable tiers"
		}
		for _, j := range []struct {
			src sql.NullString
			dst *[]byte
		}{{shape, &r.SearchShape}, {before, &r.Before}, {after, &r.After}} {
			if !j.src.Valid {
				continue
			}
			c, err := canonicalJSON([]byte(j.src.String))
			if err != nil {
				problem = "unreadable JSON"
			}
			if c == nil {
				c = []byte("null") // a stored JSON null was never written by Append
			}
			*j.dst = c
		}
		if problem == "" && !bytes.Equal(prevHash, *prev) {
			problem = "prev_hash is not the hash of the row before"
		}
		if problem == "" {
			var want []byte
			want, *buf = chainHash(prevHash, &r, *buf)
			if !bytes.Equal(want, hash) {
				problem = "hash does not match the row's content"
			}
		}
		if problem != "" {
			if res.Broken == 0 {
				res.FirstBrokenID, res.Problem = id, problem
			}
			res.Broken++
		}
		*prev, *lastID = hash, id
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("audit: verify: %w", err)
	}
	return n, nil
}

func nullInt(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}

func nullString(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

// Page selects a page of a newest-first list: First entries (1 to 100, 20
// when 0) after the entry whose Cursor is After ("" for the first page).
type Page struct {
	First int
	After string
}

func (p Page) limit() (int, error) {
	switch {
	case p.First == 0:
		return 20, nil
	case p.First < 1 || p.First > 100:
		return 0, apperr.BadInput("first", "first must be between 1 and 100")
	}
	return p.First, nil
}

// Entry is an event of a citizen's trail, as shown to the DPO: who, when,
// what, which tiers, why, under which operation and client. It carries no
// before/after values (the DPO does not read the citizen's data).
type Entry struct {
	ID               int64
	At               time.Time
	ActorOperatorID  int64
	ActorAPIClientID int64
	ActorLabel       string
	// ActorDisplayName is the operator's current display name ("" for API
	// clients and the system).
	ActorDisplayName string
	SessionKind      SessionKind
	RequestID        string
	OperationName    string
	Action           Action
	CitizenID        int64
	ZoneID           int
	ObjectType       string
	ObjectID         int64
	Tiers            []string
	Reason           string
	Emergency        bool
	// Cursor locates the entry for Page.After.
	Cursor string
}

func encodeCursor(at time.Time, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(at.UnixMicro(), 10) + ":" + strconv.FormatInt(id, 10)))
}

func decodeCursor(c string) (time.Time, int64, error) {
	bad := apperr.BadInput("after", "not a cursor of this list")
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return time.Time{}, 0, bad
	}
	a, i, ok := strings.Cut(string(b), ":")
	if !ok {
		return time.Time{}, 0, bad
	}
	us, err1 := strconv.ParseInt(a, 10, 64)
	id, err2 := strconv.ParseInt(i, 10, 64)
	if err1 != nil || err2 != nil || id <= 0 {
		return time.Time{}, 0, bad
	}
	return time.UnixMicro(us).UTC(), id, nil
}

// Trail returns the events about a citizen, newest first (by time, then
// id), one page at a time; hasNext tells whether older entries follow.
func (l *Log) Trail(ctx context.Context, citizenID int64, page Page) (entries []Entry, hasNext bool, err error) {
	limit, err := page.limit()
	if err != nil {
		return nil, false, err
	}
	q := l.DB.NewSelect().TableExpr("audit_event AS ae").
		ColumnExpr(`ae.id, ae.at, coalesce(ae.actor_operator_id, 0), coalesce(ae.actor_api_client_id, 0), ae.actor_label,
			coalesce(op.display_name, ''), ae.session_kind, ae.request_id, coalesce(ae.operation_name, ''), ae.action,
			ae.citizen_id, coalesce(ae.zone_id, 0), coalesce(ae.object_type, ''), coalesce(ae.object_id, 0),
			to_json(ae.tiers)::text, coalesce(ae.reason, ''), ae.emergency`).
		Join("LEFT JOIN operator AS op ON op.id = ae.actor_operator_id").
		Where("ae.citizen_id = ?", citizenID).
		OrderExpr("ae.at DESC, ae.id DESC").
		Limit(int64(limit + 1))
	if page.After != "" {
		at, id, err := decodeCursor(page.After)
		if err != nil {
			return nil, false, err
		}
		q = q.Where("(ae.at, ae.id) < (?, ?)", at, id)
	}
	rows, err := q.Rows(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("audit: trail: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e Entry
		var tiers string
		if err := rows.Scan(&e.ID, &e.At, &e.ActorOperatorID, &e.ActorAPIClientID, &e.ActorLabel, &e.ActorDisplayName,
			&e.SessionKind, &e.RequestID, &e.OperationName, &e.Action, &e.CitizenID, &e.ZoneID, &e.ObjectType,
			&e.ObjectID, &tiers, &e.Reason, &e.Emergency); err != nil {
			return nil, false, fmt.Errorf("audit: trail: %w", err)
		}
		if err := json.Unmarshal([]byte(tiers), &e.Tiers); err != nil {
			return nil, false, fmt.Errorf("audit: trail tiers: %w", err)
		}
		e.At = e.At.UTC()
		e.Cursor = encodeCursor(e.At, e.ID)
		entries = append(entries, e)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("audit: trail: %w", err)
	}
	if len(entries) > limit {
		return entries[:limit], true, nil
	}
	return entries, false, nil
}

// TrailCount returns the number of events about a citizen.
func (l *Log) TrailCount(ctx context.Context, citizenID int64) (int, error) {
	var n int
	if err := l.DB.QueryRowContext(ctx, "SELECT count(*) FROM audit_event WHERE citizen_id = ?", citizenID).Scan(&n); err != nil {
		return 0, fmt.Errorf("audit: count trail: %w", err)
	}
	return n, nil
}

// EmergencyEntry is a declared emergency access ("break the glass").
type EmergencyEntry struct {
	ID                  int64
	OperatorID          int64
	OperatorUsername    string
	OperatorDisplayName string
	CitizenID           int64
	ZoneID              int // 0 when none was recorded
	Reason              string
	StartedAt           time.Time
	ExpiresAt           time.Time
}

// EmergencyAccesses lists the emergency accesses started at or after since,
// newest first, at most limit (1 to 100) of them, in the given zones (nil:
// in every zone, including accesses without a zone; an empty slice: none).
func (l *Log) EmergencyAccesses(ctx context.Context, zoneIDs []int, since time.Time, limit int) ([]EmergencyEntry, error) {
	if limit < 1 || limit > 100 {
		return nil, apperr.BadInput("first", "first must be between 1 and 100")
	}
	if zoneIDs != nil && len(zoneIDs) == 0 {
		return []EmergencyEntry{}, nil
	}
	q := l.DB.NewSelect().TableExpr("emergency_access AS e").
		ColumnExpr(`e.id, e.operator_id, op.username, op.display_name, e.citizen_id, coalesce(e.zone_id, 0), e.reason,
			e.started_at, e.expires_at`).
		Join("JOIN operator AS op ON op.id = e.operator_id").
		Where("e.started_at >= ?", since).
		OrderExpr("e.started_at DESC, e.id DESC").
		Limit(int64(limit))
	if zoneIDs != nil {
		q = q.Where("e.zone_id IN (?)", bun.List(zoneIDs))
	}
	rows, err := q.Rows(ctx)
	if err != nil {
		return nil, fmt.Errorf("audit: emergency accesses: %w", err)
	}
	defer rows.Close()
	out := []EmergencyEntry{}
	for rows.Next() {
		var e EmergencyEntry
		if err := rows.Scan(&e.ID, &e.OperatorID, &e.OperatorUsername, &e.OperatorDisplayName, &e.CitizenID, &e.ZoneID,
			&e.Reason, &e.StartedAt, &e.ExpiresAt); err != nil {
			return nil, fmt.Errorf("audit: emergency accesses: %w", err)
		}
		e.StartedAt, e.ExpiresAt = e.StartedAt.UTC(), e.ExpiresAt.UTC()
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("audit: emergency accesses: %w", err)
	}
	return out, nil
}
