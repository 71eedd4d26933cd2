// Package database opens SISO's PostgreSQL connection pool with bun and
// offers a query hook that counts statements (used by tests and metrics).
package database

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Options tune the pool.
type Options struct {
	MaxOpenConns int
	MaxIdleConns int
}

// Open connects to url and checks the connection.
func Open(ctx context.Context, url string, opts Options) (*bun.DB, error) {
	sqldb, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if opts.MaxOpenConns == 0 {
		opts.MaxOpenConns = 20
	}
	if opts.MaxIdleConns == 0 {
		opts.MaxIdleConns = opts.MaxOpenConns
	}
	sqldb.SetMaxOpenConns(opts.MaxOpenConns)
	sqldb.SetMaxIdleConns(opts.MaxIdleConns)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	db := bun.NewDB(sqldb, pgdialect.New())
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return db, nil
}

// Counter is a bun query hook that counts the statements run.
type Counter struct {
	n atomic.Int64
}

var _ bun.QueryHook = (*Counter)(nil)

// BeforeQuery implements bun.QueryHook.
func (c *Counter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }

// AfterQuery implements bun.QueryHook.
func (c *Counter) AfterQuery(_ context.Context, _ *bun.QueryEvent) { c.n.Add(1) }

// Count returns the statements counted so far.
func (c *Counter) Count() int64 { return c.n.Load() }

// Reset sets the count to zero.
func (c *Counter) Reset() { c.n.Store(0) }
