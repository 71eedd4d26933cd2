package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/siso-project/siso/internal/database"
)

// BudgetExchange shares the cost budgets' spending between the processes
// on one database (limits.Exchange) through cost_budget_spend (migration
// 0016). Each process appends what it charged and reads what the others
// appended after the last row it saw. A row whose insert commits after a
// later-numbered one was read is missed: the budgets are a defence against
// floods, where such a row is one second of one process's spending.
type BudgetExchange struct {
	q       database.Querier
	process string

	mu       sync.Mutex
	started  bool
	lastSeen int64 // the last row read
	seen     int64 // the last row of the latest sums
	pruned   time.Time
}

// NewBudgetExchange returns the exchange of a new process over s's database.
func (s *Store) NewBudgetExchange() (*BudgetExchange, error) {
	q, ok := database.Bound(s.DB)
	if !ok {
		return nil, errors.New("budget exchange: needs a database/sql handle")
	}
	id := make([]byte, 8)
	if _, err := rand.Read(id); err != nil {
		return nil, fmt.Errorf("budget exchange: process id: %w", err)
	}
	return &BudgetExchange{q: q, process: hex.EncodeToString(id)}, nil
}

// budgetRowsTTL is how long a row of spending matters.
const budgetRowsTTL = 2 * time.Minute

// Exchange implements limits.Exchange: it reads the others' spending, then
// appends this process's; when the append fails, what was read is still
// returned with the error.
func (x *BudgetExchange) Exchange(ctx context.Context, spent map[string]int64) (map[string]int64, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	ctx = database.Uncounted(ctx) // housekeeping, not a request's cost
	others := map[string]int64{}
	if !x.started {
		// A process that starts counts what the others spent in the last
		// minute (a bucket refills in one), then what comes after.
		if err := x.q.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM cost_budget_spend`).Scan(&x.lastSeen); err != nil {
			return nil, fmt.Errorf("budget exchange: %w", err)
		}
		if err := x.sums(ctx, others, `SELECT budget_key, sum(units)::bigint, max(id) FROM cost_budget_spend
			WHERE id <= $1 AND process <> $2 AND at > now() - interval '1 minute' GROUP BY budget_key`); err != nil {
			return nil, err
		}
		x.started = true
	}
	last := x.lastSeen
	if err := x.sums(ctx, others, `SELECT budget_key, sum(units)::bigint, max(id) FROM cost_budget_spend
		WHERE id > $1 AND process <> $2 GROUP BY budget_key`); err != nil {
		return nil, err
	}
	x.lastSeen = max(last, x.seen)
	keys, units := make([]string, 0, len(spent)), make([]int64, 0, len(spent))
	for k, u := range spent {
		if u > 0 {
			keys, units = append(keys, k), append(units, u)
		}
	}
	if len(keys) > 0 {
		if _, err := x.q.ExecContext(ctx, `INSERT INTO cost_budget_spend (process, budget_key, units)
			SELECT $1, k, u FROM unnest($2::text[], $3::bigint[]) AS s(k, u)`, x.process, keys, units); err != nil {
			return others, fmt.Errorf("budget exchange: append: %w", err)
		}
	}
	if now := time.Now(); now.Sub(x.pruned) > budgetRowsTTL/2 {
		// A prune that fails is tried again with the next exchange; the
		// spending was shared all the same.
		if _, err := x.q.ExecContext(ctx, `DELETE FROM cost_budget_spend WHERE at < now() - $1::interval`,
			fmt.Sprintf("%d seconds", int(budgetRowsTTL.Seconds()))); err == nil {
			x.pruned = now
		}
	}
	return others, nil
}

// sums adds to into the other processes' spending per key that query
// ($1: the last row seen, $2: this process) returns, and notes the last
// row it read in x.seen.
func (x *BudgetExchange) sums(ctx context.Context, into map[string]int64, query string) error {
	rows, err := x.q.QueryContext(ctx, query, x.lastSeen, x.process)
	if err != nil {
		return fmt.Errorf("budget exchange: read: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var u, id int64
		if err := rows.Scan(&k, &u, &id); err != nil {
			return fmt.Errorf("budget exchange: read: %w", err)
		}
		into[k] += u
		x.seen = max(x.seen, id)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("budget exchange: read: %w", err)
	}
	return nil
}
