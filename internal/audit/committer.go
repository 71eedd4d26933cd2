package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/database"
)

// Committer appends the read events of concurrent requests to the chain in
// groups (group commit): while one group is being written, the requests
// that finish meanwhile queue up, and the next group takes them all in one
// statement. Each request's Append returns only when the group holding its
// events has committed (or failed), so a response never leaves before its
// audit records are in the database.
//
// A group is one INSERT … SELECT FROM unnest(…) that takes the chain's
// advisory lock itself, so it runs as a transaction of its own in one round
// trip, with one statement text whatever the group's size. It chains its
// rows to the last hash this process appended; when another process (or a
// write's transaction) has appended since, the unique index on prev_hash
// refuses the group, and the committer writes it again in a transaction
// that holds the lock while it reads the end of the chain. The chain
// therefore stays one line across any number of processes, and a process
// that appends alone never reads it.
//
// The zero value is not usable: use NewCommitter. A Committer keeps no
// goroutine of its own: the request that finds no group being written
// starts one that writes the queue's groups until it is empty.
type Committer struct {
	db  bun.IDB
	now func() time.Time

	mu      sync.Mutex
	queue   []*pendingGroup
	writing bool
	head    []byte // last hash this process appended; nil: read it first
}

type pendingGroup struct {
	rows []row
	done chan error
}

// NewCommitter returns a committer appending through db (a *bun.DB).
func NewCommitter(db bun.IDB) *Committer { return &Committer{db: db} }

// Append appends events (stamped with the committer's clock when they have
// no time) and returns when they are committed. On error nothing of events
// was written, except when ctx ended while waiting: the events may still be
// written, and the caller must treat the append as failed either way.
func (c *Committer) Append(ctx context.Context, events []Event) error {
	if len(events) == 0 {
		return nil
	}
	now := time.Now()
	if c.now != nil {
		now = c.now()
	}
	rows := make([]row, len(events))
	for i := range events {
		r, err := toRow(&events[i], now)
		if err != nil {
			return fmt.Errorf("audit: event %d (%s): %w", i, events[i].Action, err)
		}
		rows[i] = r
	}
	p := &pendingGroup{rows: rows, done: make(chan error, 1)}
	c.mu.Lock()
	c.queue = append(c.queue, p)
	lead := !c.writing
	c.writing = true
	c.mu.Unlock()
	if lead {
		go c.drain()
	}
	select {
	case err := <-p.done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("audit: waiting for the commit: %w", ctx.Err())
	}
}

// drain writes the queued groups until none is left.
func (c *Committer) drain() {
	for {
		c.mu.Lock()
		batch := c.queue
		c.queue = nil
		if len(batch) == 0 {
			c.writing = false
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
		var rows []row
		for _, p := range batch {
			rows = append(rows, p.rows...)
		}
		// The group's statement must not be cut by one request's deadline:
		// every request of the group waits for it.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err := c.write(ctx, rows)
		cancel()
		for _, p := range batch {
			p.done <- err
		}
	}
}

// write appends rows after the end of the chain: in one statement chained
// to the end this process last wrote; when another writer has moved the
// end since (the unique index on prev_hash refuses the group), in a
// transaction that takes the chain's lock, reads the end and appends.
func (c *Committer) write(ctx context.Context, rows []row) error {
	q, ok := database.Bound(c.db)
	if !ok {
		return errors.New("audit: the committer needs a database/sql handle")
	}
	if c.head != nil {
		args, last := groupArgs(c.head, rows)
		_, err := q.ExecContext(ctx, groupInsert, args...)
		if err == nil {
			c.head = last
			return nil
		}
		c.head = nil
		if !isChainConflict(err) {
			return fmt.Errorf("audit: append %d events: %w", len(rows), err)
		}
	}
	err := c.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		tq, _ := database.Bound(tx)
		if _, err := tq.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, chainLock); err != nil {
			return fmt.Errorf("lock the chain: %w", err)
		}
		head, err := chainEnd(ctx, tq)
		if err != nil {
			return err
		}
		args, last := groupArgs(head, rows)
		if _, err := tq.ExecContext(ctx, groupInsert, args...); err != nil {
			return err
		}
		c.head = last
		return nil
	})
	if err != nil {
		c.head = nil
		return fmt.Errorf("audit: append %d events: %w", len(rows), err)
	}
	return nil
}

// chainEnd reads the hash of the last row (GenesisHash for an empty trail).
func chainEnd(ctx context.Context, q database.Querier) ([]byte, error) {
	var last []byte
	err := q.QueryRowContext(ctx, `SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1`).Scan(&last)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return GenesisHash, nil
	case err != nil:
		return nil, fmt.Errorf("audit: read the end of the chain: %w", err)
	}
	return last, nil
}

// isChainConflict reports whether err is the unique index on prev_hash
// refusing a group chained to an end that is no longer the end.
func isChainConflict(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "23505" && pg.ConstraintName == "audit_event_prev_hash_idx"
}

// groupInsert appends a group: one array parameter per column, one text
// for every group size. The lock is taken before the first row is made.
var groupInsert = `WITH chain_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock($1))
` + insertColumns[:strings.Index(insertColumns, "VALUES")] + `
SELECT g.at, g.actor_operator_id, g.actor_api_client_id, g.actor_label, g.session_kind, g.request_id,
	g.operation_name, g.action, g.citizen_id, g.zone_id, g.object_type, g.object_id, g.tiers::text[], g.reason,
	g.emergency, g.search_shape::jsonb, g.before::jsonb, g.after::jsonb, g.prev_hash, g.hash
FROM chain_lock, unnest($2::timestamptz[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[],
	$8::text[], $9::text[], $10::bigint[], $11::bigint[], $12::text[], $13::bigint[], $14::text[], $15::text[],
	$16::boolean[], $17::text[], $18::text[], $19::text[], $20::bytea[], $21::bytea[])
	WITH ORDINALITY AS g(at, actor_operator_id, actor_api_client_id, actor_label, session_kind, request_id,
	operation_name, action, citizen_id, zone_id, object_type, object_id, tiers, reason, emergency,
	search_shape, before, after, prev_hash, hash, n)
ORDER BY g.n`

// groupArgs chains rows after prev and returns the statement's arguments
// and the hash of the last row.
func groupArgs(prev []byte, rows []row) ([]any, []byte) {
	n := len(rows)
	var (
		at                         = make([]time.Time, n)
		actorOp, actorClient       = make([]*int64, n), make([]*int64, n)
		label, kind, reqID, action = make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		opName, objType, reason    = make([]*string, n), make([]*string, n), make([]*string, n)
		citizen, zone, objID       = make([]*int64, n), make([]*int64, n), make([]*int64, n)
		tiers                      = make([]string, n)
		emergency                  = make([]bool, n)
		shape, before, after       = make([]*string, n), make([]*string, n), make([]*string, n)
		prevs, hashes              = make([][]byte, n), make([][]byte, n)
		buf                        []byte
	)
	text := func(b []byte) *string {
		if b == nil {
			return nil
		}
		s := string(b)
		return &s
	}
	for i := range rows {
		r := &rows[i]
		var h []byte
		h, buf = chainHash(prev, r, buf)
		at[i], actorOp[i], actorClient[i], label[i], kind[i] = r.At, r.ActorOperatorID, r.ActorAPIClientID, r.ActorLabel, r.SessionKind
		reqID[i], opName[i], action[i], citizen[i], zone[i] = r.RequestID, r.OperationName, r.Action, r.CitizenID, r.ZoneID
		objType[i], objID[i], reason[i], emergency[i] = r.ObjectType, r.ObjectID, r.Reason, r.Emergency
		tiers[i] = "{" + strings.Join(r.Tiers, ",") + "}"
		shape[i], before[i], after[i] = text(r.SearchShape), text(r.Before), text(r.After)
		prevs[i], hashes[i] = prev, h
		prev = h
	}
	return []any{chainLock, at, actorOp, actorClient, label, kind, reqID, opName, action, citizen, zone, objType,
		objID, tiers, reason, emergency, shape, before, after, prevs, hashes}, prev
}
