// Package database opens SISO's PostgreSQL connection pool with bun over
// pgx, and counts the statements sent (tests and /metrics).
package database

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Options tune the pool.
type Options struct {
	MaxOpenConns int
	MaxIdleConns int
	// Counter, when set, counts every statement the pool sends.
	Counter *Counter
}

// Open connects to url and checks the connection.
func Open(ctx context.Context, url string, opts Options) (*bun.DB, error) {
	sqldb, err := OpenSQL(url, opts.Counter)
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

// OpenSQL opens a database/sql pool over pgx for url; counter (may be nil)
// counts its statements. Statements with bind parameters are prepared once
// per connection and text (pgx's statement cache), so a query shape is
// planned once rather than on every call.
func OpenSQL(url string, counter *Counter) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	if counter != nil {
		cfg.Tracer = counter
	}
	if _, set := cfg.RuntimeParams["plan_cache_mode"]; !set {
		cfg.RuntimeParams["plan_cache_mode"] = "force_generic_plan"
	}
	// No JIT compilation: SISO's statements are short, and a generic plan
	// whose estimated cost passes jit_above_cost (the lists filtered by
	// relationship, a dashboard's aggregates) spent 0.1 to 4.6 s compiling
	// at 1,000,000 citizens for statements that run in milliseconds. A URL
	// may still ask for it (jit=on).
	if _, set := cfg.RuntimeParams["jit"]; !set {
		cfg.RuntimeParams["jit"] = "off"
	}
	return stdlib.OpenDB(*cfg), nil
}

// Counter counts the statements sent to PostgreSQL (every query, exec,
// BEGIN and COMMIT; prepares are not statements of their own), except the
// housekeeping marked with Uncounted. It is a pgx tracer, so it sees what
// bun and direct pgx use alike send.
type Counter struct {
	n       atomic.Int64
	observe atomic.Pointer[func(ctx context.Context, sql string)]
}

// Observe makes the counter call f with the text of every statement before
// it is sent (nil: stop), from the goroutine that sends it: tests that show
// which statements ran, or that make one slow. It may be called while the
// pool is in use.
func (c *Counter) Observe(f func(ctx context.Context, sql string)) {
	if f == nil {
		c.observe.Store(nil)
		return
	}
	c.observe.Store(&f)
}

var _ pgx.QueryTracer = (*Counter)(nil)

// TraceQueryStart implements pgx.QueryTracer.
func (c *Counter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	if ctx.Value(uncountedKey{}) != nil {
		return ctx
	}
	c.n.Add(1)
	if f := c.observe.Load(); f != nil {
		(*f)(ctx, d.SQL)
	}
	return ctx
}

// Uncounted marks ctx as the context of a process's housekeeping (the
// exchange of the cost budgets with the other processes), whose statements
// the Counter leaves out: it counts what requests cost.
func Uncounted(ctx context.Context) context.Context {
	return context.WithValue(ctx, uncountedKey{}, true)
}

type uncountedKey struct{}

// TraceQueryEnd implements pgx.QueryTracer.
func (c *Counter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// Count returns the statements counted so far.
func (c *Counter) Count() int64 {
	if c == nil {
		return 0
	}
	return c.n.Load()
}

// Reset sets the count to zero.
func (c *Counter) Reset() { c.n.Store(0) }

// Querier is what database/sql's DB, Tx and Conn share.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Bound returns the database/sql handle under a bun handle, through which
// a statement with $n placeholders is sent with its arguments as bind
// parameters (bun would write them into the text). ok is false for a
// handle of another kind.
func Bound(db bun.IDB) (q Querier, ok bool) {
	switch h := db.(type) {
	case *bun.DB:
		return h.DB, true
	case bun.Tx:
		return h.Tx, true
	case bun.Conn:
		return h.Conn, true
	}
	return nil, false
}
